#include "ui/panel.h"

#include "ui/info_panel.h"
#include "ui/label_controls.h"
#include "ui/label_menu.h"
#include "ui/needle_panel.h"

#include <imgui.h>
#include <imgui_internal.h> // ImGuiItemFlags_MixedValue: a check box's third state

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace sura::ui {

namespace {

// Of the panel's height, the most the controls above the tabs take (they scroll beyond it).
constexpr float kMaxControlsShare = 0.55f;

// Panel width in multiples of the font size: fits "Gastrocnemius, lateral head" beside
// a check box, a swatch and an opacity slider.
constexpr float kPanelEms = 25.0f;
constexpr float kMaxPanelFraction = 0.5f;
// "100%" with room to spare; any wider and a scrollbar clips the longest names.
constexpr float kSliderEms = 4.2f;

const char* viewLabel(ViewPreset view) {
  switch (view) {
  case ViewPreset::Posterior:
    return "Posterior";
  case ViewPreset::Anterior:
    return "Anterior";
  case ViewPreset::Medial:
    return "Medial";
  case ViewPreset::Lateral:
    return "Lateral";
  case ViewPreset::Oblique:
    return "Oblique";
  case ViewPreset::Inferior:
    return "Below";
  }
  return "";
}

// Rows the list and the card keep at least when the divider between them is dragged: enough
// to see that there is more, so that the person, not the panel, decides which one matters now
// (the list to click through, or the card to read).
constexpr float kMinListRows = 2.0f;
constexpr float kMinCardRows = 2.0f;

bool byLayer(const Structure* a, const Structure* b) {
  return a->layer < b->layer; // stable_sort keeps manifest order within a layer
}

ImVec4 colorOf(const Structure& s) {
  return ImVec4(s.color.r, s.color.g, s.color.b, 1.0f);
}

// Puts the next item of `width` on the current line when it fits, else on a new line.
void flowNext(float width, bool& firstOnLine) {
  if (!firstOnLine) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) {
      ImGui::NewLine();
    }
  }
  firstOnLine = false;
}

// A button that starts a new line when it would not fit on the current one.
bool flowButton(const char* label, bool& firstOnLine) {
  const ImGuiStyle& style = ImGui::GetStyle();
  flowNext(ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * style.FramePadding.x, firstOnLine);
  return ImGui::Button(label);
}

float radioWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label, nullptr, true).x;
}

// A check box that can show a third, mixed state. Returns true when clicked; `value` is then
// what the box asks for: a mixed box asks for On, like an unticked one.
bool tickBox(const char* label, Tick tick, bool& value) {
  value = tick == Tick::On;
  if (tick == Tick::Mixed) {
    ImGui::PushItemFlag(ImGuiItemFlags_MixedValue, true);
  }
  const bool clicked = ImGui::Checkbox(label, &value);
  if (tick == Tick::Mixed) {
    ImGui::PopItemFlag();
  }
  return clicked;
}

// What a click on a group's or a node's box does: ticked, it hides the roots (their parts
// keep their own boxes, as in any tree of check boxes); unticked or mixed, it shows every
// structure within them, so that what the box then says is true.
void setVisibleWithin(const Atlas& atlas, const std::vector<const Structure*>& roots, bool visible,
                      std::vector<Command>& out) {
  for (const Structure* root : roots) {
    if (!visible) {
      out.push_back(command::SetVisible{root->id, false});
      continue;
    }
    for (const Structure& s : atlas.structures) {
      if (isWithin(atlas, s.id, root->id)) {
        out.push_back(command::SetVisible{s.id, true});
      }
    }
  }
}

