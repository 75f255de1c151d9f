// Pins in the viewer, driven as a person drives them: the Pins tab's pin tool and a click on
// the leg, typing the note, Move and a second click, Frame, Delete; drawn where they are on
// either leg, and kept exactly through a saved scene. A hidden window on the bundled atlas;
// needs an X display (Xvfb).
#include "app/scene_file.h"
#include "app/viewer.h"
#include "meshio/load_atlas.h"
#include "scene/pin_drawing.h"
#include "scene/scene.h"
#include "ui/panel.h"
#include "viewer_driver.h"

#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <glm/geometric.hpp>

using namespace sura;

namespace {

// A pixel of the 3D view (right of the panel) at shares of its width and height.
glm::dvec2 inView(Viewer& viewer, double x, double y) {
  const double panel = viewer.panelPixels();
  return {panel + x * (test::kWindowWidth - panel), y * test::kWindowHeight};
}

} // namespace

TEST_CASE(
    "the pin tool pins a note where the leg is clicked; it is typed, moved, framed, deleted") {
  Viewer viewer = test::openBundledViewer();
  test::drainInput(viewer);
  test::clickPanelItem(viewer, "tab:pins");
  test::clickPanelItem(viewer, "pins:tool");
  REQUIRE(viewer.state().pinTool);

  const glm::dvec2 at = inView(viewer, 0.5, 0.4);
  test::clickAt(viewer, at.x, at.y);
  REQUIRE(viewer.state().pins.size() == 1);
  const Pin first = viewer.state().pins[0];
  CHECK(first.structure == "skin");       // from behind, the skin is what the click lands on
  CHECK(first.normal.y < 0.0);            // it faces the camera, behind the leg
  REQUIRE(first.location);                // measured in landmark terms when placed
  CHECK(first.location->degrees > 180.0); // behind the midline
  CHECK(first.location->degrees < 360.0);
  CHECK(first.location->fromMidlineMm > 30.0); // on the skin, well out from the midline
  CHECK(viewer.state().pinFocus == std::optional<std::size_t>(0));
  CHECK(viewer.panel().tab() == ui::Panel::Tab::Pins);
  CHECK(viewer.scene().pinDrawing().count() == 1);

  // The note's box has the keys: typing writes the note.
  test::typeText(viewer, "tender");
  CHECK(viewer.state().pins[0].text == "tender");

  // Move: the next click puts it elsewhere, the note kept.
  test::clickPanelItem(viewer, "pins:0:move");
  CHECK(viewer.state().pinToMove == std::optional<std::size_t>(0));
  const glm::dvec2 lower = inView(viewer, 0.5, 0.7);
  test::clickAt(viewer, lower.x, lower.y);
  REQUIRE(viewer.state().pins.size() == 1);
  const Pin moved = viewer.state().pins[0];
  CHECK(moved.text == "tender");
  CHECK(moved.point.z < first.point.z - 30.0); // lower on the leg
  CHECK_FALSE(viewer.state().pinToMove);

  // Frame: the camera comes to look at it.
  test::clickPanelItem(viewer, "pins:0:frame");
  test::drainInput(viewer);
  double focal[3];
  viewer.scene().renderer()->GetActiveCamera()->GetFocalPoint(focal);
  CHECK(glm::distance(glm::dvec3(focal[0], focal[1], focal[2]), moved.point) < 20.0);

  test::clickPanelItem(viewer, "pins:0:delete");
  CHECK(viewer.state().pins.empty());
  CHECK(viewer.scene().pinDrawing().count() == 0);
}

TEST_CASE("a pin is drawn on its spot on either leg, and a saved scene brings it back exactly") {
  Viewer viewer = test::openBundledViewer();
  test::drainInput(viewer);
  viewer.issue(command::SetPinTool{true});
  const glm::dvec2 at = inView(viewer, 0.45, 0.45);
  test::clickAt(viewer, at.x, at.y);
  REQUIRE(viewer.state().pins.size() == 1);
  viewer.issue(command::SetPinText{0, "Palpate here"});
  test::drainInput(viewer);
  const Pin pin = viewer.state().pins[0];
  const glm::dvec3 rightHead = viewer.scene().pinDrawing().headCentre(0);

  viewer.issue(command::SetSide{Side::Left});
  test::drainInput(viewer);
  // The state keeps the atlas point; the scene draws it mirrored with the leg.
  CHECK(viewer.state().pins[0].point == pin.point);
  const glm::dvec3 leftHead = viewer.scene().pinDrawing().headCentre(0);
  CHECK(leftHead.x == doctest::Approx(-rightHead.x).epsilon(1e-6));
  CHECK(leftHead.z == doctest::Approx(rightHead.z).epsilon(1e-6));

  // Saved and opened on the same model: exactly as it was.
  const SavedScene saved = viewer.currentScene();
  viewer.issue(command::DeletePin{0});
  viewer.showScene(parseScene(sceneJson(saved), "pins.json"), false);
  test::drainInput(viewer);
  REQUIRE(viewer.state().pins.size() == 1);
  const Pin back = viewer.state().pins[0];
  CHECK(back.point == pin.point);
  CHECK(back.normal == pin.normal);
  CHECK(back.text == "Palpate here");
  REQUIRE(back.location);
  CHECK(back.location->t == pin.location->t);
  CHECK(back.location->fromMidlineMm == pin.location->fromMidlineMm);
}

