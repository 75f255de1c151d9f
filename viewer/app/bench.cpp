#include "app/bench.h"

#include "app/viewer.h"
#include "meshio/load_atlas.h"
#include "scene/offscreen.h"

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

// Orbits by dragging across the 3D view, a few pixels a frame, as a person would.
std::vector<double> orbitFrames(Viewer& viewer, int frames) {
  InputQueue& input = viewer.input();
  const double y = kHeight / 2.0;
  double x = viewer.panelPixels() + (kWidth - viewer.panelPixels()) / 2.0;
  input.cursorPos(x, y);
  input.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
  viewer.frame(); // the press, untimed: each timed frame then draws one move
  std::vector<double> ms;
  for (int i = 0; i < frames; ++i) {
    x += i < frames / 2 ? 6.0 : -6.0;
    input.cursorPos(x, y);
    const auto start = std::chrono::steady_clock::now();
    viewer.frame();
    viewer.finish();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  input.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
  viewer.frame();
  return ms;
}

// Whole still frames drawn again and again: with nothing shown, the floor of this renderer at
// this size (background, panel, the passes every frame goes through).
std::vector<double> stillFrames(Viewer& viewer, int frames) {
  std::vector<double> ms;
  for (int i = 0; i < frames; ++i) {
    const auto start = std::chrono::steady_clock::now();
    viewer.redraw();
    viewer.finish();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  return ms;
}

std::string withFloor(double ms, double floorMs) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << ms << " ms (" << 1000.0 / ms << " fps, "
       << ms / floorMs << " x the floor)";
  return text.str();
}

} // namespace

void runBench(const BenchOptions& options, std::ostream& out) {
  const LoadedAtlas loaded =
      loadAtlas(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
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

  const double allLayers = medianMs(orbitFrames(viewer, options.frames));
  viewer.issue(command::SetOpacity{"skin", 0.3f});
  const double translucentSkin = medianMs(orbitFrames(viewer, options.frames));
  // The clinical layer: every trigger point painted, one in focus with its referred zones
  // (the heel), the skin still at 30 %. Only when the atlas has trigger points.
  std::optional<double> clinicalLayer;
  if (!loaded.atlas.triggerPoints.empty()) {
    viewer.issue(command::ShowTriggerPoints{{}, true});
    viewer.issue(command::SelectTriggerPoint{loaded.atlas.triggerPoints.front().id});
    clinicalLayer = medianMs(orbitFrames(viewer, options.frames));
  }
  // The floor: the same window with nothing in the scene.
  for (const Structure& structure : loaded.atlas.structures) {
    viewer.issue(command::SetVisible{structure.id, false});
  }
  viewer.frame();
  const double floorMs = medianMs(stillFrames(viewer, options.frames));

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  out << std::fixed << std::setprecision(1);
  out << "renderer: " << viewer.glRenderer() << "\n";
  out << "atlas: " << loaded.atlas.name << ", " << loaded.meshes.size() << " meshes\n";
  out << "window: " << kWidth << "x" << kHeight << " with the panel\n";
  out << "process start to first frame written: " << firstFrame * 1000.0 << " ms\n";
  out << "floor: median whole frame of the empty scene: " << floorMs << " ms (" << 1000.0 / floorMs
      << " fps)\n";
  out << "median frame while orbiting, all layers: " << withFloor(allLayers, floorMs) << " over "
      << options.frames << " frames\n";
  out << "median frame while orbiting, skin at 30 %: " << withFloor(translucentSkin, floorMs)
      << "\n";
  if (clinicalLayer) {
    out << "median frame while orbiting, all trigger points, one in focus with its zones: "
        << withFloor(*clinicalLayer, floorMs) << "\n";
  }
  out << "peak memory (ru_maxrss): " << static_cast<double>(usage.ru_maxrss) / 1024.0 << " MB\n";
}

} // namespace sura
