// Hand-made atlases of boxes, where every depth, offset and distance can be worked out on paper.
#include "picking/pick_json.h"
#include "picking/picker.h"
#include "synthetic_meshes.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <string>

using namespace sura;
using namespace sura::testmesh;

namespace {

/// Skin: 100 x 100 mm from the knee joint line (z = 0) down to z = -400. Inside it, a muscle
/// whose back is 10 mm under the skin, a bone, and a nerve and an artery either side.
struct BoxLeg {
  Atlas atlas;
  std::map<std::string, TriangleMesh> meshes;
};

BoxLeg boxLeg() {
  BoxLeg leg;
  leg.atlas =
      atlasOf({structure("skin", "Skin", "skin"), structure("muscle", "Muscle", "muscles"),
               structure("bone", "Bone", "bones"), structure("nerve", "Nerve", "nerves_vessels"),
               structure("artery", "Artery", "nerves_vessels")});
  leg.meshes["skin"] = box({-50, -50, -400}, {50, 50, 0});
  leg.meshes["muscle"] = box({-30, -40, -300}, {30, -10, -50});
  leg.meshes["bone"] = box({-20, 0, -390}, {10, 20, -10});
  leg.meshes["nerve"] = box({24, -5, -390}, {26, 5, -10});
  leg.meshes["artery"] = box({-45, 30, -390}, {-43, 32, -10});
  return leg;
}

/// The same meshes with every kind of bad triangle added: zero area, a repeated index, an
/// index past the end, and a corner that is not a number.
void addDegenerateTriangles(TriangleMesh& m) {
  const auto n = static_cast<std::uint32_t>(m.points.size());
  const glm::dvec3 a = m.points[0], b = m.points[1];
  m.points.push_back((a + b) * 0.5); // on the edge ab: the triangle (a, b, mid) has no area
  m.points.push_back({std::numeric_limits<double>::quiet_NaN(), 0, -100});
  m.triangles.push_back({0, 1, n});
  m.triangles.push_back({0, 0, 1});
  m.triangles.push_back({0, 1, n + 100});
  m.triangles.push_back({0, 1, n + 1});
}

const Ray kBackRay{{-14, -300, -182}, {0, 1, 0}};

PickFilter allBut(const std::string& hidden) {
  return [hidden](const std::string& id) { return id != hidden; };
}

} // namespace

TEST_CASE("layers and depths on the box leg are the distances worked out by hand") {
  const BoxLeg leg = boxLeg();
  const Picker picker(leg.atlas, leg.meshes);
  const PickResult r = picker.pick(kBackRay, PickFilter{});
  REQUIRE(r.hit);
  CHECK(r.structure() == "skin");
  CHECK(r.hit->point == glm::dvec3(-14, -50, -182));
  CHECK(r.hit->normal == glm::dvec3(0, -1, 0));
  CHECK(r.hit->distance == 250);
  REQUIRE(r.layers.size() == 3);
  CHECK(r.layers[0].structure == "skin");
  CHECK(r.layers[0].entryMm == 0);
  CHECK(r.layers[0].exitMm == doctest::Approx(100));
  CHECK(r.layers[1].structure == "muscle");
  CHECK(r.layers[1].entryMm == doctest::Approx(10));
  CHECK(r.layers[1].exitMm == doctest::Approx(40));
  CHECK(r.layers[2].structure == "bone");
  CHECK(r.layers[2].entryMm == doctest::Approx(50));
  CHECK(r.layers[2].exitMm == doctest::Approx(70));
  // The skin path is x = -14, z = -182 from y = -50 to 50. The needle the card describes
  // goes in at y = -50, its default 40 mm: to y = -10. The nerve (x 24 to 26, y -5 to 5) is
  // then sqrt(38^2 + 5^2) from its axis, the artery (x -45 to -43, y 30 to 32) sqrt(29^2 +
  // 40^2): the nerve is the nearer, measured from the needle's surface as the readout does.
  REQUIRE(r.needleStart);
  CHECK(*r.needleStart == doctest::Approx(250));
  CHECK(*r.needleEnd == doctest::Approx(350));
  REQUIRE(r.needle);
  REQUIRE(r.nearestNerveOrVessel);
  CHECK(r.nearestNerveOrVessel->structure == "nerve");
  const double halfGauge = kDefaultNeedleGaugeMm / 2;
  CHECK(r.nearestNerveOrVessel->distanceMm == doctest::Approx(std::hypot(38.0, 5.0) - halfGauge));
  CHECK(r.nearestNerveOrVessel->point.x == doctest::Approx(24));
  CHECK(r.nearestNerveOrVessel->point.y == doctest::Approx(-5));
  CHECK(r.nearestNerveOrVessel->point.z == doctest::Approx(-182));
  CHECK(r.nearestNerveOrVessel->atDepthMm == doctest::Approx(40));
  CHECK_FALSE(r.nearestNerveOrVessel->crossed);
  // The same figures as the readout's closest approach.
  CHECK(r.nearestNerveOrVessel->distanceMm == r.needle->nervesAndVessels.front().distanceMm);
  CHECK_FALSE(r.nearestTriggerPoint);
}

