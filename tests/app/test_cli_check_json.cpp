// `sura check --json`: the bundled atlas as loaded, trigger points placed in mm.
#include "run_sura.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

using namespace sura::test;
using nlohmann::json;

namespace {

// As many as the bundled manifest lists: every one is placed, none skipped.
std::size_t bundledTriggerPointCount() {
  return json::parse(std::ifstream(SURA_SOURCE_DIR "/meshes/atlas.json"))
      .at("trigger_points")
      .size();
}

} // namespace

TEST_CASE("check --json prints every structure and every trigger point's resolved centre") {
  const RunResult run = runSura("check --json");
  CAPTURE(run.err);
  REQUIRE(run.exitCode == 0);
  const json atlas = json::parse(run.out);
  CHECK(atlas.at("version") == 1);
  CHECK(atlas.at("frame").at("side") == "right");
  std::set<std::string> ids;
  for (const auto& s : atlas.at("structures")) {
    ids.insert(s.at("id").get<std::string>());
  }
  CHECK(ids.count("soleus") == 1);
  CHECK(ids.count("gastrocnemius") == 1);
  const auto& points = atlas.at("trigger_points").at("trigger_points");
  REQUIRE(points.size() == bundledTriggerPointCount());
  for (const auto& p : points) {
    CAPTURE(p.at("id"));
    REQUIRE(p.at("centre").size() == 3);
    for (const auto& c : p.at("centre")) {
      CHECK(c.is_number());
    }
    // The landmark terms the centre was measured back to.
    CHECK(p.at("resolved").at("t").get<double>() > 0.0);
    CHECK(p.at("resolved").at("t").get<double>() < 1.0);
    CHECK(ids.count(p.at("muscle").get<std::string>()) == 1);
  }
}

TEST_CASE("check lists the trigger points after the structures") {
  const RunResult run = runSura("check");
  REQUIRE(run.exitCode == 0);
  CHECK(run.out.find("trigger points: " + std::to_string(bundledTriggerPointCount()) +
                     " placed\n") != std::string::npos);
  CHECK(run.out.find("skipped on this atlas") == std::string::npos); // the bundled: nothing
  CHECK(run.out.find("GENERATED") == std::string::npos);
  CHECK(run.out.find("soleus_trp1") != std::string::npos);
}
