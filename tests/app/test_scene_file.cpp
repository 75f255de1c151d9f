// SavedScene files: what is saved comes back exactly; a damaged file, a newer one or one with a
// wrong field is refused with one line naming the file and the field, and is never
// overwritten; an interrupted save leaves the previous scene.
#include "app/scene_file.h"

#include "app/atomic_file.h"
#include "app/lesson_file.h"
#include "atlas/atlas_fixture.h"
#include "meshio/load_atlas.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace sura;
using sura::test::readAll;
using sura::test::TempDir;
using sura::test::writeText;

namespace {

const Atlas& bundled() {
  static const Atlas atlas = parseManifest(bundledAtlasDir());
  return atlas;
}

// A state a class could reach: every saved field set, through the commands the panel issues.
AppState classroomState() {
  const Atlas& atlas = bundled();
  AppState state;
  apply(state, atlas, command::SetSide{Side::Left});
  apply(state, atlas, command::SetView{ViewPreset::Oblique});
  apply(state, atlas, command::SetUiScale{1.5f});
  apply(state, atlas, command::SetOpacity{"gastrocnemius", 0.35f});
  apply(state, atlas, command::SetOpacity{"soleus", 1.0f / 3.0f});
  apply(state, atlas, command::Peel{});
  apply(state, atlas, command::SetVisible{"fibula", false});
  apply(state, atlas, command::ShowTriggerPoints{{"soleus_trp1", "gastrocnemius_trp2"}, true});
  apply(state, atlas, command::SelectTriggerPoint{"soleus_trp1"});
  apply(state, atlas, command::ShowReferred{"gastrocnemius_trp2"});
  PickedPoint pick;
  pick.structure = "soleus";
  pick.point = {12.345678901234567, -40.1, -182.00000000000003};
  pick.normal = {0.0, -0.6, 0.8};
  pick.description = "Soleus, 182 mm below the knee joint line, 14 mm medial of the midline";
  pick.depthMm = std::numeric_limits<double>::quiet_NaN(); // the skin was hidden
  pick.layers = {{"gastrocnemius_medial_head", 0.1, 14.7},
                 {"soleus", 14.7, std::numeric_limits<double>::quiet_NaN()}};
  pick.nearestTriggerPoint = "soleus_trp1";
  pick.triggerPointDistanceMm = 7.25;
  apply(state, atlas, command::ShowPick{pick});
  apply(state, atlas, command::CameraTurned{});
  apply(state, atlas, command::ShowLabels{true, LabelLanguage::Both});
  // Two pins: one measured in landmark terms (as the viewer places them), one not.
  Pin pin{"soleus",
          {-8.5, -52.25, -160.125},
          {0.0, -1.0, 0.0},
          "Tender here\nwhen pressed",
          PinLocation{0.41057692307692306, 265.25, 52.0}};
  apply(state, atlas, command::AddPin{pin});
  apply(state, atlas, command::AddPin{Pin{"tibia", {1.0, 30.0, -60.0}, {0.0, 1.0, 0.0}, "", {}}});
  return state;
}

// A scene with every optional part, and values that test the number formatting.
SavedScene fullScene() {
  SavedScene scene = sceneOf(classroomState(), bundled());
  scene.notes = "Week 3: the calf.\nAsk: which head is larger? \"Medial\" (tab\there)";
  scene.camera = SceneCamera{{1e-300, -812.5, 0.1}, {0.0, 0.0, -200.0}, {0.0, 0.0, 1.0}};
  scene.needle =
      SceneNeedle{{30.5, -55.25, -150.0}, {0.0, 0.6, -0.8}, 40.0, 0.25, 23.4567, "soleus_trp1"};
  scene.section = SceneSection{-117.3};
  scene.labels = {{"soleus", ""}, {"gastrocnemius_medial_head", "Medial head — larger"}};
  scene.pins = {{{1.0, 2.0, -3.0},
                 {1.0, 0.0, 0.0},
                 "tibia",
                 "Palpate here",
                 PinLocation{0.1234567890123, 271.875, 33.5}},
                {{-4.5, 6.0, -300.0}, {0.0, 0.0, 1.0}, "achilles_tendon", "", {}}};
  return scene;
}

// The saved fields of two states, one by one (AppState has no operator==).
void checkSameSavedState(const AppState& a, const AppState& b) {
  CHECK(a.view == b.view);
  CHECK(a.atView == b.atView);
  CHECK(a.side == b.side);
  CHECK(a.hidden == b.hidden);
  CHECK(a.peeled == b.peeled);
  CHECK(a.opacity == b.opacity);
  CHECK(a.selected == b.selected);
  REQUIRE(a.pick.has_value() == b.pick.has_value());
  if (a.pick) {
    CHECK(a.pick->structure == b.pick->structure);
    CHECK(a.pick->point == b.pick->point);
    CHECK(a.pick->normal == b.pick->normal);
    CHECK(a.pick->description == b.pick->description);
    CHECK(std::isnan(a.pick->depthMm) == std::isnan(b.pick->depthMm));
    REQUIRE(a.pick->layers.size() == b.pick->layers.size());
    for (std::size_t i = 0; i < a.pick->layers.size(); ++i) {
      CHECK(a.pick->layers[i].structure == b.pick->layers[i].structure);
      CHECK(a.pick->layers[i].entryMm == b.pick->layers[i].entryMm);
      CHECK(std::isnan(a.pick->layers[i].exitMm) == std::isnan(b.pick->layers[i].exitMm));
    }
    CHECK(a.pick->nearestTriggerPoint == b.pick->nearestTriggerPoint);
    CHECK(a.pick->triggerPointDistanceMm == b.pick->triggerPointDistanceMm);
    CHECK(a.pick->triggerPointMark == b.pick->triggerPointMark);
  }
  CHECK(a.triggerPointsShown == b.triggerPointsShown);
  CHECK(a.selectedTriggerPoint == b.selectedTriggerPoint);
  CHECK(a.referredShown == b.referredShown);
  CHECK(a.labels.shown == b.labels.shown);
  CHECK(a.labels.language == b.labels.language);
  REQUIRE(a.labels.only.size() == b.labels.only.size());
  for (std::size_t i = 0; i < a.labels.only.size(); ++i) {
    CHECK(a.labels.only[i].structure == b.labels.only[i].structure);
    CHECK(a.labels.only[i].text == b.labels.only[i].text);
  }

  REQUIRE(a.pins.size() == b.pins.size());
  for (std::size_t i = 0; i < a.pins.size(); ++i) {
    CHECK(a.pins[i].structure == b.pins[i].structure);
    CHECK(a.pins[i].point == b.pins[i].point);
    CHECK(a.pins[i].normal == b.pins[i].normal);
    CHECK(a.pins[i].text == b.pins[i].text);
    REQUIRE(a.pins[i].location.has_value() == b.pins[i].location.has_value());
    if (a.pins[i].location) {
      CHECK(a.pins[i].location->t == b.pins[i].location->t);
      CHECK(a.pins[i].location->degrees == b.pins[i].location->degrees);
      CHECK(a.pins[i].location->fromMidlineMm == b.pins[i].location->fromMidlineMm);
    }
  }
}

std::optional<SceneError> loadError(const fs::path& file) {
  try {
    loadScene(file);
  } catch (const SceneError& e) {
    return e;
  }
  return std::nullopt;
}

} // namespace

