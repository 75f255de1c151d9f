// The panel's labels control, under the view buttons: a check box to show the names of the
// parts seen, with leader lines (the B key does the same), and the language they are in.
// Reads the state and returns commands.
#pragma once

#include "state/app_state.h"
#include "ui/widgets.h"

#include <vector>

namespace sura::ui {

/// Draws the controls. Remembers "check:labels", "labels:en", "labels:la" and "labels:both"
/// in `items`.
void drawLabelControls(const AppState& state, std::vector<Command>& out, ItemMap& items);

} // namespace sura::ui
