#include "app/render_frame.h"

#include "meshio/load_atlas.h"
#include "scene/offscreen.h"
#include "scene/scene.h"

namespace sura {

namespace {

void applyFlag(AppState& state, const Atlas& atlas, const char* flag, const Command& command) {
  try {
    apply(state, atlas, command);
  } catch (const CommandError& e) {
    throw UsageError(std::string(flag) + ": " + e.what() + " (`sura check` lists the ids)");
  }
}

} // namespace

AppState stateFor(const RenderOptions& options, const Atlas& atlas) {
  AppState state;
  applyFlag(state, atlas, "--left", command::SetSide{options.left ? Side::Left : Side::Right});
  applyFlag(state, atlas, "--view", command::SetView{options.view});
  for (const std::string& id : options.hide) {
    applyFlag(state, atlas, "--hide", command::SetVisible{id, false});
  }
  for (const auto& [id, opacity] : options.opacity) {
    applyFlag(state, atlas, "--opacity", command::SetOpacity{id, opacity});
  }
  return state;
}

void renderFrame(const RenderOptions& options) {
  const LoadedAtlas loaded =
      loadAtlas(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
  const AppState state = stateFor(options, loaded.atlas);
  Scene scene(loaded);
  OffscreenRenderer offscreen(scene, options.size.width, options.size.height);
  // Apply once the scene has its window, so the camera frames for the image's aspect.
  scene.apply(state);
  writePng(offscreen.render(), options.output);
}

} // namespace sura
