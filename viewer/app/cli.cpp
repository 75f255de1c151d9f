#include "app/cli.h"

#include "app/atlas_init.h"
#include "app/bench.h"
#include "app/check_atlas.h"
#include "app/export_gltf.h"
#include "app/needle_command.h"
#include "app/pick_pixel.h"
#include "app/render_frame.h"
#include "app/section_image.h"
#include "app/teaching.h"
#include "app/version.h"
#include "app/viewer.h"
#include "atlas/atlas.h"
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "scene/offscreen.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <ostream>
#include <string>

namespace sura {

namespace {

std::string viewNames() {
  std::string names;
  for (ViewPreset view : kViewPresets) {
    names += (names.empty() ? "" : "|") + std::string(viewPresetName(view));
  }
  return names;
}

// `--left` and `--right`, as typed; the same two flags, one rule (parseLegFlags), for the
// viewer, render, pick and section.
struct LegFlags {
  bool left = false;
  bool right = false;
};

void addLegFlags(CLI::App& command, LegFlags& flags) {
  command.add_flag("--left", flags.left,
                   "Show the left leg (the atlas mirrored when it holds a right one; without "
                   "--left or --right, the atlas's own leg)");
  command.add_flag("--right", flags.right,
                   "Show the right leg (the atlas mirrored when it holds a left one)");
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
  LegFlags leg;
  bool noUi = false;
  std::string peel = "0";
  std::string select;
  std::string isolate;
  std::string uiScale = "1";
  std::vector<std::string> triggerPoints;
  std::string referred;
  std::string focus;
  std::string click;      // `sura render` only
  std::string scene;      // `sura render` only
  std::string needle;     // `sura render` only: X,Y or a trigger point id
  bool safetyMap = false; // `sura render` only
  std::string labels;     // `sura render` only: en, la or both
  std::string section;    // `sura render` only: a level t
  std::string sectionMm;  // `sura render` only: mm below the knee joint line
};

// The needle's own flags, as typed: one set, one parser (toNeedleInputs), for `sura needle` and
// `sura render --needle`.
struct NeedleFlags {
  std::string angles;
  std::string length;
  std::string gauge;
  std::string margin;
};

void addNeedleFlags(CLI::App& command, NeedleFlags& flags) {
  command.add_option("--angles", flags.angles,
                     "TILT,TOWARD degrees instead of along the view: tilt from the "
                     "perpendicular to the skin (0-80), toward 0 the knee, 90 lateral, "
                     "180 the foot, 270 medial");
  command.add_option("--length", flags.length,
                     "Needle length, mm: 25, 30, 40, 50, 60 or 75 (default 40; aimed at "
                     "a point: the shortest leaving 5 mm outside)");
  command.add_option("--gauge", flags.gauge,
                     "Needle diameter, mm: 0.16, 0.18, 0.20, 0.25 or 0.30 (default 0.25)");
  command.add_option("--margin", flags.margin,
                     "Warn of a nerve or vessel nearer than this, mm (default 5)");
}

// Which needle and how it is aimed; where it goes in is the caller's.
NeedleInputs toNeedleInputs(const NeedleFlags& flags) {
  NeedleInputs inputs;
  if (!flags.angles.empty()) {
    inputs.angles = parseNeedleAngles(flags.angles);
  }
  if (!flags.length.empty()) {
    inputs.lengthMm = parseNeedleLength(flags.length);
  }
  if (!flags.gauge.empty()) {
    inputs.gaugeMm = parseNeedleGauge(flags.gauge);
  }
  if (!flags.margin.empty()) {
    inputs.marginMm = parseNeedleMargin(flags.margin);
  }
  return inputs;
}

// `sura` alone: the interactive viewer.
struct ViewFlags {
  std::string atlasDir;
  std::string view = "posterior";
  std::string size = "1280x800";
  std::string uiScale = "1";
  LegFlags leg;
  std::string scene;
  std::string lesson;
  std::string labels; // en, la or both: the labels on from the start
};

// `sura section`, as typed; checked by the same parsers after CLI11 (see RenderFlags).
struct SectionFlags {
  std::string output;
  std::string atlasDir;
  std::vector<std::string> levels;    // --t
  std::vector<std::string> levelsAs;  // --level, another name of --t
  std::vector<std::string> heights;   // --z
  std::vector<std::string> belowKnee; // --mm
  std::string peel = "0";
  std::string isolate;
  std::string size; // empty: square panels side by side
  std::vector<std::string> hide;
  LegFlags leg;
};

ViewPreset parseViewFlag(const std::string& text) {
  if (auto view = parseViewPreset(text)) {
    return *view;
  }
  throw UsageError("--view: '" + text + "' is not one of " + viewNames());
}

// Every flag and argument naming an atlas takes its folder or its atlas.json (atlasFolderOf).
const char* const kAtlasHelp = "Atlas folder, or its atlas.json (default: bundled)";

std::filesystem::path atlasDirOrBundled(const std::string& dir) {
  return dir.empty() ? bundledAtlasDir() : std::filesystem::path(dir);
}

int runViewer(const ViewFlags& flags) {
  const ViewPreset view = parseViewFlag(flags.view);
  const ImageSize size = parseImageSize(flags.size);
  const float uiScale = parseUiScale(flags.uiScale);
  const std::optional<Side> leg = parseLegFlags(flags.leg.left, flags.leg.right);
  std::optional<LabelLanguage> labels;
  if (!flags.labels.empty()) {
    labels = parseLabelsFlag(flags.labels);
  }
  const LoadedAtlas loaded = loadAtlasWhileDisplayOpens(atlasDirOrBundled(flags.atlasDir));
  AppState state;
  if (!flags.scene.empty()) {
    state = stateOfSceneFile(flags.scene, loaded.atlas, uiScale);
  } else {
    apply(state, loaded.atlas, command::SetSide{startSide(loaded.atlas, leg)});
    apply(state, loaded.atlas, command::SetView{view});
    apply(state, loaded.atlas, command::SetUiScale{uiScale});
  }
  if (labels) {
    apply(state, loaded.atlas, command::ShowLabels{true, *labels});
  }
  ViewerOptions options;
  options.width = size.width;
  options.height = size.height;
  options.autosave = true;
  Viewer viewer(loaded, state, options);
  // Once the window is open (without a display the one line is that error): said on the
  // terminal as well as in the panel (Layers tab).
  printAtlasWarnings(loaded.atlas, std::cerr);
  if (!flags.scene.empty()) {
    // The scene's view and framing requests are carried out first; then its camera.
    viewer.settle();
    viewer.settle();
    placeSavedCamera(viewer, flags.scene);
  }
  if (!flags.lesson.empty()) {
    viewer.teaching().openLesson(flags.lesson); // its first scene, camera and all
  }
  return viewer.run();
}

RenderOptions toRenderOptions(const RenderFlags& flags) {
  RenderOptions options;
  options.output = flags.output;
  options.atlasDir = flags.atlasDir;
  options.view = parseViewFlag(flags.view);
  options.size = parseImageSize(flags.size);
  options.hide = flags.hide;
  for (const std::string& assignment : flags.opacity) {
    options.opacity.push_back(parseOpacityAssignment(assignment));
  }
  options.leg = parseLegFlags(flags.leg.left, flags.leg.right);
  options.peel = parsePeelCount(flags.peel);
  options.select = flags.select;
  options.isolate = flags.isolate;
  options.uiScale = parseUiScale(flags.uiScale);
  options.showUi = !flags.noUi;
  options.triggerPoints = flags.triggerPoints;
  options.referred = flags.referred;
  options.focus = flags.focus;
  if (!flags.click.empty()) {
    options.click = parseClickPixel(flags.click, options.size);
  }
  options.safetyMap = flags.safetyMap;
  if (!flags.labels.empty()) {
    options.labels = parseLabelsFlag(flags.labels);
  }
  // Converted to a height once the atlas's landmarks are known (renderFrame).
  if (!flags.section.empty()) {
    options.sectionLevel = parseSectionLevel(flags.section, "--section");
  }
  if (!flags.sectionMm.empty()) {
    options.sectionBelowKnee = parseSectionBelowKnee(flags.sectionMm, "--section-mm");
  }
  return options;
}

SectionOptions toSectionOptions(const SectionFlags& flags) {
  SectionOptions options;
  options.output = flags.output;
  options.atlasDir = flags.atlasDir;
  for (const std::string& t : flags.levels) {
    options.levels.push_back(parseSectionLevel(t, "--t"));
  }
  for (const std::string& t : flags.levelsAs) {
    options.levels.push_back(parseSectionLevel(t, "--level"));
  }
  for (const std::string& z : flags.heights) {
    options.heights.push_back(parseSectionHeight(z));
  }
  for (const std::string& mm : flags.belowKnee) {
    options.belowKnee.push_back(parseSectionBelowKnee(mm));
  }
  const std::size_t count =
      options.levels.size() + options.heights.size() + options.belowKnee.size();
  if (count == 0) {
    throw UsageError(
        "section: say where to cut: --t LEVEL (e.g. --t 0.3, or --level), --mm MM below the "
        "knee joint line, or --z MM");
  }
  if (count > static_cast<std::size_t>(kMaxSectionLevels)) {
    throw UsageError(std::string(!flags.levels.empty()     ? "--t"
                                 : !flags.levelsAs.empty() ? "--level"
                                 : !flags.heights.empty()  ? "--z"
                                                           : "--mm") +
                     ": " + std::to_string(count) + " levels; one picture holds at most " +
                     std::to_string(kMaxSectionLevels));
  }
  if (!flags.size.empty()) {
    options.size = parseImageSize(flags.size);
  }
  options.hide = flags.hide;
  options.leg = parseLegFlags(flags.leg.left, flags.leg.right);
  options.peel = parsePeelCount(flags.peel);
  options.isolate = flags.isolate;
  return options;
}

// The options that say what a frame shows, shared by every command that makes or reads one.
void addViewOptions(CLI::App& command, RenderFlags& flags) {
  command.add_option("--atlas", flags.atlasDir, kAtlasHelp);
  command.add_option("--view", flags.view, "Camera preset: " + viewNames())->capture_default_str();
  command.add_option("--size", flags.size, "Image size in pixels, WIDTHxHEIGHT")
      ->capture_default_str();
  addListOption(command, "--hide", flags.hide,
                "Structure ids to hide, comma separated; a group hides its children");
  addListOption(command, "--opacity", flags.opacity,
                "ID=OPACITY pairs (0 to 1), comma separated; a group sets its children");
  addLegFlags(command, flags.leg);
  command
      .add_option("--peel", flags.peel,
                  "Peel this many layers off, outermost first (as the P key does)")
      ->capture_default_str();
  command.add_option("--select", flags.select, "Structure id to select");
  command.add_option("--isolate", flags.isolate, "Structure id to show alone (with its parts)");
  command.add_option("--ui-scale", flags.uiScale, "Size of the panel, 0.5 to 3")
      ->capture_default_str();
  command.add_flag("--no-ui", flags.noUi, "Leave out the panel: the 3D view fills the picture");
  addListOption(command, "--trigger-points", flags.triggerPoints,
                "Trigger points to show on their muscles: all, or ids comma separated");
  command.add_option("--referred", flags.referred,
                     "Trigger point id whose referred-pain zones are painted on the skin");
  command.add_option("--focus", flags.focus,
                     "Trigger point id to focus: highlighted, framed from the side it is "
                     "examined from, its referred-pain zones painted");
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
  const Clinical clinical = resolveClinical(loaded.atlas, loaded.meshes);
  std::vector<NamedPoint> triggerPoints;
  for (const ResolvedTriggerPoint& point : clinical.triggerPoints) {
    triggerPoints.push_back({point.point.id, point.centre});
  }
  picker.setTriggerPoints(std::move(triggerPoints));
  out << pickPixel(loaded, clinical, picker, state, options.size, options.showUi, x, y).dump()
      << "\n";
}

// `sura needle`, as typed: the flags of `pick` plus the needle's own.
struct NeedleCommandFlags {
  RenderFlags view;
  std::vector<int> pixel; // X Y, or nothing with --trigger-point
  std::string triggerPoint;
  NeedleFlags needle;
};

RenderOptions toNeedleOptions(const NeedleCommandFlags& flags) {
  RenderOptions options = toRenderOptions(flags.view);
  NeedleInputs inputs = toNeedleInputs(flags.needle);
  inputs.triggerPoint = flags.triggerPoint;
  if (!flags.pixel.empty()) {
    if (!flags.triggerPoint.empty()) {
      throw UsageError("--trigger-point: give a pixel X Y or a trigger point, not both");
    }
    if (flags.pixel.size() != 2) {
      throw UsageError("needle: give the pixel as two numbers, X Y");
    }
    inputs.pixel = Pixel{flags.pixel[0], flags.pixel[1]};
  }
  options.needle = inputs;
  return options;
}

void printNeedle(const RenderOptions& options, std::ostream& out) {
  const LoadedAtlas loaded =
      loadAtlas(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
  Picker picker(loaded.atlas, loaded.meshes);
  const Clinical clinical = resolveClinical(loaded.atlas, loaded.meshes);
  out << needleJson(loaded, clinical, picker, options).dump(2) << "\n";
}

} // namespace

int runCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"Sura: 3D viewer of the lower leg for anatomy teaching.\n"
               "Without a command, opens the interactive viewer (F1 in it lists the keys).",
               "sura"};
  app.set_version_flag("--version", std::string("sura ") + kVersion);
  app.require_subcommand(0, 1);
  ViewFlags viewFlags;
  app.add_option("--atlas", viewFlags.atlasDir, kAtlasHelp);
  app.add_option("--view", viewFlags.view, "First camera preset: " + viewNames())
      ->capture_default_str();
  app.add_option("--size", viewFlags.size, "Window size, WIDTHxHEIGHT")->capture_default_str();
  app.add_option("--ui-scale", viewFlags.uiScale,
                 "Size of the panel and its text, 0.5 to 3, on top of the screen's own scale")
      ->capture_default_str();
  addLegFlags(app, viewFlags.leg);
  app.add_option("--scene", viewFlags.scene,
                 "Open a saved scene file as it was saved (view and camera, leg, layers, "
                 "selection, trigger points); --view, --left and --right may not be given with it");
  app.add_option("--lesson", viewFlags.lesson,
                 "Open a lesson file at its first scene; Page Down and Page Up step through "
                 "its scenes (not with --scene, --view, --left or --right)");
  app.add_option("--labels", viewFlags.labels,
                 "Start with the parts seen labelled, with leader lines: en (English names), la "
                 "(Latin) or both (B turns them off and on); not with --scene or --lesson");

