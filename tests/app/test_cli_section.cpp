// `sura section` on the bundled atlas, judged by the pixels of the PNG it writes. The bundled
// model changes as it grows, so only relations that hold for any lower leg are asserted, with
// colours read from the atlas.
#include "atlas/atlas.h"
#include "meshio/load_atlas.h"
#include "run_sura.h"
#include "scene/offscreen.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

using namespace sura;
using namespace sura::test;

namespace {

Image section(const std::string& flags) {
  TempDir dir;
  const auto png = dir.path() / "section.png";
  const RunResult r = runSura("section " + quote(png.string()) + " " + flags);
  CAPTURE(flags);
  CAPTURE(r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.err.empty());
  return readPng(png);
}

glm::u8vec3 atlasColor(const std::string& id) {
  static const Atlas atlas = parseManifest(bundledAtlasDir());
  const Structure* structure = atlas.find(id);
  REQUIRE_MESSAGE(structure, id);
  const glm::vec3 c = structure->color * 255.0f + 0.5f;
  return {static_cast<std::uint8_t>(c.r), static_cast<std::uint8_t>(c.g),
          static_cast<std::uint8_t>(c.b)};
}

// Where a colour is drawn: pixels of exactly that colour (within rounding), in columns
// [x0, x1).
struct Spot {
  int count = 0;
  double x = 0, y = 0; ///< mean column and row
  int top = 0, bottom = -1;
};

Spot find(const Image& image, glm::u8vec3 color, int x0 = 0, int x1 = -1) {
  x1 = x1 < 0 ? image.width : x1;
  Spot spot;
  spot.top = image.height;
  for (int y = 0; y < image.height; ++y) {
    for (int x = x0; x < x1; ++x) {
      const glm::u8vec3 c = image.at(x, y);
      if (std::abs(c.r - color.r) <= 2 && std::abs(c.g - color.g) <= 2 &&
          std::abs(c.b - color.b) <= 2) {
        ++spot.count;
        spot.x += x;
        spot.y += y;
        spot.top = std::min(spot.top, y);
        spot.bottom = std::max(spot.bottom, y);
      }
    }
  }
  if (spot.count > 0) {
    spot.x /= spot.count;
    spot.y /= spot.count;
  }
  return spot;
}

} // namespace

TEST_CASE("a section at t 0.3: the asked size, skin, bone and muscle in their colours") {
  const Image image = section("--t 0.3 --size 900x600");
  CHECK(image.width == 900);
  CHECK(image.height == 600);
  const Spot skin = find(image, atlasColor("skin"));
  CHECK(skin.count > 1000);
  CHECK(find(image, atlasColor("tibia")).count > 100);
  CHECK(find(image, atlasColor("soleus")).count > 100);
  // The skin's cut is drawn under the muscles, not over them: it is a ring round them.
  const Spot soleus = find(image, atlasColor("soleus"));
  CHECK(skin.top < soleus.top);
  CHECK(skin.bottom > soleus.bottom);
}

TEST_CASE("without --size, one square panel per level, side by side") {
  const Image one = section("--t 0.3");
  CHECK(one.width == 720);
  CHECK(one.height == 720);
  const Image three = section("--t 0.1,0.3,0.5 --size 1500x500");
  for (int panel = 0; panel < 3; ++panel) {
    CAPTURE(panel);
    CHECK(find(three, atlasColor("skin"), panel * 500, panel * 500 + 500).count > 500);
  }
}

TEST_CASE("radiological view: anterior up, the patient's right on the left; --left mirrors") {
  // Bones share a colour: each is found alone, the other hidden.
  const glm::u8vec3 bone = atlasColor("tibia");
  for (const bool left : {false, true}) {
    CAPTURE(left);
    const std::string side = left ? " --left" : "";
    const Image tibiaAlone = section("--t 0.3 --size 600x600 --hide fibula" + side);
    const Image fibulaAlone = section("--t 0.3 --size 600x600 --hide tibia" + side);
    const Spot skin = find(tibiaAlone, atlasColor("skin"));
    const Spot tibia = find(tibiaAlone, bone);
    const Spot fibula = find(fibulaAlone, bone);
    const Spot soleus = find(tibiaAlone, atlasColor("soleus"));
    REQUIRE(skin.count > 0);
    REQUIRE(tibia.count > 0);
    REQUIRE(fibula.count > 0);
    REQUIRE(soleus.count > 0);
    const double middle = 0.5 * (skin.top + skin.bottom);
    CHECK(tibia.y < middle);  // anterior half of the section
    CHECK(soleus.y > middle); // posterior half
    // The fibula is lateral: the patient's right on a right leg, the picture's left.
    if (left) {
      CHECK(fibula.x > tibia.x);
    } else {
      CHECK(fibula.x < tibia.x);
    }
  }
}

