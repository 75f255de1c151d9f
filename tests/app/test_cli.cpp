// The real `sura` executable: usage errors exit 2, atlas and I/O errors exit 1, each
// with one line on stderr naming what is wrong. None of these needs a display.
#include "run_sura.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace sura::test;

namespace {

// An atlas whose file and field the messages must name.
void breakManifest(const std::filesystem::path& dir, const std::string& from,
                   const std::string& to) {
  std::string text = readText(dir / "atlas.json");
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(dir / "atlas.json") << text;
}

void checkUsageError(const RunResult& r, const std::string& mentioned) {
  CAPTURE(r.err);
  CHECK(r.exitCode == 2);
  CHECK(isOneErrorLine(r.err));
  CHECK(r.err.find(mentioned) != std::string::npos);
}

void checkFailure(const RunResult& r, const std::vector<std::string>& mentioned) {
  CAPTURE(r.err);
  CHECK(r.exitCode == 1);
  CHECK(isOneErrorLine(r.err));
  for (const std::string& m : mentioned) {
    CHECK(r.err.find(m) != std::string::npos);
  }
}

} // namespace

TEST_CASE("no command opens the viewer, which needs a display: one line and exit 1") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  checkFailure(runSura("--atlas " + quote(atlas.path().string()), "-u DISPLAY"),
               {"DISPLAY is not set", "xvfb-run -a sura render"});
  checkFailure(runSura("", "DISPLAY=:987"), {"cannot open X display ':987'"});
}

TEST_CASE("the viewer's own flags are checked before the display is needed") {
  checkUsageError(runSura("--view top", "-u DISPLAY"), "--view: 'top'");
  checkUsageError(runSura("--ui-scale 9", "-u DISPLAY"), "--ui-scale: '9'");
  checkUsageError(runSura("--size 10", "-u DISPLAY"), "--size: '10'");
  checkUsageError(runSura("--labels de", "-u DISPLAY"), "--labels: 'de'");
  checkUsageError(runSura("--labels ''", "-u DISPLAY"), "--labels");
  // The scene and the lesson hold their own labels.
  checkUsageError(runSura("--scene x.json --labels en", "-u DISPLAY"), "--scene: --labels");
  checkUsageError(runSura("--lesson x.json --labels la", "-u DISPLAY"), "--lesson: --labels");
}

TEST_CASE("--help and --version exit 0 on stdout") {
  const RunResult help = runSura("--help");
  CHECK(help.exitCode == 0);
  CHECK(help.out.find("render") != std::string::npos);
  CHECK(help.out.find("check") != std::string::npos);
  CHECK(help.err.empty());

  CHECK(help.out.find("--ui-scale") != std::string::npos);
  CHECK(help.out.find("bench") != std::string::npos);
  CHECK(help.out.find("section") != std::string::npos);
  const RunResult sectionHelp = runSura("section --help");
  CHECK(sectionHelp.exitCode == 0);
  for (const char* flag : {"--t", "--z", "--atlas", "--size", "--hide", "--left"}) {
    CAPTURE(flag);
    CHECK(sectionHelp.out.find(flag) != std::string::npos);
  }
  const RunResult renderHelp = runSura("render --help");
  CHECK(renderHelp.exitCode == 0);
  for (const char* flag : {"--atlas", "--view", "--size", "--hide", "--opacity", "--left",
                           "--no-ui", "--peel", "--select", "--isolate", "--ui-scale"}) {
    CAPTURE(flag);
    CHECK(renderHelp.out.find(flag) != std::string::npos);
  }

  const RunResult version = runSura("--version");
  CHECK(version.exitCode == 0);
  CHECK(version.out == std::string("sura ") + SURA_EXPECTED_VERSION + "\n");
}

