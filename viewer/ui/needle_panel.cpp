#include "ui/needle_panel.h"

#include "ui/cards.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace sura::ui {

namespace {

// Lines of the tab above the readout kept at least for the readout when the panel is short.
constexpr float kMinReadoutRows = 4.0f;

void changeSettings(const NeedleSettings& settings, std::vector<Command>& out) {
  out.push_back(command::SetNeedleSettings{settings});
}

} // namespace

std::string towardWords(double towardDeg) {
  static const std::array<const char*, 8> words{
      "toward the knee", "toward the knee and lateral", "lateral", "toward the foot, lateral",
      "toward the foot", "toward the foot, medial",     "medial",  "toward the knee and medial"};
  const long sector = std::lround(std::fmod(std::fmod(towardDeg, 360.0) + 360.0, 360.0) / 45.0);
  return words[static_cast<std::size_t>(sector % 8)];
}

void drawNeedleTab(const AppState& state, std::vector<Command>& out, ItemMap& items) {
  const NeedleSettings& now = state.needleSettings;
  bool tool = state.needleTool;
  if (ImGui::Checkbox("Needle tool (N)", &tool)) {
    out.push_back(command::SetNeedleTool{tool});
  }
  remember(items, "needle:tool");
  softText("With the tool, a click on the leg puts the needle in there; Ctrl+drag moves its "
           "entry over the skin.");

  // Aim: along the view it was put in from (or at its trigger point), or by two angles.
  const bool atPoint = state.needle && !state.needle->request.triggerPoint.empty();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Aim");
  ImGui::SameLine();
  if (ImGui::RadioButton(atPoint ? "At its trigger point" : "Along the view", !now.byAngles) &&
      now.byAngles) {
    NeedleSettings s = now;
    s.byAngles = false;
    changeSettings(s, out);
  }
  remember(items, "needle:aim_view");
  ImGui::SameLine();
  if (ImGui::RadioButton("By angles", now.byAngles) && !now.byAngles) {
    NeedleSettings s = now;
    s.byAngles = true;
    changeSettings(s, out);
  }
  remember(items, "needle:aim_angles");
  ImGui::BeginDisabled(!now.byAngles);
  const float sliderWidth = ImGui::GetContentRegionAvail().x * 0.55f;
  float tilt = static_cast<float>(now.tiltDeg);
  ImGui::SetNextItemWidth(sliderWidth);
  if (ImGui::SliderFloat("Tilt from perpendicular", &tilt, 0.0f,
                         static_cast<float>(kMaxNeedleTiltDeg), "%.0f deg",
                         ImGuiSliderFlags_AlwaysClamp) &&
      std::lround(tilt) != std::lround(now.tiltDeg)) {
    NeedleSettings s = now;
    s.tiltDeg = static_cast<double>(std::lround(tilt));
    changeSettings(s, out);
  }
  remember(items, "needle:tilt");
  float toward = static_cast<float>(now.towardDeg);
  char towardFormat[64];
  std::snprintf(towardFormat, sizeof towardFormat, "%%.0f deg, %s",
                towardWords(now.towardDeg).c_str());
  ImGui::SetNextItemWidth(sliderWidth);
  if (ImGui::SliderFloat("Toward", &toward, 0.0f, 360.0f, towardFormat,
                         ImGuiSliderFlags_AlwaysClamp) &&
      std::lround(toward) != std::lround(now.towardDeg)) {
    NeedleSettings s = now;
    s.towardDeg = static_cast<double>(std::lround(toward));
    changeSettings(s, out);
  }
  remember(items, "needle:toward");
  ImGui::EndDisabled();

  // Length and gauge: the standard needles only.
  char current[64];
  if (now.lengthMm > 0.0) {
    std::snprintf(current, sizeof current, "%.0f mm", now.lengthMm);
  } else {
    std::snprintf(current, sizeof current, "Chosen (%.0f mm out)", kNeedleOutsideMm);
  }
  ImGui::SetNextItemWidth(sliderWidth);
  if (ImGui::BeginCombo("Length", current)) {
    if (ImGui::Selectable("Chosen: the shortest leaving 5 mm out", now.lengthMm == 0.0)) {
      NeedleSettings s = now;
      s.lengthMm = 0.0;
      changeSettings(s, out);
    }
    for (const double length : kNeedleLengthsMm) {
      char label[32];
      std::snprintf(label, sizeof label, "%.0f mm", length);
      if (ImGui::Selectable(label, now.lengthMm == length)) {
        NeedleSettings s = now;
        s.lengthMm = length;
        changeSettings(s, out);
      }
    }
    ImGui::EndCombo();
  }
  remember(items, "needle:length");
  std::snprintf(current, sizeof current, "%.2f mm", now.gaugeMm);
  ImGui::SetNextItemWidth(sliderWidth);
  if (ImGui::BeginCombo("Gauge", current)) {
    for (const double gauge : kNeedleGaugesMm) {
      char label[32];
      std::snprintf(label, sizeof label, "%.2f mm", gauge);
      if (ImGui::Selectable(label, now.gaugeMm == gauge)) {
        NeedleSettings s = now;
        s.gaugeMm = gauge;
        changeSettings(s, out);
      }
    }
    ImGui::EndCombo();
  }
  remember(items, "needle:gauge");
  // The one caution distance of the readout and of the card of a click.
  float margin = static_cast<float>(now.marginMm);
  ImGui::SetNextItemWidth(sliderWidth);
  if (ImGui::SliderFloat("Margin", &margin, 1.0f, 20.0f, "%.0f mm", ImGuiSliderFlags_AlwaysClamp) &&
      std::lround(margin) != std::lround(now.marginMm)) {
    NeedleSettings s = now;
    s.marginMm = static_cast<double>(std::lround(margin));
    changeSettings(s, out);
  }
  remember(items, "needle:margin");
  if (ImGui::IsItemHovered()) {
    tooltip("A nerve or vessel nearer the needle than this is warned of, here and on "
            "the card of a clicked point");
  }
  ImGui::BeginDisabled(!state.needle);
  if (ImGui::Button("Frame needle")) {
    out.push_back(command::FrameNeedle{});
  }
  remember(items, "needle:frame");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    tooltip("Look at the needle from the side, its whole length in view");
  }
  ImGui::SameLine();
  if (ImGui::Button("Remove needle")) {
    out.push_back(command::RemoveNeedle{});
  }
  remember(items, "needle:remove");
  ImGui::EndDisabled();
  ImGui::Separator();

  if (!state.needle) {
    wrappedText("No needle. Needle a trigger point from its card (Trigger points tab), or turn "
                "on the needle tool and click the leg.");
    return;
  }
  if (!state.needle->readout) {
    softText("Placing the needle ...");
    return;
  }
  const float rows = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("needle_readout",
                    ImVec2(0.0f, std::max(rows, kMinReadoutRows * ImGui::GetFrameHeight())));
  Card card;
  card.sections = needleSections(*state.needle->readout);
  drawCardSections(card, "needle:", items);
  ImGui::EndChild();
}

} // namespace sura::ui
