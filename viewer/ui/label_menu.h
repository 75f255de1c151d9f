// The teacher's own labels, chosen in the Layers list: a right-click on a part's name opens a
// menu to label only the parts chosen, each in the teacher's words, or every part seen again
// (AppState::labels.only; saved with the scene). Reads the state and returns commands.
#pragma once

#include "atlas/atlas.h"
#include "state/app_state.h"
#include "ui/widgets.h"

#include <vector>

namespace sura::ui {

/// The menu of `structure`, opened by a right-click on the item drawn last (its name).
/// Remembers "labelmenu:only", "labelmenu:label", "labelmenu:words" and "labelmenu:all"
/// while it is open.
void drawLabelMenu(const AppState& state, const Structure& structure, std::vector<Command>& out,
                   ItemMap& items);

} // namespace sura::ui
