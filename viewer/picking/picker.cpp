#include "picking/picker.h"

#include "picking/camera_ray.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace sura {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Below the tip of the medial malleolus, where the skin over and under a point is the foot's
// (at most this thick, mm), the lowest and the highest share of that height are the sole and
// the top of the foot. A point on the skin itself is on one of the two crossings: the slack
// keeps it from being missed by rounding.
constexpr double kFootMaxThicknessMm = 110.0;
constexpr double kFootSoleShare = 0.3;
constexpr double kFootTopShare = 0.3;
constexpr double kFootSurfaceSlackMm = 0.05;
// Under the heel, this close above the ground (the skin's lowest point, mm) is its plantar
// surface.
constexpr double kHeelPadMm = 10.0;
constexpr double kInf = std::numeric_limits<double>::infinity();

/// One structure crossed by the ray, as distances along it. exit is NaN when the ray never
/// leaves (an open mesh); fromOrigin when the ray starts inside.
struct RayInterval {
  double entry;
  double exit;
  bool fromOrigin;
};

/// Pairs the sorted crossings of one surface into the intervals the ray spends inside it.
/// Crossings at the same distance are taken together: an entry and an exit there are a graze
/// (kept as an interval of no length when outside, ignored when inside), so their order in
/// the list does not matter. A first crossing that leaves means the ray started inside.
std::vector<RayInterval> insideIntervals(const std::vector<RayHit>& hits, const Aabb& box) {
  std::vector<RayInterval> out;
  const double scale = 1.0 + glm::length(box.size());
  bool inside = false;
  bool firstGroup = true;
  for (std::size_t i = 0; i < hits.size();) {
    const double t = hits[i].t;
    const double tolerance = 1e-9 * (scale + std::abs(t));
    int entering = 0, leaving = 0;
    std::size_t j = i;
    for (; j < hits.size() && hits[j].t - t <= tolerance; ++j) {
      (hits[j].entering ? entering : leaving)++;
    }
    if (!inside) {
      if (entering > 0 && entering == leaving) {
        out.push_back({t, t, false});
      } else if (entering > leaving) {
        out.push_back({t, kNaN, false});
        inside = true;
      } else if (firstGroup) {
        out.push_back({0.0, t, true});
      }
      // Otherwise a stray exit (a mesh that is not closed along this ray): ignored.
    } else if (leaving > entering) {
      out.back().exit = t;
      inside = false;
    }
    firstGroup = false;
    i = j;
  }
  return out;
}

const char* surfaceName(double lateral, double anterior) {
  if (std::hypot(lateral, anterior) < 0.5) {
    return "";
  }
  static const char* const names[8] = {"lateral", "anterolateral", "anterior",  "anteromedial",
                                       "medial",  "posteromedial", "posterior", "posterolateral"};
  const double degrees = glm::degrees(std::atan2(anterior, lateral));
  const long sector = ((std::lround(degrees / 45.0) % 8) + 8) % 8;
  return names[sector];
}

std::string format(const char* pattern, long value) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string describeText(const PointDescription& d) {
  std::string text = d.name.empty() ? d.structure : d.name;
  const auto add = [&text](const std::string& part) { text += text.empty() ? part : ", " + part; };
  const long below = std::lround(d.belowKneeMm);
  add(below > 0   ? format("%ld mm below the knee joint line", below)
      : below < 0 ? format("%ld mm above the knee joint line", -below)
                  : std::string("at the knee joint line"));
  const long offset = std::lround(std::abs(d.lateralOffsetMm));
  add(offset == 0 ? std::string("on the midline")
                  : format(d.lateralOffsetMm > 0 ? "%ld mm lateral of the midline"
                                                 : "%ld mm medial of the midline",
                           offset));
  if (!d.surface.empty()) {
    add(d.surface + " surface");
  }
  if (std::isfinite(d.depthMm)) {
    const long depth = std::lround(d.depthMm);
    add(depth > 0   ? format("%ld mm below the skin", depth)
        : depth < 0 ? format("%ld mm outside the skin", -depth)
                    : std::string("at the skin surface"));
  }
  return text;
}

double pointSegmentDistance(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b) {
  const glm::dvec3 d = b - a;
  const double len2 = glm::dot(d, d);
  const double s = len2 > 0 ? std::clamp(glm::dot(p - a, d) / len2, 0.0, 1.0) : 0.0;
  return glm::length(p - (a + d * s));
}

} // namespace

