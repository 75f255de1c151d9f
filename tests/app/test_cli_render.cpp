// `sura render` on the fixture atlas, judged by the pixels of the PNG it writes.
#include "app/pick_pixel.h"
#include "app/render_frame.h"
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "pixels.h"
#include "run_sura.h"
#include "state/app_state.h"

#include <glm/trigonometric.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

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

// `sura render` of an atlas folder, no panel, small.
Image renderAtlas(const std::string& atlasFlag, const std::string& flags) {
  TempDir out;
  const auto png = out.path() / "frame.png";
  const RunResult run =
      runSura("render " + quote(png.string()) + " --size 320x240 --no-ui" + atlasFlag + flags);
  CAPTURE(run.err);
  REQUIRE(run.exitCode == 0);
  return readPng(png);
}

// Pixels that are leg in one picture and background in the other, `b` read mirrored left to
// right when asked: the share of the picture where the two silhouettes disagree.
double silhouetteMismatch(const Image& a, const Image& b, bool mirrored) {
  REQUIRE(a.width == b.width);
  REQUIRE(a.height == b.height);
  int differ = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      differ += isBackground(a, x, y) != isBackground(b, mirrored ? a.width - 1 - x : x, y);
    }
  }
  return double(differ) / (a.width * a.height);
}

int legPixels(const Image& image) {
  int count = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      count += !isBackground(image, x, y);
    }
  }
  return count;
}

glm::u8vec3 centre(const Image& image) {
  return image.at(image.width / 2, image.height / 2);
}

} // namespace

// The scene tests pass --no-ui: the panel would cover the left of the picture.
TEST_CASE("default render without the panel: 1280x800, posterior, the red cube in the centre") {
  const Image image = render("--no-ui").image;
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
  const Image image = render("--size 320x200 --hide soleus --no-ui").image;
  CHECK(isBackground(image, image.width / 2, image.height / 2));
  CHECK(countPixels(image, 0, image.width, isReddish) == 0);
}

TEST_CASE("--hide of the grouping node hides both heads") {
  const Image image = render("--size 320x200 --hide gastrocnemius --no-ui").image;
  CHECK(countPixels(image, 0, image.width, isBluish) == 0);
  CHECK(countPixels(image, 0, image.width, isGreenish) == 0);
  CHECK(isReddish(centre(image)));
}

TEST_CASE("--left flips the asymmetric fixture") {
  const Image image = render("--size 320x200 --left --no-ui").image;
  CHECK(countPixels(image, 0, image.width / 2, isBluish) > 50);
  CHECK(countPixels(image, image.width / 2, image.width, isBluish) == 0);
}

TEST_CASE("--opacity lets the background show through") {
  const glm::u8vec3 opaque = centre(render("--size 320x200 --no-ui").image);
  const glm::u8vec3 faded = centre(render("--size 320x200 --opacity soleus=0.3 --no-ui").image);
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
    const RunResult r =
        runSura("render " + quote(png.string()) + " --size 320x200 --no-ui --view " +
                std::string(viewPresetName(view)));
    CAPTURE(r.err);
    REQUIRE(r.exitCode == 0);
    const Image image = readPng(png);
    const auto [top, bottom] = drawnRows(image);
    CHECK(top > 0);
    CHECK(bottom < image.height - 1);
    CHECK(bottom - top > image.height * 3 / 4); // the leg stands upright and fills the height
  }
}

// The panel: a dark, opaque column along the left edge, full height, with light text.
namespace {

bool isPanelDark(glm::u8vec3 c) {
  return c.r < 60 && c.g < 60 && c.b < 70;
}

// Columns that are mostly panel background, from the left edge: buttons and text cover
// parts of a column, the 3D view's light background none of it.
int panelWidth(const Image& image) {
  int x = 3; // past the window's thin light border
  if (countPixels(image, x, x + 1, isPanelDark) <= image.height / 4) {
    return 0;
  }
  while (x < image.width && countPixels(image, x, x + 1, isPanelDark) > image.height / 4) {
    ++x;
  }
  return x;
}

} // namespace

