// Trigger points and referred-pain zones resolved on the bundled atlas, measured back the way
// picking measures a clicked point, and compared with docs/anatomy.md's table and the places the
// zones name.
#include "bundled_atlas.h"
#include "clinical/clinical_json.h"
#include "geometry/bvh.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

using namespace sura;

namespace {

// docs/anatomy.md, "Trigger points": the published t range and m of each point (E =
// estimates), the muscle it lies in, the sides of the leg it lies toward (the surface the
// picker names for it starts with one of them; none for deep points near the middle of the
// section, where a side says little), and how deep under the skin it lies (E).
struct Expected {
  const char* id;
  const char* muscle;
  double tFrom, tTo, m;
  std::vector<std::string> sides;
  double depthFrom, depthTo;
};
const Expected kAnatomyTable[] = {
    // The calf: gastrocnemius points about 1-2 cm under the skin, soleus and plantaris deeper.
    {"gastrocnemius_trp1", "gastrocnemius_medial_head", 0.20, 0.28, -0.55, {"poster"}, 8, 40},
    {"gastrocnemius_trp2", "gastrocnemius_lateral_head", 0.18, 0.22, 0.55, {"poster"}, 8, 40},
    {"gastrocnemius_trp3", "gastrocnemius_medial_head", 0.03, 0.10, -0.35, {"poster"}, 8, 40},
    {"gastrocnemius_trp4", "gastrocnemius_lateral_head", 0.03, 0.10, 0.35, {"poster"}, 8, 40},
    {"soleus_trp1", "soleus", 0.65, 0.80, -0.15, {"poster"}, 8, 40},
    // High on the lateral calf near the fibular head, where the surface faces laterally.
    {"soleus_trp2", "soleus", 0.10, 0.20, 0.6, {"poster", "lateral"}, 8, 40},
    {"soleus_trp3", "soleus", 0.60, 0.68, 0.15, {"poster"}, 8, 40},
    {"plantaris_trp", "plantaris", 0.00, 0.08, 0.2, {"poster"}, 8, 40},
    // The other compartments (Travell & Simons 3rd ed. [S63]; t from the described
    // landmarks on a 390 mm leg). Anterior and lateral points lie 0.5-2.5 cm deep, the deep
    // posterior ones 1.5-6 cm.
    {"tibialis_anterior_trp1", "tibialis_anterior", 0.10, 0.30, 0.2, {"anter"}, 5, 25},
    {"extensor_digitorum_longus_trp1",
     "extensor_digitorum_longus",
     0.12,
     0.25,
     0.5,
     {"anter"},
     5,
     25},
    {"extensor_hallucis_longus_trp1",
     "extensor_hallucis_longus",
     0.60,
     0.72,
     0.3,
     {"anter"},
     5,
     25},
    {"fibularis_longus_trp1",
     "fibularis_longus",
     0.13,
     0.18,
     0.8,
     {"lateral", "anterolateral"},
     5,
     25},
    {"fibularis_brevis_trp1",
     "fibularis_brevis",
     0.60,
     0.72,
     0.85,
     {"lateral", "posterolateral"},
     3,
     20},
    {"tibialis_posterior_trp1", "tibialis_posterior", 0.20, 0.40, 0.15, {}, 20, 60},
    {"flexor_digitorum_longus_trp1", "flexor_digitorum_longus", 0.30, 0.50, -0.4, {}, 8, 40},
    {"flexor_hallucis_longus_trp1", "flexor_hallucis_longus", 0.62, 0.80, 0.2, {}, 15, 45},
    {"popliteus_trp1", "popliteus", 0.06, 0.18, -0.05, {}, 25, 60},
};

const MeshBvh& bvhOf(const std::string& id) {
  static std::map<std::string, MeshBvh> cache;
  auto it = cache.find(id);
  if (it == cache.end()) {
    it = cache.emplace(id, MeshBvh(test::bundledAtlas().meshes.at(id))).first;
  }
  return it->second;
}

const ResolvedZone& zoneWith(const std::string& point, const std::string& keyword) {
  const ResolvedTriggerPoint* tp = test::bundledClinical().find(point);
  REQUIRE(tp != nullptr);
  for (const ResolvedZone& z : tp->zones) {
    if (std::find(z.zone.keywords.begin(), z.zone.keywords.end(), keyword) !=
        z.zone.keywords.end()) {
      return z;
    }
  }
  FAIL("no zone '" << keyword << "' for " << point);
  throw;
}

// The zone's core: its vertices at full weight (the soft edge is allowed to spill a little).
std::vector<glm::dvec3> core(const ResolvedZone& z) {
  const auto& skin = test::bundledAtlas().meshes.at("skin");
  std::vector<glm::dvec3> out;
  for (std::size_t i = 0; i < z.vertices.size(); ++i) {
    if (z.weights[i] >= 1.0f) {
      out.push_back(skin.points[z.vertices[i]]);
    }
  }
  return out;
}

} // namespace

