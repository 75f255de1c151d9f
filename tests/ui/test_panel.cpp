// The panel driven as a person drives it, without a window: ImGui gets a display size, a
// font atlas, the pointer position and buttons frame by frame; nothing is uploaded to a GPU.
// The commands the panel returns are applied to an AppState, as the viewer does.
#include "bundled_atlas.h"
#include "clinical/search.h"
#include "ui/fonts.h"
#include "ui/info_panel.h"
#include "ui/panel.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

using namespace sura;
using namespace sura::ui;

namespace {

constexpr float kWidth = 1280.0f;
// Tall enough that every trigger point of the bundled atlas has its row in the list.
constexpr float kHeight = 1500.0f;

// One ImGui context and one panel, as in the viewer: state is applied between frames.
class Harness {
public:
  Harness() : Harness(test::bundledAtlas().atlas, test::bundledClinical()) {}
  Harness(Atlas atlas, Clinical clinical)
      : atlas_(std::move(atlas)), clinical_(std::move(clinical)) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kWidth, kHeight);
    io.DeltaTime = 1.0f / 60.0f;
    setupFonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    frame();
    frame(); // tables and tabs settle on the second frame
  }
  ~Harness() { ImGui::DestroyContext(context_); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  // One frame: the panel draws, its commands are applied and kept in `commands`.
  void frame() {
    ImGui::NewFrame();
    std::vector<Command> out = panel.draw(state, atlas_, clinical_);
    tooltipWanted = hoverTooltipWanted(state, panel.width());
    ImGui::Render();
    for (const Command& c : out) {
      apply(state, atlas_, c);
      commands.push_back(c);
    }
  }

  void move(float x, float y) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    frame();
  }

  const ItemRect& item(const std::string& key) const {
    auto it = panel.items().find(key);
    REQUIRE_MESSAGE(it != panel.items().end(), "the panel shows no " << key);
    return it->second;
  }

  bool shows(const std::string& key) const { return panel.items().count(key) != 0; }

  // Press and release over the item, a frame for each step; returns what the click issued.
  std::vector<Command> click(const std::string& key) {
    const ItemRect rect = item(key);
    commands.clear();
    ImGuiIO& io = ImGui::GetIO();
    move(rect.centerX(), rect.centerY());
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();
    return commands;
  }

  // Turns the mouse wheel over the card under the list until `key` scrolls into view, as a
  // reader does; false when it never shows.
  bool scrollCardTo(const std::string& key) {
    const float y = 0.5f * (item("card:toggle").y1 + kHeight);
    move(panel.width() * 0.5f, y);
    for (int i = 0; i < 40 && !shows(key); ++i) {
      ImGui::GetIO().MouseWheel = -1.0f;
      frame();
    }
    ImGui::GetIO().MouseWheel = 0.0f;
    frame();
    return shows(key);
  }

  // Turns the mouse wheel over the structure list until `key` scrolls into view (the list is
  // longer than the panel once every bone of the foot is listed); false when it never shows.
  bool scrollListTo(const std::string& key) {
    if (!shows(key)) {
      move(panel.width() * 0.5f, item("group:skin").centerY());
    }
    for (int i = 0; i < 60 && !shows(key); ++i) {
      ImGui::GetIO().MouseWheel = -1.0f;
      frame();
    }
    ImGui::GetIO().MouseWheel = 0.0f;
    frame();
    return shows(key);
  }

  std::vector<Command> type(const std::string& text) {
    commands.clear();
    for (char c : text) {
      ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
      frame();
    }
    frame();
    return commands;
  }

  const Atlas& atlas() const { return atlas_; }

  AppState state;
  Panel panel;
  std::vector<Command> commands;
  bool tooltipWanted = false;

private:
  Atlas atlas_; // copies: a test may hand in an edited atlas
  Clinical clinical_;
  ImGuiContext* context_ = nullptr;
};

template <typename T> std::vector<T> only(const std::vector<Command>& commands) {
  std::vector<T> result;
  for (const Command& c : commands) {
    if (const T* typed = std::get_if<T>(&c)) {
      result.push_back(*typed);
    }
  }
  return result;
}

