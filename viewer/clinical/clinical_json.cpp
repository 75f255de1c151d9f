#include "clinical/clinical_json.h"

#include <cmath>

namespace sura {

namespace {

using json = nlohmann::json;

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

json vec(const glm::dvec3& v) {
  if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z)) {
    return nullptr;
  }
  return json::array({v.x, v.y, v.z});
}

json range(const glm::dvec2& r) {
  return json::array({r.x, r.y});
}

const char* kindName(ZoneKind k) {
  return k == ZoneKind::Essential ? "essential" : "spillover";
}

json region(const SkinRegion& r) {
  switch (r.part) {
  case SkinRegion::Part::Leg:
    return {{"part", "leg"}, {"t", range(r.t)}, {"m", range(r.m)}, {"surface", r.surfaces}};
  case SkinRegion::Part::Foot:
    return {{"part", "foot"}, {"u", range(r.u)}, {"v", range(r.v)}, {"surface", r.surfaces}};
  case SkinRegion::Part::OffModel:
    break;
  }
  return {{"part", "off_model"}, {"where", r.where}};
}

} // namespace

json toJson(const ResolvedZone& z) {
  return {{"kind", kindName(z.zone.kind)},
          {"keywords", z.zone.keywords},
          {"description", z.zone.description},
          {"region", region(z.zone.region)},
          {"on_model", z.onModel},
          {"centre", z.onModel ? vec(z.centre) : json(nullptr)},
          {"vertex_count", z.vertices.size()},
          {"area_mm2", number(z.areaMm2)}};
}

json toJson(const ResolvedTriggerPoint& r) {
  const TriggerPoint& p = r.point;
  json zones = json::array();
  for (const ResolvedZone& z : r.zones) {
    zones.push_back(toJson(z));
  }
  return {{"id", p.id},
          {"muscle", p.muscle},
          {"label", p.label},
          {"description", p.description},
          {"radius_mm", p.radiusMm},
          {"location",
           {{"t", p.location.t},
            {"m", p.location.m},
            {"surface", p.location.surface},
            {"depth_mm", p.location.depthMm}}},
          {"centre", vec(r.centre)},
          {"surface_point", vec(r.surfacePoint)},
          {"approach", vec(r.approach)},
          {"resolved",
           {{"t", number(r.t)},
            {"m", number(r.m)},
            {"surface", r.surface},
            {"depth_below_skin_mm", number(r.depthBelowSkinMm)},
            {"muscle_thickness_mm", number(r.muscleThicknessMm)}}},
          {"referred_pain", zones},
          {"palpation", p.palpation},
          {"needling", p.needling},
          {"structures_at_risk", p.structuresAtRisk},
          {"sources", p.sources}};
}

json toJson(const Clinical& c) {
  json points = json::array();
  for (const ResolvedTriggerPoint& r : c.triggerPoints) {
    points.push_back(toJson(r));
  }
  return {{"skin", c.skin}, {"trigger_points", points}};
}

json toJson(const SearchHit& h) {
  return {{"trigger_point", h.triggerPoint},
          {"zone", h.zone},
          {"kind", kindName(h.kind)},
          {"keyword", h.keyword},
          {"exact", h.exact}};
}

} // namespace sura
