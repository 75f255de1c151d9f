// The optional "trigger_points" section: a complete entry is read field by field, and every
// broken field is one AtlasError naming the manifest and the JSON path.
#include "atlas/atlas.h"
#include "atlas_fixture.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

using nlohmann::json;
using sura::AtlasError;
using sura::test::TempDir;

namespace {

// validManifest() with one trigger point in head_a and two zones: a leg region and an
// off-model one; a second point in head_b with a foot region.
json manifestWithPoints() {
  json m = sura::test::validManifest();
  m["trigger_points"] = json::parse(R"([
    {"id": "a_trp", "muscle": "head_a", "label": "Head A: heel pattern",
     "location": {"t": 0.25, "m": -0.5, "surface": "posterior", "depth_mm": 8},
     "radius_mm": 10, "description": "in the belly",
     "referred_pain": [
       {"kind": "essential",
        "region": {"part": "leg", "t": [0.8, 1.0], "m": [-0.5, 0.5],
                   "surface": ["posterior", "posteromedial"]},
        "keywords": ["heel", "ankle"], "description": "the back of the ankle"},
       {"kind": "spillover", "region": {"part": "off_model", "where": "the low back"},
        "keywords": ["sacroiliac"], "description": "rarely the low back"}],
     "palpation": "prone", "needling": "0.30 x 30 mm",
     "structures_at_risk": ["bone"], "sources": ["S2"]},
    {"id": "b_trp", "muscle": "head_b", "label": "Head B: instep pattern",
     "location": {"t": -0.1, "m": 1, "surface": "lateral", "depth_mm": 3},
     "radius_mm": 5, "description": "near the origin",
     "referred_pain": [
       {"kind": "spillover",
        "region": {"part": "foot", "u": [0.4, 0.7], "v": [-1, 0], "surface": ["dorsal"]},
        "keywords": ["instep"], "description": "the instep"}],
     "sources": ["S1"]}
  ])");
  return m;
}

std::optional<AtlasError> parseError(const json& manifest) {
  TempDir dir;
  sura::test::writeManifest(dir.path(), manifest);
  try {
    sura::parseManifest(dir.path());
  } catch (const AtlasError& e) {
    CHECK(e.file == (dir.path() / "atlas.json").string());
    return e;
  }
  return std::nullopt;
}

void expectPointError(const std::function<void(json&)>& edit, const std::string& field,
                      const std::string& words) {
  json manifest = manifestWithPoints();
  edit(manifest);
  const auto error = parseError(manifest);
  REQUIRE_MESSAGE(error.has_value(), "no error for broken field " << field);
  CHECK(error->field == field);
  CHECK_MESSAGE(error->message.find(words) != std::string::npos,
                "message '" << error->message << "' lacks '" << words << "'");
}

} // namespace

TEST_CASE("trigger points are read completely") {
  TempDir dir;
  sura::test::writeManifest(dir.path(), manifestWithPoints());
  const sura::Atlas atlas = sura::parseManifest(dir.path());
  REQUIRE(atlas.triggerPoints.size() == 2);
  const sura::TriggerPoint& a = atlas.triggerPoints[0];
  CHECK(a.id == "a_trp");
  CHECK(a.muscle == "head_a");
  CHECK(a.label == "Head A: heel pattern");
  CHECK(a.location.t == 0.25);
  CHECK(a.location.m == -0.5);
  CHECK(a.location.surface == "posterior");
  CHECK(a.location.depthMm == 8);
  CHECK(a.radiusMm == 10);
  CHECK(a.description == "in the belly");
  REQUIRE(a.referredPain.size() == 2);
  const sura::ReferredZone& leg = a.referredPain[0];
  CHECK(leg.kind == sura::ZoneKind::Essential);
  CHECK(leg.region.part == sura::SkinRegion::Part::Leg);
  CHECK(leg.region.t == glm::dvec2(0.8, 1.0));
  CHECK(leg.region.m == glm::dvec2(-0.5, 0.5));
  CHECK(leg.region.surfaces == std::vector<std::string>{"posterior", "posteromedial"});
  CHECK(leg.keywords == std::vector<std::string>{"heel", "ankle"});
  CHECK(leg.description == "the back of the ankle");
  const sura::ReferredZone& off = a.referredPain[1];
  CHECK(off.kind == sura::ZoneKind::Spillover);
  CHECK(off.region.part == sura::SkinRegion::Part::OffModel);
  CHECK(off.region.where == "the low back");
  CHECK(a.palpation == "prone");
  CHECK(a.needling == "0.30 x 30 mm");
  CHECK(a.structuresAtRisk == std::vector<std::string>{"bone"});
  CHECK(a.sources == std::vector<std::string>{"S2"});

  const sura::TriggerPoint& b = atlas.triggerPoints[1];
  CHECK(b.location.t == -0.1);
  CHECK(b.location.surface == "lateral");
  const sura::SkinRegion& foot = b.referredPain[0].region;
  CHECK(foot.part == sura::SkinRegion::Part::Foot);
  CHECK(foot.u == glm::dvec2(0.4, 0.7));
  CHECK(foot.v == glm::dvec2(-1, 0));
  CHECK(foot.surfaces == std::vector<std::string>{"dorsal"});
  CHECK(b.palpation.empty());
  CHECK(b.structuresAtRisk.empty());

  CHECK(atlas.findTriggerPoint("b_trp") == &atlas.triggerPoints[1]);
  CHECK(atlas.findTriggerPoint("head_a") == nullptr);
}

