#include "app/teaching.h"

#include "app/atomic_file.h"
#include "app/user_folders.h"
#include "app/viewer.h"
#include "scene/offscreen.h"
#include "ui/panel.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace sura {

using ui::Dialog;
using ui::TeachingAction;

namespace {

// A name typed without an extension gets ".json".
fs::path withJson(fs::path path) {
  if (!path.empty() && path.extension().empty()) {
    path += ".json";
  }
  return path;
}

std::string readText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What a dialog shows of a path: its name alone when it lies in `folder`.
std::string shownPath(const fs::path& path, const fs::path& folder) {
  return path.parent_path() == folder ? path.filename().string() : path.string();
}

std::string firstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

} // namespace

Teaching::Teaching(Viewer& viewer, bool autosave)
    : viewer_(viewer), clock_([] { return glfwGetTime(); }), autosaveOn_(autosave),
      autosavePath_(dataFolder() / "autosave.json"), folder_(userFolder("DOCUMENTS")) {
  viewer_.panel().teaching().setScreenshotFolder(userFolder("PICTURES").string());
  if (!autosaveOn_) {
    updateStatus();
    return;
  }
  // An autosave left behind: the last session did not end normally.
  std::error_code ec;
  if (fs::exists(autosavePath_, ec)) {
    try {
      SavedScene scene = loadScene(autosavePath_);
      checkScene(scene, viewer_.atlas(), autosavePath_);
      offeredText_ = readText(autosavePath_);
      offered_ = std::move(scene);
    } catch (const SceneError& e) {
      say(std::string("The autosave of the last session was ignored: ") + e.what(), true);
    }
  }
  updateStatus();
}

SavedScene Teaching::scene() const {
  SavedScene scene = viewer_.currentScene();
  scene.notes = extras_.notes;
  if (!scene.section) {
    scene.section = extras_.section;
  }
  return scene;
}

void Teaching::afterFrame() {
  ui::TeachingPanel& panel = viewer_.panel().teaching();
  for (const ui::TeachingRequest& request : panel.takeRequests()) {
    answer(static_cast<int>(request.action), request.path);
  }
  autosave();
  updateStatus();
}

void Teaching::answer(int code, const std::string& path) {
  ui::TeachingPanel& panel = viewer_.panel().teaching();
  const auto action = static_cast<TeachingAction>(code);
  if (panel.dialogOpen() && action != TeachingAction::Confirm && action != TeachingAction::Cancel) {
    return; // the dialog is modal: keys and buttons behind it wait
  }
  switch (action) {
  case TeachingAction::AskSave:
    panel.openDialog(Dialog::SaveScene,
                     nextNumberedFile(folder_, "scene-", 3, ".json").filename().string(),
                     folder_.string());
    break;
  case TeachingAction::AskOpen:
    panel.openDialog(Dialog::OpenScene, lastScene_.empty() ? "" : shownPath(lastScene_, folder_),
                     folder_.string());
    break;
  case TeachingAction::AskAddToLesson:
    if (!lessonFile_.empty()) {
      try {
        addToLesson(lessonFile_);
      } catch (const std::exception& e) {
        say(e.what(), true);
      }
    } else {
      panel.openDialog(Dialog::AddToLesson, "lesson.json", folder_.string());
    }
    break;
  case TeachingAction::Confirm:
    confirm(path);
    break;
  case TeachingAction::Cancel:
    panel.closeDialog();
    break;
  case TeachingAction::PreviousScene:
    step(-1);
    break;
  case TeachingAction::NextScene:
    step(+1);
    break;
  case TeachingAction::Screenshot:
    screenshot();
    break;
  case TeachingAction::ExportGltf:
    exportGltf();
    break;
  case TeachingAction::FullScreen:
    viewer_.setFullScreen(!viewer_.fullScreen());
    break;
  case TeachingAction::Restore:
    if (offered_) {
      viewer_.showScene(*offered_, false);
      extras_ = *offered_;
      offered_.reset();
      say("Restored the scene from the last session.");
    }
    break;
  case TeachingAction::Discard:
    if (offered_) {
      offered_.reset();
      std::error_code ec;
      if (!autosaveWritten_) {
        fs::remove(autosavePath_, ec); // not offered again after a crash before any change
      }
      say("");
    }
    break;
  }
}