PickFilter pickableIds(std::set<std::string> ids) {
  return [ids = std::move(ids)](const std::string& id) { return ids.count(id) > 0; };
}

const std::string& PickResult::structure() const {
  static const std::string none;
  return hit ? hit->structure : none;
}

/// The ray's passage through the skin, in the atlas frame.
struct Picker::SkinCrossings {
  std::vector<RayHit> hits;
  std::vector<RayInterval> intervals;
};

Picker::Picker(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes)
    : landmarks_(atlas.landmarks), atlasIsLeftLeg_(atlas.frame.side == "left") {
  for (const Structure& s : atlas.structures) {
    const auto mesh = meshes.find(s.id);
    if (mesh == meshes.end() || index_.count(s.id) > 0) {
      continue;
    }
    index_.emplace(s.id, entries_.size());
    entries_.push_back({s.id, s.name, s.group, MeshBvh(mesh->second)});
    if (!skin_ && s.group == "skin") {
      skin_ = entries_.size() - 1;
      midline_ = SkinMidline(mesh->second);
    }
    if (s.group == "nerves_vessels") {
      guards_.push_back(entries_.size() - 1);
    }
  }
}

void Picker::setTriggerPoints(std::vector<NamedPoint> points) {
  triggerPoints_ = std::move(points);
}

const MeshBvh* Picker::bvhOf(const std::string& structureId) const {
  const auto found = index_.find(structureId);
  return found == index_.end() ? nullptr : &entries_[found->second].bvh;
}

const std::string& Picker::nameOf(const std::string& structureId) const {
  static const std::string none;
  const auto found = index_.find(structureId);
  return found == index_.end() ? none : entries_[found->second].name;
}

std::vector<std::string> Picker::structuresInGroup(const std::string& group) const {
  std::vector<std::string> ids;
  for (const Entry& e : entries_) {
    if (e.group == group) {
      ids.push_back(e.id);
    }
  }
  return ids;
}

std::vector<PickLayer> Picker::crossings(const Ray& atlasRay, double maxDistance) const {
  std::vector<PickLayer> layers;
  for (const Entry& e : entries_) {
    const std::vector<RayHit> hits = e.bvh.intersectAll(atlasRay, 0, maxDistance);
    for (const RayInterval& in : insideIntervals(hits, e.bvh.bounds())) {
      PickLayer layer;
      layer.structure = e.id;
      layer.entryDistance = in.entry;
      layer.exitDistance = in.exit;
      layers.push_back(std::move(layer));
    }
  }
  std::stable_sort(layers.begin(), layers.end(), [](const PickLayer& a, const PickLayer& b) {
    return a.entryDistance < b.entryDistance;
  });
  return layers;
}

bool Picker::has(const std::string& structureId) const {
  return index_.count(structureId) > 0;
}

const std::string& Picker::skinId() const {
  static const std::string none;
  return skin_ ? entries_[*skin_].id : none;
}

std::optional<glm::dvec2> Picker::midlineAt(double z, bool mirrored) const {
  if (!midline_.valid()) {
    return std::nullopt;
  }
  const glm::dvec2 c = midline_.at(z).centroid;
  return mirrored ? glm::dvec2(-c.x, c.y) : c;
}

std::size_t Picker::triangleCount() const {
  std::size_t n = 0;
  for (const Entry& e : entries_) {
    n += e.bvh.triangleCount();
  }
  return n;
}

std::optional<SurfaceHit> Picker::firstHit(const Ray& worldRay, const PickFilter& pickable,
                                           bool mirrored) const {
  const Ray ray = mirrored ? mirrorX(worldRay) : worldRay;
  std::optional<RayHit> best;
  std::size_t bestEntry = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (pickable && !pickable(entries_[i].id)) {
      continue;
    }
    // Only hits nearer than the best so far: the BVH then prunes most of its nodes.
    const double limit = best ? best->t : kInf;
    const auto hit = entries_[i].bvh.intersectFirst(ray, 0, limit);
    if (hit && (!best || hit->t < best->t)) {
      best = hit;
      bestEntry = i;
    }
  }
  if (!best) {
    return std::nullopt;
  }
  SurfaceHit out{entries_[bestEntry].id, best->point, best->normal,
                 best->triangle,         best->t,     best->entering};
  if (mirrored) {
    out.point = mirrorX(out.point);
    out.normal = mirrorX(out.normal);
  }
  return out;
}

