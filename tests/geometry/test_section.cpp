#include "geometry/section.h"
#include "test_meshes.h"

#include <doctest/doctest.h>
#include <glm/gtc/constants.hpp>

#include <cmath>
#include <utility>

using namespace sura;

namespace {}

TEST_CASE("sections of a sphere are circles") {
  const double r = 20;
  const glm::dvec3 c(3, -4, 50);
  const TriangleMesh sphere = testmesh::icosphere(r, 48, c);
  for (const double dz : {0.0, 7.0, -7.0, 12.5, -15.0, 18.0}) {
    CAPTURE(dz);
    const double rr = std::sqrt(r * r - dz * dz);
    const Section s = sectionAtZ(sphere, c.z + dz);
    CHECK(s.area == doctest::Approx(glm::pi<double>() * rr * rr).epsilon(0.01));
    CHECK(s.perimeter == doctest::Approx(2 * glm::pi<double>() * rr).epsilon(0.01));
    // A convex polygon: the tape reads the same as the cut.
    CHECK(s.hullPerimeter == doctest::Approx(s.perimeter).epsilon(1e-9));
    CHECK(s.segments > 20);
    CHECK(s.box.lo.z == c.z + dz);
    CHECK(s.box.hi.z == c.z + dz);
    CHECK(s.box.lo.x == doctest::Approx(c.x - rr).epsilon(0.01));
    CHECK(s.box.hi.y == doctest::Approx(c.y + rr).epsilon(0.01));
  }
  const Section above = sectionAtZ(sphere, c.z + r + 1);
  CHECK(above.area == 0);
  CHECK(above.perimeter == 0);
  CHECK(above.hullPerimeter == 0);
  CHECK(above.segments == 0);
  CHECK(above.box.empty());
}

TEST_CASE("inward triangles give a negative area, a cavity subtracts") {
  const TriangleMesh outer = testmesh::icosphere(20, 32);
  TriangleMesh inner = testmesh::icosphere(10, 32);
  for (auto& t : inner.triangles) {
    std::swap(t.y, t.z);
  }
  const Section in = sectionAtZ(inner, 2);
  CHECK(in.area == doctest::Approx(-glm::pi<double>() * 96).epsilon(0.01));
  const Section shell = sectionAtZ(testmesh::merge(outer, inner), 2);
  CHECK(shell.area == doctest::Approx(glm::pi<double>() * (396 - 96)).epsilon(0.01));
  CHECK(
      shell.perimeter ==
      doctest::Approx(2 * glm::pi<double>() * (std::sqrt(396.0) + std::sqrt(96.0))).epsilon(0.01));
  CHECK(shell.hullPerimeter ==
        doctest::Approx(2 * glm::pi<double>() * std::sqrt(396.0)).epsilon(0.01));
}

