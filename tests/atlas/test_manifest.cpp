#include "atlas/atlas.h"
#include "atlas_fixture.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>
#include <glm/matrix.hpp>

#include <filesystem>
#include <functional>
#include <optional>

namespace fs = std::filesystem;
using nlohmann::json;
using sura::AtlasError;
using sura::test::TempDir;

namespace {

std::optional<AtlasError> parseError(const fs::path& dir) {
  try {
    sura::parseManifest(dir);
  } catch (const AtlasError& e) {
    return e;
  }
  return std::nullopt;
}

// Breaks a valid manifest with `edit`, then expects exactly one AtlasError on `field`
// whose message mentions `words`.
void expectError(const std::function<void(json&)>& edit, const std::string& field,
                 const std::string& words) {
  TempDir dir;
  json manifest = sura::test::validManifest();
  edit(manifest);
  sura::test::writeManifest(dir.path(), manifest);
  const auto error = parseError(dir.path());
  REQUIRE_MESSAGE(error.has_value(), "no error for broken field " << field);
  const std::string file = (dir.path() / "atlas.json").string();
  CHECK(error->file == file);
  CHECK(error->field == field);
  CHECK_MESSAGE(error->message.find(words) != std::string::npos,
                "message '" << error->message << "' lacks '" << words << "'");
  CHECK(std::string(error->what()) == file + ": " + field + ": " + error->message);
}

} // namespace

TEST_CASE("every landmark is optional; those given say so, leg length follows the malleolus") {
  TempDir dir;
  json m = sura::test::validManifest();
  m.erase("landmarks");
  sura::test::writeManifest(dir.path(), m);
  sura::Atlas atlas = sura::parseManifest(dir.path());
  // The frame's origin is the knee joint line by definition; nothing else is known yet.
  CHECK(atlas.landmarks.kneeJointLineZ == 0.0);
  CHECK(atlas.landmarks.has("knee_joint_line_z"));
  CHECK(atlas.landmarks.from.at("knee_joint_line_z").find("frame's origin") != std::string::npos);
  for (const char* key :
       {"leg_length", "medial_malleolus", "lateral_malleolus", "fibular_head",
        "medial_femoral_condyle", "lateral_femoral_condyle", "calcaneal_tuberosity"}) {
    CAPTURE(key);
    CHECK_FALSE(atlas.landmarks.has(key));
  }

  m["landmarks"] = {{"knee_joint_line_z", 10}, {"medial_malleolus", {-30, 8, -370}}};
  sura::test::writeManifest(dir.path(), m);
  atlas = sura::parseManifest(dir.path());
  CHECK(atlas.landmarks.from.at("knee_joint_line_z") == "manifest");
  CHECK(atlas.landmarks.from.at("medial_malleolus") == "manifest");
  CHECK(atlas.landmarks.legLength == 380.0);
  CHECK(atlas.landmarks.from.at("leg_length") == "knee joint line to the medial malleolus");
  CHECK_FALSE(atlas.landmarks.has("lateral_malleolus"));
}

TEST_CASE("every landmark says what uses it") {
  REQUIRE(sura::landmarkKeys().size() == 8);
  CHECK(sura::landmarkUses("leg_length").find("trigger points") != std::string::npos);
  CHECK(sura::landmarkUses("medial_malleolus").find("foot regions") != std::string::npos);
  CHECK(sura::landmarkUses("calcaneal_tuberosity") == "nothing yet (kept for reference)");
}

TEST_CASE("an atlas is named by its folder or by its atlas.json") {
  TempDir dir;
  sura::test::writeManifest(dir.path(), sura::test::validManifest());
  CHECK(sura::atlasFolderOf(dir.path()) == dir.path());
  CHECK(sura::atlasFolderOf(dir.path() / "atlas.json") == dir.path());
  CHECK(sura::atlasFolderOf("atlas.json") == ".");
  const sura::Atlas byManifest = sura::parseManifest(dir.path() / "atlas.json");
  CHECK(byManifest.dir == dir.path());
  CHECK(byManifest.manifest == dir.path() / "atlas.json");
  CHECK(byManifest.name == "test atlas");
  // Another file is not taken for a manifest: it is named as the folder it is not.
  sura::test::writeText(dir / "other.json", "{}");
  try {
    (void)sura::parseManifest(dir.path() / "other.json");
    FAIL("accepted");
  } catch (const AtlasError& e) {
    CHECK(e.file == (dir.path() / "other.json").string());
    CHECK(e.message.find("not a folder") != std::string::npos);
  }
}