// Check box, colour swatch, name (click to select) and opacity slider of one structure;
// then its children, indented.
void structureRow(const AppState& state, const Atlas& atlas, const Structure& s, int depth,
                  std::vector<Command>& out, std::map<std::string, ItemRect>& items,
                  std::map<std::string, Tick>& ticks) {
  ImGui::PushID(s.id.c_str());
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  if (depth > 0) {
    ImGui::Indent(static_cast<float>(depth) * ImGui::GetFontSize());
  }
  // A structure with parts says what its parts show; a single one keeps its own box, ticked
  // (and greyed out below) under a hidden ancestor.
  const std::vector<const Structure*> children = childrenOf(atlas, s.id);
  const Tick tick = !children.empty()          ? visibilityTick(state, atlas, {&s})
                    : state.hidden.count(s.id) ? Tick::Off
                                               : Tick::On;
  bool visible = false;
  if (tickBox("##visible", tick, visible)) {
    if (children.empty()) {
      out.push_back(command::SetVisible{s.id, visible});
    } else {
      setVisibleWithin(atlas, {&s}, visible, out);
    }
  }
  remember(items, "visible:" + s.id);
  ticks["visible:" + s.id] = tick;
  ImGui::SameLine();
  if (!s.mesh.empty()) {
    const float swatch = ImGui::GetFrameHeight() * 0.8f;
    ImGui::ColorButton("##color", colorOf(s), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(swatch, ImGui::GetFrameHeight()));
    ImGui::SameLine();
  }
  // A structure under a hidden ancestor reads greyed out, its own check box still set.
  const bool shown = isShown(state, atlas, s.id);
  if (!shown) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  }
  // Wrapped, not clipped: "Gastrocnemius, medial head" stays whole on a narrow panel.
  if (wrappedSelectable("##name", s.name, state.selected == s.id, true)) {
    out.push_back(command::Select{state.selected == s.id ? std::string() : s.id});
  }
  if (!shown) {
    ImGui::PopStyleColor();
  }
  remember(items, "name:" + s.id);
  drawLabelMenu(state, s, out, items); // a right-click on the name
  if (depth > 0) {
    ImGui::Unindent(static_cast<float>(depth) * ImGui::GetFontSize());
  }
  ImGui::TableNextColumn();
  int percent = static_cast<int>(std::lround(opacityOf(state, atlas, s.id) * 100.0f));
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::SliderInt("##opacity", &percent, 0, 100, "%d%%")) {
    out.push_back(command::SetOpacity{s.id, static_cast<float>(percent) / 100.0f});
  }
  ImGui::PopID();
  for (const Structure* child : children) {
    structureRow(state, atlas, *child, depth + 1, out, items, ticks);
  }
}

} // namespace

const std::vector<Shortcut>& shortcuts() {
  static const std::vector<Shortcut> list{
      {"P", "Peel: hide the outermost layer shown"},
      {"R", "Restore the last peeled layer"},
      {"I", "Isolate the selected structure"},
      {"A", "Show all structures"},
      {"X", "Reset layers, opacity, selection and view"},
      {"1 2 3 4 5 6", "Posterior, anterior, medial, lateral, oblique view, from below"},
      {"C", "Reset the camera to the current view"},
      {"L", "Switch between right and left leg"},
      {"T", "Hide the trigger points shown, else show all"},
      {"B", "Labels with leader lines on or off"},
      {"F", "Frame the selection, or the trigger point"},
      {"N", "Needle tool: a click on the leg puts the needle in"},
      {"Ctrl+drag", "Move the needle's entry over the skin"},
      {"H", "Hide or show the panel"},
      {"Ctrl+S, Ctrl+O", "Save the scene, open a scene"},
      {"Page Down, Page Up", "Next, previous scene of the lesson"},
      {"F12", "Screenshot (of the 3D view, or with the panel)"},
      {"F11", "Full screen, or back to the window"},
      {"F1 or ?", "Show or hide this help"},
      {"Left drag", "Orbit around the leg"},
      {"Right or middle drag, Shift+drag", "Pan"},
      {"Wheel", "Zoom"},
      {"Click a name or the leg", "Select a structure; its card shows below"},
      {"Rest the mouse on the leg", "Name the structure under it"},
      {"Click a trigger point", "Show it, its referred pain and its card"},
      {"Esc", "Close this help, else clear the selection"},
  };
  return list;
}

