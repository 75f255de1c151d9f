#include "app/viewer.h"

#include "app/gl_calls.h"
#include "app/needle_placement.h"
#include "app/picked_point.h"
#include "app/pin_placement.h"
#include "app/safety_map_cache.h"
#include "app/scene_file.h"
#include "app/teaching.h"
#include "app/user_folders.h"
#include "clinical/clinical.h"
#include "labels/view_labels.h"
#include "picking/camera_ray.h"
#include "picking/picker.h"
#include "picking/safety_map.h"
#include "scene/camera_preset.h"
#include "scene/gltf_export.h"
#include "scene/pin_drawing.h"
#include "scene/scene.h"
#include "ui/fonts.h"
#include "ui/label_overlay.h"
#include "ui/panel.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>
#include <vtkSmartPointer.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <array>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <future>
#include <iostream>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace sura {

namespace {

// About 30 frames a second for animation: smooth enough for a slow pulse.
constexpr double kAnimationFrameSeconds = 1.0 / 30.0;
// Three periods of the halo's pulse (1.6 s in shaders/trigger_point_highlight.glsl), so that it
// ends at full strength, where it started.
constexpr double kPulseSeconds = 3 * 1.6;

// After a frame drawn at reduced resolution, the whole picture follows once the camera has
// rested this long: a hand pausing mid-drag gets it, a hand still moving does not wait for it.
constexpr double kSettleSeconds = 0.15;

// A camera flight to a new view: long enough to follow, short enough not to wait for.
constexpr double kFlightSeconds = 0.45;

// A camera within this angle of a preset's direction still shows that preset: a pan or a zoom
// does not turn it; a drag of a few pixels does.
constexpr double kSameViewDegrees = 1.0;

CameraPose poseOf(vtkCamera* camera) {
  double p[3], f[3], u[3];
  camera->GetPosition(p);
  camera->GetFocalPoint(f);
  camera->GetViewUp(u);
  CameraPose pose;
  pose.position = {p[0], p[1], p[2]};
  pose.focalPoint = {f[0], f[1], f[2]};
  pose.viewUp = {u[0], u[1], u[2]};
  return pose;
}

bool samePose(const CameraPose& a, const CameraPose& b) {
  return a.position == b.position && a.focalPoint == b.focalPoint && a.viewUp == b.viewUp;
}

// A pose the hand moved perceptibly: a release re-applies the last drag step, which may leave
// rounding-level changes (1e-13 mm) that are no movement.
bool movedPerceptibly(const CameraPose& a, const CameraPose& b) {
  constexpr double kMm = 1e-6;
  constexpr double kUp = 1e-9;
  return glm::length(a.position - b.position) > kMm ||
         glm::length(a.focalPoint - b.focalPoint) > kMm || glm::length(a.viewUp - b.viewUp) > kUp;
}

// A fingerprint of what ImGui draws (vertices, indices, clip rectangles, textures): the panel
// needs drawing again only when it changes.
std::uint64_t fingerprint(const ImDrawData* data) {
  std::uint64_t hash = 1469598103934665603ull; // FNV-1a
  auto add = [&hash](const void* bytes, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(bytes);
    for (std::size_t i = 0; i < size; ++i) {
      hash = (hash ^ p[i]) * 1099511628211ull;
    }
  };
  if (!data || !data->Valid) {
    return 0;
  }
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    add(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    add(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      add(&cmd.ClipRect, sizeof(cmd.ClipRect));
      add(&cmd.TextureId, sizeof(cmd.TextureId));
      add(&cmd.VtxOffset, sizeof(cmd.VtxOffset));
      add(&cmd.IdxOffset, sizeof(cmd.IdxOffset));
      add(&cmd.ElemCount, sizeof(cmd.ElemCount));
    }
  }
  return hash;
}

void place(vtkCamera* camera, const CameraPose& pose) {
  camera->SetFocalPoint(pose.focalPoint.x, pose.focalPoint.y, pose.focalPoint.z);
  camera->SetPosition(pose.position.x, pose.position.y, pose.position.z);
  camera->SetViewUp(pose.viewUp.x, pose.viewUp.y, pose.viewUp.z);
}

// GLFW is process-wide and initialised once: opening and closing the X connection for
// every viewer (tests open many) runs a Mesa/Xvfb server out of connections.
bool glfwReady = false;
std::string lastGlfwError;

void rememberGlfwError(int, const char* description) {
  lastGlfwError = description ? description : "unknown GLFW error";
}

void acquireGlfw() {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    throw DisplayError("no X display (DISPLAY is not set)");
  }
  if (!glfwReady) {
    glfwSetErrorCallback(rememberGlfwError);
    if (!glfwInit()) {
      throw DisplayError(std::string("cannot open X display '") + display + "' (" + lastGlfwError +
                         ")");
    }
    glfwReady = true;
    std::atexit(glfwTerminate);
  }
}

void hintVtkWindow(bool visible) {
  // VTK 9.1 needs OpenGL 3.2 core; forward-compatible for Mesa.
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, visible ? GLFW_TRUE : GLFW_FALSE);
  // No multisampling: with it, VTK 9.1 on Mesa llvmpipe drops translucent actors under
  // depth peeling. The scene smooths edges with FXAA instead.
  glfwWindowHint(GLFW_SAMPLES, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 24);
  glfwWindowHint(GLFW_ALPHA_BITS, 8);
}

// Opens the display and makes one OpenGL context of the kind the viewer asks for, then lets
// it go: the first context loads the driver (Mesa's llvmpipe with LLVM, a good part of
// start-up without a GPU), which stays loaded for the display's next windows (the viewer's
// own window then opens in a fifth of the time). GLFW only, no VTK: it runs beside the atlas
// being read (loadAtlasWhileDisplayOpens).
// The one message for a display that gives no window of the kind VTK needs.
DisplayError noGlWindow(const std::string& why) {
  return DisplayError("cannot open an OpenGL 3.2 window (" + why + ")");
}

void openDisplay() {
  acquireGlfw();
  hintVtkWindow(false);
  GLFWwindow* window = glfwCreateWindow(16, 16, "Sura", nullptr, nullptr);
  if (window == nullptr) {
    throw noGlWindow(lastGlfwError);
  }
  glfwDestroyWindow(window);
}

std::optional<MouseButton> toMouseButton(int glfwButton) {
  switch (glfwButton) {
  case GLFW_MOUSE_BUTTON_LEFT:
    return MouseButton::Left;
  case GLFW_MOUSE_BUTTON_RIGHT:
    return MouseButton::Right;
  case GLFW_MOUSE_BUTTON_MIDDLE:
    return MouseButton::Middle;
  default:
    return std::nullopt;
  }
}

} // namespace