void Teaching::confirm(const std::string& typed) {
  ui::TeachingPanel& panel = viewer_.panel().teaching();
  const Dialog dialog = panel.dialog();
  if (typed.find_first_not_of(" \t") == std::string::npos) {
    panel.failDialog("Type a file name, or Esc to cancel.");
    return;
  }
  fs::path path = typedPath(typed, folder_);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    panel.failDialog(path.string() + ": is a folder: type a file name after it");
    return;
  }
  try {
    if (dialog == Dialog::SaveScene) {
      path = withJson(path);
      saveScene(scene(), path);
      say("Saved the scene to " + path.string());
      lastScene_ = path;
    } else if (dialog == Dialog::OpenScene) {
      if (!fs::exists(path, ec) && fs::exists(withJson(path), ec)) {
        path = withJson(path);
      }
      SavedScene opened = loadScene(path);
      checkScene(opened, viewer_.atlas(), path);
      viewer_.showScene(opened, false);
      extras_ = opened;
      say("Opened " + path.string());
      lastScene_ = path;
    } else if (dialog == Dialog::AddToLesson) {
      addToLesson(withJson(path));
    }
  } catch (const std::exception& e) { // SceneError, FileWriteError: one line each
    panel.failDialog(e.what());
    return;
  }
  folder_ = path.parent_path();
  panel.closeDialog();
}

void Teaching::addToLesson(const fs::path& lessonFile) {
  std::error_code ec;
  Lesson lesson;
  if (fs::exists(lessonFile, ec)) {
    lesson = loadLesson(lessonFile);
  } else if (!fs::is_directory(lessonFile.parent_path(), ec)) {
    throw SceneError(lessonFile, "", "no such folder");
  }
  const fs::path sceneFile = nextNumberedFile(lessonFile.parent_path(), "scene-", 3, ".json");
  const SavedScene current = scene();
  saveScene(current, sceneFile);
  lesson.scenes.push_back({sceneFile.filename().string(), firstLine(current.notes)});
  saveLesson(lesson, lessonFile);
  lesson_ = std::move(lesson);
  lessonFile_ = lessonFile;
  step_ = lesson_.scenes.size() - 1;
  say("Added " + sceneFile.filename().string() + " to " + lessonFile.string());
}

void Teaching::openLesson(const fs::path& file) {
  Lesson lesson = loadLesson(file);
  if (lesson.scenes.empty()) {
    throw SceneError(file, "scenes", "the lesson has no scenes");
  }
  lesson_ = std::move(lesson);
  lessonFile_ = file;
  showStep(0, false);
}

void Teaching::showStep(std::size_t index, bool fly) {
  step_ = index;
  const fs::path file = sceneFileOf(lessonFile_, lesson_.scenes[index]);
  SavedScene scene = loadScene(file);
  checkScene(scene, viewer_.atlas(), file);
  viewer_.showScene(scene, fly);
  extras_ = std::move(scene);
  lastScene_ = file;
  say("");
}

void Teaching::step(int by) {
  if (lessonFile_.empty()) {
    say("No lesson open: Page Down and Page Up step through a lesson (sura --lesson FILE).");
    return;
  }
  const long next = static_cast<long>(step_) + by;
  if (next < 0) {
    say("This is the first scene of the lesson.");
    return;
  }
  if (next >= static_cast<long>(lesson_.scenes.size())) {
    say("This is the last scene of the lesson.");
    return;
  }
  try {
    showStep(static_cast<std::size_t>(next), true);
  } catch (const SceneError& e) {
    say(e.what(), true); // the step is counted: the next one can still be reached
  }
}