TEST_CASE("render draws the panel by default, as the viewer shows it; --no-ui leaves it out") {
  const Image withUi = render("--size 800x500").image;
  const int width = panelWidth(withUi);
  CHECK(width > 200);
  CHECK(width <= 400);
  // Light text on the dark panel near its top: the title.
  CHECK(countPixels(withUi, 0, width, [](glm::u8vec3 c) { return c.r > 200 && c.g > 200; }) > 200);
  // The cube is framed in the part right of the panel, not under it.
  CHECK(countPixels(withUi, width, withUi.width, isReddish) > 1000);

  const Image noUi = render("--size 800x500 --no-ui").image;
  CHECK(panelWidth(noUi) == 0);
  CHECK(isBackground(noUi, 0, noUi.height - 2));
}

TEST_CASE("--ui-scale makes the panel wider, --peel takes the outermost layer off") {
  const int small = panelWidth(render("--size 1200x500 --ui-scale 0.6").image);
  const int large = panelWidth(render("--size 1200x500 --ui-scale 1.2").image);
  CHECK(large > small * 3 / 2);
  // The fixture's heads are layer 1, the cube layer 2: one peel leaves the cube alone.
  const Image peeled = render("--size 320x200 --no-ui --peel 1").image;
  CHECK(countPixels(peeled, 0, peeled.width, isBluish) == 0);
  CHECK(countPixels(peeled, 0, peeled.width, isGreenish) == 0);
  CHECK(isReddish(centre(peeled)));
  const Image isolated = render("--size 320x200 --no-ui --isolate soleus").image;
  CHECK(countPixels(isolated, 0, isolated.width, isBluish) == 0);
  CHECK(isReddish(centre(isolated)));
}

TEST_CASE("sura pick answers for the pixels sura render draws, panel included") {
  TempDir dir;
  const auto png = dir.path() / "leg.png";
  const RunResult run = runSura("render " + quote(png.string()) + " --size 960x600");
  REQUIRE(run.exitCode == 0);
  const Image image = readPng(png);
  auto structureAt = [](int x, int y) {
    const RunResult pick =
        runSura("pick " + std::to_string(x) + " " + std::to_string(y) + " --size 960x600");
    REQUIRE(pick.exitCode == 0);
    const auto structure = nlohmann::json::parse(pick.out).at("structure");
    return structure.is_null() ? std::string() : structure.get<std::string>();
  };
  for (const int y : {150, 300, 450}) {
    CAPTURE(y);
    // The leg's silhouette on this row, right of the panel (the background's right edge).
    int right = image.width - 1;
    while (right > 0 && isBackground(image, right, y)) {
      --right;
    }
    int left = right;
    while (left > 0 && !isBackground(image, left - 1, y)) {
      --left;
    }
    REQUIRE(right - left > 20);
    CHECK(structureAt(left + 4, y) == "skin");
    CHECK(structureAt(right - 4, y) == "skin");
    CHECK(structureAt(right + 4, y).empty());
  }
}

// The clinical layer on the bundled atlas: trigger points, their focus and referred zones.
namespace {

Image renderBundled(const std::string& flags) {
  TempDir dir;
  const auto png = dir.path() / "leg.png";
  const RunResult r = runSura("render " + quote(png.string()) + " --no-ui " + flags);
  CAPTURE(flags);
  CAPTURE(r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.err.empty());
  return readPng(png);
}

bool isCyan(glm::u8vec3 c) {
  return c.g > 110 && c.b > 110 && c.r + 60 < c.g;
}

bool isWarmGlow(glm::u8vec3 c) {
  return c.r > 200 && c.g > 150 && c.b + 80 < c.g;
}

// The referred-pain zones' deep indigo (shaders/referred_zone.glsl), lit: blue well above
// green and red; not the trigger points' cyan (green as high as blue) nor the background.
bool isZoneIndigo(glm::u8vec3 c) {
  return c.b > 90 && c.b > c.g + 60 && c.b > c.r + 30;
}

} // namespace

