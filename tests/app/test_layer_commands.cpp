// Peel, Restore, Isolate, ShowAll, Reset and SetUiScale on a small layered atlas shaped like
// the bundled one: skin over a nerve, a muscle made of two heads, a deep muscle, a bone.
#include "state/app_state.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>

using namespace sura;

namespace {

Structure layered(const std::string& id, int layer, const std::string& parent = "",
                  bool hasMesh = true) {
  Structure s;
  s.id = id;
  s.name = id;
  s.group = "muscles";
  s.parent = parent;
  s.layer = layer;
  s.mesh = hasMesh ? id + ".vtp" : "";
  return s;
}

Atlas layeredAtlas() {
  Atlas atlas;
  // Manifest order is deliberately not depth order: peeling must follow `layer`.
  atlas.structures = {layered("tibia", 6),
                      layered("skin", 0),
                      layered("gastrocnemius", 2, "", false),
                      layered("medial_head", 2, "gastrocnemius"),
                      layered("lateral_head", 2, "gastrocnemius"),
                      layered("soleus", 4),
                      layered("sural_nerve", 1),
                      layered("vein", 1)};
  return atlas;
}

std::vector<std::string> shownMeshes(const AppState& state, const Atlas& atlas) {
  std::vector<std::string> ids;
  for (const Structure& s : atlas.structures) {
    if (!s.mesh.empty() && isShown(state, atlas, s.id)) {
      ids.push_back(s.id);
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("peel walks the layers from the skin to the bone, restore walks back") {
  const Atlas atlas = layeredAtlas();
  AppState state;
  CHECK(outermostShownLayer(state, atlas) == 0);

  apply(state, atlas, command::Peel{});
  CHECK(shownMeshes(state, atlas) ==
        Ids{"lateral_head", "medial_head", "soleus", "sural_nerve", "tibia", "vein"});
  CHECK(outermostShownLayer(state, atlas) == 1);
  apply(state, atlas, command::Peel{});
  CHECK(shownMeshes(state, atlas) == Ids{"lateral_head", "medial_head", "soleus", "tibia"});
  apply(state, atlas, command::Peel{});
  CHECK(shownMeshes(state, atlas) == Ids{"soleus", "tibia"});
  CHECK(canPeel(state, atlas));
  apply(state, atlas, command::Peel{});
  CHECK(shownMeshes(state, atlas) == Ids{"tibia"});
  CHECK(state.peeled.size() == 4);
  // The innermost layer stays: a peel never empties the scene, and records no empty step.
  CHECK_FALSE(canPeel(state, atlas));
  apply(state, atlas, command::Peel{});
  CHECK(shownMeshes(state, atlas) == Ids{"tibia"});
  CHECK(state.peeled.size() == 4);
  CHECK(anythingShown(state, atlas));

  apply(state, atlas, command::Restore{});
  CHECK(shownMeshes(state, atlas) == Ids{"soleus", "tibia"});
  apply(state, atlas, command::Restore{});
  apply(state, atlas, command::Restore{});
  apply(state, atlas, command::Restore{});
  CHECK(shownMeshes(state, atlas).size() == 7);
  CHECK(state.hidden.empty());
  apply(state, atlas, command::Restore{}); // nothing peeled: no-op
  CHECK(state.hidden.empty());
}

TEST_CASE("peel skips layers the user already hid and restore keeps the user's choices") {
  const Atlas atlas = layeredAtlas();
  AppState state;
  apply(state, atlas, command::SetVisible{"skin", false});
  apply(state, atlas, command::SetVisible{"gastrocnemius", false});
  apply(state, atlas, command::Peel{});
  CHECK(state.peeled.back() == Ids{"sural_nerve", "vein"});
  apply(state, atlas, command::Peel{});
  CHECK(state.peeled.back() == Ids{"soleus"}); // the heads are hidden with their group
  apply(state, atlas, command::Restore{});
  apply(state, atlas, command::Restore{});
  CHECK(state.hidden == std::set<std::string>{"gastrocnemius", "skin"});
}

TEST_CASE("isolate keeps the structure, its children and its ancestors") {
  const Atlas atlas = layeredAtlas();
  AppState state;
  apply(state, atlas, command::Isolate{"gastrocnemius"});
  CHECK(shownMeshes(state, atlas) == Ids{"lateral_head", "medial_head"});
  apply(state, atlas, command::Isolate{"medial_head"});
  CHECK(shownMeshes(state, atlas) == Ids{"medial_head"});
  CHECK(isShown(state, atlas, "gastrocnemius"));

  // Empty id: the selection.
  apply(state, atlas, command::Select{"soleus"});
  apply(state, atlas, command::Isolate{});
  CHECK(shownMeshes(state, atlas) == Ids{"soleus"});

  AppState unselected;
  CHECK_THROWS_AS(apply(unselected, atlas, command::Isolate{}), CommandError);
  CHECK(unselected.frameRequest == 0);
  CHECK_THROWS_AS(apply(unselected, atlas, command::Isolate{"femur"}), CommandError);
  CHECK(unselected.hidden.empty());
}

TEST_CASE("isolate asks to frame what it leaves shown; hiding everything by hand is noticed") {
  const Atlas atlas = layeredAtlas();
  AppState state;
  const unsigned before = state.frameRequest;
  apply(state, atlas, command::Isolate{"soleus"});
  CHECK(state.frameRequest == before + 1);
  CHECK(state.frameTarget == FrameTarget::Shown);
  CHECK(anythingShown(state, atlas));
  apply(state, atlas, command::SetVisible{"soleus", false});
  CHECK_FALSE(anythingShown(state, atlas));
  CHECK_FALSE(canPeel(state, atlas));
}

TEST_CASE("show all brings every layer back and keeps opacities; reset forgets everything") {
  const Atlas atlas = layeredAtlas();
  AppState state;
  apply(state, atlas, command::SetSide{Side::Left});
  apply(state, atlas, command::SetUiScale{1.5f});
  apply(state, atlas, command::SetOpacity{"skin", 0.3f});
  apply(state, atlas, command::SetView{ViewPreset::Lateral});
  apply(state, atlas, command::Peel{});
  apply(state, atlas, command::Peel{});
  apply(state, atlas, command::Select{"soleus"});

  apply(state, atlas, command::ShowAll{});
  CHECK(state.hidden.empty());
  CHECK(state.peeled.empty());
  CHECK(opacityOf(state, atlas, "skin") == doctest::Approx(0.3f));
  CHECK(state.selected == "soleus");

  const unsigned request = state.viewRequest;
  apply(state, atlas, command::Peel{});
  apply(state, atlas, command::Reset{});
  CHECK(state.hidden.empty());
  CHECK(state.peeled.empty());
  CHECK(state.opacity.empty());
  CHECK(state.selected.empty());
  CHECK(state.view == ViewPreset::Posterior);
  CHECK(state.viewRequest == request + 1); // the camera moves back even from posterior
  CHECK(state.side == Side::Left);
  CHECK(state.uiScale == doctest::Approx(1.5f));
}

TEST_CASE("UI scale accepts 0.5 to 3 and refuses the rest") {
  const Atlas atlas = layeredAtlas();
  AppState state;
  apply(state, atlas, command::SetUiScale{2.0f});
  CHECK(state.uiScale == doctest::Approx(2.0f));
  for (float bad : {0.0f, 0.4f, 3.5f, -1.0f, std::numeric_limits<float>::quiet_NaN()}) {
    CHECK_THROWS_AS(apply(state, atlas, command::SetUiScale{bad}), CommandError);
  }
  CHECK(state.uiScale == doctest::Approx(2.0f));
}
