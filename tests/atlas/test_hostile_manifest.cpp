// Hostile manifests (issue 14): limits, linear-time checks, NUL bytes, and values echoed
// shortened and escaped on one line.
#include "atlas/atlas.h"
#include "atlas_fixture.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <string>

using nlohmann::json;
using sura::AtlasError;
using sura::test::TempDir;

namespace {

AtlasError refusal(const TempDir& dir) {
  try {
    (void)sura::parseManifest(dir.path());
  } catch (const AtlasError& e) {
    CHECK(e.file == (dir.path() / "atlas.json").string());
    const std::string what = e.what();
    for (const char c : what) {
      CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
    return e;
  }
  FAIL("the manifest was accepted");
  return AtlasError("", "", "");
}

AtlasError refusal(const json& manifest) {
  TempDir dir;
  sura::test::writeManifest(dir.path(), manifest);
  return refusal(dir);
}

json structure(const std::string& id, const std::string& parent = "") {
  json s = {{"id", id}, {"name", "S"}, {"group", "bones"}, {"layer", 0}, {"color", "#ffffff"}};
  if (!parent.empty()) {
    s["parent"] = parent;
  }
  return s;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("counts beyond the limits are refused, naming the section") {
  json many = sura::test::validManifest();
  for (std::size_t i = 0; i <= sura::kMaxStructures; ++i) {
    many["structures"].push_back(structure("extra" + std::to_string(i)));
  }
  const AtlasError e = refusal(many);
  CHECK(e.field == "structures");
  CHECK(e.message.find("limit of " + std::to_string(sura::kMaxStructures)) != std::string::npos);

  json points = sura::test::validManifest();
  points["trigger_points"] = json::array();
  for (std::size_t i = 0; i <= sura::kMaxTriggerPoints; ++i) {
    points["trigger_points"].push_back(json::object());
  }
  CHECK(refusal(points).field == "trigger_points");
}

TEST_CASE("a long parent chain is checked in linear time; a long cycle is named briefly") {
  json chain = sura::test::validManifest();
  chain["structures"] = json::array({structure("s0")});
  for (std::size_t i = 1; i < sura::kMaxStructures; ++i) {
    chain["structures"].push_back(structure("s" + std::to_string(i), "s" + std::to_string(i - 1)));
  }
  TempDir dir;
  sura::test::writeManifest(dir.path(), chain);
  const auto start = std::chrono::steady_clock::now();
  CHECK(sura::parseManifest(dir.path()).structures.size() == sura::kMaxStructures);
  CHECK(secondsSince(start) < 2.0);

  chain["structures"][0]["parent"] = "s" + std::to_string(sura::kMaxStructures - 1);
  const AtlasError cycle = refusal(chain);
  CHECK(cycle.field == "structures[0].parent");
  CHECK(cycle.message.find("parent cycle: s0 -> s999 -> s998") != std::string::npos);
  CHECK(cycle.message.find("(1000 structures)") != std::string::npos);
  CHECK(cycle.message.size() < 200);
}

TEST_CASE("many trigger points are validated quickly") {
  json m = sura::test::validManifest();
  const json point = json::parse(R"(
    {"id": "p", "muscle": "head_a", "label": "Head A: heel pattern",
     "location": {"t": 0.25, "m": -0.5, "surface": "posterior", "depth_mm": 8},
     "radius_mm": 10, "description": "in the belly",
     "referred_pain": [{"kind": "essential",
        "region": {"part": "leg", "t": [0.8, 1.0], "m": [-0.5, 0.5], "surface": ["posterior"]},
        "keywords": ["heel"], "description": "the heel"}],
     "structures_at_risk": ["bone"], "sources": ["S2"]})");
  m["trigger_points"] = json::array();
  for (std::size_t i = 0; i < sura::kMaxTriggerPoints; ++i) {
    json p = point;
    p["id"] = "p" + std::to_string(i);
    m["trigger_points"].push_back(p);
  }
  TempDir dir;
  sura::test::writeManifest(dir.path(), m);
  const auto start = std::chrono::steady_clock::now();
  CHECK(sura::parseManifest(dir.path()).triggerPoints.size() == sura::kMaxTriggerPoints);
  CHECK(secondsSince(start) < 2.0);
}

TEST_CASE("a NUL byte in the manifest, or in a mesh path, is an error") {
  TempDir dir;
  std::string text = sura::test::validManifest().dump(2);
  text.insert(text.find("\"structures\""), std::string(1, '\0'));
  sura::test::writeText(dir.path() / "atlas.json", text);
  const AtlasError nul = refusal(dir);
  CHECK(nul.message.find("NUL byte at line") != std::string::npos);

  json path = sura::test::validManifest();
  path["structures"][3]["mesh"] = std::string("bone.obj") + '\0' + "../../etc/passwd";
  const AtlasError e = refusal(path);
  CHECK(e.field == "structures[3].mesh");
  CHECK(e.message.find("NUL") != std::string::npos);
  json control = sura::test::validManifest();
  control["structures"][3]["mesh"] = "bone\n.obj";
  CHECK(refusal(control).field == "structures[3].mesh");
}

TEST_CASE("values from the manifest are shortened and escaped in messages") {
  json m = sura::test::validManifest();
  m["structures"][3]["group"] = "\x1b[31mred\nline" + std::string(100000, 'x');
  const AtlasError e = refusal(m);
  CHECK(e.field == "structures[3].group");
  const std::string what = e.what();
  CHECK(what.size() < 400);
  CHECK(what.find("\\x1b[31mred\\nline") != std::string::npos);
  CHECK(what.find("...") != std::string::npos);

  json key = sura::test::validManifest();
  key["frame"]["\nbad" + std::string(5000, 'k')] = 1;
  const AtlasError k = refusal(key);
  CHECK(k.field.size() < 100);

  CHECK(sura::printable("a\tb\x7f") == "a\\tb\\x7f");
  CHECK(sura::printable(std::string(61, 'x')) == std::string(60, 'x') + "...");
  // UTF-8 is kept whole: 60 characters, not 60 bytes.
  std::string accents;
  for (int i = 0; i < 70; ++i) {
    accents += "\xc3\xa9";
  }
  std::string sixty;
  for (int i = 0; i < 60; ++i) {
    sixty += "\xc3\xa9";
  }
  CHECK(sura::printable(accents) == sixty + "...");
}

TEST_CASE("manifest text read already is checked as the file would be (the fuzz entry point)") {
  TempDir dir;
  const std::string text = sura::test::validManifest().dump(1);
  sura::test::writeText(dir / "atlas.json", text);
  const sura::Atlas fromFile = sura::parseManifest(dir.path());
  const sura::Atlas fromText = sura::parseManifestText(text, dir.path());
  CHECK(fromText.manifest == fromFile.manifest);
  CHECK(fromText.structures.size() == fromFile.structures.size());
  CHECK(fromText.sources == fromFile.sources);

  for (const std::string& bad : {std::string("{\"format\": \"sura-atlas\", \"version\": 1e999}"),
                                 std::string("{\"a\":\0}", 7), std::string(), text + "]"}) {
    try {
      (void)sura::parseManifestText(bad, dir.path());
      FAIL("accepted: " << sura::printable(bad));
    } catch (const AtlasError& e) {
      CHECK(e.file == (dir.path() / "atlas.json").string());
    }
  }
}
