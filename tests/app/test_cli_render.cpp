// `sura render` on the fixture atlas, judged by the pixels of the PNG it writes.
#include "app/app_state.h"
#include "pixels.h"
#include "run_sura.h"

#include <doctest/doctest.h>

using namespace sura;
using namespace sura::test;

namespace {

struct Rendered {
  RunResult run;
  Image image;
};

Rendered render(const std::string& flags) {
  TempDir dir;
  writeFixtureAtlas(dir.path());
  const auto png = dir.path() / "frame.png";
  Rendered r;
  r.run = runSura("render " + quote(png.string()) + " --atlas " + quote(dir.path().string()) + " " +
                  flags);
  CAPTURE(r.run.err);
  REQUIRE(r.run.exitCode == 0);
  CHECK(r.run.err.empty());
  r.image = readPng(png);
  return r;
}

glm::u8vec3 centre(const Image& image) {
  return image.at(image.width / 2, image.height / 2);
}

} // namespace

TEST_CASE("default render: 1280x800, posterior, the red cube in the centre") {
  const Image image = render("").image;
  CHECK(image.width == 1280);
  CHECK(image.height == 800);
  CHECK(isReddish(centre(image)));
  CHECK(isBackground(image, 0, 0));
  CHECK(isBackground(image, image.width - 1, image.height - 1));
  CHECK(countPixels(image, image.width / 2, image.width, isBluish) > 100);
  CHECK(countPixels(image, 0, image.width / 2, isBluish) == 0);
}

TEST_CASE("--size, --view and --no-ui") {
  const Image image = render("--size 300x200 --view lateral --no-ui").image;
  CHECK(image.width == 300);
  CHECK(image.height == 200);
  CHECK(countPixels(image, 0, image.width, isBluish) > 50);
}

TEST_CASE("--hide of the cube shows the background in the centre") {
  const Image image = render("--size 320x200 --hide soleus").image;
  CHECK(isBackground(image, image.width / 2, image.height / 2));
  CHECK(countPixels(image, 0, image.width, isReddish) == 0);
}

TEST_CASE("--hide of the grouping node hides both heads") {
  const Image image = render("--size 320x200 --hide gastrocnemius").image;
  CHECK(countPixels(image, 0, image.width, isBluish) == 0);
  CHECK(countPixels(image, 0, image.width, isGreenish) == 0);
  CHECK(isReddish(centre(image)));
}

TEST_CASE("--left flips the asymmetric fixture") {
  const Image image = render("--size 320x200 --left").image;
  CHECK(countPixels(image, 0, image.width / 2, isBluish) > 50);
  CHECK(countPixels(image, image.width / 2, image.width, isBluish) == 0);
}

TEST_CASE("--opacity lets the background show through") {
  const glm::u8vec3 opaque = centre(render("--size 320x200").image);
  const glm::u8vec3 faded = centre(render("--size 320x200 --opacity soleus=0.3").image);
  CHECK(faded.g > opaque.g + 60);
  CHECK(faded.r >= faded.g); // still tinted red
}

TEST_CASE("an unwritable output exits 1 naming the file") {
  TempDir dir;
  writeFixtureAtlas(dir.path());
  const auto png = dir.path() / "missing" / "frame.png";
  const RunResult r =
      runSura("render " + quote(png.string()) + " --atlas " + quote(dir.path().string()));
  CAPTURE(r.err);
  CHECK(r.exitCode == 1);
  CHECK(isOneErrorLine(r.err));
  CHECK(r.err.find(png.string()) != std::string::npos);
}

TEST_CASE("the bundled atlas renders from every preset, framed inside the picture") {
  for (ViewPreset view : kViewPresets) {
    CAPTURE(viewPresetName(view));
    TempDir dir;
    const auto png = dir.path() / "leg.png";
    const RunResult r = runSura("render " + quote(png.string()) + " --size 320x200 --view " +
                                std::string(viewPresetName(view)));
    CAPTURE(r.err);
    REQUIRE(r.exitCode == 0);
    const Image image = readPng(png);
    int top = image.height;
    int bottom = -1;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        if (!isBackground(image, x, y)) {
          top = std::min(top, y);
          bottom = std::max(bottom, y);
        }
      }
    }
    CHECK(top > 0);
    CHECK(bottom < image.height - 1);
    CHECK(bottom - top > image.height * 3 / 4); // the leg stands upright and fills the height
  }
}
