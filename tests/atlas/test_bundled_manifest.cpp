// The shipped manifest meshes/atlas.json, checked against the structure list, layers and
// landmarks agreed in docs/anatomy.md. Needs no meshes: those are checked by tests/meshio.
#include "atlas/atlas.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

namespace {

const sura::Atlas& bundled() {
  static const sura::Atlas atlas = sura::parseManifest(SURA_SOURCE_DIR "/meshes");
  return atlas;
}

} // namespace

TEST_CASE("the bundled manifest lists the agreed structures and layers") {
  const sura::Atlas& atlas = bundled();
  CHECK(atlas.version == sura::kAtlasFormatVersion);
  CHECK(atlas.frame.axes == "RAS");
  CHECK(atlas.frame.unitScale == 1.0);
  CHECK(atlas.frame.origin == glm::dvec3(0.0));
  CHECK(atlas.frame.side == "right");

  // Layers go by depth from the surface in every compartment (peeling removes the lowest
  // layer everywhere): the outermost muscles all round, then the next ring, then the deep
  // posterior compartment with the nerves and vessels between its muscles, then bone.
  const std::pair<const char*, int> expected[] = {
      {"skin", 0},
      {"small_saphenous_vein", 1},
      {"sural_nerve", 1},
      {"great_saphenous_vein", 1},
      {"saphenous_nerve", 1},
      {"superficial_fibular_nerve", 1},
      {"gastrocnemius", 2},
      {"gastrocnemius_medial_head", 2},
      {"gastrocnemius_lateral_head", 2},
      {"tibialis_anterior", 2},
      {"extensor_digitorum_longus", 2},
      {"fibularis_longus", 2},
      {"plantaris", 3},
      {"achilles_tendon", 3},
      {"soleus", 4},
      {"extensor_hallucis_longus", 4},
      {"fibularis_brevis", 4},
      {"common_fibular_nerve", 4},
      {"popliteus", 5},
      {"tibialis_posterior", 5},
      {"flexor_digitorum_longus", 5},
      {"flexor_hallucis_longus", 5},
      {"tibial_nerve", 5},
      {"popliteal_artery", 5},
      {"popliteal_vein", 5},
      {"posterior_tibial_artery", 5},
      {"posterior_tibial_veins", 5},
      {"fibular_artery", 5},
      {"anterior_tibial_artery", 5},
      {"deep_fibular_nerve", 5},
      {"femur", 6},
      {"patella", 6},
      {"tibia", 6},
      {"fibula", 6},
      {"talus", 6},
      {"calcaneus", 6},
      {"foot_bones", 6},
      {"navicular", 6},
      {"cuboid", 6},
      {"cuneiform_medial", 6},
      {"cuneiform_intermediate", 6},
      {"cuneiform_lateral", 6},
      {"metatarsal_1", 6},
      {"metatarsal_2", 6},
      {"metatarsal_3", 6},
      {"metatarsal_4", 6},
      {"metatarsal_5", 6},
      {"phalanges_1", 6},
      {"phalanges_2", 6},
      {"phalanges_3", 6},
      {"phalanges_4", 6},
      {"phalanges_5", 6},
  };
  CHECK(atlas.structures.size() == std::size(expected));
  for (const auto& [id, layer] : expected) {
    CAPTURE(id);
    const sura::Structure* s = atlas.find(id);
    REQUIRE(s != nullptr);
    CHECK(s->layer == layer);
    CHECK(s->opacity == 1.0f);
    if (std::string(id) == "gastrocnemius" || std::string(id) == "foot_bones") {
      CHECK(s->mesh.empty()); // grouping nodes
    } else {
      CHECK(s->mesh == std::string(id) + ".vtp");
    }
  }
  CHECK(atlas.find("gastrocnemius_medial_head")->parent == "gastrocnemius");
  CHECK(atlas.find("gastrocnemius_lateral_head")->parent == "gastrocnemius");
  // Every bone of the foot is its own structure, so that a click names it, grouped as one.
  for (const auto& s : atlas.structures) {
    const bool foot = s.id == "talus" || s.id == "calcaneus" || s.id == "navicular" ||
                      s.id == "cuboid" || s.id.rfind("cuneiform_", 0) == 0 ||
                      s.id.rfind("metatarsal_", 0) == 0 || s.id.rfind("phalanges_", 0) == 0;
    CAPTURE(s.id);
    CHECK(foot == (s.parent == "foot_bones"));
  }

  std::vector<std::string> groupIds;
  for (const auto& g : atlas.groups) {
    groupIds.push_back(g.id);
  }
  CHECK(groupIds ==
        std::vector<std::string>{"skin", "muscles", "tendons", "bones", "nerves_vessels"});
  CHECK(std::is_sorted(atlas.groups.begin(), atlas.groups.end(),
                       [](const auto& a, const auto& b) { return a.order < b.order; }));
}