struct Viewer::Impl {
  ViewerOptions options;
  AppState state;
  std::shared_future<Clinical> clinical; // see resolveOnce
  Scene scene;
  GLFWwindow* window = nullptr;
  vtkSmartPointer<vtkGenericOpenGLRenderWindow> renderWindow;
  vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor;
  vtkSmartPointer<vtkCallbackCommand> contextObserver;
  ImGuiContext* imgui = nullptr;
  ui::Panel panel;
  CameraController cameraController;
  InputRouter router;
  // What the GLFW callbacks recorded, not yet shown to a frame, and the buttons, keys and
  // pointer as the events shown so far leave them.
  InputQueue queue;
  InputState inputState;
  // Built once per atlas load (hidden structures are filtered, not rebuilt), off the way to
  // the first frame: on a thread of its own from the start in a window, where the pointer
  // will soon ask; at the first question in a hidden one (`sura render` without a click
  // never asks).
  std::future<std::unique_ptr<Picker>> pickerBuild;
  std::unique_ptr<Picker> pickerBuilt;
  bool pickerHasPoints = false; // picker() gave it the trigger points
  // The safety map: worked out on a thread at its first use (a few seconds on two cores),
  // over the picker's meshes and the skin's vertices; waited for in a hidden window.
  std::map<std::string, TriangleMesh> safetyMeshes;
  std::future<SafetyMap> safetyBuild;
  // The renderers over the 3D view (the section's inset) as now in the window.
  std::vector<vtkRenderer*> overlaysShown;
  // A line being drawn across the inset: where the press was, atlas x, y.
  std::optional<glm::dvec2> insetDrag;
  std::optional<Side> boundsSide;
  float fontScale = 0.0f; // the total scale the font atlas was built for; 0 = not yet
  std::string fontNote;
  bool wantsMouse = false;
  int panelPixels = 0;
  double framebufferRatio = 1.0; // framebuffer pixels per window unit, as of the last frame
  // The labels with leader lines (labels/view_labels.h), laid out again whenever the scene is
  // drawn again (the camera, the state or the window changed) and drawn over each picture of
  // it, window framebuffer pixels.
  std::vector<ViewLabel> labels;
  bool imguiBackendsReady = false;

  // Drawing only what changed. The scene's picture is kept (VTK's display framebuffer) and
  // shown again under a changed panel; it is drawn again when a command, the camera, the
  // window or the time changed it; while the camera moves, at reduced resolution.
  bool sceneChanged = true;    // a command was applied since the scene was last drawn
  bool movedSinceDraw = false; // the camera moved by hand or in flight since then
  std::optional<CameraPose> drawnPose;
  int drawnWidth = 0;
  int drawnHeight = 0;
  int drawnPanelPixels = -1;
  double drawnTime = 0.0;
  bool drawnReduced = false; // the scene's picture kept now is the reduced one
  std::uint64_t drawnPanel = 0;
  bool damaged = true; // the window lost its picture: show it again
  FrameReport report;
  bool keepPixels = false;

  // Saved scenes, lessons, screenshots, autosave (app/teaching.h); made once the window is.
  std::unique_ptr<Teaching> teaching;
  // A saved scene's camera, put in place once the frame has carried out its state.
  struct PendingCamera {
    std::optional<CameraPose> pose; ///< empty: the scene's preset
    bool fly = false;
  };
  std::optional<PendingCamera> pendingCamera;
  // Full screen: where the window was, to go back to.
  bool fullScreen = false;
  int windowedX = 0, windowedY = 0, windowedWidth = 0, windowedHeight = 0;

  void applyCommand(const Command& command) {
    apply(state, scene.atlas(), command);
    // The tooltip is the panel's: a hover changes nothing in the scene.
    if (!std::holds_alternative<command::Hover>(command)) {
      sceneChanged = true;
    }
  }

  Impl(const LoadedAtlas& loaded, const AppState& initial, const ViewerOptions& opts)
      // The trigger points are placed on this atlas's meshes once per load (clinical). The
      // scene, the panel and the picker read them when they first need them.
      : options(opts), state(initial), clinical(resolveOnce(loaded, initial, opts)),
        scene(loaded, [resolved = clinical] { return resolved.get(); }),
        cameraController(scene.renderer()->GetActiveCamera()),
        router(cameraController, [this] { return wantsMouse; }) {
    // The meshes only: the trigger points are given to it when a question first needs them
    // (picker()), so that the safety map, which traces over the meshes alone, never waits for
    // them.
    pickerBuild = std::async(options.visible ? std::launch::async : std::launch::deferred,
                             [atlas = loaded.atlas, meshes = loaded.meshes] {
                               return std::make_unique<Picker>(atlas, meshes);
                             });
    safetyMeshes = safetyMapMeshes(loaded.atlas, loaded.meshes);
  }

  // In a window the trigger points are resolved on a thread of their own from the start (the
  // person will soon ask for them); a hidden window (`sura render`, tests) resolves them on
  // that thread only when its first state shows one, and otherwise at the first question,
  // or never: a picture without trigger points does not wait for them.
  static std::shared_future<Clinical>
  resolveOnce(const LoadedAtlas& loaded, const AppState& initial, const ViewerOptions& options) {
    const bool soon = options.visible || !initial.triggerPointsShown.empty() ||
                      !initial.selectedTriggerPoint.empty() || !initial.referredShown.empty();
    return std::async(soon ? std::launch::async : std::launch::deferred,
                      [atlas = loaded.atlas, meshes = loaded.meshes] {
                        return resolveClinical(atlas, meshes);
                      })
        .share();
  }

  // The panel reads the trigger points every frame, but needs them only on its Trigger
  // points tab. Until they are resolved it gets none: a window's frame loop asks for them
  // after the first frame; a hidden window (`sura render`) when its panel shows that tab,
  // which it draws again once they are in (a state that shows a point has them already).
  const Clinical& clinicalForPanel() const {
    static const Clinical none;
    if (const Clinical* resolved = scene.clinicalIfResolved()) {
      return *resolved;
    }
    return !options.visible && panel.tab() == ui::Panel::Tab::TriggerPoints ? scene.clinical()
                                                                            : none;
  }

  // The picker's meshes, without the trigger points (what the safety map traces over).
  Picker& meshPicker() {
    if (!pickerBuilt) {
      pickerBuilt = pickerBuild.get();
    }
    return *pickerBuilt;
  }

  // The picker with the trigger points, which a click's card names the nearest of: they are
  // asked for at the first question (already on their way in a window).
  Picker& picker() {
    Picker& p = meshPicker();
    if (!pickerHasPoints) {
      std::vector<NamedPoint> points;
      for (const ResolvedTriggerPoint& point : clinical.get().triggerPoints) {
        points.push_back({point.point.id, point.centre});
      }
      p.setTriggerPoints(std::move(points));
      pickerHasPoints = true;
    }
    return p;
  }

  // Makes the safety map for the settings' margin when it is shown: on a thread, from the
  // cache when it holds it; hands it to the scene once made (at once in a hidden window, whose
  // one frame must show it). A margin changed meanwhile gets its map right after the one
  // under way; the older map stays painted until then.
  void updateSafetyMap() {
    if (!state.safetyMap) {
      return;
    }
    const double margin = state.needleSettings.marginMm;
    while (scene.safetyMapMargin() != margin) {
      if (!safetyBuild.valid()) {
        Picker& p = meshPicker();
        safetyBuild = std::async(std::launch::async, [&p, &meshes = safetyMeshes, margin] {
          return cachedSafetyMap(p, meshes, margin);
        });
      }
      if (options.visible &&
          safetyBuild.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return;
      }
      SafetyMap made = safetyBuild.get();
      scene.setSafetyMap(std::move(made.depthMm), made.marginMm);
      sceneChanged = true;
    }
  }

  // The scene's overlay renderers (the section's inset) in the window, after the 3D view.
  void syncOverlays() {
    const std::vector<vtkRenderer*> wanted = scene.overlays();
    if (wanted == overlaysShown) {
      return;
    }
    for (vtkRenderer* r : overlaysShown) {
      renderWindow->RemoveRenderer(r);
    }
    for (vtkRenderer* r : wanted) {
      renderWindow->AddRenderer(r);
    }
    overlaysShown = wanted;
  }