  RenderFlags render;
  CLI::App* renderCommand =
      app.add_subcommand("render", "Render one frame offscreen to a PNG file (needs an X "
                                   "display; headless: xvfb-run -a sura render ...).");
  renderCommand->add_option("OUT.png", render.output, "PNG file to write")->required();
  addViewOptions(*renderCommand, render);
  renderCommand->add_option("--click", render.click,
                            "X,Y: click this pixel, as a person would, before the picture is "
                            "taken (selects and marks what is there; the panel tells what it is)");
  renderCommand->add_option("--needle", render.needle,
                            "X,Y (a pixel of the view, as `sura needle X Y`) or a trigger point "
                            "id: put in a virtual needle there and draw it, with --angles, "
                            "--length, --gauge and --margin as for `sura needle`");
  NeedleFlags renderNeedle;
  addNeedleFlags(*renderCommand, renderNeedle);
  renderCommand->add_flag("--safety-map", render.safetyMap,
                          "Paint the safety map on the skin: how deep a needle can go straight "
                          "in before a nerve, vessel or bone is within 5 mm (an educational "
                          "model, not the person being treated)");
  renderCommand->add_option("--labels", render.labels,
                            "Label the parts seen (and the trigger points shown), with leader "
                            "lines: en (English names), la (Latin) or both");
  CLI::Option* sectionLevelOption = renderCommand->add_option(
      "--section", render.section,
      "Cut the leg across at level T (as `sura section --t`): the part above is taken away, the "
      "cut capped, and the section drawn in the corner with its thicknesses");
  renderCommand
      ->add_option("--section-mm", render.sectionMm,
                   "Instead of --section: cut at this many mm below the knee joint line")
      ->excludes(sectionLevelOption);
  renderCommand->add_option(
      "--scene", render.scene,
      "A saved scene file to show as it was saved (view and camera, leg, layers, selection, "
      "trigger points); with it only --atlas, --size, --ui-scale and --no-ui may be given");

