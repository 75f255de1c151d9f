// `sura needle`: the real executable on the bundled atlas, judged by the JSON it prints and by
// its messages for bad input.
#include "json_layers.h"
#include "run_sura.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace sura::test;
using nlohmann::json;

namespace {

json needle(const std::string& args) {
  const RunResult run = runSura("needle " + args);
  CAPTURE(args);
  CAPTURE(run.err);
  REQUIRE(run.exitCode == 0);
  CHECK(run.err.empty());
  return json::parse(run.out);
}

} // namespace

TEST_CASE("sura needle --trigger-point: in from behind to soleus_trp1, no warning, and says it "
          "is a model") {
  const json r = needle("--trigger-point soleus_trp1");
  CHECK(r.at("disclaimer").get<std::string>().find("educational model") != std::string::npos);
  CHECK(r.at("needle").at("aim") == "trigger_point");
  CHECK(r.at("needle").at("length_mm").get<double>() >=
        r.at("needle").at("inserted_mm").get<double>() + 5.0);
  const std::vector<std::string> ids = layerIds(r);
  REQUIRE(ids.size() >= 2);
  CHECK(ids.front() == "skin");
  CHECK(r.at("layers").at(0).at("name") == "Skin and subcutaneous tissue");
  CHECK(ids.back() == "soleus");
  CHECK(r.at("tip").at("structure") == "soleus");
  CHECK(r.at("target").at("trigger_point") == "soleus_trp1");
  CHECK(r.at("target").at("reached") == true);
  CHECK(r.at("warnings").empty());
  CHECK(r.at("margin_mm").get<double>() == 5.0);
  CHECK(r.at("leg") == "right");
  CHECK(r.at("nerves_and_vessels").at(0).at("distance_mm").get<double>() >= 5.0);
  CHECK(r.at("bone").at("structure").is_string());

  // A wider margin is one flag: now the nearest vein is named, and listed.
  const json wide = needle("--trigger-point soleus_trp1 --margin 20");
  REQUIRE_FALSE(wide.at("warnings").empty());
  CHECK(wide.at("warnings").at(0).at("structure") ==
        wide.at("nerves_and_vessels").at(0).at("structure"));
}

TEST_CASE("sura needle X Y: from the skin under a pixel, its full length, the skin layer only to "
          "the first structure") {
  // The back of the calf in a 640x480 posterior view (as in the pick tests).
  const json r = needle("300 200 --size 640x480 --no-ui --length 50 --gauge 0.30");
  CHECK(r.at("needle").at("aim") == "view");
  CHECK(r.at("needle").at("inserted_mm").get<double>() == 50.0);
  CHECK(r.at("needle").at("gauge_mm").get<double>() == 0.30);
  CHECK(r.at("pixel") == json::array({300, 200}));
  CHECK(r.at("entry").at("depth_mm").get<double>() == 0.0);
  const json& skin = r.at("layers").at(0);
  CHECK(skin.at("structure") == "skin");
  CHECK(skin.at("entry_mm").get<double>() == 0.0);
  CHECK(skin.at("exit_mm").get<double>() < 20.0); // not the whole envelope
  REQUIRE(r.at("layers").size() >= 2);
  CHECK(skin.at("exit_mm") == r.at("layers").at(1).at("entry_mm"));
  CHECK(r.at("tip").at("depth_mm").get<double>() == 50.0);

  const json tilted = needle("300 200 --size 640x480 --no-ui --angles 30,90");
  CHECK(tilted.at("needle").at("aim") == "angles");
  CHECK(tilted.at("needle").at("tilt_deg").get<double>() == 30.0);
  CHECK(tilted.at("needle").at("entry") == r.at("needle").at("entry"));
}

TEST_CASE("sura needle: bad input is one line naming the flag, exit 2") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--trigger-point soleus_trp1 --length 33", "--length"},
      {"--trigger-point soleus_trp1 --length x", "--length"},
      {"--trigger-point soleus_trp1 --gauge 1", "--gauge"},
      {"--trigger-point soleus_trp1 --margin 0", "--margin"},
      {"--trigger-point soleus_trp1 --margin 51", "--margin"},
      {"--trigger-point soleus_trp1 --margin abc", "--margin"},
      {"300 200 --angles 90,0", "--angles"},
      {"300 200 --angles 10", "--angles"},
      {"300 200 --angles 10,400", "--angles"},
      {"--trigger-point soleus_trp1 --angles 10,90", "--angles"},
      {"--trigger-point nowhere", "--trigger-point"},
      {"300 200 --trigger-point soleus_trp1", "--trigger-point"},
      {"", "X Y"},
      {"5000 200", "outside"},
      {"2 2 --size 640x480 --no-ui", "misses the leg"},
      {"2 400 --size 640x480", "panel"},
  };
  for (const auto& [args, named] : cases) {
    CAPTURE(args);
    const RunResult run = runSura("needle " + args);
    CHECK(run.exitCode == 2);
    CHECK(isOneErrorLine(run.err));
    CHECK(run.err.find(named) != std::string::npos);
    CHECK(run.out.empty());
  }
}