TEST_CASE("every bundled trigger point lies in its own muscle at its published t and m") {
  const Clinical& clinical = test::bundledClinical();
  REQUIRE(clinical.triggerPoints.size() == std::size(kAnatomyTable));
  std::set<std::string> muscles;
  for (const Expected& e : kAnatomyTable) {
    muscles.insert(e.muscle);
  }
  for (const Expected& e : kAnatomyTable) {
    CAPTURE(e.id);
    const ResolvedTriggerPoint* tp = clinical.find(e.id);
    REQUIRE(tp != nullptr);
    CHECK(tp->point.muscle == e.muscle);
    // Inside its own muscle and in no other.
    for (const std::string& m : muscles) {
      CHECK_MESSAGE(bvhOf(m).contains(tp->centre) == (m == e.muscle), m);
    }
    // Measured back by the picker, independently of the resolution code.
    const PointDescription d = test::bundledPicker().describe(tp->centre, e.muscle);
    CHECK(d.t >= e.tFrom);
    CHECK(d.t <= e.tTo);
    CHECK(std::abs(d.m - e.m) < 0.05);
    CAPTURE(d.surface);
    CHECK((e.sides.empty() ||
           std::any_of(e.sides.begin(), e.sides.end(),
                       [&](const std::string& side) { return d.surface.rfind(side, 0) == 0; })));
    CHECK(d.depthMm > e.depthFrom);
    CHECK(d.depthMm < e.depthTo);
    CHECK(std::abs(d.depthMm - tp->depthBelowSkinMm) < 1e-6);
    CHECK(std::abs(d.t - tp->t) < 1e-9);
    CHECK(std::abs(d.m - tp->m) < 1e-6);
    CHECK(d.surface == tp->surface);
    // depth_mm below the surface point, along the approach, inside the muscle's thickness.
    CHECK(std::abs(glm::distance(tp->centre, tp->surfacePoint) - tp->point.location.depthMm) <
          1e-9);
    CHECK(tp->muscleThicknessMm > tp->point.location.depthMm);
    CHECK(bvhOf(e.muscle).distance(tp->surfacePoint) < 1e-6);
    MESSAGE(std::string(e.id) << ": centre (" << tp->centre.x << ", " << tp->centre.y << ", "
                              << tp->centre.z << ") mm, t " << d.t << ", m " << d.m << ", "
                              << d.surface << ", " << d.depthMm << " mm below the skin, muscle "
                              << tp->muscleThicknessMm << " mm thick there");
  }
}

TEST_CASE("the heel zone lies on the skin round the calcaneus, below the malleoli") {
  const ResolvedZone& heel = zoneWith("soleus_trp1", "heel");
  CHECK(heel.onModel);
  const auto points = core(heel);
  REQUIRE(points.size() > 50);
  const Landmarks& lm = test::bundledAtlas().atlas.landmarks;
  const double malleoli = std::min(lm.medialMalleolus.z, lm.lateralMalleolus.z);
  for (const glm::dvec3& p : points) {
    CHECK(bvhOf("calcaneus").distance(p) < 25.0);
    CHECK(p.z < malleoli);
  }
  CHECK(bvhOf("calcaneus").distance(heel.centre) < 25.0);
  CHECK(bvhOf("skin").distance(heel.centre) < 1e-6);
  MESSAGE("heel zone: " << points.size() << " core vertices, " << heel.areaMm2 << " mm2, centre ("
                        << heel.centre.x << ", " << heel.centre.y << ", " << heel.centre.z << ")");
}

