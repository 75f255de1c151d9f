#include "app/needle_placement.h"

#include "picking/camera_ray.h"

#include <array>
#include <cmath>

namespace sura {

namespace {

// A ray to a known skin point starts this far outside it, so that it enters the skin there.
constexpr double kLeadMm = 2.0;

} // namespace

NeedleRequest needleRequestAlong(const Ray& worldRay, bool mirrored) {
  NeedleRequest request;
  request.origin = asDrawn(worldRay.origin, mirrored);
  request.direction = asDrawn(worldRay.direction, mirrored);
  return request;
}

std::optional<NeedlePlacement> placeRequestedNeedle(const Picker& picker, const Clinical& clinical,
                                                    const Atlas& atlas, const AppState& state) {
  if (!state.needle) {
    return std::nullopt;
  }
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  const NeedleRequest& request = state.needle->request;
  const NeedleSettings& settings = state.needleSettings;
  std::optional<std::array<double, 2>> angles;
  if (settings.byAngles) {
    angles = std::array<double, 2>{settings.tiltDeg, settings.towardDeg};
  }
  if (!request.triggerPoint.empty()) {
    const ResolvedTriggerPoint* point = clinical.find(request.triggerPoint);
    if (!point) {
      return std::nullopt;
    }
    const NeedleTarget target{point->point.id, point->point.muscle,
                              asDrawn(point->centre, mirrored)};
    std::optional<NeedlePlacement> placed =
        placeNeedleAtPoint(picker, target, asDrawn(point->approach, mirrored), mirrored,
                           settings.lengthMm, settings.gaugeMm);
    if (!placed || !angles) {
      return placed;
    }
    // By angles: in where the needle to the point goes in, tilted from there.
    const Ray ray{placed->entry - placed->direction * kLeadMm, placed->direction};
    return placeNeedleAlongRay(picker, ray, mirrored, std::nullopt, "", settings.lengthMm,
                               settings.gaugeMm, angles);
  }
  const Ray ray{asDrawn(request.origin, mirrored), asDrawn(request.direction, mirrored)};
  std::optional<glm::dvec3> clicked;
  std::string clickedStructure;
  if (request.target) {
    clicked = asDrawn(*request.target, mirrored);
    clickedStructure = request.targetStructure;
  } else {
    // The same click the viewer makes, so that the needle stops where the card's would.
    const PickResult pick = picker.pick(
        ray, [&](const std::string& id) { return isPickable(state, atlas, id); }, mirrored);
    if (pick.hit && pick.description && std::isfinite(pick.description->depthMm) &&
        pick.description->depthMm > 0.0) {
      clicked = pick.hit->point;
      clickedStructure = pick.structure();
    }
  }
  return placeNeedleAlongRay(picker, ray, mirrored, clicked, clickedStructure, settings.lengthMm,
                             settings.gaugeMm, angles);
}

std::optional<NeedleReadout> readRequestedNeedle(const Picker& picker, const Clinical& clinical,
                                                 const Atlas& atlas, const AppState& state) {
  const std::optional<NeedlePlacement> placement =
      placeRequestedNeedle(picker, clinical, atlas, state);
  if (!placement) {
    return std::nullopt;
  }
  return readNeedle(picker, *placement, mirrorsAtlas(state.side, atlas),
                    state.needleSettings.marginMm);
}

} // namespace sura