// Keys of the items that start with `prefix`, top to bottom.
std::vector<std::string> itemsFromTop(const Panel& panel, const std::string& prefix) {
  std::vector<std::pair<float, std::string>> found;
  for (const auto& [key, rect] : panel.items()) {
    if (key.rfind(prefix, 0) == 0) {
      found.emplace_back(rect.y0, key.substr(prefix.size()));
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> keys;
  for (const auto& entry : found) {
    keys.push_back(entry.second);
  }
  return keys;
}

} // namespace

TEST_CASE("the layers tab keeps its controls and the panel its width") {
  Harness h;
  CHECK(h.panel.tab() == Panel::Tab::Layers);
  CHECK(h.panel.width() == doctest::Approx(panelWidth(ImGui::GetFontSize(), kWidth)));
  for (const char* key :
       {"button:peel", "button:restore", "button:isolate", "button:show_all", "button:reset",
        "view:lateral", "visible:skin", "group:muscles", "tab:layers", "tab:trigger_points"}) {
    CAPTURE(key);
    CHECK(h.shows(key));
  }
  // Every item lies inside the left panel: nothing is drawn over the 3D view.
  for (const auto& [key, rect] : h.panel.items()) {
    CAPTURE(key);
    CHECK(rect.x1 <= h.panel.width() + 0.5f);
  }
  const auto hide = only<command::SetVisible>(h.click("visible:skin"));
  REQUIRE(hide.size() == 1);
  CHECK(hide[0].id == "skin");
  CHECK_FALSE(hide[0].visible);
  CHECK(only<command::Peel>(h.click("button:peel")).size() == 1);
}

TEST_CASE("the trigger-point tab: show all, a check box per point, click to focus") {
  Harness h;
  h.click("tab:trigger_points");
  CHECK(h.panel.tab() == Panel::Tab::TriggerPoints);
  for (const TriggerPoint& point : h.atlas().triggerPoints) {
    CAPTURE(point.id);
    CHECK(h.shows("trp:" + point.id));
    CHECK(h.shows("trp_shown:" + point.id));
  }

  auto shown = only<command::ShowTriggerPoints>(h.click("trp:show_all"));
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].ids.empty());
  CHECK(shown[0].shown);
  CHECK(h.state.triggerPointsShown.size() == h.atlas().triggerPoints.size());

  shown = only<command::ShowTriggerPoints>(h.click("trp_shown:soleus_trp2"));
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].ids == std::vector<std::string>{"soleus_trp2"});
  CHECK_FALSE(shown[0].shown);
  CHECK(h.state.triggerPointsShown.count("soleus_trp2") == 0);

  shown = only<command::ShowTriggerPoints>(h.click("trp:hide_all"));
  REQUIRE(shown.size() == 1);
  CHECK_FALSE(shown[0].shown);
  CHECK(h.state.triggerPointsShown.empty());

  shown = only<command::ShowTriggerPoints>(h.click("trp_group:soleus"));
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].shown);
  CHECK(shown[0].ids == std::vector<std::string>{"soleus_trp1", "soleus_trp2", "soleus_trp3"});

  CHECK_FALSE(h.shows("trp_card:referred")); // no point in focus: no card
  const auto select = only<command::SelectTriggerPoint>(h.click("trp:gastrocnemius_trp1"));
  REQUIRE(select.size() == 1);
  CHECK(select[0].id == "gastrocnemius_trp1");
  CHECK(h.state.selectedTriggerPoint == "gastrocnemius_trp1");
  // Its card, with its controls, under the list.
  CHECK(h.shows("trp_card:referred"));
  CHECK(h.item("trp_card:referred").y0 > h.item("trp:gastrocnemius_trp1").y1);
  CHECK(h.state.referredShown == "gastrocnemius_trp1");
  const auto referred = only<command::ShowReferred>(h.click("trp_card:referred"));
  REQUIRE(referred.size() == 1);
  CHECK(referred[0].id.empty());
  CHECK(h.state.referredShown.empty());
  const auto cleared = only<command::SelectTriggerPoint>(h.click("trp_card:clear"));
  REQUIRE(cleared.size() == 1);
  CHECK(cleared[0].id.empty());
  CHECK(h.state.selectedTriggerPoint.empty());
}

