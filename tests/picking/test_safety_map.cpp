// The safety map on the bundled right leg: the same definition as the needle readout (a needle
// put in perpendicular at a skin vertex, to the map's depth, keeps every nerve, vessel and bone
// at the margin; a little deeper, one comes within it), classes monotone with depth, and the
// danger where anatomy puts it.
#include "bundled_atlas.h"
#include "picking/needle.h"
#include "picking/safety_map.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

using namespace sura;
using sura::test::bundledAtlas;
using sura::test::bundledPicker;
using sura::test::zAt;

namespace {

const TriangleMesh& skinMesh() {
  return bundledAtlas().meshes.at(bundledPicker().skinId());
}

const SafetyMap& bundledMap() {
  static const SafetyMap map = computeSafetyMap(bundledPicker(), bundledAtlas().meshes);
  return map;
}

// The skin vertex nearest to where a horizontal ray from `from` toward the leg's axis at height
// z enters the skin: a point named by landmarks, not by a vertex number.
std::size_t skinVertexFrom(const glm::dvec3& from, const glm::dvec3& toward) {
  const MeshBvh* skin = bundledPicker().bvhOf(bundledPicker().skinId());
  REQUIRE(skin);
  const auto hit = skin->intersectFirst(Ray{from, toward - from});
  REQUIRE(hit);
  const TriangleMesh& mesh = skinMesh();
  std::size_t best = 0;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (std::size_t v = 0; v < mesh.points.size(); ++v) {
    const double d = glm::length(mesh.points[v] - hit->point);
    if (d < bestDistance) {
      bestDistance = d;
      best = v;
    }
  }
  return best;
}

// The nearest nerve, vessel or bone to a needle, from its readout, as distanceMm says.
double nearestGuardMm(const NeedleReadout& r, std::string& which) {
  double best = std::numeric_limits<double>::infinity();
  for (const NeedleApproach& a : r.nervesAndVessels) {
    if (a.distanceMm < best) {
      best = a.distanceMm;
      which = a.structure;
    }
  }
  if (r.bone && r.bone->distanceMm < best) {
    best = r.bone->distanceMm;
    which = r.bone->structure;
  }
  return best;
}

struct Spot {
  const char* name;
  glm::dvec3 from;
};

} // namespace

TEST_CASE("safety classes are monotone with depth, with the legend's bounds") {
  CHECK(safetyClassOf(0.0) == SafetyClass::Shallow);
  CHECK(safetyClassOf(19.9) == SafetyClass::Shallow);
  CHECK(safetyClassOf(20.0) == SafetyClass::Middle);
  CHECK(safetyClassOf(39.9) == SafetyClass::Middle);
  CHECK(safetyClassOf(40.0) == SafetyClass::Deep);
  CHECK(safetyClassOf(kSafetyMaxDepthMm) == SafetyClass::Deep);
  int last = -1;
  for (double d = 0.0; d <= 80.0; d += 0.25) {
    const int c = static_cast<int>(safetyClassOf(d));
    CHECK(c >= last);
    last = c;
  }
  CHECK(std::string(safetyClassLabel(SafetyClass::Shallow)) == "under 20 mm");
}

TEST_CASE("vertex normals of the skin point outward") {
  const TriangleMesh& skin = skinMesh();
  const std::vector<glm::dvec3> normals = vertexNormals(skin);
  REQUIRE(normals.size() == skin.points.size());
  // At mid-calf the skin's back faces backward (-y), its front forward.
  const std::size_t back = skinVertexFrom({0, -300, zAt(0.3)}, {0, 0, zAt(0.3)});
  const std::size_t front = skinVertexFrom({0, 300, zAt(0.3)}, {0, 0, zAt(0.3)});
  CHECK(normals[back].y < -0.7);
  CHECK(normals[front].y > 0.7);
}

