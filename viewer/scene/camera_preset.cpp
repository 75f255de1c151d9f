#include "scene/camera_preset.h"

#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

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
  case ViewPreset::Inferior:
    return {0.0, 0.0, -1.0};
  }
  return {0.0, -1.0, 0.0};
}

CameraPose framePreset(ViewPreset view, Side side, const Aabb& box, double viewAngleDegrees,
                       double aspect) {
  // From below the sole is seen with the toes up, as a footprint is shown.
  const glm::dvec3 upHint =
      view == ViewPreset::Inferior ? glm::dvec3{0.0, 1.0, 0.0} : glm::dvec3{0.0, 0.0, 1.0};
  return frameBox(box, presetDirection(view, side), upHint, viewAngleDegrees, aspect);
}

CameraPose frameNeedle(const glm::dvec3& entry, const glm::dvec3& direction, double insertedMm,
                       double lengthMm, const glm::dvec3& preferred, double viewAngleDegrees,
                       double aspect) {
  const glm::dvec3 up{0.0, 0.0, 1.0};
  glm::dvec3 side = glm::cross(direction, up);
  if (glm::length(side) < 1e-6) { // a needle straight up or down the leg: any side will do
    side = glm::cross(direction, glm::dvec3{1.0, 0.0, 0.0});
  }
  side = glm::normalize(side);
  if (glm::dot(side, preferred) < 0.0) {
    side = -side;
  }
  const glm::dvec3 tip = entry + direction * insertedMm;
  const glm::dvec3 hub = entry - direction * std::max(0.0, lengthMm - insertedMm);
  Aabb box;
  for (const glm::dvec3& end : {tip, hub}) {
    box.add(end - glm::dvec3(kNeedleSurroundMm));
    box.add(end + glm::dvec3(kNeedleSurroundMm));
  }
  return frameBox(box, side, up, viewAngleDegrees, aspect);
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

std::vector<SkinPoint> essentialReferredPoints(const ResolvedTriggerPoint& point,
                                               const TriangleMesh& skin) {
  std::vector<std::size_t> vertices;
  for (const ResolvedZone& zone : point.zones) {
    if (zone.zone.kind != ZoneKind::Essential) {
      continue;
    }
    for (std::size_t k = 0; k < zone.vertices.size() && k < zone.weights.size(); ++k) {
      if (zone.weights[k] >= 0.5f && zone.vertices[k] < skin.points.size()) {
        vertices.push_back(zone.vertices[k]);
      }
    }
  }
  if (vertices.empty()) {
    return {};
  }
  // Vertex normals, area-weighted, of the vertices asked for only.
  std::map<std::size_t, glm::dvec3> normals;
  for (std::size_t v : vertices) {
    normals.emplace(v, glm::dvec3(0.0));
  }
  for (const glm::u32vec3& t : skin.triangles) {
    const glm::dvec3 n =
        glm::cross(skin.points[t.y] - skin.points[t.x], skin.points[t.z] - skin.points[t.x]);
    for (const unsigned corner : {t.x, t.y, t.z}) {
      if (auto it = normals.find(corner); it != normals.end()) {
        it->second += n;
      }
    }
  }
  std::vector<SkinPoint> points;
  for (std::size_t v : vertices) {
    const glm::dvec3 n = normals.at(v);
    const double length = glm::length(n);
    points.push_back({skin.points[v], length > 0.0 ? n / length : glm::dvec3(0.0)});
  }
  return points;
}

glm::dvec3 examinationDirection(const ResolvedTriggerPoint& point, bool mirrored) {
  // The approach runs from the examined surface into the muscle: the examiner stands back
  // along it.
  return glm::normalize(asDrawn(-point.approach, mirrored));
}

namespace {

// The view from `toward` (unit, toward the camera) that shows the sphere of `surround` mm
// about `centre` and every point of `zone` (each with kReferredViewMarginMm about it): centred
// on them all, at least `minDistance` away. The focal point lies in the plane through
// `centre` square to the view, so the distance is also the point's depth.
CameraPose frameTogether(const glm::dvec3& centre, double surround,
                         const std::vector<SkinPoint>& zone, const glm::dvec3& toward,
                         double tanHalfHeight, double tanHalfWidth, double minDistance) {
  CameraPose pose = frameBox(Aabb{}, toward, {0.0, 0.0, 1.0}, 2.0, 1.0); // the axes only
  const glm::dvec3 up = pose.viewUp;
  const glm::dvec3 right = glm::cross(-toward, up);
  glm::dvec2 lo{-surround}, hi{surround};
  for (const SkinPoint& p : zone) {
    const glm::dvec3 offset = p.position - centre;
    const glm::dvec2 across{glm::dot(offset, right), glm::dot(offset, up)};
    lo = glm::min(lo, across - kReferredViewMarginMm);
    hi = glm::max(hi, across + kReferredViewMarginMm);
  }
  const glm::dvec2 middle = (lo + hi) * 0.5;
  const glm::dvec3 focal = centre + middle.x * right + middle.y * up;
  double distance = minDistance;
  const auto fit = [&](const glm::dvec3& p, double margin) {
    const glm::dvec3 offset = p - focal;
    const double depth = glm::dot(offset, toward);
    distance =
        std::max(distance, depth + (std::abs(glm::dot(offset, up)) + margin) / tanHalfHeight);
    distance =
        std::max(distance, depth + (std::abs(glm::dot(offset, right)) + margin) / tanHalfWidth);
  };
  fit(centre, surround);
  for (const SkinPoint& p : zone) {
    fit(p.position, kReferredViewMarginMm);
  }
  pose.focalPoint = focal;
  pose.position = focal + distance * toward;
  return pose;
}

// The share of the zone's skin that faces a camera standing toward `toward`.
double shareInSight(const std::vector<SkinPoint>& zone, const glm::dvec3& toward) {
  const double facing = std::cos(glm::radians(kFacingDegrees));
  std::size_t seen = 0;
  for (const SkinPoint& p : zone) {
    seen += glm::dot(p.normal, toward) >= facing ? 1 : 0;
  }
  return zone.empty() ? 0.0 : double(seen) / double(zone.size());
}

} // namespace

CameraPose frameTriggerPoint(const ResolvedTriggerPoint& point, bool mirrored,
                             double viewAngleDegrees, double aspect,
                             const std::vector<SkinPoint>& alsoShow) {
  const glm::dvec3 toward = examinationDirection(point, mirrored);
  const glm::dvec3 centre = asDrawn(point.centre, mirrored);
  // A sphere fits when its radius subtends no more than the smaller half angle.
  const double tanHalfHeight =
      std::tan(glm::radians(viewAngleDegrees) / 2.0) * (1.0 - kFrameMargin);
  const double tanHalfWidth = tanHalfHeight * std::max(aspect, 1e-3);
  const double tanHalf = std::min(tanHalfHeight, tanHalfWidth);
  const double closeDistance = kTriggerPointViewRadiusMm / std::sin(std::atan(tanHalf));

  CameraPose close = frameBox(Aabb{}, toward, {0.0, 0.0, 1.0}, viewAngleDegrees, aspect);
  close.focalPoint = centre;
  close.position = centre + closeDistance * toward;
  if (alsoShow.empty()) {
    return close;
  }

  // The farthest the camera may stand: the spot keeps kMinTriggerPointScreenShare of the
  // shorter side of the whole viewport (margin included).
  const double tanShorter =
      std::tan(glm::radians(viewAngleDegrees) / 2.0) * std::min(1.0, std::max(aspect, 1e-3));
  const double farthest = point.point.radiusMm / (kMinTriggerPointScreenShare * tanShorter);

  std::vector<SkinPoint> zone;
  zone.reserve(alsoShow.size());
  for (const SkinPoint& p : alsoShow) {
    zone.push_back({asDrawn(p.position, mirrored), asDrawn(p.normal, mirrored)});
  }

  // Turn before zooming out: every direction within reach of the examination side, the
  // least turned first, about the leg's axis and tilted up or down (the sole is seen from
  // below).
  const glm::dvec3 vertical{0.0, 0.0, 1.0};
  glm::dvec3 horizontal = toward - glm::dot(toward, vertical) * vertical;
  horizontal = glm::length(horizontal) > 1e-9 ? glm::normalize(horizontal) : glm::dvec3{0, -1, 0};
  const glm::dvec3 aside = glm::cross(vertical, horizontal);
  std::optional<CameraPose> best;
  double bestTurn = 0.0;
  for (int azimuth = -90; azimuth <= 90; azimuth += 5) {
    for (const int elevation : {0, 15, -15, 30, -30, -45, -60}) {
      const double a = glm::radians(double(azimuth));
      const double e = glm::radians(double(elevation));
      const glm::dvec3 direction =
          std::cos(e) * (std::cos(a) * horizontal + std::sin(a) * aside) + std::sin(e) * vertical;
      const double turn =
          glm::degrees(std::acos(std::clamp(glm::dot(direction, toward), -1.0, 1.0)));
      if (turn > kMaxFocusTurnDegrees || (best && turn >= bestTurn)) {
        continue;
      }
      if (shareInSight(zone, direction) < kMinZoneShareInSight) {
        continue;
      }
      const CameraPose pose = frameTogether(centre, kTriggerPointSurroundMm, zone, direction,
                                            tanHalfHeight, tanHalfWidth, closeDistance);
      if (glm::length(pose.position - pose.focalPoint) > farthest) {
        continue;
      }
      best = pose;
      bestTurn = turn;
    }
  }
  return best.value_or(close);
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
