#include "scene/camera_preset.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace sura {

namespace {

constexpr double kObliqueAzimuthDegrees = 45.0;
constexpr double kObliqueElevationDegrees = 15.0;
// Fraction of the viewport left free around the model, so it never touches the edges.
constexpr double kFrameMargin = 0.06;

} // namespace

Aabb drawnBounds(const std::map<std::string, TriangleMesh>& meshes, bool mirrored) {
  Aabb box;
  for (const auto& [id, mesh] : meshes) {
    for (const glm::dvec3& p : mesh.points) {
      box.add(asDrawn(p, mirrored));
    }
  }
  return box;
}

glm::dvec3 presetDirection(ViewPreset view, Side side) {
  // Lateral of a right leg is +X (the Sura frame is RAS); of a left leg, -X.
  const double lateralX = side == Side::Right ? 1.0 : -1.0;
  switch (view) {
  case ViewPreset::Posterior:
    return {0.0, -1.0, 0.0};
  case ViewPreset::Anterior:
    return {0.0, 1.0, 0.0};
  case ViewPreset::Medial:
    return {-lateralX, 0.0, 0.0};
  case ViewPreset::Lateral:
    return {lateralX, 0.0, 0.0};
  case ViewPreset::Oblique: {
    const double azimuth = glm::radians(kObliqueAzimuthDegrees);
    const double elevation = glm::radians(kObliqueElevationDegrees);
    const glm::dvec3 horizontal{-lateralX * std::sin(azimuth), -std::cos(azimuth), 0.0};
    return std::cos(elevation) * horizontal + glm::dvec3{0.0, 0.0, std::sin(elevation)};
  }
  }
  return {0.0, -1.0, 0.0};
}

CameraPose framePreset(ViewPreset view, Side side, const Aabb& box, double viewAngleDegrees,
                       double aspect) {
  return frameBox(box, presetDirection(view, side), {0.0, 0.0, 1.0}, viewAngleDegrees, aspect);
}

CameraPose frameBox(const Aabb& box, const glm::dvec3& towardCamera, const glm::dvec3& upHint,
                    double viewAngleDegrees, double aspect) {
  const glm::dvec3 worldUp{0.0, 0.0, 1.0};
  glm::dvec3 right = glm::cross(-towardCamera, upHint);
  if (glm::length(right) < 1e-9) {
    right = glm::cross(-towardCamera, worldUp);
  }
  if (glm::length(right) < 1e-9) {
    right = {1.0, 0.0, 0.0}; // looking straight up or down
  }
  right = glm::normalize(right);
  const glm::dvec3 up = glm::cross(right, -towardCamera);

  CameraPose pose;
  pose.viewUp = up;
  if (box.empty()) {
    pose.position = towardCamera;
    return pose;
  }
  const glm::dvec3 center = box.center();
  const double tanHalfHeight =
      std::tan(glm::radians(viewAngleDegrees) / 2.0) * (1.0 - kFrameMargin);
  const double tanHalfWidth = tanHalfHeight * std::max(aspect, 1e-3);

  // The camera must stand far enough that every corner of the box projects inside the
  // viewport: |offset across| / (distance - offset toward camera) <= tan(half angle).
  double distance = 0.0;
  for (int corner = 0; corner < 8; ++corner) {
    const glm::dvec3 p{corner & 1 ? box.hi.x : box.lo.x, corner & 2 ? box.hi.y : box.lo.y,
                       corner & 4 ? box.hi.z : box.lo.z};
    const glm::dvec3 offset = p - center;
    const double depth = glm::dot(offset, towardCamera);
    distance = std::max(distance, depth + std::abs(glm::dot(offset, up)) / tanHalfHeight);
    distance = std::max(distance, depth + std::abs(glm::dot(offset, right)) / tanHalfWidth);
  }
  pose.focalPoint = center;
  pose.position = center + distance * towardCamera;
  return pose;
}

std::vector<glm::dvec3> essentialReferredPoints(const ResolvedTriggerPoint& point,
                                                const std::vector<glm::dvec3>& skinPoints) {
  std::vector<glm::dvec3> points;
  for (const ResolvedZone& zone : point.zones) {
    if (zone.zone.kind != ZoneKind::Essential) {
      continue;
    }
    for (std::size_t k = 0; k < zone.vertices.size() && k < zone.weights.size(); ++k) {
      if (zone.weights[k] >= 0.5f && zone.vertices[k] < skinPoints.size()) {
        points.push_back(skinPoints[zone.vertices[k]]);
      }
    }
  }
  return points;
}