TEST_CASE("labels keep off the pins' notes") {
  Viewer viewer = test::openBundledViewer();
  test::drainInput(viewer);
  viewer.issue(command::Peel{});
  viewer.issue(command::SetPinTool{true});
  // Pins down the right of the calf: their notes, right of their heads, stand where the
  // labels' right-hand column would go.
  for (const double y : {0.3, 0.42, 0.54, 0.66}) {
    const glm::dvec2 at = inView(viewer, 0.56, y);
    test::clickAt(viewer, at.x, at.y);
  }
  REQUIRE(viewer.state().pins.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    viewer.issue(command::SetPinText{i, "Tender when pressed, refers to the heel"});
  }
  viewer.issue(command::ShowLabels{true, LabelLanguage::Both});
  test::drainInput(viewer);
  viewer.settle();

  const std::vector<std::array<double, 4>> notes = viewer.scene().pinDrawing().noteExtents();
  REQUIRE(notes.size() == 4);
  const std::vector<ViewLabel>& labels = viewer.labels();
  REQUIRE(labels.size() >= 4);
  const double panel = viewer.panelPixels();
  const int height = viewer.framebufferHeight();
  for (const std::array<double, 4>& e : notes) {
    // The note's box in the window's pixels from the top left, as the labels' boxes are.
    const Box note{panel + e[0], height - e[3], panel + e[2], height - e[1]};
    REQUIRE(note.x1 > note.x0 + 50.0); // a note of a few words, on screen
    for (const ViewLabel& label : labels) {
      CAPTURE(label.id);
      CHECK_FALSE(label.placement.box.overlaps(note));
    }
  }
}

TEST_CASE("a right-click on a part's name labels only the parts chosen, in the teacher's words") {
  Viewer viewer = test::openBundledViewer();
  test::drainInput(viewer);
  viewer.issue(command::Peel{});
  test::drainInput(viewer);

  const auto labelled = [&] {
    viewer.settle();
    std::vector<std::string> ids;
    for (const ViewLabel& label : viewer.labels()) {
      ids.push_back(label.id);
    }
    return ids;
  };
  REQUIRE_FALSE(viewer.state().labels.shown);

  // Every part seen is labelled until the teacher chooses: then only what they chose.
  test::clickPanelItem(viewer, "name:gastrocnemius_medial_head", GLFW_MOUSE_BUTTON_RIGHT);
  test::clickPanelItem(viewer, "labelmenu:only");
  REQUIRE(viewer.state().labels.only.size() == 1);
  CHECK(viewer.state().labels.shown); // choosing labels shows them
  CHECK(labelled() == std::vector<std::string>{"gastrocnemius_medial_head"});

  test::clickPanelItem(viewer, "name:gastrocnemius_lateral_head", GLFW_MOUSE_BUTTON_RIGHT);
  test::clickPanelItem(viewer, "labelmenu:label");
  REQUIRE(viewer.state().labels.only.size() == 2);
  CHECK(labelled().size() == 2);

  // The teacher's words replace the name on the label.
  test::clickPanelItem(viewer, "name:gastrocnemius_medial_head", GLFW_MOUSE_BUTTON_RIGHT);
  test::clickPanelItem(viewer, "labelmenu:words");
  test::typeText(viewer, "inner head");
  CHECK(viewer.state().labels.only[0].text == "inner head");
  viewer.input().key(GLFW_KEY_ENTER, GLFW_PRESS, 0);
  viewer.input().key(GLFW_KEY_ENTER, GLFW_RELEASE, 0);
  test::drainInput(viewer);
  CHECK(viewer.panel().items().count("labelmenu:words") == 0); // Enter closed the menu
  CHECK(viewer.state().labels.only[0].text == "inner head");
  bool worded = false;
  for (const ViewLabel& label : (labelled(), viewer.labels())) {
    if (label.id == "gastrocnemius_medial_head") {
      REQUIRE_FALSE(label.lines.empty());
      worded = label.lines.front() == "inner head";
    }
  }
  CHECK(worded);

  // Unticked, and every part again.
  test::clickPanelItem(viewer, "name:gastrocnemius_lateral_head", GLFW_MOUSE_BUTTON_RIGHT);
  test::clickPanelItem(viewer, "labelmenu:label");
  CHECK(viewer.state().labels.only.size() == 1);
  test::clickPanelItem(viewer, "name:gastrocnemius_medial_head", GLFW_MOUSE_BUTTON_RIGHT);
  test::clickPanelItem(viewer, "labelmenu:all");
  CHECK(viewer.state().labels.only.empty());
  CHECK(labelled().size() > 6);
}
