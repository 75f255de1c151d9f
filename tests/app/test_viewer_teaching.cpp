// The viewer in class, driven as a person drives it (keys and clicks through the InputQueue,
// as the GLFW callbacks record them): Ctrl+S and Ctrl+O, a save that fails, the autosave
// and its offer after a session that did not end, a lesson stepped through with Page Down
// and Page Up, numbered screenshots, F11. A hidden window on the bundled atlas, with the
// user's folders in a temporary folder.
#include "app/lesson_file.h"
#include "app/scene_file.h"
#include "app/teaching.h"
#include "app/viewer.h"
#include "fixture/fixture_atlas.h"
#include "scene/offscreen.h"
#include "scene/scene.h"
#include "ui/panel.h"
#include "viewer_driver.h"

#include <vtkCamera.h>

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;
using namespace sura;
using sura::test::readAll;
using sura::test::TempDir;

namespace {

// The user's folders (documents, pictures, Sura's data) in a temporary folder, for the scope.
struct UserFolders {
  TempDir dir;
  fs::path documents = dir.path() / "Documents";
  fs::path pictures = dir.path() / "Pictures";
  fs::path data = dir.path() / "data";
  UserFolders() {
    fs::create_directories(documents);
    fs::create_directories(pictures);
    setenv("XDG_DOCUMENTS_DIR", documents.c_str(), 1);
    setenv("XDG_PICTURES_DIR", pictures.c_str(), 1);
    setenv("XDG_DATA_HOME", data.c_str(), 1);
  }
  ~UserFolders() {
    unsetenv("XDG_DOCUMENTS_DIR");
    unsetenv("XDG_PICTURES_DIR");
    unsetenv("XDG_DATA_HOME");
  }
  fs::path autosave() const { return data / "sura" / "autosave.json"; }
};

std::unique_ptr<Viewer> openTeachingViewer(bool autosave = false) {
  ViewerOptions options = test::hiddenViewer(test::kWindowWidth, test::kWindowHeight);
  options.autosave = autosave;
  auto viewer = std::make_unique<Viewer>(test::bundledLoaded(), AppState{}, options);
  viewer->frame();
  viewer->frame();
  return viewer;
}

// A left drag across the 3D view: the camera turns.
void orbit(Viewer& viewer, double dx) {
  const double x = test::centreOfView(viewer);
  viewer.input().cursorPos(x, test::kWindowHeight / 2.0);
  viewer.frame();
  viewer.input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
  viewer.frame();
  for (int i = 1; i <= 4; ++i) {
    viewer.input().cursorPos(x + dx * i / 4, test::kWindowHeight / 2.0 + 10.0 * i);
    viewer.frame();
  }
  viewer.input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
  test::drainInput(viewer);
}

// The scene without its camera, and the camera apart: a camera put back goes through VTK,
// which may round its last digit.
SavedScene withoutCamera(SavedScene scene) {
  scene.camera.reset();
  return scene;
}

void checkSameCamera(const SavedScene& a, const SavedScene& b) {
  REQUIRE(a.camera);
  REQUIRE(b.camera);
  CHECK(glm::length(a.camera->position - b.camera->position) < 1e-9);
  CHECK(glm::length(a.camera->focalPoint - b.camera->focalPoint) < 1e-9);
  CHECK(glm::length(a.camera->viewUp - b.camera->viewUp) < 1e-12);
}

// A state a class could reach, set through the commands the panel issues, the camera turned.
void classroomState(Viewer& viewer) {
  viewer.issue(command::SetSide{Side::Left});
  viewer.issue(command::SetView{ViewPreset::Oblique});
  viewer.issue(command::SetOpacity{"gastrocnemius", 0.35f});
  viewer.issue(command::Peel{});
  viewer.issue(command::Select{"soleus"});
  viewer.issue(command::ShowTriggerPoints{{"soleus_trp1"}, true});
  test::drainInput(viewer);
  orbit(viewer, 120.0);
}

} // namespace