  // The same state as `sura render` through the same options (a glTF holds what a picture of
  // the scene shows, in 3D); its own command, since it writes another kind of file and needs
  // no display. --size, --ui-scale and --no-ui are accepted and change nothing in the file.
  RenderFlags exportFlags;
  CLI::App* exportCommand = app.add_subcommand(
      "export", "Write the scene `sura render` would draw with the same options as a glTF 2.0 "
                "file (one self-contained .gltf for a browser or a phone, in metres, +Y up): "
                "the structures shown in their colours and opacities (hidden ones left out), "
                "the trigger points, referred-pain zones and safety map painted into vertex "
                "colours, and the pins (no display needed).");
  exportCommand->add_option("OUT.gltf", exportFlags.output, "glTF file to write")->required();
  addViewOptions(*exportCommand, exportFlags);
  exportCommand->add_flag("--safety-map", exportFlags.safetyMap,
                          "Paint the safety map on the skin (as `sura render --safety-map`)");
  CLI::Option* exportSection = exportCommand->add_option(
      "--section", exportFlags.section,
      "Cut the leg across at level T: the part above is left out (the cut is not capped)");
  exportCommand
      ->add_option("--section-mm", exportFlags.sectionMm,
                   "Instead of --section: cut at this many mm below the knee joint line")
      ->excludes(exportSection);
  exportCommand->add_option("--scene", exportFlags.scene,
                            "A saved scene file to export as it was saved (its pins too); with "
                            "it only --atlas may be given");

