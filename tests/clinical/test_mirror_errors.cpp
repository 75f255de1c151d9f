// The same manifest data on a left leg (the bundled meshes read through an "LAS" frame), and
// the points and zones that cannot be placed: left out and listed, never a load error.
#include "bundled_atlas.h"
#include "geometry/bvh.h"
#include "left_leg_atlas.h"
#include "picking/camera_ray.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <glm/geometric.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>

namespace fs = std::filesystem;
using namespace sura;
using sura::test::LeftLegAtlas;

namespace {

// The bundled atlas with one edit to its manifest data, resolved on the bundled meshes.
Clinical resolveEdited(const std::function<void(Atlas&)>& edit) {
  Atlas atlas = test::bundledAtlas().atlas;
  edit(atlas);
  return resolveClinical(atlas, test::bundledAtlas().meshes);
}

// The one thing skipped, which must be there.
const AtlasWarning& onlySkipped(const Clinical& c) {
  REQUIRE(c.skipped.size() == 1);
  return c.skipped.front();
}

} // namespace

TEST_CASE("on a left leg every point and zone lands on the mirrored structure") {
  const LeftLegAtlas left;
  REQUIRE(left.loaded().atlas.frame.side == "left");
  const Clinical mirrored = resolveClinical(left.loaded().atlas, left.loaded().meshes);
  const Clinical& right = test::bundledClinical();
  const Picker leftPicker(left.loaded().atlas, left.loaded().meshes);
  REQUIRE(mirrored.triggerPoints.size() == right.triggerPoints.size());
  for (std::size_t i = 0; i < right.triggerPoints.size(); ++i) {
    const ResolvedTriggerPoint& r = right.triggerPoints[i];
    const ResolvedTriggerPoint& l = mirrored.triggerPoints[i];
    CAPTURE(r.point.id);
    // The left centre is the right one mirrored, lies in the mirrored muscle, and is described
    // with the same landmark terms (lateral is -x on this leg).
    CHECK(glm::distance(l.centre, mirrorX(r.centre)) < 1e-6);
    CHECK(l.centre.x * r.centre.x <= 0.0);
    const MeshBvh muscle(left.loaded().meshes.at(l.point.muscle));
    CHECK(muscle.contains(l.centre));
    const PointDescription d = leftPicker.describe(l.centre, l.point.muscle);
    CHECK(d.leg == "left");
    // The same t and m as on the right leg (a point reached from the side keeps its t, and
    // its m only as well as the ray lets it; both legs alike).
    CHECK(std::abs(d.t - l.point.location.t) < 1e-9);
    CHECK(std::abs(d.m - r.m) < 1e-6);
    CHECK(l.surface == r.surface);
    REQUIRE(l.zones.size() == r.zones.size());
    for (std::size_t k = 0; k < r.zones.size(); ++k) {
      // The meshes are the same files, so the same vertices with the same weights.
      CHECK(l.zones[k].vertices == r.zones[k].vertices);
      CHECK(l.zones[k].weights == r.zones[k].weights);
      if (r.zones[k].onModel) {
        CHECK(glm::distance(l.zones[k].centre, mirrorX(r.zones[k].centre)) < 1e-6);
      }
    }
  }
}

TEST_CASE("a point that cannot be placed is left out and listed with the manifest field") {
  const std::string file = test::bundledAtlas().atlas.manifest.string();
  const std::size_t all = test::bundledAtlas().atlas.triggerPoints.size();
  // The lateral head does not reach that low.
  Clinical c = resolveEdited([](Atlas& a) { a.triggerPoints[1].location.t = 0.8; });
  const AtlasWarning* w = &onlySkipped(c);
  CHECK(w->file == file);
  CHECK(w->field == "trigger_points[1].location");
  CHECK(w->message.find("gastrocnemius_trp2: cannot be placed on gastrocnemius_lateral_head at "
                        "t=0.8") == 0);
  CHECK(w->message.find("no tissue") != std::string::npos);
  CHECK(c.triggerPoints.size() == all - 1);
  CHECK(c.find("gastrocnemius_trp2") == nullptr);
  CHECK(c.skippedPoints == std::set<std::string>{"gastrocnemius_trp2"});
  // Deeper than the muscle is thick.
  c = resolveEdited([](Atlas& a) { a.triggerPoints[7].location.depthMm = 60; });
  w = &onlySkipped(c);
  CHECK(w->field == "trigger_points[7].location");
  CHECK(w->message.find("thick") != std::string::npos);
  // Off the medial edge of a lateral muscle.
  c = resolveEdited([](Atlas& a) {
    a.triggerPoints[3].location.m = -0.9;
    a.triggerPoints[3].location.t = 0.3;
  });
  CHECK(onlySkipped(c).field == "trigger_points[3].location");
  // A level outside the skin: some points are left out, every one with its field.
  c = resolveEdited([](Atlas& a) { a.landmarks.legLength = 2000; });
  REQUIRE_FALSE(c.skipped.empty());
  for (const AtlasWarning& skipped : c.skipped) {
    CHECK(skipped.field.rfind("trigger_points[", 0) == 0);
  }
  CHECK(c.triggerPoints.size() + c.skippedPoints.size() == all);
}

