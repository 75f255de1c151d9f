// The viewer: a GLFW window with the VTK scene and the ImGui panel over it, and the frame
// loop. The same class draws the interactive window and, hidden, every `sura render` frame,
// so a PNG shows exactly what a person sees.
#pragma once

#include "app/camera_controller.h"
#include "app/input_queue.h"
#include "labels/view_labels.h"
#include "meshio/load_atlas.h"
#include "scene/offscreen.h"
#include "state/app_state.h"

#include <glm/vec3.hpp>

#include <filesystem>
#include <memory>
#include <string>

class vtkCamera;

namespace sura {

class Scene;
class Teaching;
struct SavedScene;
namespace ui {
class Panel;
}

struct ViewerOptions {
  /// Window size in screen units (pixels, unless the desktop scales windows).
  int width = 1280;
  int height = 800;
  /// False: a hidden window for offscreen frames (render, tests, benchmarks).
  bool visible = true;
  /// False: the 3D view alone, without the panel (`sura render --no-ui`).
  bool showUi = true;
  /// True: the scene is autosaved and a session that did not end is offered back
  /// (app/teaching.h); the interactive viewer only.
  bool autosave = false;
};

/// How a frame drew the 3D scene.
enum class SceneDraw {
  None,    ///< the frame drew nothing: nothing had changed
  Kept,    ///< the scene's last picture again, under a changed panel
  Reduced, ///< drawn while the camera moves: reduced resolution, lighter meshes
  Whole,   ///< the whole still picture, exactly as `sura render` draws it
};

/// What the last frame drew (tests ask; nothing else depends on it).
struct FrameReport {
  bool drawn = false; ///< false: the window kept its picture
  SceneDraw scene = SceneDraw::None;
  /// What the frame drew, read back, when keepPixels(true) asked for it; else empty.
  Image pixels;
};

/// The 3D view is drawn at 1/kReduction of the window's resolution while the camera moves.
inline constexpr int kReduction = 2;

/// loadAtlas(atlasDir), with the display opened and its OpenGL driver loaded meanwhile on this
/// thread: without a GPU, loading the driver is a good part of start-up, as is reading the
/// meshes. Throws the atlas's error if both fail, else the display's (DisplayError).
LoadedAtlas loadAtlasWhileDisplayOpens(const std::filesystem::path& atlasDir);

class Viewer {
public:
  /// Opens the window, the scene and the panel, showing `initial`. Throws DisplayError when
  /// there is no X display or it cannot give an OpenGL 3.2 core context.
  Viewer(const LoadedAtlas& loaded, const AppState& initial, const ViewerOptions& options);
  ~Viewer();
  Viewer(const Viewer&) = delete;
  Viewer& operator=(const Viewer&) = delete;

  /// Shows the next events: the panel (applying the commands it returns), the scene as the
  /// state now says, the panel over it. Draws and shows only what changed: nothing when
  /// nothing did; while the camera moves (a drag, the wheel, a flight) the scene at reduced
  /// resolution, and the whole still picture at the first frame after it stopped.
  void frame();
  /// Shows the next events to the panel and the camera, as frame() does, and draws nothing:
  /// the frames of an offscreen render before its capture, which only settle the panel's
  /// layout and carry clicks out.
  void settle();
  /// Draws the whole still frame now, as the state stands, whether or not anything changed
  /// (the window was uncovered; benchmarks), and shows it.
  void redraw();
  /// Puts the camera here at once (a saved scene's camera), ending any flight under way.
  void placeCamera(const glm::dvec3& position, const glm::dvec3& focalPoint,
                   const glm::dvec3& viewUp);
  /// Draws one whole still frame and returns its pixels, read before they are shown.
  Image capture();
  /// What the last frame(), redraw() or capture() drew.
  const FrameReport& lastFrame() const;
  /// The labels the last picture of the scene drew (window framebuffer pixels); empty when
  /// labels are off.
  const std::vector<ViewLabel>& labels() const;
  /// True: every frame that draws reads its pixels back into lastFrame().pixels (tests).
  void keepPixels(bool keep);
  /// Blocks until the GPU has drawn everything (benchmarks time whole frames).
  void finish();
  /// Frames until the window is closed, then ends the session (endSession). Returns the
  /// process exit code.
  int run();

  /// Saving and opening scenes, lessons, screenshots, full screen and autosave: what the
  /// panel's Teaching tab and Ctrl+S, Ctrl+O, Page Down, Page Up, F11 and F12 ask for.
  Teaching& teaching();
  /// The scene shown, as a scene file keeps it: the state and where the camera stands (or
  /// where its flight is going).
  SavedScene currentScene() const;
  /// Shows a saved scene: its state, then its camera (or its preset's), in a flight when
  /// `fly` (in a visible window), else at once, exactly. The scene is checked by the caller.
  void showScene(const SavedScene& scene, bool fly);
  /// The whole still picture of the 3D view alone, or of the window with the panel as last
  /// drawn; not shown on the window.
  Image captureView(bool withPanel);
  /// The scene shown as the text of a glTF file (scene/gltf_export.h).
  std::string sceneGltf();
  /// Full screen on the monitor the window is on, or back to the window's place and size. A
  /// hidden window only keeps the setting.
  void setFullScreen(bool on);
  bool fullScreen() const;
  /// The session ends normally: its autosave is removed.
  void endSession();

  /// Applies a command as the panel would. Throws CommandError on bad input.
  void issue(const Command& command);

  const AppState& state() const;
  const Atlas& atlas() const;
  /// Where the window's events go as they arrive (the GLFW callbacks call its functions);
  /// each frame shows the next of them. Tests feed it as the callbacks do.
  InputQueue& input();
  /// Mouse navigation: the camera's share of the events.
  InputRouter& router();
  CameraController& cameraController();
  vtkCamera* camera() const;
  Scene& scene();
  ui::Panel& panel();

  /// Framebuffer size in pixels.
  int framebufferWidth() const;
  int framebufferHeight() const;
  /// Width of the panel in framebuffer pixels (0 without UI): the 3D view is right of it.
  int panelPixels() const;
  /// True when ImGui wanted the mouse at the end of the last frame.
  bool uiWantsMouse() const;

  /// The OpenGL renderer string, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".
  std::string glRenderer() const;
  /// Empty when DejaVu Sans was found; otherwise why ImGui's built-in font is used.
  std::string fontNote() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace sura