  RenderFlags pick;
  int pickX = 0, pickY = 0;
  CLI::App* pickCommand = app.add_subcommand(
      "pick", "Print, as one JSON object, what lies under pixel X Y (from the top-left corner) "
              "of the view `sura render` would draw with the same options (no display needed).");
  pickCommand->add_option("X", pickX, "Pixel column")->required();
  pickCommand->add_option("Y", pickY, "Pixel row, from the top")->required();
  addViewOptions(*pickCommand, pick);

  NeedleCommandFlags needle;
  CLI::App* needleCommand = app.add_subcommand(
      "needle", "Print, as JSON, what a virtual needle meets: put in at pixel X Y of the view "
                "`sura render` would draw with the same options (or at a trigger point), every "
                "structure it crosses with its depths, the tip, how near it comes to each nerve, "
                "vessel and bone, and warnings (no display needed). An educational model, not "
                "the person being treated.");
  needleCommand->add_option("X Y", needle.pixel, "Pixel column and row (from the top)")
      ->expected(0, 2);
  addViewOptions(*needleCommand, needle.view);
  needleCommand->add_option("--trigger-point", needle.triggerPoint,
                            "Instead of X Y: needle this trigger point, in from the side it is "
                            "examined from, the tip at its centre");
  addNeedleFlags(*needleCommand, needle.needle);

