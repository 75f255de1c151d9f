// The viewer driven as a person drives it: events go into the InputQueue through the same
// functions the GLFW callbacks call, and each frame shows ImGui and the camera the next of
// them. A hidden window on the bundled atlas; needs an X display (Xvfb).
#include "app/viewer.h"
#include "fixture/fixture_atlas.h"
#include "pixels.h"
#include "scene/camera_preset.h"
#include "scene/scene.h"
#include "scene/trigger_point_layer.h"
#include "ui/panel.h"
#include "viewer_driver.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>
#include <imgui.h>

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>
#include <glm/vector_relational.hpp>

#include <algorithm>
#include <cmath>

using namespace sura;

namespace {

Viewer openViewer(const LoadedAtlas& loaded) {
  return Viewer(loaded, AppState{}, test::hiddenViewer(test::kWindowWidth, test::kWindowHeight));
}

glm::dvec3 position(const Viewer& viewer) {
  double p[3];
  viewer.camera()->GetPosition(p);
  return {p[0], p[1], p[2]};
}

glm::dvec3 focalPoint(const Viewer& viewer) {
  double p[3];
  viewer.camera()->GetFocalPoint(p);
  return {p[0], p[1], p[2]};
}

// The events the window's callbacks record, recorded the same way.
void moveTo(Viewer& viewer, double x, double y) {
  viewer.input().cursorPos(x, y);
}
void pressButton(Viewer& viewer, int button = GLFW_MOUSE_BUTTON_LEFT, int mods = 0) {
  viewer.input().mouseButton(button, GLFW_PRESS, mods);
}
void releaseButton(Viewer& viewer, int button = GLFW_MOUSE_BUTTON_LEFT, int mods = 0) {
  viewer.input().mouseButton(button, GLFW_RELEASE, mods);
}
// A left-button drag from (x, y) by (dx, dy) in `steps` moves, a frame after each event.
void drag(Viewer& viewer, double x, double y, double dx, double dy, int steps = 5) {
  moveTo(viewer, x, y);
  viewer.frame();
  pressButton(viewer);
  viewer.frame();
  for (int i = 1; i <= steps; ++i) {
    moveTo(viewer, x + dx * i / steps, y + dy * i / steps);
    viewer.frame();
  }
  releaseButton(viewer);
  viewer.frame();
}

// A left click on the 3D view at (x, y): press and release arrive together, as they do
// between two slow frames.
void clickView(Viewer& viewer, double x, double y) {
  moveTo(viewer, x, y);
  viewer.frame();
  pressButton(viewer);
  releaseButton(viewer);
  test::drainInput(viewer);
}

// The rectangle, in window pixels, that the corners of an actor's bounds are drawn in.
std::pair<glm::dvec2, glm::dvec2> drawnBox(Viewer& viewer, vtkActor* actor) {
  const double* b = actor->GetBounds();
  glm::dvec2 lo{1e9}, hi{-1e9};
  for (int corner = 0; corner < 8; ++corner) {
    const glm::dvec2 p = test::onScreen(
        viewer, {b[corner & 1 ? 1 : 0], b[corner & 2 ? 3 : 2], b[corner & 4 ? 5 : 4]});
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
  return {lo, hi};
}

bool isOutlineColour(glm::u8vec3 c) {
  return glm::length(glm::vec3(c) - glm::vec3(kOutlineColor * 255.0)) < 40.0f;
}

} // namespace

// One viewer for every case: GLFW and ImGui are set up once, as in the real program.
TEST_CASE("the viewer under the mouse") {
  Viewer viewer = openViewer(test::bundledLoaded());
  viewer.frame();
  viewer.frame();
  REQUIRE(viewer.panelPixels() > 100);
  REQUIRE(viewer.panelPixels() < test::kWindowWidth / 2 + 1);

  SUBCASE("a drag across the 3D view orbits: the camera moves, the focal point stays") {
    const glm::dvec3 before = position(viewer);
    const glm::dvec3 focal = focalPoint(viewer);
    drag(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0, 150.0, 40.0);
    const glm::dvec3 after = position(viewer);
    CHECK(glm::length(after - before) > 50.0);
    CHECK(glm::length(focalPoint(viewer) - focal) < 1e-6);
    // An orbit keeps the distance to the focal point.
    CHECK(glm::length(after - focal) == doctest::Approx(glm::length(before - focal)));
    CHECK(viewer.state().selected.empty()); // a drag is no click
  }

  SUBCASE("a drag that starts on the panel leaves the camera alone") {
    const glm::dvec3 before = position(viewer);
    const double x = viewer.panelPixels() / 2.0;
    drag(viewer, x, test::kWindowHeight - 40.0, 400.0, -30.0);
    CHECK(glm::length(position(viewer) - before) < 1e-9);
  }

  SUBCASE("a press and release without motion is a click, not an orbit") {
    const glm::dvec3 before = position(viewer);
    const double x = test::centreOfView(viewer);
    moveTo(viewer, x, 300.0);
    viewer.frame();
    pressButton(viewer);
    moveTo(viewer, x + 2.0, 301.0); // a hand's jitter
    releaseButton(viewer);
    test::drainInput(viewer);
    CHECK(glm::length(position(viewer) - before) < 1e-9);
    CHECK(viewer.state().selected == "skin");
    // The other buttons pan; only the left one clicks.
    viewer.issue(command::Select{""});
    pressButton(viewer, GLFW_MOUSE_BUTTON_RIGHT);
    releaseButton(viewer, GLFW_MOUSE_BUTTON_RIGHT);
    test::drainInput(viewer);
    CHECK(viewer.state().selected.empty());
  }

  SUBCASE("a click on the leg selects what is under it; a click beside it clears") {
    auto click = [&](double x, double y) { clickView(viewer, x, y); };
    // A little off the posterior midline, where the small saphenous vein and the sural nerve
    // run on the fascia between the heads.
    const double x = test::centreOfView(viewer) + 20.0;
    click(x, test::kWindowHeight / 2.0);
    CHECK(viewer.state().selected == "skin");
    viewer.issue(command::SetVisible{"skin", false});
    click(x, test::kWindowHeight / 2.0);
    CHECK(viewer.state().selected.rfind("gastrocnemius", 0) == 0);
    click(test::kWindowWidth - 5.0, 20.0); // background, far right
    CHECK(viewer.state().selected.empty());
    // Escape clears a selection too.
    click(x, test::kWindowHeight / 2.0);
    REQUIRE_FALSE(viewer.state().selected.empty());
    test::tapKey(viewer, GLFW_KEY_ESCAPE);
    CHECK(viewer.state().selected.empty());
  }

  SUBCASE("a click on the leg tells what and where it is, and a bead marks the point") {
    viewer.issue(command::SetVisible{"skin", false});
    clickView(viewer, test::centreOfView(viewer) + 20.0,
              test::kWindowHeight / 2.0); // beside the midline
    const std::optional<PickedPoint>& pick = viewer.state().pick;
    REQUIRE(pick.has_value());
    CHECK(pick->structure == viewer.state().selected);
    CHECK(pick->structure.rfind("gastrocnemius", 0) == 0);
    CHECK(pick->description.find("below the knee joint line") != std::string::npos);
    CHECK(pick->description.find("below the skin") != std::string::npos);
    // The hidden skin still measures depth: the point lies under it.
    CHECK(pick->depthMm > 0.0);
    CHECK(pick->depthMm < 40.0);
    REQUIRE_FALSE(pick->layers.empty());
    CHECK(pick->layers.front().structure == pick->structure);

    vtkActor* bead = viewer.scene().pickMarkerActor();
    REQUIRE(bead->GetVisibility());
    const double* b = bead->GetBounds();
    const glm::dvec3 centre{(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2};
    CHECK(glm::length(centre - pick->point) < 1e-4); // the bead's bounds are single precision

    // The bead goes with its surface when that is hidden, and comes back with it.
    viewer.issue(command::SetVisible{pick->structure, false});
    viewer.frame();
    CHECK_FALSE(bead->GetVisibility());
    viewer.issue(command::SetVisible{viewer.state().pick->structure, true});
    viewer.frame();
    CHECK(bead->GetVisibility());

    // On the left leg the bead follows the mirrored point; the words stay the same.
    const glm::dvec3 atlasPoint = pick->point;
    viewer.issue(command::SetSide{Side::Left});
    viewer.frame();
    b = bead->GetBounds();
    CHECK((b[0] + b[1]) / 2 == doctest::Approx(-atlasPoint.x));

    // A click beside the leg clears the point and the bead.
    clickView(viewer, test::kWindowWidth - 5.0, 20.0);
    CHECK_FALSE(viewer.state().pick.has_value());
    CHECK_FALSE(bead->GetVisibility());
  }

  SUBCASE("a click on a left leg keeps the point in the atlas frame, the bead where clicked") {
    viewer.issue(command::SetSide{Side::Left});
    viewer.issue(command::SetVisible{"skin", false});
    viewer.frame();
    // Left of the middle of the view: on a left leg seen from behind, that is its lateral side.
    clickView(viewer, test::centreOfView(viewer) - 25.0, test::kWindowHeight / 2.0);
    const std::optional<PickedPoint>& pick = viewer.state().pick;
    REQUIRE(pick.has_value());
    CHECK(pick->structure == "gastrocnemius_lateral_head");
    CHECK(pick->description.find("lateral of the midline") != std::string::npos);
    CHECK(pick->point.x > 0.0); // lateral is +x in the atlas (a right leg)
    const double* b = viewer.scene().pickMarkerActor()->GetBounds();
    CHECK((b[0] + b[1]) / 2 == doctest::Approx(-pick->point.x)); // drawn on the mirrored leg
  }

  SUBCASE("two quick clicks in one place frame the selection; two slow ones do not") {
    double now = 100.0;
    viewer.router().setClock([&] { return now; });
    const double x = test::centreOfView(viewer);
    auto clickAt = [&](double seconds) {
      now = seconds;
      pressButton(viewer);
      releaseButton(viewer);
      test::drainInput(viewer);
    };
    moveTo(viewer, x, test::kWindowHeight / 2.0);
    viewer.frame();
    const unsigned before = viewer.state().frameRequest;
    clickAt(100.0);
    clickAt(101.0);
    CHECK(viewer.state().frameRequest == before);
    clickAt(101.0 + InputRouter::kDoubleClickSeconds / 2);
    CHECK(viewer.state().frameRequest == before + 1);
    CHECK(viewer.state().frameTarget == FrameTarget::Selection);
    CHECK(viewer.state().selected == "skin");
  }

  SUBCASE("the pointer over the leg names it; over the background or the panel, nothing") {
    moveTo(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0);
    viewer.frame();
    CHECK(viewer.state().hovered == "skin");
    moveTo(viewer, test::kWindowWidth - 5.0, 20.0);
    viewer.frame();
    CHECK(viewer.state().hovered.empty());
    moveTo(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0);
    viewer.frame();
    REQUIRE(viewer.state().hovered == "skin");
    viewer.input().cursorEnter(false); // the pointer leaves the window
    viewer.frame();
    CHECK(viewer.state().hovered.empty());
    moveTo(viewer, viewer.panelPixels() / 2.0, test::kWindowHeight / 2.0);
    viewer.frame();
    viewer.frame();
    CHECK(viewer.state().hovered.empty());
  }

  SUBCASE("the wheel zooms, within limits that keep the model in view") {
    const glm::dvec3 focal = focalPoint(viewer);
    const double start = glm::length(position(viewer) - focal);
    moveTo(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0);
    viewer.frame();
    viewer.input().scroll(0.0, 2.0);
    viewer.frame();
    CHECK(glm::length(position(viewer) - focal) < start);
    for (int i = 0; i < 100; ++i) {
      viewer.input().scroll(0.0, 3.0);
    }
    test::drainInput(viewer);
    const double framing = viewer.cameraController().framingDistance();
    CHECK(glm::length(position(viewer) - focal) ==
          doctest::Approx(CameraController::kMinDistanceFactor * framing));
    for (int i = 0; i < 100; ++i) {
      viewer.input().scroll(0.0, -3.0);
    }
    test::drainInput(viewer);
    CHECK(glm::length(position(viewer) - focal) ==
          doctest::Approx(CameraController::kMaxDistanceFactor * framing));
  }

  SUBCASE("framed on a small structure, the wheel zooms on from there, never out") {
    viewer.issue(command::Select{"patella"});
    viewer.issue(command::FrameSelection{});
    viewer.frame();
    const glm::dvec3 focal = focalPoint(viewer);
    const double framed = glm::length(position(viewer) - focal);
    const double nearLimit =
        CameraController::kMinDistanceFactor * viewer.cameraController().framingDistance();
    REQUIRE(framed < nearLimit); // the patella is small: framing comes closer than the wheel may
    moveTo(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0);
    viewer.frame();
    viewer.input().scroll(0.0, 1.0);
    viewer.frame();
    CHECK(glm::length(position(viewer) - focal) == doctest::Approx(framed));
    viewer.input().scroll(0.0, -1.0);
    viewer.frame();
    CHECK(glm::length(position(viewer) - focal) > framed * 1.05);
  }

  SUBCASE("panning far away stops with the focal point near the model") {
    const double x = test::centreOfView(viewer);
    moveTo(viewer, x, 300.0);
    viewer.frame();
    pressButton(viewer, GLFW_MOUSE_BUTTON_RIGHT);
    for (int i = 1; i <= 20; ++i) {
      moveTo(viewer, x + 300.0 * i, 300.0 + 200.0 * i);
    }
    releaseButton(viewer, GLFW_MOUSE_BUTTON_RIGHT);
    test::drainInput(viewer);
    const Aabb box = viewer.scene().modelBounds();
    const glm::dvec3 margin = CameraController::kFocalMargin * box.size() + 1e-6;
    const glm::dvec3 focal = focalPoint(viewer);
    CHECK(glm::all(glm::greaterThanEqual(focal, box.lo - margin)));
    CHECK(glm::all(glm::lessThanEqual(focal, box.hi + margin)));
  }

  SUBCASE("orbiting up and down never passes over the top") {
    drag(viewer, test::centreOfView(viewer), 100.0, 0.0, 2000.0, 20);
    const glm::dvec3 view = glm::normalize(focalPoint(viewer) - position(viewer));
    CHECK(std::abs(view.z) < std::cos(glm::radians(CameraController::kMinPolarDegrees)) + 1e-6);
    double up[3];
    viewer.camera()->GetViewUp(up);
    CHECK(up[2] > 0.0); // still upright
  }

  SUBCASE("a click on the skin's check box hides the skin") {
    REQUIRE(viewer.scene().actor("skin")->GetVisibility());
    test::clickPanelItem(viewer, "visible:skin");
    CHECK(viewer.state().hidden.count("skin") == 1);
    viewer.frame();
    CHECK_FALSE(viewer.scene().actor("skin")->GetVisibility());
    test::clickPanelItem(viewer, "visible:skin");
    CHECK(viewer.state().hidden.count("skin") == 0);
  }

  SUBCASE("a click on a view button turns the camera to that side") {
    test::clickPanelItem(viewer, "view:lateral");
    CHECK(viewer.state().view == ViewPreset::Lateral);
    viewer.frame();
    const glm::dvec3 toCamera = glm::normalize(position(viewer) - focalPoint(viewer));
    CHECK(toCamera.x > 0.99); // lateral of the right leg is +X
  }

  SUBCASE("the peel button and the P and R keys walk the layers from skin to bone and back") {
    const Atlas& atlas = viewer.atlas();
    std::vector<int> peeledLayers;
    test::clickPanelItem(viewer, "button:peel");
    for (int i = 0; i < 10 && canPeel(viewer.state(), atlas); ++i) {
      viewer.input().character('p');
      viewer.frame();
    }
    REQUIRE_FALSE(canPeel(viewer.state(), atlas));
    // The bones stay: one more P peels nothing and says why, instead of leaving an empty view.
    const std::size_t steps = viewer.state().peeled.size();
    CHECK(viewer.panel().notice().empty());
    viewer.input().character('p');
    viewer.frame();
    viewer.frame();
    CHECK(viewer.state().peeled.size() == steps);
    CHECK(viewer.scene().actor("tibia")->GetVisibility());
    CHECK(viewer.panel().notice().find("Nothing left to peel") != std::string::npos);
    for (const auto& step : viewer.state().peeled) {
      REQUIRE_FALSE(step.empty());
      peeledLayers.push_back(atlas.find(step.front())->layer);
      for (const std::string& id : step) {
        CHECK(atlas.find(id)->layer == peeledLayers.back()); // one layer per step
      }
    }
    CHECK(peeledLayers.front() == atlas.find("skin")->layer);
    CHECK(std::is_sorted(peeledLayers.begin(), peeledLayers.end()));
    CHECK(std::adjacent_find(peeledLayers.begin(), peeledLayers.end()) == peeledLayers.end());
    CHECK(atlas.find(viewer.state().peeled.back().front())->group != "bones");

    viewer.input().character('r');
    viewer.frame();
    viewer.frame();
    CHECK(viewer.scene().actor("tibia")->GetVisibility());
    CHECK_FALSE(viewer.scene().actor("skin")->GetVisibility());
    while (!viewer.state().peeled.empty()) {
      test::clickPanelItem(viewer, "button:restore");
    }
    viewer.frame();
    CHECK(viewer.scene().actor("skin")->GetVisibility());
    CHECK(viewer.state().hidden.empty());
  }

  SUBCASE("a click on the skin outlines the leg; it does not flood it with colour") {
    clickView(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0);
    REQUIRE(viewer.state().selected == "skin");
    viewer.frame();
    const Image after = viewer.capture();
    // The same view, nothing selected (Esc), the pointer still resting on the leg.
    test::tapKey(viewer, GLFW_KEY_ESCAPE);
    viewer.frame();
    viewer.frame();
    REQUIRE(viewer.state().selected.empty());
    const Image before = viewer.capture();
    int leg = 0, changed = 0, outline = 0;
    for (int y = 0; y < test::kWindowHeight; ++y) {
      for (int x = viewer.panelPixels(); x < test::kWindowWidth; ++x) {
        const glm::vec3 a(before.at(x, y)), b(after.at(x, y));
        leg += glm::length(a - glm::vec3(after.at(test::kWindowWidth - 3, y))) > 30.0f ? 1 : 0;
        // Changed, and not to the outline's bright or dark band: tinted.
        const bool band = isOutlineColour(after.at(x, y)) || b.r + b.g + b.b < 150.0f;
        changed += glm::length(a - b) > 40.0f && !band ? 1 : 0;
        outline += isOutlineColour(after.at(x, y)) ? 1 : 0;
      }
    }
    CAPTURE(leg);
    CAPTURE(changed);
    CAPTURE(outline);
    REQUIRE(leg > 20000);
    CHECK(outline > 500);      // unmistakable: a band all round the leg
    CHECK(changed < leg / 20); // the skin keeps its colour: only the bead and edges differ
    CHECK(isOutlineColour(after.at(test::kWindowWidth - 3, test::kWindowHeight / 2)) ==
          false); // background stays
  }

  SUBCASE("a click on a trigger point's target keeps its card open, not the skin's") {
    const std::string id = "soleus_trp2";
    test::clickPanelItem(viewer, "tab:trigger_points");
    test::clickPanelItem(viewer, "trp:" + id);
    REQUIRE(viewer.state().selectedTriggerPoint == id);
    viewer.frame();
    REQUIRE(viewer.panel().tab() == ui::Panel::Tab::TriggerPoints);
    // The target on the skin over the point, as the layer paints it.
    glm::dvec3 target{0.0};
    const auto spots =
        markSpots(viewer.atlas(), viewer.scene().clinical(), test::bundledLoaded().meshes)
            .at("skin");
    for (const MarkSpot& spot : spots) {
      if (viewer.scene().clinical().triggerPoints[spot.point].point.id == id) {
        target = spot.position;
      }
    }
    REQUIRE(glm::length(target) > 0.0);
    const glm::dvec2 pixel = test::onScreen(viewer, target);
    REQUIRE(pixel.x > viewer.panelPixels());
    // The hand leaves the panel for the leg, over a frame or two, then clicks the target.
    moveTo(viewer, pixel.x, pixel.y);
    viewer.frame();
    clickView(viewer, pixel.x, pixel.y);
    viewer.frame();
    REQUIRE(viewer.state().pick.has_value());
    CHECK(viewer.state().pick->structure == "skin");
    CHECK(viewer.state().pick->triggerPointMark == id);
    CHECK(viewer.state().selectedTriggerPoint == id);
    CHECK(viewer.panel().tab() == ui::Panel::Tab::TriggerPoints);

    // A click on bare skin, away from every mark, shows the skin's card as before.
    clickView(viewer, test::centreOfView(viewer) - 30.0, 0.2 * test::kWindowHeight);
    viewer.frame();
    viewer.frame();
    REQUIRE(viewer.state().pick.has_value());
    CHECK(viewer.state().pick->triggerPointMark.empty());
    CHECK(viewer.panel().tab() == ui::Panel::Tab::Layers);
  }

  SUBCASE("isolate brings the structure to the middle of the view and fills it") {
    viewer.issue(command::SetVisible{"skin", false});
    clickView(viewer, test::centreOfView(viewer) + 20.0, test::kWindowHeight / 2.0);
    const std::string picked = viewer.state().selected;
    REQUIRE(picked.rfind("gastrocnemius_", 0) == 0);
    test::clickPanelItem(viewer, "button:isolate");
    viewer.frame();
    const auto [lo, hi] = drawnBox(viewer, viewer.scene().actor(picked));
    const glm::dvec2 centre = 0.5 * (lo + hi);
    CAPTURE(lo);
    CAPTURE(hi);
    CHECK(std::abs(centre.x - test::centreOfView(viewer)) < 0.05 * test::kWindowWidth);
    CHECK(std::abs(centre.y - test::kWindowHeight / 2.0) < 0.05 * test::kWindowHeight);
    CHECK(hi.y - lo.y > 0.7 * test::kWindowHeight); // a long muscle: it fills the height
  }

  SUBCASE("after a drag no view button is lit; C lights it again") {
    test::clickPanelItem(viewer, "view:lateral");
    viewer.frame();
    CHECK(viewer.panel().litView() == ViewPreset::Lateral);
    drag(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0, 120.0, 0.0);
    viewer.frame();
    CHECK_FALSE(viewer.state().atView);
    CHECK_FALSE(viewer.panel().litView().has_value());
    viewer.input().character('c');
    viewer.frame();
    viewer.frame();
    CHECK(viewer.panel().litView() == ViewPreset::Lateral);
    // The wheel zooms without turning: the view is still lateral.
    moveTo(viewer, test::centreOfView(viewer), test::kWindowHeight / 2.0);
    viewer.input().scroll(0.0, 2.0);
    viewer.frame();
    viewer.frame();
    CHECK(viewer.panel().litView() == ViewPreset::Lateral);
  }

  SUBCASE("F1 opens the help, which lists the shortcuts; Escape closes it") {
    CHECK_FALSE(viewer.panel().helpShown());
    test::tapKey(viewer, GLFW_KEY_F1);
    CHECK(viewer.panel().helpShown());
    viewer.input().character('?');
    viewer.frame();
    CHECK_FALSE(viewer.panel().helpShown());
  }
}

TEST_CASE("without the panel the 3D view takes the whole window") {
  ViewerOptions options;
  options.width = 400;
  options.height = 300;
  options.visible = false;
  options.showUi = false;
  Viewer viewer(test::bundledLoaded(), AppState{}, options);
  viewer.frame();
  CHECK(viewer.panelPixels() == 0);
  const Image image = viewer.capture();
  CHECK(image.width == 400);
  CHECK(image.height == 300);
}

TEST_CASE("in a visible window a new view is flown to, not jumped to") {
  ViewerOptions options;
  options.width = 480;
  options.height = 360;
  options.visible = true; // flights are for people; hidden windows (render, tests) jump
  Viewer viewer(test::bundledLoaded(), AppState{}, options);
  viewer.frame();
  viewer.frame();
  const glm::dvec3 focal = focalPoint(viewer);
  REQUIRE(glm::normalize(position(viewer) - focal).y < -0.99); // posterior

  viewer.issue(command::SetView{ViewPreset::Lateral});
  viewer.frame();
  // The first frame of the flight still looks from behind...
  CHECK(glm::normalize(position(viewer) - focalPoint(viewer)).y < -0.9);
  // ...and a moment later the camera has arrived at the side.
  const double start = glfwGetTime();
  while (glfwGetTime() - start < 0.6) {
    viewer.frame();
  }
  viewer.frame();
  CHECK(glm::normalize(position(viewer) - focalPoint(viewer)).x > 0.99);

  // A press lands a flight at once.
  viewer.issue(command::SetView{ViewPreset::Posterior});
  viewer.frame();
  moveTo(viewer, 5.0, 5.0);
  pressButton(viewer, GLFW_MOUSE_BUTTON_RIGHT);
  viewer.frame(); // the move: a press is shown in the frame after the pointer arrives
  viewer.frame(); // the press
  releaseButton(viewer, GLFW_MOUSE_BUTTON_RIGHT);
  CHECK(glm::normalize(position(viewer) - focalPoint(viewer)).y < -0.99);
}

namespace {

// Scrolls the layer list with the wheel until `key` is on screen (the slider sits below it).
void scrollTo(Viewer& viewer, const std::string& key) {
  moveTo(viewer, viewer.panelPixels() / 2.0, test::kWindowHeight / 2.0);
  viewer.frame();
  for (int i = 0; i < 40 && !viewer.panel().items().count(key); ++i) {
    viewer.input().scroll(0.0, -3.0);
    viewer.frame();
  }
  viewer.frame(); // settled: the item is where the last frame drew it
  REQUIRE_MESSAGE(viewer.panel().items().count(key), "the panel shows no " << key);
}

// Share of the panel's pixels that are black. The panel's background is a dark grey, never
// black: a panel that failed to draw leaves black (or a stale frame) behind.
double panelBlack(Viewer& viewer) {
  const Image image = viewer.capture();
  const int black = test::countPixels(image, 0, viewer.panelPixels(),
                                      [](glm::u8vec3 c) { return c.r + c.g + c.b < 12; });
  return static_cast<double>(black) / (viewer.panelPixels() * image.height);
}

} // namespace

TEST_CASE("the UI size slider: a drag sets the size it was let go at, and the panel redraws") {
  Viewer viewer = openViewer(test::bundledLoaded());
  viewer.frame();
  const int panelBefore = viewer.panelPixels();
  REQUIRE(panelBlack(viewer) < 0.01);
  scrollTo(viewer, "slider:ui_size");
  const ui::ItemRect slider = viewer.panel().items().at("slider:ui_size");
  // From the middle of the slider to 3/4 of its width: a bigger size.
  const double y = slider.centerY();
  const double x0 = slider.x0 + 0.05 * (slider.x1 - slider.x0);
  const double x1 = slider.x0 + 0.3 * (slider.x1 - slider.x0);
  moveTo(viewer, x0, y);
  viewer.frame();
  pressButton(viewer);
  viewer.frame();
  for (int i = 1; i <= 4; ++i) {
    moveTo(viewer, x0 + (x1 - x0) * i / 4, y);
    viewer.frame();
  }
  CHECK(viewer.state().uiScale == doctest::Approx(1.0f)); // applied on release only
  releaseButton(viewer);
  viewer.frame();
  const float chosen = viewer.state().uiScale;
  CHECK(chosen > 1.2f);
  CHECK(chosen < 2.5f);
  // The next frames keep the new size and draw the panel with the bigger font.
  viewer.frame();
  viewer.frame();
  CHECK(viewer.state().uiScale == chosen);
  CHECK(viewer.panelPixels() > panelBefore);
  CHECK(panelBlack(viewer) < 0.01);
  CHECK(panelBlack(viewer) < 0.01); // and keeps drawing it
}

TEST_CASE("the UI size typed after Ctrl+click, all before the next frame, is applied") {
  Viewer viewer = openViewer(test::bundledLoaded());
  viewer.frame();
  scrollTo(viewer, "slider:ui_size");
  const ui::ItemRect slider = viewer.panel().items().at("slider:ui_size");
  moveTo(viewer, slider.centerX(), slider.centerY());
  viewer.frame();
  // Ctrl+click, "1.5", Enter: what a person does in a second, queued before one slow frame.
  InputQueue& input = viewer.input();
  input.key(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS, 0);
  pressButton(viewer, GLFW_MOUSE_BUTTON_LEFT, GLFW_MOD_CONTROL);
  releaseButton(viewer, GLFW_MOUSE_BUTTON_LEFT, GLFW_MOD_CONTROL);
  input.key(GLFW_KEY_LEFT_CONTROL, GLFW_RELEASE, GLFW_MOD_CONTROL);
  for (const auto& [key, c] :
       {std::pair{GLFW_KEY_1, '1'}, {GLFW_KEY_PERIOD, '.'}, {GLFW_KEY_5, '5'}}) {
    input.key(key, GLFW_PRESS, 0);
    input.character(static_cast<unsigned int>(c));
    input.key(key, GLFW_RELEASE, 0);
  }
  test::tapKey(viewer, GLFW_KEY_ENTER);
  CHECK(viewer.state().uiScale == doctest::Approx(1.5f));
  viewer.frame();
  CHECK(viewer.state().uiScale == doctest::Approx(1.5f)); // and it stays
  CHECK(panelBlack(viewer) < 0.01);
}

TEST_CASE(
    "a card's title is never broken inside a word: at a large UI size its buttons go under it") {
  Viewer viewer = openViewer(test::bundledLoaded());
  viewer.issue(command::Select{"gastrocnemius_medial_head"});
  test::drainInput(viewer);
  // At UI size 1: the title and its buttons on one row.
  const ui::ItemRect toggle = viewer.panel().items().at("card:toggle");
  CHECK(viewer.panel().items().at("card:frame").centerY() == doctest::Approx(toggle.centerY()));
  // At 1.5 "Gastrocnemius," does not fit beside the buttons: they go under the title.
  viewer.issue(command::SetUiScale{1.5f});
  test::drainInput(viewer);
  viewer.frame(); // the panel measures its controls, then gives them their share
  viewer.frame();
  const ui::ItemRect bigToggle = viewer.panel().items().at("card:toggle");
  const ui::ItemRect frame = viewer.panel().items().at("card:frame");
  CHECK(frame.y0 >= bigToggle.y1);
  CHECK(frame.x0 > bigToggle.x1); // under the title, not under the fold arrow
}

TEST_CASE("slow frames: every press, release, key and character is handled, in order") {
  Viewer viewer = openViewer(test::bundledLoaded());
  viewer.frame();
  viewer.frame();

  SUBCASE("a click and a quick move before the next frame: a click where it was made") {
    const glm::dvec3 before = position(viewer);
    const double x = test::centreOfView(viewer);
    moveTo(viewer, x, test::kWindowHeight / 2.0);
    viewer.frame();
    pressButton(viewer);
    releaseButton(viewer);
    moveTo(viewer, x + 300.0, test::kWindowHeight / 2.0 + 150.0);
    test::drainInput(viewer);
    CHECK(glm::length(position(viewer) - before) < 1e-9); // no orbit
    CHECK(viewer.state().selected == "skin");
    REQUIRE(viewer.state().pick.has_value());
    // Picked where the button went down, not where the pointer went after.
    CHECK(std::abs(viewer.state().pick->point.x) < 40.0);
  }

  SUBCASE("a panel button pressed and released between two frames acts once") {
    const auto& items = viewer.panel().items();
    REQUIRE(items.count("button:peel"));
    const ui::ItemRect peel = items.at("button:peel");
    moveTo(viewer, peel.centerX(), peel.centerY());
    pressButton(viewer);
    releaseButton(viewer);
    test::drainInput(viewer);
    CHECK(viewer.state().peeled.size() == 1);
  }

  SUBCASE("a quick move from one tab to the other and a click, before one frame, switch it") {
    const ui::ItemRect layers = viewer.panel().items().at("tab:layers");
    const ui::ItemRect points = viewer.panel().items().at("tab:trigger_points");
    moveTo(viewer, layers.centerX(), layers.centerY()); // resting on the Layers tab
    viewer.frame();
    viewer.frame();
    moveTo(viewer, points.centerX(), points.centerY());
    pressButton(viewer);
    releaseButton(viewer);
    test::drainInput(viewer);
    CHECK(viewer.panel().tab() == ui::Panel::Tab::TriggerPoints);
  }

  SUBCASE("typing in the search field: a Backspace shorter than a frame keeps its place") {
    test::clickPanelItem(viewer, "tab:trigger_points");
    viewer.frame();
    test::clickPanelItem(viewer, "trp:search");
    viewer.frame();
    InputQueue& input = viewer.input();
    const auto type = [&](int key, char c) {
      input.key(key, GLFW_PRESS, 0);
      input.character(static_cast<unsigned int>(c));
      input.key(key, GLFW_RELEASE, 0);
    };
    type(GLFW_KEY_H, 'h');
    type(GLFW_KEY_E, 'e');
    type(GLFW_KEY_X, 'x');
    test::tapKey(viewer, GLFW_KEY_BACKSPACE);
    type(GLFW_KEY_E, 'e');
    type(GLFW_KEY_L, 'l');
    test::drainInput(viewer);
    CHECK(viewer.panel().triggerPointsQuery() == "heel");
    // Typed into the field, the letters were no shortcuts: nothing peeled, no view changed.
    CHECK(viewer.state().peeled.empty());
    CHECK(viewer.state().hidden.empty());
  }
}

TEST_CASE("a left-leg atlas: shown as a left leg and said to be one; L and the panel switch") {
  test::TempDir dir;
  test::writeLeftLegAtlas(dir.path());
  const LoadedAtlas left = loadAtlas(dir.path());
  REQUIRE(left.atlas.frame.side == "left");
  // As `sura --atlas DIR` starts: neither --left nor --right, the atlas's own leg.
  AppState start;
  apply(start, left.atlas, command::SetSide{startSide(left.atlas, std::nullopt)});
  ViewerOptions options;
  options.width = test::kWindowWidth;
  options.height = test::kWindowHeight;
  options.visible = false;
  Viewer viewer(left, start, options);
  viewer.frame();
  viewer.frame();
  vtkActor* lateralHead = viewer.scene().actor("gastrocnemius_lateral_head");
  REQUIRE(lateralHead);
  const auto lateralHeadX = [&] {
    const double* b = lateralHead->GetBounds();
    return (b[0] + b[1]) / 2.0;
  };

  // Drawn as it is (a left leg's lateral head at -x), and the panel says so.
  CHECK(viewer.panel().legShown() == Side::Left);
  CHECK_FALSE(viewer.scene().mirrored());
  CHECK(lateralHeadX() < -10.0);
  // From behind, left of the middle is this leg's lateral side: a click there finds it.
  viewer.issue(command::SetVisible{"skin", false});
  viewer.frame();
  clickView(viewer, test::centreOfView(viewer) - 25.0, test::kWindowHeight / 2.0);
  REQUIRE(viewer.state().pick.has_value());
  CHECK(viewer.state().pick->structure == "gastrocnemius_lateral_head");
  CHECK(viewer.state().pick->description.find("lateral of the midline") != std::string::npos);

  // L shows the right leg: the atlas mirrored, the panel's right leg chosen, the lateral
  // view now from +x.
  viewer.input().key(GLFW_KEY_L, GLFW_PRESS, 0);
  viewer.input().character('l');
  viewer.input().key(GLFW_KEY_L, GLFW_RELEASE, 0);
  test::drainInput(viewer);
  CHECK(viewer.state().side == Side::Right);
  CHECK(viewer.panel().legShown() == Side::Right);
  CHECK(viewer.scene().mirrored());
  CHECK(lateralHeadX() > 10.0);
  test::clickPanelItem(viewer, "view:lateral");
  test::drainInput(viewer);
  CHECK(position(viewer).x > focalPoint(viewer).x + 100.0);

  // The panel's radio button brings the left leg back, as the atlas holds it.
  test::clickPanelItem(viewer, "leg:left");
  test::drainInput(viewer);
  CHECK(viewer.state().side == Side::Left);
  CHECK(viewer.panel().legShown() == Side::Left);
  CHECK_FALSE(viewer.scene().mirrored());
  CHECK(lateralHeadX() < -10.0);
  // The camera went with the leg: still looking at its lateral side, now from -x.
  CHECK(position(viewer).x < focalPoint(viewer).x - 100.0);
}

TEST_CASE("where it hurts: 'instep' focuses the instep point, and the instep is in view") {
  Viewer viewer = openViewer(test::bundledLoaded());
  viewer.frame();
  viewer.frame();
  test::clickPanelItem(viewer, "tab:trigger_points");
  viewer.frame();
  test::clickPanelItem(viewer, "trp:search");
  viewer.frame();
  InputQueue& input = viewer.input();
  for (const char c : std::string("instep")) {
    const int key = GLFW_KEY_A + (c - 'a');
    input.key(key, GLFW_PRESS, 0);
    input.character(static_cast<unsigned int>(c));
    input.key(key, GLFW_RELEASE, 0);
  }
  test::tapKey(viewer, GLFW_KEY_ENTER);
  REQUIRE(viewer.state().selectedTriggerPoint == "gastrocnemius_trp1");

  const ResolvedTriggerPoint* point = viewer.scene().clinical().find("gastrocnemius_trp1");
  REQUIRE(point);
  const std::vector<SkinPoint> zone = essentialReferredPoints(
      *point, test::bundledLoaded().meshes.at(viewer.scene().clinical().skin));
  REQUIRE(zone.size() > 20);
  const double left = viewer.panelPixels();
  const auto inView = [&](const glm::dvec2& p) {
    return p.x >= left && p.x < test::kWindowWidth && p.y >= 0.0 && p.y < test::kWindowHeight;
  };
  // The point, and every point of its essential zone, inside the 3D view...
  const glm::dvec2 spot = test::onScreen(viewer, point->centre);
  CHECK(inView(spot));
  std::size_t inside = 0, facing = 0;
  const glm::dvec3 toward = glm::normalize(position(viewer) - focalPoint(viewer));
  for (const SkinPoint& p : zone) {
    inside += inView(test::onScreen(viewer, p.position)) ? 1 : 0;
    facing += glm::dot(p.normal, toward) >= std::cos(glm::radians(kFacingDegrees)) ? 1 : 0;
  }
  CHECK(inside == zone.size());
  // ...most of the zone's skin turned toward the camera (from behind, none of it was)...
  CHECK(double(facing) >= kMinZoneShareInSight * double(zone.size()));
  // ...and the point's spot still big enough to see.
  double up[3];
  viewer.camera()->GetViewUp(up);
  const glm::dvec2 edge = test::onScreen(
      viewer, point->centre + point->point.radiusMm * glm::dvec3{up[0], up[1], up[2]});
  const double shorter = std::min(double(test::kWindowWidth) - left, double(test::kWindowHeight));
  CHECK(2.0 * glm::length(edge - spot) >= kMinTriggerPointScreenShare * shorter);
}