TEST_CASE("a point's body part is read, and is the calf when it is not given") {
  sura::test::TempDir dir;
  json manifest = manifestWithPoints();
  manifest["trigger_points"][0]["body_part"] = "outer leg";
  sura::test::writeManifest(dir.path(), manifest);
  const sura::Atlas atlas = sura::parseManifest(dir.path());
  REQUIRE(atlas.triggerPoints.size() >= 2);
  CHECK(atlas.triggerPoints[0].bodyPart == "outer leg");
  CHECK(atlas.triggerPoints[1].bodyPart == "calf");
}

TEST_CASE("the section is optional") {
  json m = sura::test::validManifest();
  CHECK_FALSE(parseError(m).has_value());
  m["trigger_points"] = json::array();
  CHECK_FALSE(parseError(m).has_value());
}

TEST_CASE("every broken trigger point field names its path") {
  const std::string p = "trigger_points[0]";
  expectPointError([](json& m) { m["trigger_points"] = json::object(); }, "trigger_points",
                   "expected an array");
  expectPointError([](json& m) { m["trigger_points"][0] = 3; }, p, "expected an object");
  expectPointError([](json& m) { m["trigger_points"][0]["colour"] = "red"; }, p + ".colour",
                   "unknown key");
  expectPointError([](json& m) { m["trigger_points"][1]["id"] = "a_trp"; }, "trigger_points[1].id",
                   "duplicate trigger point id 'a_trp'");
  expectPointError([](json& m) { m["trigger_points"][0]["id"] = "A-1"; }, p + ".id", "bad id");
  expectPointError([](json& m) { m["trigger_points"][0].erase("id"); }, p + ".id", "missing");
  expectPointError([](json& m) { m["trigger_points"][0].erase("label"); }, p + ".label", "missing");
  // The patient's words for where the point lies.
  expectPointError([](json& m) { m["trigger_points"][0]["body_part"] = "Shin!"; }, p + ".body_part",
                   "lower-case words");
  expectPointError([](json& m) { m["trigger_points"][0]["body_part"] = std::string(40, 'a'); },
                   p + ".body_part", "at most 30 characters");
  expectPointError([](json& m) { m["trigger_points"][0]["body_part"] = 3; }, p + ".body_part",
                   "expected a string");
  // Location.
  expectPointError([](json& m) { m["trigger_points"][0]["location"]["t"] = 1.2; },
                   p + ".location.t", "outside");
  expectPointError([](json& m) { m["trigger_points"][0]["location"]["t"] = -0.5; },
                   p + ".location.t", "outside");
  expectPointError([](json& m) { m["trigger_points"][0]["location"]["m"] = -1.5; },
                   p + ".location.m", "outside -1..1");
  expectPointError([](json& m) { m["trigger_points"][0]["location"]["m"] = "medial"; },
                   p + ".location.m", "expected a number");
  expectPointError([](json& m) { m["trigger_points"][0]["location"]["surface"] = "back"; },
                   p + ".location.surface", "bad surface 'back'");
  expectPointError([](json& m) { m["trigger_points"][0]["location"]["depth_mm"] = 0; },
                   p + ".location.depth_mm", "outside (0, 100]");
  expectPointError([](json& m) { m["trigger_points"][0]["location"].erase("depth_mm"); },
                   p + ".location.depth_mm", "missing");
  expectPointError([](json& m) { m["trigger_points"][0]["location"]["side"] = "left"; },
                   p + ".location.side", "unknown key");
  expectPointError([](json& m) { m["trigger_points"][0]["radius_mm"] = -2; }, p + ".radius_mm",
                   "outside (0, 50]");
  // Zones.
  const std::string z = p + ".referred_pain[0]";
  expectPointError([](json& m) { m["trigger_points"][0]["referred_pain"] = json::array(); },
                   p + ".referred_pain", "non-empty array");
  expectPointError([](json& m) { m["trigger_points"][0]["referred_pain"][0]["kind"] = "primary"; },
                   z + ".kind", "bad kind 'primary'");
  expectPointError(
      [](json& m) { m["trigger_points"][0]["referred_pain"][0]["keywords"] = json::array(); },
      z + ".keywords", "non-empty array");
  expectPointError([](json& m) { m["trigger_points"][0]["referred_pain"][0]["keywords"][1] = ""; },
                   z + ".keywords[1]", "empty");
  expectPointError(
      [](json& m) { m["trigger_points"][0]["referred_pain"][0]["region"]["part"] = "arm"; },
      z + ".region.part", "bad part 'arm'");
  expectPointError(
      [](json& m) {
        m["trigger_points"][0]["referred_pain"][0]["region"]["t"] = json::array({0.9, 0.8});
      },
      z + ".region.t", "backwards");
  expectPointError(
      [](json& m) {
        m["trigger_points"][0]["referred_pain"][0]["region"]["m"] = json::array({-2, 0});
      },
      z + ".region.m", "outside -1..1");
  expectPointError([](json& m) { m["trigger_points"][0]["referred_pain"][0]["region"]["t"] = 0.5; },
                   z + ".region.t", "expected a range");
  expectPointError(
      [](json& m) { m["trigger_points"][0]["referred_pain"][0]["region"]["surface"][1] = "top"; },
      z + ".region.surface[1]", "bad surface 'top'");
  // A leg region takes leg keys only, a foot region foot keys only.
  expectPointError(
      [](json& m) {
        m["trigger_points"][0]["referred_pain"][0]["region"]["u"] = {0, 1};
      },
      z + ".region.u", "unknown key");
  expectPointError(
      [](json& m) {
        m["trigger_points"][1]["referred_pain"][0]["region"]["surface"][0] = "posterolateral";
      },
      "trigger_points[1].referred_pain[0].region.surface[0]", "bad surface 'posterolateral'");
  expectPointError(
      [](json& m) {
        m["trigger_points"][1]["referred_pain"][0]["region"]["u"] = {0.5, 1.5};
      },
      "trigger_points[1].referred_pain[0].region.u", "outside 0..1");
  expectPointError(
      [](json& m) { m["trigger_points"][0]["referred_pain"][1]["region"].erase("where"); },
      p + ".referred_pain[1].region.where", "missing");
  // Cross-references.
  expectPointError([](json& m) { m["trigger_points"][0]["structures_at_risk"][0] = "Aorta!"; },
                   p + ".structures_at_risk[0]", "bad structure id 'Aorta!'");
  expectPointError(
      [](json& m) {
        m["trigger_points"][0]["sources"] = {"S2", "S99"};
      },
      p + ".sources[1]", "unknown source key 'S99'");
  expectPointError([](json& m) { m["trigger_points"][0].erase("sources"); }, p + ".sources",
                   "missing");
}