TEST_CASE("bad usage exits 2 with one line naming the problem") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  const std::string a = " --atlas " + quote(atlas.path().string());
  checkUsageError(runSura("render out.png --bogus" + a), "--bogus");
  checkUsageError(runSura("frobnicate"), "frobnicate");
  checkUsageError(runSura("render" + a), "OUT.png");
  checkUsageError(runSura("render out.png --view top" + a), "--view: 'top'");
  checkUsageError(runSura("render out.png --size 1280" + a), "--size: '1280'");
  checkUsageError(runSura("render out.png --size 0x800" + a), "--size: '0x800'");
  checkUsageError(runSura("render out.png --hide soleus,tibia" + a),
                  "--hide: unknown structure id 'tibia'");
  checkUsageError(runSura("render out.png --opacity soleus=2" + a), "--opacity");
  checkUsageError(runSura("render out.png --opacity soleus=half" + a), "'half'");
  checkUsageError(runSura("render out.png --opacity soleus" + a), "--opacity: 'soleus'");
  checkUsageError(runSura("render out.png --opacity fibula=0.5" + a),
                  "--opacity: unknown structure id 'fibula'");
  checkUsageError(runSura("check one two"), "two");
  checkUsageError(runSura("render out.png --ui-scale 0.1" + a), "--ui-scale: '0.1'");
  checkUsageError(runSura("render out.png --ui-scale big" + a), "--ui-scale: 'big'");
  checkUsageError(runSura("render out.png --peel -1" + a), "--peel: '-1'");
  checkUsageError(runSura("render out.png --peel many" + a), "--peel: 'many'");
  checkUsageError(runSura("render out.png --select femur" + a), "--select: unknown structure");
  checkUsageError(runSura("render out.png --isolate femur" + a), "--isolate: unknown structure");
  checkUsageError(runSura("render out.png --labels latin" + a),
                  "--labels: 'latin' is not en (English), la (Latin) or both");
  checkUsageError(runSura("bench --frames 1"), "--frames");
}

TEST_CASE("sura section: bad usage exits 2 with one line naming the flag, before any display") {
  const auto section = [](const std::string& args) {
    return runSura("section " + args, "-u DISPLAY");
  };
  checkUsageError(section("out.png --t 2"), "--t: '2'");
  checkUsageError(section("out.png --t -0.6"), "--t: '-0.6'");
  checkUsageError(section("out.png --t abc"), "--t: 'abc'");
  checkUsageError(section("out.png --t 0.1,x,0.3"), "--t: 'x'");
  checkUsageError(section("out.png --t nan"), "--t: 'nan'");
  checkUsageError(section("out.png"), "--t");
  checkUsageError(section("--t 0.3"), "OUT.png");
  checkUsageError(section("'' --t 0.3"), "OUT.png");
  checkUsageError(section("out.png --t 0,0,0,0,0,0,0,0,0,0,0,0,0"), "--t");
  checkUsageError(section("out.png --z abc"), "--z: 'abc'");
  checkUsageError(section("out.png --z 400"), "--z: '400'");
  checkUsageError(section("out.png --t 0.3 --z -100"), "--z");
  checkUsageError(section("out.png --t 0.3 --size 10"), "--size: '10'");
  checkUsageError(section("out.png --t 0.3 --hide skin,bogus"),
                  "--hide: unknown structure id 'bogus'");
  checkUsageError(section("out.png --t 0.3 --view lateral"), "--view");
  TempDir missing;
  checkFailure(section("out.png --t 0.3 --atlas " + quote((missing.path() / "no").string())),
               {(missing.path() / "no").string()});
}

TEST_CASE("--left with --right is bad usage, one rule for every command that shows a leg") {
  for (const char* command :
       {"--left --right", "render out.png --left --right", "pick 10 10 --right --left",
        "section out.png --t 0.3 --left --right"}) {
    CAPTURE(command);
    checkUsageError(runSura(command, "-u DISPLAY"), "--left, --right: give one leg");
  }
}

TEST_CASE("usage is checked before the display is needed") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  checkUsageError(
      runSura("render out.png --view top --atlas " + quote(atlas.path().string()), "-u DISPLAY"),
      "--view");
}

TEST_CASE("no display: one clear error and exit 1, never a crash") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  const std::string args = "render " + quote((atlas.path() / "x.png").string()) + " --atlas " +
                           quote(atlas.path().string());
  checkFailure(runSura(args, "-u DISPLAY"), {"DISPLAY is not set", "xvfb-run"});
  checkFailure(runSura(args, "DISPLAY=:987"), {"cannot open X display ':987'"});
  CHECK_FALSE(std::filesystem::exists(atlas.path() / "x.png"));
}