TEST_CASE("--trigger-points all paints the points cyan on the muscles; a list shows fewer") {
  const std::string muscles = "--size 400x400 --hide skin ";
  const int none = countPixels(renderBundled(muscles), 0, 400, isCyan);
  const int all = countPixels(renderBundled(muscles + "--trigger-points all"), 0, 400, isCyan);
  const int two =
      countPixels(renderBundled(muscles + "--trigger-points gastrocnemius_trp1,gastrocnemius_trp2"),
                  0, 400, isCyan);
  CHECK(none == 0);
  CHECK(two > 20);
  CHECK(all > two + 20);
  // Under the opaque skin every point still shows: a target over it.
  CHECK(countPixels(renderBundled("--size 400x400 --trigger-points all"), 0, 400, isCyan) > 20);
}

TEST_CASE("--referred paints the point's zones indigo on the skin") {
  const int plain = countPixels(renderBundled("--size 400x400"), 0, 400, isZoneIndigo);
  const int heel =
      countPixels(renderBundled("--size 400x400 --referred soleus_trp1"), 0, 400, isZoneIndigo);
  CHECK(plain == 0);
  CHECK(heel > 100);
}

TEST_CASE("--focus highlights the point in the middle of the view and paints its zones") {
  const Image image = renderBundled("--size 480x360 --focus soleus_trp1");
  // The halo around the point, in the middle of the picture.
  CHECK(countPixels(image, 200, 280, isWarmGlow) > 30);
  int glowOutsideMiddle = countPixels(image, 0, 160, isWarmGlow);
  glowOutsideMiddle += countPixels(image, 320, 480, isWarmGlow);
  CHECK(glowOutsideMiddle == 0);
  CHECK(countPixels(image, 0, 480, isZoneIndigo) > 100); // the heel zone
  // A close-up, not the whole leg: the leg runs out of the top of the picture (in the preset
  // view it stands inside it).
  CHECK(drawnRows(image).first == 0);
  CHECK(drawnRows(renderBundled("--size 480x360")).first > 0);
}

TEST_CASE("a bad trigger point id is a usage error naming the flag and the id") {
  for (const std::string flag : {"--trigger-points", "--referred", "--focus"}) {
    CAPTURE(flag);
    TempDir dir;
    const RunResult r =
        runSura("render " + quote((dir.path() / "x.png").string()) + " " + flag + " nope_trp");
    CAPTURE(r.err);
    CHECK(r.exitCode == 2);
    CHECK(isOneErrorLine(r.err));
    CHECK(r.err.find(flag + ":") != std::string::npos);
    CHECK(r.err.find("nope_trp") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "x.png"));
  }
  TempDir dir;
  const RunResult mixed = runSura("render " + quote((dir.path() / "x.png").string()) +
                                  " --trigger-points soleus_trp1,nope_trp");
  CHECK(mixed.exitCode == 2);
  CHECK(mixed.err.find("nope_trp") != std::string::npos);
}

