// Invariants of the bundled lower-leg model, measured on the shipped meshes. Figures and
// their sources: ../shared/ANATOMY.md (copied into the atlas's sources); tolerances are stated
// next to each check.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "atlas/atlas.h"
#include "geometry/mesh_checks.h"
#include "geometry/section.h"
#include "model/leg_model.h"
#include "shipped_model.h"

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include <algorithm>
#include <cmath>
#include <set>

using namespace sura;
using sura::test::shipped;
using sura::test::shippedModel;

namespace {

constexpr double kLegLength = 390.0; // knee joint line to medial malleolus tip, mm [S20]
// Two structures may overlap by at most this much (mm): the generator keeps gaps of
// 0.4-1.2 mm between them, and smoothing plus decimation move a surface by a fraction of a
// millimetre.
constexpr double kInterpenetrationTolerance = 0.5;

bool isGastrocnemius(const std::string& id) {
  return id.rfind("gastrocnemius", 0) == 0;
}

// Depth rank of a structure along a posterior ray: skin, then gastrocnemius, then what lies
// between gastrocnemius and soleus, then soleus, then the deep neurovascular bundle, then bone.
// Superficial vessels and nerves (in the subcutis) have no rank.
int depthRank(const std::string& id) {
  static const std::map<std::string, int> ranks = {{"skin", 0},
                                                   {"gastrocnemius_medial_head", 1},
                                                   {"gastrocnemius_lateral_head", 1},
                                                   {"plantaris", 2},
                                                   {"achilles_tendon", 2},
                                                   {"soleus", 3},
                                                   {"tibial_nerve", 4},
                                                   {"popliteal_artery", 4},
                                                   {"posterior_tibial_artery", 4},
                                                   {"common_fibular_nerve", 4},
                                                   {"femur", 5},
                                                   {"patella", 5},
                                                   {"tibia", 5},
                                                   {"fibula", 5},
                                                   {"talus", 5},
                                                   {"calcaneus", 5},
                                                   {"foot_bones", 5}};
  const auto it = ranks.find(id);
  return it == ranks.end() ? -1 : it->second;
}

// Lowest level (mm) at which a muscle's horizontal section is at least `area` mm^2: where
// its fleshy belly ends, as opposed to its thin aponeurotic tail.
double bellyEnd(const TriangleMesh& mesh, double area) {
  const Aabb box = bounds(mesh);
  for (double z = box.lo.z + 0.5; z < box.hi.z; z += 1.0) {
    if (sectionAtZ(mesh, z).area >= area) {
      return z;
    }
  }
  return box.hi.z;
}

// Width (largest extent of the section's points) and thickness (of the ellipse with the
// same area and width) of a section.
struct WidthThickness {
  double width = 0, thickness = 0;
};

WidthThickness tendonSection(const TriangleMesh& mesh, double z) {
  // The section box is axis-aligned, but the tendon twists: measure the width along the
  // direction where it is largest by sampling directions.
  const Section s = sectionAtZ(mesh, z);
  std::vector<glm::dvec2> pts;
  for (const auto& tri : mesh.triangles) {
    for (int e = 0; e < 3; ++e) {
      const glm::dvec3 a = mesh.points[tri[e]];
      const glm::dvec3 b = mesh.points[tri[(e + 1) % 3]];
      if ((a.z - z) * (b.z - z) < 0.0) {
        const double f = (z - a.z) / (b.z - a.z);
        pts.emplace_back(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
      }
    }
  }
  double width = 0.0;
  for (int k = 0; k < 180; ++k) {
    const double ang = k * M_PI / 180.0;
    const glm::dvec2 d(std::cos(ang), std::sin(ang));
    double lo = 1e9, hi = -1e9;
    for (const auto& p : pts) {
      lo = std::min(lo, glm::dot(p, d));
      hi = std::max(hi, glm::dot(p, d));
    }
    width = std::max(width, hi - lo);
  }
  return {width, width > 0.0 ? 4.0 * s.area / (M_PI * width) : 0.0};
}

// The middle of the tendon's insertion: the centroid of its vertices that lie on the bone.
glm::dvec3 achillesInsertion() {
  const auto& tendon = shipped("achilles_tendon").mesh;
  const auto& bone = *shipped("calcaneus").bvh;
  glm::dvec3 sum(0.0);
  int n = 0;
  for (const auto& p : tendon.points) {
    if (bone.distance(p) < 1.5) {
      sum += p;
      ++n;
    }
  }
  REQUIRE(n > 10);
  return sum / double(n);
}

double minimumDistance(const std::string& from, const std::string& to) {
  const auto& target = *shipped(to).bvh;
  double best = 1e300;
  for (const auto& p : shipped(from).mesh.points) {
    best = std::min(best, target.distance(p));
  }
  return best;
}

} // namespace

TEST_CASE("every shipped mesh is closed, manifold, outward and within its triangle budget") {
  std::size_t total = 0;
  for (const auto& spec : model::legStructures()) {
    CAPTURE(spec.id);
    const auto& mesh = shipped(spec.id).mesh;
    const TopologyReport report = checkTopology(mesh);
    CHECK(report.closedManifold());
    CHECK(report.degenerateTriangles == 0);
    if (!spec.severalPieces) {
      CHECK(report.components == 1);
    }
    for (const auto& piece : splitComponents(mesh)) {
      CHECK(signedVolume(piece) > 0.0); // outward normals, piece by piece
    }
    CHECK(mesh.triangles.size() <= static_cast<std::size_t>(spec.triangleBudget));
    total += mesh.triangles.size();
  }
  // The whole model must stay interactive in software rendering (Mesa llvmpipe).
  MESSAGE("total triangles: " << total);
  CHECK(total <= 250000);
}

TEST_CASE("no two structures interpenetrate, and everything lies inside the skin") {
  const auto& model = shippedModel();
  const auto& skin = *shipped("skin").bvh;
  for (const auto& [a, sa] : model) {
    if (a == "skin") {
      continue;
    }
    CAPTURE(a);
    std::size_t outside = 0;
    double closestToSkin = 1e300;
    for (const auto& p : sa.mesh.points) {
      if (!skin.contains(p)) {
        ++outside;
      }
      closestToSkin = std::min(closestToSkin, skin.distance(p));
    }
    CHECK(outside == 0);
    CHECK(closestToSkin >= 1.0); // some subcutis everywhere
    for (const auto& [b, sb] : model) {
      if (b == a || b == "skin") {
        continue;
      }
      const Aabb box = sb.bvh->bounds();
      double deepest = 0.0;
      for (const auto& p : sa.mesh.points) {
        if (p.x < box.lo.x || p.y < box.lo.y || p.z < box.lo.z || p.x > box.hi.x ||
            p.y > box.hi.y || p.z > box.hi.z || !sb.bvh->contains(p)) {
          continue;
        }
        deepest = std::max(deepest, sb.bvh->distance(p));
      }
      CAPTURE(b);
      CHECK(deepest <= kInterpenetrationTolerance);
    }
  }
}

TEST_CASE("along posterior rays the order is skin, gastrocnemius, soleus, deep structures, bone") {
  const auto& model = shippedModel();
  int raysThroughGastrocnemius = 0;
  for (double t = 0.05; t <= 0.6; t += 0.05) {
    for (double x = -50.0; x <= 50.0; x += 4.0) {
      const Ray ray{{x, -300.0, -t * kLegLength}, {0.0, 1.0, 0.0}};
      std::vector<std::pair<double, std::string>> entries;
      for (const auto& [id, s] : model) {
        for (const auto& hit : s.bvh->intersectAll(ray)) {
          if (hit.entering) {
            entries.emplace_back(hit.t, id);
          }
        }
      }
      std::sort(entries.begin(), entries.end());
      if (std::none_of(entries.begin(), entries.end(),
                       [](const auto& e) { return isGastrocnemius(e.second); })) {
        continue;
      }
      ++raysThroughGastrocnemius;
      CAPTURE(t);
      CAPTURE(x);
      REQUIRE(!entries.empty());
      CHECK(entries.front().second == "skin");
      int rank = 0;
      bool soleusSeen = false;
      for (const auto& [depth, id] : entries) {
        const int r = depthRank(id);
        if (r < 0) {
          continue;
        }
        CAPTURE(id);
        CHECK(r >= rank);
        rank = std::max(rank, r);
        soleusSeen = soleusSeen || id == "soleus";
      }
      // Below the popliteal fossa, soleus lies under the gastrocnemius.
      if (t >= 0.2 && std::abs(x) <= 25.0) {
        CHECK(soleusSeen);
      }
    }
  }
  CHECK(raysThroughGastrocnemius >= 100);
}

TEST_CASE("the medial head reaches lower than the lateral head, soleus lower than both") {
  const auto& medial = shipped("gastrocnemius_medial_head").mesh;
  const auto& lateral = shipped("gastrocnemius_lateral_head").mesh;
  const auto& soleus = shipped("soleus").mesh;
  // Fleshy belly = horizontal section of at least 150 mm^2.
  const double medialEnd = bellyEnd(medial, 150.0);
  const double lateralEnd = bellyEnd(lateral, 150.0);
  const double soleusEnd = bellyEnd(soleus, 150.0);
  MESSAGE("belly ends (t): medial " << -medialEnd / kLegLength << ", lateral "
                                    << -lateralEnd / kLegLength << ", soleus "
                                    << -soleusEnd / kLegLength);
  CHECK(medialEnd < lateralEnd - 20.0);
  CHECK(bounds(medial).lo.z < bounds(lateral).lo.z);
  // ANATOMY.md estimates: medial belly ends at t 0.55-0.60, lateral 0.45-0.50, soleus
  // 0.85-0.90; accept 0.05 either side.
  CHECK(-medialEnd / kLegLength == doctest::Approx(0.575).epsilon(0.13));
  CHECK(-lateralEnd / kLegLength == doctest::Approx(0.475).epsilon(0.16));
  CHECK(-soleusEnd / kLegLength >= 0.80);
  CHECK(-soleusEnd / kLegLength <= 0.95);
  // Soleus muscle tissue extends well below both heads.
  CHECK(bounds(soleus).lo.z < bounds(medial).lo.z - 50.0);
  CHECK(soleusEnd < medialEnd - 50.0);
}

TEST_CASE("the tendon is continuous from the muscles to the calcaneus") {
  const auto& tendon = shipped("achilles_tendon").mesh;
  CHECK(checkTopology(tendon).components == 1);
  // Touching (within 1.5 mm) the muscles above it and the bone below.
  CHECK(minimumDistance("gastrocnemius_medial_head", "achilles_tendon") < 1.5);
  CHECK(minimumDistance("gastrocnemius_lateral_head", "gastrocnemius_medial_head") < 1.5);
  CHECK(minimumDistance("soleus", "achilles_tendon") < 1.5);
  CHECK(minimumDistance("achilles_tendon", "calcaneus") < 1.5);
  // Every level of the tendon has tissue: no break along its length.
  const Aabb box = bounds(tendon);
  for (double z = box.lo.z + 1.0; z < box.hi.z - 1.0; z += 2.0) {
    CAPTURE(z);
    CHECK(sectionAtZ(tendon, z).area > 5.0);
  }
  // It inserts on the posterior calcaneus (behind the bone's middle).
  const glm::dvec3 insertion = achillesInsertion();
  const Aabb bone = bounds(shipped("calcaneus").mesh);
  CHECK(insertion.y < bone.center().y);
  CHECK(insertion.z > bone.lo.z);
  CHECK(insertion.z < bone.hi.z);
}

TEST_CASE("dimensions are in the published ranges") {
  SUBCASE("tibia length: 39.0 cm, range 30.8-46.5 [S20]") {
    const Aabb tibia = bounds(shipped("tibia").mesh);
    const double length = tibia.hi.z - tibia.lo.z;
    MESSAGE("tibia length " << length << " mm");
    CHECK(length >= 308.0);
    CHECK(length <= 465.0);
    CHECK(length == doctest::Approx(390.0).epsilon(0.05));
  }
  SUBCASE("maximal calf girth 35.5 +/- 2.1 cm (men), 34.2 +/- 2.1 (women) [S21]") {
    const auto& skin = shipped("skin").mesh;
    double girth = 0.0, level = 0.0;
    for (double z = -0.1 * kLegLength; z >= -0.8 * kLegLength; z -= 2.0) { // below the knee
      const double g = sectionAtZ(skin, z).hullPerimeter; // what a tape measure reads
      if (g > girth) {
        girth = g, level = z;
      }
    }
    MESSAGE("max calf girth " << girth << " mm at t = " << -level / kLegLength);
    CHECK(girth >= 342.0 - 2 * 21.0); // within two standard deviations of either mean
    CHECK(girth <= 355.0 + 2 * 21.0);
    CHECK(-level / kLegLength >= 0.2); // ANATOMY.md: about t 0.25-0.35
    CHECK(-level / kLegLength <= 0.4);
  }
  SUBCASE("Achilles tendon: about 15 cm long; 5 mm thick and 12 mm wide 2-3 cm above the "
          "insertion, narrowest about 4 cm above it, 22 mm wide at it [S9, S14, S15]") {
    const auto& tendon = shipped("achilles_tendon").mesh;
    const glm::dvec3 insertion = achillesInsertion();
    const double length = bounds(tendon).hi.z - insertion.z;
    MESSAGE("tendon length " << length << " mm");
    CHECK(length == doctest::Approx(150.0).epsilon(0.2)); // 12-18 cm
    const WidthThickness above = tendonSection(tendon, insertion.z + 25.0);
    MESSAGE("25 mm above the insertion: width " << above.width << ", thickness "
                                                << above.thickness);
    CHECK(above.width == doctest::Approx(12.0).epsilon(0.3));
    CHECK(above.thickness == doctest::Approx(5.0).epsilon(0.4));
    const WidthThickness at = tendonSection(tendon, insertion.z);
    MESSAGE("at the insertion: width " << at.width);
    CHECK(at.width == doctest::Approx(22.0).epsilon(0.3));
    double narrowest = 1e9, narrowestLevel = 0.0;
    for (double h = 15.0; h <= 90.0; h += 1.0) {
      const double w = tendonSection(tendon, insertion.z + h).width;
      if (w < narrowest) {
        narrowest = w, narrowestLevel = h;
      }
    }
    MESSAGE("narrowest " << narrowest << " mm at " << narrowestLevel << " mm above the insertion");
    CHECK(narrowestLevel >= 25.0);
    CHECK(narrowestLevel <= 60.0);
  }
  SUBCASE("volumes soleus : medial head : lateral head = 358 : 180 : 90 [S7]") {
    const double soleus = signedVolume(shipped("soleus").mesh) / 1000.0;
    const double medial = signedVolume(shipped("gastrocnemius_medial_head").mesh) / 1000.0;
    const double lateral = signedVolume(shipped("gastrocnemius_lateral_head").mesh) / 1000.0;
    MESSAGE("volumes (cm3): soleus " << soleus << ", medial " << medial << ", lateral " << lateral);
    // Ratios within 10 % of the MRI proportions.
    CHECK(medial / soleus == doctest::Approx(180.0 / 358.0).epsilon(0.10));
    CHECK(lateral / soleus == doctest::Approx(90.0 / 358.0).epsilon(0.10));
    CHECK(lateral / medial == doctest::Approx(0.5).epsilon(0.10));
  }
}

TEST_CASE("the bundled atlas's landmarks sit on the bones they name") {
  const Atlas atlas = parseManifest(std::string(SURA_SOURCE_DIR) + "/meshes");
  const Landmarks& l = atlas.landmarks;
  CHECK(l.legLength == doctest::Approx(kLegLength));
  // Malleolar tips are the lowest points of tibia and fibula (within 3 mm).
  CHECK(l.medialMalleolus.z == doctest::Approx(bounds(shipped("tibia").mesh).lo.z).epsilon(0.01));
  CHECK(l.lateralMalleolus.z == doctest::Approx(bounds(shipped("fibula").mesh).lo.z).epsilon(0.01));
  CHECK(l.medialMalleolus.x < 0.0); // medial of a right leg is -x
  CHECK(l.lateralMalleolus.x > 0.0);
  auto onOrIn = [](const std::string& bone, const glm::dvec3& p) {
    const auto& bvh = *shipped(bone).bvh;
    return bvh.contains(p) || bvh.distance(p) < 3.0;
  };
  CHECK(onOrIn("fibula", l.fibularHead));
  CHECK(onOrIn("femur", l.medialFemoralCondyle));
  CHECK(onOrIn("femur", l.lateralFemoralCondyle));
  CHECK(onOrIn("calcaneus", l.calcanealTuberosity));
  CHECK(shipped("calcaneus").bvh->distance(l.calcanealTuberosity) < 3.0);
}
