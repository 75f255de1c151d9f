// The layer panel and the help overlay: Dear ImGui windows that read the AppState and the
// atlas and return Commands. They never change the state themselves and know nothing of VTK
// or of the window system, so `sura render` and the tests draw exactly what a person sees.
#pragma once

#include "app/app_state.h"
#include "clinical/clinical.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sura::ui {

/// One line of the help overlay.
struct Shortcut {
  std::string keys;
  std::string action;
};

/// Keyboard and mouse shortcuts, in the order the help overlay lists them.
const std::vector<Shortcut>& shortcuts();

/// The command a typed character stands for ('p' peels, '1'..'5' pick a view, ...), or
/// nullopt. Upper and lower case mean the same.
std::optional<Command> commandForKey(unsigned int character, const AppState& state);

/// The panel's width in pixels for a font size and a display width: wide enough for the
/// longest names at that size, never more than half the display.
float panelWidth(float fontPixels, float displayWidth);

/// Structures of a group in the order the panel lists them: the top level of the group
/// (no parent, or a parent in another group) by atlas `layer`, superficial first, then
/// manifest order.
std::vector<const Structure*> topLevelOfGroup(const Atlas& atlas, const std::string& group);

/// Children of a structure, by layer then manifest order.
std::vector<const Structure*> childrenOf(const Atlas& atlas, const std::string& id);

/// Where an item of the panel was drawn, in ImGui display units (window coordinates).
struct ItemRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float centerX() const { return 0.5f * (x0 + x1); }
  float centerY() const { return 0.5f * (y0 + y1); }
};

class Panel {
public:
  /// Draws the panel along the left edge of the display, full height, and the help overlay
  /// when it is open, inside the current ImGui frame (between ImGui::NewFrame and
  /// ImGui::Render). Typed shortcut keys count too. Returns the user's commands in order.
  /// `clinical` holds the atlas's trigger points as placed on its meshes.
  std::vector<Command> draw(const AppState& state, const Atlas& atlas, const Clinical& clinical);

  void toggleHelp() { helpShown_ = !helpShown_; }
  bool helpShown() const { return helpShown_; }

  /// 'h' hides the panel so the model gets the whole window; the help overlay still opens.
  void togglePanel() { panelShown_ = !panelShown_; }
  bool panelShown() const { return panelShown_; }

  /// Width of the panel as last drawn, in ImGui display units; 0 when hidden or not yet
  /// drawn. The app keeps the 3D view to the right of it.
  float width() const { return panelShown_ ? width_ : 0.0f; }

  /// Where the last frame drew each control a script or a test may click: "visible:<id>"
  /// (a structure's check box), "group:<group id>", "button:peel", "button:restore",
  /// "button:isolate", "button:show_all", "button:reset", "view:<preset name>". Only items
  /// on screen are listed (the panel scrolls).
  const std::map<std::string, ItemRect>& items() const { return items_; }

private:
  void drawLayerPanel(const AppState& state, const Atlas& atlas, std::vector<Command>& out);
  void drawHelp();
  void readKeys(const AppState& state, std::vector<Command>& out);

  bool helpShown_ = false;
  bool panelShown_ = true;
  float width_ = 0.0f;
  std::map<std::string, ItemRect> items_;
};

} // namespace sura::ui
