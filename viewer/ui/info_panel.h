// The selection's info card (what a click on the leg found, then the structure's card) and
// the tooltip naming the structure under the mouse. ImGui only; the words come from cards.h.
#pragma once

#include "state/app_state.h"
#include "ui/widgets.h"

#include <vector>

namespace sura::ui {

/// Draws the card of the selected structure into the current window (the lower part of the
/// left panel): the picked point's findings when the selection came from a click, then the
/// structure's card. A click on the nearest trigger point issues SelectTriggerPoint.
/// Remembers "card:trp:<id>" (that link). Draws nothing when nothing is selected.
void drawSelectionCard(const AppState& state, const Atlas& atlas, std::vector<Command>& out,
                       ItemMap& items);

/// Whether the hover tooltip should show this frame: something is under the mouse, the mouse
/// is over the 3D view (right of `panelWidth`, over no ImGui window) and no button is held
/// (a drag orbits; a name following the pointer would only be in the way).
bool hoverTooltipWanted(const AppState& state, float panelWidth);

/// The tooltip with the hovered structure's name and Latin name, when hoverTooltipWanted.
void drawHoverTooltip(const AppState& state, const Atlas& atlas, float panelWidth);

} // namespace sura::ui
