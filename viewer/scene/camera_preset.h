// Camera presets as plain geometry, so framing can be tested without a window.
#pragma once

#include "app/app_state.h"
#include "geometry/mesh.h"

#include <glm/vec3.hpp>

namespace sura {

/// Where a perspective camera stands and looks, in the Sura frame (mm, Z up).
struct CameraPose {
  glm::dvec3 position{0.0};
  glm::dvec3 focalPoint{0.0};
  glm::dvec3 viewUp{0.0, 0.0, 1.0};
};

/// Unit vector from the model toward the camera for a preset. Posterior looks from -Y,
/// anterior from +Y; medial and lateral depend on the side (lateral of a right leg is +X);
/// oblique looks from behind-medial at 45 degrees, a little from above.
glm::dvec3 presetDirection(ViewPreset view, Side side);

/// Pose for a preset that frames the whole box with a small margin, for a vertical view
/// angle in degrees and a viewport aspect (width / height).
CameraPose framePreset(ViewPreset view, Side side, const Aabb& box, double viewAngleDegrees,
                       double aspect);

} // namespace sura
