// The virtual needle on the bundled right leg: known anatomical answers, each needle placed
// from the model's own landmarks and geometry (never from pixel numbers), and the readout's
// promise that every structure a warning names is in it.
#include "bundled_atlas.h"
#include "clinical/clinical.h"
#include "picking/camera_ray.h"
#include "picking/needle.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace sura;
using sura::test::bundledAtlas;
using sura::test::bundledClinical;
using sura::test::bundledPicker;
using sura::test::zAt;

namespace {

/// A needle straight in from behind (+y) at height z and across position x.
NeedleReadout fromBehind(double x, double z, double length) {
  const auto placement = placeNeedleAlongRay(bundledPicker(), Ray{{x, -300, z}, {0, 1, 0}}, false,
                                             std::nullopt, "", length, kDefaultNeedleGaugeMm);
  REQUIRE(placement);
  return readNeedle(bundledPicker(), *placement, false);
}

std::vector<std::string> layerIds(const NeedleReadout& r) {
  std::vector<std::string> ids;
  for (const NeedleLayer& l : r.layers) {
    ids.push_back(l.structure);
  }
  return ids;
}

std::set<std::string> warned(const NeedleReadout& r, NeedleWarningKind kind) {
  std::set<std::string> ids;
  for (const NeedleWarning& w : r.warnings) {
    if (w.kind == kind) {
      ids.insert(w.structure);
    }
  }
  return ids;
}

const NeedleApproach* approachTo(const NeedleReadout& r, const std::string& id) {
  for (const NeedleApproach& a : r.nervesAndVessels) {
    if (a.structure == id) {
      return &a;
    }
  }
  return nullptr;
}

/// The readout is self-consistent: every structure a warning names is in its layers or its
/// closest approaches, a warned nerve or vessel lies within the margin (or is crossed, and
/// then listed as a layer), a warning names the structure in its words, and the layers run
/// outside in within the inserted part.
void checkConsistent(const NeedleReadout& r) {
  const std::vector<std::string> layers = layerIds(r);
  const auto inLayers = [&](const std::string& id) {
    return std::find(layers.begin(), layers.end(), id) != layers.end();
  };
  for (const NeedleWarning& w : r.warnings) {
    CAPTURE(w.text);
    if (w.structure.empty()) {
      continue;
    }
    CHECK((inLayers(w.structure) || approachTo(r, w.structure) != nullptr ||
           (r.bone && r.bone->structure == w.structure)));
    const std::string name = bundledPicker().nameOf(w.structure);
    std::string lower = name;
    lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    CHECK(w.text.find(lower) != std::string::npos);
    if (w.kind == NeedleWarningKind::NerveOrVessel) {
      const NeedleApproach* a = approachTo(r, w.structure);
      REQUIRE(a != nullptr);
      CHECK(a->distanceMm < r.marginMm);
      CHECK(a->crossed == inLayers(w.structure));
    }
  }
  for (const NeedleApproach& a : r.nervesAndVessels) {
    if (a.crossed) {
      CHECK(inLayers(a.structure)); // crossed means listed
    }
  }
  REQUIRE_FALSE(r.layers.empty());
  CHECK(r.layers.front().structure == "skin");
  CHECK(r.layers.front().entryMm == 0.0);
  double last = 0.0;
  for (const NeedleLayer& l : r.layers) {
    CHECK(l.entryMm >= last - 1e-9);
    CHECK(l.exitMm >= l.entryMm);
    CHECK(l.exitMm <= r.placement.insertedMm + 1e-9);
    last = l.entryMm;
  }
  CHECK(r.disclaimer.find("educational model") != std::string::npos);
  CHECK(r.disclaimer.find("not the person being treated") != std::string::npos);
}

void print(const char* what, const NeedleReadout& r) {
  std::string text = std::string(what) + ":";
  char number[96];
  for (const NeedleLayer& l : r.layers) {
    std::snprintf(number, sizeof number, " %s %.1f-%.1f;", l.structure.c_str(), l.entryMm,
                  l.exitMm);
    text += number;
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(3, r.nervesAndVessels.size()); ++i) {
    const NeedleApproach& a = r.nervesAndVessels[i];
    std::snprintf(number, sizeof number, " [%s %.1f mm at %.1f]", a.structure.c_str(), a.distanceMm,
                  a.atDepthMm);
    text += number;
  }
  for (const NeedleWarning& w : r.warnings) {
    text += "\n  " + w.text;
  }
  MESSAGE(text);
}

} // namespace

