#include "ui/label_controls.h"

#include <imgui.h>

#include <array>
#include <string>

namespace sura::ui {

void drawLabelControls(const AppState& state, std::vector<Command>& out, ItemMap& items) {
  const LabelSettings& labels = state.labels;
  bool shown = labels.shown;
  if (ImGui::Checkbox("Labels (B)", &shown)) {
    out.push_back(command::ShowLabels{shown, labels.language});
  }
  if (ImGui::IsItemHovered()) {
    tooltip("Names with leader lines beside the parts seen. To label only some parts, in your "
            "own words: right-click a part's name in the Layers list.");
  }
  remember(items, "check:labels");
  struct Choice {
    LabelLanguage language;
    const char* text;
  };
  static constexpr std::array<Choice, 3> kChoices{{{LabelLanguage::English, "English"},
                                                   {LabelLanguage::Latin, "Latin"},
                                                   {LabelLanguage::Both, "Both"}}};
  const ImGuiStyle& style = ImGui::GetStyle();
  for (const Choice& choice : kChoices) {
    // On the check box's line while they fit; a narrow panel wraps them.
    const float width =
        ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(choice.text).x;
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) {
      ImGui::NewLine();
    }
    // Choosing a language shows the labels in it: that is what the person wants to see.
    if (ImGui::RadioButton(choice.text, labels.language == choice.language) &&
        (labels.language != choice.language || !labels.shown)) {
      out.push_back(command::ShowLabels{true, choice.language});
    }
    remember(items, "labels:" + std::string(labelLanguageName(choice.language)));
  }
}

} // namespace sura::ui