TEST_CASE("search by where it hurts: heel lists the soleus heel point first") {
  Harness h;
  h.click("tab:trigger_points");
  CHECK(itemsFromTop(h.panel, "search:").empty());
  h.click("trp:search");
  CHECK(ImGui::GetIO().WantTextInput);
  // Typing into the box is not a shortcut: "heel" holds an 'h' (hide the panel) and no key
  // command is issued.
  CHECK(h.type("heel").empty());
  CHECK(h.panel.panelShown());
  CHECK(h.panel.triggerPointsQuery() == "heel");
  const std::vector<std::string> hits = itemsFromTop(h.panel, "search:");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits.front() == "soleus_trp1");
  // The same order as the clinical search, which the list shows.
  const std::vector<SearchHit> expected = searchByPain(test::bundledClinical(), "heel");
  REQUIRE(hits.size() == expected.size());
  for (std::size_t i = 0; i < hits.size(); ++i) {
    CHECK(hits[i] == expected[i].triggerPoint);
  }
  const auto select = only<command::SelectTriggerPoint>(h.click("search:soleus_trp1"));
  REQUIRE(select.size() == 1);
  CHECK(select[0].id == "soleus_trp1");

  // Esc in the search box leaves the box; it does not clear the point in focus.
  h.click("trp:search");
  REQUIRE(ImGui::GetIO().WantTextInput);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Escape] = 27;
  h.commands.clear();
  io.KeysDown[27] = true;
  h.frame();
  io.KeysDown[27] = false;
  h.frame();
  h.frame(); // ImGui tells whether it wants text one frame late
  CHECK(h.commands.empty());
  CHECK(h.state.selectedTriggerPoint == "soleus_trp1");
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
}

TEST_CASE("Enter in the search box takes the best match") {
  Harness h;
  h.click("tab:trigger_points");
  h.click("trp:search");
  REQUIRE(ImGui::GetIO().WantTextInput);
  CHECK(h.type("outer ankle").empty()); // typing filters, it focuses nothing
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Enter] = 13;
  h.commands.clear();
  io.KeysDown[13] = true;
  h.frame();
  io.KeysDown[13] = false;
  h.frame();
  const auto select = only<command::SelectTriggerPoint>(h.commands);
  REQUIRE(select.size() == 1);
  const auto best = searchByPain(test::bundledClinical(), "outer ankle").front().triggerPoint;
  CHECK(select[0].id == best);
  CHECK(h.state.selectedTriggerPoint == best);
}

TEST_CASE("search for a place nothing refers to lists nothing") {
  Harness h;
  h.click("tab:trigger_points");
  h.click("trp:search");
  h.type("elbow");
  CHECK(itemsFromTop(h.panel, "search:").empty());
}

TEST_CASE("the selection card: a click on the leg shows what it found, with a link to the nearest "
          "point") {
  Harness h;
  h.click("tab:trigger_points");
  PickedPoint pick;
  pick.structure = "soleus";
  pick.point = {0.0, -30.0, -180.0};
  pick.description = "Soleus, 180 mm below the knee joint line";
  pick.depthMm = 20.0;
  pick.layers = {{"skin", 0.0, 4.0}, {"soleus", 20.0, 50.0}};
  pick.nearestTriggerPoint = "soleus_trp2";
  pick.triggerPointDistanceMm = 15.0;
  apply(h.state, h.atlas(), command::ShowPick{pick});
  h.frame();
  h.frame();
  // A new click opens the layers tab, whose card shows the pick.
  CHECK(h.panel.tab() == Panel::Tab::Layers);
  CHECK(h.panel.cardOpen());
  REQUIRE(h.scrollCardTo("card:trp:soleus_trp2"));
  CHECK(h.item("card:trp:soleus_trp2").x1 <= h.panel.width());
  const auto select = only<command::SelectTriggerPoint>(h.click("card:trp:soleus_trp2"));
  REQUIRE(select.size() == 1);
  CHECK(select[0].id == "soleus_trp2");
  h.frame();
  // A newly focused point opens its tab.
  CHECK(h.panel.tab() == Panel::Tab::TriggerPoints);
  CHECK(h.shows("trp_card:referred"));

  // Folding the card gives the list the whole height; the title row stays.
  h.click("tab:layers");
  CHECK(h.shows("card:toggle"));
  const float splitOpen = h.item("card:split").y0;
  h.click("card:toggle");
  CHECK_FALSE(h.panel.cardOpen());
  CHECK(h.shows("card:toggle"));
  CHECK(h.item("card:split").y0 > splitOpen + 100.0f);
  CHECK(h.item("card:toggle").y1 <= kHeight);
  h.click("card:toggle");
  CHECK(h.item("card:split").y0 == doctest::Approx(splitOpen));

  // Dragging the splitter down gives the list more room.
  ImGuiIO& io = ImGui::GetIO();
  const ItemRect split = h.item("card:split");
  h.move(split.centerX(), split.centerY());
  io.MouseDown[0] = true;
  h.frame();
  for (int i = 1; i <= 5; ++i) {
    h.move(split.centerX(), split.centerY() + 20.0f * static_cast<float>(i));
  }
  io.MouseDown[0] = false;
  h.frame();
  h.frame();
  CHECK(h.item("card:split").y0 == doctest::Approx(split.y0 + 100.0f).epsilon(0.05));
  CHECK(h.commands.empty()); // moving the splitter changes no state
  CHECK(only<command::FrameSelection>(h.click("card:frame")).size() == 1);

  const auto clear = only<command::Select>(h.click("card:clear"));
  REQUIRE(clear.size() == 1);
  CHECK(clear[0].id.empty());
  CHECK_FALSE(h.shows("card:toggle"));
}

