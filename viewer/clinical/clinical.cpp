#include "clinical/clinical.h"

#include "clinical/leg_frame.h"
#include "geometry/bvh.h"
#include "picking/skin_midline.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <sstream>

namespace sura {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Soft edges of a zone: how far outside a region a vertex still gets some weight. Wide enough
// that a painted zone fades instead of ending in a jagged line of triangles, narrow enough that
// it stays in the place it names.
constexpr double kEdgeMm = 10.0;    // along the leg (t) and the foot (u)
constexpr double kEdgeAcross = 0.1; // across the leg (m) and the foot (v)
constexpr double kEdgeDegrees = 20.0;
constexpr double kHalfSector = 22.5; // each of the 8 sectors spans 45 degrees
// A foot face is "facing" that way when the skin normal is within about 55 degrees of it;
// below about 70 degrees it fades out.
constexpr double kFaceFull = 0.6;
constexpr double kFaceNone = 0.35;
constexpr double kFootSlabMm = 4.0;
// Rounding of a zone: a region given as ranges of t and m is a box, and no pain chart draws
// boxes. The weights are averaged with their neighbours on the skin until they have spread
// over about kRoundingRadiusMm (the number of rounds follows the skin's edge length, so any
// mesh resolution rounds alike), then pushed back toward 0 and 1 across the band below.
// Inside the named region a zone keeps at least kCoreFloor of its first weight, so a narrow
// zone still shows rather than being averaged away.
constexpr double kRoundingRadiusMm = 15.0;
constexpr int kMaxRoundingPasses = 200;
constexpr double kRoundingLow = 0.2;
constexpr double kRoundingHigh = 0.8;
constexpr double kCoreFloor = 0.5;

std::string show(double d) {
  std::ostringstream out;
  out.precision(3);
  out << d;
  return out.str();
}

// 1 inside [lo, hi], falling linearly to 0 at `margin` outside it.
double ramp(double x, double lo, double hi, double margin) {
  if (std::isnan(x)) {
    return 0.0;
  }
  if (x < lo) {
    return std::max(0.0, 1.0 - (lo - x) / margin);
  }
  if (x > hi) {
    return std::max(0.0, 1.0 - (x - hi) / margin);
  }
  return 1.0;
}

double angleBetween(double a, double b) {
  const double d = std::fmod(std::abs(a - b), 360.0);
  return d > 180.0 ? 360.0 - d : d;
}

// The skin, measured once per atlas: for every vertex its leg terms and, below the ankle, its
// foot terms; and an area-weighted normal for the faces of the foot.
struct SkinTerms {
  std::vector<double> t, m, degrees, u, v;
  std::vector<glm::dvec3> normals;
  double footTopZ = 0; ///< the foot is the skin below this height
  double footLength = 0;
};

SkinTerms measureSkin(const LegFrame& leg, const TriangleMesh& skin, double footTopZ) {
  const std::size_t n = skin.points.size();
  SkinTerms s;
  s.t.resize(n);
  s.m.resize(n);
  s.degrees.resize(n);
  s.u.assign(n, kNaN);
  s.v.assign(n, kNaN);
  s.normals.assign(n, glm::dvec3(0.0));
  for (const auto& tri : skin.triangles) {
    if (tri.x >= n || tri.y >= n || tri.z >= n) {
      continue;
    }
    const glm::dvec3 a = skin.points[tri.x], b = skin.points[tri.y], c = skin.points[tri.z];
    const glm::dvec3 area2 = glm::cross(b - a, c - a); // length = twice the area: area weighting
    s.normals[tri.x] += area2;
    s.normals[tri.y] += area2;
    s.normals[tri.z] += area2;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const glm::dvec3& p = skin.points[i];
    s.t[i] = leg.tAt(p.z);
    s.m[i] = leg.mOf(p);
    s.degrees[i] = leg.degreesOf(p);
    const double len = glm::length(s.normals[i]);
    s.normals[i] = len > 0 ? s.normals[i] / len : glm::dvec3(0.0);
  }

  // The foot: skin below the tips of both malleoli, and a little above so the soft edge of a
  // foot region has terms to fade over.
  s.footTopZ = footTopZ;
  double yHeel = std::numeric_limits<double>::infinity();
  double yToe = -yHeel;
  for (std::size_t i = 0; i < n; ++i) {
    if (skin.points[i].z < footTopZ) {
      yHeel = std::min(yHeel, skin.points[i].y);
      yToe = std::max(yToe, skin.points[i].y);
    }
  }
  if (!(yToe > yHeel)) {
    return s;
  }
  s.footLength = yToe - yHeel;
  // The width of the foot along its length, in slabs across it.
  const auto slabs = static_cast<std::size_t>(std::ceil(s.footLength / kFootSlabMm)) + 1;
  const auto slabOf = [&](double y) {
    const double k = std::floor((y - yHeel) / kFootSlabMm);
    return static_cast<std::size_t>(std::clamp(k, 0.0, static_cast<double>(slabs - 1)));
  };
  std::vector<glm::dvec2> width(slabs, glm::dvec2(std::numeric_limits<double>::infinity(),
                                                  -std::numeric_limits<double>::infinity()));
  for (std::size_t i = 0; i < n; ++i) {
    if (skin.points[i].z < footTopZ) {
      glm::dvec2& w = width[slabOf(skin.points[i].y)];
      w.x = std::min(w.x, skin.points[i].x);
      w.y = std::max(w.y, skin.points[i].x);
    }
  }
  // A slab without points (only possible for a very coarse mesh) borrows its neighbour's width.
  for (std::size_t k = 1; k < slabs; ++k) {
    if (!(width[k].y >= width[k].x)) {
      width[k] = width[k - 1];
    }
  }
  for (std::size_t k = slabs - 1; k-- > 0;) {
    if (!(width[k].y >= width[k].x)) {
      width[k] = width[k + 1];
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (skin.points[i].z >= footTopZ + kEdgeMm) {
      continue;
    }
    const glm::dvec3& p = skin.points[i];
    s.u[i] = std::clamp((p.y - yHeel) / s.footLength, 0.0, 1.0);
    const glm::dvec2 w = width[slabOf(p.y)];
    const double half = (w.y - w.x) / 2;
    s.v[i] =
        half > 0 ? std::clamp(leg.lateralSign() * (p.x - (w.x + w.y) / 2) / half, -1.0, 1.0) : 0.0;
  }
  return s;
}

glm::dvec3 footFaceDirection(const std::string& face, double lateralSign) {
  if (face == "plantar") {
    return {0, 0, -1};
  }
  if (face == "dorsal") {
    return {0, 0, 1};
  }
  if (face == "medial") {
    return {-lateralSign, 0, 0};
  }
  if (face == "lateral") {
    return {lateralSign, 0, 0};
  }
  if (face == "posterior") {
    return {0, -1, 0};
  }
  return {0, 1, 0}; // anterior
}

double zoneWeight(const SkinRegion& r, const SkinTerms& s, std::size_t i, double z,
                  double legLength, double lateralSign) {
  if (r.part == SkinRegion::Part::Leg) {
    const double wt = ramp(s.t[i], r.t.x, r.t.y, kEdgeMm / legLength);
    if (wt <= 0) {
      return 0;
    }
    const double wm = ramp(s.m[i], r.m.x, r.m.y, kEdgeAcross);
    double ws = 0;
    for (const std::string& sector : r.surfaces) {
      const double off = angleBetween(s.degrees[i], sectorDegrees(sector));
      ws = std::max(ws, ramp(off, 0.0, kHalfSector, kEdgeDegrees));
    }
    return wt * wm * ws;
  }
  if (r.part == SkinRegion::Part::Foot) {
    if (std::isnan(s.u[i]) || !(s.footLength > 0)) {
      return 0;
    }
    // Fade in across the ankle level so that a foot zone does not end in a hard horizontal cut.
    const double wAnkle = ramp(z, -std::numeric_limits<double>::infinity(), s.footTopZ, kEdgeMm);
    const double wu = ramp(s.u[i], r.u.x, r.u.y, kEdgeMm / s.footLength);
    const double wv = ramp(s.v[i], r.v.x, r.v.y, kEdgeAcross);
    double wf = 0;
    for (const std::string& face : r.surfaces) {
      const double facing = glm::dot(s.normals[i], footFaceDirection(face, lateralSign));
      wf = std::max(wf, std::clamp((facing - kFaceNone) / (kFaceFull - kFaceNone), 0.0, 1.0));
    }
    return wAnkle * wu * wv * wf;
  }
  return 0;
}

// Each skin vertex's neighbours along the triangle edges.
std::vector<std::vector<std::uint32_t>> neighbours(const TriangleMesh& mesh) {
  std::vector<std::vector<std::uint32_t>> out(mesh.points.size());
  for (const auto& tri : mesh.triangles) {
    const std::uint32_t v[3] = {tri.x, tri.y, tri.z};
    for (int a = 0; a < 3; ++a) {
      out[v[a]].push_back(v[(a + 1) % 3]);
      out[v[a]].push_back(v[(a + 2) % 3]);
    }
  }
  for (auto& list : out) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return out;
}

// How many rounds of averaging with the 1-ring spread a weight over about `radiusMm`: each
// round spreads it by a variance of about 0.43 squared edge lengths (uniform weights over a
// vertex and its ~6 neighbours one edge away).
int roundingPasses(const TriangleMesh& mesh, double radiusMm) {
  double total = 0;
  std::size_t edges = 0;
  for (const auto& tri : mesh.triangles) {
    total += glm::length(mesh.points[tri.y] - mesh.points[tri.x]) +
             glm::length(mesh.points[tri.z] - mesh.points[tri.y]) +
             glm::length(mesh.points[tri.x] - mesh.points[tri.z]);
    edges += 3;
  }
  if (edges == 0 || !(total > 0)) {
    return 0;
  }
  const double edge = total / static_cast<double>(edges);
  const double passes = radiusMm * radiusMm / (0.43 * edge * edge);
  return static_cast<int>(std::clamp(std::round(passes), 0.0, double(kMaxRoundingPasses)));
}

// Rounds a zone's corners and evens out the jagged edge that long triangles give a box (see
// kRoundingRadiusMm). Full weight stays inside the named region; nothing of the region is
// lost (see kCoreFloor).
std::vector<double> roundZone(const std::vector<double>& weights,
                              const std::vector<std::vector<std::uint32_t>>& adjacent, int passes) {
  std::vector<double> current = weights;
  std::vector<double> next(weights.size());
  // A vertex whose neighbourhood holds no weight averages to exactly 0: each pass need only
  // visit the vertices with weight and their neighbours (the set grows by a ring a pass, and
  // what it has not reached is 0 in both buffers). The same sums in the same order as a visit
  // of every vertex, so the same result, bit for bit, at a fraction of the work.
  std::vector<char> reached(weights.size(), 0);
  std::vector<std::uint32_t> active;
  for (std::size_t v = 0; v < weights.size(); ++v) {
    if (weights[v] != 0.0) {
      reached[v] = 1;
      active.push_back(static_cast<std::uint32_t>(v));
    }
  }
  for (int pass = 0; pass < passes && !active.empty(); ++pass) {
    const std::size_t before = active.size();
    for (std::size_t i = 0; i < before; ++i) {
      for (std::uint32_t n : adjacent[active[i]]) {
        if (!reached[n]) {
          reached[n] = 1;
          active.push_back(n);
        }
      }
    }
    for (std::uint32_t v : active) {
      double sum = current[v];
      for (std::uint32_t n : adjacent[v]) {
        sum += current[n];
      }
      next[v] = sum / static_cast<double>(adjacent[v].size() + 1);
    }
    std::swap(current, next);
  }
  for (std::size_t v = 0; v < current.size(); ++v) {
    const double x =
        std::clamp((current[v] - kRoundingLow) / (kRoundingHigh - kRoundingLow), 0.0, 1.0);
    const double rounded = std::max(x * x * (3.0 - 2.0 * x), kCoreFloor * weights[v]);
    current[v] = weights[v] >= 1.0 ? rounded : std::min(rounded, 0.99);
  }
  return current;
}

// Places one point in its muscle (see resolveClinical): fills r's centre, surface point,
// approach and thickness; returns why it cannot be placed, or "" when it is.
std::string placePoint(const LegFrame& leg, const Aabb& skinBox, const MeshBvh& bvh,
                       const TriggerPoint& tp, ResolvedTriggerPoint& r) {
  const TriggerPointLocation& loc = tp.location;
  const double z = leg.zAt(loc.t);
  if (z < skinBox.lo.z || z > skinBox.hi.z) {
    return "that level (z = " + show(z) + " mm) is outside the skin";
  }
  const glm::dvec3 out3 = leg.outward(loc.surface);
  // Start outside everything: farther than the skin's whole extent from the section.
  const Ray ray = leg.locationRay(loc, glm::length(skinBox.size()) + 1.0);
  const std::vector<RayHit> hits = bvh.intersectAll(ray);
  const auto entry =
      std::find_if(hits.begin(), hits.end(), [](const RayHit& h) { return h.entering; });
  if (entry == hits.end()) {
    const Aabb& box = bvh.bounds();
    return "no tissue of the muscle on that line (the muscle spans t " + show(leg.tAt(box.hi.z)) +
           " to " + show(leg.tAt(box.lo.z)) + ")";
  }
  const auto exit =
      std::find_if(entry + 1, hits.end(), [](const RayHit& h) { return !h.entering; });
  const double thickness = exit == hits.end() ? kNaN : exit->t - entry->t;
  if (!(thickness > loc.depthMm)) {
    return "the muscle is only " + show(thickness) + " mm thick there, less than depth_mm " +
           show(loc.depthMm);
  }
  r.point = tp;
  r.surfacePoint = entry->point;
  r.approach = -out3;
  r.muscleThicknessMm = thickness;
  r.centre = entry->point + r.approach * loc.depthMm;
  if (!bvh.contains(r.centre)) {
    return "the centre (" + show(r.centre.x) + ", " + show(r.centre.y) + ", " + show(r.centre.z) +
           ") is not inside the muscle mesh (is it closed?)";
  }
  return {};
}

} // namespace

const ResolvedTriggerPoint* Clinical::find(const std::string& id) const {
  for (const auto& tp : triggerPoints) {
    if (tp.point.id == id) {
      return &tp;
    }
  }
  return nullptr;
}

std::vector<AtlasWarning> skippedInOrder(const Atlas& atlas, const Clinical& clinical) {
  std::vector<AtlasWarning> all = atlas.skipped;
  all.insert(all.end(), clinical.skipped.begin(), clinical.skipped.end());
  const auto rank = [](const AtlasWarning& w) {
    if (w.field.find(".structures_at_risk[") != std::string::npos) {
      return 2;
    }
    return w.field.find(".referred_pain[") != std::string::npos ? 1 : 0;
  };
  // The point's index in the manifest, so that each kind keeps the manifest's order.
  const auto pointIndex = [](const AtlasWarning& w) {
    const std::size_t open = w.field.find('[');
    return open == std::string::npos ? 0ul : std::stoul(w.field.substr(open + 1));
  };
  std::stable_sort(all.begin(), all.end(), [&](const AtlasWarning& a, const AtlasWarning& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : pointIndex(a) < pointIndex(b);
  });
  return all;
}

std::string skinStructureId(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes) {
  if (const Structure* skin = atlas.skin(); skin && meshes.count(skin->id)) {
    return skin->id;
  }
  for (const Structure& st : atlas.structures) {
    if (st.generated && meshes.count(st.id)) {
      return st.id;
    }
  }
  return {};
}

Clinical resolveClinical(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes) {
  Clinical out;
  if (atlas.triggerPoints.empty()) {
    return out;
  }
  const std::string file = atlas.manifest.string();
  const auto pointField = [](const TriggerPoint& tp) {
    return "trigger_points[" + std::to_string(tp.index) + "]";
  };
  // Nothing is refused here: what cannot be placed on these meshes is listed, with why.
  const auto skipAll = [&](const std::string& why) {
    for (const TriggerPoint& tp : atlas.triggerPoints) {
      out.skipped.push_back({file, pointField(tp), tp.id + ": " + why + ": point left out"});
      out.skippedPoints.insert(tp.id);
    }
    return out;
  };
  out.skin = skinStructureId(atlas, meshes);
  if (out.skin.empty()) {
    out.skin.clear();
    return skipAll("the atlas has no skin mesh (a structure of group \"skin\") to measure the "
                   "point's m on");
  }
  const Structure* skinStructure = atlas.find(out.skin);
  out.onGeneratedEnvelope = skinStructure != nullptr && skinStructure->generated;
  const TriangleMesh* skin = &meshes.at(out.skin);
  const LegFrame leg(atlas, *skin);
  if (!leg.valid()) {
    const std::string skinId = out.skin;
    out.skin.clear();
    return skipAll("the skin mesh '" + skinId + "' has no closed horizontal sections");
  }
  const MeshBvh skinBvh(*skin);
  const Aabb skinBox = skinBvh.bounds();
  // The foot is the skin below both malleoli: without them, foot zones are not placed.
  const bool malleoli =
      atlas.landmarks.has("medial_malleolus") && atlas.landmarks.has("lateral_malleolus");
  const SkinTerms terms = measureSkin(
      leg, *skin,
      malleoli ? std::min(atlas.landmarks.medialMalleolus.z, atlas.landmarks.lateralMalleolus.z)
               : -std::numeric_limits<double>::infinity());

  const std::vector<std::vector<std::uint32_t>> skinNeighbours = neighbours(*skin);
  const int passes = roundingPasses(*skin, kRoundingRadiusMm);

  std::map<std::string, std::unique_ptr<MeshBvh>> muscles;
  for (std::size_t i = 0; i < atlas.triggerPoints.size(); ++i) {
    const TriggerPoint& tp = atlas.triggerPoints[i];
    const std::string field = pointField(tp) + ".location";
    const TriggerPointLocation& loc = tp.location;
    const std::string where =
        " at t=" + show(loc.t) + ", m=" + show(loc.m) + " from the " + loc.surface + " side";
    std::string why;
    const auto mesh = meshes.find(tp.muscle);
    if (mesh == meshes.end()) {
      why = "the atlas has no mesh for it";
    }
    ResolvedTriggerPoint r;
    if (why.empty()) {
      auto& bvh = muscles[tp.muscle];
      if (!bvh) {
        bvh = std::make_unique<MeshBvh>(mesh->second);
      }
      why = placePoint(leg, skinBox, *bvh, tp, r);
    }
    if (!why.empty()) {
      out.skipped.push_back(
          {file, field, tp.id + ": cannot be placed on " + tp.muscle + where + ": " + why});
      out.skippedPoints.insert(tp.id);
      continue;
    }
    r.t = leg.tAt(r.centre.z);
    r.m = leg.mOf(r.centre);
    r.surface = sectorName(leg.degreesOf(r.centre));
    r.depthBelowSkinMm =
        skinBvh.contains(r.centre) ? skinBvh.distance(r.centre) : -skinBvh.distance(r.centre);

    for (std::size_t k = 0; k < tp.referredPain.size(); ++k) {
      ResolvedZone zone;
      zone.zone = tp.referredPain[k];
      zone.centre = glm::dvec3(kNaN);
      zone.onModel = zone.zone.region.part != SkinRegion::Part::OffModel;
      const std::string zoneField =
          pointField(tp) + ".referred_pain[" + std::to_string(k) + "].region";
      if (zone.onModel && zone.zone.region.part == SkinRegion::Part::Foot && !malleoli) {
        out.skipped.push_back({file, zoneField,
                               tp.id + ": foot zone not shown: the foot is the skin below the "
                                       "malleoli, and the atlas has not both landmarks "
                                       "medial_malleolus and lateral_malleolus"});
        continue;
      }
      if (zone.onModel) {
        std::vector<double> w(skin->points.size(), 0.0);
        glm::dvec3 sum(0.0);
        double total = 0;
        for (std::size_t v = 0; v < skin->points.size(); ++v) {
          w[v] = zoneWeight(zone.zone.region, terms, v, skin->points[v].z,
                            atlas.landmarks.legLength, leg.lateralSign());
        }
        w = roundZone(w, skinNeighbours, passes);
        for (std::size_t v = 0; v < skin->points.size(); ++v) {
          if (w[v] > 0) {
            zone.vertices.push_back(static_cast<std::uint32_t>(v));
            zone.weights.push_back(static_cast<float>(w[v]));
            sum += skin->points[v] * w[v];
            total += w[v];
          }
        }
        for (const auto& tri : skin->triangles) {
          const double mean = (w[tri.x] + w[tri.y] + w[tri.z]) / 3.0;
          if (mean > 0) {
            const glm::dvec3 a = skin->points[tri.x];
            zone.areaMm2 +=
                mean * 0.5 *
                glm::length(glm::cross(skin->points[tri.y] - a, skin->points[tri.z] - a));
          }
        }
        if (!(total > 0)) {
          out.skipped.push_back(
              {file, zoneField,
               tp.id + ": zone not shown: it covers no skin of '" + out.skin + "' on this atlas"});
          continue;
        }
        zone.centre = skinBvh.closestPoint(sum / total);
      }
      r.zones.push_back(std::move(zone));
    }
    out.triggerPoints.push_back(std::move(r));
  }
  return out;
}

} // namespace sura