std::optional<Command> commandForKey(unsigned int character, const AppState& state) {
  if (character >= '1' && character < '1' + kViewPresets.size()) {
    return command::SetView{kViewPresets[character - '1']};
  }
  // Upper and lower case mean the same.
  switch (character >= 'A' && character <= 'Z' ? character - 'A' + 'a' : character) {
  case 'p':
    return command::Peel{};
  case 'r':
    return command::Restore{};
  case 'i':
    if (state.selected.empty()) {
      return std::nullopt; // nothing to isolate: a key press is not an error
    }
    return command::Isolate{};
  case 'a':
    return command::ShowAll{};
  case 'x':
    return command::Reset{};
  case 'c':
    return command::SetView{state.view};
  case 'l':
    return command::SetSide{state.side == Side::Right ? Side::Left : Side::Right};
  case 't':
    // Any shown means the user is looking at some: T clears the view; else it shows all.
    return command::ShowTriggerPoints{{}, state.triggerPointsShown.empty()};
  case 'n':
    return command::SetNeedleTool{!state.needleTool};
  case 'b':
    return command::ShowLabels{!state.labels.shown, state.labels.language};
  case 'f':
    if (!state.selected.empty()) {
      return command::FrameSelection{};
    }
    if (!state.selectedTriggerPoint.empty()) {
      return command::FrameTriggerPoint{};
    }
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

Tick visibilityTick(const AppState& state, const Atlas& atlas,
                    const std::vector<const Structure*>& roots) {
  int shown = 0;
  int meshes = 0;
  for (const Structure& s : atlas.structures) {
    const bool within = std::any_of(roots.begin(), roots.end(), [&](const Structure* root) {
      return isWithin(atlas, s.id, root->id);
    });
    if (within && !s.mesh.empty()) {
      ++meshes;
      shown += isShown(state, atlas, s.id) ? 1 : 0;
    }
  }
  if (meshes == 0) { // nothing drawn within: the roots' own boxes
    return std::all_of(roots.begin(), roots.end(),
                       [&](const Structure* root) { return isShown(state, atlas, root->id); })
               ? Tick::On
               : Tick::Off;
  }
  return shown == meshes ? Tick::On : shown == 0 ? Tick::Off : Tick::Mixed;
}

float panelWidth(float fontPixels, float displayWidth) {
  return std::min(kPanelEms * fontPixels, kMaxPanelFraction * displayWidth);
}

std::vector<const Structure*> topLevelOfGroup(const Atlas& atlas, const std::string& group) {
  std::vector<const Structure*> top;
  for (const Structure& s : atlas.structures) {
    if (s.group != group) {
      continue;
    }
    const Structure* parent = s.parent.empty() ? nullptr : atlas.find(s.parent);
    if (!parent || parent->group != group) {
      top.push_back(&s);
    }
  }
  std::stable_sort(top.begin(), top.end(), byLayer);
  return top;
}

std::vector<const Structure*> childrenOf(const Atlas& atlas, const std::string& id) {
  std::vector<const Structure*> children;
  for (const Structure& s : atlas.structures) {
    if (s.parent == id && s.id != id) {
      children.push_back(&s);
    }
  }
  std::stable_sort(children.begin(), children.end(), byLayer);
  return children;
}

std::vector<Command> Panel::draw(const AppState& state, const Atlas& atlas,
                                 const Clinical& clinical) {
  std::vector<Command> out;
  followState(state);
  if (!teaching_.dialogOpen()) {
    readKeys(state, atlas, out); // what is typed in the dialog is no shortcut
  }
  if (panelShown_) {
    drawLeftPanel(state, atlas, clinical, out);
  } else {
    items_.clear();
    ticks_.clear();
    litView_.reset();
    legShown_.reset();
  }
  teaching_.drawDialog(items_);
  drawNotice(state, atlas);
  if (helpShown_) {
    drawHelp();
  }
  drawHoverTooltip(state, atlas, width());
  return out;
}

void Panel::followState(const AppState& state) {
  if (state.needleRequest != lastNeedleRequest_) {
    lastNeedleRequest_ = state.needleRequest;
    if (state.needle) {
      pendingTab_ = Tab::Needle; // a needle put in: its readout
    }
  }
  if (pins_.takeNewPin(state)) {
    pendingTab_ = Tab::Pins; // a new pin: type its note
  }
  if (state.selectedTriggerPoint != lastFocus_) {
    lastFocus_ = state.selectedTriggerPoint;
    if (!lastFocus_.empty()) {
      pendingTab_ = Tab::TriggerPoints;
    }
  }
  std::string pick;
  if (state.pick) {
    char text[96];
    std::snprintf(text, sizeof text, " %.6g %.6g %.6g", state.pick->point.x, state.pick->point.y,
                  state.pick->point.z);
    pick = state.pick->structure + text;
  }
  if (pick != lastPick_) {
    lastPick_ = pick;
    if (!pick.empty() && !state.pick->triggerPointMark.empty()) {
      // A click on a trigger point's mark means the point: its card stays (or opens), not
      // the skin's.
      pendingTab_ = Tab::TriggerPoints;
      cardOpen_ = true;
    } else if (!pick.empty()) {
      // A new click on the leg: show what it found.
      pendingTab_ = Tab::Layers;
      cardOpen_ = true;
      lastCardTitles_.clear(); // read from the top, even when the same structure was hit
    }
  }
}

void Panel::readKeys(const AppState& state, const Atlas& atlas, std::vector<Command>& out) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) {
    return; // typing into a field is not a shortcut; Esc there leaves the field
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    if (helpShown_) {
      helpShown_ = false;
    } else if (state.pinToMove) {
      out.push_back(command::MovePinOnClick{std::nullopt});
    } else if (state.pinTool) {
      out.push_back(command::SetPinTool{false});
    } else if (!state.selected.empty()) {
      out.push_back(command::Select{""});
    } else if (!state.selectedTriggerPoint.empty()) {
      out.push_back(command::SelectTriggerPoint{""});
    }
  }
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    const unsigned int c = io.InputQueueCharacters[i];
    if (c == '?') {
      toggleHelp();
    } else if (c == 'h' || c == 'H') {
      togglePanel();
    } else if ((c == 'p' || c == 'P') && !canPeel(state, atlas)) {
      peelRefusedAt_ = ImGui::GetTime(); // say why nothing happened
    } else if (std::optional<Command> command = commandForKey(c, state)) {
      out.push_back(*command);
    }
  }
}

