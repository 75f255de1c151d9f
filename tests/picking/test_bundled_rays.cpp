// Rays with known answers on the bundled right leg (ids and frame as in docs/anatomy.md).
#include "bundled_atlas.h"
#include "picking/camera_ray.h"
#include "picking/pick_json.h"

#include <doctest/doctest.h>

#include "geometry/section.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace sura;
using sura::test::bundledAtlas;
using sura::test::bundledPicker;

namespace {

/// From behind the leg toward the front (+y), at height z and across position x.
Ray posteriorRay(double x, double z) {
  return {{x, -300, z}, {0, 1, 0}};
}

std::vector<std::string> layerIds(const PickResult& r) {
  std::vector<std::string> ids;
  for (const PickLayer& l : r.layers) {
    ids.push_back(l.structure);
  }
  return ids;
}

const PickLayer* layer(const PickResult& r, const std::string& id) {
  for (const PickLayer& l : r.layers) {
    if (l.structure == id) {
      return &l;
    }
  }
  return nullptr;
}

/// Every structure except those named.
PickFilter allBut(std::vector<std::string> hidden) {
  return [hidden = std::move(hidden)](const std::string& id) {
    return std::find(hidden.begin(), hidden.end(), id) == hidden.end();
  };
}

const MeshBvh& skinBvh() {
  static const MeshBvh bvh(bundledAtlas().meshes.at("skin"));
  return bvh;
}

} // namespace

TEST_CASE("a posterior ray at mid-calf crosses skin, medial gastrocnemius and soleus in order") {
  const PickResult r = bundledPicker().pick(posteriorRay(-15, -120), PickFilter{});
  REQUIRE(r.hit);
  CHECK(r.structure() == "skin");
  const std::vector<std::string> ids = layerIds(r);
  CAPTURE(toJson(r).dump());
  REQUIRE(ids.size() >= 3);
  CHECK(ids[0] == "skin");
  CHECK(ids[1] == "gastrocnemius_medial_head");
  CHECK(ids[2] == "soleus");

  const PickLayer& skin = r.layers[0];
  const PickLayer& gastro = r.layers[1];
  const PickLayer& soleus = r.layers[2];
  MESSAGE("skin 0.." << skin.exitMm << " mm, gastrocnemius medial head " << gastro.entryMm << ".."
                     << gastro.exitMm << " mm, soleus " << soleus.entryMm << ".." << soleus.exitMm
                     << " mm");
  CHECK(skin.entryMm == 0);
  CHECK(gastro.entryMm >= 2);
  CHECK(gastro.entryMm <= 15);
  CHECK(gastro.exitMm > gastro.entryMm + 5); // a muscle belly, not a sliver
  CHECK(soleus.entryMm >= gastro.exitMm);    // deeper, with its fascial gap
  CHECK(soleus.exitMm > soleus.entryMm);
  // Depth is distance along the ray from the skin entry.
  CHECK(gastro.entryMm == doctest::Approx(gastro.entryDistance - skin.entryDistance));
  for (std::size_t i = 1; i < r.layers.size(); ++i) {
    CHECK(r.layers[i - 1].entryDistance <= r.layers[i].entryDistance);
  }
  CHECK(r.hit->point.y == doctest::Approx(-300 + r.hit->distance));
  CHECK(glm::length(r.hit->normal) == doctest::Approx(1.0));
  CHECK(r.hit->normal.y < 0); // the back of the calf faces the camera
  CHECK(r.hit->entering);
}

