#include "clinical/pin_place.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sura {

namespace {

// The line starts outside the structure: farther from the midline than the structure's
// own extent and its distance from it.
std::vector<RayHit> crossings(const LegFrame& leg, const MeshBvh& structure,
                              const PinLocation& location, Ray& ray) {
  const double z = leg.zAt(location.t);
  const SkinLevel level = leg.level(z);
  const Aabb& box = structure.bounds();
  const double reach =
      glm::length(box.size()) + glm::length(glm::dvec3(level.centroid, z) - box.center()) + 1.0;
  ray = leg.radialRay(location, reach);
  return structure.intersectAll(ray);
}

} // namespace

std::optional<PinLocation> pinLocation(const LegFrame& leg, const MeshBvh& structure,
                                       const glm::dvec3& point) {
  if (!leg.valid() || structure.triangleCount() == 0) {
    return std::nullopt;
  }
  const SkinLevel level = leg.level(point.z);
  const double fromMidline = glm::length(glm::dvec2(point) - level.centroid);
  if (!(fromMidline > 1e-6)) {
    return std::nullopt; // on the midline: no direction round the leg
  }
  PinLocation location;
  location.t = leg.tAt(point.z);
  location.degrees = leg.degreesOf(point);
  location.fromMidlineMm = fromMidline;
  if (!std::isfinite(location.t) || !std::isfinite(location.degrees)) {
    return std::nullopt;
  }
  return location;
}

std::optional<SurfacePlace> placePin(const LegFrame& leg, const MeshBvh& structure,
                                     const PinLocation& location) {
  if (!leg.valid() || structure.triangleCount() == 0) {
    return std::nullopt;
  }
  Ray ray;
  const std::vector<RayHit> hits = crossings(leg, structure, location, ray);
  // The crossing nearest to the distance from the midline (the line starts `reach` out, so a
  // hit at t along it lies reach - t from the midline; past the midline that goes negative).
  const double reach = glm::length(glm::dvec2(ray.origin) - leg.level(ray.origin.z).centroid);
  const RayHit* best = nullptr;
  for (const RayHit& hit : hits) {
    if (!best || std::abs(reach - hit.t - location.fromMidlineMm) <
                     std::abs(reach - best->t - location.fromMidlineMm)) {
      best = &hit;
    }
  }
  if (best && std::abs(reach - best->t - location.fromMidlineMm) <= kPinLineToleranceMm) {
    return SurfacePlace{best->point, best->normal};
  }
  // The line no longer meets the surface near the place named (it was tangent there: an edge
  // of the structure, seen from the midline, that moved): the nearest point of the surface to
  // that place, with the normal of its triangle.
  const glm::dvec3 named = ray.origin + ray.direction * (reach - location.fromMidlineMm);
  const glm::dvec3 nearest = structure.closestPoint(named);
  if (!std::isfinite(nearest.x)) {
    return std::nullopt;
  }
  const glm::dvec3 toward = nearest - named;
  const glm::dvec3 in = glm::length(toward) > 1e-9 ? glm::normalize(toward) : ray.direction;
  const std::optional<RayHit> face = structure.intersectFirst(Ray{nearest - in, in}, 0.0, 2.0);
  return SurfacePlace{nearest, face ? face->normal : -in};
}

} // namespace sura
