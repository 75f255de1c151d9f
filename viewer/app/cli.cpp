#include "app/cli.h"

#include "app/check_atlas.h"
#include "app/render_frame.h"
#include "app/version.h"
#include "atlas/atlas.h"
#include "meshio/load_atlas.h"
#include "scene/offscreen.h"

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

namespace sura {

namespace {

constexpr const char* kShortUsage =
    "sura: no command given (the interactive viewer is not built yet); "
    "use `sura render OUT.png [options]` or `sura check [DIR]`, see `sura --help`";

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
  renderCommand->add_option("--atlas", render.atlasDir, "Atlas directory (default: bundled)");
  renderCommand->add_option("--view", render.view, "Camera preset: " + viewNames())
      ->capture_default_str();
  renderCommand->add_option("--size", render.size, "Image size in pixels, WIDTHxHEIGHT")
      ->capture_default_str();
  renderCommand
      ->add_option("--hide", render.hide,
                   "Structure ids to hide, comma separated; a group hides its children")
      ->delimiter(',')
      ->allow_extra_args(false);
  renderCommand
      ->add_option("--opacity", render.opacity,
                   "ID=OPACITY pairs (0 to 1), comma separated; a group sets its children")
      ->delimiter(',')
      ->allow_extra_args(false);
  renderCommand->add_flag("--left", render.left, "Show a left leg (the mirror of the atlas)");
  renderCommand->add_flag("--no-ui", render.noUi,
                          "Leave out the user interface panel (accepted for scripts; there "
                          "is no panel yet, so every frame is already without one)");

  std::string checkDir;
  CLI::App* checkCommand = app.add_subcommand(
      "check", "Load and validate an atlas and list its contents (default: bundled).");
  checkCommand->add_option("DIR", checkDir, "Atlas directory");

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
    if (*checkCommand) {
      const std::filesystem::path dir =
          checkDir.empty() ? bundledAtlasDir() : std::filesystem::path(checkDir);
      printAtlasReport(loadAtlas(dir), out);
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
