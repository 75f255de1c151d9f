// Frames of the fixture atlas rendered offscreen, judged by their pixels.
#include "fixture/fixture_atlas.h"
#include "pixels.h"
#include "scene/offscreen.h"
#include "scene/scene.h"

#include <doctest/doctest.h>
#include <glm/common.hpp>
#include <glm/vec3.hpp>
#include <vtkRenderer.h>

using namespace sura;
using sura::test::countPixels;
using sura::test::isBackground;

namespace {

constexpr int kRenderWidth = 320;
constexpr int kRenderHeight = 200;

Image renderFixture(const std::vector<test::FixtureStructure>& structures,
                    const std::vector<Command>& commands, int width = kRenderWidth,
                    int height = kRenderHeight) {
  test::TempDir dir;
  test::writeFixtureAtlas(dir.path(), structures);
  Scene scene(loadAtlas(dir.path()));
  OffscreenRenderer offscreen(scene, width, height);
  AppState state;
  for (const Command& c : commands) {
    apply(state, scene.atlas(), c);
  }
  scene.apply(state);
  return offscreen.render();
}

Image renderFixture(const std::vector<Command>& commands) {
  return renderFixture(test::defaultFixture(), commands);
}

} // namespace

TEST_CASE("posterior view: the red cube covers the centre, the corners are background") {
  const Image image = renderFixture({});
  REQUIRE(image.width == kRenderWidth);
  REQUIRE(image.height == kRenderHeight);
  CHECK(test::isReddish(image.at(kRenderWidth / 2, kRenderHeight / 2)));
  CHECK(isBackground(image, 0, 0));
  CHECK(isBackground(image, kRenderWidth - 1, 0));
  CHECK(isBackground(image, 0, kRenderHeight - 1));
  CHECK(isBackground(image, kRenderWidth - 1, kRenderHeight - 1));
  // From behind, the patient's right (lateral, +X) is on the right of the picture.
  CHECK(countPixels(image, kRenderWidth / 2, kRenderWidth, test::isBluish) > 100);
  CHECK(countPixels(image, 0, kRenderWidth / 2, test::isBluish) == 0);
  CHECK(countPixels(image, 0, kRenderWidth / 2, test::isGreenish) > 100);
}

TEST_CASE("the model fills the height of the frame but does not touch its edges") {
  const Image image = renderFixture({});
  const auto [top, bottom] = sura::test::drawnRows(image);
  CHECK(top > 0);
  CHECK(bottom < image.height - 1);
  CHECK(bottom - top > image.height * 3 / 4);
}

TEST_CASE("hiding the cube shows the background behind it") {
  const Image image = renderFixture({command::SetVisible{"soleus", false}});
  CHECK(isBackground(image, kRenderWidth / 2, kRenderHeight / 2));
  CHECK(countPixels(image, 0, kRenderWidth, test::isReddish) == 0);
  CHECK(countPixels(image, 0, kRenderWidth, test::isBluish) > 100);
}

TEST_CASE("hiding a grouping node hides its children") {
  const Image image = renderFixture({command::SetVisible{"gastrocnemius", false}});
  CHECK(countPixels(image, 0, kRenderWidth, test::isBluish) == 0);
  CHECK(countPixels(image, 0, kRenderWidth, test::isGreenish) == 0);
  CHECK(test::isReddish(image.at(kRenderWidth / 2, kRenderHeight / 2)));
}

TEST_CASE("the left leg is the mirror image: lateral moves to the left of the picture") {
  const Image image = renderFixture({command::SetSide{Side::Left}});
  CHECK(countPixels(image, 0, kRenderWidth / 2, test::isBluish) > 100);
  CHECK(countPixels(image, kRenderWidth / 2, kRenderWidth, test::isBluish) == 0);
  CHECK(countPixels(image, kRenderWidth / 2, kRenderWidth, test::isGreenish) > 100);
  CHECK(test::isReddish(image.at(kRenderWidth / 2, kRenderHeight / 2)));
}