TEST_CASE("keys: T toggles the trigger points, F frames, Esc clears the selection then the point") {
  Harness h;
  h.type("t");
  CHECK(h.state.triggerPointsShown.size() == h.atlas().triggerPoints.size());
  h.type("T");
  CHECK(h.state.triggerPointsShown.empty());

  CHECK(only<command::FrameSelection>(h.type("f")).empty()); // nothing to frame
  apply(h.state, h.atlas(), command::Select{"soleus"});
  apply(h.state, h.atlas(), command::SelectTriggerPoint{"soleus_trp1"});
  CHECK(only<command::FrameSelection>(h.type("f")).size() == 1);

  ImGuiIO& io = ImGui::GetIO();
  const int escape = io.KeyMap[ImGuiKey_Escape] >= 0 ? io.KeyMap[ImGuiKey_Escape] : 27;
  io.KeyMap[ImGuiKey_Escape] = escape;
  const auto pressEscape = [&] {
    io.KeysDown[escape] = true;
    h.frame();
    io.KeysDown[escape] = false;
    h.frame();
  };
  pressEscape();
  CHECK(h.state.selected.empty());
  CHECK(h.state.selectedTriggerPoint == "soleus_trp1");
  // No selection: F frames the point in focus, and leaves its referred zones as they are.
  apply(h.state, h.atlas(), command::ShowReferred{""});
  const unsigned requests = h.state.frameRequest;
  CHECK(only<command::FrameTriggerPoint>(h.type("F")).size() == 1);
  CHECK(h.state.frameRequest == requests + 1);
  CHECK(h.state.frameTarget == FrameTarget::TriggerPoint);
  CHECK(h.state.referredShown.empty());
  pressEscape();
  CHECK(h.state.selectedTriggerPoint.empty());

  const bool listed = std::any_of(shortcuts().begin(), shortcuts().end(),
                                  [](const Shortcut& s) { return s.keys == "T"; });
  CHECK(listed);
}

TEST_CASE("the hover tooltip shows over the 3D view only, and not during a drag") {
  Harness h;
  apply(h.state, h.atlas(), command::Hover{"soleus"});
  h.move(kWidth * 0.75f, kHeight * 0.5f);
  h.frame();
  CHECK(h.tooltipWanted);
  h.move(h.panel.width() * 0.5f, kHeight * 0.5f); // over the panel
  h.frame();
  CHECK_FALSE(h.tooltipWanted);
  h.move(kWidth * 0.75f, kHeight * 0.5f);
  ImGui::GetIO().MouseDown[0] = true; // orbiting
  h.frame();
  CHECK_FALSE(h.tooltipWanted);
  ImGui::GetIO().MouseDown[0] = false;
  h.frame();
  CHECK(h.tooltipWanted);
  apply(h.state, h.atlas(), command::Hover{""});
  h.frame();
  CHECK_FALSE(h.tooltipWanted);
}