namespace {

// The frame warnings of an atlas (Atlas::warnings) above the layer list, open under a title
// with their count (a click folds them); `sura check` prints the same lines.
void drawAtlasWarnings(const Atlas& atlas, ItemMap& items) {
  if (atlas.warnings.empty()) {
    return;
  }
  const std::string title =
      "Atlas warnings (" + std::to_string(atlas.warnings.size()) + ")###atlas_warnings";
  const bool open = ImGui::TreeNodeEx(title.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth |
                                                         ImGuiTreeNodeFlags_DefaultOpen);
  remember(items, "layers:warnings");
  if (open) {
    for (const AtlasWarning& w : atlas.warnings) {
      softText(w.field + ": " + w.message);
    }
    ImGui::TreePop();
  }
  ImGui::Separator();
}

} // namespace

void Panel::drawLeftPanel(const AppState& state, const Atlas& atlas, const Clinical& clinical,
                          std::vector<Command>& out) {
  items_.clear();
  ticks_.clear();
  litView_.reset();
  legShown_.reset();
  const ImGuiIO& io = ImGui::GetIO();
  width_ = panelWidth(ImGui::GetFontSize(), io.DisplaySize.x);
  // Fixed place and size on every frame: stable screenshots, nothing to drag away.
  ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width_, io.DisplaySize.y), ImGuiCond_Always);
  // No scroll bar: the list and the card scroll inside; a bar that came and went with a
  // pixel of overflow would narrow the panel and reflow every button for a frame.
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar;
  if (!ImGui::Begin("Layers", nullptr, flags)) {
    ImGui::End();
    return;
  }
  // At a large UI size on a small screen (2 on 1280x800) the controls alone would fill the
  // panel and push the tabs off its bottom: then they get kMaxControlsShare of its height and
  // scroll within it, the tabs and their lists below. Otherwise they are drawn as they are.
  const float controlsCap = kMaxControlsShare * ImGui::GetContentRegionAvail().y;
  if (controlsHeight_ > controlsCap) {
    ImGui::BeginChild("controls", ImVec2(0.0f, controlsCap));
    drawControls(state, atlas, out);
    controlsHeight_ = ImGui::GetCursorPosY();
    ImGui::EndChild();
  } else {
    const float top = ImGui::GetCursorPosY();
    drawControls(state, atlas, out);
    controlsHeight_ = ImGui::GetCursorPosY() - top;
  }
  teaching_.drawStatus(items_, tab_ == Tab::Teaching);

  if (ImGui::BeginTabBar("tabs")) {
    const auto tabFlags = [&](Tab tab) {
      return pendingTab_ == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    const bool layersOpen = ImGui::BeginTabItem("Layers", nullptr, tabFlags(Tab::Layers));
    remember(items_, "tab:layers");
    if (layersOpen) {
      tab_ = Tab::Layers;
      listAndCard(
          "layers", selectionCard(state, atlas),
          {{"Frame (F)", "card:frame", command::FrameSelection{}},
           {"Clear (Esc)", "card:clear", command::Select{""}}},
          [&] {
            drawAtlasWarnings(atlas, items_);
            drawLayerList(state, atlas, out);
          },
          [&] {
            // Cut the leg across at the clicked point (in the card: its title row is full).
            if (state.pick) {
              if (ImGui::SmallButton("Section here")) {
                out.push_back(command::SetSection{state.pick->point.z});
              }
              remember(items_, "card:section");
              ImGui::SameLine();
              if (ImGui::SmallButton("Pin here")) {
                out.push_back(command::AddPin{
                    Pin{state.pick->structure, state.pick->point, state.pick->normal, "", {}}});
              }
              remember(items_, "card:pin");
            }
            drawSelectionCard(state, atlas, out, items_);
          },
          out);
      ImGui::EndTabItem();
    }
    const bool pointsOpen =
        ImGui::BeginTabItem("Trigger points", nullptr, tabFlags(Tab::TriggerPoints));
    remember(items_, "tab:trigger_points");
    if (pointsOpen) {
      tab_ = Tab::TriggerPoints;
      const ResolvedTriggerPoint* focus = clinical.find(state.selectedTriggerPoint);
      listAndCard(
          "trigger_points", focus ? triggerPointCard(*focus, atlas, state.side) : Card{},
          {{"Frame", "trp_card:frame", command::FrameTriggerPoint{}},
           {"Clear", "trp_card:clear", command::SelectTriggerPoint{""}}},
          [&] { triggerPoints_.drawList(state, atlas, clinical, out, items_); },
          [&] { triggerPoints_.drawCard(state, atlas, clinical, out, items_); }, out);
      ImGui::EndTabItem();
    }
    const bool needleOpen = ImGui::BeginTabItem("Needle", nullptr, tabFlags(Tab::Needle));
    remember(items_, "tab:needle");
    if (needleOpen) {
      tab_ = Tab::Needle;
      drawNeedleTab(state, out, items_);
      ImGui::EndTabItem();
    }
    const bool pinsOpen = ImGui::BeginTabItem("Pins", nullptr, tabFlags(Tab::Pins));
    remember(items_, "tab:pins");
    if (pinsOpen) {
      tab_ = Tab::Pins;
      ImGui::BeginChild("pins");
      pins_.draw(state, atlas, out, items_);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    const bool teachingOpen = ImGui::BeginTabItem("Teaching", nullptr, tabFlags(Tab::Teaching));
    remember(items_, "tab:teaching");
    if (teachingOpen) {
      tab_ = Tab::Teaching;
      ImGui::BeginChild("teaching");
      teaching_.drawTab(items_);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  pendingTab_.reset();
  ImGui::End();
}

void Panel::drawControls(const AppState& state, const Atlas& atlas, std::vector<Command>& out) {
  ImGui::TextUnformatted(atlas.name.empty() ? "Sura" : atlas.name.c_str());
  ImGui::Separator();

  // Buttons flow into as few lines as the width allows: every line saved here is a line
  // more for the list and the card on a projector at a large UI size.
  bool first = true;
  const bool peelable = canPeel(state, atlas);
  ImGui::BeginDisabled(!peelable);
  if (flowButton("Peel (P)", first)) {
    out.push_back(command::Peel{});
  }
  ImGui::EndDisabled();
  remember(items_, "button:peel");
  if (!peelable && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    tooltip("Only the innermost layer is left: a peel would leave nothing shown");
  }
  ImGui::BeginDisabled(state.peeled.empty());
  if (flowButton("Restore (R)", first)) {
    out.push_back(command::Restore{});
  }
  remember(items_, "button:restore");
  ImGui::EndDisabled();
  ImGui::BeginDisabled(state.selected.empty());
  if (flowButton("Isolate (I)", first)) {
    out.push_back(command::Isolate{});
  }
  remember(items_, "button:isolate");
  ImGui::EndDisabled();
  if (flowButton("Show all (A)", first)) {
    out.push_back(command::ShowAll{});
  }
  remember(items_, "button:show_all");
  if (flowButton("Reset (X)", first)) {
    out.push_back(command::Reset{});
  }
  remember(items_, "button:reset");
  if (flowButton("Help (F1)", first)) {
    toggleHelp();
  }
  remember(items_, "button:help");

  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("View");
  first = false; // the buttons follow the label
  for (std::size_t i = 0; i < kViewPresets.size(); ++i) {
    char label[32];
    std::snprintf(label, sizeof label, "%s %zu", viewLabel(kViewPresets[i]), i + 1);
    // Lit only while the camera still looks from that side: after a drag it no longer does.
    const bool current = state.atView && state.view == kViewPresets[i];
    if (current) {
      litView_ = kViewPresets[i];
    }
    if (current) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
    }
    if (flowButton(label, first)) {
      out.push_back(command::SetView{kViewPresets[i]});
    }
    remember(items_, "view:" + std::string(viewPresetName(kViewPresets[i])));
    if (current) {
      ImGui::PopStyleColor();
    }
  }
  // The two legs stay together on one line. The leg shown, whichever the atlas holds.
  const bool right = state.side == Side::Right;
  legShown_ = state.side;
  flowNext(radioWidth("Right leg") + ImGui::GetStyle().ItemSpacing.x + radioWidth("Left leg (L)"),
           first);
  if (ImGui::RadioButton("Right leg", right) && !right) {
    out.push_back(command::SetSide{Side::Right});
  }
  remember(items_, "leg:right");
  ImGui::SameLine();
  if (ImGui::RadioButton("Left leg (L)", !right) && right) {
    out.push_back(command::SetSide{Side::Left});
  }
  remember(items_, "leg:left");
  drawLabelControls(state, out, items_);
  // Here, above the list, rather than at the list's end: with a card open the list scrolls,
  // and the control that makes everything readable on a projector must not scroll away.
  // Applied on release (or Enter after Ctrl+click and typing): the font is rebuilt for each
  // new size, and the slider must not move under the pointer while it is dragged. Until then
  // the slider shows the value being chosen, not the state's, or the release would send the
  // old value back.
  float scale = uiScaleEdit_.value_or(state.uiScale);
  ImGui::SetNextItemWidth(kSliderEms * ImGui::GetFontSize() * 1.5f);
  ImGui::SliderFloat("UI size", &scale, kMinUiScale, kMaxUiScale, "%.2f",
                     ImGuiSliderFlags_AlwaysClamp);
  remember(items_, "slider:ui_size");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    out.push_back(command::SetUiScale{scale});
  }
  if (ImGui::IsItemActive()) {
    uiScaleEdit_ = scale;
  } else {
    uiScaleEdit_.reset();
  }
  sectionControls_.draw(state, atlas, safetyMapReady_, out, items_);
  ImGui::Spacing();
}

template <typename List, typename Body>
void Panel::listAndCard(const char* id, const Card& card, const std::vector<CardButton>& buttons,
                        List&& list, Body&& body, std::vector<Command>& out) {
  ImGui::PushID(id);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float available = ImGui::GetContentRegionAvail().y;
  const float arrowWidth = ImGui::GetFrameHeight() + style.ItemSpacing.x;
  float buttonsWidth = 0.0f;
  for (const CardButton& button : buttons) {
    buttonsWidth += ImGui::CalcTextSize(button.label.c_str()).x + 2.0f * style.FramePadding.x +
                    style.ItemSpacing.x;
  }
  // The title beside its buttons while its longest word fits there; else (a large UI size on a
  // narrow panel) the buttons go under it, so that "Gastrocnemius" is never broken in two.
  float longestWord = 0.0f;
  {
    BoldText bold;
    std::size_t start = 0;
    while (start < card.title.size()) {
      std::size_t end = card.title.find(' ', start);
      end = end == std::string::npos ? card.title.size() : end;
      longestWord = std::max(
          longestWord, ImGui::CalcTextSize(card.title.data() + start, card.title.data() + end).x);
      start = end + 1;
    }
  }
  const float fullWrap = ImGui::GetContentRegionAvail().x - arrowWidth;
  const bool buttonsBelow = longestWord > fullWrap - buttonsWidth;
  const float titleWrap = buttonsBelow ? fullWrap : fullWrap - buttonsWidth;
  // Grabbed to move the boundary between list and card; thick enough to hit on a touchpad.
  const float splitterHeight = std::max(style.ItemSpacing.y, 0.4f * ImGui::GetFontSize());
  float listHeight = 0.0f; // fill
  // The splitter and the card's title row: measured in the last frame when there was one (an
  // estimate a pixel short would overflow the panel), else estimated.
  float block = titleBlockHeights_[id];
  if (block <= 0.0f) {
    float titleHeight = 0.0f;
    {
      BoldText bold;
      titleHeight = ImGui::CalcTextSize(card.title.c_str(), nullptr, false, titleWrap).y;
    }
    block = std::max(titleHeight, ImGui::GetFrameHeight()) + splitterHeight +
            2.0f * style.ItemSpacing.y;
    if (buttonsBelow) {
      block += ImGui::GetFrameHeightWithSpacing();
    }
    if (!card.subtitle.empty()) {
      block +=
          ImGui::CalcTextSize(card.subtitle.c_str(), nullptr, false, titleWrap + buttonsWidth).y +
          style.ItemSpacing.y;
    }
  }
  // What list and card body share when the card is unfolded.
  const float shared = std::max(available - block - style.ItemSpacing.y, 0.0f);
  if (!card.title.empty()) {
    if (cardOpen_) {
      // A few rows of each at least, unless the panel is too short for even that.
      const float row = ImGui::GetFrameHeightWithSpacing();
      const float minList = std::min(kMinListRows * row, 0.3f * shared);
      const float maxList = std::max(minList, shared - std::min(kMinCardRows * row, 0.5f * shared));
      listHeight = std::clamp(shared * listShare_, minList, maxList);
      // A short list gives the rest to the card rather than show empty rows.
      const float content = listContentHeights_[id];
      if (content > 0.0f) {
        listHeight = std::min(listHeight, content);
      }
    } else {
      listHeight = -(block + style.ItemSpacing.y);
    }
  }
  ImGui::BeginChild("list", ImVec2(0.0f, listHeight));
  list();
  listContentHeights_[id] = ImGui::GetCursorPosY() - style.ItemSpacing.y;
  ImGui::EndChild();
  if (!card.title.empty()) {
    // The splitter: a line across the panel that can be dragged up or down.
    const float blockTop = ImGui::GetCursorScreenPos().y;
    ImGui::InvisibleButton("##split", ImVec2(-1.0f, splitterHeight));
    remember(items_, "card:split");
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemHovered() || active) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
    }
    if (active && cardOpen_ && shared > 0.0f) {
      listShare_ = std::clamp((listHeight + ImGui::GetIO().MouseDelta.y) / shared, 0.05f, 0.95f);
    }
    const ImVec2 lo = ImGui::GetItemRectMin();
    const ImVec2 hi = ImGui::GetItemRectMax();
    const float middle = 0.5f * (lo.y + hi.y);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(lo.x, middle), ImVec2(hi.x, middle),
                                        ImGui::GetColorU32(active || ImGui::IsItemHovered()
                                                               ? ImGuiCol_SeparatorActive
                                                               : ImGuiCol_Separator),
                                        active || ImGui::IsItemHovered() ? 3.0f : 1.0f);

    if (ImGui::ArrowButton("##fold", cardOpen_ ? ImGuiDir_Down : ImGuiDir_Right)) {
      cardOpen_ = !cardOpen_;
      lastCardTitles_.clear(); // unfolded again, a card starts at its top
    }
    remember(items_, "card:toggle");
    ImGui::SameLine();
    {
      BoldText bold;
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + titleWrap);
      ImGui::TextUnformatted(card.title.c_str());
      ImGui::PopTextWrapPos();
    }
    for (std::size_t i = 0; i < buttons.size(); ++i) {
      if (i == 0 && buttonsBelow) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + arrowWidth);
      } else if (i == 0) {
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - buttonsWidth + style.ItemSpacing.x);
      } else {
        ImGui::SameLine();
      }
      if (ImGui::Button(buttons[i].label.c_str())) {
        out.push_back(buttons[i].command);
      }
      remember(items_, buttons[i].key);
    }
    if (!card.subtitle.empty()) {
      ImGui::Indent(arrowWidth);
      softText(card.subtitle);
      ImGui::Unindent(arrowWidth);
    }
    titleBlockHeights_[id] = ImGui::GetItemRectMax().y - blockTop;
    if (cardOpen_) {
      ImGui::BeginChild("card", ImVec2(0.0f, 0.0f));
      std::string& lastTitle = lastCardTitles_[id];
      if (lastTitle != card.title) {
        lastTitle = card.title;
        ImGui::SetScrollY(0.0f); // a new card starts at its top
      }
      body();
      ImGui::EndChild();
    }
  }
  ImGui::PopID();
}