TEST_CASE("--hide skin leaves the skin colour out; a group leaves out its children") {
  const Image noSkin = section("--t 0.3 --size 600x600 --hide skin");
  CHECK(find(noSkin, atlasColor("skin")).count == 0);
  CHECK(find(noSkin, atlasColor("soleus")).count > 100);
  const Image noHeads = section("--t 0.3 --size 600x600 --hide gastrocnemius");
  CHECK(find(noHeads, atlasColor("gastrocnemius_medial_head")).count == 0);
  CHECK(find(noHeads, atlasColor("soleus")).count > 100);
}

TEST_CASE("--z cuts at a height in mm, the same as the level it stands for") {
  const Landmarks landmarks = parseManifest(bundledAtlasDir()).landmarks;
  const double z = landmarks.kneeJointLineZ - 0.3 * landmarks.legLength;
  const Image byT = section("--t 0.3 --size 400x400");
  const Image byZ = section("--z " + std::to_string(z) + " --size 400x400");
  CHECK(find(byZ, atlasColor("soleus")).count == find(byT, atlasColor("soleus")).count);
}

TEST_CASE("below the sole nothing is cut: the panel says so, the program does not fail") {
  const Image image = section("--t 1.3 --size 400x400");
  CHECK(find(image, atlasColor("skin")).count == 0);
}

TEST_CASE("an unwritable output exits 1 naming the file") {
  TempDir dir;
  const auto png = dir.path() / "missing" / "section.png";
  const RunResult r = runSura("section " + quote(png.string()) + " --t 0.3 --size 200x200");
  CAPTURE(r.err);
  CHECK(r.exitCode == 1);
  CHECK(isOneErrorLine(r.err));
  CHECK(r.err.find(png.string()) != std::string::npos);
}

namespace {

bool samePixels(const Image& a, const Image& b) {
  return a.width == b.width && a.height == b.height && a.rgb == b.rgb;
}

} // namespace

TEST_CASE("--level is --t, and --mm below the knee joint line is --z below it") {
  static const Atlas atlas = parseManifest(bundledAtlasDir());
  const Landmarks& l = atlas.landmarks;
  char z[64], mm[64];
  // 117 mm below the knee joint line, whatever height the atlas gives that line.
  std::snprintf(z, sizeof z, "%g", l.kneeJointLineZ - 117.0);
  std::snprintf(mm, sizeof mm, "%g", 117.0);
  const Image byT = section("--t 0.3,0.5 --size 800x400");
  CHECK(samePixels(byT, section("--level 0.3,0.5 --size 800x400")));
  const Image byZ = section(std::string("--z ") + z + " --size 400x400");
  CHECK(samePixels(byZ, section(std::string("--mm ") + mm + " --size 400x400")));
  // And they cut somewhere else than each other: the comparison can fail.
  CHECK_FALSE(samePixels(byZ, section("--mm 200 --size 400x400")));
}

TEST_CASE("section takes render's visibility flags: --peel, --isolate, --hide") {
  const Image all = section("--t 0.3 --size 400x400");
  const Image peeled = section("--t 0.3 --size 400x400 --peel 1");
  const Image hidden = section("--t 0.3 --size 400x400 --hide skin");
  // Peeling the skin is hiding it.
  CHECK(samePixels(peeled, hidden));
  CHECK_FALSE(samePixels(all, peeled));
  const Image tibia = section("--t 0.3 --size 400x400 --isolate tibia");
  CHECK(find(tibia, atlasColor("tibia")).count > 50);
  CHECK(find(tibia, atlasColor("soleus")).count == 0);
}
