// Render regression: `sura render` of the bundled atlas from fixed views at a fixed size,
// compared pixel by pixel with reviewed baselines in tests/baselines/. A missing or
// differing baseline leaves the new picture beside it as NAME.new.png for review, and the
// test fails; it never writes a baseline itself.
#include "app/render_frame.h"
#include "app/viewer.h"
#include "meshio/load_atlas.h"
#include "run_sura.h"
#include "scene/offscreen.h"
#include "ui/label_overlay.h"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace sura;
using namespace sura::test;

namespace {

// A pixel differs when a channel is off by more than this (0..255): rounding, dithering and
// another Mesa version move edges by a level or two, a wrong layer by far more.
constexpr int kChannelTolerance = 40;
// Share of differing pixels a picture may have: antialiased silhouettes may shift by a
// pixel; a missing structure or a moved camera changes several percent.
constexpr double kMaxDifferingShare = 0.004;

struct Comparison {
  bool sameSize = false;
  double differingShare = 1.0;
};

Comparison compare(const Image& a, const Image& b) {
  Comparison result;
  result.sameSize = a.width == b.width && a.height == b.height;
  if (!result.sameSize) {
    return result;
  }
  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.rgb.size(); i += 3) {
    for (std::size_t c = 0; c < 3; ++c) {
      if (std::abs(int(a.rgb[i + c]) - int(b.rgb[i + c])) > kChannelTolerance) {
        ++differing;
        break;
      }
    }
  }
  result.differingShare = static_cast<double>(differing) / static_cast<double>(a.rgb.size() / 3);
  return result;
}

void checkAgainstBaseline(const std::string& name, const std::string& flags) {
  CAPTURE(name);
  const std::filesystem::path baselines = SURA_BASELINE_DIR;
  const std::filesystem::path baseline = baselines / (name + ".png");
  const std::filesystem::path fresh = baselines / (name + ".new.png");
  TempDir dir;
  const auto png = dir.path() / "frame.png";
  const RunResult r = runSura("render " + quote(png.string()) + " " + flags);
  CAPTURE(r.err);
  REQUIRE(r.exitCode == 0);
  const Image image = readPng(png);
  if (!std::filesystem::exists(baseline)) {
    std::filesystem::copy_file(png, fresh, std::filesystem::copy_options::overwrite_existing);
    FAIL("no baseline " << baseline << "; review " << fresh << " and rename it to accept it");
  }
  const Comparison result = compare(image, readPng(baseline));
  CAPTURE(result.differingShare);
  if (!result.sameSize || result.differingShare > kMaxDifferingShare) {
    std::filesystem::copy_file(png, fresh, std::filesystem::copy_options::overwrite_existing);
    FAIL("differs from " << baseline << "; the new picture is " << fresh);
  }
  std::filesystem::remove(fresh); // a stale picture from an earlier failure
}

} // namespace

TEST_CASE("posterior view, skin shown") {
  checkAgainstBaseline("posterior", "--size 640x480 --no-ui --view posterior");
}

TEST_CASE("posterior view, skin hidden: the calf muscles") {
  checkAgainstBaseline("posterior-no-skin", "--size 640x480 --no-ui --view posterior --hide skin");
}

TEST_CASE("lateral view, skin shown") {
  checkAgainstBaseline("lateral", "--size 640x480 --no-ui --view lateral");
}

TEST_CASE("oblique view, skin hidden") {
  checkAgainstBaseline("oblique-no-skin", "--size 640x480 --no-ui --view oblique --hide skin");
}

TEST_CASE("the viewer with its panel: oblique view, skin at 30 %, soleus selected") {
  checkAgainstBaseline("panel-oblique", "--size 800x500 --ui-scale 0.75 --view oblique "
                                        "--opacity skin=0.3 --select soleus");
}

TEST_CASE("the viewer with its panel: two layers peeled, left leg, lateral view") {
  checkAgainstBaseline("panel-peeled-left",
                       "--size 800x500 --ui-scale 0.75 --view lateral --left --peel 2");
}

TEST_CASE("the viewer after a click on the lateral head: bead, glow, tooltip and its card") {
  checkAgainstBaseline("panel-click-lateral-head",
                       "--size 800x500 --ui-scale 0.75 --opacity skin=0.3 --trigger-points all "
                       "--click 595,200");
}

TEST_CASE("posterior view, all trigger points: a target on the skin over each") {
  checkAgainstBaseline("posterior-trigger-points",
                       "--size 640x480 --no-ui --view posterior --trigger-points all");
}

TEST_CASE("posterior view, skin hidden, all trigger points painted on their muscles") {
  checkAgainstBaseline("posterior-trigger-points-no-skin",
                       "--size 640x480 --no-ui --view posterior --hide skin --trigger-points all");
}

TEST_CASE("soleus_trp1 in focus: framed from behind, its halo, its referred zone on the heel") {
  checkAgainstBaseline("focus-soleus-trp1", "--size 640x480 --no-ui --focus soleus_trp1");
}

