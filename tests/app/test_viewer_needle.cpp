// The needle in the viewer, driven as a person drives it: the "Needle this point" button of a
// trigger point's card, the needle tab's margin and angles, the needle tool and Ctrl+drag.
// A hidden window on the bundled atlas; needs an X display (Xvfb).
#include "app/scene_file.h"
#include "app/viewer.h"
#include "scene/needle_drawing.h"
#include "scene/scene.h"
#include "ui/panel.h"
#include "viewer_driver.h"

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <glm/geometric.hpp>

using namespace sura;

namespace {

void frames(Viewer& viewer, int n = 2) {
  for (int i = 0; i < n; ++i) {
    viewer.frame();
  }
}

// A horizontal drag on a slider of the panel from one share of its width to another.
void dragSlider(Viewer& viewer, const std::string& key, double from, double to) {
  const auto& items = viewer.panel().items();
  REQUIRE_MESSAGE(items.count(key), "the panel shows no " << key);
  const ui::ItemRect r = items.at(key);
  const double y = r.centerY();
  viewer.input().cursorPos(r.x0 + from * (r.x1 - r.x0), y);
  viewer.frame();
  viewer.input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
  viewer.frame();
  for (int i = 1; i <= 4; ++i) {
    viewer.input().cursorPos(r.x0 + (from + (to - from) * i / 4.0) * (r.x1 - r.x0), y);
    viewer.frame();
  }
  viewer.input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
  frames(viewer);
}

} // namespace

TEST_CASE("Needle this point: the needle goes in, is drawn, read out in its tab, and comes out") {
  Viewer viewer = test::openBundledViewer();
  viewer.issue(command::SelectTriggerPoint{"soleus_trp1"});
  frames(viewer, 3);
  test::clickPanelItem(viewer, "trp_card:needle");
  frames(viewer);
  REQUIRE(viewer.state().needle);
  REQUIRE(viewer.state().needle->readout);
  const NeedleReadout& r = *viewer.state().needle->readout;
  CHECK(r.placement.aim == NeedleAim::TriggerPoint);
  REQUIRE(r.placement.target);
  CHECK(r.placement.target->triggerPoint == "soleus_trp1");
  CHECK(r.targetMissMm <= kNeedleReachedMm);
  CHECK(viewer.panel().tab() == ui::Panel::Tab::Needle);
  const NeedleDrawing& drawn = viewer.scene().needleDrawing();
  CHECK(drawn.inside()->GetVisibility());
  CHECK(drawn.tip()->GetVisibility());
  const double* tipBounds = drawn.tip()->GetBounds();
  CHECK(glm::length(glm::dvec3{(tipBounds[0] + tipBounds[1]) / 2, (tipBounds[2] + tipBounds[3]) / 2,
                               (tipBounds[4] + tipBounds[5]) / 2} -
                    r.placement.tip()) < 1e-6);
  // Shown from the side: the camera's flight goes to look across the needle.
  const std::optional<SceneCamera> camera = viewer.currentScene().camera;
  REQUIRE(camera);
  const glm::dvec3 forward = glm::normalize(camera->focalPoint - camera->position);
  CHECK(std::abs(glm::dot(forward, r.placement.direction)) < 0.05);

  test::clickPanelItem(viewer, "needle:remove");
  CHECK_FALSE(viewer.state().needle);
  CHECK_FALSE(drawn.inside()->GetVisibility());
}

TEST_CASE("the needle tab's margin slider changes the warnings; the angles re-place the needle") {
  Viewer viewer = test::openBundledViewer();
  NeedleRequest request;
  request.triggerPoint = "soleus_trp1";
  viewer.issue(command::PlaceNeedle{request});
  frames(viewer, 3);
  REQUIRE(viewer.state().needle->readout);
  CHECK(viewer.panel().tab() == ui::Panel::Tab::Needle);
  const std::size_t before = viewer.state().needle->readout->warnings.size();
  // The margin to its widest (20 mm): more nerves and vessels are within it.
  dragSlider(viewer, "needle:margin", 0.2, 1.0);
  CHECK(viewer.state().needleSettings.marginMm == 20.0);
  REQUIRE(viewer.state().needle->readout);
  CHECK(viewer.state().needle->readout->marginMm == 20.0);
  CHECK(viewer.state().needle->readout->warnings.size() > before);

  // By angles, tilted: the needle goes in at the same skin point, tilted, and stays so.
  const glm::dvec3 entry = viewer.state().needle->readout->placement.entry;
  test::clickPanelItem(viewer, "needle:aim_angles");
  CHECK(viewer.state().needleSettings.byAngles);
  // (The item's rectangle holds the slider and its label: a third of it is well inside.)
  dragSlider(viewer, "needle:tilt", 0.0, 0.3);
  const double tilt = viewer.state().needleSettings.tiltDeg;
  CHECK(tilt > 10.0);
  CHECK(tilt < kMaxNeedleTiltDeg);
  frames(viewer, 3);
  CHECK(viewer.state().needleSettings.tiltDeg == tilt); // no snapping back
  REQUIRE(viewer.state().needle->readout);
  const NeedlePlacement& tilted = viewer.state().needle->readout->placement;
  CHECK(tilted.aim == NeedleAim::Angles);
  CHECK(tilted.tiltDeg == tilt);
  CHECK(glm::length(tilted.entry - entry) < 1.0);
}

TEST_CASE("the needle tool: a click on the leg puts the needle in there; Ctrl+drag moves it") {
  Viewer viewer = test::openBundledViewer();
  frames(viewer);
  const double x = test::centreOfView(viewer);
  const double y = test::kWindowHeight * 0.4;
  viewer.input().character('n');
  frames(viewer);
  CHECK(viewer.state().needleTool);
  test::clickAt(viewer, x, y);
  REQUIRE(viewer.state().needle);
  REQUIRE(viewer.state().needle->readout);
  CHECK(viewer.state().selected.empty()); // the tool puts a needle in, it selects nothing
  const NeedlePlacement first = viewer.state().needle->readout->placement;
  CHECK(first.aim == NeedleAim::View);
  // Along the view: its entry is drawn under the pointer.
  CHECK(glm::length(test::onScreen(viewer, first.entry) - glm::dvec2(x, y)) < 2.0);

  // Ctrl+drag 40 pixels down: the entry follows over the skin; the camera stays.
  viewer.input().cursorPos(x, y);
  viewer.frame();
  viewer.input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, GLFW_MOD_CONTROL);
  viewer.frame();
  for (int i = 1; i <= 4; ++i) {
    viewer.input().cursorPos(x, y + 10.0 * i);
    viewer.frame();
  }
  viewer.input().mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, GLFW_MOD_CONTROL);
  frames(viewer);
  REQUIRE(viewer.state().needle->readout);
  const NeedlePlacement moved = viewer.state().needle->readout->placement;
  CHECK(glm::length(test::onScreen(viewer, moved.entry) - glm::dvec2(x, y + 40.0)) < 2.0);
  CHECK(moved.entry.z < first.entry.z - 5.0); // lower down the leg
  CHECK(viewer.state().atView);               // no orbit
}