std::vector<std::optional<SurfaceHit>>
Picker::firstHits(const std::vector<Ray>& rays, const PickFilter& pickable, bool mirrored) const {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!pickable || pickable(entries_[i].id)) {
      candidates.push_back(i);
    }
  }
  std::vector<std::optional<SurfaceHit>> hits(rays.size());
  for (std::size_t k = 0; k < rays.size(); ++k) {
    const Ray ray = mirrored ? mirrorX(rays[k]) : rays[k];
    std::optional<RayHit> best;
    std::size_t bestEntry = 0;
    for (std::size_t i : candidates) {
      const auto hit = entries_[i].bvh.intersectFirst(ray, 0, best ? best->t : kInf);
      if (hit && (!best || hit->t < best->t)) {
        best = hit;
        bestEntry = i;
      }
    }
    if (!best) {
      continue;
    }
    SurfaceHit out{entries_[bestEntry].id, best->point, best->normal,
                   best->triangle,         best->t,     best->entering};
    if (mirrored) {
      out.point = mirrorX(out.point);
      out.normal = mirrorX(out.normal);
    }
    hits[k] = std::move(out);
  }
  return hits;
}

Picker::SkinCrossings Picker::skinCrossings(const Ray& atlasRay) const {
  SkinCrossings skin;
  if (skin_) {
    const MeshBvh& bvh = entries_[*skin_].bvh;
    skin.hits = bvh.intersectAll(atlasRay);
    skin.intervals = insideIntervals(skin.hits, bvh.bounds());
  }
  return skin;
}

double Picker::depthAt(const SkinCrossings& skin, const Ray& atlasRay, double distance) const {
  if (!skin_) {
    return kNaN;
  }
  const glm::dvec3 p = atlasRay.origin + glm::normalize(atlasRay.direction) * distance;
  for (const RayInterval& in : skin.intervals) {
    const bool open = std::isnan(in.exit);
    if (distance >= in.entry && (open || distance <= in.exit)) {
      return in.fromOrigin ? entries_[*skin_].bvh.distance(p) : distance - in.entry;
    }
  }
  return -entries_[*skin_].bvh.distance(p);
}

const char* Picker::footSurface(const glm::dvec3& p) const {
  // In the foot, below the ankle, the sole and the top of the foot are what a person names;
  // the sectors round the leg (anteromedial, ...) would call the sole "anterior". The skin
  // just below and just above the point on its vertical decide: near the bottom is plantar,
  // near the top dorsal, between them the sides keep their sector names. Where the vertical
  // runs up into the leg (the heel, the ankle) the skin is the leg's, and so are its words.
  // Without the medial malleolus there is no ankle to tell the foot by (landmarkUses).
  if (!skin_ || !landmarks_.has("medial_malleolus") || p.z > landmarks_.medialMalleolus.z) {
    return nullptr;
  }
  const MeshBvh& skin = entries_[*skin_].bvh;
  const double start = skin.bounds().lo.z - 1.0;
  // Upward, the ray goes in and out of the skin in turn: the span it is inside when it passes
  // the point (within the slack, for a point on the skin) is the foot over and under it.
  const std::vector<RayHit> crossings = skin.intersectAll(Ray{{p.x, p.y, start}, {0.0, 0.0, 1.0}});
  double bottom = 0.0, top = 0.0;
  for (std::size_t i = 0; i + 1 < crossings.size(); ++i) {
    const double z0 = crossings[i].point.z, z1 = crossings[i + 1].point.z;
    if (crossings[i].entering && z0 - kFootSurfaceSlackMm <= p.z &&
        p.z <= z1 + kFootSurfaceSlackMm) {
      bottom = z0;
      top = z1;
      break;
    }
  }
  const double thickness = top - bottom;
  if (thickness <= 0.0) {
    return nullptr;
  }
  // Behind the malleoli (the heel, whose skin runs on up the leg) only the underside near the
  // ground is named from below: the back and the sides of the heel keep the leg's words.
  const bool heel =
      p.y < (landmarks_.has("lateral_malleolus")
                 ? std::max(landmarks_.medialMalleolus.y, landmarks_.lateralMalleolus.y)
                 : landmarks_.medialMalleolus.y);
  if (heel) {
    return p.z - skin.bounds().lo.z < kHeelPadMm ? "plantar" : nullptr;
  }
  if (thickness > kFootMaxThicknessMm) {
    return nullptr;
  }
  const double height = (p.z - bottom) / thickness;
  if (height < kFootSoleShare) {
    return "plantar";
  }
  if (height > 1.0 - kFootTopShare) {
    return "dorsal";
  }
  return nullptr;
}

