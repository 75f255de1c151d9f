// An atlas checked against its meshes: tests/data/muscle-atlas (the bundled calf muscles as a
// left leg in cm, LPS, another origin, no skin, no bones, no malleoli) loads with its missing
// landmarks derived or said missing and a generated envelope; each implausible frame of it is
// one warning naming the manifest and the field, never an error.
#include "meshio/atlas_checks.h"
#include "meshio/load_atlas.h"

#include "atlas/atlas_fixture.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sura;
using sura::test::TempDir;

namespace {

const fs::path kMuscleAtlas = fs::path(SURA_SOURCE_DIR) / "tests" / "data" / "muscle-atlas";

// The muscle atlas copied to `dir` with one edit to its manifest, loaded.
LoadedAtlas loadEdited(const TempDir& dir, const std::function<void(json&)>& edit) {
  for (const auto& entry : fs::directory_iterator(kMuscleAtlas)) {
    fs::copy_file(entry.path(), dir / entry.path().filename().string(),
                  fs::copy_options::overwrite_existing);
  }
  std::ifstream in(kMuscleAtlas / "atlas.json");
  json m = json::parse(in);
  edit(m);
  sura::test::writeManifest(dir.path(), m);
  return loadAtlas(dir.path());
}

// The warnings on `field`; each is one line naming the manifest.
std::vector<AtlasWarning> warningsOn(const LoadedAtlas& loaded, const std::string& field) {
  std::vector<AtlasWarning> out;
  for (const AtlasWarning& w : loaded.atlas.warnings) {
    CHECK(w.file == loaded.atlas.manifest.string());
    CHECK(w.line().find('\n') == std::string::npos);
    if (w.field == field) {
      out.push_back(w);
    }
  }
  return out;
}

bool mentions(const std::vector<AtlasWarning>& list, const std::string& words) {
  for (const AtlasWarning& w : list) {
    if (w.message.find(words) != std::string::npos) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("the muscle-only atlas loads: a left leg, in mm, no warnings, an envelope") {
  const LoadedAtlas loaded = loadAtlas(kMuscleAtlas / "atlas.json");
  const Atlas& atlas = loaded.atlas;
  CHECK(atlas.dir == kMuscleAtlas);
  CHECK(atlas.frame.side == "left");
  for (const AtlasWarning& w : atlas.warnings) {
    FAIL_CHECK(w.line());
  }
  // The same muscles as the bundled right leg, mirrored: in the Sura frame, mm.
  const LoadedAtlas bundled = loadAtlas(bundledAtlasDir());
  for (const char* id : {"gastrocnemius_medial_head", "gastrocnemius_lateral_head", "soleus"}) {
    CAPTURE(id);
    const Aabb mine = bounds(loaded.meshes.at(id));
    const Aabb theirs = bounds(bundled.meshes.at(id));
    CHECK(mine.lo.x == doctest::Approx(-theirs.hi.x).epsilon(1e-4));
    CHECK(mine.lo.z == doctest::Approx(theirs.lo.z).epsilon(1e-4));
    CHECK(mine.hi.y == doctest::Approx(theirs.hi.y).epsilon(1e-4));
  }
  // Landmarks: leg length given; no malleoli, nothing to derive them from.
  CHECK(atlas.landmarks.from.at("leg_length") == "manifest");
  CHECK(atlas.landmarks.legLength == 390.0);
  CHECK_FALSE(atlas.landmarks.has("medial_malleolus"));
  CHECK_FALSE(atlas.landmarks.has("calcaneal_tuberosity"));
  // No skin: a generated envelope, said as such and not in the skin group.
  const Structure* envelope = atlas.find(kEnvelopeId);
  REQUIRE(envelope != nullptr);
  CHECK(envelope->generated);
  CHECK(envelope->group == kEnvelopeGroup);
  CHECK(envelope->name.find("not skin") != std::string::npos);
  CHECK(loaded.meshes.count(kEnvelopeId) == 1);
  CHECK(loaded.meshFiles.count(kEnvelopeId) == 0);
  // The bundled atlas has a skin: no envelope there.
  CHECK(bundled.atlas.find(kEnvelopeId) == nullptr);
}

TEST_CASE("landmarks come from the bundled bones when the manifest leaves them out") {
  // The bundled atlas without its landmarks section.
  TempDir dir;
  for (const auto& entry : fs::directory_iterator(bundledAtlasDir())) {
    fs::copy_file(entry.path(), dir / entry.path().filename().string());
  }
  json m = json::parse(std::ifstream(dir / "atlas.json"));
  const json given = m["landmarks"];
  m.erase("landmarks");
  sura::test::writeManifest(dir.path(), m);
  const LoadedAtlas loaded = loadAtlas(dir.path());
  const Landmarks& lm = loaded.atlas.landmarks;
  CHECK(lm.from.at("medial_malleolus") == "lowest point of 'tibia'");
  CHECK(lm.from.at("lateral_malleolus") == "lowest point of 'fibula'");
  CHECK(lm.from.at("fibular_head") == "highest point of 'fibula'");
  CHECK(lm.from.at("calcaneal_tuberosity") == "most posterior point of 'calcaneus'");
  CHECK_FALSE(lm.has("medial_femoral_condyle"));
  CHECK(lm.from.at("leg_length").find("knee joint line to the medial malleolus") == 0);
  // Near the hand-written ones (the tips of the bones' meshes, a few mm apart).
  CHECK(std::abs(lm.medialMalleolus.z - given["medial_malleolus"][2].get<double>()) < 15);
  CHECK(std::abs(lm.lateralMalleolus.z - given["lateral_malleolus"][2].get<double>()) < 15);
  CHECK(std::abs(lm.legLength - given["leg_length"].get<double>()) < 15);
  for (const AtlasWarning& w : loaded.atlas.warnings) {
    FAIL_CHECK(w.line());
  }
}

TEST_CASE("an implausible frame is one warning naming the field, never an error") {
  TempDir dir;
  SUBCASE("an origin below the leg: every muscle above the knee joint line") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) {
      m["frame"]["origin"] = {12.5, -3.0, 40.0};
    });
    const auto w = warningsOn(l, "frame.origin");
    REQUIRE(w.size() == 1);
    CHECK(mentions(w, "every muscle lies above the knee joint line"));
  }
  SUBCASE("an origin above the leg") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) {
      m["frame"]["origin"] = {12.5, -3.0, 150.0};
    });
    CHECK(mentions(warningsOn(l, "frame.origin"), "more than half a leg length below"));
  }
  SUBCASE("an origin off to the side") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) {
      m["frame"]["origin"] = {40.0, -3.0, 87.0};
    });
    CHECK(mentions(warningsOn(l, "frame.origin"), "from the leg's axis"));
  }
  SUBCASE("metres for centimetres: a calf of many metres") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) { m["frame"]["units"] = "m"; });
    const auto w = warningsOn(l, "frame.units");
    REQUIRE(w.size() == 1);
    CHECK(mentions(w, "implausible for a human lower leg"));
    CHECK(mentions(w, "with \"cm\" they would span"));
  }
  SUBCASE("millimetres for centimetres: a calf of a few centimetres") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) {
      m["frame"]["units"] = "mm";
      m["frame"]["origin"] = {12.5, -3.0, 87.0};
    });
    CHECK(mentions(warningsOn(l, "frame.units"), "with \"cm\" they would span"));
    // Its stated leg length is now far longer than the meshes reach below the knee.
    CHECK(mentions(warningsOn(l, "landmarks.leg_length"), "times the meshes' extent"));
  }
  SUBCASE("a leg length of two metres") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) { m["landmarks"]["leg_length"] = 2000; });
    const auto w = warningsOn(l, "landmarks.leg_length");
    CHECK(mentions(w, "implausible for a human leg"));
    CHECK(mentions(w, "times the meshes' extent below the knee joint line"));
  }
  SUBCASE("a leg length given in cm (landmarks are in mm)") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) { m["landmarks"]["leg_length"] = 39; });
    CHECK(mentions(warningsOn(l, "landmarks.leg_length"), "implausible"));
  }
  SUBCASE("the malleoli on the wrong sides of a left leg") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) {
      // On a left leg lateral is -x: the lateral malleolus at +x is the medial one.
      m["landmarks"]["medial_malleolus"] = {-28, 8, -390};
      m["landmarks"]["lateral_malleolus"] = {29, -7, -405};
    });
    const auto w = warningsOn(l, "landmarks.medial_malleolus");
    REQUIRE(w.size() == 1);
    CHECK(mentions(w, "is not medial of the lateral malleolus"));
    CHECK(mentions(w, "on a left leg"));
    // The same points on the right sides: no warning.
    TempDir other;
    const LoadedAtlas right = loadEdited(other, [](json& m) {
      m["landmarks"]["medial_malleolus"] = {28, 8, -390};
      m["landmarks"]["lateral_malleolus"] = {-29, -7, -405};
    });
    CHECK(warningsOn(right, "landmarks.medial_malleolus").empty());
  }
  SUBCASE("a leg length far from the medial malleolus") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) {
      m["landmarks"]["medial_malleolus"] = {28, 8, -300};
      m["landmarks"]["lateral_malleolus"] = {-29, -7, -315};
    });
    CHECK(mentions(warningsOn(l, "landmarks.leg_length"), "the medial malleolus is 300 mm"));
  }
  SUBCASE("no leg length: the meshes' extent, said to be rough") {
    const LoadedAtlas l = loadEdited(dir, [](json& m) { m.erase("landmarks"); });
    const Landmarks& lm = l.atlas.landmarks;
    CHECK(lm.from.at("leg_length") == "the meshes' extent below the knee joint line");
    Aabb all;
    for (const auto& [id, mesh] : l.meshes) {
      if (id != kEnvelopeId) {
        for (const glm::dvec3& p : mesh.points) {
          all.add(p);
        }
      }
    }
    CHECK(lm.legLength == doctest::Approx(-all.lo.z));
    CHECK(mentions(warningsOn(l, "landmarks.leg_length"), "not given"));
  }
}
