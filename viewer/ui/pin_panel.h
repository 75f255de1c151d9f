// The pins tab of the left panel: the pin tool, the list of pins (numbered as in the view),
// each with Frame, Move and Delete, and the note of the pin in focus in a text box. ImGui
// only; reads the AppState and returns Commands like the rest of the panel.
#pragma once

#include "state/app_state.h"
#include "ui/widgets.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace sura::ui {

/// A pin's line in the list: "3. Soleus: first line of the note".
std::string pinListLine(std::size_t index, const Pin& pin, const Atlas& atlas);

class PinPanel {
public:
  /// Draws the tab's content into the current window. Remembers "pins:tool", "pins:note" (the
  /// note of the pin in focus), and for pin i (from 0) "pins:<i>" (its line: focuses it),
  /// "pins:<i>:frame", "pins:<i>:move", "pins:<i>:delete".
  void draw(const AppState& state, const Atlas& atlas, std::vector<Command>& out, ItemMap& items);

  /// True once per newly placed pin: the panel opens this tab and the note takes the keys.
  bool takeNewPin(const AppState& state);

private:
  std::array<char, kMaxPinTextBytes + 1> note_{};
  std::optional<std::size_t> editing_; ///< the pin whose note note_ holds
  std::string loaded_;                 ///< its note as last read from the state
  std::size_t lastCount_ = 0;
  bool focusNote_ = false;
  bool noteActive_ = false; ///< the note box had the keyboard in the last frame
};

} // namespace sura::ui
