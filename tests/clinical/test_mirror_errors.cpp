// The same manifest data on a left leg (the bundled meshes read through an "LAS" frame), and
// the load errors of points and zones that cannot be placed.
#include "bundled_atlas.h"
#include "geometry/bvh.h"
#include "left_leg_atlas.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <glm/geometric.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

namespace fs = std::filesystem;
using namespace sura;
using sura::test::LeftLegAtlas;

namespace {

glm::dvec3 mirrorX(const glm::dvec3& p) {
  return {-p.x, p.y, p.z};
}

std::optional<AtlasError> resolveError(const Atlas& atlas,
                                       const std::map<std::string, TriangleMesh>& meshes) {
  try {
    resolveClinical(atlas, meshes);
  } catch (const AtlasError& e) {
    return e;
  }
  return std::nullopt;
}

// The bundled atlas with one edit to its manifest data, resolved on the bundled meshes.
std::optional<AtlasError> resolveEdited(const std::function<void(Atlas&)>& edit) {
  Atlas atlas = test::bundledAtlas().atlas;
  edit(atlas);
  return resolveError(atlas, test::bundledAtlas().meshes);
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

TEST_CASE("a point that cannot be placed is a load error naming the manifest and field") {
  const std::string file = test::bundledAtlas().atlas.manifest.string();
  // The lateral head does not reach that low.
  auto e = resolveEdited([](Atlas& a) { a.triggerPoints[1].location.t = 0.8; });
  REQUIRE(e.has_value());
  CHECK(e->file == file);
  CHECK(e->field == "trigger_points[1].location");
  CHECK(e->message.find("cannot be placed on gastrocnemius_lateral_head at t=0.8") == 0);
  CHECK(e->message.find("no tissue") != std::string::npos);
  // Deeper than the muscle is thick.
  e = resolveEdited([](Atlas& a) { a.triggerPoints[7].location.depthMm = 60; });
  REQUIRE(e.has_value());
  CHECK(e->field == "trigger_points[7].location");
  CHECK(e->message.find("thick") != std::string::npos);
  // Off the medial edge of a lateral muscle.
  e = resolveEdited([](Atlas& a) {
    a.triggerPoints[3].location.m = -0.9;
    a.triggerPoints[3].location.t = 0.3;
  });
  REQUIRE(e.has_value());
  CHECK(e->field == "trigger_points[3].location");
  // A level outside the skin.
  e = resolveEdited([](Atlas& a) { a.landmarks.legLength = 2000; });
  REQUIRE(e.has_value());
  CHECK(e->field.rfind("trigger_points[", 0) == 0);
}

TEST_CASE("a zone that covers no skin, or no skin at all, is a load error") {
  auto e = resolveEdited([](Atlas& a) {
    SkinRegion& r = a.triggerPoints[2].referredPain[0].region;
    r.t = {-0.25, -0.25};
    r.m = {-1, -1};
    r.surfaces = {"anterolateral"};
  });
  REQUIRE(e.has_value());
  CHECK(e->field == "trigger_points[2].referred_pain[0].region");
  CHECK(e->message.find("covers no skin") != std::string::npos);

  std::map<std::string, TriangleMesh> noSkin = test::bundledAtlas().meshes;
  noSkin.erase("skin");
  e = resolveError(test::bundledAtlas().atlas, noSkin);
  REQUIRE(e.has_value());
  CHECK(e->field == "trigger_points");
  CHECK(e->message.find("no skin") != std::string::npos);

  std::map<std::string, TriangleMesh> noMuscle = test::bundledAtlas().meshes;
  noMuscle.erase("plantaris");
  e = resolveError(test::bundledAtlas().atlas, noMuscle);
  REQUIRE(e.has_value());
  CHECK(e->field == "trigger_points[7].location");
}

TEST_CASE("an atlas without trigger points needs no skin") {
  Atlas atlas = test::bundledAtlas().atlas;
  atlas.triggerPoints.clear();
  const Clinical c = resolveClinical(atlas, {});
  CHECK(c.triggerPoints.empty());
}