TEST_CASE("hidden structures are not hit, but depths are still measured from the skin") {
  const Ray ray = posteriorRay(-15, -120);
  const PickResult all = bundledPicker().pick(ray, PickFilter{});
  const PickResult noSkin = bundledPicker().pick(ray, allBut({"skin"}));
  REQUIRE(noSkin.hit);
  CHECK(noSkin.structure() == "gastrocnemius_medial_head");
  CHECK(layer(noSkin, "skin") == nullptr);
  REQUIRE(layer(all, "gastrocnemius_medial_head"));
  REQUIRE(layer(noSkin, "gastrocnemius_medial_head"));
  CHECK(layer(noSkin, "gastrocnemius_medial_head")->entryMm ==
        doctest::Approx(layer(all, "gastrocnemius_medial_head")->entryMm));
  REQUIRE(noSkin.description);
  CHECK(noSkin.description->depthMm ==
        doctest::Approx(layer(all, "gastrocnemius_medial_head")->entryMm));
  MESSAGE("skin hidden: " << noSkin.description->text);

  const PickResult deeper =
      bundledPicker().pick(ray, allBut({"skin", "gastrocnemius_medial_head"}));
  REQUIRE(deeper.hit);
  CHECK(deeper.structure() == "soleus");
  REQUIRE(deeper.description);
  CHECK(deeper.description->depthMm == doctest::Approx(layer(all, "soleus")->entryMm));
  MESSAGE("skin and gastrocnemius hidden: " << deeper.description->text);

  // The set and the predicate forms agree, and firstHit finds what pick finds.
  const PickResult bySet =
      bundledPicker().pick(ray, std::set<std::string>{"soleus", "tibia", "fibula"});
  REQUIRE(bySet.hit);
  CHECK(bySet.structure() == "soleus");
  CHECK(layerIds(bySet) == std::vector<std::string>{"soleus", "tibia"});
  const auto first = bundledPicker().firstHit(ray, allBut({"skin", "gastrocnemius_medial_head"}));
  REQUIRE(first);
  CHECK(first->structure == "soleus");
  CHECK(first->distance == doctest::Approx(deeper.hit->distance));
}

TEST_CASE("a ray through the tendon above the heel hits the Achilles tendon") {
  const Ray ray = posteriorRay(2, -380);
  const PickResult r = bundledPicker().pick(ray, allBut({"skin"}));
  REQUIRE(r.hit);
  CHECK(r.structure() == "achilles_tendon");
  REQUIRE(r.description);
  MESSAGE(r.description->text);
  CHECK(r.description->belowKneeMm == doctest::Approx(380).epsilon(1e-9));
  CHECK(r.description->surface == "posterior");
  const PickLayer* tendon = layer(r, "achilles_tendon");
  REQUIRE(tendon);
  CAPTURE(tendon->entryMm);
  CAPTURE(tendon->exitMm);
  CHECK(tendon->entryMm > 0);
  CHECK(tendon->entryMm < 15); // the tendon is subcutaneous
  CHECK(tendon->exitMm - tendon->entryMm > 2);
  CHECK(tendon->exitMm - tendon->entryMm < 15); // about 5 mm thick at this level
}