TEST_CASE("a valid manifest is read completely") {
  TempDir dir;
  sura::test::writeManifest(dir.path(), sura::test::validManifest());
  const sura::Atlas atlas = sura::parseManifest(dir.path());

  CHECK(atlas.dir == dir.path());
  CHECK(atlas.manifest == dir.path() / "atlas.json");
  CHECK(atlas.name == "test atlas");
  CHECK(atlas.version == 1);
  CHECK(atlas.frame.axes == "RAS");
  CHECK(atlas.frame.unitScale == 1.0);
  CHECK(atlas.frame.side == "right");
  CHECK(atlas.landmarks.legLength == 390.0);
  CHECK(atlas.landmarks.medialMalleolus == glm::dvec3(-30, 8, -390));
  CHECK(atlas.landmarks.calcanealTuberosity == glm::dvec3(2, -60, -425));
  REQUIRE(atlas.groups.size() == 2);
  CHECK(atlas.groups[1].id == "bones");
  CHECK(atlas.groups[1].order == 3);
  REQUIRE(atlas.structures.size() == 4);
  CHECK(atlas.sources.at("S2") == "second source");

  const sura::Structure* calf = atlas.find("calf");
  REQUIRE(calf != nullptr);
  CHECK(calf->mesh.empty());
  CHECK(calf->opacity == 1.0f); // default
  CHECK(calf->color.r == doctest::Approx(200.0 / 255.0));
  CHECK(calf->color.g == doctest::Approx(60.0 / 255.0));

  const sura::Structure* a = atlas.find("head_a");
  REQUIRE(a != nullptr);
  CHECK(a->latin == "caput a");
  CHECK(a->parent == "calf");
  CHECK(a->layer == 2);
  CHECK(a->opacity == 0.25f);
  CHECK(a->color == glm::vec3(1.0f, 128.0f / 255.0f, 0.0f)); // upper-case hex accepted
  CHECK(a->mesh == "a.obj");
  CHECK(a->info.origin == "femur");
  CHECK(a->info.bloodSupply == "sural arteries");
  CHECK(a->info.notes == "n");
  CHECK(a->info.sources == std::vector<std::string>{"S1", "S2"});
  CHECK(atlas.find("bone")->info.notes == "short");
  CHECK(atlas.find("nothing") == nullptr);
}

TEST_CASE("frame units and origin are read") {
  TempDir dir;
  json m = sura::test::validManifest();
  m["frame"] = {{"axes", "LPS"}, {"units", "cm"}, {"origin", {1.5, 2, -3}}, {"side", "left"}};
  sura::test::writeManifest(dir.path(), m);
  const auto atlas = sura::parseManifest(dir.path());
  CHECK(atlas.frame.axes == "LPS");
  CHECK(atlas.frame.unitScale == 10.0);
  CHECK(atlas.frame.origin == glm::dvec3(1.5, 2, -3));
  CHECK(atlas.frame.side == "left");
  m["frame"]["units"] = "m";
  sura::test::writeManifest(dir.path(), m);
  CHECK(sura::parseManifest(dir.path()).frame.unitScale == 1000.0);
}

TEST_CASE("malformed JSON says where") {
  TempDir dir;
  sura::test::writeText(dir / "atlas.json", "{\n  \"format\": \"sura-atlas\",\n  \"version\" 1\n}");
  const auto e = parseError(dir.path());
  REQUIRE(e);
  CHECK(e->file == (dir / "atlas.json").string());
  CHECK(e->field.empty());
  CHECK(e->message.find("malformed JSON") != std::string::npos);
  CHECK(e->message.find("line 3") != std::string::npos);
  CHECK(e->message.find("column") != std::string::npos);
  CHECK(std::string(e->what()) == e->file + ": " + e->message);

  sura::test::writeText(dir / "atlas.json", "");
  CHECK(parseError(dir.path())->message.find("malformed JSON") != std::string::npos);
  sura::test::writeText(dir / "atlas.json", "[1, 2]");
  CHECK(parseError(dir.path())->message.find("expected an object") != std::string::npos);
}

TEST_CASE("format and version") {
  expectError([](json& m) { m["format"] = "obj-atlas"; }, "format", "sura-atlas");
  expectError([](json& m) { m.erase("format"); }, "format", "missing");
  expectError([](json& m) { m["version"] = 2; }, "version", "unsupported version 2");
  expectError([](json& m) { m["version"] = 0; }, "version", "unsupported version 0");
  expectError([](json& m) { m["version"] = "1"; }, "version", "expected an integer");
  expectError([](json& m) { m["version"] = 1.5; }, "version", "expected an integer");
  expectError([](json& m) { m.erase("version"); }, "version", "missing");
  // A future version is refused before its (possibly different) fields are judged.
  expectError(
      [](json& m) {
        m["version"] = 7;
        m.erase("structures");
      },
      "version", "unsupported");
  expectError([](json& m) { m.erase("name"); }, "name", "missing");
  expectError([](json& m) { m["name"] = ""; }, "name", "empty");
}

