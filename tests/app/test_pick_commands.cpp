// ShowPick, Hover, FrameSelection and the trigger-point commands on a small atlas.
#include "app/picked_point.h"
#include "state/app_state.h"

#include <doctest/doctest.h>

using namespace sura;

namespace {

Atlas clinicalAtlas() {
  Atlas atlas;
  for (const char* id : {"skin", "soleus", "gastrocnemius"}) {
    Structure s;
    s.id = id;
    s.name = id;
    s.mesh = std::string(id) + ".vtp";
    atlas.structures.push_back(s);
  }
  for (const char* id : {"soleus_trp1", "soleus_trp2", "gastrocnemius_trp1"}) {
    TriggerPoint point;
    point.id = id;
    point.muscle = std::string(id).substr(0, std::string(id).find('_'));
    atlas.triggerPoints.push_back(point);
  }
  return atlas;
}

PickedPoint pickOn(const std::string& structure) {
  PickedPoint pick;
  pick.structure = structure;
  pick.point = {1.0, -40.0, -180.0};
  pick.description = structure + ", somewhere";
  return pick;
}

} // namespace

TEST_CASE("a pick selects its structure and is forgotten when the selection moves on") {
  const Atlas atlas = clinicalAtlas();
  AppState state;
  apply(state, atlas, command::ShowPick{pickOn("soleus")});
  CHECK(state.selected == "soleus");
  REQUIRE(state.pick);
  CHECK(state.pick->point.z == doctest::Approx(-180.0));

  // Selecting the same structure from the panel keeps the marker; another one drops it.
  apply(state, atlas, command::Select{"soleus"});
  CHECK(state.pick);
  apply(state, atlas, command::Select{"gastrocnemius"});
  CHECK_FALSE(state.pick);

  apply(state, atlas, command::ShowPick{pickOn("soleus")});
  apply(state, atlas, command::Select{""});
  CHECK(state.selected.empty());
  CHECK_FALSE(state.pick);

  apply(state, atlas, command::ShowPick{pickOn("soleus")});
  apply(state, atlas, command::Reset{});
  CHECK_FALSE(state.pick);
}

TEST_CASE("a pick or hover on an unknown structure is refused and changes nothing") {
  const Atlas atlas = clinicalAtlas();
  AppState state;
  apply(state, atlas, command::ShowPick{pickOn("soleus")});
  CHECK_THROWS_AS(apply(state, atlas, command::ShowPick{pickOn("femur")}), CommandError);
  CHECK(state.selected == "soleus");
  CHECK_THROWS_AS(apply(state, atlas, command::Hover{"femur"}), CommandError);
  apply(state, atlas, command::Hover{"skin"});
  CHECK(state.hovered == "skin");
  apply(state, atlas, command::Hover{""});
  CHECK(state.hovered.empty());
}

TEST_CASE("framing asks the scene once per request, and only with a selection") {
  const Atlas atlas = clinicalAtlas();
  AppState state;
  apply(state, atlas, command::FrameSelection{});
  CHECK(state.frameRequest == 0);
  apply(state, atlas, command::Select{"soleus"});
  apply(state, atlas, command::FrameSelection{});
  CHECK(state.frameRequest == 1);
  CHECK(state.frameTarget == FrameTarget::Selection);
  apply(state, atlas, command::FrameSelection{});
  CHECK(state.frameRequest == 2);
}

TEST_CASE("trigger points are shown all at once or one by one") {
  const Atlas atlas = clinicalAtlas();
  AppState state;
  apply(state, atlas, command::ShowTriggerPoints{{}, true});
  CHECK(state.triggerPointsShown.size() == 3);
  apply(state, atlas, command::ShowTriggerPoints{{"soleus_trp2"}, false});
  CHECK(state.triggerPointsShown == std::set<std::string>{"gastrocnemius_trp1", "soleus_trp1"});
  // An unknown id anywhere in the list: nothing changes.
  CHECK_THROWS_AS(apply(state, atlas, command::ShowTriggerPoints{{"soleus_trp1", "x"}, false}),
                  CommandError);
  CHECK(state.triggerPointsShown.count("soleus_trp1") == 1);
  apply(state, atlas, command::ShowTriggerPoints{{}, false});
  CHECK(state.triggerPointsShown.empty());
}