TEST_CASE("Ctrl+S saves the scene, Ctrl+O opens it again: state and camera exactly") {
  UserFolders folders;
  auto viewer = openTeachingViewer();
  classroomState(*viewer);
  const SavedScene before = viewer->currentScene();
  REQUIRE_FALSE(before.atView); // the orbit turned the camera away from the preset

  test::tapKey(*viewer, GLFW_KEY_S, GLFW_MOD_CONTROL);
  ui::TeachingPanel& dialog = viewer->panel().teaching();
  REQUIRE(dialog.dialog() == ui::Dialog::SaveScene);
  CHECK(dialog.dialogPath() == "scene-001.json"); // numbered, in the documents folder
  CHECK(viewer->panel().items().count("dialog:path") == 1);
  test::tapKey(*viewer, GLFW_KEY_ENTER);
  CHECK_FALSE(dialog.dialogOpen());
  const fs::path file = folders.documents / "scene-001.json";
  REQUIRE(fs::exists(file));
  CHECK(viewer->teaching().note() == "Saved the scene to " + file.string());
  CHECK(withoutCamera(loadScene(file)) == withoutCamera(before));

  // Typing while the dialog is open names the file; what is typed is no shortcut (P would
  // peel, L switch legs).
  test::tapKey(*viewer, GLFW_KEY_S, GLFW_MOD_CONTROL);
  CHECK(dialog.dialogPath() == "scene-002.json");
  test::typeText(*viewer, "lpcalf");
  CHECK(dialog.dialogPath() == "lpcalf");
  test::tapKey(*viewer, GLFW_KEY_ENTER);
  CHECK(fs::exists(folders.documents / "lpcalf.json"));
  CHECK(viewer->state().side == Side::Left);
  CHECK(viewer->state().peeled.size() == 1);

  // Everything changed, then the first file opened again.
  viewer->issue(command::Reset{});
  viewer->issue(command::SetSide{Side::Right});
  test::drainInput(*viewer);
  orbit(*viewer, -200.0);
  REQUIRE(withoutCamera(viewer->currentScene()) != withoutCamera(before));
  test::tapKey(*viewer, GLFW_KEY_O, GLFW_MOD_CONTROL);
  REQUIRE(dialog.dialog() == ui::Dialog::OpenScene);
  CHECK(dialog.dialogPath() == "lpcalf.json"); // the last file saved
  test::typeText(*viewer, "scene-001");        // found with its .json
  test::tapKey(*viewer, GLFW_KEY_ENTER);
  CHECK_FALSE(dialog.dialogOpen());
  const SavedScene after = viewer->currentScene();
  CHECK(withoutCamera(after) == withoutCamera(before));
  checkSameCamera(after, before);
  // Drawn as it says: the leg, the camera where it stood.
  CHECK(viewer->scene().side() == Side::Left);
  double p[3];
  viewer->camera()->GetPosition(p);
  CHECK(glm::length(glm::dvec3(p[0], p[1], p[2]) - before.camera->position) < 1e-9);

  // The panel's buttons open the same dialogs; Esc closes them and changes nothing.
  test::clickPanelItem(*viewer, "tab:teaching");
  test::clickPanelItem(*viewer, "teaching:save");
  CHECK(dialog.dialog() == ui::Dialog::SaveScene);
  test::tapKey(*viewer, GLFW_KEY_ESCAPE);
  CHECK_FALSE(dialog.dialogOpen());
  CHECK_FALSE(fs::exists(folders.documents / "scene-003.json"));
  CHECK(viewer->state().selected == "soleus"); // Esc left the selection alone
}

