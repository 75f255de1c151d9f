#include "ui/label_overlay.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace sura::ui {

namespace {

// In ems of the font: room round the text, the leader's width and the anchor's dot.
constexpr float kPadX = 0.35f;
constexpr float kPadY = 0.12f;
constexpr float kLine = 0.09f;
constexpr float kDot = 0.2f;

ImFont* lineFont(bool first) {
  const ImFontAtlas* fonts = ImGui::GetIO().Fonts;
  // The name in bold (when the bold face was found), the Latin under it in the regular one.
  return first && fonts->Fonts.Size > 1 ? fonts->Fonts[1] : fonts->Fonts[0];
}

float fontPixels() {
  return ImGui::GetIO().Fonts->Fonts[0]->FontSize;
}

glm::vec2 textSize(bool first, const std::string& text) {
  const ImVec2 size = lineFont(first)->CalcTextSizeA(fontPixels(), FLT_MAX, 0.0f, text.c_str());
  return {size.x, size.y};
}

} // namespace

glm::dvec2 labelBoxSize(const std::vector<std::string>& lines, std::size_t firstLines,
                        float pixelRatio) {
  const float em = fontPixels();
  glm::vec2 size{0.0f};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const glm::vec2 line = textSize(i < firstLines, lines[i]);
    size.x = std::max(size.x, line.x);
    size.y += line.y;
  }
  size += 2.0f * glm::vec2(kPadX * em, kPadY * em);
  return glm::dvec2(size) * static_cast<double>(pixelRatio);
}

void drawLabels(ImDrawList& list, const std::vector<ViewLabel>& labels, float pixelRatio) {
  const float em = fontPixels();
  const auto at = [pixelRatio](glm::dvec2 p) {
    return ImVec2(static_cast<float>(p.x / pixelRatio), static_cast<float>(p.y / pixelRatio));
  };
  const ImU32 ink = IM_COL32(25, 25, 25, 255);
  const ImU32 halo = IM_COL32(255, 255, 255, 200);
  const ImU32 latin = IM_COL32(45, 60, 110, 255);
  // Trigger points' labels are edged in the cyan of their marks.
  const ImU32 pointEdge = IM_COL32(0, 125, 150, 255);
  const float line = std::max(1.0f, kLine * em);
  // Leaders first, each on a pale halo that keeps it visible on dark muscle and pale bone,
  // then the boxes over them, so no line runs over a word.
  // A trigger point's leader stops at the edge of its mark, which it must not hide.
  const auto start = [](const ViewLabel& label) {
    const glm::dvec2 a = label.placement.anchor;
    const glm::dvec2 toBox = label.placement.lineEnd - a;
    const double length = std::sqrt(toBox.x * toBox.x + toBox.y * toBox.y);
    return label.markRadius > 0.0 && length > label.markRadius
               ? a + toBox * (label.markRadius / length)
               : a;
  };
  for (const ViewLabel& label : labels) {
    const ImVec2 a = at(start(label));
    const ImVec2 b = at(label.placement.lineEnd);
    list.AddLine(a, b, halo, 3.0f * line);
    list.AddLine(a, b, ink, line);
  }
  for (const ViewLabel& label : labels) {
    if (label.markRadius > 0.0) {
      continue;
    }
    const ImVec2 a = at(label.placement.anchor);
    list.AddCircleFilled(a, kDot * em + line, ink);
    list.AddCircleFilled(a, kDot * em, IM_COL32(255, 255, 255, 255));
  }
  for (const ViewLabel& label : labels) {
    const Box& box = label.placement.box;
    const ImVec2 p0 = at({box.x0, box.y0});
    const ImVec2 p1 = at({box.x1, box.y1});
    list.AddRectFilled(p0, p1, IM_COL32(kLabelFill[0], kLabelFill[1], kLabelFill[2], 255),
                       0.15f * em);
    list.AddRect(p0, p1, label.triggerPoint ? pointEdge : ink, 0.15f * em, 0,
                 label.triggerPoint ? 2.0f * line : line);
    float y = p0.y + kPadY * em;
    for (std::size_t i = 0; i < label.lines.size(); ++i) {
      const bool first = i < label.firstLines;
      list.AddText(lineFont(first), fontPixels(), ImVec2(p0.x + kPadX * em, y), first ? ink : latin,
                   label.lines[i].c_str());
      y += textSize(first, label.lines[i]).y;
    }
  }
}

} // namespace sura::ui
