#include "app/export_gltf.h"

#include "app/atomic_file.h"
#include "app/cli_args.h"
#include "app/pin_placement.h"
#include "app/safety_map_cache.h"
#include "app/scene_file.h"
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "picking/picker.h"
#include "picking/safety_map.h"
#include "scene/gltf_export.h"
#include "scene/scene.h"

#include <vtkCamera.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace sura {

void exportGltf(const RenderOptions& options) {
  std::string extension = options.output.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension != ".gltf") {
    throw UsageError(options.output.string() +
                     ": a glTF file is named NAME.gltf (Sura writes one self-contained .gltf)");
  }
  const LoadedAtlas loaded =
      loadAtlas(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
  AppState state = stateFor(options, loaded.atlas);
  std::unique_ptr<Picker> picker;
  const auto needPicker = [&]() -> Picker& {
    if (!picker) {
      picker = std::make_unique<Picker>(loaded.atlas, loaded.meshes);
    }
    return *picker;
  };
  // A saved scene's pins go back on this atlas's surfaces, as the viewer puts them.
  for (Pin& pin : state.pins) {
    pin = placeSavedPin(needPicker(), loaded.atlas, std::move(pin));
  }
  Scene scene(loaded, [&loaded] { return resolveClinical(loaded.atlas, loaded.meshes); });
  // A window that is never opened (no display is needed): the scene's text (legends, notes)
  // asks it for its DPI, and the camera for the picture's shape, as in `sura render`.
  vtkNew<vtkRenderWindow> window;
  window->SetSize(options.size.width, options.size.height);
  window->AddRenderer(scene.renderer());
  if (state.safetyMap) {
    const double margin = state.needleSettings.marginMm;
    SafetyMap map =
        cachedSafetyMap(needPicker(), safetyMapMeshes(loaded.atlas, loaded.meshes), margin);
    scene.setSafetyMap(std::move(map.depthMm), map.marginMm);
  }
  scene.apply(state);
  if (!options.scene.empty()) {
    if (const std::optional<SceneCamera> camera = loadScene(options.scene).camera) {
      vtkCamera* c = scene.renderer()->GetActiveCamera();
      c->SetPosition(camera->position.x, camera->position.y, camera->position.z);
      c->SetFocalPoint(camera->focalPoint.x, camera->focalPoint.y, camera->focalPoint.z);
      c->SetViewUp(camera->viewUp.x, camera->viewUp.y, camera->viewUp.z);
    }
  }
  writeFileAtomically(options.output, sceneGltf(scene, state));
}

} // namespace sura