TEST_CASE("a state saved and loaded is the same state") {
  TempDir dir;
  const fs::path file = dir / "calf.sura-scene.json";
  const AppState state = classroomState();
  // The state really has something in every field this test relies on.
  REQUIRE(!state.hidden.empty());
  REQUIRE(!state.peeled.empty());
  REQUIRE(state.pick);
  REQUIRE(!state.atView);
  REQUIRE(state.labels.shown);
  REQUIRE(state.labels.language == LabelLanguage::Both);
  REQUIRE(state.pins.size() == 2);

  saveScene(sceneOf(state, bundled()), file);
  const SavedScene loaded = loadScene(file);
  checkScene(loaded, bundled(), file);
  CHECK(loaded == sceneOf(state, bundled()));

  AppState elsewhere; // another room: its own UI scale, its camera requests so far
  elsewhere.uiScale = 2.0f;
  elsewhere.viewRequest = 7;
  const AppState restored = stateOf(loaded, elsewhere);
  checkSameSavedState(restored, state);
  CHECK(restored.uiScale == 2.0f);
  CHECK(restored.viewRequest == 8); // the camera goes to the scene's view
  CHECK(restored.hovered.empty());
}

TEST_CASE("every part of a scene comes back exactly, to the last bit, and is written the same") {
  TempDir dir;
  const fs::path file = dir / "full.json";
  const SavedScene scene = fullScene();
  saveScene(scene, file);
  const std::string first = readAll(file);
  const SavedScene loaded = loadScene(file);
  CHECK(loaded == scene);
  REQUIRE(loaded.needle);
  CHECK(loaded.needle->insertedMm == 23.4567);
  CHECK(loaded.camera->position.x == 1e-300);
  CHECK(loaded.opacity.at("soleus") == 1.0f / 3.0f);
  CHECK(loaded.notes == scene.notes);
  // Saving what was loaded writes the same bytes: a scene does not drift as it is passed on.
  saveScene(loaded, file);
  CHECK(readAll(file) == first);

  // The equality the test relies on sees a difference in any part.
  SavedScene other = scene;
  other.pins[1].text = "x";
  CHECK(other != scene);
  other = scene;
  other.needle.reset();
  CHECK(other != scene);
  other = scene;
  other.labelsShown = !scene.labelsShown;
  CHECK(other != scene);
  other = scene;
  other.labelLanguage = LabelLanguage::Latin;
  CHECK(other != scene);
  other = scene;
  other.pins[0].location->fromMidlineMm = 3.25;
  CHECK(other != scene);
  other = scene;
  other.pins[0].location.reset();
  CHECK(other != scene);
  other = scene;
  other.pick->layers[1].exitMm = 20.0;
  CHECK(other != scene);
}

