// Render regression: `sura render` of the bundled atlas from fixed views at a fixed size,
// compared pixel by pixel with reviewed baselines in tests/baselines/. A missing or
// differing baseline leaves the new picture beside it as NAME.new.png for review, and the
// test fails; it never writes a baseline itself.
#include "run_sura.h"
#include "scene/offscreen.h"

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
