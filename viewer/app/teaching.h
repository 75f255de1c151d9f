// The viewer in class: Ctrl+S and Ctrl+O save and open scenes through the panel's dialog, a
// lesson is stepped through with Page Down and Page Up (the camera flying between its
// scenes), F12 writes a screenshot, F11 toggles full screen, and the scene is autosaved so
// that a session that did not end (a crash, a pulled plug) can be restored at the next start.
// The panel's TeachingPanel asks (ui/teaching_panel.h); this answers, with files.
#pragma once

#include "app/lesson_file.h"
#include "app/scene_file.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace sura {

class Viewer;

/// Autosave: at most this often, and only when the scene changed.
inline constexpr double kAutosaveSeconds = 5.0;

class Teaching {
public:
  /// `autosave`: the scene is autosaved into autosavePath() and a waiting autosave (a session
  /// that did not end) is offered back; off for `sura render` and most tests.
  Teaching(Viewer& viewer, bool autosave);

  /// Answers the panel's requests of the frame just shown, autosaves when due, and tells the
  /// panel what to show next. Called after each frame.
  void afterFrame();
  /// The session ends normally: the autosave is removed (or, when its offer was never
  /// answered, the previous session's is put back, to be offered again).
  void endSession();

  /// Opens a lesson at its first scene (`sura --lesson`). Throws SceneError for a lesson or a
  /// first scene that cannot be used.
  void openLesson(const std::filesystem::path& file);
  /// The lesson open: its file (empty when none), the scene shown (0-based) and how many.
  const std::filesystem::path& lessonFile() const { return lessonFile_; }
  const Lesson& lesson() const { return lesson_; }
  std::size_t lessonStep() const { return step_; }

  /// $XDG_DATA_HOME/sura/autosave.json (else ~/.local/share/sura/autosave.json).
  std::filesystem::path autosavePath() const { return autosavePath_; }
  /// Whether a previous session's scene is offered back.
  bool restoreOffered() const { return offered_.has_value(); }

  /// Where a dialog's name alone is taken (documents, else home; then the last used).
  const std::filesystem::path& folder() const { return folder_; }
  void setFolder(const std::filesystem::path& folder) { folder_ = folder; }
  /// The last scene file saved or opened.
  const std::filesystem::path& lastSceneFile() const { return lastScene_; }
  /// The last screenshot written; empty when none.
  const std::filesystem::path& lastScreenshot() const { return lastScreenshot_; }
  /// The last glTF file exported (into the screenshot folder); empty when none.
  const std::filesystem::path& lastExport() const { return lastExport_; }
  /// The one-line note shown in the panel.
  const std::string& note() const { return note_; }

  /// Seconds for autosave timing (glfwGetTime by default); tests set their own.
  void setClock(std::function<double()> clock) { clock_ = std::move(clock); }

  /// The scene shown (its labels and pins are the state's), with the notes and section of the
  /// scene it was opened from (the viewer does not show those yet; a save keeps them).
  SavedScene scene() const;

private:
  void answer(int action, const std::string& path);
  void confirm(const std::string& typed);
  void addToLesson(const std::filesystem::path& lessonFile);
  void showStep(std::size_t step, bool fly);
  void step(int by);
  void screenshot();
  void exportGltf();
  void autosave();
  void say(const std::string& note, bool error = false);
  void updateStatus();

  Viewer& viewer_;
  std::function<double()> clock_;
  bool autosaveOn_ = false;
  std::filesystem::path autosavePath_;
  std::optional<std::string> autosavedJson_; ///< what the autosave holds (or the start scene)
  double autosavedAt_ = 0.0;
  bool autosaveWritten_ = false;
  bool autosaveFailed_ = false;
  std::optional<SavedScene> offered_;
  std::string offeredText_;

  std::filesystem::path folder_;
  std::filesystem::path lastScene_;
  std::filesystem::path lastScreenshot_;
  std::filesystem::path lastExport_;
  SavedScene extras_; ///< notes and section of the scene opened last
  Lesson lesson_;
  std::filesystem::path lessonFile_;
  std::size_t step_ = 0;
  std::string note_;
  bool noteIsError_ = false;
};

} // namespace sura
