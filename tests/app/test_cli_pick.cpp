// `sura pick X Y`: the real executable on the bundled atlas, judged by the JSON it prints.
#include "json_layers.h"
#include "run_sura.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

using namespace sura::test;
using nlohmann::json;

namespace {

// A pixel on the back of the calf in a 640x480 posterior view: left of the centre line
// (medial, for a right leg seen from behind), 5 cm above the widest part of the calf.
constexpr int kCalfX = 300, kCalfY = 200;

// Without the panel, the 3D view is the whole 640x480 image.
json pick(const std::string& args) {
  const RunResult run = runSura("pick " + args + " --size 640x480 --no-ui");
  CAPTURE(run.err);
  REQUIRE(run.exitCode == 0);
  CHECK(run.err.empty());
  return json::parse(run.out);
}

bool isGastrocnemius(const std::string& id) {
  return id.rfind("gastrocnemius", 0) == 0;
}

// The bundled leg read as a left leg ("side": "left"), written once per test program.
const std::string& leftAtlasFlag() {
  static TempDir dir;
  static const std::string flag = [] {
    writeLeftLegAtlas(dir.path());
    return " --atlas " + quote(dir.path().string());
  }();
  return flag;
}

std::string pixel(int x, int y) {
  return std::to_string(x) + " " + std::to_string(y);
}

// The same place on the same leg: the same structures in the same order, the same point.
void checkSamePick(const json& a, const json& b) {
  CHECK(a.at("structure") == b.at("structure"));
  CHECK(layerIds(a) == layerIds(b));
  for (int i = 0; i < 3; ++i) {
    CHECK(a.at("point").at(i).get<double>() ==
          doctest::Approx(b.at("point").at(i).get<double>()).epsilon(1e-6));
  }
  CHECK(a.at("description").at("text") == b.at("description").at("text"));
}

} // namespace

TEST_CASE("pick on the back of the calf: skin, then gastrocnemius, then soleus") {
  const json result = pick(std::to_string(kCalfX) + " " + std::to_string(kCalfY));
  CHECK(result.at("structure") == "skin");
  const auto ids = layerIds(result);
  REQUIRE(ids.size() >= 3);
  CHECK(ids[0] == "skin");
  CHECK(isGastrocnemius(ids[1]));
  CHECK(std::find(ids.begin(), ids.end(), "soleus") != ids.end());
  const auto& layers = result.at("layers");
  CHECK(layers[1].at("entry_mm").get<double>() > 2.0); // some subcutis over the muscle
  const auto& description = result.at("description");
  CHECK(description.at("leg") == "right");
  CHECK(description.at("lateral_offset_mm").get<double>() < 0.0); // medial half
  CHECK(description.at("text").get<std::string>().find("below the knee joint line") !=
        std::string::npos);
  CHECK(result.at("nearest_nerve_or_vessel").is_object());
  CHECK(result.at("view") == "posterior");
  // The medial head's instep point (t 0.20-0.28, toward the medial border) is the nearest.
  CHECK(result.at("nearest_trigger_point").at("id") == "gastrocnemius_trp1");
  CHECK(result.at("nearest_trigger_point").at("distance_mm").get<double>() < 40.0);
}

TEST_CASE("pick through hidden layers: the first visible structure answers") {
  const std::string pixel = std::to_string(kCalfX) + " " + std::to_string(kCalfY);
  const json noSkin = pick(pixel + " --hide skin");
  CHECK(isGastrocnemius(noSkin.at("structure").get<std::string>()));
  const json deeper = pick(pixel + " --hide skin,gastrocnemius");
  CHECK(deeper.at("structure") == "soleus");
  // A see-through skin is looked through as well.
  CHECK(isGastrocnemius(pick(pixel + " --opacity skin=0").at("structure").get<std::string>()));
}

TEST_CASE("pick on the mirrored (left) leg answers for the mirrored pixel") {
  const json left = pick(std::to_string(639 - kCalfX) + " " + std::to_string(kCalfY) + " --left");
  CHECK(left.at("structure") == "skin");
  CHECK(isGastrocnemius(layerIds(left).at(1)));
  CHECK(left.at("description").at("leg") == "left");
  CHECK(left.at("description").at("lateral_offset_mm").get<double>() < 0.0); // still medial
  CHECK(left.at("point").at(0).get<double>() > 0.0); // a left leg's medial side is +x
}

