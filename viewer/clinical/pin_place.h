// Pins in landmark terms: a point on a structure's surface told the way a trigger point's
// location is (docs/atlas-format.md: t, the direction round the leg, a depth along the line),
// so that it can be put back on the same anatomical spot of another mesh of the structure:
// the mirrored leg, or a rebuilt model. Pure C++ + glm: no VTK, no GL.
#pragma once

#include "atlas/atlas.h"
#include "clinical/leg_frame.h"
#include "geometry/bvh.h"

#include <glm/vec3.hpp>

#include <optional>

namespace sura {

/// A crossing of a pin's line this far (mm) from where its location says is still its place.
inline constexpr double kPinLineToleranceMm = 2.0;

/// A point on a surface with its outward unit normal, Sura frame.
struct SurfacePlace {
  glm::dvec3 point{0.0};
  glm::dvec3 normal{0.0, 0.0, 1.0};
};

/// A point on the surface of a structure (`structure`: its mesh's tree, Sura frame) in
/// landmark terms (PinLocation): t of the point, the direction of the point from the skin's
/// midline at its height (degrees, as picking measures a sector) and its distance from the
/// midline. Empty when the skin has no section at that height or the point lies on the midline
/// itself. (`structure` is not needed to measure; it is taken for symmetry with placePin.)
std::optional<PinLocation> pinLocation(const LegFrame& leg, const MeshBvh& structure,
                                       const glm::dvec3& point);

/// A location put back on a structure's surface: of the crossings of the location's radial
/// line with the surface, the one nearest to its distance from the midline, with the
/// triangle's outward normal there, when it is within kPinLineToleranceMm of it; so the pin
/// keeps its t and direction exactly, and on the mirrored leg (a left-leg atlas) it is the
/// mirror image of the right leg's point. Otherwise (the line was tangent to the surface there,
/// at an edge of the structure seen from the midline, and that edge moved) the nearest point
/// of the surface to the place named, with its triangle's normal. Empty only for an empty mesh
/// or no skin.
std::optional<SurfacePlace> placePin(const LegFrame& leg, const MeshBvh& structure,
                                     const PinLocation& location);

} // namespace sura