TEST_CASE("the file starts with its format and version, and a minimal hand-written one loads") {
  TempDir dir;
  const fs::path file = dir / "scene.json";
  saveScene(SavedScene{}, file);
  const std::string text = readAll(file);
  CHECK(text.rfind("{\n  \"format\": \"sura-scene\",\n  \"version\": 2,", 0) == 0);

  writeText(file, R"({"format": "sura-scene", "version": 1,
                       "leg": "left", "layers": {"hidden": ["skin"]}})");
  const SavedScene scene = loadScene(file);
  CHECK(scene.side == Side::Left);
  CHECK(scene.hidden == std::set<std::string>{"skin"});
  CHECK(scene.view == ViewPreset::Posterior);
  CHECK(scene.atView);
  CHECK_FALSE(scene.pick);
  CHECK(scene.pins.empty());
}

TEST_CASE("a version 1 scene still opens: the labels it lists are shown, in English") {
  const std::string base = R"({"format": "sura-scene", "version": 1, "labels": )";
  const SavedScene listed =
      parseScene(base + R"([{"structure": "soleus", "text": ""}]})", "old.json");
  CHECK(listed.labelsShown);
  CHECK(listed.labelLanguage == LabelLanguage::English);
  REQUIRE(listed.labels.size() == 1);
  CHECK(listed.labels[0].structure == "soleus");
  const SavedScene none = parseScene(base + "[]}", "old.json");
  CHECK_FALSE(none.labelsShown);
  // Saved again, it is a version 2 scene that says so.
  const SavedScene again = parseScene(sceneJson(listed), "new.json");
  CHECK(again == listed);
  CHECK(sceneJson(listed).find("\"labels_shown\": true") != std::string::npos);
}

TEST_CASE("a save interrupted part way leaves the previous scene file intact") {
  TempDir dir;
  const fs::path file = dir / "lesson.json";
  const SavedScene before = sceneOf(classroomState(), bundled());
  saveScene(before, file);
  const std::string beforeText = readAll(file);

  // A scene large enough that its save takes several writes; the process dies in between.
  SavedScene after = fullScene();
  after.notes = std::string(3 * kWriteChunkBytes, 'n');
  std::fflush(nullptr);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    writeFileAtomically(file, sceneJson(after), [](WriteStep step, std::size_t written) {
      if (step == WriteStep::Write && written >= kWriteChunkBytes) {
        ::_exit(42);
      }
      return 0;
    });
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 42);
  CHECK(readAll(file) == beforeText);
  CHECK(loadScene(file) == before);

  // A full disk part way, in this process: the same.
  CHECK_THROWS_AS(writeFileAtomically(file, sceneJson(after),
                                      [](WriteStep step, std::size_t written) {
                                        return step == WriteStep::Write && written > 0 ? ENOSPC : 0;
                                      }),
                  FileWriteError);
  CHECK(loadScene(file) == before);
}

