#include "ui/widgets.h"

#include <imgui.h>

#include <algorithm>

namespace sura::ui {

namespace {

// Readable on the dark panel and on a washed-out projector: light blue headings, light
// blue links, amber cautions (the line also says "Caution", so colour is not the only cue).
const ImVec4 kHeadingColor(0.55f, 0.80f, 1.00f, 1.0f);
const ImVec4 kLinkColor(0.60f, 0.85f, 1.00f, 1.0f);
const ImVec4 kCautionColor(1.00f, 0.66f, 0.25f, 1.0f);

const ImVec4 kSoftColor(0.78f, 0.80f, 0.84f, 1.0f);

} // namespace

void wrappedText(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
}

void tooltip(const char* text) {
  const float width = std::min(24.0f * ImGui::GetFontSize(), 0.9f * ImGui::GetIO().DisplaySize.x);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(width);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void softText(const std::string& text, bool wrap) {
  ImGui::PushStyleColor(ImGuiCol_Text, kSoftColor);
  if (wrap) {
    wrappedText(text);
  } else {
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  }
  ImGui::PopStyleColor();
}

void remember(ItemMap& items, const std::string& key) {
  if (!ImGui::IsItemVisible()) {
    return;
  }
  const ImVec2 lo = ImGui::GetItemRectMin();
  const ImVec2 hi = ImGui::GetItemRectMax();
  items[key] = ItemRect{lo.x, lo.y, hi.x, hi.y};
}

bool wrappedSelectable(const char* id, const std::string& text, bool selected, bool besideFrame) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize());
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  // Beside a check box, ImGui already moves a selectable down to the box's text line.
  if (besideFrame) {
    pos.y += ImGui::GetStyle().FramePadding.y;
  }
  const bool pressed = ImGui::Selectable(id, selected, 0, ImVec2(width, size.y));
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos,
                                      ImGui::GetColorU32(ImGuiCol_Text), text.c_str(), nullptr,
                                      width);
  return pressed;
}

BoldText::BoldText() {
  const ImFontAtlas* fonts = ImGui::GetIO().Fonts;
  if (fonts->Fonts.Size > 1) {
    ImGui::PushFont(fonts->Fonts[1]);
    pushed_ = true;
  }
}

BoldText::~BoldText() {
  if (pushed_) {
    ImGui::PopFont();
  }
}

std::string drawCardSections(const Card& card, const std::string& prefix, ItemMap& items) {
  std::string clicked;
  for (const CardSection& section : card.sections) {
    ImGui::Spacing();
    {
      BoldText bold;
      ImGui::PushStyleColor(ImGuiCol_Text, kHeadingColor);
      wrappedText(section.heading);
      ImGui::PopStyleColor();
    }
    // One line reads as a paragraph; several as a list.
    const bool bullets = section.lines.size() > 1;
    for (const CardLine& line : section.lines) {
      if (bullets) {
        ImGui::Bullet();
      }
      if (line.caution) {
        ImGui::PushStyleColor(ImGuiCol_Text, kCautionColor);
      } else if (!line.triggerPoint.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kLinkColor);
      }
      if (!line.triggerPoint.empty()) {
        const std::string id = "##link:" + line.triggerPoint;
        if (wrappedSelectable(id.c_str(), line.text + "  (show it)", false)) {
          clicked = line.triggerPoint;
        }
        remember(items, prefix + "trp:" + line.triggerPoint);
      } else {
        wrappedText(line.text);
      }
      if (line.caution || !line.triggerPoint.empty()) {
        ImGui::PopStyleColor();
      }
    }
  }
  return clicked;
}

} // namespace sura::ui