TEST_CASE("missing fields and wrong types name the JSON path") {
  expectError([](json& m) { m["structures"][1].erase("name"); }, "structures[1].name", "missing");
  expectError([](json& m) { m["structures"][3]["opacity"] = "high"; }, "structures[3].opacity",
              "expected a number, found a string");
  expectError([](json& m) { m["structures"][2]["layer"] = 2.5; }, "structures[2].layer",
              "expected an integer");
  expectError([](json& m) { m["structures"][2]["layer"] = -1; }, "structures[2].layer", "0");
  expectError([](json& m) { m["structures"][0].erase("layer"); }, "structures[0].layer", "missing");
  expectError([](json& m) { m["structures"][0].erase("color"); }, "structures[0].color", "missing");
  expectError([](json& m) { m["structures"][1]["latin"] = 3; }, "structures[1].latin",
              "expected a string");
  expectError([](json& m) { m["structures"][1]["info"]["action"] = true; },
              "structures[1].info.action", "found a boolean");
  expectError([](json& m) { m["structures"][1]["info"] = "text"; }, "structures[1].info",
              "expected an object");
  expectError([](json& m) { m["structures"][1]["info"]["sources"] = "S1"; },
              "structures[1].info.sources", "expected an array");
  expectError([](json& m) { m["structures"][1]["opactiy"] = 0.5; }, "structures[1].opactiy",
              "unknown key");
  expectError([](json& m) { m["structures"][2] = 5; }, "structures[2]", "expected an object");
  expectError([](json& m) { m["structures"] = json::array(); }, "structures", "empty");
  expectError([](json& m) { m.erase("structures"); }, "structures", "missing");
  expectError([](json& m) { m["groups"] = json::object(); }, "groups", "array");
  expectError([](json& m) { m["groups"][0].erase("order"); }, "groups[0].order", "missing");
  expectError([](json& m) { m["groups"][1]["id"] = "muscles"; }, "groups[1].id", "duplicate");
  expectError([](json& m) { m["landmarks"] = json::array(); }, "landmarks", "expected an object");
  expectError(
      [](json& m) {
        m["landmarks"]["fibular_head"] = {1, 2};
      },
      "landmarks.fibular_head", "3 numbers");
  expectError([](json& m) { m["landmarks"]["fibular_head"][2] = "x"; }, "landmarks.fibular_head[2]",
              "expected a number");
  expectError([](json& m) { m["landmarks"]["leg_length"] = -390; }, "landmarks.leg_length",
              "positive");
  expectError([](json& m) { m["landmarks"]["tibial_plateau"] = 3; }, "landmarks.tibial_plateau",
              "unknown key");
  expectError([](json& m) { m["sources"]["S3"] = 4; }, "sources.S3", "expected a string");
}

TEST_CASE("non-finite numbers are refused") {
  TempDir dir;
  // JSON has no NaN or infinity literals, but an overflowing literal reads as infinity.
  std::string text = sura::test::validManifest().dump();
  const std::string from = "\"leg_length\":390";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "\"leg_length\":1e999");
  sura::test::writeText(dir / "atlas.json", text);
  const auto e = parseError(dir.path());
  REQUIRE(e);
  CHECK(e->field.empty());
  CHECK(e->message.find("malformed JSON") != std::string::npos);
  CHECK(e->message.find("line 1, column") != std::string::npos);
  CHECK(e->message.find("1e999") != std::string::npos);
}

TEST_CASE("ids, groups and parents") {
  expectError([](json& m) { m["structures"][2].erase("id"); }, "structures[2].id", "missing");
  expectError([](json& m) { m["structures"][2]["id"] = ""; }, "structures[2].id", "empty");
  expectError([](json& m) { m["structures"][2]["id"] = "Head B"; }, "structures[2].id", "bad id");
  expectError([](json& m) { m["structures"][2]["id"] = "head_a"; }, "structures[2].id",
              "duplicate structure id 'head_a'");
  expectError([](json& m) { m["structures"][3]["group"] = "organs"; }, "structures[3].group",
              "unknown group 'organs'");
  expectError([](json& m) { m["structures"][3]["parent"] = "femur"; }, "structures[3].parent",
              "unknown parent 'femur'");
  expectError([](json& m) { m["structures"][0]["parent"] = "calf"; }, "structures[0].parent",
              "parent cycle: calf -> calf");
  expectError([](json& m) { m["structures"][0]["parent"] = "head_a"; }, "structures[0].parent",
              "parent cycle: calf -> head_a -> calf");
  // A three-step cycle; the structure outside it (head_b) hangs off it and is not blamed.
  expectError(
      [](json& m) {
        m["structures"][3]["parent"] = "head_a";
        m["structures"][3]["group"] = "muscles";
        m["structures"][0]["parent"] = "bone";
      },
      "structures[0].parent", "calf -> bone -> head_a -> calf");
}