TEST_CASE("a zone that covers no skin is left out; no skin at all leaves every point out") {
  Clinical c = resolveEdited([](Atlas& a) {
    SkinRegion& r = a.triggerPoints[2].referredPain[0].region;
    r.t = {-0.25, -0.25};
    r.m = {-1, -1};
    r.surfaces = {"anterolateral"};
  });
  const AtlasWarning& zone = onlySkipped(c);
  CHECK(zone.field == "trigger_points[2].referred_pain[0].region");
  CHECK(zone.message.find("covers no skin") != std::string::npos);
  // The point stays, without that zone.
  REQUIRE(c.find("gastrocnemius_trp3") != nullptr);
  CHECK(c.find("gastrocnemius_trp3")->zones.size() ==
        test::bundledAtlas().atlas.triggerPoints[2].referredPain.size() - 1);
  CHECK(c.skippedPoints.empty());

  std::map<std::string, TriangleMesh> noSkin = test::bundledAtlas().meshes;
  noSkin.erase("skin");
  c = resolveClinical(test::bundledAtlas().atlas, noSkin);
  CHECK(c.triggerPoints.empty());
  REQUIRE(c.skipped.size() == test::bundledAtlas().atlas.triggerPoints.size());
  CHECK(c.skipped[0].field == "trigger_points[0]");
  CHECK(c.skipped[0].message.find("no skin") != std::string::npos);

  std::map<std::string, TriangleMesh> noMuscle = test::bundledAtlas().meshes;
  noMuscle.erase("plantaris");
  c = resolveClinical(test::bundledAtlas().atlas, noMuscle);
  CHECK(onlySkipped(c).field == "trigger_points[7].location");
  CHECK(onlySkipped(c).message.find("has no mesh for it") != std::string::npos);
}

TEST_CASE("without both malleoli the foot zones are left out, the leg zones kept") {
  std::size_t footZones = 0;
  for (const TriggerPoint& p : test::bundledAtlas().atlas.triggerPoints) {
    for (const ReferredZone& z : p.referredPain) {
      footZones += z.region.part == SkinRegion::Part::Foot ? 1 : 0;
    }
  }
  REQUIRE(footZones > 0);
  const Clinical c = resolveEdited([](Atlas& a) { a.landmarks.from.erase("lateral_malleolus"); });
  CHECK(c.skipped.size() == footZones);
  CHECK(c.skippedPoints.empty());
  for (const AtlasWarning& w : c.skipped) {
    CHECK(w.message.find("medial_malleolus and lateral_malleolus") != std::string::npos);
  }
}

TEST_CASE("the bundled atlas stays strict: nothing of it is skipped") {
  const LoadedAtlas& bundled = test::bundledAtlas();
  for (const AtlasWarning& w : bundled.atlas.skipped) {
    FAIL_CHECK(w.line());
  }
  for (const AtlasWarning& w : test::bundledClinical().skipped) {
    FAIL_CHECK(w.line());
  }
  for (const AtlasWarning& w : bundled.atlas.warnings) {
    FAIL_CHECK(w.line());
  }
  CHECK(test::bundledClinical().triggerPoints.size() == bundled.atlas.triggerPoints.size());
  CHECK_FALSE(test::bundledClinical().onGeneratedEnvelope);
  CHECK(test::bundledClinical().skin == "skin");
  for (const std::string& key : landmarkKeys()) {
    CHECK(bundled.atlas.landmarks.from.at(key) == "manifest");
  }
}

TEST_CASE("an atlas without trigger points needs no skin") {
  // (and nothing is skipped)
  Atlas atlas = test::bundledAtlas().atlas;
  atlas.triggerPoints.clear();
  const Clinical c = resolveClinical(atlas, {});
  CHECK(c.triggerPoints.empty());
  CHECK(c.skipped.empty());
}