// The box of the bones of the foot: the structures under the grouping node foot_bones.
static Aabb footBonesBox() {
  Aabb box;
  for (const auto& s : test::bundledAtlas().atlas.structures) {
    if (s.parent == "foot_bones") {
      const Aabb b = bvhOf(s.id).bounds();
      box.add(b.lo);
      box.add(b.hi);
    }
  }
  REQUIRE(!box.empty());
  return box;
}

TEST_CASE("the instep zone lies on the medial arch and dorsum, in front of the malleoli") {
  const ResolvedZone& instep = zoneWith("gastrocnemius_trp1", "instep");
  const auto points = core(instep);
  REQUIRE(points.size() > 50);
  const Landmarks& lm = test::bundledAtlas().atlas.landmarks;
  // The foot's axis: midway across its bones.
  const double footAxisX = footBonesBox().center().x;
  const double front = std::max(lm.medialMalleolus.y, lm.lateralMalleolus.y);
  for (const glm::dvec3& p : points) {
    CHECK(p.x < footAxisX);
    CHECK(p.y > front);
    CHECK(p.y > 0.0);
    CHECK(p.z < lm.medialMalleolus.z);
  }
  MESSAGE("instep zone: " << points.size() << " core vertices, centre (" << instep.centre.x << ", "
                          << instep.centre.y << ", " << instep.centre.z << ")");
}

TEST_CASE("back-of-knee zones lie behind the knee joint line") {
  const Landmarks& lm = test::bundledAtlas().atlas.landmarks;
  for (const char* id : {"gastrocnemius_trp1", "gastrocnemius_trp3", "gastrocnemius_trp4",
                         "soleus_trp2", "plantaris_trp"}) {
    CAPTURE(id);
    const auto points = core(zoneWith(id, "back of knee"));
    REQUIRE(points.size() > 50);
    for (const glm::dvec3& p : points) {
      CHECK(std::abs(p.z - lm.kneeJointLineZ) < 60.0);
      CHECK(p.y < test::bundledPicker().midlineAt(p.z)->y);
    }
  }
}

TEST_CASE("leg zones hold the skin at their t and m, and zones fade at their edges") {
  for (const ResolvedTriggerPoint& tp : test::bundledClinical().triggerPoints) {
    for (const ResolvedZone& z : tp.zones) {
      CAPTURE(tp.point.id);
      CAPTURE(z.zone.keywords.front());
      if (!z.onModel) {
        CHECK(z.vertices.empty());
        CHECK(std::isnan(z.centre.x));
        continue;
      }
      REQUIRE(z.vertices.size() == z.weights.size());
      CHECK(z.areaMm2 > 500.0);
      const bool soft = std::any_of(z.weights.begin(), z.weights.end(),
                                    [](float w) { return w > 0.0f && w < 1.0f; });
      CHECK(soft);
      CHECK(std::all_of(z.weights.begin(), z.weights.end(),
                        [](float w) { return w > 0.0f && w <= 1.0f; }));
      if (z.zone.region.part != SkinRegion::Part::Leg) {
        continue;
      }
      for (const glm::dvec3& p : core(z)) {
        const PointDescription d = test::bundledPicker().describe(p, "skin");
        CHECK(d.t >= z.zone.region.t.x - 1e-9);
        CHECK(d.t <= z.zone.region.t.y + 1e-9);
        CHECK(d.m >= z.zone.region.m.x - 1e-6);
        CHECK(d.m <= z.zone.region.m.y + 1e-6);
      }
    }
  }
}

TEST_CASE("the big toe zone is at the front of the foot, medially") {
  const ResolvedZone& toe = zoneWith("plantaris_trp", "big toe");
  const Aabb bones = footBonesBox();
  for (const glm::dvec3& p : core(toe)) {
    CHECK(p.y > bones.hi.y - 0.3 * bones.size().y);
    CHECK(p.x < bones.center().x);
  }
}

