#include "picking/pick_json.h"

#include <cmath>

namespace sura {

namespace {

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json vec(const glm::dvec3& v) {
  return nlohmann::json::array({number(v.x), number(v.y), number(v.z)});
}

} // namespace

nlohmann::json toJson(const PointDescription& d) {
  return {{"structure", d.structure},
          {"name", d.name},
          {"leg", d.leg},
          {"below_knee_mm", number(d.belowKneeMm)},
          {"t", number(d.t)},
          {"lateral_offset_mm", number(d.lateralOffsetMm)},
          {"m", number(d.m)},
          {"surface", d.surface.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.surface)},
          {"depth_mm", number(d.depthMm)},
          {"text", d.text}};
}

nlohmann::json toJson(const PickResult& r) {
  nlohmann::json j;
  if (r.hit) {
    j["structure"] = r.hit->structure;
    j["point"] = vec(r.hit->point);
    j["normal"] = vec(r.hit->normal);
    j["triangle"] = r.hit->triangle;
    j["distance_mm"] = number(r.hit->distance);
  } else {
    for (const char* key : {"structure", "point", "normal", "triangle", "distance_mm"}) {
      j[key] = nullptr;
    }
  }
  j["description"] = r.description ? toJson(*r.description) : nlohmann::json(nullptr);
  j["layers"] = nlohmann::json::array();
  for (const PickLayer& l : r.layers) {
    j["layers"].push_back({{"structure", l.structure},
                           {"entry_mm", number(l.entryMm)},
                           {"exit_mm", number(l.exitMm)}});
  }
  if (r.nearestTriggerPoint) {
    j["nearest_trigger_point"] = {
        {"id", r.nearestTriggerPoint->id},
        {"distance_mm", number(r.nearestTriggerPoint->distanceMm)},
        {"ray_distance_mm", number(r.nearestTriggerPoint->rayDistanceMm)}};
  } else {
    j["nearest_trigger_point"] = nullptr;
  }
  if (r.nearestNerveOrVessel) {
    j["nearest_nerve_or_vessel"] = {{"structure", r.nearestNerveOrVessel->structure},
                                    {"distance_mm", number(r.nearestNerveOrVessel->distanceMm)},
                                    {"point", vec(r.nearestNerveOrVessel->point)}};
  } else {
    j["nearest_nerve_or_vessel"] = nullptr;
  }
  return j;
}

} // namespace sura
