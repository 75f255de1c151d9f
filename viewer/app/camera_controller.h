// Mouse navigation: orbit, pan and zoom of the 3D camera, and the routing of mouse events
// between the ImGui panel and the camera. The GLFW callbacks call InputRouter; so do the
// interaction tests, with the same pixel coordinates.
#pragma once

#include "geometry/mesh.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <functional>
#include <optional>
#include <utility>

class vtkCamera;

namespace sura {

enum class MouseButton { Left, Right, Middle };

/// Moves a vtkCamera by pixel motions, turntable style (the leg's long axis stays upright),
/// and never loses the model: the focal point stays near the model's box, the distance
/// between a quarter and three times the distance that frames the whole model, and the
/// camera never passes over the top or under the sole.
class CameraController {
public:
  explicit CameraController(vtkCamera* camera);

  /// The box to keep in view (mm), and the camera's viewport height in pixels.
  void setModel(const Aabb& bounds);
  void setViewportHeight(double pixels);

  /// Turns around the vertical axis through the focal point by dx and tilts by dy; a drag
  /// across the whole viewport height turns by kOrbitDegreesPerHeight.
  void orbit(double dxPixels, double dyPixels);
  /// Moves camera and focal point in the view plane so the model follows the pointer.
  void pan(double dxPixels, double dyPixels);
  /// Moves toward the focal point by `factor` (> 1 closer), within the distance limits; a
  /// camera already beyond a limit (after framing a small structure) is not pushed back.
  void zoom(double factor);

  /// Distance that frames the whole model vertically; the zoom limits are multiples of it.
  double framingDistance() const;

  static constexpr double kOrbitDegreesPerHeight = 200.0;
  static constexpr double kMinDistanceFactor = 0.25;
  static constexpr double kMaxDistanceFactor = 3.0;
  /// How far beyond the model's box the focal point may go, as a fraction of its size.
  static constexpr double kFocalMargin = 0.15;
  /// Closest the view direction comes to straight up or down, degrees.
  static constexpr double kMinPolarDegrees = 8.0;

private:
  void clampFocalPoint();

  vtkCamera* camera_;
  Aabb model_;
  double viewportHeight_ = 800.0;
};

/// Routes mouse events from the window (GLFW window coordinates, y down) to the camera,
/// unless the UI wants the mouse. Presses over the panel are dropped; releases always get
/// through, so a drag never sticks. A left press and release with little motion is a click,
/// kept for picking (other buttons only pan); more motion is a drag that moves the camera.
/// Two clicks close in time and place are also a double-click.
class InputRouter {
public:
  /// `uiWantsMouse` is asked on each press (ImGui's io.WantCaptureMouse).
  InputRouter(CameraController& camera, std::function<bool()> uiWantsMouse);

  /// Framebuffer pixels per window unit (2 on a high-DPI screen that scales the window).
  void setPixelRatio(double ratio) { pixelRatio_ = ratio; }

  /// With `ctrl`, a left press drags a point (the needle's entry) instead of the camera: see
  /// takePointDrag.
  void press(double x, double y, MouseButton button, bool shift = false, bool ctrl = false);
  void move(double x, double y);
  void release(double x, double y, MouseButton button);
  /// Wheel: positive dy zooms in.
  void scroll(double dy);

  /// The last click, in framebuffer pixels (x right, y down), once; nullopt otherwise.
  std::optional<glm::dvec2> takeClick();
  /// The last double-click (its second click, which takeClick also reports), once.
  std::optional<glm::dvec2> takeDoubleClick();
  /// Where a Ctrl+left drag has brought the pointer since the last call (its press too), in
  /// framebuffer pixels, once; nullopt when it has not moved. Such a press is never a click.
  std::optional<glm::dvec2> takePointDrag();

  /// Seconds on a monotonic clock; tests replace it to control double-click timing.
  void setClock(std::function<double()> clock) { clock_ = std::move(clock); }

  /// Where the pointer is (window coordinates) and which buttons are down, as this router
  /// saw them: the app feeds ImGui from here when there is no real pointer (tests, render).
  glm::dvec2 cursor() const { return cursor_; }
  bool isDown(MouseButton button) const { return down_[static_cast<int>(button)]; }

  /// Pointer motion, in framebuffer pixels, below which a press and release is a click.
  static constexpr double kClickSlopPixels = 4.0;
  /// Zoom factor per wheel step.
  static constexpr double kZoomPerStep = 1.12;
  /// A second click within this time and distance of the first is a double-click (the
  /// common desktop defaults).
  static constexpr double kDoubleClickSeconds = 0.4;
  static constexpr double kDoubleClickSlopPixels = 6.0;

private:
  enum class Drag { None, Orbit, Pan, Point };

  CameraController& camera_;
  std::function<bool()> uiWantsMouse_;
  double pixelRatio_ = 1.0;
  glm::dvec2 cursor_{0.0};
  bool down_[3] = {false, false, false};
  // The press the camera owns, if any: where it started and whether it became a drag.
  std::optional<MouseButton> owner_;
  Drag drag_ = Drag::None;
  bool dragging_ = false;
  glm::dvec2 pressAt_{0.0};
  glm::dvec2 last_{0.0};
  std::optional<glm::dvec2> click_;
  std::optional<glm::dvec2> doubleClick_;
  std::optional<glm::dvec2> pointDrag_;
  std::function<double()> clock_;
  // The click before, to recognise the second click of a pair.
  std::optional<glm::dvec2> previousClick_;
  double previousClickTime_ = 0.0;
};

} // namespace sura
