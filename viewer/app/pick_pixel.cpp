#include "app/pick_pixel.h"

#include "picking/pick_json.h"
#include "scene/camera_preset.h"
#include "scene/scene.h"
#include "ui/fonts.h"
#include "ui/panel.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace sura {

namespace {

// What Scene::frame does for a focused trigger point; nullopt when nothing was focused.
std::optional<CameraPose> triggerPointPose(const LoadedAtlas& loaded, const Clinical& clinical,
                                           const AppState& state, double aspect) {
  if (state.frameRequest == 0 || state.frameTarget != FrameTarget::TriggerPoint) {
    return std::nullopt;
  }
  const ResolvedTriggerPoint* point = clinical.find(state.selectedTriggerPoint);
  const auto skin = loaded.meshes.find(clinical.skin);
  if (!point || skin == loaded.meshes.end()) {
    return std::nullopt;
  }
  return frameTriggerPoint(*point, mirrorsAtlas(state.side, loaded.atlas), kViewAngleDegrees,
                           aspect, essentialReferredPoints(*point, skin->second));
}

} // namespace

CameraView presetCamera(const LoadedAtlas& loaded, const Clinical& clinical, const AppState& state,
                        ImageSize size) {
  const double aspect = double(size.width) / double(size.height);
  std::optional<CameraPose> focused = triggerPointPose(loaded, clinical, state, aspect);
  CameraPose pose;
  if (focused) {
    pose = *focused;
  } else {
    pose = framePreset(state.view, state.side,
                       drawnBounds(loaded.meshes, mirrorsAtlas(state.side, loaded.atlas)),
                       kViewAngleDegrees, aspect);
  }
  CameraView camera;
  camera.position = pose.position;
  camera.focalPoint = pose.focalPoint;
  camera.viewUp = pose.viewUp;
  camera.viewAngleDeg = kViewAngleDegrees;
  camera.viewportWidth = size.width;
  camera.viewportHeight = size.height;
  return camera;
}

int panelPixels(const AppState& state, int width, bool showUi) {
  if (!showUi) {
    return 0;
  }
  // Offscreen frames have a content scale of 1: the font is the base size times the UI scale.
  const float panel = ui::panelWidth(ui::kBaseFontPixels * state.uiScale, float(width));
  return std::min(static_cast<int>(std::lround(panel)), width - 1);
}

std::optional<Ray> viewRay(const LoadedAtlas& loaded, const Clinical& clinical,
                           const AppState& state, ImageSize size, bool showUi, int x, int y) {
  const int panel = panelPixels(state, size.width, showUi);
  if (x < panel) {
    return std::nullopt;
  }
  const ImageSize view{size.width - panel, size.height};
  return pixelRay(presetCamera(loaded, clinical, state, view), x - panel + 0.5, y + 0.5);
}

nlohmann::json pickPixel(const LoadedAtlas& loaded, const Clinical& clinical, const Picker& picker,
                         const AppState& state, ImageSize size, bool showUi, int x, int y) {
  nlohmann::json result;
  const std::optional<Ray> ray = viewRay(loaded, clinical, state, size, showUi, x, y);
  if (!ray) {
    result = {{"structure", nullptr}, {"on_panel", true}, {"layers", nlohmann::json::array()}};
  } else {
    const Atlas& atlas = loaded.atlas;
    const PickFilter pickable = [&](const std::string& id) { return isPickable(state, atlas, id); };
    result = toJson(picker.pick(*ray, pickable, mirrorsAtlas(state.side, atlas)));
    result["on_panel"] = false;
  }
  result["pixel"] = {x, y};
  result["view"] = std::string(viewPresetName(state.view));
  // The leg shown: the same as description.leg, which the picker tells from the atlas's own
  // leg and the mirror.
  result["leg"] = std::string(sideName(state.side));
  return result;
}

} // namespace sura