TEST_CASE("sura pick follows a focused trigger point's framing, as sura render does") {
  // Where `sura render` draws the point's target (cyan), `sura pick` finds the point: the
  // ray runs through it, under the skin and into the soleus.
  const Image image = renderBundled("--size 640x480 --focus soleus_trp1");
  glm::dvec2 sum{0.0};
  int count = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      if (isCyan(image.at(x, y))) {
        sum += glm::dvec2(x, y);
        ++count;
      }
    }
  }
  REQUIRE(count > 20);
  const glm::ivec2 target(sum / double(count));
  const RunResult pick =
      runSura("pick " + std::to_string(target.x) + " " + std::to_string(target.y) +
              " --size 640x480 --no-ui --focus soleus_trp1");
  REQUIRE(pick.exitCode == 0);
  const nlohmann::json result = nlohmann::json::parse(pick.out);
  CHECK(result.at("structure") == "skin");
  CHECK(result.at("nearest_trigger_point").at("id") == "soleus_trp1");
  // Within the spot (radius 12 mm), allowing for the target's centre found from its pixels.
  CHECK(result.at("nearest_trigger_point").at("ray_distance_mm").get<double>() < 5.0);
  bool crossesSoleus = false;
  for (const auto& layer : result.at("layers")) {
    crossesSoleus = crossesSoleus || layer.at("structure") == "soleus";
  }
  CHECK(crossesSoleus);

  const RunResult bad = runSura("pick 320 240 --focus soleus_trp9");
  CHECK(bad.exitCode == 2);
  CHECK(bad.err.find("--focus") != std::string::npos);
}

TEST_CASE("a left-leg atlas is drawn as a left leg; --left keeps it, --right mirrors it") {
  TempDir left;
  writeLeftLegAtlas(left.path());
  const std::string atlas = " --atlas " + quote(left.path().string());
  for (const char* view : {" --view posterior", " --view lateral"}) {
    CAPTURE(view);
    const Image own = renderAtlas(atlas, view);
    const Image bundledRight = renderAtlas("", view);
    REQUIRE(legPixels(own) > 2000);
    // The bundled right leg's mirror: its --left picture, and its own picture mirrored (the
    // lateral preset looks at the lateral side of the leg shown, whichever the atlas holds).
    CHECK(silhouetteMismatch(own, renderAtlas("", std::string(view) + " --left"), false) < 0.002);
    CHECK(silhouetteMismatch(own, bundledRight, true) < 0.01);
    // --left asks for the leg the atlas holds: the very same picture.
    const Image asked = renderAtlas(atlas, std::string(view) + " --left");
    CHECK(asked.rgb == own.rgb);
    // --right mirrors it: the bundled right leg's own picture.
    const Image right = renderAtlas(atlas, std::string(view) + " --right");
    CHECK(silhouetteMismatch(right, bundledRight, false) < 0.002);
  }
}

// A scene file written as a teacher would, by hand, into `dir`.
static std::string writeSceneFile(const TempDir& dir, const std::string& name,
                                  const std::string& json) {
  const auto file = dir.path() / name;
  std::ofstream(file) << json;
  return file.string();
}

TEST_CASE("render --scene shows a saved scene exactly as the same flags would") {
  TempDir dir;
  const std::string scene =
      writeSceneFile(dir, "calf.json",
                     R"({"format": "sura-scene", "version": 1, "view": {"preset": "lateral"},
          "layers": {"hidden": ["skin"], "opacity": {"soleus": 0.5}},
          "trigger_points": {"shown": ["soleus_trp2"]}})");
  const Image fromScene = renderBundled("--size 320x240 --scene " + quote(scene));
  const Image fromFlags = renderBundled("--size 320x240 --view lateral --hide skin --opacity "
                                        "soleus=0.5 --trigger-points soleus_trp2");
  REQUIRE(fromScene.rgb.size() == fromFlags.rgb.size());
  CHECK(fromScene.rgb == fromFlags.rgb);
  // The skin is hidden, so muscle shows where the skin would be.
  CHECK(legPixels(fromScene) > 0);
}