// The safety map, from behind and from the medial side: the danger (vermilion) over the
// popliteal fossa, along the tibial nerve and posterior tibial vessels, round the fibular neck
// and beside the Achilles tendon; its legend in the corner.
TEST_CASE("safety map, posterior") {
  checkAgainstBaseline("safety-map-posterior",
                       "--size 640x480 --no-ui --view posterior --safety-map");
}

TEST_CASE("safety map, medial") {
  checkAgainstBaseline("safety-map-medial", "--size 640x480 --no-ui --view medial --safety-map");
}

// The leg cut across at mid-calf, seen obliquely from above: the part above removed, the cut
// capped in each structure's colour, the inset with the section, its labels and thicknesses.
TEST_CASE("section at t 0.3, oblique, with the panel") {
  checkAgainstBaseline("section-oblique", "--size 1280x800 --view oblique --section 0.3");
}

TEST_CASE("a needle in soleus_trp1, the point in focus: the shaft through the skin seen through") {
  checkAgainstBaseline("needle-soleus-trp1",
                       "--size 640x480 --no-ui --focus soleus_trp1 --needle soleus_trp1");
}

TEST_CASE("the viewer with a needle in gastrocnemius_trp1: its tab with the readout") {
  checkAgainstBaseline("panel-needle-gastrocnemius-trp1",
                       "--size 800x500 --ui-scale 0.75 --focus gastrocnemius_trp1 "
                       "--needle gastrocnemius_trp1");
}

// Labels with leader lines from behind, English and Latin, over the calf without its skin,
// beside the panel.
constexpr const char* kLabelledSize = "800x560";
constexpr const char* kLabelledFlags = "--ui-scale 0.75 --view posterior --peel 1 --labels both";

TEST_CASE("labels, posterior, English and Latin, beside the panel") {
  checkAgainstBaseline("labels-posterior-both",
                       std::string("--size ") + kLabelledSize + " " + kLabelledFlags);
}

// The baseline's frame made again in this process, as `sura render` makes it (the same state,
// a hidden viewer, a settled frame, the capture), so that the labels it drew can be checked
// where they are: the picture is the baseline's, and in it no label overlaps another, the
// panel, or the part it names, and each is drawn where the layout put it.
TEST_CASE("labels in the posterior baseline overlap neither each other nor the panel") {
  RenderOptions options;
  options.size = {800, 560};
  options.uiScale = 0.75f;
  options.view = ViewPreset::Posterior;
  options.peel = 1;
  options.labels = LabelLanguage::Both;
  const LoadedAtlas loaded = loadAtlas(bundledAtlasDir());
  ViewerOptions viewerOptions;
  viewerOptions.width = options.size.width;
  viewerOptions.height = options.size.height;
  viewerOptions.visible = false;
  Viewer viewer(loaded, stateFor(options, loaded.atlas), viewerOptions);
  viewer.settle();
  const Image image = viewer.capture();

  const std::filesystem::path baseline =
      std::filesystem::path(SURA_BASELINE_DIR) / "labels-posterior-both.png";
  REQUIRE(std::filesystem::exists(baseline));
  const Comparison same = compare(image, readPng(baseline));
  CAPTURE(same.differingShare);
  REQUIRE(same.sameSize);
  REQUIRE(same.differingShare <= kMaxDifferingShare);

  const std::vector<ViewLabel>& labels = viewer.labels();
  REQUIRE(labels.size() >= 6); // the calf's parts, each named
  const double panel = viewer.panelPixels();
  REQUIRE(panel > 100.0);
  int white = 0;
  int inside = 0;
  int latin = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const Box& box = labels[i].placement.box;
    CAPTURE(labels[i].id);
    latin += labels[i].lines.size() > labels[i].firstLines ? 1 : 0; // English over Latin
    CHECK(box.x0 >= panel);
    CHECK(box.x1 <= image.width);
    CHECK(box.y0 >= 0.0);
    CHECK(box.y1 <= image.height);
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      CAPTURE(labels[j].id);
      CHECK_FALSE(box.overlaps(labels[j].placement.box));
    }
    // The box is drawn where it was laid out: its fill shows between the words.
    for (int y = static_cast<int>(box.y0) + 2; y < static_cast<int>(box.y1) - 2; ++y) {
      for (int x = static_cast<int>(box.x0) + 2; x < static_cast<int>(box.x1) - 2; ++x) {
        const std::size_t at = (static_cast<std::size_t>(y) * image.width + x) * 3;
        white += image.rgb[at] == ui::kLabelFill[0] && image.rgb[at + 1] == ui::kLabelFill[1] &&
                         image.rgb[at + 2] == ui::kLabelFill[2]
                     ? 1
                     : 0;
        ++inside;
      }
    }
  }
  CHECK(white > inside / 2);
  CHECK(latin >= 6); // the bones named the same in both languages have one name
}
