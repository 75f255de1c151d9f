#include "geometry/section.h"
#include "test_meshes.h"

#include <doctest/doctest.h>

#include <cmath>
#include <utility>

using namespace sura;

namespace {
constexpr double pi = 3.14159265358979323846;
}

TEST_CASE("sections of a sphere are circles") {
  const double r = 20;
  const glm::dvec3 c(3, -4, 50);
  const TriangleMesh sphere = testmesh::icosphere(r, 48, c);
  for (const double dz : {0.0, 7.0, -7.0, 12.5, -15.0, 18.0}) {
    CAPTURE(dz);
    const double rr = std::sqrt(r * r - dz * dz);
    const Section s = sectionAtZ(sphere, c.z + dz);
    CHECK(s.area == doctest::Approx(pi * rr * rr).epsilon(0.01));
    CHECK(s.perimeter == doctest::Approx(2 * pi * rr).epsilon(0.01));
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
  CHECK(in.area == doctest::Approx(-pi * 96).epsilon(0.01));
  const Section shell = sectionAtZ(testmesh::merge(outer, inner), 2);
  CHECK(shell.area == doctest::Approx(pi * (396 - 96)).epsilon(0.01));
  CHECK(shell.perimeter ==
        doctest::Approx(2 * pi * (std::sqrt(396.0) + std::sqrt(96.0))).epsilon(0.01));
  CHECK(shell.hullPerimeter == doctest::Approx(2 * pi * std::sqrt(396.0)).epsilon(0.01));
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