TEST_CASE("the mirrored (left) leg gives the same structures, with medial at +x") {
  const Picker& picker = bundledPicker();
  for (const double z : {-120.0, -380.0}) {
    const double x = z == -120.0 ? -15.0 : 2.0;
    CAPTURE(z);
    const PickResult right = picker.pick(posteriorRay(x, z), PickFilter{});
    const PickResult left = picker.pick(posteriorRay(-x, z), PickFilter{}, true);
    REQUIRE(right.hit);
    REQUIRE(left.hit);
    CHECK(layerIds(left) == layerIds(right));
    REQUIRE(left.layers.size() == right.layers.size());
    for (std::size_t i = 0; i < left.layers.size(); ++i) {
      CHECK(left.layers[i].entryMm == doctest::Approx(right.layers[i].entryMm));
      CHECK(left.layers[i].exitMm == doctest::Approx(right.layers[i].exitMm));
    }
    CHECK(left.hit->point.x == doctest::Approx(-right.hit->point.x));
    CHECK(left.hit->point.y == doctest::Approx(right.hit->point.y));
    CHECK(left.hit->normal.x == doctest::Approx(-right.hit->normal.x));
    CHECK(left.hit->normal.y == doctest::Approx(right.hit->normal.y));
    CHECK(left.hit->triangle == right.hit->triangle);
    REQUIRE(left.description);
    REQUIRE(right.description);
    CHECK(left.description->leg == "left");
    CHECK(right.description->leg == "right");
    CHECK(left.description->text == right.description->text);
    CHECK(left.description->lateralOffsetMm == doctest::Approx(right.description->lateralOffsetMm));
  }
  // On the mid-calf ray, x = -15 on the right leg is medial; on the left leg x = +15 is.
  const PickResult right = picker.pick(posteriorRay(-15, -120), PickFilter{});
  const PickResult left = picker.pick(posteriorRay(15, -120), PickFilter{}, true);
  CHECK(right.description->lateralOffsetMm < 0);
  CHECK(left.description->lateralOffsetMm < 0);
  CHECK(left.description->text.find("medial of the midline") != std::string::npos);
  // Far out at +x is lateral on the right leg and medial on the left one.
  const PickResult rightOut = picker.pick(posteriorRay(35, -120), PickFilter{});
  const PickResult leftOut = picker.pick(posteriorRay(35, -120), PickFilter{}, true);
  REQUIRE(rightOut.description);
  REQUIRE(leftOut.description);
  MESSAGE("right leg x = +35: " << rightOut.description->text);
  MESSAGE("left leg x = +35: " << leftOut.description->text);
  CHECK(rightOut.description->text.find("lateral of the midline") != std::string::npos);
  CHECK(leftOut.description->text.find("medial of the midline") != std::string::npos);
  CHECK(rightOut.description->m > 0);
  CHECK(leftOut.description->m < 0);
}

TEST_CASE("the surface is named by the direction of the point from the midline") {
  // Rays aimed at the midline from eight directions meet the skin on the line through the
  // midline in that direction, so the surface named must be that direction's.
  const char* const names[8] = {"lateral", "anterolateral", "anterior",  "anteromedial",
                                "medial",  "posteromedial", "posterior", "posterolateral"};
  for (const bool mirrored : {false, true}) {
    for (const double z : {-60.0, -150.0, -300.0}) {
      const auto mid = bundledPicker().midlineAt(z, mirrored);
      REQUIRE(mid);
      // Lateral is +x on the right leg and -x on its mirror image, the left leg.
      const double lateral = mirrored ? -1.0 : 1.0;
      for (int k = 0; k < 8; ++k) {
        CAPTURE(mirrored);
        CAPTURE(z);
        CAPTURE(k);
        const double a = glm::radians(45.0 * k);
        const glm::dvec3 outward(lateral * std::cos(a), std::sin(a), 0);
        const glm::dvec3 target(mid->x, mid->y, z);
        const PickResult r =
            bundledPicker().pick({target + 300.0 * outward, -outward}, PickFilter{}, mirrored);
        REQUIRE(r.hit);
        CHECK(r.structure() == "skin");
        CHECK(r.description->surface == names[k]);
        CHECK(r.description->depthMm == 0);
      }
    }
  }
}

TEST_CASE("a ray that misses the leg, or points away from it, hits nothing") {
  for (const Ray& ray : {Ray{{300, -300, -120}, {0, 1, 0}}, Ray{{-15, -300, -120}, {0, -1, 0}},
                         Ray{{-15, -300, 500}, {0, 1, 0}}, Ray{{0, 0, 0}, {0, 0, 0}}}) {
    const PickResult r = bundledPicker().pick(ray, PickFilter{});
    CHECK_FALSE(r.hit);
    CHECK(r.structure().empty());
    CHECK(r.layers.empty());
    CHECK_FALSE(r.description);
    CHECK_FALSE(r.nearestNerveOrVessel);
    CHECK_FALSE(bundledPicker().firstHit(ray, PickFilter{}));
  }
  // Nothing pickable: nothing is hit, even on a ray through the calf.
  const PickResult none =
      bundledPicker().pick(posteriorRay(-15, -120), [](const std::string&) { return false; });
  CHECK_FALSE(none.hit);
  CHECK(none.layers.empty());
}

