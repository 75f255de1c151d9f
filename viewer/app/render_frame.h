// `sura render`: one frame of the viewer, drawn offscreen to a PNG file.
#pragma once

#include "app/app_state.h"
#include "app/cli_args.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sura {

struct RenderOptions {
  std::filesystem::path output;
  /// Empty: the bundled atlas.
  std::filesystem::path atlasDir;
  ViewPreset view = ViewPreset::Posterior;
  ImageSize size{1280, 800};
  std::vector<std::string> hide;
  std::vector<std::pair<std::string, float>> opacity;
  bool left = false;
};

/// The state a person would reach by clicking what the options say: side, view, hidden
/// structures, opacities, in that order. Throws UsageError naming the flag and the id.
AppState stateFor(const RenderOptions& options, const Atlas& atlas);

/// Loads the atlas, draws the state offscreen and writes the PNG. Throws AtlasError,
/// UsageError, DisplayError, or std::runtime_error for file errors.
void renderFrame(const RenderOptions& options);

} // namespace sura
