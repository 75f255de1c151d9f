// The needle's commands on a small atlas: put in, taken out, its settings checked, and the one
// margin re-deriving the warnings of the needle and of the clicked point's card.
#include "state/app_state.h"

#include <doctest/doctest.h>

#include <functional>
#include <limits>
#include <vector>

using namespace sura;

namespace {

Atlas needleAtlas() {
  Atlas atlas;
  for (const char* id : {"skin", "soleus", "sural_nerve"}) {
    Structure s;
    s.id = id;
    s.name = id;
    s.mesh = std::string(id) + ".vtp";
    atlas.structures.push_back(s);
  }
  TriggerPoint point;
  point.id = "soleus_trp1";
  point.muscle = "soleus";
  atlas.triggerPoints.push_back(point);
  return atlas;
}

// A readout as picking would make it: the sural nerve 7 mm from the needle, nothing crossed.
NeedleReadout readoutNear(double nerveMm) {
  NeedleReadout r;
  r.placement.entry = {0, -50, -180};
  r.placement.direction = {0, 1, 0};
  r.placement.lengthMm = 40;
  r.placement.insertedMm = 30;
  r.entry.structure = "skin";
  r.layers = {{"skin", "Skin and subcutaneous tissue", 0, 4, false},
              {"soleus", "Soleus", 4, 30, true}};
  NeedleApproach nerve;
  nerve.structure = "sural_nerve";
  nerve.name = "Sural nerve";
  nerve.distanceMm = nerveMm;
  nerve.atDepthMm = 3;
  r.nervesAndVessels = {nerve};
  applyNeedleMargin(r, kDefaultNeedleMarginMm);
  return r;
}

NeedleRequest alongY() {
  NeedleRequest request;
  request.origin = {0, -300, -180};
  request.direction = {0, 2, 0};
  return request;
}

} // namespace

TEST_CASE("a needle is put in, read out by the app, and taken out") {
  const Atlas atlas = needleAtlas();
  AppState state;
  CHECK_FALSE(state.needle);
  apply(state, atlas, command::PlaceNeedle{alongY()});
  REQUIRE(state.needle);
  CHECK(state.needle->request.direction == glm::dvec3(0, 1, 0)); // kept unit
  CHECK_FALSE(state.needle->readout);                            // the app places it
  CHECK(state.needleRequest == 1);
  apply(state, atlas, command::ShowNeedleReadout{readoutNear(7)});
  REQUIRE(state.needle->readout);
  CHECK(state.needle->readout->placement.insertedMm == 30);
  apply(state, atlas, command::RemoveNeedle{});
  CHECK_FALSE(state.needle);
  // A readout without a needle is dropped: the needle was taken out meanwhile.
  apply(state, atlas, command::ShowNeedleReadout{readoutNear(7)});
  CHECK_FALSE(state.needle);

  NeedleRequest atPoint;
  atPoint.triggerPoint = "soleus_trp1";
  apply(state, atlas, command::PlaceNeedle{atPoint});
  REQUIRE(state.needle);
  CHECK(state.needle->request.triggerPoint == "soleus_trp1");
  CHECK(state.needleRequest == 2);
}

TEST_CASE("a needle asked for wrongly is refused and leaves the state as it was") {
  const Atlas atlas = needleAtlas();
  AppState state;
  NeedleRequest unknown;
  unknown.triggerPoint = "nowhere_trp9";
  CHECK_THROWS_AS(apply(state, atlas, command::PlaceNeedle{unknown}), CommandError);
  NeedleRequest nowhere; // no direction
  CHECK_THROWS_AS(apply(state, atlas, command::PlaceNeedle{nowhere}), CommandError);
  CHECK_FALSE(state.needle);
  for (const auto& change : std::vector<std::function<void(NeedleSettings&)>>{
           [](NeedleSettings& s) { s.lengthMm = 45; }, [](NeedleSettings& s) { s.gaugeMm = 0.5; },
           [](NeedleSettings& s) { s.tiltDeg = 81; }, [](NeedleSettings& s) { s.towardDeg = -1; },
           [](NeedleSettings& s) { s.marginMm = 0; }, [](NeedleSettings& s) { s.marginMm = 51; },
           [](NeedleSettings& s) { s.marginMm = std::numeric_limits<double>::quiet_NaN(); }}) {
    NeedleSettings settings;
    change(settings);
    CHECK_FALSE(needleSettingsProblem(settings).empty());
    CHECK_THROWS_AS(apply(state, atlas, command::SetNeedleSettings{settings}), CommandError);
    CHECK(state.needleSettings.marginMm == kDefaultNeedleMarginMm);
  }
  CHECK(needleSettingsProblem(NeedleSettings{}).empty());
}

