// `sura render`: one frame of the viewer, drawn offscreen to a PNG file.
#pragma once

#include "app/cli_args.h"
#include "state/app_state.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sura {

class Viewer;

/// A needle's own inputs, the same for `sura needle` and `sura render --needle`: where it goes
/// in (a pixel of the view, or a trigger point) and which needle (NeedleSettings).
struct NeedleInputs {
  std::optional<Pixel> pixel; ///< x right, y down; or:
  std::string triggerPoint;   ///< an id: needle this point
  /// Tilt and toward, degrees (parseNeedleAngles); nullopt: along the view.
  std::optional<std::array<double, 2>> angles;
  double lengthMm = 0; ///< 0: chosen (placeNeedleAlongRay, placeNeedleAtPoint)
  double gaugeMm = kDefaultNeedleGaugeMm;
  double marginMm = kDefaultNeedleMarginMm;
};

struct RenderOptions {
  std::filesystem::path output;
  /// A saved scene to show (`--scene`): it gives the state; only the size, UI scale and panel
  /// come from the other options.
  std::filesystem::path scene;
  /// Empty: the bundled atlas.
  std::filesystem::path atlasDir;
  ViewPreset view = ViewPreset::Posterior;
  ImageSize size{1280, 800};
  std::vector<std::string> hide;
  std::vector<std::pair<std::string, float>> opacity;
  /// The leg to show (`--left`, `--right`); nullopt: the atlas's own.
  std::optional<Side> leg;
  /// Number of Peel commands, after hide and opacity.
  int peel = 0;
  /// Structure to select (highlighted in the panel), and to isolate.
  std::string select;
  std::string isolate;
  float uiScale = 1.0f;
  /// False: the 3D view alone, as before the panel existed.
  bool showUi = true;
  /// A click on this pixel once the frame is drawn, as a person would click: on the leg the
  /// structure
  /// under it is selected and marked and the panel shows what and where it is; on the panel,
  /// the control there acts.
  std::optional<Pixel> click;
  /// Trigger points to show, by id; "all" shows every point of the atlas.
  std::vector<std::string> triggerPoints;
  /// Trigger point whose referred-pain zones are painted on the skin.
  std::string referred;
  /// Trigger point to focus: shown, highlighted, framed from its side, its zones painted.
  std::string focus;
  /// The safety map painted on the skin (`--safety-map`).
  bool safetyMap = false;
  /// The leg cut across at level t (`--section T`), or this many mm below the knee joint
  /// line (`--section-mm D`).
  std::optional<double> sectionLevel;
  std::optional<double> sectionBelowKnee;
  /// A needle to put in and draw (`--needle`), once the rest of the state is set up.
  std::optional<NeedleInputs> needle;
};

/// The state a person would reach by clicking what the options say: leg, view, hidden
/// structures, opacities, peels, selection, isolation, UI scale, shown trigger points,
/// referred zones and the focused trigger point, in that order. Throws UsageError naming the
/// flag and the id.
/// The state a saved scene file shows, checked against the atlas (SceneError, one line naming
/// the file and the field), at the given UI scale (a setting of the room, not of the scene).
AppState stateOfSceneFile(const std::filesystem::path& file, const Atlas& atlas, float uiScale);

/// Puts the camera saved with a scene file (if it has one) where it stood; call once the viewer
/// has settled on the scene's state, which points the camera at the scene's preset.
void placeSavedCamera(Viewer& viewer, const std::filesystem::path& file);

AppState stateFor(const RenderOptions& options, const Atlas& atlas);

/// Loads the atlas, draws the state in a hidden viewer window (panel included unless
/// showUi is false) and writes the PNG. Throws AtlasError,
/// UsageError, DisplayError, or std::runtime_error for file errors.
void renderFrame(const RenderOptions& options);

} // namespace sura