TEST_CASE("a damaged, newer or wrong scene file is refused in one line and never overwritten") {
  const std::string valid = sceneJson(fullScene());
  struct Case {
    const char* what;
    std::string text;
    std::string field; ///< expected SceneError::field
    std::string says;  ///< in the message
  };
  const auto edit = [&valid](const std::string& from, const std::string& to) {
    std::string text = valid;
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
  };
  const std::vector<Case> cases = {
      {"cut off half way (a crash of an older program)", valid.substr(0, valid.size() / 2), "",
       "not valid JSON at line"},
      {"empty", "", "", "empty file"},
      {"a list", "[1, 2]", "", "not a Sura scene file"},
      {"another JSON file", R"({"name": "atlas"})", "format", "not a Sura scene file"},
      {"another format", edit("\"sura-scene\"", "\"sura-lesson\""), "format",
       "\"sura-lesson\" is not a Sura scene file"},
      {"newer", edit("\"version\": 2", "\"version\": 3"), "version", "newer Sura"},
      {"version as text", edit("\"version\": 2", "\"version\": \"2\""), "version", "whole number"},
      {"version 0", edit("\"version\": 2", "\"version\": 0"), "version", "not a scene format"},
      {"labels in an unknown language",
       edit("\"label_language\": \"both\"", "\"label_language\": \"de\""), "label_language",
       "\"de\" is not \"en\", \"la\" or \"both\""},
      {"labels shown as text", edit("\"labels_shown\": true", "\"labels_shown\": \"yes\""),
       "labels_shown", "must be true or false"},
      {"a version 1 file with the fields of version 2", edit("\"version\": 2", "\"version\": 1"),
       "labels_shown", "scene format 1 has no such field"},
      {"a pin's location all round the leg and more",
       edit("\"degrees\": 271.875", "\"degrees\": 400"), "pins[0].location.degrees",
       "from 0 to 360"},
      {"a pin's location without t", edit("\"t\": 0.1234567890123,", ""), "pins[0].location.t",
       "missing"},
      {"a pin's location with a negative distance",
       edit("\"from_midline_mm\": 33.5", "\"from_midline_mm\": -1"),
       "pins[0].location.from_midline_mm", "0 or more"},
      {"an unknown field of a pin's location",
       edit("\"from_midline_mm\": 33.5", "\"from_midline_mm\": 33.5, \"u\": 1"),
       "pins[0].location.u", "unknown field"},
      {"an unknown field", edit("\"notes\":", "\"colour\": 1, \"notes\":"), "colour",
       "unknown field"},
      {"an opacity above 1", edit("\"soleus\": 0.3333", "\"soleus\": 1.5, \"x\": 0.3333"),
       "layers.opacity.soleus", "from 0 to 1"},
      {"an unknown leg", edit("\"leg\": \"left\"", "\"leg\": \"centre\""), "leg",
       "\"centre\" is not"},
      {"an unknown view", edit("\"preset\": \"oblique\"", "\"preset\": \"top\""), "view.preset",
       "\"top\" is not one of posterior"},
      {"a pin with two coordinates", edit("\"point\": [\n        1.0,", "\"point\": ["),
       "pins[0].point", "three numbers"},
      {"a needle direction not of length 1", edit("0.6,\n      -0.8", "0.6,\n      -0.9"),
       "needle.direction", "unit vector"},
      {"a hidden id that is not text", edit("\"hidden\": [", "\"hidden\": [3, "),
       "layers.hidden[0]", "must be an id"},
      {"a click on another structure than the selection",
       edit("\"structure\": \"soleus\",\n    \"pick\"", "\"structure\": \"tibia\",\n    \"pick\""),
       "selection.pick.structure", "is not the selected structure 'tibia'"},
      {"a focus not shown", edit("\"focus\": \"soleus_trp1\"", "\"focus\": \"soleus_trp2\""),
       "trigger_points.focus", "not among trigger_points.shown"},
  };
  TempDir dir;
  const fs::path file = dir / "damaged.json";
  for (const Case& c : cases) {
    CAPTURE(c.what);
    writeText(file, c.text);
    const auto error = loadError(file);
    REQUIRE(error);
    const std::string what = error->what();
    CAPTURE(what);
    CHECK(error->field == c.field);
    CHECK(what.rfind(file.string() + ": " + (c.field.empty() ? "" : c.field + ": "), 0) == 0);
    CHECK(what.find(c.says) != std::string::npos);
    CHECK(what.find('\n') == std::string::npos);

    // Saving over it is refused with the same reason, and its bytes stay as they were.
    const auto modified = fs::last_write_time(file);
    try {
      saveScene(fullScene(), file);
      FAIL("saving over a file that cannot be read must be refused");
    } catch (const SceneError& e) {
      const std::string refusal = e.what();
      CHECK(refusal.find(c.says) != std::string::npos);
      CHECK(refusal.find("not overwritten") != std::string::npos);
      CHECK(refusal.find('\n') == std::string::npos);
    }
    CHECK(readAll(file) == c.text);
    CHECK(fs::last_write_time(file) == modified);
  }
  // The valid text itself loads, so each case above fails for its own edit.
  writeText(file, valid);
  CHECK(loadScene(file) == fullScene());
}