TEST_CASE("selecting a trigger point shows it, paints its zones and frames it") {
  const Atlas atlas = clinicalAtlas();
  AppState state;
  apply(state, atlas, command::SelectTriggerPoint{"soleus_trp1"});
  CHECK(state.selectedTriggerPoint == "soleus_trp1");
  CHECK(state.referredShown == "soleus_trp1");
  CHECK(state.triggerPointsShown.count("soleus_trp1") == 1);
  CHECK(state.frameTarget == FrameTarget::TriggerPoint);
  CHECK(state.frameRequest == 1);

  // Hiding the point in focus drops the focus and its zones with it.
  apply(state, atlas, command::ShowTriggerPoints{{"soleus_trp1"}, false});
  CHECK(state.selectedTriggerPoint.empty());
  CHECK(state.referredShown.empty());

  apply(state, atlas, command::SelectTriggerPoint{"gastrocnemius_trp1"});
  apply(state, atlas, command::ShowReferred{"soleus_trp2"});
  CHECK(state.referredShown == "soleus_trp2");
  apply(state, atlas, command::SelectTriggerPoint{""});
  CHECK(state.selectedTriggerPoint.empty());
  CHECK(state.referredShown.empty());
  CHECK(state.triggerPointsShown.count("gastrocnemius_trp1") == 1);

  // Framing the point again keeps the zones the user chose; without a focus it does nothing.
  const unsigned before = state.frameRequest;
  apply(state, atlas, command::FrameTriggerPoint{});
  CHECK(state.frameRequest == before);
  apply(state, atlas, command::SelectTriggerPoint{"soleus_trp1"});
  apply(state, atlas, command::ShowReferred{""});
  apply(state, atlas, command::FrameTriggerPoint{});
  CHECK(state.frameRequest == before + 2);
  CHECK(state.frameTarget == FrameTarget::TriggerPoint);
  CHECK(state.referredShown.empty());

  CHECK_THROWS_AS(apply(state, atlas, command::SelectTriggerPoint{"soleus_trp9"}), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::ShowReferred{"soleus_trp9"}), CommandError);
}

TEST_CASE("a pick result is kept in the atlas frame, mirrored back for the left leg") {
  PickResult result;
  CHECK_FALSE(pickedPointFrom(result, false).has_value()); // a miss keeps nothing

  SurfaceHit hit;
  hit.structure = "soleus";
  hit.point = {-12.0, -40.0, -180.0};
  hit.normal = {-0.6, -0.8, 0.0};
  result.hit = hit;
  PointDescription description;
  description.text = "Soleus, 180 mm below the knee joint line";
  description.depthMm = 24.0;
  result.description = description;
  result.layers = {{"skin", 0.0, 6.0, 100.0, 106.0}, {"soleus", 24.0, 60.0, 124.0, 160.0}};
  result.nearestTriggerPoint = NearestTriggerPoint{"soleus_trp1", 31.5, 12.0};
  NeedleReadout needle;
  needle.tipStructure = "soleus";
  needle.mirrored = true;
  result.needle = needle;

  const std::optional<PickedPoint> left = pickedPointFrom(result, true);
  REQUIRE(left.has_value());
  CHECK(left->structure == "soleus");
  CHECK(left->point.x == doctest::Approx(12.0));
  CHECK(left->point.z == doctest::Approx(-180.0));
  CHECK(left->normal.x == doctest::Approx(0.6));
  CHECK(left->description == description.text);
  CHECK(left->depthMm == doctest::Approx(24.0));
  REQUIRE(left->layers.size() == 2);
  CHECK(left->layers[1].structure == "soleus");
  CHECK(left->layers[1].exitMm == doctest::Approx(60.0));
  CHECK(left->nearestTriggerPoint == "soleus_trp1");
  CHECK(left->triggerPointDistanceMm == doctest::Approx(31.5));
  REQUIRE(left->needle.has_value()); // the card's needle, as picking read it
  CHECK(left->needle->tipStructure == "soleus");

  CHECK(pickedPointFrom(result, false)->point.x == doctest::Approx(-12.0));
}

TEST_CASE("a click lands on what is shown and not see-through") {
  const Atlas atlas = clinicalAtlas();
  AppState state;
  CHECK(isPickable(state, atlas, "skin"));
  apply(state, atlas, command::SetOpacity{"skin", 0.3f});
  CHECK_FALSE(isPickable(state, atlas, "skin")); // looked through: the muscle is meant
  apply(state, atlas, command::SetOpacity{"skin", kMinPickOpacity});
  CHECK(isPickable(state, atlas, "skin"));
  apply(state, atlas, command::SetVisible{"skin", false});
  CHECK_FALSE(isPickable(state, atlas, "skin"));
  CHECK(isPickable(state, atlas, "soleus"));
}
