// Lesson files and the folders and numbered names the viewer saves into: a lesson comes back
// exactly and in order; a damaged, newer or mistyped one is refused in one line and never
// overwritten; numbered names never replace a file.
#include "app/atomic_file.h"
#include "app/lesson_file.h"
#include "app/user_folders.h"
#include "atlas/atlas_fixture.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;
using namespace sura;
using sura::test::readAll;
using sura::test::TempDir;
using sura::test::writeText;

namespace {

std::string refusal(const std::string& text) {
  try {
    parseLesson(text, "lesson.json");
  } catch (const SceneError& e) {
    return e.what();
  }
  return "";
}

Lesson threeScenes() {
  Lesson lesson;
  lesson.title = "Week 3: the calf";
  lesson.scenes = {{"scene-002.json", "Gastrocnemius from behind"},
                   {"deep/soleus.json", ""},
                   {"scene-001.json", "Soleus \"under\" it — the trigger point"}};
  return lesson;
}

// Sets an environment variable for the scope.
struct ScopedEnv {
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) {
      old_ = old;
    }
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* name_;
  std::optional<std::string> old_;
};

} // namespace

TEST_CASE("a lesson comes back exactly, its scenes in their order") {
  const Lesson lesson = threeScenes();
  const Lesson back = parseLesson(lessonJson(lesson), "lesson.json");
  CHECK(back == lesson);
  REQUIRE(back.scenes.size() == 3);
  CHECK(back.scenes[0].file == "scene-002.json");
  CHECK(back.scenes[1].file == "deep/soleus.json");
  CHECK(back.scenes[2].file == "scene-001.json");

  TempDir dir;
  const fs::path file = dir / "lesson.json";
  saveLesson(lesson, file);
  CHECK(loadLesson(file) == lesson);
  // The same lesson saved again is the same text: a teacher's diff shows only what changed.
  CHECK(lessonJson(loadLesson(file)) == readAll(file));
  // Scenes are found beside the lesson; a title falls back to the file's name.
  CHECK(sceneFileOf(file, back.scenes[1]) == dir.path() / "deep" / "soleus.json");
  CHECK(sceneFileOf(file, {"/elsewhere/a.json", ""}) == fs::path("/elsewhere/a.json"));
  CHECK(sceneTitleOf(back.scenes[1]) == "soleus.json");
  CHECK(sceneTitleOf(back.scenes[0]) == "Gastrocnemius from behind");
}

TEST_CASE("a hand-written lesson needs only its format, version and scene files") {
  const Lesson lesson = parseLesson(
      R"({"format": "sura-lesson", "version": 1, "scenes": [{"file": "a.json"}, {"file": "b.json"}]})",
      "lesson.json");
  REQUIRE(lesson.scenes.size() == 2);
  CHECK(lesson.scenes[0].title.empty());
  CHECK(lesson.scenes[1].file == "b.json");
  CHECK(parseLesson(R"({"format": "sura-lesson", "version": 1})", "l.json").scenes.empty());
}

TEST_CASE("a lesson that cannot be used is refused in one line naming the field") {
  CHECK(refusal("") == "lesson.json: empty file, not a lesson (damaged?)");
  CHECK(refusal("{\"format\": \"sura-lesson\",\n \"version\": 1,") ==
        "lesson.json: damaged: not valid JSON at line 2, column 15");
  CHECK(refusal(R"({"format": "sura-scene", "version": 1})").find("format: not a Sura lesson") !=
        std::string::npos);
  CHECK(refusal(R"({"format": "sura-lesson", "version": 2})") ==
        "lesson.json: version: made by a newer Sura (lesson format 2; this Sura reads formats "
        "up to 1): update Sura to open it");
  CHECK(refusal(R"({"format": "sura-lesson", "version": 1, "scenes": [{"file": ""}]})") ==
        "lesson.json: scenes[0].file: must name a scene file");
  CHECK(refusal(R"({"format": "sura-lesson", "version": 1, "scenes": [{"fiel": "a.json"}]})") ==
        "lesson.json: scenes[0].fiel: unknown field (a typo?)");
  CHECK(refusal(R"({"format": "sura-lesson", "version": 1, "scenes": {"file": "a"}})") ==
        "lesson.json: scenes: must be a list");
  CHECK(refusal(R"({"format": "sura-lesson", "version": 1, "title": 3})") ==
        "lesson.json: title: must be text");
}

