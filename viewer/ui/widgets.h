// Small ImGui building blocks the panels share: where an item was drawn (for scripts and
// tests that click it), wrapped clickable text, and a card drawn from ui/cards.h.
#pragma once

#include "ui/cards.h"

#include <map>
#include <string>

namespace sura::ui {

/// Where an item of the panel was drawn, in ImGui display units (window coordinates).
struct ItemRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float centerX() const { return 0.5f * (x0 + x1); }
  float centerY() const { return 0.5f * (y0 + y1); }
};

using ItemMap = std::map<std::string, ItemRect>;

/// Records the last item's rectangle under `key` when it is visible (not scrolled away).
void remember(ItemMap& items, const std::string& key);

/// A selectable row whose text wraps to the available width instead of being clipped: long
/// labels stay whole at any UI scale. `id` is an ImGui id ("##..."), unique in the window.
/// `besideFrame`: the row follows a check box on the same line, so its first line of text
/// sits on the check box's text line and the row is at least as tall as the box.
bool wrappedSelectable(const char* id, const std::string& text, bool selected,
                       bool besideFrame = false);

/// Wrapped text in a softer colour than the body text but far brighter than ImGui's disabled
/// grey, which fades to nothing on a projector: Latin names, hints.
void softText(const std::string& text, bool wrap = true);

/// Wrapped text.
void wrappedText(const std::string& text);

/// A tooltip for the last item, wrapped to a readable width that fits on the screen: ImGui's
/// own runs one line off the window's edge at a large UI size.
void tooltip(const char* text);

/// The bold font when fonts.cpp loaded one, else the normal font: headings on a projector.
struct BoldText {
  BoldText();
  ~BoldText();
  BoldText(const BoldText&) = delete;
  BoldText& operator=(const BoldText&) = delete;

private:
  bool pushed_ = false;
};

/// Draws a card's sections in the current window, text wrapped to its width (the title is the
/// caller's). A line that names a trigger point is a link; returns the id of the link clicked
/// this frame, else empty. Links are remembered as "<prefix>trp:<id>".
std::string drawCardSections(const Card& card, const std::string& prefix, ItemMap& items);

} // namespace sura::ui