TEST_CASE("a save that fails says why in the dialog and changes nothing") {
  UserFolders folders;
  auto viewer = openTeachingViewer();
  classroomState(*viewer);
  const SavedScene before = viewer->currentScene();
  ui::TeachingPanel& dialog = viewer->panel().teaching();

  // Into a folder that cannot be written (here: one that does not exist).
  test::tapKey(*viewer, GLFW_KEY_S, GLFW_MOD_CONTROL);
  const fs::path unwritable = folders.dir.path() / "no-such-folder" / "calf.json";
  test::typeText(*viewer, unwritable.string());
  test::tapKey(*viewer, GLFW_KEY_ENTER);
  REQUIRE(dialog.dialogOpen());
  CHECK(dialog.dialogError().find(unwritable.string() + ": could not save") == 0);
  CHECK(dialog.dialogError().find('\n') == std::string::npos); // one line
  CHECK_FALSE(fs::exists(unwritable));
  CHECK(withoutCamera(viewer->currentScene()) == withoutCamera(before));
  checkSameCamera(viewer->currentScene(), before);

  // Over a damaged scene: refused, the file left as it was.
  const fs::path damaged = folders.documents / "damaged.json";
  std::ofstream(damaged) << "{\"format\": \"sura-scene\", \"version\": 1, \"view\": ";
  test::tapKey(*viewer, GLFW_KEY_A, GLFW_MOD_CONTROL); // select all, as a person would
  test::typeText(*viewer, "damaged.json");
  test::tapKey(*viewer, GLFW_KEY_ENTER);
  REQUIRE(dialog.dialogOpen());
  CHECK(dialog.dialogError().find("not overwritten") != std::string::npos);
  CHECK(readAll(damaged) == "{\"format\": \"sura-scene\", \"version\": 1, \"view\": ");
  test::tapKey(*viewer, GLFW_KEY_ESCAPE);
  CHECK_FALSE(dialog.dialogOpen());

  // Opening the damaged file: refused in the dialog, the scene shown stays.
  test::tapKey(*viewer, GLFW_KEY_O, GLFW_MOD_CONTROL);
  test::typeText(*viewer, "damaged.json");
  test::tapKey(*viewer, GLFW_KEY_ENTER);
  REQUIRE(dialog.dialogOpen());
  CHECK(dialog.dialogError().find("damaged") != std::string::npos);
  CHECK(withoutCamera(viewer->currentScene()) == withoutCamera(before));
  test::tapKey(*viewer, GLFW_KEY_ESCAPE);
}

TEST_CASE("the autosave: written after a change, offered after a session that did not end") {
  UserFolders folders;
  double now = 1000.0;
  {
    auto viewer = openTeachingViewer(true);
    viewer->teaching().setClock([&] { return now; });
    CHECK(viewer->teaching().autosavePath() == folders.autosave());
    CHECK_FALSE(viewer->teaching().restoreOffered());
    viewer->frame();
    now += 10.0;
    viewer->frame();
    CHECK_FALSE(fs::exists(folders.autosave())); // nothing changed: nothing written
    viewer->issue(command::SetVisible{"skin", false});
    viewer->frame();
    REQUIRE(fs::exists(folders.autosave())); // 10 s since the start
    CHECK(loadScene(folders.autosave()).hidden.count("skin") == 1);
    // Not more often than every 5 s, and only when changed.
    viewer->issue(command::SetVisible{"fibula", false});
    now += 2.0;
    viewer->frame();
    CHECK(loadScene(folders.autosave()).hidden.count("fibula") == 0);
    now += 3.5;
    viewer->frame();
    CHECK(loadScene(folders.autosave()).hidden.count("fibula") == 1);
    // The viewer goes without ending its session: a crash.
  }
  {
    auto viewer = openTeachingViewer(true);
    CHECK(viewer->teaching().restoreOffered());
    CHECK(viewer->state().hidden.empty());
    viewer->frame();
    test::clickPanelItem(*viewer, "teaching:restore");
    CHECK_FALSE(viewer->teaching().restoreOffered());
    CHECK(viewer->state().hidden == std::set<std::string>{"fibula", "skin"});
    viewer->endSession(); // a normal exit
    CHECK_FALSE(fs::exists(folders.autosave()));
  }
  {
    auto viewer = openTeachingViewer(true);
    CHECK_FALSE(viewer->teaching().restoreOffered()); // the last session ended normally
    CHECK(viewer->panel().items().count("teaching:restore") == 0);
  }
  // A damaged autosave is passed over with a note.
  fs::create_directories(folders.autosave().parent_path());
  std::ofstream(folders.autosave()) << "{\"format\": \"sura-scene\", \"vers";
  {
    auto viewer = openTeachingViewer(true);
    CHECK_FALSE(viewer->teaching().restoreOffered());
    CHECK(viewer->teaching().note().find("The autosave of the last session was ignored: ") == 0);
    CHECK(viewer->teaching().note().find("damaged") != std::string::npos);
    CHECK(viewer->state().hidden.empty());
  }
  // Offered and not answered: offered again after a normal exit.
  fs::remove(folders.autosave());
  {
    auto viewer = openTeachingViewer(true);
    viewer->teaching().setClock([&] { return now; });
    viewer->frame();
    viewer->issue(command::Select{"tibia"});
    now += 6.0;
    viewer->frame();
    REQUIRE(fs::exists(folders.autosave()));
  }
  {
    auto viewer = openTeachingViewer(true);
    viewer->teaching().setClock([&] { return now; });
    REQUIRE(viewer->teaching().restoreOffered());
    viewer->frame();
    viewer->issue(command::Select{"fibula"});
    now += 6.0;
    viewer->frame(); // this session's autosave replaces the file meanwhile
    CHECK(loadScene(folders.autosave()).selected == "fibula");
    viewer->endSession();
    CHECK(loadScene(folders.autosave()).selected == "tibia");
  }
  // An autosave off (sura render, tests): nothing read, nothing written.
  {
    auto viewer = openTeachingViewer(false);
    CHECK_FALSE(viewer->teaching().restoreOffered());
  }
}

