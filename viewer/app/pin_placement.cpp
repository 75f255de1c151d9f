#include "app/pin_placement.h"

#include "clinical/pin_place.h"

#include <glm/geometric.hpp>

#include <cmath>
#include <utility>

namespace sura {

namespace {

std::optional<LegFrame> legFrameOf(const Picker& picker, const Atlas& atlas) {
  if (!picker.midline().valid()) {
    return std::nullopt;
  }
  return LegFrame(atlas, picker.midline());
}

} // namespace

std::optional<PinLocation> locatePin(const Picker& picker, const Atlas& atlas, const Pin& pin) {
  const MeshBvh* bvh = picker.bvhOf(pin.structure);
  const std::optional<LegFrame> leg = legFrameOf(picker, atlas);
  if (!bvh || !leg) {
    return std::nullopt;
  }
  return pinLocation(*leg, *bvh, pin.point);
}

Command withPinLocation(const Picker& picker, const Atlas& atlas, Command command) {
  if (auto* add = std::get_if<command::AddPin>(&command); add && !add->pin.location) {
    add->pin.location = locatePin(picker, atlas, add->pin);
  } else if (auto* move = std::get_if<command::MovePin>(&command); move && !move->to.location) {
    move->to.location = locatePin(picker, atlas, move->to);
  }
  return command;
}

Pin placeSavedPin(const Picker& picker, const Atlas& atlas, Pin pin) {
  const MeshBvh* bvh = picker.bvhOf(pin.structure);
  const std::optional<LegFrame> leg = legFrameOf(picker, atlas);
  if (!bvh) {
    return pin;
  }
  if (pin.location && leg) {
    if (const std::optional<SurfacePlace> place = placePin(*leg, *bvh, *pin.location)) {
      if (glm::length(place->point - pin.point) > kPinKeepMm) {
        pin.point = place->point;
        pin.normal = place->normal;
      }
      return pin;
    }
  }
  // No location: the nearest point of the surface; the normal
  // as saved (the nearest point's own triangle is not known here; a small move keeps it).
  const glm::dvec3 nearest = bvh->closestPoint(pin.point);
  if (std::isfinite(nearest.x) && glm::length(nearest - pin.point) > kPinKeepMm) {
    pin.point = nearest;
  }
  if (leg) {
    if (std::optional<PinLocation> location = pinLocation(*leg, *bvh, pin.point)) {
      pin.location = std::move(location);
    }
  }
  return pin;
}

} // namespace sura