TEST_CASE("a missing file, a folder, or anything that is not a scene gets its own message") {
  TempDir dir;
  auto error = loadError(dir / "nothing.json");
  REQUIRE(error);
  CHECK(std::string(error->what()) == (dir / "nothing.json").string() + ": no such file");
  error = loadError(dir.path());
  REQUIRE(error);
  CHECK(error->message == "is a folder, not a scene file");
  // A text file someone picked by mistake is not replaced by a scene either.
  writeText(dir / "notes.txt", "my notes\n");
  CHECK_THROWS_AS(saveScene(SavedScene{}, dir / "notes.txt"), SceneError);
  CHECK(readAll(dir / "notes.txt") == "my notes\n");
}

TEST_CASE("ids are checked against the atlas, naming the field and the atlas the scene was for") {
  const fs::path file = "class.json";
  SavedScene scene = fullScene();
  CHECK_NOTHROW(checkScene(scene, bundled(), file));

  const auto checkError = [&file](const SavedScene& s, const std::string& field,
                                  const std::string& says) {
    try {
      checkScene(s, bundled(), file);
      FAIL("checkScene must refuse " << field);
    } catch (const SceneError& e) {
      CHECK(e.field == field);
      CHECK(std::string(e.what()).find(says) != std::string::npos);
    }
  };
  SavedScene bad = scene;
  bad.hidden.insert("calf_muscle");
  checkError(bad, "layers.hidden", "unknown structure id 'calf_muscle' (`sura check` lists");
  bad = scene;
  bad.pins[1].structure = "heel";
  checkError(bad, "pins[1].structure", "unknown structure id 'heel'");
  bad = scene;
  bad.needle->triggerPoint = "soleus_trp9";
  checkError(bad, "needle.trigger_point", "unknown trigger point id 'soleus_trp9'");
  bad = scene;
  bad.peeled[0].push_back("skin2");
  checkError(bad, "layers.peeled[0][" + std::to_string(scene.peeled[0].size()) + "]", "'skin2'");
  bad = scene;
  bad.atlas = "Someone's forearm";
  bad.labels[0].structure = "flexor_carpi_radialis";
  checkError(bad, "labels[0].structure", "made on the atlas 'Someone's forearm'");
}

TEST_CASE("a scene of format 1 (pins without a location) still loads") {
  TempDir dir;
  const fs::path file = dir / "old.json";
  writeText(file, R"({"format": "sura-scene", "version": 1,
      "pins": [{"point": [1.0, -30.0, -60.0], "normal": [0.0, -1.0, 0.0],
                "structure": "tibia", "text": "Palpate the tibial plateau here"}]})");
  const SavedScene scene = loadScene(file);
  CHECK_NOTHROW(checkScene(scene, bundled(), file));
  REQUIRE(scene.pins.size() == 1);
  CHECK(scene.pins[0].text == "Palpate the tibial plateau here");
  CHECK_FALSE(scene.pins[0].location);
  const AppState state = stateOf(scene, AppState{});
  REQUIRE(state.pins.size() == 1);
  CHECK(state.pins[0].point == glm::dvec3(1.0, -30.0, -60.0));

  // A location is a field of format 2: in a file that says format 1 it is named, not read.
  writeText(file, R"({"format": "sura-scene", "version": 1,
      "pins": [{"point": [1.0, -30.0, -60.0], "normal": [0.0, -1.0, 0.0], "structure": "tibia",
                "location": {"t": 0.1, "degrees": 90, "from_midline_mm": 30}}]})");
  try {
    loadScene(file);
    FAIL("a format 1 pin with a location was read");
  } catch (const SceneError& e) {
    CHECK(e.field == "pins[0].location");
    CHECK(std::string(e.what()).find("scene format 1 has no such field") != std::string::npos);
  }
}

