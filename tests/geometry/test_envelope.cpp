// The envelope generated round an atlas without a skin: closed and outward, round every point
// of the structures with the margin to spare, and no wider than it needs to be.
#include "geometry/bvh.h"
#include "geometry/envelope.h"
#include "geometry/mesh_checks.h"
#include "test_meshes.h"

#include <doctest/doctest.h>

using namespace sura;

namespace {

// A calf-like set: two long "heads" side by side over a longer, lower "soleus", all spheres
// stretched along z.
std::vector<TriangleMesh> calfLike() {
  auto stretched = [](double rx, double ry, double rz, glm::dvec3 centre) {
    TriangleMesh m = testmesh::icosphere(1.0, 8);
    for (glm::dvec3& p : m.points) {
      p = centre + glm::dvec3(p.x * rx, p.y * ry, p.z * rz);
    }
    return m;
  };
  return {stretched(22, 18, 110, {-20, -30, -120}), stretched(18, 15, 95, {22, -28, -110}),
          stretched(35, 20, 150, {0, -10, -200})};
}

} // namespace

TEST_CASE("the envelope is a closed outward surface round every point, with the margin") {
  const std::vector<TriangleMesh> parts = calfLike();
  std::vector<const TriangleMesh*> input;
  for (const TriangleMesh& m : parts) {
    input.push_back(&m);
  }
  EnvelopeOptions options;
  options.marginMm = 5.0;
  const TriangleMesh envelope = envelopeAround(input, options);
  REQUIRE_FALSE(envelope.triangles.empty());
  const TopologyReport topology = checkTopology(envelope);
  CHECK(topology.closedManifold());
  CHECK(topology.components == 1);
  CHECK(signedVolume(envelope) > 0); // counter-clockwise seen from outside

  const MeshBvh bvh(envelope);
  double nearest = 1e300;
  for (const TriangleMesh& m : parts) {
    for (const glm::dvec3& p : m.points) {
      REQUIRE(bvh.contains(p));
      nearest = std::min(nearest, bvh.distance(p));
    }
  }
  // The margin, less what the rings' straight segments and the sampled angles cut off.
  CHECK(nearest > 0.5 * options.marginMm);
  // Snug: the envelope's box is the parts' box widened by about the margin, no more.
  Aabb partsBox;
  for (const TriangleMesh& m : parts) {
    for (const glm::dvec3& p : m.points) {
      partsBox.add(p);
    }
  }
  const Aabb box = bounds(envelope);
  for (int axis = 0; axis < 3; ++axis) {
    CAPTURE(axis);
    CHECK(box.lo[axis] <= partsBox.lo[axis] - 0.5 * options.marginMm);
    CHECK(box.lo[axis] >= partsBox.lo[axis] - 2.0 * options.marginMm);
    CHECK(box.hi[axis] >= partsBox.hi[axis] + 0.5 * options.marginMm);
    CHECK(box.hi[axis] <= partsBox.hi[axis] + 2.0 * options.marginMm);
  }
}

TEST_CASE("an envelope of nothing is empty; of one flat piece, still closed") {
  CHECK(envelopeAround({}).triangles.empty());
  TriangleMesh flat;
  flat.points = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}};
  flat.triangles = {{0, 1, 2}};
  const TriangleMesh e = envelopeAround({&flat});
  REQUIRE_FALSE(e.triangles.empty());
  CHECK(checkTopology(e).closedManifold());
  CHECK(signedVolume(e) > 0);
}

TEST_CASE("an envelope's work is bounded: a kilometre-tall mesh still gets a bounded tube") {
  TriangleMesh tall = testmesh::box({0, 0, -1e9}, {10, 10, 1e9});
  const TriangleMesh e = envelopeAround({&tall});
  REQUIRE_FALSE(e.triangles.empty());
  CHECK(e.points.size() <= 2000 * 64 + 2);
  CHECK(checkTopology(e).closedManifold());
  const MeshBvh bvh(e);
  CHECK(bvh.contains({5, 5, 0}));
}
