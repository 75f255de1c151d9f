// The needle tab of the left panel: the needle tool, how the needle is aimed (along the view or
// by two angles), its length and gauge, the one margin, taking it out, and its readout.
// ImGui only; reads the AppState and returns Commands like the rest of the panel.
#pragma once

#include "state/app_state.h"
#include "ui/widgets.h"

#include <vector>

namespace sura::ui {

/// The words for a direction of tilt round the skin's perpendicular: "toward the knee",
/// "lateral", "toward the foot", "medial", or between two of them ("toward the knee and
/// lateral").
std::string towardWords(double towardDeg);

/// Draws the needle controls and, when a needle is shown, its readout (needleSections) into
/// the current window. Remembers "needle:tool", "needle:aim_view", "needle:aim_angles",
/// "needle:tilt", "needle:toward", "needle:length", "needle:gauge", "needle:margin" and
/// "needle:remove".
void drawNeedleTab(const AppState& state, std::vector<Command>& out, ItemMap& items);

} // namespace sura::ui
