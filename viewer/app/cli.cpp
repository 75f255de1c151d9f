#include "app/cli.h"

#include "app/check_atlas.h"
#include "app/pick_pixel.h"
#include "app/render_frame.h"
#include "app/version.h"
#include "atlas/atlas.h"
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "scene/offscreen.h"

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

namespace sura {

namespace {

constexpr const char* kShortUsage =
    "sura: no command given (the interactive viewer is not built yet); "
    "use `sura render OUT.png [options]`, `sura pick X Y [options]` or `sura check [DIR]`, "
    "see `sura --help`";

std::string viewNames() {
  std::string names;
  for (ViewPreset view : kViewPresets) {
    names += (names.empty() ? "" : "|") + std::string(viewPresetName(view));
  }
  return names;
}

// Flag values as typed; turned into RenderOptions after CLI11 has parsed them, so
// that each bad value gets our own message naming the flag.
struct RenderFlags {
  std::string output;
  std::string atlasDir;
  std::string view = "posterior";
  std::string size = "1280x800";
  std::vector<std::string> hide;
  std::vector<std::string> opacity;
  bool left = false;
  bool noUi = false;
};

RenderOptions toRenderOptions(const RenderFlags& flags) {
  RenderOptions options;
  options.output = flags.output;
  options.atlasDir = flags.atlasDir;
  if (auto view = parseViewPreset(flags.view)) {
    options.view = *view;
  } else {
    throw UsageError("--view: '" + flags.view + "' is not one of " + viewNames());
  }
  options.size = parseImageSize(flags.size);
  options.hide = flags.hide;
  for (const std::string& assignment : flags.opacity) {
    options.opacity.push_back(parseOpacityAssignment(assignment));
  }
  options.left = flags.left;
  return options;
}

// The options that say what a frame shows, shared by every command that makes or reads one.
void addViewOptions(CLI::App& command, RenderFlags& flags) {
  command.add_option("--atlas", flags.atlasDir, "Atlas directory (default: bundled)");
  command.add_option("--view", flags.view, "Camera preset: " + viewNames())->capture_default_str();
  command.add_option("--size", flags.size, "Image size in pixels, WIDTHxHEIGHT")
      ->capture_default_str();
  command
      .add_option("--hide", flags.hide,
                  "Structure ids to hide, comma separated; a group hides its children")
      ->delimiter(',')
      ->allow_extra_args(false);
  command
      .add_option("--opacity", flags.opacity,
                  "ID=OPACITY pairs (0 to 1), comma separated; a group sets its children")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_flag("--left", flags.left, "Show a left leg (the mirror of the atlas)");
  command.add_flag("--no-ui", flags.noUi,
                   "Leave out the user interface panel (accepted for scripts; there "
                   "is no panel yet, so every frame is already without one)");
}

// `sura pick X Y ...`: the same state and framing as `sura render`, one ray through the pixel.
void printPick(const RenderOptions& options, int x, int y, std::ostream& out) {
  if (x < 0 || y < 0 || x >= options.size.width || y >= options.size.height) {
    throw UsageError("pick: pixel (" + std::to_string(x) + ", " + std::to_string(y) +
                     ") is outside the " + std::to_string(options.size.width) + "x" +
                     std::to_string(options.size.height) + " image");
  }
  const LoadedAtlas loaded =
      loadAtlas(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
  const AppState state = stateFor(options, loaded.atlas);
  Picker picker(loaded.atlas, loaded.meshes);
  std::vector<NamedPoint> triggerPoints;
  for (const ResolvedTriggerPoint& point :
       resolveClinical(loaded.atlas, loaded.meshes).triggerPoints) {
    triggerPoints.push_back({point.point.id, point.centre});
  }
  picker.setTriggerPoints(std::move(triggerPoints));
  out << pickPixel(loaded, picker, state, options.size, x, y).dump() << "\n";
}

} // namespace

int runCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"Sura: 3D viewer of the lower leg for anatomy teaching.", "sura"};
  app.set_version_flag("--version", std::string("sura ") + kVersion);
  app.require_subcommand(0, 1);

  RenderFlags render;
  CLI::App* renderCommand =
      app.add_subcommand("render", "Render one frame offscreen to a PNG file (needs an X "
                                   "display; headless: xvfb-run -a sura render ...).");
  renderCommand->add_option("OUT.png", render.output, "PNG file to write")->required();
  addViewOptions(*renderCommand, render);

  RenderFlags pick;
  int pickX = 0, pickY = 0;
  CLI::App* pickCommand = app.add_subcommand(
      "pick", "Print, as one JSON object, what lies under pixel X Y (from the top-left corner) "
              "of the view `sura render` would draw with the same options (no display needed).");
  pickCommand->add_option("X", pickX, "Pixel column")->required();
  pickCommand->add_option("Y", pickY, "Pixel row, from the top")->required();
  addViewOptions(*pickCommand, pick);

  std::string checkDir;
  CLI::App* checkCommand = app.add_subcommand(
      "check", "Load and validate an atlas and list its contents (default: bundled).");
  checkCommand->add_option("DIR", checkDir, "Atlas directory");
  bool checkJson = false;
  checkCommand->add_flag("--json", checkJson,
                         "Print the atlas as loaded, trigger points resolved in mm, as JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e, out, err); // --help, --version
    }
    err << "sura: " << e.what() << " (see `sura --help`)\n";
    return kExitUsage;
  }

  try {
    if (*renderCommand) {
      renderFrame(toRenderOptions(render));
      return kExitOk;
    }
    if (*pickCommand) {
      printPick(toRenderOptions(pick), pickX, pickY, out);
      return kExitOk;
    }
    if (*checkCommand) {
      const std::filesystem::path dir =
          checkDir.empty() ? bundledAtlasDir() : std::filesystem::path(checkDir);
      const LoadedAtlas loaded = loadAtlas(dir);
      // Trigger points are placed on the meshes here, so a point that cannot be placed is a
      // load error like any other.
      const Clinical clinical = resolveClinical(loaded.atlas, loaded.meshes);
      if (checkJson) {
        out << atlasJson(loaded, clinical).dump(2) << "\n";
      } else {
        printAtlasReport(loaded, out);
        printTriggerPoints(clinical, out);
      }
      return kExitOk;
    }
    err << kShortUsage << "\n";
    return kExitUsage;
  } catch (const UsageError& e) {
    err << "sura: " << e.what() << "\n";
    return kExitUsage;
  } catch (const AtlasError& e) {
    err << "sura: " << e.what() << "\n";
    return kExitFailure;
  } catch (const DisplayError& e) {
    err << "sura: " << e.what()
        << "; without a screen, run under Xvfb: xvfb-run -a sura render ...\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    err << "sura: " << e.what() << "\n";
    return kExitFailure;
  }
}

} // namespace sura