TEST_CASE("needle soleus_trp1: in from behind, the tip at the point, through skin, what covers "
          "soleus there, and soleus, without a warning") {
  const ResolvedTriggerPoint* point = bundledClinical().find("soleus_trp1");
  REQUIRE(point != nullptr);
  const NeedleTarget target{"soleus_trp1", "soleus", point->centre};
  const auto placement =
      placeNeedleAtPoint(bundledPicker(), target, point->approach, false, 0, kDefaultNeedleGaugeMm);
  REQUIRE(placement);
  const NeedleReadout r = readNeedle(bundledPicker(), *placement, false);
  print("soleus_trp1", r);
  checkConsistent(r);

  // In from the back (the point is examined from behind), the tip exactly at the centre.
  CHECK(r.placement.direction.y == doctest::Approx(1.0));
  CHECK(glm::length(r.placement.tip() - point->centre) < 1e-6);
  REQUIRE(r.targetDepthMm);
  CHECK(*r.targetDepthMm == doctest::Approx(point->depthBelowSkinMm).epsilon(0.05));
  CHECK(r.targetMissMm < kNeedleReachedMm);
  // The shortest standard needle leaving at least 5 mm outside.
  CHECK(r.placement.lengthMm >= r.placement.insertedMm + kNeedleOutsideMm);
  CHECK(r.placement.lengthMm - 5.0 < *r.targetDepthMm + kNeedleOutsideMm); // not the next up

  const std::vector<std::string> ids = layerIds(r);
  REQUIRE(ids.size() >= 2);
  CHECK(ids.front() == "skin");
  CHECK(ids.back() == "soleus");
  CHECK(r.layers.back().tipInside);
  for (std::size_t i = 1; i + 1 < ids.size(); ++i) { // between them: a head or the tendon
    CHECK((ids[i].rfind("gastrocnemius", 0) == 0 || ids[i] == "achilles_tendon"));
  }
  CHECK(r.tipStructure == "soleus");
  // Skin and subcutaneous tissue from 0 to the first deeper structure, not the envelope.
  CHECK(r.layers.front().exitMm == doctest::Approx(r.layers[1].entryMm));
  CHECK(r.layers.front().exitMm < 15.0);
  CHECK(r.warnings.empty());
  CHECK(r.nervesAndVessels.front().distanceMm >= kDefaultNeedleMarginMm);
}

TEST_CASE("a needle in the popliteal midline warns of the tibial nerve") {
  for (double t : {0.0, 0.03, 0.06}) {
    CAPTURE(t);
    const double z = zAt(t);
    const auto midline = bundledPicker().midlineAt(z);
    REQUIRE(midline);
    const NeedleReadout r = fromBehind(midline->x, z, 40);
    print("popliteal midline", r);
    checkConsistent(r);
    CHECK(warned(r, NeedleWarningKind::NerveOrVessel).count("tibial_nerve") == 1);
    const NeedleApproach* nerve = approachTo(r, "tibial_nerve");
    REQUIRE(nerve != nullptr);
    CHECK(nerve->distanceMm < kDefaultNeedleMarginMm);
    // The nerve's own depth: under the skin and the fascia, above the vessels.
    CHECK(nerve->structureDepthMm > 3.0);
    CHECK(nerve->structureDepthMm < 30.0);
  }
}