TEST_CASE("the bundled landmarks are in the frame of a right leg") {
  // Where they sit on the bones is checked against the meshes in tests/model.
  const sura::Landmarks& l = bundled().landmarks;
  CHECK(l.kneeJointLineZ == 0.0);
  CHECK(l.legLength == 390.0);
  CHECK(l.medialMalleolus.z == doctest::Approx(-l.legLength)); // L ends at the medial malleolus
  CHECK(l.lateralMalleolus.z < l.medialMalleolus.z);           // the lateral one reaches lower
  CHECK(l.fibularHead.z < 0.0);
  CHECK(l.medialFemoralCondyle.z > 0.0);
  CHECK(l.calcanealTuberosity.z < l.lateralMalleolus.z);
  // Right leg: lateral landmarks at +X, medial at -X.
  CHECK(l.lateralMalleolus.x > 0);
  CHECK(l.fibularHead.x > 0);
  CHECK(l.lateralFemoralCondyle.x > 0);
  CHECK(l.medialMalleolus.x < 0);
  CHECK(l.medialFemoralCondyle.x < 0);
}

TEST_CASE("the bundled info cards are filled in and cite sources") {
  for (const auto& s : bundled().structures) {
    CAPTURE(s.id);
    CHECK_FALSE(s.name.empty());
    CHECK_FALSE(s.info.sources.empty());
    if (s.group == "muscles" || s.group == "tendons" || s.group == "nerves_vessels") {
      CHECK_FALSE(s.info.origin.empty());
      CHECK_FALSE(s.info.insertion.empty());
      CHECK_FALSE(s.info.action.empty());
    }
    if (s.group == "muscles") {
      // Each compartment has its nerve: anterior the deep fibular, lateral the superficial
      // fibular, posterior the tibial.
      const bool anterior = s.id == "tibialis_anterior" || s.id == "extensor_digitorum_longus" ||
                            s.id == "extensor_hallucis_longus";
      const bool lateral = s.id == "fibularis_longus" || s.id == "fibularis_brevis";
      const char* nerve = anterior  ? "Deep fibular nerve"
                          : lateral ? "Superficial fibular nerve"
                                    : "Tibial nerve";
      CAPTURE(nerve);
      CHECK(s.info.innervation.find(nerve) != std::string::npos);
      CHECK_FALSE(s.info.bloodSupply.empty());
    }
    if (s.group == "bones" || s.id == "skin") {
      CHECK_FALSE(s.info.notes.empty());
    }
  }
}

TEST_CASE("the bundled colours tell neighbours apart") {
  const sura::Atlas& atlas = bundled();
  auto color = [&](const char* id) { return atlas.find(id)->color; };
  CHECK(color("gastrocnemius_medial_head") != color("gastrocnemius_lateral_head"));
  CHECK(color("gastrocnemius_medial_head") != color("soleus"));
  CHECK(color("gastrocnemius_lateral_head") != color("soleus"));
  // Muscles read red, nerves yellow, the vein blue, arteries red.
  for (const char* id : {"gastrocnemius_medial_head", "gastrocnemius_lateral_head", "soleus"}) {
    CAPTURE(id);
    CHECK(color(id).r > color(id).g);
    CHECK(color(id).r > color(id).b);
  }
  CHECK(color("tibial_nerve").r > color("tibial_nerve").b);
  CHECK(color("tibial_nerve").g > color("tibial_nerve").b);
  CHECK(color("small_saphenous_vein").b > color("small_saphenous_vein").r);
  CHECK(color("popliteal_artery").r > color("popliteal_artery").b);
}
