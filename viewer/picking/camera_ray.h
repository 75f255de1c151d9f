// From a pixel of the view to a ray in the world: pure camera maths, so the viewer can pass
// the values of its VTK camera and the picker never needs VTK or GL.
#pragma once

#include "geometry/bvh.h"

#include <glm/vec3.hpp>

namespace sura {

/// A camera as VTK describes one (vtkCamera's position, focal point, view up, view angle,
/// parallel projection and parallel scale) plus the size of the viewport it draws into.
/// vtkCamera's other settings are taken at their defaults: vertical view angle, window centre
/// (0, 0), no shear, no stereo.
struct CameraView {
  glm::dvec3 position{0.0, 0.0, 1.0};
  glm::dvec3 focalPoint{0.0};
  glm::dvec3 viewUp{0.0, 1.0, 0.0};
  double viewAngleDeg = 30; ///< full vertical angle of a perspective view (vtkCamera default)
  bool parallelProjection = false;
  double parallelScale = 1;  ///< half the height of a parallel view, in world units
  double viewportWidth = 1;  ///< pixels
  double viewportHeight = 1; ///< pixels
};

/// The world ray under the pixel position (x, y) of the viewport: x to the right and y DOWN,
/// both from the top-left corner of the viewport, in pixels, continuous (the centre of pixel
/// column i is i + 0.5). A VTK display position (xd, yd), whose y goes up from the bottom, is
/// (xd, viewportHeight - yd) here.
///
/// A perspective ray starts at the camera position; a parallel one starts on the plane
/// through the camera position facing the view direction. Either way the direction is unit
/// length, and distances along it are world units. A camera whose position equals its focal
/// point, whose view up is parallel to the view direction or whose viewport is empty gives a
/// ray with a zero direction, which hits nothing.
Ray pixelRay(const CameraView& camera, double x, double y);

/// The ray mirrored in the plane X = 0: how a ray of the viewer showing a left leg as the
/// mirror image of a right-leg atlas (or the reverse) is taken into the atlas frame and back.
Ray mirrorX(const Ray& ray);

/// p with x negated.
glm::dvec3 mirrorX(const glm::dvec3& p);

} // namespace sura