TEST_CASE("a needle lateral to the Achilles tendon warns of the small saphenous vein and the "
          "sural nerve") {
  const double z = zAt(0.82);
  // The tendon's lateral edge at that level, as rays from behind find it.
  const auto midline = bundledPicker().midlineAt(z);
  REQUIRE(midline);
  double edge = -1e9;
  for (double x = midline->x - 30.0; x <= midline->x + 30.0; x += 0.5) {
    for (const PickLayer& l : bundledPicker().crossings(Ray{{x, -300, z}, {0, 1, 0}}, 400)) {
      if (l.structure == "skin") {
        continue;
      }
      if (l.structure == "achilles_tendon") {
        edge = std::max(edge, x);
      }
      break;
    }
  }
  REQUIRE(edge > midline->x); // lateral is +x on the right leg
  for (double beside : {2.0, 4.0, 6.0}) {
    CAPTURE(beside);
    const NeedleReadout r = fromBehind(edge + beside, z, 25);
    print("lateral to the Achilles tendon", r);
    checkConsistent(r);
    const std::set<std::string> ids = warned(r, NeedleWarningKind::NerveOrVessel);
    CHECK(ids.count("small_saphenous_vein") == 1);
    CHECK(ids.count("sural_nerve") == 1);
    CHECK(ids.count("tibial_nerve") == 0); // it lies medial to the tendon
  }
}

TEST_CASE("a needle round the fibular neck warns of the common fibular nerve") {
  const glm::dvec3 head = bundledAtlas().atlas.landmarks.fibularHead;
  for (double below : {5.0, 10.0, 15.0}) {
    CAPTURE(below);
    // Straight in from the lateral side, at the level of the neck.
    const auto placement = placeNeedleAlongRay(
        bundledPicker(), Ray{{head.x + 200, head.y, head.z - below}, {-1, 0, 0}}, false,
        std::nullopt, "", 40, kDefaultNeedleGaugeMm);
    REQUIRE(placement);
    const NeedleReadout r = readNeedle(bundledPicker(), *placement, false);
    print("fibular neck", r);
    checkConsistent(r);
    CHECK(warned(r, NeedleWarningKind::NerveOrVessel).count("common_fibular_nerve") == 1);
    CHECK(warned(r, NeedleWarningKind::Bone).count("fibula") == (below >= 10.0 ? 1u : 0u));
  }
}

TEST_CASE("a wider margin warns of more; the needle's gauge counts in the distance") {
  const ResolvedTriggerPoint* point = bundledClinical().find("soleus_trp1");
  REQUIRE(point != nullptr);
  const NeedleTarget target{"soleus_trp1", "soleus", point->centre};
  const auto placement =
      placeNeedleAtPoint(bundledPicker(), target, point->approach, false, 0, 0.16);
  REQUIRE(placement);
  const NeedleReadout narrow = readNeedle(bundledPicker(), *placement, false, 5);
  const NeedleReadout wide = readNeedle(bundledPicker(), *placement, false, 20);
  checkConsistent(wide);
  CHECK(narrow.warnings.empty());
  REQUIRE_FALSE(wide.warnings.empty());
  // The nearest one, the first warned.
  CHECK(wide.warnings.front().structure == wide.nervesAndVessels.front().structure);

  NeedlePlacement thicker = *placement;
  thicker.gaugeMm = 0.30;
  const NeedleReadout t = readNeedle(bundledPicker(), thicker, false);
  CHECK(t.nervesAndVessels.front().distanceMm ==
        doctest::Approx(narrow.nervesAndVessels.front().distanceMm - 0.07));
}

TEST_CASE("another margin on a readout warns exactly as a readout made at that margin") {
  // applyNeedleMargin needs no picker: the panel's margin re-derives the warnings of the
  // needle and of the card at once.
  for (const char* id : {"soleus_trp1", "gastrocnemius_trp1", "tibialis_anterior_trp1"}) {
    CAPTURE(id);
    const ResolvedTriggerPoint* point = bundledClinical().find(id);
    if (point == nullptr) {
      continue;
    }
    const NeedleTarget target{id, point->point.muscle, point->centre};
    const auto placement =
        placeNeedleAtPoint(bundledPicker(), target, point->approach, false, 75, 0.25);
    REQUIRE(placement);
    NeedleReadout moved = readNeedle(bundledPicker(), *placement, false, 5);
    for (const double margin : {20.0, 2.0, 5.0, 50.0}) {
      CAPTURE(margin);
      applyNeedleMargin(moved, margin);
      const NeedleReadout made = readNeedle(bundledPicker(), *placement, false, margin);
      CHECK(moved.marginMm == margin);
      REQUIRE(moved.warnings.size() == made.warnings.size());
      for (std::size_t i = 0; i < made.warnings.size(); ++i) {
        CHECK(moved.warnings[i].text == made.warnings[i].text);
        CHECK(moved.warnings[i].kind == made.warnings[i].kind);
      }
    }
  }
  // And it does change them: 50 mm warns of more than 2 mm.
  const ResolvedTriggerPoint* soleus = bundledClinical().find("soleus_trp1");
  REQUIRE(soleus != nullptr);
  const auto placement = placeNeedleAtPoint(
      bundledPicker(), {"soleus_trp1", "soleus", soleus->centre}, soleus->approach, false, 0, 0.25);
  REQUIRE(placement);
  NeedleReadout r = readNeedle(bundledPicker(), *placement, false, 2);
  const std::size_t few = r.warnings.size();
  applyNeedleMargin(r, 50);
  CHECK(r.warnings.size() > few);
}