TEST_CASE("bad atlases exit 1 naming the file and the field") {
  TempDir missing;
  const auto nowhere = missing.path() / "nowhere";
  checkFailure(runSura("check " + quote(nowhere.string())), {nowhere.string()});
  checkFailure(runSura("render out.png --atlas " + quote(nowhere.string()), "-u DISPLAY"),
               {nowhere.string()});

  TempDir broken;
  writeFixtureAtlas(broken.path());
  breakManifest(broken.path(), "\"#e01010\"", "\"red\"");
  checkFailure(runSura("check " + quote(broken.path().string())),
               {"atlas.json", "structures[0].color"});

  TempDir notJson;
  writeFixtureAtlas(notJson.path());
  breakManifest(notJson.path(), "{", "[");
  checkFailure(runSura("check " + quote(notJson.path().string())), {"atlas.json"});

  TempDir noMesh;
  writeFixtureAtlas(noMesh.path());
  std::filesystem::remove(noMesh.path() / "soleus.vtp");
  checkFailure(runSura("check " + quote(noMesh.path().string())), {"soleus"});
}

TEST_CASE("check lists name, frame, landmarks and every structure") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  const RunResult r = runSura("check " + quote(atlas.path().string()));
  CAPTURE(r.err);
  REQUIRE(r.exitCode == 0);
  // A toy of boxes 60 mm tall that says its leg is 390 mm long: one warning, still loaded.
  CHECK(r.err == "sura: warning: " + (atlas.path() / "atlas.json").string() +
                     ": landmarks.leg_length: leg length 390 mm is 6.5 times the meshes' extent "
                     "below the knee joint line (60 mm): is it in mm, and is frame.origin the "
                     "knee joint line?\n");
  for (const char* expected :
       {"Fixture leg", "version 1", "RAS", "side right", "leg_length", "390.0", "medial_malleolus",
        "(-30.0, 0.0, -390.0)", "structures: 4 (3 with meshes)"}) {
    CAPTURE(expected);
    CHECK(r.out.find(expected) != std::string::npos);
  }
  // One row per structure: id, group, layer, triangles and bounds.
  std::istringstream lines(r.out);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.find("  soleus ") == 0) {
      ++rows;
      CHECK(line.find("muscles") != std::string::npos);
      CHECK(line.find(" 12 ") != std::string::npos);
      CHECK(line.find("x -20.0 .. 20.0  y -20.0 .. 20.0  z -40.0 .. 0.0") != std::string::npos);
    }
    if (line.find("  gastrocnemius ") == 0) {
      ++rows;
      CHECK(line.find("gastrocnemius_lateral_head, gastrocnemius_medial_head") !=
            std::string::npos);
    }
  }
  CHECK(rows == 2);
}

TEST_CASE("check without a folder reads the bundled atlas, which SURA_ATLAS_DIR overrides") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  const RunResult r = runSura("check", "SURA_ATLAS_DIR=" + quote(atlas.path().string()));
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("Fixture leg") != std::string::npos);
}

TEST_CASE("check warns about sources that are not citations of works, and still succeeds") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  const auto manifest = atlas.path() / "atlas.json";
  nlohmann::json j = nlohmann::json::parse(std::ifstream(manifest));
  j["sources"] = {{"S1", "Standring S (ed.). Gray's Anatomy, 42nd ed. Elsevier, 2021."},
                  {"S2", "calfpain.com symptom checker"}};
  std::ofstream(manifest) << j.dump(2);
  const RunResult r = runSura("check " + quote(atlas.path().string()));
  CAPTURE(r.err);
  CHECK(r.exitCode == 0);
  CHECK(r.err.find("sources.S1") == std::string::npos);
  CHECK(r.err.find("warning: " + manifest.string() + ": sources.S2: no author and no year\n") !=
        std::string::npos);
  CHECK(r.err.find("sources.S2: a web address, not a citation of a work\n") != std::string::npos);
}