TEST_CASE("the map agrees with a needle put in perpendicular at the same skin point") {
  const SafetyMap& map = bundledMap();
  const TriangleMesh& skin = skinMesh();
  REQUIRE(map.depthMm.size() == skin.points.size());
  const std::vector<glm::dvec3> normals = vertexNormals(skin);
  const double z3 = zAt(0.3), z5 = zAt(0.5), z1 = zAt(0.1);
  const Spot spots[] = {
      {"popliteal fossa", {0, -300, zAt(0.0)}},
      {"calf, posterior midline, t 0.3", {0, -300, z3}},
      {"calf, posteromedial, t 0.5", {-200, -200, z5}},
      {"lateral calf, t 0.3", {300, 0, z3}},
      {"fibular neck, t 0.1", {300, -30, z1}},
      {"shin, t 0.5", {-20, 300, z5}},
      {"beside the Achilles tendon, t 0.8", {150, -300, zAt(0.8)}},
      {"calf, posterolateral, t 0.35", {200, -200, zAt(0.35)}},
      {"calf, medial, t 0.3", {-300, 0, z3}},
      {"front of the leg, lateral of the shin, t 0.3", {150, 300, z3}},
  };
  int limitedByStructure = 0;
  for (const Spot& spot : spots) {
    CAPTURE(std::string(spot.name));
    const std::size_t v = skinVertexFrom(spot.from, {0, 0, spot.from.z});
    const double depth = map.depthMm[v];
    CAPTURE(depth);
    // The map is the single-point definition, vertex by vertex.
    CHECK(depth == doctest::Approx(safeDepth(bundledPicker(), skin.points[v], -normals[v],
                                             map.marginMm, map.gaugeMm))
                       .epsilon(1e-4));
    if (depth < 0.05) {
      // Already within the margin at the skin: a needle just through it says so.
      const NeedleReadout at =
          readNeedle(bundledPicker(), perpendicularNeedle(skin.points[v], normals[v], 0.01), false);
      std::string nearest;
      CHECK(nearestGuardMm(at, nearest) < map.marginMm + 0.05);
      continue;
    }
    // To the map's depth (less the search's tolerance): nothing within the margin.
    const NeedleReadout at = readNeedle(
        bundledPicker(), perpendicularNeedle(skin.points[v], normals[v], depth - 0.05), false);
    std::string nearest;
    CHECK(nearestGuardMm(at, nearest) >= map.marginMm - 0.05);
    for (const NeedleWarning& w : at.warnings) {
      CHECK(w.kind != NeedleWarningKind::NerveOrVessel);
      CHECK(w.kind != NeedleWarningKind::Bone);
    }
    if (map.limit[v] == SafetyLimit::Structure && depth + 1.0 < kSafetyMaxDepthMm) {
      ++limitedByStructure;
      // A millimetre deeper, the structure the map names comes within the margin.
      const NeedleReadout deeper = readNeedle(
          bundledPicker(), perpendicularNeedle(skin.points[v], normals[v], depth + 1.0), false);
      std::string which;
      CHECK(nearestGuardMm(deeper, which) < map.marginMm);
      CHECK(which == map.structures[static_cast<std::size_t>(map.limitedBy[v])]);
    }
  }
  CHECK(limitedByStructure >= 4);
}

TEST_CASE("danger lies where the anatomy puts it; the middle of the calf is deep") {
  const SafetyMap& map = bundledMap();
  const auto depthFrom = [&](const glm::dvec3& from) {
    return map.depthMm[skinVertexFrom(from, {0, 0, from.z})];
  };
  // Popliteal fossa: the tibial nerve and the popliteal vessels just under the skin.
  CHECK(safetyClassOf(depthFrom({0, -300, zAt(0.02)})) == SafetyClass::Shallow);
  // The shin: the tibia under the skin.
  CHECK(safetyClassOf(depthFrom({-20, 300, zAt(0.5)})) == SafetyClass::Shallow);
  // The fibular neck: the common fibular nerve winds round it.
  CHECK(safetyClassOf(depthFrom({300, -30, zAt(0.08)})) == SafetyClass::Shallow);
  // Every class is on the leg somewhere, and most of the skin is not deep.
  std::size_t counts[3] = {0, 0, 0};
  for (const float d : map.depthMm) {
    ++counts[static_cast<int>(safetyClassOf(d))];
  }
  CHECK(counts[0] > 0);
  CHECK(counts[1] > 0);
  CHECK(counts[2] > 0);
  MESSAGE("safety map: " << map.depthMm.size() << " skin vertices in " << map.seconds
                         << " s; shallow " << counts[0] << ", middle " << counts[1] << ", deep "
                         << counts[2]);
}
