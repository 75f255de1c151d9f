// Pins in landmark terms: a point of a structure's surface measured as a trigger point is
// located (t, the direction round the leg, a depth along the line) comes back to the same
// point on the same model, to its mirror image on the left leg, and onto the surface of a mesh
// that moved.
#include "bundled_atlas.h"
#include "clinical/pin_place.h"
#include "left_leg_atlas.h"
#include "picking/camera_ray.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <string>
#include <vector>

using namespace sura;

namespace {

struct SurfacePoint {
  std::string structure;
  glm::dvec3 point;
  glm::dvec3 normal;
};

// Points spread over the surfaces of a few structures, outer and deep faces alike: the middles
// of every k-th triangle, with the triangle's outward normal.
std::vector<SurfacePoint> samplePoints(const LoadedAtlas& loaded) {
  std::vector<SurfacePoint> out;
  for (const char* id : {"skin", "gastrocnemius_medial_head", "soleus", "tibia", "fibula",
                         "tibialis_anterior", "achilles_tendon"}) {
    const TriangleMesh& mesh = loaded.meshes.at(id);
    const std::size_t step = std::max<std::size_t>(1, mesh.triangles.size() / 60);
    for (std::size_t i = 0; i < mesh.triangles.size(); i += step) {
      const auto& t = mesh.triangles[i];
      const glm::dvec3 a = mesh.points[t.x], b = mesh.points[t.y], c = mesh.points[t.z];
      const glm::dvec3 n = glm::cross(b - a, c - a);
      if (glm::length(n) < 1e-6) {
        continue;
      }
      out.push_back({id, (a + b + c) / 3.0, glm::normalize(n)});
    }
  }
  return out;
}

} // namespace

TEST_CASE("a pin measured in landmark terms comes back to the same point on the same model") {
  const LoadedAtlas& loaded = test::bundledAtlas();
  const LegFrame leg(loaded.atlas, test::bundledPicker().midline());
  REQUIRE(leg.valid());
  const std::vector<SurfacePoint> points = samplePoints(loaded);
  REQUIRE(points.size() > 300);
  std::size_t located = 0;
  for (const SurfacePoint& p : points) {
    CAPTURE(p.structure);
    CAPTURE(p.point);
    const MeshBvh& bvh = *test::bundledPicker().bvhOf(p.structure);
    const std::optional<PinLocation> location = pinLocation(leg, bvh, p.point);
    if (!location) {
      continue;
    }
    ++located;
    // t is the point's own, as picking describes it.
    const PointDescription d = test::bundledPicker().describe(p.point, p.structure);
    CHECK(location->t == doctest::Approx(d.t).epsilon(1e-9));
    CHECK(location->degrees >= 0.0);
    CHECK(location->degrees < 360.0);
    const std::optional<SurfacePlace> back = placePin(leg, bvh, *location);
    REQUIRE(back);
    CHECK(glm::distance(back->point, p.point) < 1e-6);
    CHECK(glm::dot(back->normal, p.normal) > 0.999);
  }
  // Nearly every point has a skin section at its height (the foot's tips may not).
  CHECK(located > points.size() * 95 / 100);
}

TEST_CASE("a pin stays on its spot when the leg is mirrored: the same place on the left leg") {
  const test::LeftLegAtlas left;
  REQUIRE(left.loaded().atlas.frame.side == "left");
  const Picker leftPicker(left.loaded().atlas, left.loaded().meshes);
  const LegFrame rightLeg(test::bundledAtlas().atlas, test::bundledPicker().midline());
  const LegFrame leftLeg(left.loaded().atlas, leftPicker.midline());
  std::size_t checked = 0;
  for (const SurfacePoint& p : samplePoints(test::bundledAtlas())) {
    CAPTURE(p.structure);
    CAPTURE(p.point);
    const std::optional<PinLocation> location =
        pinLocation(rightLeg, *test::bundledPicker().bvhOf(p.structure), p.point);
    if (!location) {
      continue;
    }
    const MeshBvh& leftMesh = *leftPicker.bvhOf(p.structure);
    const std::optional<SurfacePlace> there = placePin(leftLeg, leftMesh, *location);
    REQUIRE(there);
    // The mirror image of the right leg's point (medial stays medial), on the surface of the
    // same structure of the left leg, facing the mirrored way.
    CHECK(glm::distance(there->point, mirrorX(p.point)) < 1e-6);
    CHECK(leftMesh.distance(there->point) < 1e-6);
    CHECK(glm::dot(there->normal, mirrorX(p.normal)) > 0.999);
    const PointDescription d = leftPicker.describe(there->point, p.structure);
    CHECK(d.leg == "left");
    CHECK(d.t == doctest::Approx(location->t).epsilon(1e-9));
    CHECK(d.m ==
          doctest::Approx(test::bundledPicker().describe(p.point, p.structure).m).epsilon(1e-6));
    ++checked;
  }
  CHECK(checked > 300);
}

TEST_CASE("after the mesh moves a little, a pin is put back on the new surface nearby") {
  const LoadedAtlas& loaded = test::bundledAtlas();
  const LegFrame leg(loaded.atlas, test::bundledPicker().midline());
  const MeshBvh& before = *test::bundledPicker().bvhOf("soleus");
  // The rebuilt muscle: 1.5 % wider round its middle and 0.8 mm further back.
  TriangleMesh moved = loaded.meshes.at("soleus");
  const glm::dvec3 middle = before.bounds().center();
  const auto move = [&](const glm::dvec3& p) {
    return glm::dvec3{middle.x + (p.x - middle.x) * 1.015,
                      middle.y + (p.y - middle.y) * 1.015 - 0.8, p.z};
  };
  for (glm::dvec3& p : moved.points) {
    p = move(p);
  }
  const MeshBvh after(moved);
  std::size_t checked = 0, near = 0;
  double worst = 0.0;
  for (const SurfacePoint& p : samplePoints(loaded)) {
    if (p.structure != "soleus") {
      continue;
    }
    CAPTURE(p.point);
    const std::optional<PinLocation> location = pinLocation(leg, before, p.point);
    if (!location) {
      continue;
    }
    const std::optional<SurfacePlace> placed = placePin(leg, after, *location);
    REQUIRE(placed);
    CHECK(after.distance(placed->point) < 1e-6);        // on the new surface
    CHECK(glm::distance(placed->point, p.point) > 0.0); // it did move with the mesh
    const double off = glm::distance(placed->point, move(p.point));
    // Near the spot the point moved to (the muscle grew by 1.5 %, up to 0.6 mm here, and moved
    // 0.8 mm back), facing about the same way.
    CHECK(off < 2.5);
    near += off < 2.0 && glm::dot(placed->normal, p.normal) > 0.7 ? 1 : 0; // (at a crease
    // of the mesh the facet may differ)
    worst = std::max(worst, off);
    ++checked;
  }
  MESSAGE("moved soleus: " << near << " of " << checked
                           << " pins within 2 mm of their moved spot, facing its way "
                           << "(worst " << worst << " mm)");
  CHECK(near * 10 >= checked * 9);
  CHECK(checked > 40);
}