  // A press on the inset's section starts a line across it; dragging moves its end; a click
  // without a drag takes the line away. True when the event was the inset's.
  bool insetEvent(const InputEvent& event, double pixelRatio, int fbHeight) {
    const auto at = [&] {
      return scene.sectionPointAt(event.x * pixelRatio, fbHeight - event.y * pixelRatio);
    };
    if (event.kind == InputEvent::Kind::Button && event.code == GLFW_MOUSE_BUTTON_LEFT) {
      if (event.down) {
        insetDrag = at();
        return insetDrag.has_value();
      }
      if (insetDrag) {
        const std::optional<glm::dvec2> end = at();
        if (end && glm::length(*end - *insetDrag) >= 1.0) {
          applyCommand(command::SetSectionLine{std::array<glm::dvec2, 2>{*insetDrag, *end}});
        } else if (end) {
          applyCommand(command::SetSectionLine{std::nullopt}); // a click: no line
        }
        insetDrag.reset();
        return true;
      }
    }
    if (event.kind == InputEvent::Kind::Move && insetDrag) {
      if (const std::optional<glm::dvec2> end = at();
          end && glm::length(*end - *insetDrag) >= 1.0) {
        applyCommand(command::SetSectionLine{std::array<glm::dvec2, 2>{*insetDrag, *end}});
      }
      return true;
    }
    return false;
  }

  std::optional<Ray> rayAt(const glm::dvec2& pixel, int fbWidth, int fbHeight) const;
  void selectAt(const glm::dvec2& pixel, int fbWidth, int fbHeight);
  void needleAt(const glm::dvec2& pixel, int fbWidth, int fbHeight);
  void pinAt(const glm::dvec2& pixel, int fbWidth, int fbHeight);

  // Saved pins go back on this atlas's surfaces by their landmark terms (a rebuilt model).
  void placeSavedPins() {
    for (Pin& pin : state.pins) {
      pin = placeSavedPin(meshPicker(), scene.atlas(), std::move(pin));
    }
  }

  // A command that places a pin gets its landmark terms first (the picker is asked only then).
  Command withLocation(const Command& command) {
    if (std::holds_alternative<command::AddPin>(command) ||
        std::holds_alternative<command::MovePin>(command)) {
      return withPinLocation(meshPicker(), scene.atlas(), command);
    }
    return command;
  }
  void readNeedleIfMoved();
  void hoverAt(const std::optional<glm::dvec2>& pixel, int fbWidth, int fbHeight);
  void feedImGui(const std::vector<InputEvent>& events);
  // Ctrl+S, Ctrl+O, Page Down, Page Up, F11 and F12 ask the teaching panel as its buttons do
  // (answered by Teaching after the frame).
  void teachingKey(const InputEvent& event) {
    const bool ctrl = (event.mods & GLFW_MOD_CONTROL) != 0;
    const bool other = (event.mods & (GLFW_MOD_ALT | GLFW_MOD_SUPER | GLFW_MOD_SHIFT)) != 0;
    ui::TeachingPanel& teachingPanel = panel.teaching();
    if (teachingPanel.dialogOpen() || other) {
      return;
    }
    if (ctrl && event.code == GLFW_KEY_S) {
      teachingPanel.request(ui::TeachingAction::AskSave);
    } else if (ctrl && event.code == GLFW_KEY_O) {
      teachingPanel.request(ui::TeachingAction::AskOpen);
    } else if (ctrl) {
      return;
    } else if (event.code == GLFW_KEY_PAGE_DOWN) {
      teachingPanel.request(ui::TeachingAction::NextScene);
    } else if (event.code == GLFW_KEY_PAGE_UP) {
      teachingPanel.request(ui::TeachingAction::PreviousScene);
    } else if (event.code == GLFW_KEY_F11) {
      teachingPanel.request(ui::TeachingAction::FullScreen);
    } else if (event.code == GLFW_KEY_F12) {
      teachingPanel.request(ui::TeachingAction::Screenshot);
    }
  }
  Image captureView(bool withPanel);
  void setFullScreen(bool on);
  void route(const std::vector<InputEvent>& events, double pixelRatio, int fbHeight);

  float contentScale() const {
    if (!options.visible) {
      return 1.0f; // offscreen frames must not depend on the desktop they are made on
    }
    float x = 1.0f;
    float y = 1.0f;
    glfwGetWindowContentScale(window, &x, &y);
    return std::max(1.0f, std::max(x, y));
  }