  SectionFlags section;
  CLI::App* sectionCommand = app.add_subcommand(
      "section", "Draw the leg cut across, as an axial MRI slice is viewed (from the feet, "
                 "anterior up, the patient's right on the left), at one or more levels side by "
                 "side, to a PNG file (needs an X display, as render does).");
  sectionCommand->add_option("OUT.png", section.output, "PNG file to write")->required();
  CLI::Option* levelOption =
      addListOption(*sectionCommand, "--t", section.levels,
                    "Levels to cut at, comma separated: 0 the knee joint line, 1 a leg "
                    "length below it (-0.5 to 1.3)");
  CLI::Option* levelAsOption = addListOption(*sectionCommand, "--level", section.levelsAs,
                                             "Another name of --t: levels, comma separated")
                                   ->excludes(levelOption);
  CLI::Option* heightOption =
      addListOption(*sectionCommand, "--z", section.heights,
                    "Instead of --t: heights in mm in the atlas frame (z up, 0 at the knee "
                    "joint line), comma separated")
          ->excludes(levelOption)
          ->excludes(levelAsOption);
  addListOption(*sectionCommand, "--mm", section.belowKnee,
                "Instead of --t: mm below the knee joint line (positive downward), comma "
                "separated")
      ->excludes(levelOption)
      ->excludes(levelAsOption)
      ->excludes(heightOption);
  sectionCommand
      ->add_option("--peel", section.peel,
                   "Peel this many layers off, outermost first (as the P key does)")
      ->capture_default_str();
  sectionCommand->add_option("--isolate", section.isolate,
                             "Structure id to show alone (with its parts)");
  sectionCommand->add_option("--atlas", section.atlasDir, kAtlasHelp);
  sectionCommand->add_option("--size", section.size,
                             "Image size in pixels, WIDTHxHEIGHT (default: " +
                                 std::to_string(kSectionPanelSide) + " square per level)");
  addListOption(*sectionCommand, "--hide", section.hide,
                "Structure ids to leave out, comma separated; a group leaves out its children");
  addLegFlags(*sectionCommand, section.leg);