TEST_CASE("lateral view of the right leg puts the lateral head in front of the cube") {
  // From +X the blue box (x 30..50) hides part of the red cube behind it.
  const Image image = renderFixture({command::SetView{ViewPreset::Lateral}});
  CHECK(countPixels(image, 0, kRenderWidth, test::isBluish) > 100);
  const Image medial = renderFixture({command::SetView{ViewPreset::Medial}});
  CHECK(countPixels(medial, 0, kRenderWidth, test::isGreenish) > 100);
  // Seen from the medial side, the blue box lies behind the cube: less of it shows.
  CHECK(countPixels(medial, 0, kRenderWidth, test::isBluish) <
        countPixels(image, 0, kRenderWidth, test::isBluish));
}

TEST_CASE("a translucent layer shows what is under it (depth peeling)") {
  std::vector<test::FixtureStructure> layered = test::defaultFixture();
  // A white "skin" box around everything, drawn translucent.
  layered.push_back({"skin", "", "#f0f0f0", {-60, -30, -70}, {60, 30, 20}, 0.35f, 0});
  const Image image = renderFixture(layered, {});
  const glm::u8vec3 centre = image.at(kRenderWidth / 2, kRenderHeight / 2);
  CHECK(centre.r > centre.g + 30); // the red cube shows through
  CHECK(centre.g > 40);            // but paled by the skin over it

  const Image opaque = renderFixture(layered, {command::SetOpacity{"skin", 1.0f}});
  const glm::u8vec3 covered = opaque.at(kRenderWidth / 2, kRenderHeight / 2);
  CHECK(std::abs(covered.r - covered.g) < 20); // only the white skin is seen
}

TEST_CASE("silhouettes are anti-aliased") {
  // Seen obliquely the cube's silhouette is slanted. Without anti-aliasing every pixel
  // there is either background or red; with it, the edge has blended pixels between.
  test::TempDir dir;
  test::writeFixtureAtlas(dir.path());
  Scene scene(loadAtlas(dir.path()));
  OffscreenRenderer offscreen(scene, kRenderWidth, kRenderHeight);
  AppState state;
  apply(state, scene.atlas(), command::SetVisible{"gastrocnemius", false});
  apply(state, scene.atlas(), command::SetView{ViewPreset::Oblique});
  scene.apply(state);
  // Share of silhouette pixels (not background, background beside them) whose colour
  // differs from the surface two pixels further in: blends of surface and background.
  const auto blended = [](const Image& image) {
    int edge = 0;
    int mixed = 0;
    const int steps[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (int y = 3; y < image.height - 3; ++y) {
      for (int x = 3; x < image.width - 3; ++x) {
        if (isBackground(image, x, y)) {
          continue;
        }
        for (const auto& step : steps) {
          if (isBackground(image, x + step[0], y + step[1])) {
            const glm::ivec3 p = image.at(x, y);
            const glm::ivec3 q = image.at(x - 2 * step[0], y - 2 * step[1]);
            const glm::ivec3 d = glm::abs(p - q);
            ++edge;
            mixed += d.r + d.g + d.b > 40 ? 1 : 0;
            break;
          }
        }
      }
    }
    return edge > 0 ? static_cast<double>(mixed) / edge : 0.0;
  };
  const double smooth = blended(offscreen.render());
  scene.renderer()->UseFXAAOff();
  const double jagged = blended(offscreen.render());
  MESSAGE("blended silhouette pixels: " << smooth << " with FXAA, " << jagged << " without");
  CHECK(smooth > 0.3);
  CHECK(smooth > 2.0 * jagged);
}

TEST_CASE("PNG round trip keeps every pixel") {
  const Image image = renderFixture({});
  test::TempDir dir;
  writePng(image, dir.path() / "frame.png");
  const Image back = readPng(dir.path() / "frame.png");
  CHECK(back.width == image.width);
  CHECK(back.height == image.height);
  CHECK(back.rgb == image.rgb);
}

TEST_CASE("writing into a missing folder fails with the file named") {
  const Image image = renderFixture({});
  test::TempDir dir;
  const auto file = dir.path() / "missing" / "frame.png";
  CHECK_THROWS_WITH_AS(writePng(image, file), doctest::Contains(file.string().c_str()),
                       std::runtime_error);
}