PointDescription Picker::describeAtlasPoint(const glm::dvec3& p, const std::string& structure,
                                            double depthMm) const {
  PointDescription d;
  d.structure = structure;
  const auto found = index_.find(structure);
  if (found != index_.end()) {
    d.name = entries_[found->second].name;
  }
  d.belowKneeMm = landmarks_.kneeJointLineZ - p.z;
  d.t = landmarks_.legLength > 0 ? d.belowKneeMm / landmarks_.legLength : kNaN;

  // For a right leg lateral is +x; the atlas may hold a left leg, whose lateral side is -x.
  const double lateralSign = atlasIsLeftLeg_ ? -1.0 : 1.0;
  glm::dvec2 centre(0.0);
  d.m = kNaN;
  if (midline_.valid()) {
    const SkinLevel level = midline_.at(p.z);
    centre = level.centroid;
    const double lateralEdge = atlasIsLeftLeg_ ? centre.x - level.lo.x : level.hi.x - centre.x;
    const double medialEdge = atlasIsLeftLeg_ ? level.hi.x - centre.x : centre.x - level.lo.x;
    const double offset = (p.x - centre.x) * lateralSign;
    const double half = offset >= 0 ? lateralEdge : medialEdge;
    if (half > 0) {
      d.m = offset / half;
    }
  }
  d.lateralOffsetMm = (p.x - centre.x) * lateralSign;
  d.surface = surfaceName(d.lateralOffsetMm, p.y - centre.y);
  if (const char* foot = footSurface(p)) {
    d.surface = foot;
  }
  d.depthMm = depthMm;
  return d;
}

PointDescription Picker::describe(const glm::dvec3& worldPoint, const std::string& structure,
                                  bool mirrored) const {
  const glm::dvec3 p = mirrored ? mirrorX(worldPoint) : worldPoint;
  double depth = kNaN;
  if (skin_) {
    const MeshBvh& skin = entries_[*skin_].bvh;
    depth = skin.contains(p) ? skin.distance(p) : -skin.distance(p);
  }
  PointDescription d = describeAtlasPoint(p, structure, depth);
  d.leg = (atlasIsLeftLeg_ != mirrored) ? "left" : "right";
  d.text = describeText(d);
  return d;
}

PickResult Picker::pick(const Ray& worldRay, const std::set<std::string>& pickable,
                        bool mirrored) const {
  return pick(worldRay, pickableIds(pickable), mirrored);
}