TEST_CASE("pick beside the leg is a miss, printed with a null structure") {
  const json miss = pick("0 0");
  CHECK(miss.at("structure").is_null());
  CHECK(miss.at("layers").empty());
}

TEST_CASE("with the panel, pixels on it are the panel's and the view is right of it") {
  const RunResult onPanel = runSura("pick 10 240 --size 1280x800");
  REQUIRE(onPanel.exitCode == 0);
  const json panel = json::parse(onPanel.out);
  CHECK(panel.at("on_panel") == true);
  CHECK(panel.at("structure").is_null());
  // The leg stands in the middle of the 3D view, which starts where the panel ends.
  const RunResult beside = runSura("pick 1270 400 --size 1280x800");
  REQUIRE(beside.exitCode == 0);
  CHECK(json::parse(beside.out).at("structure").is_null());
  bool hitSomewhere = false;
  for (int x = 700; x <= 1100 && !hitSomewhere; x += 25) {
    const RunResult run = runSura("pick " + std::to_string(x) + " 400 --size 1280x800");
    REQUIRE(run.exitCode == 0);
    const json result = json::parse(run.out);
    CHECK(result.at("on_panel") == false);
    hitSomewhere = result.at("structure") == "skin";
  }
  CHECK(hitSomewhere);
}

TEST_CASE("pick outside the image, or without a pixel, is bad usage") {
  const RunResult outside = runSura("pick 640 10 --size 640x480");
  CHECK(outside.exitCode == 2);
  CHECK(isOneErrorLine(outside.err));
  CHECK(outside.err.find("outside the 640x480 image") != std::string::npos);
  const RunResult missing = runSura("pick 10");
  CHECK(missing.exitCode == 2);
  CHECK(isOneErrorLine(missing.err));
}

TEST_CASE("pick on a left-leg atlas: the leg reported is the leg shown, everywhere") {
  // Shown as it is: a left leg. From behind, the picture's left is its lateral side (-x).
  const json own = pick(pixel(kCalfX, kCalfY) + leftAtlasFlag());
  CHECK(own.at("leg") == "left");
  CHECK(own.at("description").at("leg") == "left");
  CHECK(own.at("structure") == "skin");
  CHECK(own.at("description").at("lateral_offset_mm").get<double>() > 0.0);
  CHECK(own.at("point").at(0).get<double>() < 0.0);
  // The bundled right leg's mirror, drawn where the bundled atlas draws its --left leg.
  checkSamePick(own, pick(pixel(kCalfX, kCalfY) + " --left"));

  // --left asks for the leg the atlas holds: nothing changes.
  const RunResult plain =
      runSura("pick " + pixel(kCalfX, kCalfY) + " --size 640x480 --no-ui" + leftAtlasFlag());
  const RunResult left = runSura("pick " + pixel(kCalfX, kCalfY) + " --size 640x480 --no-ui" +
                                 leftAtlasFlag() + " --left");
  REQUIRE(plain.exitCode == 0);
  REQUIRE(left.exitCode == 0);
  CHECK(left.out == plain.out);

  // --right mirrors it into a right leg, reported as one: the bundled leg's own picture.
  const json right = pick(pixel(kCalfX, kCalfY) + leftAtlasFlag() + " --right");
  CHECK(right.at("leg") == "right");
  CHECK(right.at("description").at("leg") == "right");
  CHECK(right.at("description").at("lateral_offset_mm").get<double>() < 0.0); // medial
  CHECK(right.at("point").at(0).get<double>() < 0.0); // as drawn: medial of a right leg
  checkSamePick(right, pick(pixel(kCalfX, kCalfY)));
}

TEST_CASE("pick's leg and description.leg agree for every leg on every atlas") {
  for (const std::string& atlas : {std::string(), leftAtlasFlag()}) {
    for (const char* flag : {"", " --left", " --right"}) {
      CAPTURE(atlas);
      CAPTURE(flag);
      const json result = pick(pixel(kCalfX, kCalfY) + atlas + flag);
      REQUIRE(result.at("description").is_object());
      CHECK(result.at("leg") == result.at("description").at("leg"));
      const std::string expected = std::string(flag) == " --right"                    ? "right"
                                   : std::string(flag) == " --left" || !atlas.empty() ? "left"
                                                                                      : "right";
      CHECK(result.at("leg") == expected);
    }
  }
}
