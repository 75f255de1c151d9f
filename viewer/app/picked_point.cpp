#include "app/picked_point.h"

namespace sura {

std::optional<PickedPoint> pickedPointFrom(const PickResult& result, bool mirrored) {
  if (!result.hit) {
    return std::nullopt;
  }
  PickedPoint pick;
  pick.structure = result.hit->structure;
  pick.point = asDrawn(result.hit->point, mirrored);
  pick.normal = asDrawn(result.hit->normal, mirrored);
  if (result.description) {
    pick.description = result.description->text;
    pick.depthMm = result.description->depthMm;
  }
  for (const PickLayer& layer : result.layers) {
    pick.layers.push_back({layer.structure, layer.entryMm, layer.exitMm});
  }
  if (result.nearestTriggerPoint) {
    pick.nearestTriggerPoint = result.nearestTriggerPoint->id;
    pick.triggerPointDistanceMm = result.nearestTriggerPoint->distanceMm;
  }
  pick.needle = result.needle;
  return pick;
}

} // namespace sura
