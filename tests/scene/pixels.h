// Pixel predicates shared by the render tests of the scene and the app.
#pragma once

#include "scene/offscreen.h"
#include "scene/scene.h"

#include <glm/geometric.hpp>

#include <array>
#include <cmath>
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

/// The dichromacies of red-green colour blindness (about 2 % of men each), for a picture seen
/// as such a person sees it.
enum class Dichromacy { None, Deuteranopia, Protanopia };

/// A colour as a dichromat sees it: Machado, Oliveira and Fernandes (2009), severity 1,
/// applied in linear RGB. The matrices are the published ones.
inline glm::dvec3 simulateLinear(const glm::dvec3& linear, Dichromacy kind) {
  using Rows = std::array<glm::dvec3, 3>;
  static const Rows deuteranopia{glm::dvec3{0.367322, 0.860646, -0.227968},
                                 glm::dvec3{0.280085, 0.672501, 0.047413},
                                 glm::dvec3{-0.011820, 0.042940, 0.968881}};
  static const Rows protanopia{glm::dvec3{0.152286, 1.052583, -0.204868},
                               glm::dvec3{0.114503, 0.786281, 0.099216},
                               glm::dvec3{-0.003882, -0.048116, 1.051998}};
  if (kind == Dichromacy::None) {
    return linear;
  }
  const Rows& m = kind == Dichromacy::Deuteranopia ? deuteranopia : protanopia;
  return glm::clamp(
      glm::dvec3{glm::dot(m[0], linear), glm::dot(m[1], linear), glm::dot(m[2], linear)}, 0.0, 1.0);
}

/// sRGB (0..255) to linear RGB (0..1).
inline glm::dvec3 linearRgb(const glm::dvec3& srgb255) {
  glm::dvec3 out;
  for (int i = 0; i < 3; ++i) {
    const double c = srgb255[i] / 255.0;
    out[i] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  return out;
}

/// CIELAB (D65) of a linear RGB colour.
inline glm::dvec3 cielab(const glm::dvec3& linear) {
  const double x = (0.4124 * linear.r + 0.3576 * linear.g + 0.1805 * linear.b) / 0.95047;
  const double y = 0.2126 * linear.r + 0.7152 * linear.g + 0.0722 * linear.b;
  const double z = (0.0193 * linear.r + 0.1192 * linear.g + 0.9505 * linear.b) / 1.08883;
  const auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
  return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

/// How far apart two rendered colours (sRGB, 0..255) look to a person with the given colour
/// vision: the CIELAB distance (Delta E 1976) of the simulated colours. About 2 is just
/// noticeable; under 10 two areas read as one.
inline double perceivedDistance(const glm::dvec3& a, const glm::dvec3& b, Dichromacy kind) {
  return glm::length(cielab(simulateLinear(linearRgb(a), kind)) -
                     cielab(simulateLinear(linearRgb(b), kind)));
}

} // namespace sura::test