TEST_CASE("the description text of a point on the box leg") {
  const BoxLeg leg = boxLeg();
  const Picker picker(leg.atlas, leg.meshes);
  const PickResult r = picker.pick(kBackRay, allBut("skin"));
  REQUIRE(r.description);
  const PointDescription& d = *r.description;
  CHECK(d.structure == "muscle");
  CHECK(d.name == "Muscle");
  CHECK(d.leg == "right");
  CHECK(d.belowKneeMm == doctest::Approx(182));
  CHECK(d.t == doctest::Approx(182.0 / 390.0));
  CHECK(d.lateralOffsetMm == doctest::Approx(-14));
  CHECK(d.m == doctest::Approx(-14.0 / 50.0));
  CHECK(d.surface == "posterior");
  CHECK(d.depthMm == doctest::Approx(10));
  CHECK(d.text == "Muscle, 182 mm below the knee joint line, 14 mm medial of the midline, "
                  "posterior surface, 10 mm below the skin");

  const PickResult skin = picker.pick(kBackRay, PickFilter{});
  CHECK(skin.description->text == "Skin, 182 mm below the knee joint line, 14 mm medial of the "
                                  "midline, posterior surface, at the skin surface");

  // Points without a ray: depth is the distance to the skin, negative outside it.
  const PointDescription inside = picker.describe({20, 0, -100}, "muscle");
  CHECK(inside.depthMm == doctest::Approx(30));
  CHECK(inside.m == doctest::Approx(0.4));
  CHECK(inside.text == "Muscle, 100 mm below the knee joint line, 20 mm lateral of the midline, "
                       "lateral surface, 30 mm below the skin");
  const PointDescription outside = picker.describe({60, 10, -100}, "");
  CHECK(outside.depthMm == doctest::Approx(-10));
  CHECK(outside.text == "100 mm below the knee joint line, 60 mm lateral of the midline, "
                        "lateral surface, 10 mm outside the skin");
  const PointDescription above = picker.describe({0, 30, 5}, "bone");
  CHECK(above.text == "Bone, 5 mm above the knee joint line, on the midline, anterior surface, "
                      "5 mm outside the skin");
  const PointDescription corner = picker.describe({35, 35, -200}, "bone");
  CHECK(corner.surface == "anterolateral");
  CHECK(picker.describe({-35, 35, -200}, "bone").surface == "anteromedial");
  CHECK(picker.describe({-35, -35, -200}, "bone").surface == "posteromedial");
  CHECK(picker.describe({35, -35, -200}, "bone").surface == "posterolateral");
  CHECK(picker.describe({0, 0, -200}, "bone").surface.empty()); // the midline itself
  REQUIRE(picker.midlineAt(-200));
  CHECK(glm::length(*picker.midlineAt(-200)) < 1e-9);
}

TEST_CASE("a left-leg atlas has its lateral side at -x") {
  BoxLeg leg = boxLeg();
  leg.atlas.frame.side = "left";
  const Picker picker(leg.atlas, leg.meshes);
  const PointDescription d = picker.describe({-20, 0, -100}, "muscle");
  CHECK(d.leg == "left");
  CHECK(d.lateralOffsetMm == doctest::Approx(20));
  CHECK(d.surface == "lateral");
  // Shown mirrored, that left-leg atlas is a right leg again.
  CHECK(picker.describe({-20, 0, -100}, "muscle", true).leg == "right");
  CHECK(picker.describe({-20, 0, -100}, "muscle", true).surface == "medial");
}