TEST_CASE("the margin re-derives the warnings of the needle and of the card at once") {
  const Atlas atlas = needleAtlas();
  AppState state;
  apply(state, atlas, command::PlaceNeedle{alongY()});
  apply(state, atlas, command::ShowNeedleReadout{readoutNear(7)});
  PickedPoint pick;
  pick.structure = "soleus";
  pick.needle = readoutNear(7);
  apply(state, atlas, command::ShowPick{pick});
  CHECK(state.needle->readout->warnings.empty()); // 7 mm is outside 5
  CHECK(state.pick->needle->warnings.empty());

  NeedleSettings wider = state.needleSettings;
  wider.marginMm = 10;
  apply(state, atlas, command::SetNeedleSettings{wider});
  REQUIRE(state.needle->readout); // a margin does not move the needle
  REQUIRE(state.needle->readout->warnings.size() == 1);
  CHECK(state.needle->readout->warnings.front().structure == "sural_nerve");
  CHECK(state.needle->readout->warnings.front().text.find("within the 10 mm margin") !=
        std::string::npos);
  CHECK(state.needle->readout->marginMm == 10);
  REQUIRE(state.pick->needle->warnings.size() == 1);
  CHECK(state.pick->needle->marginMm == 10);

  // A new click's card and a new readout come at the panel's margin too.
  apply(state, atlas, command::ShowPick{pick});
  CHECK(state.pick->needle->warnings.size() == 1);
  apply(state, atlas, command::ShowNeedleReadout{readoutNear(7)});
  CHECK(state.needle->readout->warnings.size() == 1);

  NeedleSettings back = state.needleSettings;
  back.marginMm = 5;
  apply(state, atlas, command::SetNeedleSettings{back});
  CHECK(state.needle->readout->warnings.empty());
  CHECK(state.pick->needle->warnings.empty());
}

TEST_CASE("what moves the needle has it placed again; the leg too; Reset takes it out") {
  const Atlas atlas = needleAtlas();
  AppState state;
  apply(state, atlas, command::PlaceNeedle{alongY()});
  const auto readAgain = [&] {
    apply(state, atlas, command::ShowNeedleReadout{readoutNear(7)});
    REQUIRE(state.needle->readout);
  };
  readAgain();
  NeedleSettings s = state.needleSettings;
  s.lengthMm = 50;
  apply(state, atlas, command::SetNeedleSettings{s});
  CHECK_FALSE(state.needle->readout);
  readAgain();
  s.tiltDeg = 20; // not aimed by angles: the angles do not move it
  apply(state, atlas, command::SetNeedleSettings{s});
  CHECK(state.needle->readout);
  s.byAngles = true;
  apply(state, atlas, command::SetNeedleSettings{s});
  CHECK_FALSE(state.needle->readout);
  readAgain();
  s.towardDeg = 90;
  apply(state, atlas, command::SetNeedleSettings{s});
  CHECK_FALSE(state.needle->readout);
  readAgain();
  apply(state, atlas, command::SetSide{Side::Left});
  CHECK_FALSE(state.needle->readout);
  readAgain();

  apply(state, atlas, command::SetNeedleTool{true});
  CHECK(state.needleTool);
  apply(state, atlas, command::Reset{});
  CHECK_FALSE(state.needle);
  CHECK_FALSE(state.needleTool);
  CHECK(state.needleSettings.lengthMm == 50); // the clinician's needle stays chosen
}