TEST_CASE("colours and opacity") {
  for (const char* bad : {"red", "#12345", "#1234567", "#gg0000", "123456", "#12 456", ""}) {
    CAPTURE(bad);
    expectError([&](json& m) { m["structures"][1]["color"] = bad; }, "structures[1].color",
                std::string(bad).empty() ? "empty" : "bad colour");
  }
  expectError([](json& m) { m["structures"][1]["color"] = 0xff0000; }, "structures[1].color",
              "expected a string");
  expectError([](json& m) { m["structures"][1]["opacity"] = 1.5; }, "structures[1].opacity",
              "outside 0..1");
  expectError([](json& m) { m["structures"][1]["opacity"] = -0.1; }, "structures[1].opacity",
              "outside 0..1");
  TempDir dir;
  json m = sura::test::validManifest();
  m["structures"][1]["opacity"] = 0;
  sura::test::writeManifest(dir.path(), m);
  CHECK(sura::parseManifest(dir.path()).structures[1].opacity == 0.0f);
}

TEST_CASE("source keys must exist") {
  expectError(
      [](json& m) {
        m["structures"][1]["info"]["sources"] = {"S1", "S9"};
      },
      "structures[1].info.sources[1]", "unknown source key 'S9'");
  expectError([](json& m) { m["structures"][1]["info"]["sources"] = {7}; },
              "structures[1].info.sources[0]", "expected a string");
  expectError([](json& m) { m.erase("sources"); }, "sources", "missing");
}

TEST_CASE("frame fields") {
  for (const char* axes : {"RAR", "XYZ", "ras", "RA", "RASS", "RRA", "SSS", ""}) {
    CAPTURE(axes);
    expectError([&](json& m) { m["frame"]["axes"] = axes; }, "frame.axes",
                std::string(axes).empty() ? "empty" : "bad axes");
  }
  expectError([](json& m) { m["frame"]["units"] = "inch"; }, "frame.units", "bad units");
  expectError([](json& m) { m["frame"]["side"] = "up"; }, "frame.side", "bad side");
  expectError([](json& m) { m["frame"]["origin"] = {0, 0}; }, "frame.origin", "3 numbers");
  expectError([](json& m) { m["frame"].erase("axes"); }, "frame.axes", "missing");
  expectError([](json& m) { m["frame"]["scale"] = 2; }, "frame.scale", "unknown key");
  expectError([](json& m) { m["frame"] = "RAS"; }, "frame", "expected an object");
}

TEST_CASE("mesh paths may not leave the atlas folder") {
  expectError([](json& m) { m["structures"][1]["mesh"] = "/etc/passwd"; }, "structures[1].mesh",
              "relative");
  expectError([](json& m) { m["structures"][1]["mesh"] = "../a.obj"; }, "structures[1].mesh", "..");
  expectError([](json& m) { m["structures"][1]["mesh"] = "sub/../../a.obj"; }, "structures[1].mesh",
              "..");
  expectError([](json& m) { m["structures"][1]["mesh"] = ""; }, "structures[1].mesh", "empty");
}