TEST_CASE("the mirrored box leg: the ray is mirrored in, the results mirrored back") {
  const BoxLeg leg = boxLeg();
  const Picker picker(leg.atlas, leg.meshes);
  const Ray mirroredRay{{14, -300, -182}, {0, 1, 0}};
  const PickResult r = picker.pick(mirroredRay, allBut("skin"), true);
  REQUIRE(r.hit);
  CHECK(r.structure() == "muscle");
  CHECK(r.hit->point == glm::dvec3(14, -40, -182));
  CHECK(r.description->lateralOffsetMm == doctest::Approx(-14)); // +x is medial on a left leg
  CHECK(r.description->leg == "left");
  // The needle stops at the muscle clicked (y = -40); the nerve, mirrored to x -26 to -24, is
  // the nearer.
  REQUIRE(r.nearestNerveOrVessel);
  CHECK(r.nearestNerveOrVessel->structure == "nerve");
  CHECK(r.nearestNerveOrVessel->point.x == doctest::Approx(-24));
  // A face whose outward normal is -x in the atlas faces +x in the mirror image.
  const PickResult side = picker.pick({{300, 0, -100}, {-1, 0, 0}}, PickFilter{}, true);
  REQUIRE(side.hit);
  CHECK(side.hit->point.x == doctest::Approx(50));
  CHECK(side.hit->normal == glm::dvec3(1, 0, 0));
  CHECK(side.description->surface == "medial");
}

TEST_CASE("degenerate triangles are ignored and change no answer") {
  const BoxLeg clean = boxLeg();
  BoxLeg damaged = boxLeg();
  for (auto& [id, mesh] : damaged.meshes) {
    addDegenerateTriangles(mesh);
  }
  const Picker a(clean.atlas, clean.meshes);
  const Picker b(damaged.atlas, damaged.meshes);
  CHECK(a.triangleCount() == 5 * 12);
  CHECK(b.triangleCount() == 5 * 12);
  for (const PickFilter& filter : {PickFilter{}, allBut("skin")}) {
    const nlohmann::json ja = toJson(a.pick(kBackRay, filter));
    const nlohmann::json jb = toJson(b.pick(kBackRay, filter));
    CHECK(ja.dump() == jb.dump());
  }
  // A mesh of nothing but degenerate triangles is never hit.
  BoxLeg onlyBad = boxLeg();
  TriangleMesh bad;
  bad.points = {{-1, -60, -182}, {1, -60, -182}, {0, -60, -182}};
  bad.triangles = {{0, 1, 2}, {0, 0, 1}, {0, 1, 7}};
  onlyBad.atlas.structures.push_back(structure("bad", "Bad", "muscles"));
  onlyBad.meshes["bad"] = bad;
  const Picker c(onlyBad.atlas, onlyBad.meshes);
  CHECK(c.pick(kBackRay, PickFilter{}).structure() == "skin");
}

TEST_CASE("a ray through a corner of a box grazes it: one hit, a layer of no thickness") {
  const Atlas atlas = atlasOf({structure("block", "Block", "muscles")});
  const std::map<std::string, TriangleMesh> meshes{{"block", box({-1, -1, -1}, {1, 1, 1})}};
  const Picker picker(atlas, meshes);
  // Along (1, -1, 0) through the corner (1, 1, 1): outside the box on both sides of it.
  const Ray ray{{-4, 6, 1}, {1, -1, 0}};
  const PickResult r = picker.pick(ray, PickFilter{});
  REQUIRE(r.hit);
  CHECK(r.structure() == "block");
  CHECK(glm::length(r.hit->point - glm::dvec3(1, 1, 1)) < 1e-9);
  REQUIRE(r.layers.size() == 1);
  CHECK(r.layers[0].entryDistance == doctest::Approx(r.layers[0].exitDistance));
  // No skin in this atlas: depths are unknown, and say so as null.
  CHECK(std::isnan(r.layers[0].entryMm));
  CHECK(std::isnan(r.description->depthMm));
  const nlohmann::json j = toJson(r);
  CHECK(j["layers"][0]["entry_mm"].is_null());
  CHECK(j["description"]["depth_mm"].is_null());
  CHECK(r.description->text.find("skin") == std::string::npos);
  // A hair's breadth outside the corner: a miss.
  CHECK_FALSE(picker.pick({{-4, 6, 1 + 1e-6}, {1, -1, 0}}, PickFilter{}).hit);
}

