#include "picking/camera_ray.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>

using namespace sura;

namespace {

/// A posterior view of the calf: the camera behind the leg looking forward (+y), up +z.
CameraView posteriorView() {
  CameraView c;
  c.position = {0, -500, -120};
  c.focalPoint = {0, 0, -120};
  c.viewUp = {0, 0, 1};
  c.viewAngleDeg = 30;
  c.viewportWidth = 400;
  c.viewportHeight = 300;
  return c;
}

double angleDeg(const glm::dvec3& a, const glm::dvec3& b) {
  return glm::degrees(
      std::acos(std::clamp(glm::dot(glm::normalize(a), glm::normalize(b)), -1.0, 1.0)));
}

} // namespace

TEST_CASE("the centre of the viewport looks at the focal point") {
  const CameraView c = posteriorView();
  const Ray r = pixelRay(c, 200, 150);
  CHECK(r.origin == c.position);
  CHECK(glm::length(r.direction) == doctest::Approx(1.0));
  CHECK(angleDeg(r.direction, c.focalPoint - c.position) == doctest::Approx(0.0).epsilon(1e-9));
}

TEST_CASE("the view angle is vertical and y runs down from the top of the viewport") {
  const CameraView c = posteriorView();
  const Ray top = pixelRay(c, 200, 0);
  const Ray bottom = pixelRay(c, 200, 300);
  CHECK(angleDeg(top.direction, {0, 1, 0}) == doctest::Approx(15.0));
  CHECK(top.direction.z > 0); // the top of the picture is up (+z)
  CHECK(bottom.direction.z < 0);
  CHECK(angleDeg(top.direction, bottom.direction) == doctest::Approx(30.0));
  // Horizontally the half-angle grows with the aspect ratio 4:3.
  const Ray right = pixelRay(c, 400, 150);
  CHECK(right.direction.x > 0); // from behind, the patient's right (+x) is on the right
  CHECK(std::tan(glm::radians(angleDeg(right.direction, {0, 1, 0}))) ==
        doctest::Approx(std::tan(glm::radians(15.0)) * 4.0 / 3.0));
}

TEST_CASE("a tilted view up is made orthogonal to the view direction") {
  CameraView c = posteriorView();
  const Ray straight = pixelRay(c, 10, 20);
  c.viewUp = {0, -0.3, 1}; // leans toward the camera, still in the same vertical plane
  const Ray tilted = pixelRay(c, 10, 20);
  CHECK(angleDeg(straight.direction, tilted.direction) == doctest::Approx(0.0).epsilon(1e-9));
}

TEST_CASE("a parallel projection gives parallel rays offset by the parallel scale") {
  CameraView c = posteriorView();
  c.parallelProjection = true;
  c.parallelScale = 100; // half the viewport height is 100 mm
  const Ray centre = pixelRay(c, 200, 150);
  const Ray corner = pixelRay(c, 0, 0);
  CHECK(angleDeg(centre.direction, corner.direction) == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(corner.origin.z == doctest::Approx(c.position.z + 100));
  CHECK(corner.origin.x == doctest::Approx(c.position.x - 100 * 4.0 / 3.0));
  CHECK(corner.origin.y == doctest::Approx(c.position.y));
}

TEST_CASE("a degenerate camera gives a ray that hits nothing") {
  CameraView c = posteriorView();
  c.focalPoint = c.position;
  CHECK(glm::length(pixelRay(c, 1, 1).direction) == 0);
  c = posteriorView();
  c.viewUp = {0, 1, 0}; // along the view direction
  CHECK(glm::length(pixelRay(c, 1, 1).direction) == 0);
  c = posteriorView();
  c.viewportHeight = 0;
  CHECK(glm::length(pixelRay(c, 1, 1).direction) == 0);
}

TEST_CASE("mirroring a ray negates x of its origin and direction") {
  const Ray r{{1, 2, 3}, {4, 5, 6}};
  const Ray m = mirrorX(r);
  CHECK(m.origin == glm::dvec3(-1, 2, 3));
  CHECK(m.direction == glm::dvec3(-4, 5, 6));
  CHECK(mirrorX(m).origin == r.origin);
}