void Teaching::screenshot() {
  const ui::TeachingPanel& panel = viewer_.panel().teaching();
  const fs::path folder = typedPath(panel.screenshotFolder(), homeFolder());
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    say("Screenshot not written: " + folder.string() + ": no such folder", true);
    return;
  }
  const fs::path file = nextNumberedFile(folder, "sura-", 4, ".png");
  try {
    writePng(viewer_.captureView(panel.screenshotWithPanel()), file);
  } catch (const std::exception& e) {
    say(std::string("Screenshot not written: ") + e.what(), true);
    return;
  }
  lastScreenshot_ = file;
  say("Screenshot written to " + file.string());
}

void Teaching::exportGltf() {
  const ui::TeachingPanel& panel = viewer_.panel().teaching();
  const fs::path folder = typedPath(panel.screenshotFolder(), homeFolder());
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    say("Model not exported: " + folder.string() + ": no such folder", true);
    return;
  }
  const fs::path file = nextNumberedFile(folder, "sura-model-", 3, ".gltf");
  try {
    writeFileAtomically(file, viewer_.sceneGltf());
  } catch (const std::exception& e) {
    say(std::string("Model not exported: ") + e.what(), true);
    return;
  }
  lastExport_ = file;
  say("3D model written to " + file.string());
}

void Teaching::autosave() {
  if (!autosaveOn_) {
    return;
  }
  const double now = clock_();
  if (!autosavedJson_) {
    // The scene at the start (after its first frame has put the camera in place) is no
    // change worth saving.
    autosavedJson_ = sceneJson(scene());
    autosavedAt_ = now;
    return;
  }
  if (now - autosavedAt_ < kAutosaveSeconds) {
    return;
  }
  std::string json = sceneJson(scene());
  if (json == *autosavedJson_) {
    return;
  }
  autosavedAt_ = now;
  try {
    std::error_code ec;
    fs::create_directories(autosavePath_.parent_path(), ec);
    writeFileAtomically(autosavePath_, json);
    autosaveWritten_ = true;
    autosaveFailed_ = false;
  } catch (const FileWriteError& e) {
    if (!autosaveFailed_) { // said once, not every five seconds
      say(std::string("Autosave failed: ") + e.what(), true);
    }
    autosaveFailed_ = true;
  }
  autosavedJson_ = std::move(json);
}

void Teaching::endSession() {
  if (!autosaveOn_) {
    return;
  }
  std::error_code ec;
  if (offered_) {
    // Never answered: offered again next time, as it was.
    if (autosaveWritten_) {
      try {
        writeFileAtomically(autosavePath_, offeredText_);
      } catch (const FileWriteError& e) {
        std::cerr << "sura: " << e.what() << "\n";
      }
    }
    return;
  }
  fs::remove(autosavePath_, ec);
}

void Teaching::say(const std::string& note, bool error) {
  note_ = note;
  noteIsError_ = error;
}

void Teaching::updateStatus() {
  ui::TeachingStatus status;
  if (!lessonFile_.empty() && !lesson_.scenes.empty()) {
    status.lesson = "Scene " + std::to_string(step_ + 1) + " of " +
                    std::to_string(lesson_.scenes.size()) + ": " +
                    sceneTitleOf(lesson_.scenes[step_]);
    status.lessonFile = (lesson_.title.empty() ? "" : lesson_.title + ": ") + lessonFile_.string();
    status.canGoBack = step_ > 0;
    status.canGoOn = step_ + 1 < lesson_.scenes.size();
  }
  status.note = note_;
  status.noteIsError = noteIsError_;
  status.restoreOffered = offered_.has_value();
  status.fullScreen = viewer_.fullScreen();
  viewer_.panel().teaching().setStatus(std::move(status));
}

} // namespace sura