TEST_CASE("render --scene puts a saved camera where it stood") {
  TempDir dir;
  // A camera far beyond the lateral preset's: the leg small on screen.
  const std::string near = writeSceneFile(
      dir, "near.json", R"({"format": "sura-scene", "version": 1, "view": {"preset": "lateral"}})");
  const std::string far = writeSceneFile(dir, "far.json", R"({"format": "sura-scene", "version": 1,
          "view": {"preset": "lateral", "at_preset": false,
                   "camera": {"position": [6000, -20, -150], "focal_point": [0, -20, -150],
                              "view_up": [0, 0, 1]}}})");
  const int nearPixels = legPixels(renderBundled("--size 320x240 --scene " + quote(near)));
  const int farPixels = legPixels(renderBundled("--size 320x240 --scene " + quote(far)));
  MESSAGE("leg pixels: preset " << nearPixels << ", camera 6 m away " << farPixels);
  CHECK(farPixels > 0);
  CHECK(farPixels < nearPixels / 4);
}

TEST_CASE("render --scene refuses flags that set the state, and bad scene files, in one line") {
  TempDir dir;
  const std::string ok =
      writeSceneFile(dir, "ok.json", R"({"format": "sura-scene", "version": 1})");
  const RunResult both = runSura("render " + quote((dir.path() / "x.png").string()) + " --scene " +
                                 quote(ok) + " --view medial");
  CHECK(both.exitCode == 2);
  CHECK(both.err.find("--scene") != std::string::npos);
  CHECK(both.err.find("--view") != std::string::npos);
  for (const std::string flag :
       {"--needle soleus_trp1", "--safety-map", "--section 0.3", "--section-mm 100"}) {
    CAPTURE(flag);
    const RunResult r = runSura("render " + quote((dir.path() / "x.png").string()) + " --scene " +
                                quote(ok) + " " + flag);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--scene") != std::string::npos);
    CHECK(r.err.find(flag.substr(0, flag.find(' '))) != std::string::npos);
  }

  const std::string newer =
      writeSceneFile(dir, "newer.json", R"({"format": "sura-scene", "version": 99})");
  const RunResult refused =
      runSura("render " + quote((dir.path() / "y.png").string()) + " --scene " + quote(newer));
  CHECK(refused.exitCode == 1);
  CHECK(refused.err.find("newer.json: version") != std::string::npos);
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "y.png"));

  const std::string unknown = writeSceneFile(
      dir, "unknown.json",
      R"({"format": "sura-scene", "version": 1, "layers": {"hidden": ["no_such_part"]}})");
  const RunResult badId =
      runSura("render " + quote((dir.path() / "z.png").string()) + " --scene " + quote(unknown));
  CHECK(badId.exitCode == 1);
  CHECK(badId.err.find("unknown.json: layers.hidden") != std::string::npos);
  CHECK(badId.err.find("no_such_part") != std::string::npos);
}

namespace {

// Where a world point shows in an image of `camera` (x right, y down, pixels): pixelRay the
// other way round.
glm::dvec2 project(const CameraView& camera, const glm::dvec3& point) {
  const glm::dvec3 forward = glm::normalize(camera.focalPoint - camera.position);
  const glm::dvec3 right = glm::normalize(glm::cross(forward, camera.viewUp));
  const glm::dvec3 up = glm::cross(right, forward);
  const glm::dvec3 d = point - camera.position;
  const double depth = glm::dot(d, forward);
  const double t = std::tan(glm::radians(camera.viewAngleDeg) / 2.0);
  const double aspect = camera.viewportWidth / camera.viewportHeight;
  const double ndcX = glm::dot(d, right) / depth / (t * aspect);
  const double ndcY = glm::dot(d, up) / depth / t;
  return {(ndcX + 1.0) / 2.0 * camera.viewportWidth, (1.0 - ndcY) / 2.0 * camera.viewportHeight};
}

// The tip's mark (kNeedleTipColor, lit: brighter or darker, orange all the same): red high,
// green about half of it, blue low.
bool isNeedleTip(glm::u8vec3 c) {
  return c.r > 150 && c.g > 0.3 * c.r && c.g < 0.75 * c.r && c.b < 80;
}

bool isNeedleShaft(glm::u8vec3 c) {
  return c.r < 70 && c.g < 70 && c.b < 80;
}

int countNear(const Image& image, glm::dvec2 at, double radius, bool (*predicate)(glm::u8vec3)) {
  int n = 0;
  for (int y = std::max(0, int(at.y - radius)); y < std::min(image.height, int(at.y + radius));
       ++y) {
    for (int x = std::max(0, int(at.x - radius)); x < std::min(image.width, int(at.x + radius));
         ++x) {
      n += predicate(image.at(x, y)) ? 1 : 0;
    }
  }
  return n;
}

} // namespace