TEST_CASE("box sections are exact, also through vertices") {
  const TriangleMesh box = testmesh::box({0, 0, 0}, {2, 3, 4});
  const Section mid = sectionAtZ(box, 1.5);
  CHECK(mid.area == doctest::Approx(6.0).epsilon(1e-12));
  CHECK(mid.perimeter == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(mid.hullPerimeter == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(mid.box.lo == glm::dvec3(0, 0, 1.5));
  CHECK(mid.box.hi == glm::dvec3(2, 3, 1.5));

  // The plane through the top face: its vertices count as above, so the side walls are cut
  // exactly along their top edges.
  const Section top = sectionAtZ(box, 4);
  CHECK(top.area == doctest::Approx(6.0).epsilon(1e-12));
  CHECK(top.perimeter == doctest::Approx(10.0).epsilon(1e-12));
  // The plane through the bottom face has the whole box above it.
  CHECK(sectionAtZ(box, 0).area == 0);
}

TEST_CASE("two separate boxes: areas add, the tape spans both") {
  const TriangleMesh two =
      testmesh::merge(testmesh::box({0, 0, 0}, {1, 1, 1}), testmesh::box({3, 0, 0}, {4, 1, 1}));
  const Section s = sectionAtZ(two, 0.5);
  CHECK(s.area == doctest::Approx(2.0).epsilon(1e-12));
  CHECK(s.perimeter == doctest::Approx(8.0).epsilon(1e-12));
  CHECK(s.hullPerimeter == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(s.box.lo.x == 0);
  CHECK(s.box.hi.x == 4);
}

TEST_CASE("empty mesh and bad triangles") {
  CHECK(sectionAtZ(TriangleMesh{}, 0).segments == 0);
  TriangleMesh m = testmesh::box({0, 0, 0}, {1, 1, 1});
  m.triangles.push_back({0, 5, 42});
  m.triangles.push_back({0, 0, 5});
  CHECK(sectionAtZ(m, 0.5).area == doctest::Approx(1.0));
}

// Outlines of a cut, for drawing sections.

namespace {

SectionPlane horizontal(double z) {
  SectionPlane plane;
  plane.origin = {0, 0, z};
  return plane;
}

} // namespace

TEST_CASE("a sphere cut by a tilted plane is one closed counter-clockwise circle") {
  const double r = 20;
  const glm::dvec3 c(3, -4, 50);
  const TriangleMesh sphere = testmesh::icosphere(r, 48, c);
  SectionPlane plane;
  plane.u = glm::normalize(glm::dvec3(1, 0, 1));
  plane.v = {0, 1, 0};
  plane.origin = c + 8.0 * plane.normal();
  const std::vector<SectionLoop> loops = sectionLoops(sphere, plane);
  REQUIRE(loops.size() == 1);
  CHECK(loops[0].closed);
  CHECK(loops[0].points.size() > 20);
  CHECK(signedArea(loops[0].points) ==
        doctest::Approx(glm::pi<double>() * (r * r - 64)).epsilon(0.01));
  for (const glm::dvec2& p : loops[0].points) {
    CHECK(glm::length(p) == doctest::Approx(std::sqrt(r * r - 64)).epsilon(0.01));
  }
  CHECK(sectionLoops(sphere, horizontal(c.z + r + 1)).empty());
}

TEST_CASE("seen from below (u = -x), outer loops still run counter-clockwise, mirrored") {
  const TriangleMesh box = testmesh::box({1, 0, 0}, {3, 3, 4});
  SectionPlane fromBelow = horizontal(2);
  fromBelow.u = {-1, 0, 0};
  const std::vector<SectionLoop> loops = sectionLoops(box, fromBelow);
  REQUIRE(loops.size() == 1);
  CHECK(signedArea(loops[0].points) == doctest::Approx(6.0).epsilon(1e-12));
  for (const glm::dvec2& p : loops[0].points) {
    CHECK(p.x <= -1);
    CHECK(p.x >= -3);
  }
}

TEST_CASE("a cavity is a clockwise loop inside; separate bodies are separate loops") {
  TriangleMesh inner = testmesh::icosphere(10, 32);
  for (auto& t : inner.triangles) {
    std::swap(t.y, t.z);
  }
  const std::vector<SectionLoop> shell =
      sectionLoops(testmesh::merge(testmesh::icosphere(20, 32), inner), horizontal(2));
  REQUIRE(shell.size() == 2);
  double total = 0;
  int holes = 0;
  for (const SectionLoop& loop : shell) {
    CHECK(loop.closed);
    total += signedArea(loop.points);
    holes += signedArea(loop.points) < 0 ? 1 : 0;
  }
  CHECK(holes == 1);
  CHECK(total == doctest::Approx(glm::pi<double>() * (396 - 96)).epsilon(0.01));

  const TriangleMesh two =
      testmesh::merge(testmesh::box({0, 0, 0}, {1, 1, 1}), testmesh::box({3, 0, 0}, {4, 1, 1}));
  const std::vector<SectionLoop> loops = sectionLoops(two, horizontal(0.5));
  REQUIRE(loops.size() == 2);
  CHECK(signedArea(loops[0].points) == doctest::Approx(1.0));
  CHECK(signedArea(loops[1].points) == doctest::Approx(1.0));
}

TEST_CASE("a plane through vertices gives a clean loop; a hole in the mesh an open outline") {
  const TriangleMesh box = testmesh::box({0, 0, 0}, {2, 3, 4});
  const std::vector<SectionLoop> top = sectionLoops(box, horizontal(4));
  REQUIRE(top.size() == 1);
  CHECK(top[0].closed);
  CHECK(top[0].points.size() == 4);
  CHECK(signedArea(top[0].points) == doctest::Approx(6.0).epsilon(1e-12));
  CHECK(sectionLoops(box, horizontal(0)).empty()); // the box only touches the plane

  TriangleMesh open = box;
  open.triangles.erase(open.triangles.begin() + 10, open.triangles.end()); // no +x wall
  const std::vector<SectionLoop> cut = sectionLoops(open, horizontal(1));
  REQUIRE(cut.size() == 1);
  CHECK_FALSE(cut[0].closed);
  // Counter-clockwise round the three walls left, from the +x,+y corner to the +x,-y corner.
  CHECK(cut[0].points.front() == glm::dvec2(2, 3));
  CHECK(cut[0].points.back() == glm::dvec2(2, 0));
  CHECK(signedArea(cut[0].points) == doctest::Approx(6.0).epsilon(1e-12));
}

TEST_CASE("signed area: counter-clockwise positive, degenerate zero") {
  CHECK(signedArea({{0, 0}, {2, 0}, {2, 1}, {0, 1}}) == doctest::Approx(2.0));
  CHECK(signedArea({{0, 0}, {0, 1}, {2, 1}, {2, 0}}) == doctest::Approx(-2.0));
  CHECK(signedArea({{0, 0}, {1, 1}}) == 0);
}

TEST_CASE("segmentInside: a square with a square hole") {
  SectionLoop outer{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, true};
  SectionLoop hole{{{4, 4}, {4, 6}, {6, 6}, {6, 4}}, true}; // clockwise
  const std::vector<SectionLoop> loops{outer, hole};
  // Across the middle: in for 4, out through the hole for 2, in for 4.
  const std::vector<Interval> across = segmentInside(loops, {-5, 5}, {15, 5});
  REQUIRE(across.size() == 2);
  CHECK(across[0].from == doctest::Approx(5));
  CHECK(across[0].to == doctest::Approx(9));
  CHECK(across[1].from == doctest::Approx(11));
  CHECK(across[1].to == doctest::Approx(15));
  // Starting inside, ending outside.
  const std::vector<Interval> out = segmentInside(loops, {2, 2}, {2, 20});
  REQUIRE(out.size() == 1);
  CHECK(out[0].from == doctest::Approx(0));
  CHECK(out[0].to == doctest::Approx(8));
  // Wholly outside; wholly inside; open loops are not regions.
  CHECK(segmentInside(loops, {20, 20}, {30, 20}).empty());
  const std::vector<Interval> in = segmentInside(loops, {1, 1}, {3, 1});
  REQUIRE(in.size() == 1);
  CHECK(in[0].to == doctest::Approx(2));
  CHECK(segmentInside({SectionLoop{outer.points, false}}, {-5, 5}, {15, 5}).empty());
}
