// What a teacher uses in class, in the panel: saving and opening scenes (a small dialog with a
// path field: ImGui 1.86 has no file dialog), the lesson being stepped through, screenshots,
// full screen, and the offer to restore the scene of a session that did not end. ImGui only:
// it knows no files and no window; the app does what it asks (takeRequests) and says what
// happened (setStatus, failDialog).
#pragma once

#include "ui/widgets.h"

#include <array>
#include <string>
#include <vector>

namespace sura::ui {

/// What the person asked for.
enum class TeachingAction {
  AskSave,        ///< Ctrl+S or the button: open the save dialog
  AskOpen,        ///< Ctrl+O or the button
  AskAddToLesson, ///< add the scene shown to the lesson (the app asks for a lesson file if none)
  Confirm,        ///< Enter or the dialog's button: `path` as typed
  Cancel,         ///< Esc or the dialog's Cancel
  PreviousScene,  ///< Page Up
  NextScene,      ///< Page Down
  Screenshot,     ///< F12
  ExportGltf,     ///< the scene as a glTF file, into the screenshot folder
  FullScreen,     ///< F11
  Restore,        ///< restore the scene of the last session
  Discard,        ///< forget it
};

struct TeachingRequest {
  TeachingAction action = TeachingAction::AskSave;
  std::string path; ///< Confirm: the path field as typed
};

/// What the app has to show, set before each frame.
struct TeachingStatus {
  std::string lesson;     ///< "Scene 2 of 5: The soleus"; empty without a lesson
  std::string lessonFile; ///< the lesson open, as a path
  bool canGoBack = false;
  bool canGoOn = false;
  std::string note; ///< one line: what the last save, open or screenshot did
  bool noteIsError = false;
  bool restoreOffered = false; ///< an autosave of a session that did not end is waiting
  bool fullScreen = false;
};

/// The dialog shown over everything (modal), if any.
enum class Dialog { None, SaveScene, OpenScene, AddToLesson };

class TeachingPanel {
public:
  void setStatus(TeachingStatus status) { status_ = std::move(status); }
  const TeachingStatus& status() const { return status_; }

  /// Opens a dialog with `path` in its field; the field takes the keyboard, and what is typed
  /// first replaces the whole path (a name alone is taken in the folder the dialog names).
  void openDialog(Dialog dialog, const std::string& path, const std::string& folder);
  /// The confirmed path could not be used: the dialog stays, saying why in one line.
  void failDialog(const std::string& error);
  void closeDialog();
  Dialog dialog() const { return dialog_; }
  bool dialogOpen() const { return dialog_ != Dialog::None; }
  const std::string& dialogError() const { return error_; }
  std::string dialogPath() const { return path_.data(); }

  bool screenshotWithPanel() const { return withPanel_; }
  void setScreenshotWithPanel(bool with) { withPanel_ = with; }
  std::string screenshotFolder() const { return folder_.data(); }
  void setScreenshotFolder(const std::string& folder);

  /// Above the tabs, only when there is something to say: the offer to restore; the lesson's
  /// step and the last note unless the Teaching tab is open (it shows them at its foot).
  /// Remembers "teaching:restore", "teaching:discard".
  void drawStatus(ItemMap& items, bool teachingTabOpen);
  /// The Teaching tab: its buttons, then what changes as they are used (the lesson's file and
  /// step, the last note), last. Remembers "teaching:save", "teaching:open",
  /// "teaching:previous", "teaching:next", "teaching:add_to_lesson", "teaching:screenshot",
  /// "teaching:with_panel", "teaching:folder", "teaching:export_gltf", "teaching:full_screen".
  void drawTab(ItemMap& items);
  /// The dialog, at the top level of the frame. Remembers "dialog:path", "dialog:ok",
  /// "dialog:cancel".
  void drawDialog(ItemMap& items);

  /// The requests of this frame, in order; taken off.
  std::vector<TeachingRequest> takeRequests();
  /// Asks as the keys do (the app reads Ctrl+S, Ctrl+O, Page Up/Down, F11, F12).
  void request(TeachingAction action) { requests_.push_back({action, {}}); }

private:
  void drawLessonAndNote() const;
  TeachingStatus status_;
  std::vector<TeachingRequest> requests_;
  Dialog dialog_ = Dialog::None;
  bool popupOpen_ = false;
  bool focusField_ = false;
  bool fieldTouched_ = false; ///< the field was active or typed into since the dialog opened
  std::array<char, 1024> path_{};
  std::string dialogFolder_;
  std::string error_;
  bool withPanel_ = false;
  std::array<char, 1024> folder_{};
};

} // namespace sura::ui
