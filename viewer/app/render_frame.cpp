#include "app/render_frame.h"

#include "app/needle_command.h"
#include "app/scene_file.h"
#include "app/viewer.h"
#include "meshio/load_atlas.h"
#include "scene/offscreen.h"
#include "scene/scene.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>

namespace sura {

namespace {

void applyFlag(AppState& state, const Atlas& atlas, const char* flag, const Command& command) {
  try {
    apply(state, atlas, command);
  } catch (const CommandError& e) {
    const std::string what = e.what();
    const bool aboutAnId = what.find("structure id") != std::string::npos ||
                           what.find("trigger point id") != std::string::npos;
    throw UsageError(std::string(flag) + ": " + what +
                     (aboutAnId ? " (`sura check` lists the ids)" : ""));
  }
}

} // namespace

AppState stateOfSceneFile(const std::filesystem::path& file, const Atlas& atlas, float uiScale) {
  const SavedScene scene = loadScene(file);
  checkScene(scene, atlas, file);
  AppState state = stateOf(scene, AppState{});
  applyFlag(state, atlas, "--ui-scale", command::SetUiScale{uiScale});
  return state;
}

void placeSavedCamera(Viewer& viewer, const std::filesystem::path& file) {
  // A camera saved with the scene stands where it stood, not at the preset's place.
  if (const std::optional<SceneCamera> saved = loadScene(file).camera) {
    viewer.placeCamera(saved->position, saved->focalPoint, saved->viewUp);
    viewer.redraw();
  }
}

AppState stateFor(const RenderOptions& options, const Atlas& atlas) {
  if (!options.scene.empty()) {
    return stateOfSceneFile(options.scene, atlas, options.uiScale);
  }
  AppState state;
  applyFlag(state, atlas, options.leg == Side::Right ? "--right" : "--left",
            command::SetSide{startSide(atlas, options.leg)});
  applyFlag(state, atlas, "--view", command::SetView{options.view});
  for (const std::string& id : options.hide) {
    applyFlag(state, atlas, "--hide", command::SetVisible{id, false});
  }
  for (const auto& [id, opacity] : options.opacity) {
    applyFlag(state, atlas, "--opacity", command::SetOpacity{id, opacity});
  }
  for (int i = 0; i < options.peel; ++i) {
    applyFlag(state, atlas, "--peel", command::Peel{});
  }
  if (!options.select.empty()) {
    applyFlag(state, atlas, "--select", command::Select{options.select});
  }
  if (!options.isolate.empty()) {
    applyFlag(state, atlas, "--isolate", command::Isolate{options.isolate});
  }
  applyFlag(state, atlas, "--ui-scale", command::SetUiScale{options.uiScale});
  if (!options.triggerPoints.empty()) {
    const bool all = std::find(options.triggerPoints.begin(), options.triggerPoints.end(), "all") !=
                     options.triggerPoints.end();
    // An empty list shows every point.
    applyFlag(state, atlas, "--trigger-points",
              command::ShowTriggerPoints{all ? std::vector<std::string>{} : options.triggerPoints});
  }
  if (!options.focus.empty()) {
    applyFlag(state, atlas, "--focus", command::SelectTriggerPoint{options.focus});
  }
  // After --focus, which paints its own point's zones: an explicit --referred wins.
  if (!options.referred.empty()) {
    applyFlag(state, atlas, "--referred", command::ShowReferred{options.referred});
  }
  if (options.safetyMap) {
    applyFlag(state, atlas, "--safety-map", command::ShowSafetyMap{true});
  }
  const Landmarks& l = atlas.landmarks;
  if (options.sectionLevel) {
    applyFlag(state, atlas, "--section",
              command::SetSection{l.kneeJointLineZ - *options.sectionLevel * l.legLength});
  }
  if (options.sectionBelowKnee) {
    applyFlag(state, atlas, "--section-mm",
              command::SetSection{l.kneeJointLineZ - *options.sectionBelowKnee});
  }
  return state;
}

void renderFrame(const RenderOptions& options) {
  const LoadedAtlas loaded =
      loadAtlas(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
  const AppState state = stateFor(options, loaded.atlas);
  ViewerOptions viewerOptions;
  viewerOptions.width = options.size.width;
  viewerOptions.height = options.size.height;
  viewerOptions.visible = false;
  viewerOptions.showUi = options.showUi;
  Viewer viewer(loaded, state, viewerOptions);
  // ImGui lays out tables and auto-sized windows from the previous frame's measurements:
  // the second frame is the settled one a person sees. Only the capture draws.
  viewer.settle();
  if (!options.scene.empty()) {
    placeSavedCamera(viewer, options.scene);
    viewer.settle();
  }
  if (options.needle) {
    // Put in as `sura needle` would with the same inputs; the viewer places and reads it.
    for (const Command& command : needleCommands(loaded, viewer.scene().clinical(), viewer.state(),
                                                 options, *options.needle)) {
      viewer.issue(command);
    }
    viewer.settle();
    if (!viewer.state().needle || !viewer.state().needle->readout) {
      if (options.needle->pixel) {
        throw UsageError("--needle: pixel (" + std::to_string(options.needle->pixel->x) + ", " +
                         std::to_string(options.needle->pixel->y) +
                         ") misses the leg: a needle goes in through the skin");
      }
      throw AtlasError(loaded.atlas.manifest.string(), "trigger_points",
                       options.needle->triggerPoint +
                           ": no skin over the point to needle it through");
    }
  }
  if (options.click) {
    // Offscreen windows have one pixel per window unit: the pixel is where the mouse goes.
    const double x = options.click->x + 0.5;
    const double y = options.click->y + 0.5;
    // The events the window's callbacks would record for the click.
    InputQueue& input = viewer.input();
    input.cursorPos(x, y);
    input.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
    input.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
    viewer.settle(); // the pointer arrives and the button goes down
    viewer.settle(); // the button comes up: picks and selects, or the panel acts
    viewer.settle(); // the panel lays out what it now shows
    viewer.settle(); // the panel lays out what it now shows
  }
  writePng(viewer.capture(), options.output);
}

} // namespace sura