TEST_CASE("a pin on a grouping node, or with a note too long, is refused naming the pin") {
  SavedScene scene;
  scene.pins = {{{0.0, 0.0, -100.0}, {0.0, -1.0, 0.0}, "gastrocnemius", "", {}}};
  try {
    checkScene(scene, bundled(), "group.json");
    FAIL("a pin on a grouping node was accepted");
  } catch (const SceneError& e) {
    CHECK(e.field == "pins[0].structure");
    CHECK(std::string(e.what()).find("no surface of its own") != std::string::npos);
  }
  scene.pins[0].structure = "soleus";
  scene.pins[0].text = std::string(kMaxPinTextBytes + 1, 'a');
  try {
    parseScene(sceneJson(scene), "long.json");
    FAIL("a note longer than the limit was accepted");
  } catch (const SceneError& e) {
    CHECK(e.field == "pins[0].text");
  }
}

TEST_CASE("the example in docs/scene-format.md is a valid scene of the bundled atlas") {
  const std::string doc = readAll(fs::path(SURA_SOURCE_DIR) / "docs" / "scene-format.md");
  const std::size_t start = doc.find("```json\n");
  REQUIRE(start != std::string::npos);
  const std::size_t end = doc.find("```", start + 8);
  REQUIRE(end != std::string::npos);
  const SavedScene scene = parseScene(doc.substr(start + 8, end - start - 8), "scene-format.md");
  CHECK_NOTHROW(checkScene(scene, bundled(), "scene-format.md"));
  CHECK(scene.pick);
  CHECK(scene.needle);
  CHECK(scene.section);
  CHECK(!scene.labels.empty());
  CHECK(!scene.pins.empty());
}

// The lesson the README shows (docs/examples/calf-lesson): made in the viewer, it must keep
// opening on the bundled model as the model and the format change.
TEST_CASE("the example lesson opens on the bundled atlas: every scene reads and checks") {
  const fs::path lessonFile =
      fs::path(SURA_SOURCE_DIR) / "docs" / "examples" / "calf-lesson" / "calf-lesson.json";
  const Lesson lesson = loadLesson(lessonFile);
  REQUIRE(lesson.scenes.size() == 3);
  std::size_t pins = 0;
  for (const LessonScene& step : lesson.scenes) {
    CAPTURE(step.file);
    const fs::path file = sceneFileOf(lessonFile, step);
    const SavedScene scene = loadScene(file);
    CHECK_NOTHROW(checkScene(scene, bundled(), file));
    CHECK(scene.labelsShown);
    pins += scene.pins.size();
    for (const ScenePin& pin : scene.pins) {
      CHECK(pin.location); // measured in landmark terms, as the viewer places pins
    }
  }
  CHECK(pins >= 1);
}

TEST_CASE("a teacher's list of labels naming a part twice, or with words too long, is refused") {
  const std::string base = R"({"format": "sura-scene", "version": 2, "labels": )";
  const auto refusal = [&](const std::string& labels) {
    try {
      parseScene(base + labels + "}", "labels.json");
    } catch (const SceneError& e) {
      return e.field + ": " + e.what();
    }
    return std::string();
  };
  CHECK(refusal(R"([{"structure": "soleus", "text": ""}, {"structure": "soleus", "text": "x"}])")
            .find("labels[1].structure") == 0);
  CHECK(refusal("[{\"structure\": \"soleus\", \"text\": \"" + std::string(81, 'a') + "\"}]")
            .find("labels[0].text") == 0);
  CHECK(
      refusal("[{\"structure\": \"soleus\", \"text\": \"" + std::string(80, 'a') + "\"}]").empty());
}
