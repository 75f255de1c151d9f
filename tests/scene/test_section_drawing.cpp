// The section drawer: filled regions with holes, drawing order, one scale for all panels.
#include "pixels.h"
#include "scene/section_drawing.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

using namespace sura;
using namespace sura::test;

namespace {

SectionLoop square(double lo, double hi, bool clockwise = false) {
  SectionLoop loop;
  loop.points = {{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}};
  if (clockwise) {
    std::reverse(loop.points.begin(), loop.points.end());
  }
  return loop;
}

const glm::vec3 kRing{0.2f, 0.4f, 0.8f};
const glm::vec3 kDot{1.0f, 0.8f, 0.0f};

bool near(glm::u8vec3 c, glm::vec3 color) {
  const glm::vec3 expected = color * 255.0f;
  return std::abs(c.r - expected.r) <= 2 && std::abs(c.g - expected.g) <= 2 &&
         std::abs(c.b - expected.b) <= 2;
}

// Columns of the picture in [x0, x1) holding the colour: first and last.
std::pair<int, int> columns(const Image& image, glm::vec3 color, int x0, int x1) {
  int first = -1, last = -1;
  for (int x = x0; x < x1; ++x) {
    for (int y = 0; y < image.height; ++y) {
      if (near(image.at(x, y), color)) {
        first = first < 0 ? x : first;
        last = x;
        break;
      }
    }
  }
  return {first, last};
}

// A square ring of side `side` mm with a dot in its lower band, drawn after it.
SectionPanel ringPanel(double side) {
  SectionPanel panel;
  panel.title = "t 0.30";
  panel.subtitle = "117 mm below the knee joint line";
  panel.regions.push_back({kRing, {square(0, side), square(0.3 * side, 0.7 * side, true)}, ""});
  SectionLoop dot;
  dot.points = {{0.45 * side, 0.05 * side},
                {0.55 * side, 0.05 * side},
                {0.55 * side, 0.15 * side},
                {0.45 * side, 0.15 * side}};
  panel.regions.push_back({kDot, {dot}, ""});
  return panel;
}

} // namespace

TEST_CASE("a ring is filled round its hole, a later region drawn on top") {
  SectionSheet sheet;
  sheet.panels = {ringPanel(100)};
  sheet.directions = {"A", "P", "L", "M"};
  const Image image = drawSections(sheet, 400, 400);
  CHECK(image.width == 400);
  CHECK(image.height == 400);
  const auto [first, last] = columns(image, kRing, 0, 400);
  REQUIRE(first >= 0);
  int top = -1, bottom = -1;
  for (int y = 0; y < image.height; ++y) {
    if (near(image.at((first + last) / 2 - 25, y), kRing)) {
      top = top < 0 ? y : top;
      bottom = y;
    }
  }
  REQUIRE(top >= 0);
  const glm::u8vec3 hole = image.at((first + last) / 2, (top + bottom) / 2);
  CHECK(hole == glm::u8vec3(255, 255, 255));
  CHECK(countPixels(image, 0, image.width, [](glm::u8vec3 c) { return near(c, kDot); }) > 20);
}

TEST_CASE("all panels share one scale, the widest section fitting its panel") {
  SectionSheet sheet;
  sheet.panels = {ringPanel(100), ringPanel(50)};
  const SectionLayout layout = layoutSections(sheet, 800, 400);
  CHECK(layout.pixelsPerMm * 100 < 400);
  CHECK(layout.pixelsPerMm * 100 > 200);
  CHECK((layout.scaleBarMm == kScaleBarLongMm || layout.scaleBarMm == kScaleBarShortMm));
  const Image image = drawSections(sheet, 800, 400);
  const auto big = columns(image, kRing, 0, 400);
  const auto small = columns(image, kRing, 400, 800);
  const double bigWidth = big.second - big.first + 1;
  const double smallWidth = small.second - small.first + 1;
  CHECK(bigWidth == doctest::Approx(layout.pixelsPerMm * 100).epsilon(0.03));
  CHECK(smallWidth == doctest::Approx(bigWidth / 2).epsilon(0.05));
}

TEST_CASE("a sheet with nothing cut, or a picture too small for its margins, still draws") {
  SectionSheet empty;
  empty.panels.resize(2);
  CHECK(drawSections(empty, 300, 200).width == 300);
  SectionSheet tiny;
  tiny.panels = {ringPanel(100), ringPanel(100), ringPanel(100)};
  CHECK(layoutSections(tiny, 30, 20).pixelsPerMm > 0);
  CHECK(drawSections(tiny, 30, 20).height == 20);
}
