// The layer panel and the help overlay: Dear ImGui windows that read the AppState and the
// atlas and return Commands. They never change the state themselves and know nothing of VTK
// or of the window system, so `sura render` and the tests draw exactly what a person sees.
#pragma once

#include "clinical/clinical.h"
#include "state/app_state.h"
#include "ui/pin_panel.h"
#include "ui/section_controls.h"
#include "ui/teaching_panel.h"
#include "ui/trigger_point_panel.h"
#include "ui/widgets.h"

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
/// nullopt. Upper and lower case mean the same. 't' hides every trigger point when any is
/// shown, else shows them all; 'f' frames the selection, else the trigger point in focus.
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

/// How a check box of the layer list is drawn.
enum class Tick { Off, On, Mixed };

/// The check box of a group or of a structure with parts, over what lies within `roots`:
/// On when every structure with a mesh there is shown, Off when none is, Mixed otherwise
/// (gastrocnemius with one head hidden).
Tick visibilityTick(const AppState& state, const Atlas& atlas,
                    const std::vector<const Structure*>& roots);

class Panel {
public:
  /// The tabs of the left panel.
  enum class Tab { Layers, TriggerPoints, Needle, Pins, Teaching };

  /// Draws the panel along the left edge of the display, full height, and the help overlay
  /// when it is open, inside the current ImGui frame (between ImGui::NewFrame and
  /// ImGui::Render). Typed shortcut keys count too. Returns the user's commands in order.
  /// `clinical` holds the atlas's trigger points as placed on its meshes.
  ///
  /// Under the view buttons are two tabs, each a list above the card of what is in focus: the
  /// layers with the selection's card (what a click on the leg found, then the structure's
  /// card), and the trigger points with the focused point's card. The cards live in the left
  /// panel, never over the 3D view, so they never hide the leg at any UI scale. A new click on
  /// the leg opens the layers tab; a newly focused trigger point opens its tab. When the mouse
  /// rests on the leg, a tooltip names the structure under it (state.hovered).
  std::vector<Command> draw(const AppState& state, const Atlas& atlas, const Clinical& clinical);

  void toggleHelp() { helpShown_ = !helpShown_; }
  bool helpShown() const { return helpShown_; }

  /// 'h' hides the panel so the model gets the whole window; the help overlay still opens.
  void togglePanel() { panelShown_ = !panelShown_; }
  bool panelShown() const { return panelShown_; }

  /// Width of the panel as last drawn, in ImGui display units; 0 when hidden or not yet
  /// drawn. The app keeps the 3D view to the right of it.
  float width() const { return panelShown_ ? width_ : 0.0f; }

  /// The tab shown in the last frame.
  Tab tab() const { return tab_; }
  /// Opens a tab in the next frame.
  void showTab(Tab tab) { pendingTab_ = tab; }

  /// What the trigger-point search box holds.
  std::string triggerPointsQuery() const { return triggerPoints_.query(); }
  /// Fills the trigger-point search box, as if typed.
  void setTriggerPointsQuery(const std::string& query) { triggerPoints_.setQuery(query); }

  /// Whether the card under the list is unfolded (its title row stays either way).
  bool cardOpen() const { return cardOpen_; }

  /// How each check box of the layer list was drawn in the last frame, by its key in items()
  /// ("group:<id>", "visible:<id>").
  const std::map<std::string, Tick>& ticks() const { return ticks_; }
  /// The view button drawn lit in the last frame: the camera still looks from its side.
  std::optional<ViewPreset> litView() const { return litView_; }
  /// The leg whose radio button was drawn chosen in the last frame ("Right leg" or "Left leg").
  std::optional<Side> legShown() const { return legShown_; }
  /// What the notice over the 3D view said in the last frame; empty when there was none.
  const std::string& notice() const { return notice_; }

  /// Whether the safety map is worked out; false: its legend says it is being worked out.
  void setSafetyMapReady(bool ready) { safetyMapReady_ = ready; }

  /// Seconds a notice about a key that did nothing (P with nothing left to peel) stays.
  static constexpr double kNoticeSeconds = 4.0;

