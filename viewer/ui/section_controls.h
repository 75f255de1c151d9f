// The panel's controls for the safety map and the section, after the UI size (on its line when
// they fit): a check box for the map with its legend and its disclaimer, a check box for the
// section with a slider for its level (mm below the knee joint line, with t beside it). They
// read the state and return commands.
#pragma once

#include "atlas/atlas.h"
#include "state/app_state.h"
#include "ui/widgets.h"

#include <optional>
#include <vector>

namespace sura::ui {

class SectionControls {
public:
  /// Draws the controls; `mapReady` false says the map is still being worked out. Remembers
  /// "check:safety_map", "check:section" and "slider:section" in `items`.
  void draw(const AppState& state, const Atlas& atlas, bool mapReady, std::vector<Command>& out,
            ItemMap& items);

private:
  /// The height the section box brings back: the last one shown, else t 0.30.
  std::optional<double> lastZ_;
};

} // namespace sura::ui
