#include "geometry/mesh_checks.h"
#include "test_meshes.h"

#include <doctest/doctest.h>
#include <glm/gtc/constants.hpp>

#include <cmath>
#include <limits>
#include <utility>

using namespace sura;

namespace {

TriangleMesh reversed(TriangleMesh m) {
  for (auto& t : m.triangles) {
    std::swap(t.y, t.z);
  }
  return m;
}
} // namespace

TEST_CASE("icosphere volume and topology") {
  const double r = 50;
  const TriangleMesh sphere = testmesh::icosphere(r, 16, {10, -20, 30});
  const double exact = 4.0 / 3.0 * glm::pi<double>() * r * r * r;
  CHECK(signedVolume(sphere) == doctest::Approx(exact).epsilon(0.01));
  CHECK(signedVolume(sphere) < exact); // inscribed polyhedron
  CHECK(signedVolume(reversed(sphere)) == doctest::Approx(-signedVolume(sphere)));

  const TopologyReport t = checkTopology(sphere);
  CHECK(t.closedManifold());
  CHECK(t.boundaryEdges == 0);
  CHECK(t.nonManifoldEdges == 0);
  CHECK(t.misorientedEdges == 0);
  CHECK(t.degenerateTriangles == 0);
  CHECK(t.components == 1);
  CHECK(allFinite(sphere));
  CHECK(indicesValid(sphere));
}

TEST_CASE("cube volume is exact, also far from the origin") {
  const TriangleMesh cube = testmesh::box({1000, 2000, -3000}, {1002, 2003, -2996});
  CHECK(signedVolume(cube) == doctest::Approx(24.0).epsilon(1e-12));
  const TopologyReport t = checkTopology(cube);
  CHECK(t.closedManifold());
  CHECK(t.components == 1);
}

TEST_CASE("a flipped triangle makes its three edges misoriented") {
  TriangleMesh cube = testmesh::box({0, 0, 0}, {1, 1, 1});
  std::swap(cube.triangles[5].y, cube.triangles[5].z);
  const TopologyReport t = checkTopology(cube);
  CHECK(t.misorientedEdges == 3);
  CHECK(t.boundaryEdges == 0);
  CHECK(t.nonManifoldEdges == 0);
  CHECK_FALSE(t.closedManifold());
}

TEST_CASE("a missing triangle leaves three boundary edges") {
  TriangleMesh cube = testmesh::box({0, 0, 0}, {1, 1, 1});
  cube.triangles.erase(cube.triangles.begin() + 7);
  const TopologyReport t = checkTopology(cube);
  CHECK(t.boundaryEdges == 3);
  CHECK(t.misorientedEdges == 0);
  CHECK_FALSE(t.closedManifold());
  CHECK(t.components == 1);
}

TEST_CASE("an edge shared by three triangles is non-manifold") {
  TriangleMesh m = testmesh::box({0, 0, 0}, {1, 1, 1});
  m.points.push_back({0.5, 0.5, 2});
  // Edge 4-5 belongs to the +z and -y faces already.
  m.triangles.push_back({4, 5, 8});
  const TopologyReport t = checkTopology(m);
  CHECK(t.nonManifoldEdges == 1);
  CHECK(t.boundaryEdges == 2);
  CHECK(t.components == 1);
  CHECK_FALSE(t.closedManifold());
}

TEST_CASE("two disjoint cubes are two components") {
  const TriangleMesh a = testmesh::box({0, 0, 0}, {1, 1, 1});
  const TriangleMesh b = testmesh::box({3, 0, 0}, {5, 2, 2});
  const TriangleMesh both = testmesh::merge(a, b);
  const TopologyReport t = checkTopology(both);
  CHECK(t.components == 2);
  CHECK(t.closedManifold());
  CHECK(signedVolume(both) == doctest::Approx(9.0));

  const auto parts = splitComponents(both);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].points.size() == 8);
  CHECK(parts[1].points.size() == 8);
  CHECK(parts[0].triangles.size() == 12);
  CHECK(parts[1].triangles.size() == 12);
  CHECK(signedVolume(parts[0]) == doctest::Approx(1.0));
  CHECK(signedVolume(parts[1]) == doctest::Approx(8.0));
  CHECK(checkTopology(parts[1]).closedManifold());
  CHECK(indicesValid(parts[1]));
}

TEST_CASE("cubes sharing only a vertex are two components, each keeping the vertex") {
  TriangleMesh a = testmesh::box({0, 0, 0}, {1, 1, 1});
  TriangleMesh b = testmesh::box({1, 1, 1}, {2, 2, 2});
  TriangleMesh both = testmesh::merge(a, b);
  // Weld b's corner 0 onto a's corner 7 and interleave the triangles.
  for (std::size_t i = 12; i < both.triangles.size(); ++i) {
    for (int k = 0; k < 3; ++k) {
      if (both.triangles[i][k] == 8) {
        both.triangles[i][k] = 7;
      }
    }
  }
  std::swap(both.triangles[3], both.triangles[14]);
  std::swap(both.triangles[6], both.triangles[20]);
  CHECK(checkTopology(both).components == 2);
  const auto parts = splitComponents(both);
  REQUIRE(parts.size() == 2);
  for (const auto& p : parts) {
    CHECK(p.points.size() == 8);
    CHECK(checkTopology(p).closedManifold());
    CHECK(signedVolume(p) == doctest::Approx(1.0));
  }
}

TEST_CASE("degenerate triangles are counted") {
  TriangleMesh m = testmesh::box({0, 0, 0}, {1, 1, 1});
  m.triangles.push_back({0, 0, 1});  // repeated index
  m.triangles.push_back({0, 1, 99}); // out of range
  const TopologyReport t = checkTopology(m);
  CHECK(t.degenerateTriangles == 2);
  CHECK(t.closedManifold()); // ignored for the edges
  CHECK(t.components == 1);
  CHECK(degenerateTriangle(m, 12));
  CHECK(degenerateTriangle(m, 13));
  CHECK_FALSE(degenerateTriangle(m, 0));
  CHECK_FALSE(indicesValid(m));
  CHECK(splitComponents(m).at(0).triangles.size() == 12);

  // Zero area with three distinct indices: collinear points, still part of the topology.
  TriangleMesh sliver;
  sliver.points = {{0, 0, 0}, {1, 1, 1}, {3, 3, 3}, {0, 1, 0}};
  sliver.triangles = {{0, 1, 2}, {0, 2, 3}};
  const TopologyReport s = checkTopology(sliver);
  CHECK(s.degenerateTriangles == 1);
  CHECK(s.components == 1);
  CHECK(s.boundaryEdges == 4);
}

TEST_CASE("allFinite spots NaN and infinity") {
  TriangleMesh m = testmesh::box({0, 0, 0}, {1, 1, 1});
  CHECK(allFinite(m));
  m.points[3].y = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(allFinite(m));
  m.points[3].y = std::numeric_limits<double>::infinity();
  CHECK_FALSE(allFinite(m));
}

TEST_CASE("empty mesh") {
  const TriangleMesh m;
  CHECK(signedVolume(m) == 0);
  const TopologyReport t = checkTopology(m);
  CHECK(t.components == 0);
  CHECK(t.closedManifold());
  CHECK(splitComponents(m).empty());
  CHECK(allFinite(m));
}