TEST_CASE("group and part check boxes say when some of their parts are hidden") {
  Harness h;
  CHECK(h.panel.ticks().at("visible:gastrocnemius") == Tick::On);
  CHECK(h.panel.ticks().at("group:muscles") == Tick::On);
  h.click("visible:gastrocnemius_medial_head");
  CHECK(h.panel.ticks().at("visible:gastrocnemius") == Tick::Mixed);
  CHECK(h.panel.ticks().at("group:muscles") == Tick::Mixed);
  h.click("visible:gastrocnemius_lateral_head");
  // Both heads hidden: the gastrocnemius box no longer claims it is shown.
  CHECK(h.panel.ticks().at("visible:gastrocnemius") == Tick::Off);
  CHECK(h.panel.ticks().at("group:muscles") == Tick::Mixed);
  // A click on an unticked or mixed box shows everything in it, heads included.
  h.click("visible:gastrocnemius");
  CHECK(isShown(h.state, h.atlas(), "gastrocnemius_medial_head"));
  CHECK(isShown(h.state, h.atlas(), "gastrocnemius_lateral_head"));
  CHECK(h.panel.ticks().at("visible:gastrocnemius") == Tick::On);
  CHECK(h.panel.ticks().at("group:muscles") == Tick::On);

  // A group with most of its items shown is mixed, not unticked; its click shows them all.
  h.click("visible:tibia");
  h.click("visible:fibula");
  CHECK(h.panel.ticks().at("group:bones") == Tick::Mixed);
  h.click("group:bones");
  CHECK(isShown(h.state, h.atlas(), "tibia"));
  CHECK(isShown(h.state, h.atlas(), "fibula"));
  CHECK(h.panel.ticks().at("group:bones") == Tick::On);
  // A ticked box hides the whole group.
  h.click("group:bones");
  CHECK_FALSE(isShown(h.state, h.atlas(), "tibia"));
  CHECK(h.panel.ticks().at("group:bones") == Tick::Off);
}

TEST_CASE("an empty scene is said in words; P does not peel the last layer away") {
  Harness h;
  CHECK(h.panel.notice().empty());
  for (const char* group : {"skin", "muscles", "tendons", "bones", "nerves_vessels"}) {
    if (h.panel.ticks().at(std::string("group:") + group) != Tick::Off) {
      REQUIRE(h.scrollListTo(std::string("group:") + group));
      h.click(std::string("group:") + group);
    }
  }
  REQUIRE_FALSE(anythingShown(h.state, h.atlas()));
  CHECK(h.panel.notice().find("Nothing is shown") != std::string::npos);
  CHECK(only<command::ShowAll>(h.type("a")).size() == 1);
  CHECK(h.panel.notice().empty());

  h.type("pppppppppppp");
  CHECK(anythingShown(h.state, h.atlas()));
  CHECK_FALSE(canPeel(h.state, h.atlas()));
  CHECK(h.panel.notice().find("Nothing left to peel") != std::string::npos);
  // The button says the same by being disabled: a click issues nothing.
  CHECK(only<command::Peel>(h.click("button:peel")).empty());
}

TEST_CASE("the view button is lit only while the camera looks from its side") {
  Harness h;
  CHECK(h.panel.litView() == ViewPreset::Posterior);
  h.click("view:medial");
  CHECK(h.panel.litView() == ViewPreset::Medial);
  apply(h.state, h.atlas(), command::CameraTurned{}); // what the viewer says after a drag
  h.frame();
  CHECK_FALSE(h.panel.litView().has_value());
  h.type("c"); // back to the view
  CHECK(h.panel.litView() == ViewPreset::Medial);
}