PickResult Picker::pick(const Ray& worldRay, const PickFilter& pickable, bool mirrored) const {
  PickResult result;
  const Ray ray = mirrored ? mirrorX(worldRay) : worldRay;
  const double length = glm::length(ray.direction);
  if (!(length > 0) || !std::isfinite(length) || !std::isfinite(glm::dot(ray.origin, ray.origin))) {
    return result;
  }
  const glm::dvec3 dir = ray.direction / length;
  const auto at = [&](double s) { return ray.origin + dir * s; };
  const auto toWorld = [mirrored](const glm::dvec3& v) { return mirrored ? mirrorX(v) : v; };

  const SkinCrossings skin = skinCrossings(ray);

  // Every pickable structure's crossings: the nearest one is the hit, the pairs are layers.
  std::optional<RayHit> best;
  std::size_t bestEntry = 0;
  std::vector<std::pair<std::size_t, RayInterval>> crossed;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (pickable && !pickable(entries_[i].id)) {
      continue;
    }
    const bool isSkin = skin_ && *skin_ == i;
    std::vector<RayHit> own;
    const std::vector<RayHit>& hits =
        isSkin ? skin.hits : (own = entries_[i].bvh.intersectAll(ray));
    if (hits.empty()) {
      continue;
    }
    if (!best || hits.front().t < best->t) {
      best = hits.front();
      bestEntry = i;
    }
    const std::vector<RayInterval> intervals =
        isSkin ? skin.intervals : insideIntervals(hits, entries_[i].bvh.bounds());
    for (const RayInterval& in : intervals) {
      crossed.emplace_back(i, in);
    }
  }
  std::stable_sort(crossed.begin(), crossed.end(),
                   [](const auto& a, const auto& b) { return a.second.entry < b.second.entry; });
  for (const auto& [i, in] : crossed) {
    PickLayer layer;
    layer.structure = entries_[i].id;
    layer.entryDistance = in.entry;
    layer.exitDistance = in.exit;
    layer.entryMm = depthAt(skin, ray, in.entry);
    layer.exitMm = std::isnan(in.exit) ? kNaN : depthAt(skin, ray, in.exit);
    result.layers.push_back(std::move(layer));
  }

  const double hitDistance = best ? best->t : 0.0;
  if (best) {
    SurfaceHit hit{entries_[bestEntry].id,
                   toWorld(best->point),
                   toWorld(best->normal),
                   best->triangle,
                   best->t,
                   best->entering};
    result.hit = hit;
    PointDescription d =
        describeAtlasPoint(best->point, hit.structure, depthAt(skin, ray, best->t));
    d.leg = (atlasIsLeftLeg_ != mirrored) ? "left" : "right";
    d.text = describeText(d);
    result.description = std::move(d);
  }

  // The needle path: the stretch inside the skin that holds the hit (or the first one).
  for (const RayInterval& in : skin.intervals) {
    const double exit = std::isnan(in.exit) ? kInf : in.exit;
    if (exit >= hitDistance) {
      result.needleStart = in.entry;
      if (std::isfinite(exit)) {
        result.needleEnd = exit;
      } else {
        // The skin never closes along the ray: go as far as the deepest layer.
        double deepest = in.entry;
        for (const PickLayer& l : result.layers) {
          deepest =
              std::max(deepest, std::isnan(l.exitDistance) ? l.entryDistance : l.exitDistance);
        }
        result.needleEnd = deepest;
      }
      break;
    }
  }
  if (!skin_ && best) {
    // No skin to enter through: from the hit to the far side of the deepest layer.
    double deepest = best->t;
    for (const PickLayer& l : result.layers) {
      deepest = std::max(deepest, std::isnan(l.exitDistance) ? l.entryDistance : l.exitDistance);
    }
    result.needleStart = best->t;
    result.needleEnd = deepest;
  }

  std::optional<std::pair<glm::dvec3, glm::dvec3>> needle;
  if (result.needleStart && result.needleEnd) {
    needle.emplace(at(*result.needleStart), at(*result.needleEnd));
  }

  if (best && !triggerPoints_.empty()) {
    const NamedPoint* nearest = nullptr;
    double nearestDistance = kInf;
    for (const NamedPoint& tp : triggerPoints_) {
      const double d = glm::length(tp.position - best->point);
      if (d < nearestDistance) {
        nearestDistance = d;
        nearest = &tp;
      }
    }
    if (nearest) {
      const double rayDistance =
          needle ? pointSegmentDistance(nearest->position, needle->first, needle->second) : kNaN;
      result.nearestTriggerPoint = NearestTriggerPoint{nearest->id, nearestDistance, rayDistance};
    }
  }

  // The needle the card describes: from the skin along the ray, to the point clicked when it
  // lies under the skin.
  if (best && skin_) {
    const double depth = result.description ? result.description->depthMm : 0.0;
    std::optional<glm::dvec3> clicked;
    if (std::isfinite(depth) && depth > 0.0) {
      clicked = result.hit->point;
    }
    if (const std::optional<NeedlePlacement> placement = placeNeedleAlongRay(
            *this, worldRay, mirrored, clicked, result.hit->structure, 0, kDefaultNeedleGaugeMm)) {
      result.needle = readNeedle(*this, *placement, mirrored);
    }
  }
  // The nearest nerve or vessel is the needle readout's closest approach: one definition for
  // `sura pick`, `sura needle` and the card.
  if (result.needle && !result.needle->nervesAndVessels.empty()) {
    const NeedleApproach& a = result.needle->nervesAndVessels.front();
    result.nearestNerveOrVessel =
        NearestNerveOrVessel{a.structure, a.distanceMm, a.point, a.atDepthMm, a.crossed};
  }
  return result;
}

} // namespace sura