TEST_CASE("resolveMeshPath checks the file on disk without opening it") {
  TempDir outside;
  TempDir dir;
  sura::test::writeManifest(dir.path(), sura::test::validManifest());
  sura::test::writeText(dir / "a.obj", "v 0 0 0\n");
  sura::test::writeText(outside / "secret.obj", "v 0 0 0\n");
  const auto atlas = sura::parseManifest(dir.path());
  const std::string manifest = (dir / "atlas.json").string();

  CHECK(sura::resolveMeshPath(atlas, 1) == fs::canonical(dir / "a.obj"));

  auto errorOf = [&](std::size_t i) -> std::optional<AtlasError> {
    try {
      sura::resolveMeshPath(atlas, i);
    } catch (const AtlasError& e) {
      return e;
    }
    return std::nullopt;
  };
  // Missing file.
  auto e = errorOf(2);
  REQUIRE(e);
  CHECK(e->file == manifest);
  CHECK(e->field == "structures[2].mesh");
  CHECK(e->message.find("not found") != std::string::npos);
  // A symlink leading outside the folder.
  fs::create_directories(dir / "sub");
  fs::create_symlink(outside / "secret.obj", dir / "sub" / "b.obj");
  e = errorOf(2);
  REQUIRE(e);
  CHECK(e->field == "structures[2].mesh");
  CHECK(e->message.find("outside the atlas folder") != std::string::npos);
  // A symlinked folder leading outside.
  fs::remove(dir / "sub" / "b.obj");
  fs::remove(dir / "sub");
  fs::create_directory_symlink(outside.path(), dir / "sub");
  sura::test::writeText(outside / "b.obj", "v 0 0 0\n");
  e = errorOf(2);
  REQUIRE(e);
  CHECK(e->message.find("outside the atlas folder") != std::string::npos);
  // A folder is not a mesh file.
  fs::create_directory(dir / "bone.obj");
  e = errorOf(3);
  REQUIRE(e);
  CHECK(e->field == "structures[3].mesh");
  CHECK(e->message.find("not a regular file") != std::string::npos);
  // Grouping nodes have no mesh.
  e = errorOf(0);
  REQUIRE(e);
  CHECK(e->message.find("no mesh") != std::string::npos);
  // A symlink that stays inside is fine.
  fs::remove(dir / "bone.obj");
  fs::create_symlink(dir / "a.obj", dir / "bone.obj");
  CHECK(sura::resolveMeshPath(atlas, 3) == fs::canonical(dir / "a.obj"));
}

TEST_CASE("the manifest file itself") {
  TempDir dir;
  auto e = parseError(dir / "missing");
  REQUIRE(e);
  CHECK(e->message.find("does not exist") != std::string::npos);
  e = parseError(dir.path());
  REQUIRE(e);
  CHECK(e->file == (dir / "atlas.json").string());
  CHECK(e->message.find("not found") != std::string::npos);

  TempDir outside;
  sura::test::writeManifest(outside.path(), sura::test::validManifest());
  fs::create_symlink(outside / "atlas.json", dir / "atlas.json");
  e = parseError(dir.path());
  REQUIRE(e);
  CHECK(e->message.find("outside the atlas folder") != std::string::npos);
}

TEST_CASE("toSuraFrame maps file coordinates to RAS millimetres") {
  sura::Frame f;
  CHECK(sura::toSuraFrame(f, {1, 2, 3}) == glm::dvec3(1, 2, 3));
  f.origin = {10, 20, 30};
  CHECK(sura::toSuraFrame(f, {10, 20, 30}) == glm::dvec3(0, 0, 0));
  CHECK(sura::toSuraFrame(f, {11, 22, 33}) == glm::dvec3(1, 2, 3));

  // LPS in cm (DICOM style): x points left, y posterior; 1 cm = 10 mm.
  f = {};
  f.axes = "LPS";
  f.unitScale = 10.0;
  f.origin = {1, 1, 1};
  CHECK(sura::toSuraFrame(f, {2, 3, 4}) == glm::dvec3(-10, -20, 30));

  // A permuted frame: file +x is superior, +y right, +z anterior.
  f = {};
  f.axes = "SRA";
  CHECK(sura::toSuraFrame(f, {1, 2, 3}) == glm::dvec3(2, 3, 1));
}

TEST_CASE("mirrorsHandedness agrees with the determinant of the mapping for all 48 frames") {
  const std::string pairs[3] = {"RL", "AP", "SI"};
  const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
  int mirrored = 0;
  for (const auto& perm : perms) {
    for (int signs = 0; signs < 8; ++signs) {
      sura::Frame f;
      f.axes.clear();
      for (int i = 0; i < 3; ++i) {
        f.axes += pairs[perm[i]][static_cast<std::size_t>((signs >> i) & 1)];
      }
      glm::dmat3 m(0.0);
      for (int i = 0; i < 3; ++i) {
        glm::dvec3 e(0.0);
        e[i] = 1.0;
        m[i] = sura::toSuraFrame(f, e);
      }
      CAPTURE(f.axes);
      CHECK(std::abs(glm::determinant(m)) == doctest::Approx(1.0));
      CHECK(sura::mirrorsHandedness(f) == (glm::determinant(m) < 0));
      mirrored += sura::mirrorsHandedness(f) ? 1 : 0;
    }
  }
  CHECK(mirrored == 24);
}
