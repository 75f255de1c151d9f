#include "app/lesson_file.h"

#include "app/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace sura {

namespace {

std::string text(const Json& object, const char* key, const fs::path& file,
                 const std::string& field) {
  const auto it = object.find(key);
  if (it == object.end()) {
    return {};
  }
  if (!it->is_string()) {
    throw SceneError(file, field, "must be text");
  }
  return it->get<std::string>();
}

void onlyKeys(const Json& object, std::initializer_list<const char*> keys, const fs::path& file,
              const std::string& parent) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (const char* key : keys) {
      known = known || item.key() == key;
    }
    if (!known) {
      throw SceneError(file, parent.empty() ? item.key() : parent + "." + item.key(),
                       "unknown field (a typo?)");
    }
  }
}

} // namespace

bool operator==(const Lesson& a, const Lesson& b) {
  if (a.title != b.title || a.scenes.size() != b.scenes.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.scenes.size(); ++i) {
    if (a.scenes[i].file != b.scenes[i].file || a.scenes[i].title != b.scenes[i].title) {
      return false;
    }
  }
  return true;
}

std::string lessonJson(const Lesson& lesson) {
  Json scenes = Json::array();
  for (const LessonScene& scene : lesson.scenes) {
    scenes.push_back({{"file", scene.file}, {"title", scene.title}});
  }
  const Json root = {{"format", kLessonFormat},
                     {"version", kLessonVersion},
                     {"title", lesson.title},
                     {"scenes", std::move(scenes)}};
  return root.dump(2) + "\n";
}

Lesson parseLesson(const std::string& content, const fs::path& file) {
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw SceneError(file, "", "empty file, not a lesson (damaged?)");
  }
  Json root;
  try {
    root = Json::parse(content);
  } catch (const Json::parse_error& e) {
    throw SceneError(file, "",
                     "damaged: not valid JSON at " +
                         lineAndColumn(content, e.byte == 0 ? 0 : e.byte - 1));
  }
  if (!root.is_object()) {
    throw SceneError(file, "", "not a Sura lesson (the file is not a JSON object)");
  }
  const auto format = root.find("format");
  if (format == root.end() || !format->is_string() || *format != kLessonFormat) {
    throw SceneError(file, "format",
                     std::string("not a Sura lesson (\"format\" must be \"") + kLessonFormat +
                         "\")");
  }
  const auto version = root.find("version");
  if (version == root.end() || !version->is_number_integer() || *version < 1) {
    throw SceneError(file, "version", "must be a whole number from 1");
  }
  if (*version > kLessonVersion) {
    throw SceneError(file, "version",
                     "made by a newer Sura (lesson format " +
                         std::to_string(version->get<long long>()) +
                         "; this Sura reads formats up to " + std::to_string(kLessonVersion) +
                         "): update Sura to open it");
  }
  onlyKeys(root, {"format", "version", "title", "scenes"}, file, "");
  Lesson lesson;
  lesson.title = text(root, "title", file, "title");
  const auto scenes = root.find("scenes");
  if (scenes == root.end()) {
    return lesson;
  }
  if (!scenes->is_array()) {
    throw SceneError(file, "scenes", "must be a list");
  }
  for (std::size_t i = 0; i < scenes->size(); ++i) {
    const std::string field = "scenes[" + std::to_string(i) + "]";
    const Json& item = (*scenes)[i];
    if (!item.is_object()) {
      throw SceneError(file, field, "must be an object with \"file\" and \"title\"");
    }
    onlyKeys(item, {"file", "title"}, file, field);
    LessonScene scene;
    scene.file = text(item, "file", file, field + ".file");
    if (scene.file.empty()) {
      throw SceneError(file, field + ".file", "must name a scene file");
    }
    scene.title = text(item, "title", file, field + ".title");
    lesson.scenes.push_back(std::move(scene));
  }
  return lesson;
}

Lesson loadLesson(const fs::path& file) {
  return parseLesson(readSceneText(file, "lesson"), file);
}

void saveLesson(const Lesson& lesson, const fs::path& file) {
  writeOverReadable(file, "lesson", lessonJson(lesson), [](const fs::path& f) { loadLesson(f); });
}

fs::path sceneFileOf(const fs::path& lessonFile, const LessonScene& scene) {
  const fs::path path(scene.file);
  return path.is_absolute() ? path : lessonFile.parent_path() / path;
}

std::string sceneTitleOf(const LessonScene& scene) {
  return scene.title.empty() ? fs::path(scene.file).filename().string() : scene.title;
}

} // namespace sura
