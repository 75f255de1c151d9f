// One frame of a scene rendered without a visible window, read back as pixels.
// Debian's VTK draws through X only (no EGL, no OSMesa): headless runs need Xvfb.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

#include <glm/vec3.hpp>

class vtkRenderer;

namespace sura {

class Scene;

/// No X display with OpenGL could be opened. VTK would abort() the process instead.
struct DisplayError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// 8-bit RGB pixels, rows from the top of the picture down.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;
  /// Pixel at column x, row y counted from the top.
  glm::u8vec3 at(int x, int y) const;
};

/// An offscreen render window for one scene, or for any renderer (a drawing of sections).
class OffscreenRenderer {
public:
  /// Opens the X display named by $DISPLAY and a window of the given size in pixels.
  /// Throws DisplayError when there is no display or it has no OpenGL (GLX).
  OffscreenRenderer(Scene& scene, int width, int height);
  /// The same for a renderer the caller keeps alive as long as this object.
  OffscreenRenderer(vtkRenderer* renderer, int width, int height);
  ~OffscreenRenderer();
  OffscreenRenderer(const OffscreenRenderer&) = delete;
  OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

  /// Draws the scene as it stands and reads the back buffer.
  Image render();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes an image as PNG. Throws std::runtime_error naming the file on failure.
void writePng(const Image& image, const std::filesystem::path& file);

/// Reads a PNG as 8-bit RGB. Throws std::runtime_error naming the file on failure.
Image readPng(const std::filesystem::path& file);

} // namespace sura
