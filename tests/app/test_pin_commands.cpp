// The pins' commands on a small atlas: added, moved, their notes edited, deleted (the pins
// after them moving up), focused and framed; bad input refused with the state left as it was.
#include "state/app_state.h"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace sura;

namespace {

Atlas pinAtlas() {
  Atlas atlas;
  for (const char* id : {"skin", "soleus", "gastrocnemius_medial_head"}) {
    Structure s;
    s.id = id;
    s.name = id;
    s.mesh = std::string(id) + ".vtp";
    atlas.structures.push_back(s);
  }
  Structure group;
  group.id = "gastrocnemius";
  group.name = "Gastrocnemius";
  atlas.structures.push_back(group); // a grouping node: no mesh, no surface to pin
  return atlas;
}

Pin pinOn(const std::string& structure, double z, const std::string& text = "") {
  return Pin{
      structure, {0.0, -40.0, z}, {0.0, -1.0, 0.0}, text, PinLocation{-z / 390.0, 270.0, 40.0}};
}

} // namespace

TEST_CASE("a pin is added in focus, its note edited, and it is moved with its note kept") {
  const Atlas atlas = pinAtlas();
  AppState state;
  apply(state, atlas, command::AddPin{pinOn("soleus", -150.0, "Tender spot")});
  apply(state, atlas, command::AddPin{pinOn("skin", -100.0)});
  REQUIRE(state.pins.size() == 2);
  CHECK(state.pinFocus == std::optional<std::size_t>(1));
  CHECK(state.pins[0].text == "Tender spot");
  REQUIRE(state.pins[0].location);
  CHECK(state.pins[0].location->degrees == 270.0);

  apply(state, atlas, command::SetPinText{1, "Palpate here\nfirmly"});
  CHECK(state.pins[1].text == "Palpate here\nfirmly");

  apply(state, atlas, command::MovePinOnClick{0});
  CHECK(state.pinToMove == std::optional<std::size_t>(0));
  Pin to = pinOn("gastrocnemius_medial_head", -120.0, "ignored: the note stays");
  to.point.x = -25.0;
  apply(state, atlas, command::MovePin{0, to});
  CHECK(state.pins[0].structure == "gastrocnemius_medial_head");
  CHECK(state.pins[0].point == glm::dvec3(-25.0, -40.0, -120.0));
  CHECK(state.pins[0].location->t == doctest::Approx(120.0 / 390.0));
  CHECK(state.pins[0].text == "Tender spot");
  CHECK_FALSE(state.pinToMove);
  CHECK(state.pinFocus == std::optional<std::size_t>(0));
}

TEST_CASE("deleting a pin moves the later ones up, and focus and moving follow them") {
  const Atlas atlas = pinAtlas();
  AppState state;
  for (double z : {-100.0, -150.0, -200.0}) {
    apply(state, atlas, command::AddPin{pinOn("soleus", z)});
  }
  apply(state, atlas, command::FocusPin{2, false});
  apply(state, atlas, command::MovePinOnClick{1});
  CHECK(state.pinFocus == std::optional<std::size_t>(1)); // moving a pin focuses it
  apply(state, atlas, command::FocusPin{2, false});
  apply(state, atlas, command::DeletePin{0});
  REQUIRE(state.pins.size() == 2);
  CHECK(state.pins[0].point.z == -150.0);
  CHECK(state.pinFocus == std::optional<std::size_t>(1)); // the same pin, one place up
  CHECK(state.pinToMove == std::optional<std::size_t>(0));
  apply(state, atlas, command::DeletePin{0});
  CHECK_FALSE(state.pinToMove); // the pin being moved is gone
  CHECK(state.pinFocus == std::optional<std::size_t>(0));
  apply(state, atlas, command::DeletePin{0});
  CHECK(state.pins.empty());
  CHECK_FALSE(state.pinFocus);
}

TEST_CASE("framing a pin from the list asks the scene to frame it, once per request") {
  const Atlas atlas = pinAtlas();
  AppState state;
  apply(state, atlas, command::AddPin{pinOn("soleus", -150.0)});
  apply(state, atlas, command::AddPin{pinOn("soleus", -250.0)});
  const unsigned before = state.frameRequest;
  apply(state, atlas, command::FocusPin{0, false});
  CHECK(state.frameRequest == before); // chosen in the list: no camera move
  apply(state, atlas, command::FocusPin{0, true});
  CHECK(state.frameRequest == before + 1);
  CHECK(state.frameTarget == FrameTarget::Pin);
  CHECK(state.pinFocus == std::optional<std::size_t>(0));
  apply(state, atlas, command::FocusPin{std::nullopt, true});
  CHECK_FALSE(state.pinFocus);
  CHECK(state.frameRequest == before + 1);
}

TEST_CASE("the pin tool and the needle tool take turns; Reset keeps the pins") {
  const Atlas atlas = pinAtlas();
  AppState state;
  apply(state, atlas, command::SetNeedleTool{true});
  apply(state, atlas, command::SetPinTool{true});
  CHECK(state.pinTool);
  CHECK_FALSE(state.needleTool);
  apply(state, atlas, command::SetNeedleTool{true});
  CHECK_FALSE(state.pinTool);

  apply(state, atlas, command::AddPin{pinOn("soleus", -150.0, "kept")});
  apply(state, atlas, command::SetPinTool{true});
  apply(state, atlas, command::Reset{});
  REQUIRE(state.pins.size() == 1);
  CHECK(state.pins[0].text == "kept");
  CHECK_FALSE(state.pinTool);
  CHECK_FALSE(state.pinFocus);
}

TEST_CASE("bad pins and bad indices are refused and change nothing") {
  const Atlas atlas = pinAtlas();
  AppState state;
  apply(state, atlas, command::AddPin{pinOn("soleus", -150.0, "one")});
  const auto refused = [&](const Command& c, const std::string& says) {
    const AppState before = state;
    try {
      apply(state, atlas, c);
      FAIL("accepted");
    } catch (const CommandError& e) {
      CHECK(std::string(e.what()).find(says) != std::string::npos);
    }
    CHECK(state.pins.size() == before.pins.size());
    CHECK(state.pins[0].text == before.pins[0].text);
    CHECK(state.pins[0].point == before.pins[0].point);
  };
  refused(command::AddPin{pinOn("heel", -150.0)}, "unknown structure id 'heel'");
  refused(command::AddPin{pinOn("gastrocnemius", -150.0)}, "with a mesh");
  Pin slanted = pinOn("soleus", -150.0);
  slanted.normal = {0.0, -2.0, 0.0};
  refused(command::AddPin{slanted}, "unit normal");
  Pin lost = pinOn("soleus", -150.0);
  lost.point.x = std::numeric_limits<double>::quiet_NaN();
  refused(command::AddPin{lost}, "finite point");
  Pin nowhere = pinOn("soleus", -150.0);
  nowhere.location->degrees = 400.0;
  refused(command::AddPin{nowhere}, "degrees from 0 to 360");
  refused(command::SetPinText{0, std::string(kMaxPinTextBytes + 1, 'x')}, "at most 500");
  refused(command::SetPinText{1, "no such pin"}, "there is no pin 2");
  refused(command::MovePin{3, pinOn("soleus", -100.0)}, "there is no pin 4");
  refused(command::DeletePin{1}, "there is no pin 2");
  refused(command::FocusPin{5, true}, "there is no pin 6");
  refused(command::MovePinOnClick{1}, "there is no pin 2");
}
