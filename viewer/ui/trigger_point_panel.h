// The trigger-point tab of the left panel: show all / hide all, "where does it hurt?" search,
// the points grouped by muscle with a check box each, and the focused point's card.
// ImGui only; reads the AppState and returns Commands like the rest of the panel.
#pragma once

#include "clinical/clinical.h"
#include "state/app_state.h"
#include "ui/widgets.h"

#include <array>
#include <string>
#include <vector>

namespace sura::ui {

class TriggerPointPanel {
public:
  /// Draws the controls and the list into the current window. Remembers "trp:show_all",
  /// "trp:hide_all", "trp:search" (the text box), "search:<id>" (a hit), "trp_group:<muscle>"
  /// (a muscle's check box), "trp_shown:<id>" (a point's check box), "trp:<id>" (its name;
  /// a point not placed on this atlas has none) and "trp:skipped" (the fold listing what this
  /// atlas cannot show, when there is any). Above the list, a line says when the points lie on
  /// a generated envelope.
  void drawList(const AppState& state, const Atlas& atlas, const Clinical& clinical,
                std::vector<Command>& out, ItemMap& items);

  /// Draws the focused point's card sections under a check box that shows its referred pain
  /// (the title row, with Frame and Clear, is the caller's) and the "Needle this point"
  /// button. Remembers "trp_card:referred" and "trp_card:needle".
  void drawCard(const AppState& state, const Atlas& atlas, const Clinical& clinical,
                std::vector<Command>& out, ItemMap& items);

  /// What the search box holds.
  std::string query() const { return query_.data(); }
  /// Fills the search box (a script, or a command-line flag); longer text is cut to fit.
  void setQuery(const std::string& query);

private:
  /// What of the manifest's trigger points this atlas cannot show, and why, folded under a
  /// title with the count.
  void drawSkipped(const Atlas& atlas, const Clinical& clinical, ItemMap& items);
  void drawSearch(const AppState& state, const Atlas& atlas, const Clinical& clinical,
                  std::vector<Command>& out, ItemMap& items);

  std::array<char, 96> query_{};
};

} // namespace sura::ui
