#include "app/camera_controller.h"

#include <vtkCamera.h>

#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

namespace sura {

namespace {

const glm::dvec3 kWorldUp{0.0, 0.0, 1.0};

glm::dvec3 get(vtkCamera* camera, void (vtkCamera::*getter)(double[3])) {
  double v[3];
  (camera->*getter)(v);
  return {v[0], v[1], v[2]};
}

void place(vtkCamera* camera, const glm::dvec3& focal, const glm::dvec3& position) {
  camera->SetFocalPoint(focal.x, focal.y, focal.z);
  camera->SetPosition(position.x, position.y, position.z);
  // Turntable: the up vector is the world's vertical, made orthogonal to the view.
  const glm::dvec3 view = glm::normalize(focal - position);
  const glm::dvec3 up = glm::normalize(kWorldUp - glm::dot(kWorldUp, view) * view);
  camera->SetViewUp(up.x, up.y, up.z);
}

} // namespace

CameraController::CameraController(vtkCamera* camera) : camera_(camera) {}

void CameraController::setModel(const Aabb& bounds) {
  model_ = bounds;
}

void CameraController::setViewportHeight(double pixels) {
  viewportHeight_ = std::max(pixels, 1.0);
}

double CameraController::framingDistance() const {
  if (model_.empty()) {
    return 1.0;
  }
  const double halfAngle = glm::radians(camera_->GetViewAngle()) / 2.0;
  return 0.5 * glm::length(model_.size()) / std::tan(halfAngle);
}

void CameraController::orbit(double dxPixels, double dyPixels) {
  const glm::dvec3 focal = get(camera_, &vtkCamera::GetFocalPoint);
  glm::dvec3 offset = get(camera_, &vtkCamera::GetPosition) - focal;
  const double degreesPerPixel = kOrbitDegreesPerHeight / viewportHeight_;
  // Dragging right turns the model right: the camera goes the other way round.
  const double turn = glm::radians(-dxPixels * degreesPerPixel);
  offset = {std::cos(turn) * offset.x - std::sin(turn) * offset.y,
            std::sin(turn) * offset.x + std::cos(turn) * offset.y, offset.z};

  // Tilt, clamped so the camera never reaches the vertical (the view up would flip).
  const double distance = glm::length(offset);
  const double polar = std::acos(std::clamp(glm::dot(offset / distance, kWorldUp), -1.0, 1.0));
  const double minPolar = glm::radians(kMinPolarDegrees);
  const double wanted = std::clamp(polar - glm::radians(dyPixels * degreesPerPixel), minPolar,
                                   glm::pi<double>() - minPolar);
  glm::dvec3 horizontal{offset.x, offset.y, 0.0};
  if (glm::length(horizontal) < 1e-9 * distance) {
    horizontal = get(camera_, &vtkCamera::GetViewUp) * -1.0; // looking straight down or up
    horizontal.z = 0.0;
  }
  horizontal = glm::normalize(horizontal);
  offset = distance * (std::sin(wanted) * horizontal + std::cos(wanted) * kWorldUp);
  place(camera_, focal, focal + offset);
}

void CameraController::pan(double dxPixels, double dyPixels) {
  const glm::dvec3 focal = get(camera_, &vtkCamera::GetFocalPoint);
  const glm::dvec3 position = get(camera_, &vtkCamera::GetPosition);
  const glm::dvec3 view = glm::normalize(focal - position);
  const glm::dvec3 up = glm::normalize(get(camera_, &vtkCamera::GetViewUp));
  const glm::dvec3 right = glm::normalize(glm::cross(view, up));
  // World size of one pixel at the focal plane: the model moves with the pointer.
  const double mmPerPixel = 2.0 * glm::length(focal - position) *
                            std::tan(glm::radians(camera_->GetViewAngle()) / 2.0) / viewportHeight_;
  const glm::dvec3 shift = mmPerPixel * (-dxPixels * right + dyPixels * up);
  place(camera_, focal + shift, position + shift);
  clampFocalPoint();
}

void CameraController::zoom(double factor) {
  if (!(factor > 0.0) || !std::isfinite(factor)) {
    return;
  }
  const glm::dvec3 focal = get(camera_, &vtkCamera::GetFocalPoint);
  const glm::dvec3 offset = get(camera_, &vtkCamera::GetPosition) - focal;
  const double distance = glm::length(offset);
  if (!(distance > 0.0)) {
    return;
  }
  // The limits stop the wheel, they never push back: a camera already closer than the near
  // limit (framed on the patella, say) does not jump out when the wheel turns in.
  const double reference = framingDistance();
  double wanted = distance / factor;
  if (factor > 1.0) {
    wanted = std::max(wanted, std::min(distance, kMinDistanceFactor * reference));
  } else {
    wanted = std::min(wanted, std::max(distance, kMaxDistanceFactor * reference));
  }
  place(camera_, focal, focal + offset * (wanted / distance));
}

void CameraController::clampFocalPoint() {
  if (model_.empty()) {
    return;
  }
  const glm::dvec3 margin = kFocalMargin * model_.size();
  const glm::dvec3 focal = get(camera_, &vtkCamera::GetFocalPoint);
  const glm::dvec3 clamped = glm::clamp(focal, model_.lo - margin, model_.hi + margin);
  if (clamped != focal) {
    const glm::dvec3 position = get(camera_, &vtkCamera::GetPosition);
    place(camera_, clamped, position + (clamped - focal));
  }
}

InputRouter::InputRouter(CameraController& camera, std::function<bool()> uiWantsMouse)
    : camera_(camera), uiWantsMouse_(std::move(uiWantsMouse)), clock_([] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
      }) {}