TEST_CASE("an open mesh the ray enters and never leaves has an exit of null") {
  TriangleMesh cup = box({-30, -40, -300}, {30, -10, -50});
  cup.triangles.erase(cup.triangles.begin() + 6, cup.triangles.begin() + 8); // no +y face
  BoxLeg leg = boxLeg();
  leg.meshes["muscle"] = cup;
  const Picker picker(leg.atlas, leg.meshes);
  const PickResult r = picker.pick(kBackRay, PickFilter{});
  const nlohmann::json j = toJson(r);
  CAPTURE(j.dump());
  REQUIRE(r.layers.size() == 3);
  CHECK(r.layers[1].structure == "muscle");
  CHECK(r.layers[1].entryMm == doctest::Approx(10));
  CHECK(std::isnan(r.layers[1].exitMm));
  CHECK(j["layers"][1]["exit_mm"].is_null());
  CHECK(j["layers"][1]["entry_mm"].get<double>() == doctest::Approx(10));
}

TEST_CASE("the JSON of a pick has the documented shape") {
  const BoxLeg leg = boxLeg();
  Picker picker(leg.atlas, leg.meshes);
  picker.setTriggerPoints({{"tp1", {-14, -30, -180}}, {"tp2", {20, 0, -300}}});
  const PickResult r = picker.pick(kBackRay, PickFilter{});
  const nlohmann::json j = toJson(r);
  CAPTURE(j.dump(2));
  CHECK(j["structure"] == "skin");
  REQUIRE(j["point"].is_array());
  CHECK(j["point"].size() == 3);
  CHECK(j["point"][1].get<double>() == -50);
  CHECK(j["normal"].size() == 3);
  CHECK(j["triangle"].is_number_unsigned());
  const nlohmann::json& d = j["description"];
  REQUIRE(d.is_object());
  for (const char* key : {"structure", "name", "leg", "below_knee_mm", "t", "lateral_offset_mm",
                          "m", "surface", "depth_mm", "text"}) {
    CAPTURE(key);
    CHECK(d.contains(key));
  }
  CHECK(d["text"] == r.description->text);
  CHECK(d["below_knee_mm"].get<double>() == doctest::Approx(182));
  REQUIRE(j["layers"].is_array());
  CHECK(j["layers"].size() == 3);
  for (const auto& l : j["layers"]) {
    CHECK(l.size() == 3);
    CHECK(l["structure"].is_string());
    CHECK(l["entry_mm"].is_number());
    CHECK(l["exit_mm"].is_number());
  }
  CHECK(j["layers"][1]["structure"] == "muscle");
  CHECK(j["layers"][1]["exit_mm"].get<double>() == doctest::Approx(40));
  REQUIRE(j["nearest_trigger_point"].is_object());
  CHECK(j["nearest_trigger_point"]["id"] == "tp1");
  CHECK(j["nearest_trigger_point"]["distance_mm"].get<double>() ==
        doctest::Approx(glm::length(glm::dvec3(0, 20, 2))));
  REQUIRE(j["nearest_nerve_or_vessel"].is_object());
  CHECK(j["nearest_nerve_or_vessel"]["structure"] == "nerve");
  CHECK(j["nearest_nerve_or_vessel"]["distance_mm"].get<double>() ==
        doctest::Approx(std::hypot(38.0, 5.0) - kDefaultNeedleGaugeMm / 2));
  CHECK(j["nearest_nerve_or_vessel"]["at_depth_mm"].get<double>() == doctest::Approx(40));
  CHECK(j["nearest_nerve_or_vessel"]["crossed"] == false);

  const nlohmann::json miss = toJson(picker.pick({{500, 0, 0}, {0, 1, 0}}, PickFilter{}));
  CHECK(miss["structure"].is_null());
  CHECK(miss["point"].is_null());
  CHECK(miss["normal"].is_null());
  CHECK(miss["description"].is_null());
  CHECK(miss["layers"].is_array());
  CHECK(miss["layers"].empty());
  CHECK(miss["nearest_trigger_point"].is_null());
  CHECK(miss["nearest_nerve_or_vessel"].is_null());
  // Serialises and parses back unchanged.
  CHECK(nlohmann::json::parse(j.dump()) == j);
}

TEST_CASE("a structure without a mesh, or a mesh without a structure, is not pickable") {
  BoxLeg leg = boxLeg();
  leg.atlas.structures.push_back(structure("group_only", "Group", "muscles"));
  leg.meshes["stray"] = box({-60, -60, -190}, {60, -55, -170}); // not in the manifest
  const Picker picker(leg.atlas, leg.meshes);
  CHECK(picker.has("muscle"));
  CHECK_FALSE(picker.has("group_only"));
  CHECK_FALSE(picker.has("stray"));
  CHECK(picker.skinId() == "skin");
  CHECK(picker.pick(kBackRay, PickFilter{}).structure() == "skin");
}
