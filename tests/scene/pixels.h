// Pixel predicates shared by the render tests of the scene and the app.
#pragma once

#include "scene/offscreen.h"
#include "scene/scene.h"

#include <cstdlib>
#include <utility>

namespace sura::test {

/// Clearly red: the red channel dominates the others.
inline bool isReddish(glm::u8vec3 c) {
  return c.r > 100 && c.r > c.g + 60 && c.r > c.b + 60;
}
inline bool isBluish(glm::u8vec3 c) {
  return c.b > 100 && c.b > c.r + 60 && c.b > c.g + 60;
}
inline bool isGreenish(glm::u8vec3 c) {
  return c.g > 100 && c.g > c.r + 60 && c.g > c.b + 60;
}

/// True when the pixel at row y shows the background gradient (within a small tolerance
/// for dithering and rounding).
inline bool isBackground(const Image& image, int x, int y) {
  const double t = image.height > 1 ? static_cast<double>(y) / (image.height - 1) : 0.0;
  const glm::dvec3 expected = (kBackgroundTop * (1.0 - t) + kBackgroundBottom * t) * 255.0;
  const glm::u8vec3 c = image.at(x, y);
  return std::abs(c.r - expected.r) < 6 && std::abs(c.g - expected.g) < 6 &&
         std::abs(c.b - expected.b) < 6;
}

/// First and last rows that show anything but the background (-1, -1 for an empty image).
inline std::pair<int, int> drawnRows(const Image& image) {
  int top = -1, bottom = -1;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      if (!isBackground(image, x, y)) {
        top = top < 0 ? y : top;
        bottom = y;
        break;
      }
    }
  }
  return {top, bottom};
}

/// Number of pixels satisfying `predicate` in the columns [x0, x1).
template <class Predicate>
int countPixels(const Image& image, int x0, int x1, Predicate predicate) {
  int n = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = x0; x < x1; ++x) {
      n += predicate(image.at(x, y)) ? 1 : 0;
    }
  }
  return n;
}

} // namespace sura::test
