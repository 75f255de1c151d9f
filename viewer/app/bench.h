// `sura bench`: how fast the viewer starts and draws on this machine's OpenGL. Prints
// figures; asserts nothing (timings belong to the machine, not to the code).
#pragma once

#include <filesystem>
#include <iosfwd>

namespace sura {

struct BenchOptions {
  /// Empty: the bundled atlas.
  std::filesystem::path atlasDir;
  /// Frames timed per case.
  int frames = 60;
};

/// At 1280x800 with the panel: time from process start to the first frame written as PNG,
/// median frame time while orbiting with every layer shown and with the skin at 30 %
/// opacity, and with every trigger point shown and one in focus; peak resident memory, and
/// the GL renderer. Throws as renderFrame does.
void runBench(const BenchOptions& options, std::ostream& out);

} // namespace sura