TEST_CASE("a damaged lesson, or a newer one, is never overwritten") {
  TempDir dir;
  const fs::path damaged = dir / "damaged.json";
  writeText(damaged, "{\"format\": \"sura-lesson\", \"version\": 1, \"scenes\": [");
  CHECK_THROWS_AS(saveLesson(threeScenes(), damaged), SceneError);
  CHECK(readAll(damaged) == "{\"format\": \"sura-lesson\", \"version\": 1, \"scenes\": [");
  const fs::path newer = dir / "newer.json";
  writeText(newer, R"({"format": "sura-lesson", "version": 9})");
  try {
    saveLesson(threeScenes(), newer);
    FAIL("a newer lesson was overwritten");
  } catch (const SceneError& e) {
    CHECK(std::string(e.what()).find("not overwritten") != std::string::npos);
  }
  CHECK(readAll(newer) == R"({"format": "sura-lesson", "version": 9})");
  // A folder that does not exist: the write fails, in one line.
  CHECK_THROWS_AS(saveLesson(threeScenes(), dir / "no" / "such" / "lesson.json"), FileWriteError);
  CHECK_THROWS_AS(loadLesson(dir / "missing.json"), SceneError);
}

TEST_CASE("numbered names follow the highest number and never replace a file") {
  TempDir dir;
  CHECK(nextNumberedFile(dir.path(), "sura-", 4, ".png") == dir / "sura-0001.png");
  writeText(dir / "sura-0001.png", "x");
  writeText(dir / "sura-0007.png", "x");
  writeText(dir / "sura-notes.png", "x");  // not a number: ignored
  writeText(dir / "scene-0042.json", "x"); // another prefix
  CHECK(nextNumberedFile(dir.path(), "sura-", 4, ".png") == dir / "sura-0008.png");
  CHECK(nextNumberedFile(dir.path(), "scene-", 3, ".json") == dir / "scene-043.json");
  // Past the digits asked for, the number grows.
  writeText(dir / "sura-9999.png", "x");
  CHECK(nextNumberedFile(dir.path(), "sura-", 4, ".png") == dir / "sura-10000.png");
}

TEST_CASE("typed paths and the XDG folders") {
  TempDir dir;
  const ScopedEnv home("HOME", dir.path().string());
  CHECK(typedPath("calf.json", "/data/class") == fs::path("/data/class/calf.json"));
  CHECK(typedPath("  /tmp/a.json ", "/data") == fs::path("/tmp/a.json"));
  CHECK(typedPath("~/x/a.json", "/data") == dir / "x/a.json");

  fs::create_directories(dir / "Dokumente");
  fs::create_directories(dir / ".config");
  writeText(dir / ".config" / "user-dirs.dirs",
            "# written by xdg-user-dirs-update\nXDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\n"
            "XDG_PICTURES_DIR=\"$HOME/Bilder\"\n");
  const ScopedEnv config("XDG_CONFIG_HOME", (dir / ".config").string());
  unsetenv("XDG_DOCUMENTS_DIR");
  unsetenv("XDG_PICTURES_DIR");
  CHECK(userFolder("DOCUMENTS") == dir / "Dokumente");
  CHECK(userFolder("PICTURES") == dir.path()); // Bilder does not exist: home
  fs::create_directories(dir / "pics");
  const ScopedEnv pictures("XDG_PICTURES_DIR", (dir / "pics").string());
  CHECK(userFolder("PICTURES") == dir / "pics");

  {
    const ScopedEnv data("XDG_DATA_HOME", "/var/data");
    CHECK(dataFolder() == fs::path("/var/data/sura"));
  }
  const ScopedEnv relative("XDG_DATA_HOME", "relative/ignored");
  CHECK(dataFolder() == dir / ".local/share/sura");
}