TEST_CASE("grazing rays along the back of the calf are either a miss or a thin skin layer") {
  // In the plane z = -120, a ray along x at the section's most posterior y only touches the
  // skin. Step across that tangent: every answer must be well formed.
  const double z = -120;
  const Section cut = sectionAtZ(bundledAtlas().meshes.at("skin"), z);
  REQUIRE(!cut.box.empty());
  const double back = cut.box.lo.y;
  int hits = 0, misses = 0;
  for (double dy = -0.5; dy <= 0.5; dy += 1.0 / 64) {
    CAPTURE(dy);
    const Ray ray{{-300, back + dy, z}, {1, 0, 0}};
    const PickResult r = bundledPicker().pick(ray, PickFilter{});
    if (!r.hit) {
      ++misses;
      CHECK(dy <= 1e-6); // inside the outline the skin must be found
      continue;
    }
    ++hits;
    CHECK(dy >= -1e-6); // outside the outline there is nothing to hit
    CHECK(r.structure() == "skin");
    REQUIRE(!r.layers.empty());
    CHECK(r.layers[0].structure == "skin");
    CHECK(std::isfinite(r.layers[0].exitMm));
    CHECK(r.layers[0].exitMm >= r.layers[0].entryMm);
    CHECK(r.description->depthMm == 0);
  }
  MESSAGE(hits << " grazing rays hit, " << misses << " missed");
  CHECK(hits > 0);
  CHECK(misses > 0);
}

TEST_CASE("a ray that starts inside soleus measures depth by the distance to the skin") {
  const Ray outside = posteriorRay(-15, -120);
  const PickResult through = bundledPicker().pick(outside, PickFilter{});
  const PickLayer* soleus = layer(through, "soleus");
  REQUIRE(soleus);
  const double middle = (soleus->entryDistance + soleus->exitDistance) / 2;
  const glm::dvec3 origin = outside.origin + glm::dvec3(0, middle, 0);

  for (const double dy : {1.0, -1.0}) {
    CAPTURE(dy);
    const PickResult r = bundledPicker().pick({origin, {0, dy, 0}}, PickFilter{});
    REQUIRE(r.hit);
    CHECK(r.structure() == "soleus");
    CHECK_FALSE(r.hit->entering); // the surface met first is where the ray leaves soleus
    CHECK(r.hit->normal.y * dy > 0);
    REQUIRE(!r.layers.empty());
    // Both the skin and soleus hold the origin: their layers start there.
    const PickLayer* s = layer(r, "soleus");
    const PickLayer* skin = layer(r, "skin");
    REQUIRE(s);
    REQUIRE(skin);
    CHECK(s->entryDistance == 0);
    CHECK(skin->entryDistance == 0);
    const double originDepth = skinBvh().distance(origin);
    CHECK(s->entryMm == doctest::Approx(originDepth));
    CHECK(s->exitMm == doctest::Approx(skinBvh().distance(r.hit->point)));
    REQUIRE(r.description);
    CHECK(r.description->depthMm == doctest::Approx(skinBvh().distance(r.hit->point)));
    MESSAGE("from inside soleus toward " << (dy > 0 ? "+y" : "-y") << ": " << r.description->text
                                         << " (origin " << originDepth << " mm deep)");
    // The needle path runs from the origin to where the ray leaves the skin.
    REQUIRE(r.needleStart);
    REQUIRE(r.needleEnd);
    CHECK(*r.needleStart == 0);
    CHECK(*r.needleEnd == doctest::Approx(skin->exitDistance));
  }
}

