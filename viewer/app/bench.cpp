#include "app/bench.h"

#include "app/viewer.h"
#include "meshio/load_atlas.h"
#include "scene/offscreen.h"
#include "scene/scene.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>
#include <vector>

namespace sura {

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;

// Seconds since this process started, from the kernel's record of its start (so the time
// to load the shared libraries counts too). Resolution: one clock tick, usually 10 ms.
double secondsSinceProcessStart() {
  std::ifstream stat("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Field 22, counted after the command name, which may hold spaces but ends with ')'.
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
  }
  const double startTicks = std::stod(field);
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  const double bootSeconds =
      static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  return bootSeconds - startTicks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double medianMs(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  return n % 2 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
}

// CPU time of the whole process (all threads: llvmpipe draws on several), seconds.
double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

// The median wall-clock time of a frame, and the CPU time a frame took on average: on a
// machine shared with other work the second drifts less.
struct Timing {
  double wallMs = 0.0;
  double cpuMs = 0.0;
};

template <class DrawOne> Timing timeFrames(Viewer& viewer, int frames, DrawOne drawOne) {
  std::vector<double> ms;
  const double cpuStart = cpuSeconds();
  for (int i = 0; i < frames; ++i) {
    const auto start = std::chrono::steady_clock::now();
    drawOne(i);
    viewer.finish();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  return {medianMs(ms), (cpuSeconds() - cpuStart) * 1000.0 / frames};
}

// Orbits by dragging across the 3D view, a few pixels a frame, as a person would.
Timing orbitFrames(Viewer& viewer, int frames) {
  InputQueue& input = viewer.input();
  const double y = kHeight / 2.0;
  double x = viewer.panelPixels() + (kWidth - viewer.panelPixels()) / 2.0;
  input.cursorPos(x, y);
  input.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
  viewer.frame(); // the press, untimed
  x += 6.0;
  input.cursorPos(x, y);
  viewer.frame(); // the first move starts the drag, untimed: each timed frame then draws one
  const Timing timing = timeFrames(viewer, frames, [&](int i) {
    x += i < frames / 2 ? 6.0 : -6.0;
    input.cursorPos(x, y);
    viewer.frame();
  });
  input.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
  viewer.frame();
  return timing;
}

// Whole still frames drawn again and again: with nothing shown, the floor of this renderer at
// this size (background, panel, the passes every frame goes through).
Timing stillFrames(Viewer& viewer, int frames) {
  return timeFrames(viewer, frames, [&](int) { viewer.redraw(); });
}

std::string withFloor(const Timing& timing, const Timing& floor) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << timing.wallMs << " ms (" << 1000.0 / timing.wallMs
       << " fps, " << timing.wallMs / floor.wallMs << " x the floor); CPU " << timing.cpuMs
       << " ms a frame (" << timing.cpuMs / floor.cpuMs << " x)";
  return text.str();
}

} // namespace

void runBench(const BenchOptions& options, std::ostream& out) {
  const LoadedAtlas loaded =
      loadAtlasWhileDisplayOpens(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
  ViewerOptions viewerOptions;
  viewerOptions.width = kWidth;
  viewerOptions.height = kHeight;
  viewerOptions.visible = false;
  Viewer viewer(loaded, AppState{}, viewerOptions);
  const std::filesystem::path png =
      std::filesystem::temp_directory_path() / ("sura-bench-" + std::to_string(getpid()) + ".png");
  writePng(viewer.capture(), png);
  const double firstFrame = secondsSinceProcessStart();
  std::filesystem::remove(png);
  // As the viewer does after its first frame; timed, then the orbits use them.
  const auto lightening = std::chrono::steady_clock::now();
  viewer.scene().waitForLighterMeshes();
  const double lighterMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - lightening)
          .count();

  const Timing allLayers = orbitFrames(viewer, options.frames);
  // The whole still picture, drawn when the camera stops.
  const Timing stillAll = stillFrames(viewer, options.frames);
  viewer.issue(command::SetOpacity{"skin", 0.3f});
  const Timing translucentSkin = orbitFrames(viewer, options.frames);
  // The clinical layer: every trigger point painted, one in focus with its referred zones
  // (the heel), the skin still at 30 %. Only when the atlas has trigger points.
  std::optional<Timing> clinicalLayer;
  if (!loaded.atlas.triggerPoints.empty()) {
    viewer.issue(command::ShowTriggerPoints{{}, true});
    viewer.issue(command::SelectTriggerPoint{loaded.atlas.triggerPoints.front().id});
    clinicalLayer = orbitFrames(viewer, options.frames);
  }
  // Labels with leader lines, laid out again at each frame the camera moves: the calf without
  // its skin, from behind, without and then with its labels in English and Latin.
  viewer.issue(command::ShowTriggerPoints{{}, false});
  viewer.issue(command::SetOpacity{"skin", 1.0f});
  viewer.issue(command::SetVisible{"skin", false});
  viewer.issue(command::SetView{ViewPreset::Posterior});
  viewer.frame();
  const Timing unlabelled = orbitFrames(viewer, options.frames);
  const Timing unlabelledStill = stillFrames(viewer, options.frames);
  viewer.issue(command::ShowLabels{true, LabelLanguage::Both});
  viewer.frame();
  const Timing labelled = orbitFrames(viewer, options.frames);
  const Timing labelledStill = stillFrames(viewer, options.frames);
  const std::size_t labelCount = viewer.labels().size();
  viewer.issue(command::ShowLabels{false, LabelLanguage::Both});

  // The floor: the same window with nothing in the scene.
  for (const Structure& structure : loaded.atlas.structures) {
    viewer.issue(command::SetVisible{structure.id, false});
  }
  viewer.frame();
  const Timing floor = stillFrames(viewer, options.frames);

  // Nothing changes: the frames draw nothing.
  int idleDrawn = 0;
  const Timing idle = timeFrames(viewer, options.frames, [&](int) {
    viewer.frame();
    idleDrawn += viewer.lastFrame().drawn ? 1 : 0;
  });

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  out << std::fixed << std::setprecision(1);
  out << "renderer: " << viewer.glRenderer() << "\n";
  out << "atlas: " << loaded.atlas.name << ", " << loaded.meshes.size() << " meshes\n";
  out << "window: " << kWidth << "x" << kHeight << " with the panel\n";
  out << "process start to first frame written: " << firstFrame * 1000.0 << " ms\n";
  out << "lighter meshes for moving frames made in: " << lighterMs
      << " ms (after the first frame)\n";
  out << "floor: median whole frame of the empty scene: " << floor.wallMs << " ms ("
      << 1000.0 / floor.wallMs << " fps); CPU " << floor.cpuMs << " ms a frame\n";
  out << "median frame while orbiting, all layers: " << withFloor(allLayers, floor) << " over "
      << options.frames << " frames\n";
  out << "median whole still frame, all layers: " << withFloor(stillAll, floor) << "\n";
  out << "median frame while orbiting, skin at 30 %: " << withFloor(translucentSkin, floor) << "\n";
  if (clinicalLayer) {
    out << "median frame while orbiting, all trigger points, one in focus with its zones: "
        << withFloor(*clinicalLayer, floor) << "\n";
  }
  out << "median frame while orbiting, skin hidden: " << withFloor(unlabelled, floor)
      << "; with its labels (" << labelCount
      << ", English and Latin): " << withFloor(labelled, floor) << "\n";
  out << "median whole still frame, skin hidden: " << withFloor(unlabelledStill, floor)
      << "; with its labels: " << withFloor(labelledStill, floor) << "\n";
  out << "frames with nothing changed: " << idleDrawn << " of " << options.frames
      << " drew anything; median " << idle.wallMs << " ms, CPU " << idle.cpuMs << " ms a frame\n";
  out << "peak memory (ru_maxrss): " << static_cast<double>(usage.ru_maxrss) / 1024.0 << " MB\n";
}

} // namespace sura
