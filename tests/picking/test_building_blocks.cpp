// The picker's own geometry: segment-to-surface distance and the skin's midline table,
// checked against slow, independent computations.
#include "bundled_atlas.h"
#include "picking/skin_midline.h"
#include "synthetic_meshes.h"

#include <doctest/doctest.h>

#include "geometry/bvh.h"
#include "geometry/mesh_checks.h"
#include "geometry/section.h"

#include <glm/geometric.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace sura;

TEST_CASE("the synthetic ellipsoid is closed and faces outward") {
  const TriangleMesh e = testmesh::ellipsoid({1, 2, 3}, {10, 20, 30}, 12, 16);
  CHECK(e.triangles.size() == 2 * 16 * 11);
  CHECK(checkTopology(e).closedManifold());
  CHECK(signedVolume(e) > 0);
  CHECK(checkTopology(testmesh::box({0, 0, 0}, {1, 2, 3})).closedManifold());
  CHECK(signedVolume(testmesh::box({0, 0, 0}, {1, 2, 3})) == doctest::Approx(6));
}

TEST_CASE("segment distance: exact on a box, and never above a dense sampling") {
  const MeshBvh boxTree(testmesh::box({-1, -1, -1}, {1, 1, 1}));
  // Parallel to a face, 2 mm above it.
  CHECK(boxTree.nearestToSegment({-5, 0, 3}, {5, 0, 3}).distance == doctest::Approx(2));
  // Skew to an edge: the closest pair is the edge (1, 1, z) and the segment's point (3, 3, 0).
  const SegmentProximity skew = boxTree.nearestToSegment({3, 3, -5}, {3, 3, 5});
  CHECK(skew.distance == doctest::Approx(std::sqrt(8.0)));
  CHECK(skew.onSurface.x == doctest::Approx(1));
  CHECK(skew.onSurface.y == doctest::Approx(1));
  // Piercing, and a segment wholly inside (its distance is to the nearest face).
  CHECK(boxTree.nearestToSegment({0, 0, -5}, {0, 0, 5}).distance == 0);
  CHECK(boxTree.nearestToSegment({0, 0, 0}, {0.5, 0, 0}).distance == doctest::Approx(0.5));
  // A point segment, and nothing nearer than a bound.
  CHECK(boxTree.nearestToSegment({0, 0, 4}, {0, 0, 4}).distance == doctest::Approx(3));
  CHECK(std::isinf(boxTree.nearestToSegment({-5, 0, 3}, {5, 0, 3}, 1.5).distance));
  CHECK(std::isinf(MeshBvh(TriangleMesh{}).nearestToSegment({0, 0, 0}, {1, 1, 1}).distance));

  const TriangleMesh e = testmesh::ellipsoid({0, 0, 0}, {10, 20, 40}, 24, 32);
  const MeshBvh bvh(e);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-60, 60);
  for (int i = 0; i < 200; ++i) {
    const glm::dvec3 a(u(rng), u(rng), u(rng)), b(u(rng), u(rng), u(rng));
    const SegmentProximity p = bvh.nearestToSegment(a, b);
    const double length = glm::length(b - a);
    const int steps = static_cast<int>(length / 0.05) + 1;
    double sampled = 1e300;
    for (int k = 0; k <= steps; ++k) {
      sampled = std::min(sampled, bvh.distance(a + (b - a) * (double(k) / steps)));
    }
    CAPTURE(i);
    CHECK(p.distance <= sampled + 1e-9);
    CHECK(p.distance >= sampled - 0.5 * length / steps - 1e-9);
    CHECK(glm::length(p.onSegment - p.onSurface) == doctest::Approx(p.distance).epsilon(1e-9));
    CHECK(bvh.distance(p.onSurface) < 1e-9);
  }
}

TEST_CASE("the midline table is the centroid of the skin's section") {
  const TriangleMesh& skin = test::bundledAtlas().meshes.at("skin");
  const SkinMidline midline(skin);
  REQUIRE(midline.valid());
  const MeshBvh bvh(skin);
  for (const double z : {-40.5, -120.0, -250.25, -370.0}) {
    CAPTURE(z);
    const SkinLevel level = midline.at(z);
    const Section cut = sectionAtZ(skin, z);
    REQUIRE(!cut.box.empty());
    // Interpolated between cuts 1 mm apart: area and extent within a few per cent of the cut.
    CHECK(level.area == doctest::Approx(cut.area).epsilon(0.03));
    CHECK(level.lo.x == doctest::Approx(cut.box.lo.x).epsilon(0.03));
    CHECK(level.hi.y == doctest::Approx(cut.box.hi.y).epsilon(0.03));
    // The centroid of the area, by counting 0.5 mm cells inside the skin.
    double sx = 0, sy = 0, n = 0;
    for (double x = cut.box.lo.x; x <= cut.box.hi.x; x += 0.5) {
      for (double y = cut.box.lo.y; y <= cut.box.hi.y; y += 0.5) {
        if (bvh.contains({x, y, z})) {
          sx += x;
          sy += y;
          n += 1;
        }
      }
    }
    REQUIRE(n > 100);
    MESSAGE("z " << z << ": midline (" << level.centroid.x << ", " << level.centroid.y
                 << "), counted (" << sx / n << ", " << sy / n << ")");
    CHECK(std::abs(level.centroid.x - sx / n) < 0.5);
    CHECK(std::abs(level.centroid.y - sy / n) < 0.5);
  }
  // Beyond the ends the nearest cut is used.
  CHECK(midline.at(1e6).area == midline.at(bounds(skin).hi.z).area);
  CHECK(std::isfinite(midline.at(-1e6).centroid.x));
}

TEST_CASE("a midline of nothing is not valid") {
  CHECK_FALSE(SkinMidline(TriangleMesh{}).valid());
  TriangleMesh flat;
  flat.points = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
  flat.triangles = {{0, 1, 2}};
  CHECK_FALSE(SkinMidline(flat).valid());
}
