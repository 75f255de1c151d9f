#include "ui/section_controls.h"

#include "picking/mm_text.h"
#include "picking/safety_map.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <iterator>

namespace sura::ui {

namespace {

// The slider runs over the leg, from a little above the knee joint line to the sole.
constexpr double kSliderFromT = -0.1;
constexpr double kSliderToT = 1.1;
constexpr double kFirstSectionT = 0.3;

// The colours of shaders/safety_map.glsl.
const ImVec4 kShallow(0.80f, 0.30f, 0.02f, 1.0f);
const ImVec4 kMiddle(0.98f, 0.88f, 0.45f, 1.0f);
const ImVec4 kDeep(0.05f, 0.40f, 0.70f, 1.0f);

void swatch(const char* id, const ImVec4& color, const char* label) {
  const float side = ImGui::GetFrameHeight() * 0.8f;
  ImGui::ColorButton(id, color, ImGuiColorEditFlags_NoTooltip, ImVec2(side * 1.5f, side));
  ImGui::SameLine();
  ImGui::TextUnformatted(label);
}

} // namespace

void SectionControls::draw(const AppState& state, const Atlas& atlas, bool mapReady,
                           std::vector<Command>& out, ItemMap& items) {
  // The two boxes share a line, the UI size's when they fit there: every line here is one less
  // for the list on a projector.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float boxes = 2.0f * (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x) +
                      ImGui::CalcTextSize("Safety map").x + ImGui::CalcTextSize("Section").x +
                      2.0f * style.ItemSpacing.x;
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < boxes) {
    ImGui::NewLine();
  }
  bool map = state.safetyMap;
  const bool skin = atlas.skin() != nullptr;
  ImGui::BeginDisabled(!skin);
  if (ImGui::Checkbox("Safety map", &map)) {
    out.push_back(command::ShowSafetyMap{map});
  }
  ImGui::EndDisabled();
  remember(items, "check:safety_map");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    tooltip(skin ? ("How deep a needle can go straight in before a nerve, vessel or bone is "
                    "within " +
                    settingMm(state.needleSettings.marginMm) + " (the Needle tab's margin)")
                       .c_str()
                 : "The safety map is painted on the skin, and this atlas has none.");
  }
  const Landmarks& l = atlas.landmarks;
  bool section = state.sectionZ.has_value();
  if (state.sectionZ) {
    lastZ_ = state.sectionZ;
  }
  ImGui::SameLine();
  if (ImGui::Checkbox("Section", &section)) {
    out.push_back(command::SetSection{section
                                          ? std::optional<double>(lastZ_.value_or(
                                                l.kneeJointLineZ - kFirstSectionT * l.legLength))
                                          : std::nullopt});
  }
  remember(items, "check:section");
  if (ImGui::IsItemHovered()) {
    tooltip("Cut the leg across: the part above is taken away, the cut shown in the "
            "corner with thicknesses");
  }
  if (state.sectionZ) {
    float below = static_cast<float>(l.kneeJointLineZ - *state.sectionZ);
    const double t = (l.kneeJointLineZ - *state.sectionZ) / l.legLength;
    char format[64];
    std::snprintf(format, sizeof format, "%%.0f mm below knee, t %.2f", t);
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::SliderFloat("##section", &below, static_cast<float>(kSliderFromT * l.legLength),
                           static_cast<float>(kSliderToT * l.legLength), format,
                           ImGuiSliderFlags_AlwaysClamp)) {
      out.push_back(command::SetSection{l.kneeJointLineZ - std::round(below)});
    }
    remember(items, "slider:section");
  }
  if (state.safetyMap) {
    ImGui::Indent();
    if (!mapReady) {
      ImGui::TextDisabled("Working the map out...");
    }
    ImGui::TextWrapped("Straight in, before a nerve, vessel or bone is within %s (the margin):",
                       settingMm(state.needleSettings.marginMm).c_str());
    // The classes side by side when they fit, and the legends' short disclaimer (the view's
    // legend says the same): the tabs below, the Needle tab's readout among them, keep their
    // room at a large UI size.
    const struct {
      const char* id;
      ImVec4 color;
      SafetyClass c;
    } classes[] = {{"##shallow", kShallow, SafetyClass::Shallow},
                   {"##middle", kMiddle, SafetyClass::Middle},
                   {"##deep", kDeep, SafetyClass::Deep}};
    for (std::size_t i = 0; i < std::size(classes); ++i) {
      const char* label = safetyClassLabel(classes[i].c);
      if (i > 0) {
        const float width = ImGui::GetFrameHeight() * 0.8f * 1.5f + style.ItemSpacing.x +
                            ImGui::CalcTextSize(label).x;
        ImGui::SameLine(0.0f, 2.0f * style.ItemSpacing.x);
        if (ImGui::GetContentRegionAvail().x < width) {
          ImGui::NewLine();
        }
      }
      swatch(classes[i].id, classes[i].color, label);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, style.Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", kSafetyMapDisclaimer);
    ImGui::PopStyleColor();
    ImGui::Unindent();
  }
}

} // namespace sura::ui
