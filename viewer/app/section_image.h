// `sura section`: the leg cut across at one or more levels, as a teacher shows an axial MRI
// slice, drawn side by side into a PNG file.
#pragma once

#include "app/cli_args.h"
#include "meshio/load_atlas.h"
#include "scene/section_drawing.h"
#include "state/app_state.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sura {

struct SectionOptions {
  std::filesystem::path output;
  /// Empty: the bundled atlas.
  std::filesystem::path atlasDir;
  /// Levels in the landmark coordinate t, one panel each, left to right...
  std::vector<double> levels;
  /// ...or, when `levels` is empty, heights in mm in the atlas frame...
  std::vector<double> heights;
  /// ...or mm below the knee joint line (positive downward, `--mm`).
  std::vector<double> belowKnee;
  /// Empty: kSectionPanelSide square panels side by side.
  std::optional<ImageSize> size;
  std::vector<std::string> hide;
  /// The leg to show (`--left`, `--right`); nullopt: the atlas's own.
  std::optional<Side> leg;
  /// As `sura render`'s: layers peeled off, a structure shown alone.
  int peel = 0;
  std::string isolate;
};

/// Side of each panel when no size is asked for: big enough for a projector.
inline constexpr int kSectionPanelSide = 720;

/// The picture's size: the one asked for, or square panels side by side.
ImageSize sectionImageSize(const SectionOptions& options);

// heightOfLevel, levelOfHeight, levelTitle and levelSubtitle: scene/section_drawing.h.

/// What the sections at these heights show for the state's side and hidden structures, in
/// radiological view (from the feet: anterior up, the patient's right on the picture's left):
/// every shown structure with a mesh cut by the plane, filled with its atlas colour, the
/// largest cut first so that small nerves and vessels lie on top of what surrounds them.
SectionSheet sectionSheet(const LoadedAtlas& loaded, const AppState& state,
                          const std::vector<double>& heights);

/// Loads the atlas, cuts and draws the sections and writes the PNG. Throws AtlasError,
/// UsageError (a --z outside the leg, an unknown --hide id), DisplayError, or
/// std::runtime_error for file errors.
void renderSections(const SectionOptions& options);

} // namespace sura