void Panel::drawLayerList(const AppState& state, const Atlas& atlas, std::vector<Command>& out) {
  std::vector<Group> groups = atlas.groups;
  std::stable_sort(groups.begin(), groups.end(),
                   [](const Group& a, const Group& b) { return a.order < b.order; });
  const float sliderWidth = kSliderEms * ImGui::GetFontSize();
  for (const Group& group : groups) {
    const std::vector<const Structure*> top = topLevelOfGroup(atlas, group.id);
    if (top.empty()) {
      continue;
    }
    ImGui::PushID(group.id.c_str());
    const Tick tick = visibilityTick(state, atlas, top);
    bool groupVisible = false;
    if (tickBox("##group", tick, groupVisible)) {
      setVisibleWithin(atlas, top, groupVisible, out);
    }
    remember(items_, "group:" + group.id);
    ticks_["group:" + group.id] = tick;
    ImGui::SameLine();
    const bool open = ImGui::TreeNodeEx(
        group.name.c_str(), ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth |
                                ImGuiTreeNodeFlags_AllowItemOverlap);
    // The group's opacity slider sets every structure of the group at once.
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - sliderWidth);
    int percent = static_cast<int>(std::lround(opacityOf(state, atlas, top.front()->id) * 100.0f));
    ImGui::SetNextItemWidth(sliderWidth);
    if (ImGui::SliderInt("##group_opacity", &percent, 0, 100, "%d%%")) {
      for (const Structure* s : top) {
        out.push_back(command::SetOpacity{s->id, static_cast<float>(percent) / 100.0f});
      }
    }
    if (open) {
      if (ImGui::BeginTable("structures", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("opacity", ImGuiTableColumnFlags_WidthFixed, sliderWidth);
        for (const Structure* s : top) {
          structureRow(state, atlas, *s, 0, out, items_, ticks_);
        }
        ImGui::EndTable();
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

void Panel::drawNotice(const AppState& state, const Atlas& atlas) {
  notice_.clear();
  if (!anythingShown(state, atlas)) {
    notice_ = "Nothing is shown: every layer is hidden. Show all (A) brings them back.";
  } else if (peelRefusedAt_ >= 0.0 && ImGui::GetTime() - peelRefusedAt_ < kNoticeSeconds) {
    notice_ = "Nothing left to peel: this is the innermost layer shown. Restore (R) brings "
              "back the last layer peeled.";
  }
  if (notice_.empty()) {
    return;
  }
  // Over the top of the 3D view, where the eye goes when the leg is gone.
  const ImGuiIO& io = ImGui::GetIO();
  const float viewWidth = io.DisplaySize.x - width();
  ImGui::SetNextWindowPos(ImVec2(width() + 0.5f * viewWidth, ImGui::GetFontSize()),
                          ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(0.9f * viewWidth, FLT_MAX));
  ImGui::SetNextWindowBgAlpha(0.92f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
  if (ImGui::Begin("##notice", nullptr, flags)) {
    ImGui::PushTextWrapPos(0.85f * viewWidth);
    ImGui::TextUnformatted(notice_.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

void Panel::drawHelp() {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f + width() * 0.5f, io.DisplaySize.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.96f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings;
  if (ImGui::Begin("Help (F1, ? or Esc to close)", &helpShown_, flags)) {
    if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
      for (const Shortcut& shortcut : shortcuts()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(shortcut.keys.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(shortcut.action.c_str());
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

} // namespace sura::ui