  BenchOptions bench;
  CLI::App* benchCommand = app.add_subcommand(
      "bench", "Measure start-up, frame times while orbiting, and memory (needs a display).");
  benchCommand->add_option("--atlas", bench.atlasDir, kAtlasHelp);
  benchCommand->add_option("--frames", bench.frames, "Frames timed per case")
      ->capture_default_str()
      ->check(CLI::Range(3, 10000));

  std::string checkDir;
  CLI::App* checkCommand = app.add_subcommand(
      "check", "Load and validate an atlas and list its contents (default: bundled): where "
               "each landmark came from and what uses it, trigger points placed and skipped; "
               "warnings about an implausible frame go to stderr (exit 0).");
  checkCommand->add_option("ATLAS", checkDir, "Atlas folder, or its atlas.json");
  bool checkJson = false;
  checkCommand->add_flag("--json", checkJson,
                         "Print the atlas as loaded, trigger points resolved in mm, as JSON");

  CLI::App* atlasCommand =
      app.add_subcommand("atlas", "Make an atlas from your own meshes (see `sura atlas init`).");
  atlasCommand->require_subcommand(1, 1);
  std::string initDir;
  CLI::App* initCommand = atlasCommand->add_subcommand(
      "init", "Write a starting atlas.json for a folder of mesh files (.vtp, .stl, .obj, .ply): "
              "ids from the file names; frame (axes, units, origin) and side guessed from the "
              "geometry, each guess printed and kept in the manifest's notes. Never overwrites "
              "an atlas.json.");
  initCommand->add_option("DIR", initDir, "Folder of mesh files")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e, out, err); // --help, --version
    }
    err << "sura: " << printable(e.what(), 600) << " (see `sura --help`)\n";
    return kExitUsage;
  }

  try {
    // One rule for every value of every flag and argument (cli_args.h).
    checkCommandLineValues(app);
    if (*renderCommand) {
      if (!render.scene.empty()) {
        // The scene holds the state: a flag that also sets it would leave two answers.
        for (const char* flag :
             {"--view", "--hide", "--opacity", "--left", "--right", "--peel", "--select",
              "--isolate", "--trigger-points", "--referred", "--focus", "--click", "--needle",
              "--safety-map", "--section", "--section-mm", "--labels"}) {
          if (renderCommand->count(flag) > 0) {
            throw UsageError(std::string("--scene: ") + flag +
                             " sets what the scene already holds; give one or the other");
          }
        }
      }
      RenderOptions options = toRenderOptions(render);
      options.viewAsked = renderCommand->count("--view") > 0;
      options.scene = render.scene;
      if (!render.needle.empty()) {
        NeedleInputs inputs = toNeedleInputs(renderNeedle);
        if (const std::optional<Pixel> pixel = parseNeedlePixel(render.needle, options.size)) {
          inputs.pixel = pixel;
        } else {
          inputs.triggerPoint = render.needle;
        }
        options.needle = inputs;
      } else {
        for (const char* flag : {"--angles", "--length", "--gauge"}) {
          if (renderCommand->count(flag) > 0) {
            throw UsageError(std::string(flag) + ": only with --needle (where the needle goes in)");
          }
        }
        // The one margin: of the needle's warnings and of the safety map.
        if (renderCommand->count("--margin") > 0) {
          if (!render.safetyMap) {
            throw UsageError("--margin: only with --needle or --safety-map (what it is the "
                             "margin of)");
          }
          options.marginMm = parseNeedleMargin(renderNeedle.margin);
        }
      }
      renderFrame(options);
      return kExitOk;
    }
    if (*exportCommand) {
      if (!exportFlags.scene.empty()) {
        for (const char* flag : {"--view", "--hide", "--opacity", "--left", "--right", "--peel",
                                 "--select", "--isolate", "--trigger-points", "--referred",
                                 "--focus", "--safety-map", "--section", "--section-mm"}) {
          if (exportCommand->count(flag) > 0) {
            throw UsageError(std::string("--scene: ") + flag +
                             " sets what the scene already holds; give one or the other");
          }
        }
      }
      RenderOptions options = toRenderOptions(exportFlags);
      options.scene = exportFlags.scene;
      exportGltf(options);
      return kExitOk;
    }
    if (*sectionCommand) {
      renderSections(toSectionOptions(section));
      return kExitOk;
    }
    if (*pickCommand) {
      printPick(toRenderOptions(pick), pickX, pickY, out);
      return kExitOk;
    }
    if (*needleCommand) {
      printNeedle(toNeedleOptions(needle), out);
      return kExitOk;
    }
    if (*checkCommand) {
      const LoadedAtlas loaded = loadAtlas(atlasDirOrBundled(checkDir));
      // Trigger points are placed on the meshes here, so a point that cannot be placed is a
      // load error like any other.
      const Clinical clinical = resolveClinical(loaded.atlas, loaded.meshes);
      if (checkJson) {
        out << atlasJson(loaded, clinical).dump(2) << "\n";
      } else {
        printAtlasReport(loaded, out);
        printTriggerPoints(loaded.atlas, clinical, out);
      }
      // An implausible frame, and sources a clinician could not trust, are worth a warning,
      // not a refusal.
      printAtlasWarnings(loaded.atlas, err);
      printSourceWarnings(loaded.atlas, err);
      return kExitOk;
    }
    if (*initCommand) {
      initAtlas(initDir, out);
      return kExitOk;
    }
    if (*benchCommand) {
      runBench(bench, out);
      return kExitOk;
    }
    if (!viewFlags.lesson.empty()) {
      for (const char* flag : {"--scene", "--view", "--left", "--right", "--labels"}) {
        if (app.count(flag) > 0) {
          throw UsageError(std::string("--lesson: ") + flag +
                           " sets what the lesson's scenes hold; give one or the other");
        }
      }
    }
    if (!viewFlags.scene.empty()) {
      for (const char* flag : {"--view", "--left", "--right", "--labels"}) {
        if (app.count(flag) > 0) {
          throw UsageError(std::string("--scene: ") + flag +
                           " sets what the scene already holds; give one or the other");
        }
      }
    }
    return runViewer(viewFlags);
  } catch (const UsageError& e) {
    err << "sura: " << printable(e.what(), 600) << "\n";
    return kExitUsage;
  } catch (const AtlasError& e) {
    err << "sura: " << printable(e.what(), 600) << "\n";
    return kExitFailure;
  } catch (const DisplayError& e) {
    err << "sura: " << printable(e.what(), 600)
        << "; the viewer needs a screen; without one, render to a file under Xvfb: "
           "xvfb-run -a sura render OUT.png ...\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    err << "sura: " << printable(e.what(), 600) << "\n";
    return kExitFailure;
  }
}

} // namespace sura