TEST_CASE("every flag and argument follows one rule: no empty values, decimal numbers") {
  checkUsageError(runSura("pick '' ''"), "X: the value is empty");
  checkUsageError(runSura("pick 0x10 0"), "X: '0x10' is not a whole number");
  checkUsageError(runSura("pick 10 10 --select ''"), "--select: the value is empty");
  checkUsageError(runSura("pick 10 10 --focus ''"), "--focus: the value is empty");
  checkUsageError(runSura("pick 10 10 --isolate ''"), "--isolate: the value is empty");
  checkUsageError(runSura("pick 10 10 --referred ''"), "--referred: the value is empty");
  checkUsageError(runSura("pick 10 10 --hide ''"), "--hide");
  checkUsageError(runSura("check ''"), "ATLAS: the value is empty");
  checkUsageError(runSura("pick 10 10 --hide skin,,soleus"),
                  "--hide: 'skin,,soleus' has an empty item");
  checkUsageError(runSura("pick 10 10 --trigger-points soleus_trp1,"), "has an empty item");
  checkUsageError(runSura("section out.png --t 0.3,,0.5"), "--t: '0.3,,0.5' has an empty item");
  checkUsageError(runSura("atlas init ''"), "DIR: the value is empty");
  checkUsageError(runSura("--atlas '' check"), "--atlas: the value is empty");
  checkUsageError(runSura("render ''"), "OUT.png: the value is empty");
  checkUsageError(runSura("needle 0x1 2"), "is not a whole number");
  checkUsageError(runSura("render out.png --size 8192x8192"), "limit");
  checkUsageError(runSura("render out.png --section ''"), "--section: the value is empty");
  checkUsageError(runSura("render out.png --section-mm ''"), "--section-mm: the value is empty");
}

TEST_CASE("a hostile atlas is refused in one line naming the file and the field") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  breakManifest(atlas.path(), "\"format\"", "\"\\u001b[2Jx\": 1, \"format\"");
  // An unknown top-level key is ignored; a value with escapes inside a known object is not.
  std::string text = readText(atlas.path() / "atlas.json");
  const std::size_t at = text.find("\"#");
  REQUIRE(at != std::string::npos);
  text.replace(at, 1, "\"\\n\\u001b[31m" + std::string(20000, 'y'));
  std::ofstream(atlas.path() / "atlas.json") << text;
  const RunResult r = runSura("check " + quote(atlas.path().string()));
  checkFailure(r, {"atlas.json", ".color", "..."});
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.size() < 400);
}

TEST_CASE("sura export writes a glTF with no display; a bad output is one line and exit 1 or 2") {
  TempDir atlas;
  writeFixtureAtlas(atlas.path());
  TempDir out;
  const std::string a = " --atlas " + quote(atlas.path().string());
  const auto file = out.path() / "leg.gltf";
  // No display: the export draws nothing.
  const RunResult r =
      runSura("export " + quote(file.string()) + " --hide soleus" + a, "-u DISPLAY");
  CAPTURE(r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.err.empty());
  const nlohmann::json gltf = nlohmann::json::parse(readText(file));
  CHECK(gltf["asset"]["version"] == "2.0");
  std::vector<std::string> ids;
  for (const auto& node : gltf["nodes"]) {
    if (node.contains("extras")) {
      ids.push_back(node["extras"]["sura_id"]);
    }
  }
  CHECK(ids == std::vector<std::string>{"gastrocnemius_lateral_head", "gastrocnemius_medial_head"});

  checkUsageError(runSura("export " + quote((out.path() / "leg.obj").string()) + a), ".gltf");
  checkUsageError(runSura("export" + a), "OUT.gltf");
  checkUsageError(runSura("export x.gltf --hide tibia" + a), "--hide: unknown structure id");
  checkFailure(runSura("export " + quote((out.path() / "no/such/folder/leg.gltf").string()) + a),
               {"no/such/folder/leg.gltf"});
  // The file that was there is not touched by a refused run.
  const std::string before = readText(file);
  checkUsageError(runSura("export " + quote(file.string()) + " --scene x.json --view lateral" + a),
                  "--scene: --view");
  CHECK(readText(file) == before);
}