  /// Where the last frame drew each control a script or a test may click: "visible:<id>"
  /// (a structure's check box), "name:<id>" (its name: a click selects, a right-click opens
  /// the labels menu of ui/label_menu.h), "group:<group id>", "button:peel", "button:restore",
  /// "button:isolate", "button:show_all", "button:reset", "view:<preset name>", "leg:right",
  /// "leg:left",
  /// "tab:layers", "tab:trigger_points", "card:toggle" (fold the card), "card:split" (the
  /// splitter above it), "card:frame", "card:clear", "card:trp:<id>" (the picked point's nearest
  /// trigger point), "trp_card:frame", "trp_card:clear" (on the trigger point card's title
  /// row), "slider:ui_size", "check:safety_map", "check:section", "slider:section",
  /// "card:section" (Section here, on the card of a click), "layers:warnings" (the atlas's
  /// frame warnings above the layer list, when it has any), and those of
  /// TriggerPointPanel::drawList and drawCard. Only items on screen are listed (the panel scrolls).
  /// Also "tab:needle" and the items of drawNeedleTab (ui/needle_panel.h); "check:labels",
  /// "labels:en", "labels:la", "labels:both" (ui/label_controls.h); "tab:pins", the items of
  /// PinPanel::draw (ui/pin_panel.h), and "card:pin" (Pin here, on the card of a click).
  const std::map<std::string, ItemRect>& items() const { return items_; }

  /// The Teaching tab, the lesson's line and notes above the tabs, and the save and open
  /// dialog (ui/teaching_panel.h); the app answers its requests. Also "tab:teaching".
  TeachingPanel& teaching() { return teaching_; }

private:
  void drawLeftPanel(const AppState& state, const Atlas& atlas, const Clinical& clinical,
                     std::vector<Command>& out);
  void drawControls(const AppState& state, const Atlas& atlas, std::vector<Command>& out);
  void drawLayerList(const AppState& state, const Atlas& atlas, std::vector<Command>& out);
  /// A button on a card's title row.
  struct CardButton {
    std::string label;
    std::string key; ///< in items()
    Command command;
  };
  /// A list above a card: the list in a scrolling child; a splitter to drag; the card's title
  /// row (arrow to fold, title, buttons) and, unfolded, its body in a second scrolling child
  /// filling the rest of the panel.
  template <typename List, typename Body>
  void listAndCard(const char* id, const Card& card, const std::vector<CardButton>& buttons,
                   List&& list, Body&& body, std::vector<Command>& out);
  void drawHelp();
  void readKeys(const AppState& state, const Atlas& atlas, std::vector<Command>& out);
  void drawNotice(const AppState& state, const Atlas& atlas);
  void followState(const AppState& state);

  bool helpShown_ = false;
  bool panelShown_ = true;
  float width_ = 0.0f;
  std::map<std::string, ItemRect> items_;
  std::map<std::string, Tick> ticks_;
  std::optional<ViewPreset> litView_;
  std::optional<Side> legShown_;
  std::string notice_;
  /// ImGui time of the last Peel that had nothing left to peel; negative: none.
  double peelRefusedAt_ = -1.0;
  TriggerPointPanel triggerPoints_;
  PinPanel pins_;
  SectionControls sectionControls_;
  bool safetyMapReady_ = true;
  TeachingPanel teaching_;
  Tab tab_ = Tab::Layers;
  std::optional<Tab> pendingTab_;
  bool cardOpen_ = true;
  /// Share of the free height the list keeps above an unfolded card: half, so that a card
  /// opening does not squeeze the list to a few rows; the user drags the splitter to change it.
  float listShare_ = 0.5f;
  /// The controls above the tabs, as tall as they were drawn last (0: not yet).
  float controlsHeight_ = 0.0f;
  /// Height of each list's content as last drawn, by card id.
  std::map<std::string, float> listContentHeights_;
  /// Height of the splitter and the card's title row as last drawn, by card id.
  std::map<std::string, float> titleBlockHeights_;
  /// The UI size being chosen while its slider is held or typed into; applied on release.
  std::optional<float> uiScaleEdit_;
  std::string lastFocus_;          ///< selectedTriggerPoint in the last frame
  unsigned lastNeedleRequest_ = 0; ///< needleRequest in the last frame
  std::string lastPick_;           ///< the last frame's pick, as text, to notice a new click
  /// The title each card showed last, by card id, to scroll a new card to its top.
  std::map<std::string, std::string> lastCardTitles_;
};

} // namespace sura::ui
