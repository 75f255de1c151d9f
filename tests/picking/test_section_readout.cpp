// Sections of the bundled leg in numbers: each structure's cut as the viewer's inset draws it
// agrees with an independent measure of its mesh, and the thicknesses on the posterior midline
// at mid-calf come in the order of a dissection.
#include "bundled_atlas.h"
#include "geometry/section.h"
#include "picking/section_readout.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using namespace sura;
using sura::test::bundledAtlas;
using sura::test::zAt;

namespace {} // namespace

TEST_CASE("each cut's area agrees with sectionAtZ of its mesh within 2 %") {
  for (const double t : {0.1, 0.3, 0.5, 0.8}) {
    CAPTURE(t);
    const std::vector<SectionCut> cuts =
        cutAtZ(bundledAtlas().atlas, bundledAtlas().meshes, zAt(t));
    REQUIRE(cuts.size() >= 10);
    for (const SectionCut& cut : cuts) {
      CAPTURE(cut.structure);
      const Section independent = sectionAtZ(bundledAtlas().meshes.at(cut.structure), zAt(t));
      CHECK(cut.area > 0.0);
      CHECK(std::abs(cut.area - independent.area) <= 0.02 * independent.area);
    }
  }
}

TEST_CASE("posterior midline at mid-calf: skin, gastrocnemius, soleus, deep muscles, bone") {
  const Atlas& atlas = bundledAtlas().atlas;
  const double z = zAt(0.3);
  const std::vector<SectionCut> cuts = cutAtZ(atlas, bundledAtlas().meshes, z);
  const auto r = posteriorThickness(atlas, cuts);
  REQUIRE(r);
  CAPTURE(r->skinMm);
  CAPTURE(r->gastrocnemiusMm);
  CAPTURE(r->soleusMm);
  CAPTURE(r->deepMm);
  CAPTURE(r->boneMm);
  CAPTURE(r->bone);
  CHECK(r->skinMm > 1.0);
  CHECK(r->skinMm < 20.0);
  CHECK(r->gastrocnemiusMm > 3.0);
  CHECK(r->soleusMm > 3.0);
  CHECK(r->deepMm > 3.0);
  CHECK(r->boneMm > 5.0);
  CHECK(r->bone == "tibia");
  // In that order along the line, from the back.
  // From just behind the skin, so that the line enters it.
  const glm::dvec2 back = r->from - glm::normalize(r->to - r->from) * 2.0;
  const std::vector<ThicknessSegment> along = thicknessAlong(atlas, cuts, back, r->to);
  const auto firstOf = [&](auto match) {
    for (const ThicknessSegment& s : along) {
      if (match(s.structure)) {
        return s.fromMm;
      }
    }
    return -1.0;
  };
  const double skin = firstOf([](const std::string& id) { return id == "skin"; });
  const double gastrocnemius =
      firstOf([](const std::string& id) { return id.rfind("gastrocnemius", 0) == 0; });
  const double soleus = firstOf([](const std::string& id) { return id == "soleus"; });
  const double deep = firstOf([](const std::string& id) {
    return id == "tibialis_posterior" || id == "flexor_digitorum_longus" ||
           id == "flexor_hallucis_longus" || id == "popliteus";
  });
  const double bone = firstOf([](const std::string& id) { return id == "tibia"; });
  CHECK(skin >= 0.0);
  CHECK(skin < gastrocnemius);
  CHECK(gastrocnemius < soleus);
  CHECK(soleus < deep);
  CHECK(deep < bone);
  // The stretches add up to the line: skin to the far side of the bone.
  const double sum = r->skinMm + r->gastrocnemiusMm + r->soleusMm + r->deepMm + r->boneMm;
  CHECK(sum <= glm::length(r->to - r->from) + 1e-6);
  MESSAGE("t 0.30, posterior midline: skin "
          << r->skinMm << ", gastrocnemius " << r->gastrocnemiusMm << ", soleus " << r->soleusMm
          << ", deep " << r->deepMm << ", " << r->bone << " " << r->boneMm << " mm");
  CHECK(sum >= 0.8 * glm::length(r->to - r->from));
}

TEST_CASE("a line drawn across the whole section enters and leaves through the skin") {
  const Atlas& atlas = bundledAtlas().atlas;
  const std::vector<SectionCut> cuts = cutAtZ(atlas, bundledAtlas().meshes, zAt(0.3));
  const std::vector<ThicknessSegment> along =
      thicknessAlong(atlas, cuts, {-200.0, 0.0}, {200.0, 0.0});
  REQUIRE(along.size() >= 4);
  CHECK(along.front().structure == "skin");
  CHECK(along.back().structure == "skin");
  for (const ThicknessSegment& s : along) {
    CHECK(s.thickness() > 0.0);
  }
  // A line inside the leg from a muscle to a muscle has no skin stretch.
  const auto r = posteriorThickness(atlas, cuts);
  REQUIRE(r);
  const std::vector<ThicknessSegment> inner =
      thicknessAlong(atlas, cuts, r->from + (r->to - r->from) * 0.3, r->to);
  REQUIRE(!inner.empty());
  CHECK(inner.front().structure != "skin");
}