  // Rebuilds the font when the UI scale or the screen's content scale has changed.
  void updateFont() {
    const float wanted = state.uiScale * contentScale();
    if (wanted == fontScale) {
      return;
    }
    const ui::FontResult result = ui::setupFonts(wanted);
    if (!result.note.empty() && fontNote.empty()) {
      std::cerr << "sura: note: " << result.note << "\n";
    }
    fontNote = result.note;
    ui::applyStyle(wanted);
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 1.0f;
    if (fontScale != 0.0f) {
      // Only the font texture is replaced. ImGui 1.86's DestroyDeviceObjects keeps the sizes
      // of the vertex buffers it deletes, so the recreated (empty) buffers were then written
      // past their end with glBufferSubData (GL_INVALID_VALUE) and the panel never drew again.
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    fontScale = wanted;
  }

  void layOutLabels(int fbWidth, int fbHeight, bool reduced);
  void drawLabels(int fbWidth, int fbHeight);

  enum class Draw { Nothing, AsNeeded, Still };
  void frame(Draw draw, Image* capture);
  void drawScene(int fbWidth, int fbHeight, bool reduced);

  // The focused trigger point pulses for a few seconds when it is focused or framed, then
  // rests at full strength: a slow software renderer must not redraw forever while a point is
  // in focus. Hidden windows (render, tests) stay at time 0 so that images are stable.
  std::string pulsePoint;
  unsigned pulseRequest = 0;
  double pulseStart = 0.0;

  double pulseTime() {
    if (!options.visible || state.selectedTriggerPoint.empty()) {
      pulsePoint.clear();
      return 0.0;
    }
    if (state.selectedTriggerPoint != pulsePoint || state.frameRequest != pulseRequest) {
      pulsePoint = state.selectedTriggerPoint;
      pulseRequest = state.frameRequest;
      pulseStart = glfwGetTime();
    }
    const double elapsed = glfwGetTime() - pulseStart;
    return elapsed < kPulseSeconds ? elapsed : 0.0;
  }
  // A view button or a framing request moves the camera in a flight of kFlightSeconds rather
  // than a jump, so a class sees where the new view is from. Only in a visible window (render
  // and tests take the end pose at once), never for a side switch (the model itself jumps
  // to its mirror), and never at start-up. A press of any button lands the flight at once.
  std::optional<CameraPose> flightFrom, flightTo;
  double flightStart = 0.0;
  bool cameraPlaced = false;

  void flyIfMoved(const CameraPose& before, Side sideBefore) {
    vtkCamera* camera = scene.renderer()->GetActiveCamera();
    const CameraPose after = poseOf(camera);
    const bool moved = glm::length(after.position - before.position) > 1e-6 ||
                       glm::length(after.focalPoint - before.focalPoint) > 1e-6;
    if (moved && options.visible && cameraPlaced && scene.side() == sideBefore) {
      flightFrom = flightInProgress().value_or(before);
      flightTo = after;
      flightStart = glfwGetTime();
    }
    cameraPlaced = true;
    if (flightTo) {
      const bool pressed = router.isDown(MouseButton::Left) || router.isDown(MouseButton::Right) ||
                           router.isDown(MouseButton::Middle);
      const double s = (glfwGetTime() - flightStart) / kFlightSeconds;
      if (pressed || s >= 1.0) {
        place(camera, *flightTo);
        flightTo.reset();
      } else {
        place(camera, interpolatePose(*flightFrom, *flightTo, s));
      }
    }
  }
  // Where a flight under way has got to, so that a new one starts from there.
  std::optional<CameraPose> flightInProgress() const {
    if (!flightTo) {
      return std::nullopt;
    }
    return interpolatePose(*flightFrom, *flightTo, (glfwGetTime() - flightStart) / kFlightSeconds);
  }
  bool flying() const { return flightTo.has_value(); }

  // A shown scene's saved camera, once its state has moved the camera to its preset: flown
  // to from where the camera stood before (a lesson's next scene), or put there at once.
  void placePendingCamera(const CameraPose& before, bool placedBefore) {
    if (!pendingCamera) {
      return;
    }
    const PendingCamera pending = *pendingCamera;
    pendingCamera.reset();
    if (!pending.pose) {
      if (!pending.fly) {
        if (flightTo) {
          place(scene.renderer()->GetActiveCamera(), *flightTo); // the preset, at once
        }
        flightTo.reset();
      }
      return;
    }
    if (pending.fly && options.visible && placedBefore) {
      flightFrom = flightInProgress().value_or(before);
      flightTo = pending.pose;
      flightStart = glfwGetTime();
      place(scene.renderer()->GetActiveCamera(), *flightFrom);
    } else {
      flightTo.reset();
      place(scene.renderer()->GetActiveCamera(), *pending.pose);
    }
    sceneChanged = true;
  }

  // A view button stays lit only while the camera looks from its side: once a drag (or a
  // trigger point framed from its own side) turns the camera away, the state says so. Where
  // a flight is heading counts, not where it has got to.
  void noticeCameraTurned() {
    if (!cameraPlaced || !state.atView) {
      return;
    }
    const CameraPose pose = flightTo.value_or(poseOf(scene.renderer()->GetActiveCamera()));
    const glm::dvec3 toward = pose.position - pose.focalPoint;
    if (glm::length(toward) <= 0.0) {
      return;
    }
    const double cosine = glm::dot(glm::normalize(toward), presetDirection(state.view, state.side));
    if (cosine < std::cos(glm::radians(kSameViewDegrees))) {
      applyCommand(command::CameraTurned{});
    }
  }

  bool pulsing() const {
    return options.visible && !pulsePoint.empty() && glfwGetTime() - pulseStart < kPulseSeconds;
  }
};

// The camera's ray through a framebuffer pixel of the 3D view (right of the panel); nullopt
// over the panel.
std::optional<Ray> Viewer::Impl::rayAt(const glm::dvec2& pixel, int fbWidth, int fbHeight) const {
  if (pixel.x < panelPixels) {
    return std::nullopt;
  }
  vtkCamera* camera = scene.renderer()->GetActiveCamera();
  const CameraPose pose = poseOf(camera);
  CameraView view;
  view.position = pose.position;
  view.focalPoint = pose.focalPoint;
  view.viewUp = pose.viewUp;
  view.viewAngleDeg = camera->GetViewAngle();
  view.viewportWidth = fbWidth - panelPixels;
  view.viewportHeight = fbHeight;
  std::optional<Ray> ray = pixelRay(view, pixel.x - panelPixels, pixel.y);
  // Above a section nothing is left: the ray starts where it reaches the cut.
  if (ray && state.sectionZ && ray->origin.z > *state.sectionZ) {
    if (!(ray->direction.z < 0.0)) {
      return std::nullopt;
    }
    const double s = (*state.sectionZ - ray->origin.z) / ray->direction.z;
    ray->origin += ray->direction * s;
  }
  return ray;
}

// A click on the 3D view selects the first pickable structure under it and keeps what the
// picker says of the point (description, depths, nearest trigger point and nerve) for the
// marker and the info card; a click beside the leg clears the selection.
void Viewer::Impl::selectAt(const glm::dvec2& pixel, int fbWidth, int fbHeight) {
  const std::optional<Ray> ray = rayAt(pixel, fbWidth, fbHeight);
  if (!ray) {
    return;
  }
  const Atlas& atlas = scene.atlas();
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  const PickResult result = picker().pick(
      *ray, [&](const std::string& id) { return isPickable(state, atlas, id); }, mirrored);
  if (std::optional<PickedPoint> picked = pickedPointFrom(result, mirrored)) {
    picked->triggerPointMark = scene.triggerPointMarkAt(state, picked->structure, picked->point);
    applyCommand(command::ShowPick{std::move(*picked)});
  } else {
    applyCommand(command::Select{""});
  }
}

// The needle goes in where the camera's ray through the pixel enters the skin, aimed as the
// settings say (along the view, or by angles). Beside the leg it stays where it was.
void Viewer::Impl::needleAt(const glm::dvec2& pixel, int fbWidth, int fbHeight) {
  const std::optional<Ray> ray = rayAt(pixel, fbWidth, fbHeight);
  if (!ray) {
    return;
  }
  AppState moved = state;
  apply(moved, scene.atlas(),
        command::PlaceNeedle{needleRequestAlong(*ray, mirrorsAtlas(state.side, scene.atlas()))});
  std::optional<NeedleReadout> readout =
      readRequestedNeedle(picker(), scene.clinical(), scene.atlas(), moved);
  if (!readout) {
    return;
  }
  applyCommand(command::PlaceNeedle{moved.needle->request});
  applyCommand(command::ShowNeedleReadout{std::move(*readout)});
}

// With the pin tool a click puts a new pin where it lands on the first pickable surface; a pin
// being moved goes there instead (its note kept). Beside the leg nothing happens.
void Viewer::Impl::pinAt(const glm::dvec2& pixel, int fbWidth, int fbHeight) {
  const std::optional<Ray> ray = rayAt(pixel, fbWidth, fbHeight);
  if (!ray) {
    return;
  }
  const Atlas& atlas = scene.atlas();
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  const std::optional<SurfaceHit> hit = meshPicker().firstHit(
      *ray, [&](const std::string& id) { return isPickable(state, atlas, id); }, mirrored);
  if (!hit) {
    return;
  }
  Pin pin;
  pin.structure = hit->structure;
  pin.point = asDrawn(hit->point, mirrored);
  pin.normal = glm::normalize(asDrawn(hit->normal, mirrored));
  if (state.pinToMove) {
    applyCommand(withLocation(command::MovePin{*state.pinToMove, pin}));
  } else {
    applyCommand(withLocation(command::AddPin{pin}));
  }
}

// A needle asked for and not yet placed (new, its settings or the leg changed) is placed and
// read out before the scene draws it.
void Viewer::Impl::readNeedleIfMoved() {
  if (!state.needle || state.needle->readout) {
    return;
  }
  if (std::optional<NeedleReadout> readout =
          readRequestedNeedle(picker(), scene.clinical(), scene.atlas(), state)) {
    applyCommand(command::ShowNeedleReadout{std::move(*readout)});
  } else {
    applyCommand(command::RemoveNeedle{}); // no skin to go in through: the tab says no needle
  }
}

// The structure under the pointer names itself in a tooltip; only while no button is down, so
// a drag never flickers through names.
void Viewer::Impl::hoverAt(const std::optional<glm::dvec2>& pixel, int fbWidth, int fbHeight) {
  std::string id;
  const bool buttonDown = router.isDown(MouseButton::Left) || router.isDown(MouseButton::Right) ||
                          router.isDown(MouseButton::Middle);
  if (pixel && !wantsMouse && !buttonDown) {
    if (const std::optional<Ray> ray = rayAt(*pixel, fbWidth, fbHeight)) {
      const Atlas& atlas = scene.atlas();
      const auto hit = picker().firstHit(
          *ray, [&](const std::string& s) { return isPickable(state, atlas, s); },
          mirrorsAtlas(state.side, atlas));
      id = hit ? hit->structure : std::string();
    }
  }
  if (id != state.hovered) {
    applyCommand(command::Hover{id});
  }
}

// Gives ImGui one frame's events: the buttons, keys and pointer as they leave them, the
// characters typed and the wheel turned. The platform backend's own polling is overridden:
// it reads the buttons and the pointer as they are now, not as they were.
void Viewer::Impl::feedImGui(const std::vector<InputEvent>& events) {
  ImGuiIO& io = ImGui::GetIO();
  for (const InputEvent& event : events) {
    inputState.apply(event);
    switch (event.kind) {
    case InputEvent::Kind::Scroll:
      io.MouseWheelH += static_cast<float>(event.x);
      io.MouseWheel += static_cast<float>(event.y);
      break;
    case InputEvent::Kind::Char:
      io.AddInputCharacter(static_cast<unsigned int>(event.code));
      break;
    case InputEvent::Kind::Key:
      if (event.code == GLFW_KEY_F1 && event.down) {
        panel.toggleHelp();
      }
      if (event.down) {
        teachingKey(event);
      }
      break;
    default:
      break;
    }
  }
  io.MousePos = inputState.inside
                    ? ImVec2(static_cast<float>(inputState.x), static_cast<float>(inputState.y))
                    : ImVec2(-FLT_MAX, -FLT_MAX);
  for (std::size_t i = 0; i < IM_ARRAYSIZE(io.MouseDown); ++i) {
    io.MouseDown[i] = i < inputState.buttons.size() && inputState.buttons[i];
  }
  static_assert(IM_ARRAYSIZE(io.KeysDown) == std::tuple_size_v<decltype(inputState.keys)>);
  std::copy(inputState.keys.begin(), inputState.keys.end(), io.KeysDown);
  io.KeyCtrl = inputState.ctrl();
  io.KeyShift = inputState.shift();
  io.KeyAlt = inputState.alt();
  io.KeySuper = inputState.super();
}

// The camera gets the mouse events of the frame in order, once ImGui has said whether the
// pointer is its own in this frame (io.WantCaptureMouse, set by ImGui::NewFrame).
void Viewer::Impl::route(const std::vector<InputEvent>& events, double pixelRatio, int fbHeight) {
  for (const InputEvent& event : events) {
    if (!wantsMouse && insetEvent(event, pixelRatio, fbHeight)) {
      continue;
    }
    if (event.kind == InputEvent::Kind::Move) {
      router.move(event.x, event.y);
    } else if (event.kind == InputEvent::Kind::Scroll) {
      router.scroll(event.y);
    } else if (event.kind == InputEvent::Kind::Button) {
      if (const std::optional<MouseButton> button = toMouseButton(event.code)) {
        if (event.down) {
          router.press(event.x, event.y, *button, (event.mods & GLFW_MOD_SHIFT) != 0,
                       (event.mods & GLFW_MOD_CONTROL) != 0);
        } else {
          router.release(event.x, event.y, *button);
        }
      }
    }
  }
}

void Viewer::Impl::frame(Draw draw, Image* capture) {
  report = FrameReport{};
  glfwMakeContextCurrent(window);
  int fbWidth = 0;
  int fbHeight = 0;
  glfwGetFramebufferSize(window, &fbWidth, &fbHeight);
  int winWidth = 0;
  int winHeight = 0;
  glfwGetWindowSize(window, &winWidth, &winHeight);
  if (fbWidth <= 0 || fbHeight <= 0 || winWidth <= 0 || winHeight <= 0) {
    return; // minimised
  }
  framebufferRatio = static_cast<double>(fbWidth) / winWidth;
  const double pixelRatio = framebufferRatio;
  router.setPixelRatio(pixelRatio);

  // The panel first: its commands change the state before the scene is drawn, so a frame
  // never shows a scene one step behind its panel. It must know whether a drag since the last
  // frame turned the camera.
  noticeCameraTurned();
  updateFont();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  const std::vector<InputEvent> events = queue.nextFrame();
  feedImGui(events);
  ImGui::NewFrame();
  wantsMouse = io.WantCaptureMouse;
  const CameraPose beforeHand = poseOf(scene.renderer()->GetActiveCamera());
  route(events, pixelRatio, fbHeight);
  if (movedPerceptibly(beforeHand, poseOf(scene.renderer()->GetActiveCamera()))) {
    movedSinceDraw = true; // an orbit, a pan or a zoom
  }
  std::vector<Command> commands;
  if (options.showUi) {
    panel.setSafetyMapReady(scene.safetyMapReady(state));
    commands = panel.draw(state, scene.atlas(), clinicalForPanel());
  }
  ImGui::Render();
  for (const Command& command : commands) {
    try {
      applyCommand(withLocation(command));
    } catch (const CommandError& e) {
      std::cerr << "sura: " << e.what() << "\n"; // the panel offers only valid commands
    }
  }

  panelPixels = options.showUi ? static_cast<int>(std::lround(panel.width() * pixelRatio)) : 0;
  panelPixels = std::min(panelPixels, fbWidth - 1);
  interactor->UpdateSize(fbWidth, fbHeight);
  if (const auto click = router.takeClick()) {
    if (state.pinTool || state.pinToMove) {
      pinAt(*click, fbWidth, fbHeight);
    } else if (state.needleTool) {
      needleAt(*click, fbWidth, fbHeight);
    } else {
      selectAt(*click, fbWidth, fbHeight);
    }
  }
  // Ctrl+drag moves the needle's entry over the skin (with the tool on, it puts one in).
  if (const auto drag = router.takePointDrag(); drag && (state.needle || state.needleTool)) {
    needleAt(*drag, fbWidth, fbHeight);
  }
  readNeedleIfMoved();
  // The second click of a pair has selected again; now bring the selection into view.
  if (router.takeDoubleClick()) {
    applyCommand(command::FrameSelection{});
  }
  hoverAt(inputState.inside
              ? std::optional<glm::dvec2>(glm::dvec2(inputState.x, inputState.y) * pixelRatio)
              : std::nullopt,
          fbWidth, fbHeight);
  vtkRenderer* renderer = scene.renderer();
  renderer->SetViewport(static_cast<double>(panelPixels) / fbWidth, 0.0, 1.0, 1.0);
  const double time = pulseTime();
  scene.setTime(time);
  const Side sideBefore = scene.side();
  const CameraPose before = poseOf(renderer->GetActiveCamera());
  updateSafetyMap();
  scene.apply(state);
  syncOverlays();
  const bool wasFlying = flying();
  const bool placedBefore = cameraPlaced;
  flyIfMoved(before, sideBefore);
  placePendingCamera(before, placedBefore);
  if (wasFlying || flying()) {
    movedSinceDraw = true;
  }
  noticeCameraTurned();
  if (boundsSide != state.side) {
    boundsSide = state.side;
    cameraController.setModel(scene.modelBounds());
  }
  cameraController.setViewportHeight(fbHeight);
  renderer->ResetCameraClippingRange();

  // Events still waiting: this frame only catches up with them (the panel and the camera have
  // seen its events); drawing it would make a slow renderer fall further behind the hand.
  if (draw == Draw::Nothing || (draw == Draw::AsNeeded && !queue.empty())) {
    return;
  }
  // Nothing is drawn when nothing changed. The scene is drawn again when what it shows
  // changed; at reduced resolution while the camera moves, and whole once it has stopped.
  // A change of the panel alone shows the scene's kept picture under the new panel.
  const bool sceneDirty = sceneChanged || !drawnPose ||
                          !samePose(*drawnPose, poseOf(renderer->GetActiveCamera())) ||
                          fbWidth != drawnWidth || fbHeight != drawnHeight ||
                          panelPixels != drawnPanelPixels || time != drawnTime;
  const bool still = draw == Draw::Still;
  const bool drawSceneNow = still || sceneDirty || (drawnReduced && !movedSinceDraw);
  const std::uint64_t panelPrint = fingerprint(ImGui::GetDrawData());
  if (!drawSceneNow && !damaged && panelPrint == drawnPanel) {
    return;
  }
  gl::bindWindowFramebuffer(fbWidth, fbHeight);
  if (drawSceneNow) {
    const bool reduced = !still && movedSinceDraw;
    layOutLabels(fbWidth, fbHeight, reduced);
    drawScene(fbWidth, fbHeight, reduced);
    drawnReduced = reduced;
    drawnPose = poseOf(renderer->GetActiveCamera());
    drawnWidth = fbWidth;
    drawnHeight = fbHeight;
    drawnPanelPixels = panelPixels;
    drawnTime = time;
    sceneChanged = false;
    movedSinceDraw = false;
    report.scene = reduced ? SceneDraw::Reduced : SceneDraw::Whole;
  } else {
    // The kept picture is always a whole one: a reduced one is followed by a whole one as
    // soon as the camera rests (drawSceneNow above).
    renderWindow->BlitDisplayFramebuffer();
    report.scene = SceneDraw::Kept;
  }
  drawLabels(fbWidth, fbHeight);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  drawnPanel = panelPrint;
  damaged = false;
  report.drawn = true;
  if (capture) {
    *capture = gl::readBackBuffer(fbWidth, fbHeight);
  }
  if (keepPixels) {
    report.pixels = capture ? *capture : gl::readBackBuffer(fbWidth, fbHeight);
  }
  glfwSwapBuffers(window);
}

// The whole still scene, and over it the panel as the last frame drew it, read back before it
// is shown (the next frame shows the window's picture again).
Image Viewer::Impl::captureView(bool withPanel) {
  glfwMakeContextCurrent(window);
  int fbWidth = 0;
  int fbHeight = 0;
  glfwGetFramebufferSize(window, &fbWidth, &fbHeight);
  gl::bindWindowFramebuffer(fbWidth, fbHeight);
  layOutLabels(fbWidth, fbHeight, false);
  drawScene(fbWidth, fbHeight, false);
  drawnReduced = false;
  drawnPose = poseOf(scene.renderer()->GetActiveCamera());
  drawLabels(fbWidth, fbHeight);
  if (withPanel && options.showUi && ImGui::GetDrawData()) {
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }
  Image image = gl::readBackBuffer(fbWidth, fbHeight);
  damaged = true;
  const int left = withPanel ? 0 : std::clamp(panelPixels, 0, fbWidth - 1);
  if (left == 0) {
    return image;
  }
  Image view;
  view.width = fbWidth - left;
  view.height = image.height;
  view.rgb.reserve(static_cast<std::size_t>(view.width) * view.height * 3);
  for (int y = 0; y < image.height; ++y) {
    const auto row = image.rgb.begin() + (static_cast<std::ptrdiff_t>(y) * image.width + left) * 3;
    view.rgb.insert(view.rgb.end(), row, row + static_cast<std::ptrdiff_t>(view.width) * 3);
  }
  return view;
}

// The labels for the camera as it now stands, over the 3D view right of the panel, kept off
// the panel, the section's inset, the safety map's legend and the pins' notes. While the camera
// moves, on a grid twice as coarse: a quarter of the rays, for a picture that is itself reduced.
void Viewer::Impl::layOutLabels(int fbWidth, int fbHeight, bool reduced) {
  labels.clear();
  if (!state.labels.shown || fbWidth <= panelPixels || fbHeight <= 0) {
    return;
  }
  vtkRenderer* renderer = scene.renderer();
  vtkCamera* camera = renderer->GetActiveCamera();
  const CameraPose pose = poseOf(camera);
  LabelViewport view;
  view.camera.position = pose.position;
  view.camera.focalPoint = pose.focalPoint;
  view.camera.viewUp = pose.viewUp;
  view.camera.viewAngleDeg = camera->GetViewAngle();
  view.camera.parallelProjection = camera->GetParallelProjection() != 0;
  view.camera.parallelScale = camera->GetParallelScale();
  view.camera.viewportWidth = fbWidth - panelPixels;
  view.camera.viewportHeight = fbHeight;
  view.offset = {static_cast<double>(panelPixels), 0.0};
  if (panelPixels > 0) {
    view.keepOut.push_back({0.0, 0.0, static_cast<double>(panelPixels), double(fbHeight)});
  }
  for (vtkRenderer* overlay : scene.overlays()) { // the section's inset, from the lower left
    const double* v = overlay->GetViewport();
    view.keepOut.push_back(
        {v[0] * fbWidth, (1.0 - v[3]) * fbHeight, v[2] * fbWidth, (1.0 - v[1]) * fbHeight});
  }
  if (const auto legend = scene.legendExtent()) { // in the 3D view, from its lower left
    const std::array<double, 4>& e = *legend;
    view.keepOut.push_back(
        {panelPixels + e[0], fbHeight - e[3], panelPixels + e[2], fbHeight - e[1]});
  }
  for (const std::array<double, 4>& e : scene.pinDrawing().noteExtents()) { // the pins' notes
    view.keepOut.push_back(
        {panelPixels + e[0], fbHeight - e[3], panelPixels + e[2], fbHeight - e[1]});
  }
  const float ratio = static_cast<float>(framebufferRatio);
  const double em = ImGui::GetIO().Fonts->Fonts[0]->FontSize * framebufferRatio;
  // About a hundred cells across the shorter side, never finer than 4 pixels.
  const double cell = std::max(
      4.0, std::round(std::min(view.camera.viewportWidth, view.camera.viewportHeight) / 100.0));
  view.cell = reduced ? 2.0 * cell : cell;
  view.gap = std::max(3.0, 0.35 * em);
  labels = viewLabels(meshPicker(), scene.atlas(), scene.clinicalIfResolved(), state, view,
                      [ratio](const std::vector<std::string>& lines, std::size_t firstLines) {
                        return ui::labelBoxSize(lines, firstLines, ratio);
                      });
}

// Draws the labels laid out last straight onto the window's framebuffer, in ImGui's own list
// (the panel's font and renderer) but outside its frame: after the scene, under the panel.
void Viewer::Impl::drawLabels(int fbWidth, int fbHeight) {
  if (labels.empty()) {
    return;
  }
  const ImGuiIO& io = ImGui::GetIO();
  const float ratio = static_cast<float>(framebufferRatio);
  ImDrawList list(ImGui::GetDrawListSharedData());
  list._ResetForNewFrame();
  list.PushClipRect(ImVec2(0.0f, 0.0f), ImVec2(static_cast<float>(fbWidth) / ratio,
                                               static_cast<float>(fbHeight) / ratio));
  list.PushTextureID(io.Fonts->TexID);
  ui::drawLabels(list, labels, ratio);
  ImDrawList* lists[] = {&list};
  ImDrawData data;
  data.Valid = true;
  data.CmdLists = lists;
  data.CmdListsCount = 1;
  data.TotalVtxCount = list.VtxBuffer.Size;
  data.TotalIdxCount = list.IdxBuffer.Size;
  data.DisplayPos = ImVec2(0.0f, 0.0f);
  data.DisplaySize =
      ImVec2(static_cast<float>(fbWidth) / ratio, static_cast<float>(fbHeight) / ratio);
  data.FramebufferScale = ImVec2(ratio, ratio);
  ImGui_ImplOpenGL3_RenderDrawData(&data);
}

// Full screen on the monitor holding most of the window; back to where it was. GLFW keeps
// the context, so VTK and ImGui go on drawing into the same window.
void Viewer::Impl::setFullScreen(bool on) {
  if (on == fullScreen) {
    return;
  }
  fullScreen = on;
  damaged = true;
  if (!options.visible) {
    return; // a hidden window is never shown, not even full screen
  }
  if (!on) {
    glfwSetWindowMonitor(window, nullptr, windowedX, windowedY, windowedWidth, windowedHeight,
                         GLFW_DONT_CARE);
    return;
  }
  glfwGetWindowPos(window, &windowedX, &windowedY);
  glfwGetWindowSize(window, &windowedWidth, &windowedHeight);
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  GLFWmonitor* best = glfwGetPrimaryMonitor();
  long bestArea = -1;
  for (int i = 0; i < count; ++i) {
    int mx = 0;
    int my = 0;
    glfwGetMonitorPos(monitors[i], &mx, &my);
    const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
    if (!mode) {
      continue;
    }
    const long w = std::min(windowedX + windowedWidth, mx + mode->width) - std::max(windowedX, mx);
    const long h =
        std::min(windowedY + windowedHeight, my + mode->height) - std::max(windowedY, my);
    const long area = w > 0 && h > 0 ? w * h : 0;
    if (area > bestArea) {
      bestArea = area;
      best = monitors[i];
    }
  }
  if (!best) {
    fullScreen = false;
    return;
  }
  const GLFWvidmode* mode = glfwGetVideoMode(best);
  glfwSetWindowMonitor(window, best, 0, 0, mode->width, mode->height, mode->refreshRate);
}

// The scene as it stands into VTK's framebuffers and onto the window. Reduced: at 1/kReduction
// of the resolution, with the scene's lighter meshes and translucency, scaled up to the window.
void Viewer::Impl::drawScene(int fbWidth, int fbHeight, bool reduced) {
  scene.setMoving(reduced);
  if (!reduced) {
    renderWindow->SetSize(fbWidth, fbHeight);
    renderWindow->Render();
    return;
  }
  const int width = std::max(1, fbWidth / kReduction);
  const int height = std::max(1, fbHeight / kReduction);
  renderWindow->SetSize(width, height);
  renderWindow->SetFrameBlitModeToNoBlit();
  renderWindow->Render();
  renderWindow->SetFrameBlitModeToBlitToHardware();
  // Scaled onto the window through VTK, which tracks the GL state it has set.
  gl::bindWindowFramebuffer(fbWidth, fbHeight);
  renderWindow->BlitDisplayFramebuffer(0, 0, 0, width, height, 0, 0, fbWidth, fbHeight,
                                       gl::kColorBufferBit, gl::kLinearFilter);
  // The scene's other users (picking, framing, the outline's width) see the window's size.
  renderWindow->SetSize(fbWidth, fbHeight);
}

LoadedAtlas loadAtlasWhileDisplayOpens(const std::filesystem::path& atlasDir) {
  // The meshes are read on a thread of their own (VTK's readers run there alone) while this
  // one opens the display and loads the GL driver; neither needs the other.
  auto loading = std::async(std::launch::async, [atlasDir] { return loadAtlas(atlasDir); });
  std::exception_ptr displayProblem;
  try {
    openDisplay();
  } catch (...) {
    displayProblem = std::current_exception();
  }
  LoadedAtlas loaded = loading.get(); // a bad atlas is said first, display or not
  if (displayProblem) {
    std::rethrow_exception(displayProblem);
  }
  return loaded;
}

Viewer::Viewer(const LoadedAtlas& loaded, const AppState& initial, const ViewerOptions& options) {
  acquireGlfw();
  impl_ = std::make_unique<Impl>(loaded, initial, options);
  Impl& d = *impl_;
  d.placeSavedPins(); // a scene opened from the command line

  hintVtkWindow(options.visible);
  d.window = glfwCreateWindow(options.width, options.height, ("Sura: " + loaded.atlas.name).c_str(),
                              nullptr, nullptr);
  if (!d.window) {
    const std::string why = lastGlfwError;
    impl_.reset();
    throw noGlWindow(why);
  }
  glfwMakeContextCurrent(d.window);
  glfwSwapInterval(options.visible ? 1 : 0);

  d.renderWindow = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
  d.renderWindow->SetMultiSamples(0);
  d.contextObserver = vtkSmartPointer<vtkCallbackCommand>::New();
  d.contextObserver->SetClientData(d.window);
  d.contextObserver->SetCallback(
      [](vtkObject*, unsigned long event, void* clientData, void* callData) {
        auto* window = static_cast<GLFWwindow*>(clientData);
        if (event == vtkCommand::WindowMakeCurrentEvent) {
          glfwMakeContextCurrent(window);
        } else if (event == vtkCommand::WindowIsCurrentEvent) {
          *static_cast<bool*>(callData) = glfwGetCurrentContext() == window;
        }
        // WindowFrameEvent: nothing; the frame loop swaps once ImGui has drawn too.
      });
  d.renderWindow->AddObserver(vtkCommand::WindowMakeCurrentEvent, d.contextObserver);
  d.renderWindow->AddObserver(vtkCommand::WindowIsCurrentEvent, d.contextObserver);
  d.renderWindow->AddObserver(vtkCommand::WindowFrameEvent, d.contextObserver);
  d.renderWindow->InitializeFromCurrentContext();
  // A fresh GL context tests depth with GL_LESS while VTK's state cache takes it for GL_LEQUAL:
  // set it, and tell the cache what it is.
  gl::depthLessOrEqual();
  d.renderWindow->GetState()->ResetGLDepthFuncState();
  d.renderWindow->AddRenderer(d.scene.renderer());
  d.interactor = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
  d.interactor->SetRenderWindow(d.renderWindow);
  d.interactor->EnableRenderOff();

  // Every event is recorded as it arrives and shown to the frames in order (see InputQueue);
  // ImGui's backend installs no callbacks of its own. Hidden windows too: tests send them
  // real X events.
  glfwSetWindowUserPointer(d.window, &d);
  glfwSetCursorPosCallback(d.window, [](GLFWwindow* w, double x, double y) {
    static_cast<Impl*>(glfwGetWindowUserPointer(w))->queue.cursorPos(x, y);
  });
  glfwSetCursorEnterCallback(d.window, [](GLFWwindow* w, int entered) {
    static_cast<Impl*>(glfwGetWindowUserPointer(w))->queue.cursorEnter(entered == GLFW_TRUE);
  });
  glfwSetMouseButtonCallback(d.window, [](GLFWwindow* w, int button, int action, int mods) {
    static_cast<Impl*>(glfwGetWindowUserPointer(w))->queue.mouseButton(button, action, mods);
  });
  glfwSetScrollCallback(d.window, [](GLFWwindow* w, double dx, double dy) {
    static_cast<Impl*>(glfwGetWindowUserPointer(w))->queue.scroll(dx, dy);
  });
  glfwSetKeyCallback(d.window, [](GLFWwindow* w, int key, int, int action, int mods) {
    static_cast<Impl*>(glfwGetWindowUserPointer(w))->queue.key(key, action, mods);
  });
  glfwSetCharCallback(d.window, [](GLFWwindow* w, unsigned int codepoint) {
    static_cast<Impl*>(glfwGetWindowUserPointer(w))->queue.character(codepoint);
  });
  // Uncovered or resized: the window's picture must be shown again.
  glfwSetWindowRefreshCallback(d.window, [](GLFWwindow* w) {
    static_cast<Impl*>(glfwGetWindowUserPointer(w))->damaged = true;
  });

  IMGUI_CHECKVERSION();
  d.imgui = ImGui::CreateContext();
  ImGui::SetCurrentContext(d.imgui);
  // No imgui.ini: every run, and every rendered PNG, starts from the same layout.
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(d.window, false);
  ImGui_ImplOpenGL3_Init("#version 150");
  d.imguiBackendsReady = true;
  d.teaching = std::make_unique<Teaching>(*this, options.autosave);
}

Viewer::~Viewer() {
  Impl& d = *impl_;
  glfwMakeContextCurrent(d.window);
  ImGui::SetCurrentContext(d.imgui);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext(d.imgui);
  d.renderWindow->RemoveRenderer(d.scene.renderer());
  // VTK releases its GL objects while the context still exists.
  d.renderWindow->Finalize();
  d.interactor = nullptr;
  d.renderWindow = nullptr;
  glfwDestroyWindow(d.window);
  impl_.reset();
}

void Viewer::frame() {
  impl_->frame(Impl::Draw::AsNeeded, nullptr);
  impl_->teaching->afterFrame();
}

void Viewer::settle() {
  impl_->frame(Impl::Draw::Nothing, nullptr);
}

void Viewer::redraw() {
  impl_->frame(Impl::Draw::Still, nullptr);
}

void Viewer::placeCamera(const glm::dvec3& position, const glm::dvec3& focalPoint,
                         const glm::dvec3& viewUp) {
  // Where it is put it stays: a flight under way (a framing at start) would carry it off.
  impl_->flightTo.reset();
  impl_->cameraPlaced = true;
  place(impl_->scene.renderer()->GetActiveCamera(), CameraPose{position, focalPoint, viewUp});
  impl_->sceneChanged = true;
}

Image Viewer::capture() {
  Image image;
  impl_->frame(Impl::Draw::Still, &image);
  return image;
}

const std::vector<ViewLabel>& Viewer::labels() const {
  return impl_->labels;
}

const FrameReport& Viewer::lastFrame() const {
  return impl_->report;
}

void Viewer::keepPixels(bool keep) {
  impl_->keepPixels = keep;
}

void Viewer::finish() {
  glfwMakeContextCurrent(impl_->window);
  gl::finish();
}

int Viewer::run() {
  while (!glfwWindowShouldClose(impl_->window)) {
    // Redraw on input; the timeout lets ImGui settle hover states after the last event, and
    // is short while a focused trigger point pulses.
    // Events a frame could not show yet are shown by the next one, at once.
    const bool animating = impl_->pulsing() || impl_->flying();
    if (impl_->queue.empty()) {
      glfwWaitEventsTimeout(animating             ? kAnimationFrameSeconds
                            : impl_->drawnReduced ? kSettleSeconds
                                                  : 0.25);
    } else {
      glfwPollEvents();
    }
    frame();
    // The first frame is up: take the trigger points, resolved on their thread meanwhile (a
    // bad one ends the viewer here with its message, as before the first frame it would).
    impl_->scene.clinical();
    // The person will move the camera: make the meshes it moves with, once the first frame
    // is up (not before: on two cores that would delay it).
    impl_->scene.prepareLighterMeshes();
  }
  endSession();
  return 0;
}

Teaching& Viewer::teaching() {
  return *impl_->teaching;
}

SavedScene Viewer::currentScene() const {
  const Impl& d = *impl_;
  SavedScene saved = sceneOf(d.state, d.scene.atlas());
  CameraPose pose = d.flightTo.value_or(poseOf(d.scene.renderer()->GetActiveCamera()));
  if (d.pendingCamera && d.pendingCamera->pose) {
    pose = *d.pendingCamera->pose;
  }
  saved.camera = SceneCamera{pose.position, pose.focalPoint, pose.viewUp};
  return saved;
}

void Viewer::showScene(const SavedScene& saved, bool fly) {
  Impl& d = *impl_;
  d.state = stateOf(saved, d.state);
  d.placeSavedPins();
  d.sceneChanged = true;
  Impl::PendingCamera pending;
  if (saved.camera) {
    pending.pose =
        CameraPose{saved.camera->position, saved.camera->focalPoint, saved.camera->viewUp};
  }
  pending.fly = fly;
  d.pendingCamera = pending;
}

std::string Viewer::sceneGltf() {
  Impl& d = *impl_;
  d.scene.apply(d.state); // the paint as the state says now, even between frames
  return sura::sceneGltf(d.scene, d.state);
}

Image Viewer::captureView(bool withPanel) {
  return impl_->captureView(withPanel);
}

void Viewer::setFullScreen(bool on) {
  impl_->setFullScreen(on);
}

bool Viewer::fullScreen() const {
  return impl_->fullScreen;
}

void Viewer::endSession() {
  impl_->teaching->endSession();
}

void Viewer::issue(const Command& command) {
  impl_->applyCommand(impl_->withLocation(command));
}

const AppState& Viewer::state() const {
  return impl_->state;
}
const Atlas& Viewer::atlas() const {
  return impl_->scene.atlas();
}
InputQueue& Viewer::input() {
  return impl_->queue;
}
InputRouter& Viewer::router() {
  return impl_->router;
}
CameraController& Viewer::cameraController() {
  return impl_->cameraController;
}
vtkCamera* Viewer::camera() const {
  return impl_->scene.renderer()->GetActiveCamera();
}
Scene& Viewer::scene() {
  return impl_->scene;
}
ui::Panel& Viewer::panel() {
  return impl_->panel;
}
int Viewer::framebufferWidth() const {
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(impl_->window, &w, &h);
  return w;
}
int Viewer::framebufferHeight() const {
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(impl_->window, &w, &h);
  return h;
}
int Viewer::panelPixels() const {
  return impl_->panelPixels;
}
bool Viewer::uiWantsMouse() const {
  return impl_->wantsMouse;
}
std::string Viewer::glRenderer() const {
  glfwMakeContextCurrent(impl_->window);
  return gl::rendererString();
}
std::string Viewer::fontNote() const {
  return impl_->fontNote;
}

} // namespace sura
