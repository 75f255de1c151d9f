#include "ui/info_panel.h"

#include <imgui.h>

namespace sura::ui {

void drawSelectionCard(const AppState& state, const Atlas& atlas, std::vector<Command>& out,
                       ItemMap& items) {
  const Card card = selectionCard(state, atlas);
  if (card.title.empty()) {
    return;
  }
  const std::string clicked = drawCardSections(card, "card:", items);
  if (!clicked.empty()) {
    out.push_back(command::SelectTriggerPoint{clicked});
  }
}

bool hoverTooltipWanted(const AppState& state, float panelWidth) {
  if (state.hovered.empty()) {
    return false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsMousePosValid(&io.MousePos) || io.MousePos.x < panelWidth) {
    return false;
  }
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow) || ImGui::IsAnyItemActive()) {
    return false;
  }
  for (bool down : io.MouseDown) {
    if (down) {
      return false;
    }
  }
  return true;
}

void drawHoverTooltip(const AppState& state, const Atlas& atlas, float panelWidth) {
  if (!hoverTooltipWanted(state, panelWidth)) {
    return;
  }
  const Structure* s = atlas.find(state.hovered);
  if (!s) {
    return;
  }
  ImGui::BeginTooltip();
  {
    BoldText bold;
    ImGui::TextUnformatted(s->name.c_str());
  }
  if (!s->latin.empty()) {
    softText(s->latin, false); // a tooltip sizes itself to its text: nothing to wrap to
  }
  ImGui::EndTooltip();
}

} // namespace sura::ui