TEST_CASE("a needle too short for its point goes in its full length and says how short") {
  const ResolvedTriggerPoint* point = bundledClinical().find("tibialis_posterior_trp1");
  REQUIRE(point != nullptr);
  const NeedleTarget target{point->point.id, point->point.muscle, point->centre};
  const auto placement = placeNeedleAtPoint(bundledPicker(), target, point->approach, false, 25,
                                            kDefaultNeedleGaugeMm);
  REQUIRE(placement);
  const NeedleReadout r = readNeedle(bundledPicker(), *placement, false);
  print("tibialis_posterior_trp1 with 25 mm", r);
  checkConsistent(r);
  REQUIRE(r.targetDepthMm);
  CHECK(*r.targetDepthMm > 25.0);
  CHECK(r.placement.insertedMm == 25.0);
  CHECK(warned(r, NeedleWarningKind::ShortOfTarget).size() == 1);
}

TEST_CASE("the mirrored leg: the same needle, the same readout, points mirrored") {
  const double z = zAt(0.03);
  const auto midline = bundledPicker().midlineAt(z);
  REQUIRE(midline);
  const Ray right{{midline->x + 4, -300, z}, {0, 1, 0}};
  const auto a = placeNeedleAlongRay(bundledPicker(), right, false, std::nullopt, "", 40, 0.25);
  const auto b =
      placeNeedleAlongRay(bundledPicker(), mirrorX(right), true, std::nullopt, "", 40, 0.25);
  REQUIRE(a);
  REQUIRE(b);
  const NeedleReadout ra = readNeedle(bundledPicker(), *a, false);
  const NeedleReadout rb = readNeedle(bundledPicker(), *b, true);
  CHECK(layerIds(ra) == layerIds(rb));
  CHECK(ra.warnings.size() == rb.warnings.size());
  CHECK(rb.placement.entry.x == doctest::Approx(-ra.placement.entry.x));
  CHECK(rb.nervesAndVessels.front().point.x ==
        doctest::Approx(-ra.nervesAndVessels.front().point.x));
}

TEST_CASE("aimed by angles: tilted from the skin's perpendicular toward the named side") {
  const double z = zAt(0.3);
  const auto midline = bundledPicker().midlineAt(z);
  REQUIRE(midline);
  const Ray ray{{midline->x, -300, z}, {0, 1, 0}};
  const auto straight = placeNeedleAlongRay(bundledPicker(), ray, false, std::nullopt, "", 40, 0.25,
                                            std::array<double, 2>{0, 0});
  const auto lateral = placeNeedleAlongRay(bundledPicker(), ray, false, std::nullopt, "", 40, 0.25,
                                           std::array<double, 2>{30, 90});
  const auto down = placeNeedleAlongRay(bundledPicker(), ray, false, std::nullopt, "", 40, 0.25,
                                        std::array<double, 2>{30, 180});
  REQUIRE(straight);
  REQUIRE(lateral);
  REQUIRE(down);
  CHECK(straight->aim == NeedleAim::Angles);
  CHECK(straight->direction.y > 0.9); // the back of the calf faces backward
  CHECK(glm::dot(straight->direction, lateral->direction) == doctest::Approx(std::cos(0.5236)));
  // sin 30 = 0.5 across the skin's plane, which faces a little sideways here.
  CHECK(lateral->direction.x - straight->direction.x > 0.3); // lateral is +x on the right leg
  CHECK(down->direction.z - straight->direction.z < -0.3);
  CHECK(glm::length(lateral->entry - straight->entry) < 1e-9); // the same skin point
}