glm::dvec3 examinationDirection(const ResolvedTriggerPoint& point, bool mirrored) {
  // The approach runs from the examined surface into the muscle: the examiner stands back
  // along it.
  glm::dvec3 toward = -point.approach;
  return glm::normalize(asDrawn(toward, mirrored));
}

CameraPose frameTriggerPoint(const ResolvedTriggerPoint& point, bool mirrored,
                             double viewAngleDegrees, double aspect,
                             const std::vector<glm::dvec3>& alsoShow) {
  const glm::dvec3 toward = examinationDirection(point, mirrored);
  const glm::dvec3 centre = asDrawn(point.centre, mirrored);
  // A sphere fits when its radius subtends no more than the smaller half angle.
  const double tanHalfHeight =
      std::tan(glm::radians(viewAngleDegrees) / 2.0) * (1.0 - kFrameMargin);
  const double tanHalf = tanHalfHeight * std::min(1.0, std::max(aspect, 1e-3));
  double distance = kTriggerPointViewRadiusMm / std::sin(std::atan(tanHalf));
  for (const glm::dvec3& p : alsoShow) {
    // In view when its offset across the view is within tan(half angle) of its depth.
    const glm::dvec3 offset = asDrawn(p, mirrored) - centre;
    const double along = glm::dot(offset, toward);
    const double across = glm::length(offset - along * toward);
    if (across <= kMaxReferredViewDistanceMm) {
      distance = std::max(distance, along + (across + kReferredViewMarginMm) / tanHalf);
    }
  }

  CameraPose pose = frameBox(Aabb{}, toward, {0.0, 0.0, 1.0}, viewAngleDegrees, aspect);
  pose.focalPoint = centre;
  pose.position = centre + distance * toward;
  return pose;
}

namespace {

// v turned by `angle` radians about the unit `axis` (Rodrigues).
glm::dvec3 rotate(const glm::dvec3& v, const glm::dvec3& axis, double angle) {
  return v * std::cos(angle) + glm::cross(axis, v) * std::sin(angle) +
         axis * glm::dot(axis, v) * (1.0 - std::cos(angle));
}

} // namespace

CameraPose interpolatePose(const CameraPose& from, const CameraPose& to, double s) {
  const double t = std::clamp(s, 0.0, 1.0);
  const double eased = t * t * (3.0 - 2.0 * t);
  const glm::dvec3 fromOffset = from.position - from.focalPoint;
  const glm::dvec3 toOffset = to.position - to.focalPoint;
  const double fromDistance = glm::length(fromOffset);
  const double toDistance = glm::length(toOffset);
  if (!(fromDistance > 0.0) || !(toDistance > 0.0)) {
    return eased < 0.5 ? from : to;
  }
  const glm::dvec3 a = fromOffset / fromDistance;
  const glm::dvec3 b = toOffset / toDistance;
  const double angle = std::acos(std::clamp(glm::dot(a, b), -1.0, 1.0));
  glm::dvec3 axis = glm::cross(a, b);
  if (glm::length(axis) < 1e-9) {
    // Same or opposite directions: turn about the vertical made square to the view (a
    // turntable), or about X when looking straight down the vertical.
    const glm::dvec3 vertical{0.0, 0.0, 1.0};
    axis = vertical - glm::dot(vertical, a) * a;
    if (glm::length(axis) < 1e-9) {
      axis = {1.0, 0.0, 0.0};
    }
  }
  axis = glm::normalize(axis);
  const glm::dvec3 direction = glm::normalize(rotate(a, axis, angle * eased));

  CameraPose pose;
  pose.focalPoint = glm::mix(from.focalPoint, to.focalPoint, eased);
  pose.position = pose.focalPoint + direction * glm::mix(fromDistance, toDistance, eased);
  glm::dvec3 up = glm::mix(from.viewUp, to.viewUp, eased);
  up -= glm::dot(up, direction) * direction; // square to the view
  pose.viewUp = glm::length(up) > 1e-9 ? glm::normalize(up) : to.viewUp;
  return pose;
}

} // namespace sura