void InputRouter::press(double x, double y, MouseButton button, bool shift, bool ctrl) {
  cursor_ = {x, y};
  down_[static_cast<int>(button)] = true;
  if (owner_ || (uiWantsMouse_ && uiWantsMouse_())) {
    return; // one drag at a time; the panel keeps its own presses
  }
  owner_ = button;
  drag_ = button == MouseButton::Left && ctrl     ? Drag::Point
          : button == MouseButton::Left && !shift ? Drag::Orbit
                                                  : Drag::Pan;
  dragging_ = false;
  pressAt_ = last_ = glm::dvec2{x, y} * pixelRatio_;
  if (drag_ == Drag::Point) {
    pointDrag_ = pressAt_;
  }
}

void InputRouter::move(double x, double y) {
  cursor_ = {x, y};
  if (!owner_) {
    return;
  }
  const glm::dvec2 at = glm::dvec2{x, y} * pixelRatio_;
  if (drag_ == Drag::Point) {
    if (at != last_) {
      pointDrag_ = last_ = at;
      dragging_ = true;
    }
    return;
  }
  if (!dragging_ && glm::length(at - pressAt_) < kClickSlopPixels) {
    return; // still a click: small jitter must not turn the model
  }
  dragging_ = true;
  const glm::dvec2 delta = at - last_;
  last_ = at;
  if (drag_ == Drag::Orbit) {
    camera_.orbit(delta.x, delta.y);
  } else {
    camera_.pan(delta.x, delta.y);
  }
}

void InputRouter::release(double x, double y, MouseButton button) {
  move(x, y);
  down_[static_cast<int>(button)] = false;
  if (owner_ != button) {
    return;
  }
  if (!dragging_ && button == MouseButton::Left && drag_ != Drag::Point) {
    click_ = pressAt_;
    const double now = clock_();
    if (previousClick_ && now - previousClickTime_ <= kDoubleClickSeconds &&
        glm::length(pressAt_ - *previousClick_) <= kDoubleClickSlopPixels) {
      doubleClick_ = pressAt_;
      previousClick_.reset(); // a third click starts a new pair
    } else {
      previousClick_ = pressAt_;
      previousClickTime_ = now;
    }
  }
  owner_.reset();
  drag_ = Drag::None;
  dragging_ = false;
}

void InputRouter::scroll(double dy) {
  if (uiWantsMouse_ && uiWantsMouse_()) {
    return; // the panel scrolls its own list
  }
  camera_.zoom(std::pow(kZoomPerStep, dy));
}

std::optional<glm::dvec2> InputRouter::takeClick() {
  return std::exchange(click_, std::nullopt);
}

std::optional<glm::dvec2> InputRouter::takeDoubleClick() {
  return std::exchange(doubleClick_, std::nullopt);
}

std::optional<glm::dvec2> InputRouter::takePointDrag() {
  return std::exchange(pointDrag_, std::nullopt);
}

} // namespace sura