TEST_CASE(
    "a lesson: Page Down and Page Up step through its scenes in order, stopping at the ends") {
  UserFolders folders;
  const fs::path lessonDir = folders.documents / "week3";
  fs::create_directories(lessonDir / "more");
  const Atlas& atlas = test::bundledLoaded().atlas;
  Lesson lesson;
  lesson.title = "The calf";
  const ViewPreset views[] = {ViewPreset::Posterior, ViewPreset::Lateral, ViewPreset::Medial};
  const char* files[] = {"a.json", "more/b.json", "c.json"};
  for (int i = 0; i < 3; ++i) {
    AppState state;
    apply(state, atlas, command::SetView{views[i]});
    apply(state, atlas, command::Select{i == 1 ? "soleus" : "tibia"});
    saveScene(sceneOf(state, atlas), lessonDir / files[i]);
    lesson.scenes.push_back({files[i], i == 1 ? "Soleus from the side" : ""});
  }
  saveLesson(lesson, lessonDir / "lesson.json");

  auto viewer = openTeachingViewer();
  viewer->teaching().openLesson(lessonDir / "lesson.json");
  test::drainInput(*viewer);
  const auto& status = viewer->panel().teaching().status();
  CHECK(viewer->teaching().lessonStep() == 0);
  CHECK(viewer->state().view == ViewPreset::Posterior);
  CHECK(status.lesson == "Scene 1 of 3: a.json");
  test::tapKey(*viewer, GLFW_KEY_PAGE_DOWN);
  CHECK(viewer->teaching().lessonStep() == 1);
  CHECK(viewer->state().view == ViewPreset::Lateral);
  CHECK(viewer->state().selected == "soleus");
  CHECK(status.lesson == "Scene 2 of 3: Soleus from the side");
  test::tapKey(*viewer, GLFW_KEY_PAGE_DOWN);
  CHECK(viewer->state().view == ViewPreset::Medial);
  test::tapKey(*viewer, GLFW_KEY_PAGE_DOWN); // the end: stays
  CHECK(viewer->teaching().lessonStep() == 2);
  CHECK(viewer->state().view == ViewPreset::Medial);
  CHECK(viewer->teaching().note() == "This is the last scene of the lesson.");
  test::tapKey(*viewer, GLFW_KEY_PAGE_UP);
  CHECK(viewer->state().view == ViewPreset::Lateral);
  test::tapKey(*viewer, GLFW_KEY_PAGE_UP);
  test::tapKey(*viewer, GLFW_KEY_PAGE_UP); // the start: stays
  CHECK(viewer->teaching().lessonStep() == 0);
  CHECK(viewer->state().view == ViewPreset::Posterior);
  CHECK(viewer->teaching().note() == "This is the first scene of the lesson.");

  // The camera goes where the view puts it, as the view button would.
  test::tapKey(*viewer, GLFW_KEY_PAGE_DOWN);
  double p[3], f[3];
  viewer->camera()->GetPosition(p);
  viewer->camera()->GetFocalPoint(f);
  CHECK(std::abs(p[0] - f[0]) > std::abs(p[1] - f[1])); // from the side

  // "Add current scene to lesson" saves the scene beside the lesson and appends it.
  viewer->issue(command::SetView{ViewPreset::Inferior});
  test::drainInput(*viewer);
  test::clickPanelItem(*viewer, "tab:teaching");
  test::clickPanelItem(*viewer, "teaching:add_to_lesson");
  const Lesson saved = loadLesson(lessonDir / "lesson.json");
  REQUIRE(saved.scenes.size() == 4);
  CHECK(saved.title == "The calf");
  CHECK(saved.scenes[1].file == "more/b.json");
  CHECK(saved.scenes[3].file == "scene-001.json");
  CHECK(loadScene(lessonDir / "scene-001.json").view == ViewPreset::Inferior);
  CHECK(viewer->teaching().lessonStep() == 3);
  CHECK(status.lesson == "Scene 4 of 4: scene-001.json");
  test::tapKey(*viewer, GLFW_KEY_PAGE_UP);
  CHECK(viewer->state().view == ViewPreset::Medial);
}

