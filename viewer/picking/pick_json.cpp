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
                                    {"point", vec(r.nearestNerveOrVessel->point)},
                                    {"at_depth_mm", number(r.nearestNerveOrVessel->atDepthMm)},
                                    {"crossed", r.nearestNerveOrVessel->crossed}};
  } else {
    j["nearest_nerve_or_vessel"] = nullptr;
  }
  return j;
}

namespace {

const char* aimName(NeedleAim aim) {
  switch (aim) {
  case NeedleAim::View:
    return "view";
  case NeedleAim::Angles:
    return "angles";
  case NeedleAim::TriggerPoint:
    return "trigger_point";
  }
  return "view";
}

const char* warningKindName(NeedleWarningKind kind) {
  switch (kind) {
  case NeedleWarningKind::NerveOrVessel:
    return "nerve_or_vessel";
  case NeedleWarningKind::Bone:
    return "bone";
  case NeedleWarningKind::Compartment:
    return "compartment";
  case NeedleWarningKind::LeavesSkin:
    return "leaves_skin";
  case NeedleWarningKind::ShortOfTarget:
    return "short_of_target";
  }
  return "";
}

nlohmann::json textOrNull(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json toJson(const NeedleApproach& a) {
  return {{"structure", a.structure},
          {"name", a.name},
          {"distance_mm", number(a.distanceMm)},
          {"at_depth_mm", number(a.atDepthMm)},
          {"structure_depth_mm", number(a.structureDepthMm)},
          {"point", vec(a.point)},
          {"crossed", a.crossed}};
}

} // namespace

nlohmann::json toJson(const NeedleReadout& r) {
  const NeedlePlacement& p = r.placement;
  const bool angles = p.aim == NeedleAim::Angles;
  nlohmann::json j;
  j["disclaimer"] = r.disclaimer;
  j["needle"] = {{"aim", aimName(p.aim)},
                 {"length_mm", number(p.lengthMm)},
                 {"gauge_mm", number(p.gaugeMm)},
                 {"inserted_mm", number(p.insertedMm)},
                 {"outside_mm", number(p.lengthMm - p.insertedMm)},
                 {"tilt_deg", angles ? number(p.tiltDeg) : nlohmann::json(nullptr)},
                 {"toward_deg", angles ? number(p.towardDeg) : nlohmann::json(nullptr)},
                 {"entry", vec(p.entry)},
                 {"tip", vec(p.tip())},
                 {"direction", vec(p.direction)}};
  j["entry"] = toJson(r.entry);
  j["margin_mm"] = number(r.marginMm);
  j["layers"] = nlohmann::json::array();
  for (const NeedleLayer& l : r.layers) {
    j["layers"].push_back({{"structure", l.structure},
                           {"name", l.name},
                           {"entry_mm", number(l.entryMm)},
                           {"exit_mm", number(l.exitMm)},
                           {"tip_inside", l.tipInside}});
  }
  j["tip"] = {{"structure", textOrNull(r.tipStructure)},
              {"name", r.tipName},
              {"depth_mm", number(r.tipDepthMm)}};
  if (p.target && r.targetDepthMm) {
    j["target"] = {{"trigger_point", textOrNull(p.target->triggerPoint)},
                   {"structure", p.target->structure},
                   {"point", vec(p.target->point)},
                   {"depth_mm", number(*r.targetDepthMm)},
                   {"tip_distance_mm", number(r.targetMissMm)},
                   {"reached", r.targetMissMm <= kNeedleReachedMm}};
  } else {
    j["target"] = nullptr;
  }
  j["nerves_and_vessels"] = nlohmann::json::array();
  for (const NeedleApproach& a : r.nervesAndVessels) {
    j["nerves_and_vessels"].push_back(toJson(a));
  }
  j["bone"] = r.bone ? toJson(*r.bone) : nlohmann::json(nullptr);
  j["warnings"] = nlohmann::json::array();
  for (const NeedleWarning& w : r.warnings) {
    j["warnings"].push_back({{"kind", warningKindName(w.kind)},
                             {"structure", textOrNull(w.structure)},
                             {"distance_mm", number(w.distanceMm)},
                             {"depth_mm", number(w.depthMm)},
                             {"text", w.text}});
  }
  return j;
}

} // namespace sura