TEST_CASE("with a card open on a laptop screen, the split can be dragged and UI size stays "
          "in reach") {
  Harness h;
  ImGui::GetIO().DisplaySize = ImVec2(1280.0f, 800.0f);
  apply(h.state, h.atlas(), command::Select{"soleus"}); // a card under the list
  h.frame();
  h.frame();
  REQUIRE(h.panel.cardOpen());
  REQUIRE(h.shows("card:split"));
  // The control that makes everything bigger is on screen, not at the end of the list.
  REQUIRE(h.shows("slider:ui_size"));
  CHECK(h.item("slider:ui_size").y1 <= h.item("card:split").y0);

  // Dragging the split down gives the list more rows.
  const float before = h.item("card:split").centerY();
  const ItemRect split = h.item("card:split");
  ImGuiIO& io = ImGui::GetIO();
  h.move(split.centerX(), split.centerY());
  io.MouseDown[0] = true;
  h.frame();
  for (int i = 1; i <= 10; ++i) {
    h.move(split.centerX(), split.centerY() + 30.0f * static_cast<float>(i));
  }
  io.MouseDown[0] = false;
  h.frame();
  h.frame();
  const float after = h.item("card:split").centerY();
  CAPTURE(before);
  CAPTURE(after);
  CHECK(after > before + 120.0f);
  // And up again, to give the card the room.
  const ItemRect moved = h.item("card:split");
  h.move(moved.centerX(), moved.centerY());
  io.MouseDown[0] = true;
  h.frame();
  for (int i = 1; i <= 10; ++i) {
    h.move(moved.centerX(), moved.centerY() - 30.0f * static_cast<float>(i));
  }
  io.MouseDown[0] = false;
  h.frame();
  CHECK(h.item("card:split").centerY() < after - 250.0f);
}

TEST_CASE("labels: B turns them on and off; the panel's box and language buttons do the same") {
  Harness h;
  h.type("b");
  CHECK(h.state.labels.shown);
  CHECK(h.state.labels.language == LabelLanguage::English);
  h.type("B");
  CHECK_FALSE(h.state.labels.shown);
  const bool listed = std::any_of(shortcuts().begin(), shortcuts().end(),
                                  [](const Shortcut& s) { return s.keys == "B"; });
  CHECK(listed);
  // No other key of the table is B.
  const auto bs = std::count_if(shortcuts().begin(), shortcuts().end(), [](const Shortcut& s) {
    return s.keys == "B" || s.keys.rfind("B ", 0) == 0;
  });
  CHECK(bs == 1);

  CHECK(only<command::ShowLabels>(h.click("check:labels")).size() == 1);
  CHECK(h.state.labels.shown);
  // A language chosen shows the labels in it, from any tab (the control is above the tabs).
  h.click("tab:trigger_points");
  h.click("check:labels");
  CHECK_FALSE(h.state.labels.shown);
  h.click("labels:la");
  CHECK(h.state.labels.shown);
  CHECK(h.state.labels.language == LabelLanguage::Latin);
  h.click("labels:both");
  CHECK(h.state.labels.language == LabelLanguage::Both);
  // Clicking the language already chosen issues nothing.
  CHECK(only<command::ShowLabels>(h.click("labels:both")).empty());
  // The controls sit inside the panel, under the view buttons.
  CHECK(h.item("labels:both").x1 <= h.panel.width());
  CHECK(h.item("check:labels").y0 > h.item("view:posterior").y0);
}

TEST_CASE("the panel says what an atlas cannot show and warns of its frame") {
  // The bundled atlas: nothing to say.
  {
    Harness h;
    CHECK_FALSE(h.shows("layers:warnings"));
    h.click("tab:trigger_points");
    CHECK_FALSE(h.shows("trp:skipped"));
    CHECK(h.shows("trp:plantaris_trp"));
  }
  // The muscle-only atlas, its frame warned about, one more point not placed.
  const LoadedAtlas loaded =
      loadAtlas(std::filesystem::path(SURA_SOURCE_DIR) / "tests" / "data" / "muscle-atlas");
  Atlas atlas = loaded.atlas;
  atlas.warnings.push_back({atlas.manifest.string(), "frame.units", "the meshes span 40 mm"});
  Clinical clinical = resolveClinical(atlas, loaded.meshes);
  REQUIRE(clinical.find("soleus_trp1") != nullptr);
  clinical.skippedPoints.insert("soleus_trp1");
  Harness h(atlas, clinical);
  CHECK(h.shows("layers:warnings"));
  CHECK(h.shows("visible:generated_envelope"));
  h.click("tab:trigger_points");
  CHECK(h.shows("trp:skipped"));
  CHECK(h.shows("trp:soleus_trp2"));
  CHECK_FALSE(h.shows("trp:soleus_trp1"));   // not placed: listed under the note instead
  CHECK_FALSE(h.shows("trp:plantaris_trp")); // its muscle is not in this atlas
}