TEST_CASE("a new lesson is started by adding the scene shown") {
  UserFolders folders;
  auto viewer = openTeachingViewer();
  viewer->issue(command::SetView{ViewPreset::Anterior});
  test::drainInput(*viewer);
  test::clickPanelItem(*viewer, "tab:teaching");
  const ui::ItemRect addButton = viewer->panel().items().at("teaching:add_to_lesson");
  test::clickPanelItem(*viewer, "teaching:add_to_lesson");
  ui::TeachingPanel& dialog = viewer->panel().teaching();
  REQUIRE(dialog.dialog() == ui::Dialog::AddToLesson);
  CHECK(dialog.dialogPath() == "lesson.json");
  test::tapKey(*viewer, GLFW_KEY_ENTER); // at once, before the field has taken the keyboard
  CAPTURE(dialog.dialogError());
  REQUIRE_FALSE(dialog.dialogOpen());
  const Lesson lesson = loadLesson(folders.documents / "lesson.json");
  REQUIRE(lesson.scenes.size() == 1);
  CHECK(loadScene(folders.documents / lesson.scenes[0].file).view == ViewPreset::Anterior);
  // The next one is added without asking again, by a click where the button was: the
  // lesson's step and the note that now show do not move it.
  viewer->issue(command::SetView{ViewPreset::Lateral});
  test::drainInput(*viewer);
  const ui::ItemRect now = viewer->panel().items().at("teaching:add_to_lesson");
  CHECK(now.centerY() == addButton.centerY());
  viewer->input().cursorPos(addButton.centerX(), addButton.centerY());
  viewer->frame();
  viewer->input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
  viewer->frame();
  viewer->input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
  test::drainInput(*viewer);
  CHECK_FALSE(dialog.dialogOpen());
  CHECK(loadLesson(folders.documents / "lesson.json").scenes.size() == 2);
}

TEST_CASE("F12 writes numbered screenshots, never over a file; F11 toggles full screen") {
  UserFolders folders;
  auto viewer = openTeachingViewer();
  test::tapKey(*viewer, GLFW_KEY_F12);
  const fs::path first = folders.pictures / "sura-0001.png";
  REQUIRE(fs::exists(first));
  CHECK(viewer->teaching().note() == "Screenshot written to " + first.string());
  const Image view = readPng(first);
  CHECK(view.width == test::kWindowWidth - viewer->panelPixels()); // the 3D view alone
  CHECK(view.height == test::kWindowHeight);
  std::ofstream(folders.pictures / "sura-0005.png") << "a picture of someone else's";
  test::tapKey(*viewer, GLFW_KEY_F12);
  CHECK(fs::exists(folders.pictures / "sura-0006.png"));
  CHECK(readAll(folders.pictures / "sura-0005.png") == "a picture of someone else's");
  // With the panel: the whole window.
  test::clickPanelItem(*viewer, "tab:teaching");
  test::clickPanelItem(*viewer, "teaching:with_panel");
  REQUIRE(viewer->panel().teaching().screenshotWithPanel());
  test::clickPanelItem(*viewer, "teaching:screenshot");
  const Image whole = readPng(folders.pictures / "sura-0007.png");
  CHECK(whole.width == test::kWindowWidth);
  CHECK(whole.height == test::kWindowHeight);
  CHECK(readPng(first).rgb == view.rgb); // the first one untouched
  // A folder that does not exist: a note, no crash.
  viewer->panel().teaching().setScreenshotFolder((folders.dir.path() / "none").string());
  test::tapKey(*viewer, GLFW_KEY_F12);
  CHECK(viewer->teaching().note().find("Screenshot not written: ") == 0);

  CHECK_FALSE(viewer->fullScreen());
  test::tapKey(*viewer, GLFW_KEY_F11);
  CHECK(viewer->fullScreen());
  CHECK(viewer->panel().teaching().status().fullScreen);
  test::tapKey(*viewer, GLFW_KEY_F11);
  CHECK_FALSE(viewer->fullScreen());
}
