#include "picking/camera_ray.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <cmath>

namespace sura {

Ray pixelRay(const CameraView& camera, double x, double y) {
  const glm::dvec3 toFocus = camera.focalPoint - camera.position;
  const double distance = glm::length(toFocus);
  const glm::dvec3 noRay(0.0);
  if (!(distance > 0) || !(camera.viewportWidth > 0) || !(camera.viewportHeight > 0)) {
    return {camera.position, noRay};
  }
  const glm::dvec3 forward = toFocus / distance;
  // VTK's view transform (a look-at) makes the up vector orthogonal to the view direction in
  // the same way, so a slightly tilted view up gives the same picture as here.
  const glm::dvec3 side = glm::cross(forward, camera.viewUp);
  const double sideLength = glm::length(side);
  if (!(sideLength > 1e-12 * glm::length(camera.viewUp))) {
    return {camera.position, noRay};
  }
  const glm::dvec3 right = side / sideLength;
  const glm::dvec3 up = glm::cross(right, forward);

  // Normalised device coordinates, -1..1 from the bottom-left to the top-right corner.
  const double ndcX = 2.0 * x / camera.viewportWidth - 1.0;
  const double ndcY = 1.0 - 2.0 * y / camera.viewportHeight;
  const double aspect = camera.viewportWidth / camera.viewportHeight;

  if (camera.parallelProjection) {
    const double h = camera.parallelScale;
    return {camera.position + right * (ndcX * h * aspect) + up * (ndcY * h), forward};
  }
  const double h = std::tan(glm::radians(camera.viewAngleDeg) / 2.0);
  const glm::dvec3 direction = forward + right * (ndcX * h * aspect) + up * (ndcY * h);
  return {camera.position, glm::normalize(direction)};
}

Ray mirrorX(const Ray& ray) {
  return {mirrorX(ray.origin), mirrorX(ray.direction)};
}

glm::dvec3 mirrorX(const glm::dvec3& p) {
  return {-p.x, p.y, p.z};
}

} // namespace sura
