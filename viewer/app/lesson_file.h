// Lessons: an ordered list of saved scenes a teacher steps through in class (Page Down, Page
// Up), in a JSON file beside them (docs/scene-format.md, "Lesson files"). Pure data and
// files: no VTK, no GL, no ImGui. Problems are SceneErrors, one line naming the file and the
// field, as for scenes; saving is atomic and never replaces a file it could not read back.
#pragma once

#include "app/scene_file.h"

#include <filesystem>
#include <string>
#include <vector>

namespace sura {

/// "format" of every lesson file.
inline constexpr const char* kLessonFormat = "sura-lesson";
/// The lesson format this Sura writes and the newest it reads.
inline constexpr int kLessonVersion = 1;

/// One step of a lesson: a scene file, relative to the lesson file's folder (or absolute).
struct LessonScene {
  std::string file;
  std::string title; ///< empty: the file's name is shown
};

struct Lesson {
  std::string title;
  std::vector<LessonScene> scenes; ///< in the order they are shown
};

bool operator==(const Lesson& a, const Lesson& b);
inline bool operator!=(const Lesson& a, const Lesson& b) {
  return !(a == b);
}

/// The lesson as the JSON text of a file (2-space indent, keys in a fixed order).
std::string lessonJson(const Lesson& lesson);

/// Parses the text of a lesson file; `file` only names it in messages. Throws SceneError.
Lesson parseLesson(const std::string& text, const std::filesystem::path& file);

/// Reads and parses a lesson file. Throws SceneError (also for a missing or unreadable file).
Lesson loadLesson(const std::filesystem::path& file);

/// Saves atomically; an existing file is replaced only when it is a lesson this Sura reads
/// (SceneError otherwise, the file untouched). Write failures throw FileWriteError.
void saveLesson(const Lesson& lesson, const std::filesystem::path& file);

/// Where step `scene` of a lesson saved as `lessonFile` is: relative to the lesson's folder.
std::filesystem::path sceneFileOf(const std::filesystem::path& lessonFile,
                                  const LessonScene& scene);

/// What the panel calls a step: its title, else its file's name.
std::string sceneTitleOf(const LessonScene& scene);

} // namespace sura
