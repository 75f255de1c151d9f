#include "app/pick_pixel.h"

#include "picking/pick_json.h"
#include "scene/camera_preset.h"
#include "scene/scene.h"

namespace sura {

CameraView presetCamera(const LoadedAtlas& loaded, const AppState& state, ImageSize size) {
  const bool left = state.side == Side::Left;
  Aabb box;
  for (const auto& [id, mesh] : loaded.meshes) {
    for (const auto& p : mesh.points) {
      box.add(left ? mirrorX(p) : p);
    }
  }
  const CameraPose pose = framePreset(state.view, state.side, box, kViewAngleDegrees,
                                      double(size.width) / double(size.height));
  CameraView camera;
  camera.position = pose.position;
  camera.focalPoint = pose.focalPoint;
  camera.viewUp = pose.viewUp;
  camera.viewAngleDeg = kViewAngleDegrees;
  camera.viewportWidth = size.width;
  camera.viewportHeight = size.height;
  return camera;
}

nlohmann::json pickPixel(const LoadedAtlas& loaded, const Picker& picker, const AppState& state,
                         ImageSize size, int x, int y) {
  const Ray ray = pixelRay(presetCamera(loaded, state, size), x + 0.5, y + 0.5);
  const Atlas& atlas = loaded.atlas;
  const PickFilter pickable = [&](const std::string& id) {
    return isShown(state, atlas, id) && opacityOf(state, atlas, id) >= kMinPickOpacity;
  };
  nlohmann::json result = toJson(picker.pick(ray, pickable, state.side == Side::Left));
  result["pixel"] = {x, y};
  result["view"] = std::string(viewPresetName(state.view));
  result["leg"] = state.side == Side::Left ? "left" : "right";
  return result;
}

} // namespace sura