TEST_CASE("the resolved layer as JSON") {
  const Clinical& clinical = test::bundledClinical();
  const nlohmann::json j = toJson(clinical);
  CHECK(j["skin"] == "skin");
  REQUIRE(j["trigger_points"].size() == clinical.triggerPoints.size());
  for (std::size_t i = 0; i < clinical.triggerPoints.size(); ++i) {
    const ResolvedTriggerPoint& tp = clinical.triggerPoints[i];
    const nlohmann::json& p = j["trigger_points"][i];
    CHECK(p["id"] == tp.point.id);
    CHECK(p["centre"][0].get<double>() == tp.centre.x);
    CHECK(p["centre"][2].get<double>() == tp.centre.z);
    CHECK(p["location"]["t"].get<double>() == tp.point.location.t);
    CHECK(p["resolved"]["m"].get<double>() == tp.m);
    CHECK(p["resolved"]["surface"] == tp.surface);
    REQUIRE(p["referred_pain"].size() == tp.zones.size());
    for (std::size_t k = 0; k < tp.zones.size(); ++k) {
      const nlohmann::json& z = p["referred_pain"][k];
      CHECK(z["on_model"] == tp.zones[k].onModel);
      CHECK(z["vertex_count"] == tp.zones[k].vertices.size());
      CHECK(z["centre"].is_null() == !tp.zones[k].onModel);
    }
  }
  const nlohmann::json& si = j["trigger_points"][6]["referred_pain"][0];
  CHECK(si["region"]["part"] == "off_model");
  CHECK(si["kind"] == "essential");
}

namespace {

// The bundled atlas with one more referred zone on gastrocnemius_trp1, placed on the same
// meshes.
Clinical withExtraZone(const SkinRegion& region) {
  Atlas atlas = test::bundledAtlas().atlas;
  ReferredZone zone;
  zone.kind = ZoneKind::Spillover;
  zone.region = region;
  zone.keywords = {"test zone"};
  atlas.triggerPoints.front().referredPain.push_back(zone);
  return resolveClinical(atlas, test::bundledAtlas().meshes);
}

SkinRegion backOfLeg(glm::dvec2 t, glm::dvec2 m) {
  SkinRegion region;
  region.part = SkinRegion::Part::Leg;
  region.t = t;
  region.m = m;
  region.surfaces = {"posterior", "posteromedial", "posterolateral"};
  return region;
}

} // namespace

TEST_CASE("a narrow zone keeps a painted core after rounding") {
  // 8 mm tall: rounding spreads weight over about 15 mm, which alone would average it away.
  const Clinical clinical = withExtraZone(backOfLeg({0.50, 0.52}, {-0.6, -0.2}));
  const ResolvedZone& zone = clinical.triggerPoints.front().zones.back();
  REQUIRE_FALSE(zone.weights.empty());
  const float strongest = *std::max_element(zone.weights.begin(), zone.weights.end());
  CHECK(strongest >= 0.5f); // half strength: the shader paints it
}

TEST_CASE("a zone's corners are rounded: weaker than the middle of its edge") {
  const Clinical clinical = withExtraZone(backOfLeg({0.30, 0.50}, {-0.3, 0.3}));
  const ResolvedZone& zone = clinical.triggerPoints.front().zones.back();
  const auto& skin = test::bundledAtlas().meshes.at("skin");
  double cornerSum = 0, edgeSum = 0;
  int corners = 0, edges = 0;
  for (std::size_t i = 0; i < zone.vertices.size(); ++i) {
    const PointDescription d =
        test::bundledPicker().describe(skin.points[zone.vertices[i]], "skin");
    if (d.t < 0.30 || d.t > 0.32) {
      continue; // just inside the upper edge
    }
    if (std::abs(d.m) > 0.24 && std::abs(d.m) < 0.3) {
      cornerSum += zone.weights[i];
      ++corners;
    } else if (std::abs(d.m) < 0.06) {
      edgeSum += zone.weights[i];
      ++edges;
    }
  }
  REQUIRE(corners > 0);
  REQUIRE(edges > 0);
  MESSAGE("mean weight at the corners " << cornerSum / corners << ", mid-edge " << edgeSum / edges);
  CHECK(cornerSum / corners < edgeSum / edges - 0.2);
}