TEST_CASE("render --needle soleus_trp1: the needle as `sura needle` places it, its tip marked "
          "where the tip projects") {
  const RunResult placed = runSura("needle --trigger-point soleus_trp1");
  REQUIRE(placed.exitCode == 0);
  const nlohmann::json needle = nlohmann::json::parse(placed.out);
  const auto tipJson = needle.at("needle").at("tip");
  const glm::dvec3 tip{tipJson[0].get<double>(), tipJson[1].get<double>(),
                       tipJson[2].get<double>()};
  const auto entryJson = needle.at("needle").at("entry");
  const glm::dvec3 entry{entryJson[0].get<double>(), entryJson[1].get<double>(),
                         entryJson[2].get<double>()};

  const auto renderBundled = [](const std::string& flags) {
    TempDir out;
    const auto png = out.path() / "frame.png";
    const RunResult run =
        runSura("render " + quote(png.string()) + " --size 640x480 --no-ui" + flags);
    CAPTURE(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.err.empty());
    return readPng(png);
  };
  // From the medial side: the needle goes in from behind, across the view (from behind, its
  // handle would hide it end-on).
  const Image with = renderBundled(" --view medial --needle soleus_trp1");
  const Image without = renderBundled(" --view medial");
  const LoadedAtlas loaded = loadAtlas(bundledAtlasDir());
  const Clinical clinical = resolveClinical(loaded.atlas, loaded.meshes);
  RenderOptions options;
  options.size = {640, 480};
  options.showUi = false;
  options.view = ViewPreset::Medial;
  const CameraView camera =
      presetCamera(loaded, clinical, stateFor(options, loaded.atlas), options.size);
  const glm::dvec2 tipPixel = project(camera, tip);
  const glm::dvec2 entryPixel = project(camera, entry);
  CAPTURE(tipPixel.x);
  CAPTURE(tipPixel.y);
  // The tip's mark where the tip is, and nowhere near it without the needle.
  CHECK(countNear(with, tipPixel, 8, isNeedleTip) >= 10);
  CHECK(countNear(without, tipPixel, 8, isNeedleTip) == 0);
  // The dark shaft between the entry and the tip, through the skin seen through.
  const glm::dvec2 middle = (tipPixel + entryPixel) / 2.0;
  CHECK(countNear(with, middle, 4, isNeedleShaft) >= 3);
  CHECK(countNear(without, middle, 4, isNeedleShaft) == 0);
}

TEST_CASE("render --needle: bad places and the needle's flags without it say so in one line") {
  TempDir dir;
  const std::string out = quote((dir.path() / "n.png").string());
  for (const auto& [flags, named] : std::vector<std::pair<std::string, std::string>>{
           {"--needle nowhere_trp9", "nowhere_trp9"},
           {"--needle 5000,10", "--needle"},
           {"--needle 3,x", "--needle"},
           {"--needle 10,10 --no-ui", "misses the leg"},
           {"--needle soleus_trp1 --angles 10,90", "--angles"},
           {"--needle soleus_trp1 --length 33", "--length"},
           {"--length 40", "--length"},
           {"--margin 10", "--margin"}}) {
    CAPTURE(flags);
    const RunResult run = runSura("render " + out + " " + flags);
    CAPTURE(run.err);
    CHECK(run.exitCode == 2);
    CHECK(isOneErrorLine(run.err));
    CHECK(run.err.find(named) != std::string::npos);
  }
}
