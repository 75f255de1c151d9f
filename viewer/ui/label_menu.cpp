#include "ui/label_menu.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace sura::ui {

namespace {

// Choosing which parts are labelled is asking to see labels: they are turned on with it.
void setList(const AppState& state, std::vector<StructureLabel> only, std::vector<Command>& out) {
  out.push_back(command::SetLabelList{std::move(only)});
  if (!state.labels.shown) {
    out.push_back(command::ShowLabels{true, state.labels.language});
  }
}

} // namespace

void drawLabelMenu(const AppState& state, const Structure& structure, std::vector<Command>& out,
                   ItemMap& items) {
  // Opened by hand rather than by BeginPopupContextItem: that one opens where keyboard
  // navigation last was (after a key such as P, the top of the panel), not at the pointer.
  if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
    ImGui::OpenPopup("labels");
  }
  ImGui::SetNextWindowPos(ImGui::GetIO().MousePos, ImGuiCond_Appearing);
  // A width from the start: wrapped text in a window still sizing itself makes it a column of
  // single words on its first frame, so tall that ImGui puts it at the top of the screen.
  ImGui::SetNextWindowSize(ImVec2(18.0f * ImGui::GetFontSize(), 0.0f), ImGuiCond_Appearing);
  if (!ImGui::BeginPopup("labels")) {
    return;
  }
  const std::vector<StructureLabel>& only = state.labels.only;
  const auto listed = std::find_if(only.begin(), only.end(), [&](const StructureLabel& l) {
    return l.structure == structure.id;
  });
  ImGui::TextDisabled("Labels (B)");
  if (only.empty()) {
    if (ImGui::MenuItem("Label only this part")) {
      setList(state, {{structure.id, ""}}, out);
    }
    remember(items, "labelmenu:only");
    softText("Every part seen is labelled now; after this, only the parts you choose here.");
  } else {
    bool labelled = listed != only.end();
    // Unticking the last part chosen would leave nothing to label: it labels every part again.
    const bool last = labelled && only.size() == 1;
    if (ImGui::MenuItem(last ? "Labelled (untick: every part seen again)" : "Labelled", nullptr,
                        &labelled)) {
      std::vector<StructureLabel> next = only;
      if (labelled) {
        next.push_back({structure.id, ""});
      } else {
        next.erase(next.begin() + (listed - only.begin()));
      }
      setList(state, std::move(next), out);
    }
    remember(items, "labelmenu:label");
    if (listed != only.end()) {
      std::array<char, kMaxLabelTextBytes + 1> words{};
      std::strncpy(words.data(), listed->text.c_str(), kMaxLabelTextBytes);
      ImGui::SetNextItemWidth(16.0f * ImGui::GetFontSize());
      if (ImGui::InputTextWithHint("##words", structure.name.c_str(), words.data(), words.size())) {
        std::vector<StructureLabel> next = only;
        next[static_cast<std::size_t>(listed - only.begin())].text = words.data();
        setList(state, std::move(next), out);
      }
      remember(items, "labelmenu:words");
      // Each key is applied as typed (the label changes at once); Enter closes the menu with
      // them, Esc (ImGui's own) puts back the words the field started with.
      if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
        ImGui::CloseCurrentPopup();
      }
      softText("Your words for its label (empty: its name); Enter keeps them.");
    }
    if (ImGui::MenuItem("Label every part seen")) {
      setList(state, {}, out);
    }
    remember(items, "labelmenu:all");
  }
  ImGui::EndPopup();
}

} // namespace sura::ui