TEST_CASE("firstHit and pick agree over a posterior grid, on both legs") {
  const Picker& picker = bundledPicker();
  const PickFilter muscles = [](const std::string& id) {
    return id.find("gastrocnemius") == 0 || id == "soleus" || id == "achilles_tendon";
  };
  int hits = 0, total = 0;
  for (const bool mirrored : {false, true}) {
    for (double z = -20; z >= -440; z -= 20) {
      for (double x = -60; x <= 60; x += 10) {
        for (const PickFilter& filter : {PickFilter{}, muscles}) {
          const Ray ray = posteriorRay(x, z);
          const auto first = picker.firstHit(ray, filter, mirrored);
          const PickResult r = picker.pick(ray, filter, mirrored);
          ++total;
          REQUIRE(first.has_value() == r.hit.has_value());
          if (!first) {
            continue;
          }
          ++hits;
          CHECK(first->structure == r.hit->structure);
          CHECK(first->distance == doctest::Approx(r.hit->distance));
          CHECK(first->triangle == r.hit->triangle);
          CHECK(r.layers.front().entryDistance <= r.hit->distance + 1e-9);
        }
      }
    }
  }
  MESSAGE(hits << " of " << total << " rays hit");
  CHECK(hits > total / 3);
}

TEST_CASE("the nearest nerve or vessel is the one the card's needle comes closest to") {
  // Brute force: sample the needle (skin entry to tip) every 0.25 mm and measure to each nerve
  // and vessel; the readout measures from the needle's surface (less half its gauge), and a
  // nerve or vessel it crosses is at 0.
  const LoadedAtlas& atlas = bundledAtlas();
  std::vector<std::pair<std::string, MeshBvh>> guards;
  for (const Structure& s : atlas.atlas.structures) {
    if (s.group == "nerves_vessels" && atlas.meshes.count(s.id)) {
      guards.emplace_back(s.id, MeshBvh(atlas.meshes.at(s.id)));
    }
  }
  REQUIRE(guards.size() >= 4);
  int checked = 0;
  for (const double z : {-30.0, -120.0, -250.0, -380.0}) {
    for (const double x : {-30.0, -15.0, 0.0, 20.0, 40.0}) {
      const Ray ray = posteriorRay(x, z);
      const PickResult r = bundledPicker().pick(ray, PickFilter{});
      if (!r.hit) {
        continue;
      }
      CAPTURE(x);
      CAPTURE(z);
      REQUIRE(r.needle);
      REQUIRE(r.nearestNerveOrVessel);
      const NeedlePlacement& p = r.needle->placement;
      const double step = 0.25;
      double best = 1e300;
      std::string bestId;
      for (double s = 0; s <= p.insertedMm; s += step) {
        const glm::dvec3 at = p.entry + p.direction * s;
        for (const auto& [id, bvh] : guards) {
          const double d = bvh.distance(at);
          if (d < best) {
            best = d;
            bestId = id;
          }
        }
      }
      const NearestNerveOrVessel& n = *r.nearestNerveOrVessel;
      CAPTURE(n.structure);
      CAPTURE(bestId);
      if (n.crossed) {
        CHECK(n.distanceMm == 0.0);
        CHECK(best < 1.0);
      } else {
        best -= p.gaugeMm / 2;
        // Exact answer <= any sample, and a sample is at most half a step farther.
        CHECK(n.distanceMm <= best + 1e-9);
        CHECK(n.distanceMm >= best - step / 2 - 1e-9);
        if (std::abs(n.distanceMm - best) > step / 2) {
          CHECK(n.structure == bestId);
        }
      }
      // The point reported lies on that structure's surface.
      const auto& guard = *std::find_if(guards.begin(), guards.end(),
                                        [&](const auto& g) { return g.first == n.structure; });
      CHECK(guard.second.distance(n.point) < 1e-6);
      ++checked;
    }
  }
  CHECK(checked >= 10);
}