TEST_CASE("a point whose muscle the atlas lacks is left out and listed, never refused") {
  TempDir dir;
  json m = manifestWithPoints();
  m["trigger_points"][0]["muscle"] = "biceps"; // not in this atlas
  m["trigger_points"][1]["muscle"] = "calf";   // a grouping node: no mesh
  m["trigger_points"][1]["structures_at_risk"] = {"bone", "sural_nerve"};
  sura::test::writeManifest(dir.path(), m);
  const sura::Atlas atlas = sura::parseManifest(dir.path());
  CHECK(atlas.triggerPoints.empty());
  REQUIRE(atlas.skipped.size() == 2); // a left-out point's at-risk list is not listed as well
  const std::string file = (dir.path() / "atlas.json").string();
  CHECK(atlas.skipped[0].file == file);
  CHECK(atlas.skipped[0].field == "trigger_points[0].muscle");
  CHECK(atlas.skipped[0].message == "a_trp: muscle 'biceps' is not in this atlas: point left out");
  CHECK(atlas.skipped[1].field == "trigger_points[1].muscle");
  CHECK(atlas.skipped[1].message.find("b_trp: structure 'calf' has no mesh") == 0);
  CHECK(atlas.skipped[1].line() ==
        file + ": trigger_points[1].muscle: " + atlas.skipped[1].message);

  // The rest of a left-out point is still checked: a mistake in it is found on any atlas.
  expectPointError(
      [](json& j) {
        j["trigger_points"][0]["muscle"] = "biceps";
        j["trigger_points"][0]["radius_mm"] = 0;
      },
      "trigger_points[0].radius_mm", "outside (0, 50]");
}

TEST_CASE("a structure at risk the atlas lacks keeps the point, named and listed") {
  TempDir dir;
  json m = manifestWithPoints();
  m["trigger_points"][0]["structures_at_risk"] = {"bone", "sural_nerve"};
  sura::test::writeManifest(dir.path(), m);
  const sura::Atlas atlas = sura::parseManifest(dir.path());
  REQUIRE(atlas.triggerPoints.size() == 2);
  CHECK(atlas.triggerPoints[0].structuresAtRisk == std::vector<std::string>{"bone", "sural_nerve"});
  CHECK(atlas.triggerPoints[0].index == 0);
  CHECK(atlas.triggerPoints[1].index == 1);
  REQUIRE(atlas.skipped.size() == 1);
  CHECK(atlas.skipped[0].field == "trigger_points[0].structures_at_risk[1]");
  CHECK(atlas.skipped[0].message.find("a_trp: structure at risk 'sural_nerve' is not in this "
                                      "atlas") == 0);
}
