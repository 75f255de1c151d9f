// The bundled trigger points on tests/data/muscle-atlas: a left leg of three calf muscles with
// no skin, no bones, no malleoli. What can be placed is placed (on the generated envelope), the
// rest is listed with why; nothing is refused.
#include "clinical/clinical.h"
#include "geometry/bvh.h"
#include "meshio/atlas_checks.h"
#include "meshio/load_atlas.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>

namespace fs = std::filesystem;
using namespace sura;

namespace {

const LoadedAtlas& muscleAtlas() {
  static const LoadedAtlas loaded =
      loadAtlas(fs::path(SURA_SOURCE_DIR) / "tests" / "data" / "muscle-atlas");
  return loaded;
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

} // namespace

TEST_CASE("on a muscle-only atlas the points of its muscles are placed, the rest listed") {
  const LoadedAtlas& loaded = muscleAtlas();
  const Atlas& atlas = loaded.atlas;
  const std::set<std::string> held = {"gastrocnemius_medial_head", "gastrocnemius_lateral_head",
                                      "soleus"};
  const LoadedAtlas bundled = loadAtlas(bundledAtlasDir());

  // Parsing left out every point of a muscle the atlas lacks, one line each, naming it.
  std::size_t missingMuscle = 0;
  for (const TriggerPoint& p : bundled.atlas.triggerPoints) {
    missingMuscle += held.count(p.muscle) == 0 ? 1 : 0;
  }
  REQUIRE(missingMuscle > 0);
  std::size_t listedMuscle = 0;
  for (const AtlasWarning& w : atlas.skipped) {
    CHECK(w.file == atlas.manifest.string());
    if (w.field.find(".muscle") != std::string::npos) {
      ++listedMuscle;
      CHECK(w.message.find("is not in this atlas: point left out") != std::string::npos);
    } else {
      // The kept points' structures at risk: no nerve or vessel is in this atlas.
      CHECK(w.field.find(".structures_at_risk[") != std::string::npos);
      CHECK(w.message.find("named on the card by its id, not drawn") != std::string::npos);
    }
  }
  CHECK(listedMuscle == missingMuscle);
  CHECK(atlas.triggerPoints.size() + missingMuscle == bundled.atlas.triggerPoints.size());
  for (const TriggerPoint& p : atlas.triggerPoints) {
    CHECK(held.count(p.muscle) == 1);
    CHECK(p.id == bundled.atlas.triggerPoints[p.index].id); // index: the manifest's place
  }

  // Resolved on the generated envelope: every point of these muscles placed, in its muscle,
  // at its stated level (the rays are horizontal), reached from its stated side.
  const Clinical clinical = resolveClinical(atlas, loaded.meshes);
  CHECK(clinical.skin == kEnvelopeId);
  CHECK(clinical.onGeneratedEnvelope);
  CHECK(clinical.skippedPoints.empty());
  REQUIRE(clinical.triggerPoints.size() == atlas.triggerPoints.size());
  const Clinical bundledClinical = resolveClinical(bundled.atlas, bundled.meshes);
  for (const ResolvedTriggerPoint& r : clinical.triggerPoints) {
    CAPTURE(r.point.id);
    CHECK(MeshBvh(loaded.meshes.at(r.point.muscle)).contains(r.centre));
    CHECK(r.t == doctest::Approx(r.point.location.t).epsilon(1e-9));
    // A left leg: lateral is -x. The bundled (right) point and this one lie on opposite sides
    // of the midline when they are off it.
    const ResolvedTriggerPoint* right = bundledClinical.find(r.point.id);
    REQUIRE(right != nullptr);
    if (std::abs(right->centre.x) > 10) {
      CHECK(r.centre.x * right->centre.x < 0);
    }
    // Reached from the stated side, mirrored: the approach is the right leg's, x reversed.
    CHECK(r.approach.x == doctest::Approx(-right->approach.x));
    CHECK(r.approach.y == doctest::Approx(right->approach.y));
    // Placed on the envelope, not a real skin: near the bundled place, not at it.
    CHECK(std::abs(r.centre.z - right->centre.z) < 1e-6);
  }
  // Zones: leg zones lie on the envelope; foot zones are listed (no malleoli), never silent.
  std::size_t footZones = 0;
  for (const TriggerPoint& p : atlas.triggerPoints) {
    for (const ReferredZone& z : p.referredPain) {
      footZones += z.region.part == SkinRegion::Part::Foot ? 1 : 0;
    }
  }
  std::size_t listedFoot = 0;
  for (const AtlasWarning& w : clinical.skipped) {
    CHECK(startsWith(w.field, "trigger_points["));
    listedFoot += w.message.find("foot zone not shown") != std::string::npos ? 1 : 0;
  }
  CHECK(listedFoot == footZones);
  for (const ResolvedTriggerPoint& r : clinical.triggerPoints) {
    for (const ResolvedZone& z : r.zones) {
      CHECK(z.zone.region.part != SkinRegion::Part::Foot);
      if (z.onModel) {
        CHECK_FALSE(z.vertices.empty());
      }
    }
  }
}