TEST_CASE("the nearest trigger point is measured from the picked point, in the atlas frame") {
  Picker picker(bundledAtlas().atlas, bundledAtlas().meshes);
  const PickResult before = picker.pick(posteriorRay(-15, -120), PickFilter{});
  CHECK_FALSE(before.nearestTriggerPoint); // the atlas has none yet
  picker.setTriggerPoints(
      {{"deep", {-15, -40, -120}}, {"near", {-10, -70, -125}}, {"far", {30, -60, -300}}});
  const PickResult r = picker.pick(posteriorRay(-15, -120), PickFilter{});
  REQUIRE(r.nearestTriggerPoint);
  CHECK(r.nearestTriggerPoint->id == "near");
  CHECK(r.nearestTriggerPoint->distanceMm ==
        doctest::Approx(glm::length(glm::dvec3(-10, -70, -125) - r.hit->point)));
  // The needle runs along x = -15, z = -120: "near" is 5 mm off in x and z.
  CHECK(r.nearestTriggerPoint->rayDistanceMm == doctest::Approx(std::sqrt(50.0)));
  // On the left leg the same trigger point lies at x = +10 in the world.
  const PickResult left = picker.pick(posteriorRay(15, -120), PickFilter{}, true);
  REQUIRE(left.nearestTriggerPoint);
  CHECK(left.nearestTriggerPoint->id == "near");
  CHECK(left.nearestTriggerPoint->distanceMm == doctest::Approx(r.nearestTriggerPoint->distanceMm));
}

TEST_CASE("picking through a camera: the pixel under a point sees that point") {
  CameraView camera;
  camera.position = {0, -600, -150};
  camera.focalPoint = {0, 0, -150};
  camera.viewUp = {0, 0, 1};
  camera.viewAngleDeg = 30;
  camera.viewportWidth = 800;
  camera.viewportHeight = 600;
  const PickResult r = bundledPicker().pick(pixelRay(camera, 400, 300), PickFilter{});
  REQUIRE(r.hit);
  CHECK(r.structure() == "skin");
  CHECK(std::abs(r.hit->point.x) < 1e-9);
  CHECK(r.hit->point.z == doctest::Approx(-150));
  CHECK(r.description->surface == "posterior");
}

TEST_CASE("in the foot the sole is plantar and the top dorsal; the leg keeps its sectors") {
  const Picker& picker = bundledPicker();
  const Landmarks& lm = bundledAtlas().atlas.landmarks;
  // Vertical rays through the middle of the foot, under the navicular's level: the first hit
  // from below is on the sole, the first from above on the top of the foot.
  const double y = 50.0, x = -5.0;
  const PickResult fromBelow = picker.pick(Ray{{x, y, -700}, {0, 0, 1}}, PickFilter{});
  const PickResult fromAbove = picker.pick(Ray{{x, y, -300}, {0, 0, -1}}, PickFilter{});
  REQUIRE(fromBelow.hit);
  REQUIRE(fromAbove.hit);
  REQUIRE(fromBelow.hit->structure == "skin");
  REQUIRE(fromAbove.hit->structure == "skin");
  CHECK(fromBelow.description->surface == "plantar");
  CHECK(fromAbove.description->surface == "dorsal");
  CHECK(fromBelow.description->text.find("plantar surface") != std::string::npos);
  // The back of the heel, where the vertical runs up into the leg, is posterior.
  const PickResult heel = picker.pick(Ray{{5, -300, -440}, {0, 1, 0}}, PickFilter{});
  REQUIRE(heel.hit);
  CHECK(heel.description->surface == "posterior");
  // Its underside is plantar.
  const PickResult underHeel = picker.pick(Ray{{5, -40, -700}, {0, 0, 1}}, PickFilter{});
  REQUIRE(underHeel.hit);
  CHECK(underHeel.description->surface == "plantar");
  // Above the ankle nothing changes: the calf from behind is posterior.
  CHECK(
      picker.pick(posteriorRay(0, lm.medialMalleolus.z + 150), PickFilter{}).description->surface ==
      "posterior");
}
