// The clinical layer of the bundled atlas rendered offscreen, judged by the pixels at the
// places the layer says it paints: the shaders must draw what the per-vertex data asks for.
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "pixels.h"
#include "scene/offscreen.h"
#include "scene/scene.h"
#include "scene/trigger_point_layer.h"

#include "bundled_atlas.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace sura;

namespace {

constexpr int kPointsWidth = 640;
constexpr int kPointsHeight = 640;

using test::bundledClinical;

glm::dvec3 overSpot(const std::string& structure, const std::string& id) {
  static const auto spots =
      markSpots(test::bundledAtlas().atlas, bundledClinical(), test::bundledAtlas().meshes);
  for (const MarkSpot& spot : spots.at(structure)) {
    if (bundledClinical().triggerPoints[spot.point].point.id == id) {
      return spot.position;
    }
  }
  FAIL("no spot of " << id << " on " << structure);
  return {};
}

// The scene drawn offscreen after a list of commands; pixel() finds where a point lands.
struct Drawn {
  Scene scene{test::bundledAtlas(), bundledClinical()};
  OffscreenRenderer offscreen{scene, kPointsWidth, kPointsHeight};
  AppState state;
  Image image;

  explicit Drawn(const std::vector<Command>& commands, double seconds = 0.0) {
    for (const Command& c : commands) {
      apply(state, scene.atlas(), c);
    }
    scene.apply(state);
    scene.setTime(seconds);
    image = offscreen.render();
  }

  glm::u8vec3 pixel(const glm::dvec3& world) {
    const glm::ivec2 p = screen(world);
    return image.at(p.x, p.y);
  }

  // The image pixel (x right, y down) where a world point is drawn.
  glm::ivec2 screen(const glm::dvec3& world) {
    vtkRenderer* renderer = scene.renderer();
    renderer->SetWorldPoint(world.x, world.y, world.z, 1.0);
    renderer->WorldToDisplay();
    double d[3];
    renderer->GetDisplayPoint(d);
    const int x = static_cast<int>(std::lround(d[0]));
    const int y = kPointsHeight - 1 - static_cast<int>(std::lround(d[1])); // display rows go up
    REQUIRE(x >= 0);
    REQUIRE(x < kPointsWidth);
    REQUIRE(y >= 0);
    REQUIRE(y < kPointsHeight);
    return {x, y};
  }
};

bool isCyan(glm::u8vec3 c) {
  return c.g > 110 && c.b > 110 && c.r + 60 < c.g;
}

int brightness(glm::u8vec3 c) {
  return c.r + c.g + c.b;
}

// On the surface a few mm above a spot (the marks are rings and discs around it).
glm::dvec3 above(const glm::dvec3& spot, double mm) {
  return spot + glm::dvec3{0.0, 0.0, mm};
}

} // namespace

TEST_CASE("a shown trigger point is painted cyan on its muscle, an unshown one is not") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("gastrocnemius_trp1");
  const glm::dvec3 inPatch = above(trp.surfacePoint, 0.5 * trp.point.radiusMm);
  Drawn shown({command::SetVisible{"skin", false}, command::ShowTriggerPoints{{trp.point.id}}});
  CAPTURE(glm::ivec3(shown.pixel(inPatch)));
  CHECK(isCyan(shown.pixel(inPatch)));
  CHECK(test::isReddish(shown.pixel(above(trp.surfacePoint, 2.5 * trp.point.radiusMm))));

  Drawn hidden({command::SetVisible{"skin", false}});
  CHECK(test::isReddish(hidden.pixel(inPatch)));
}

TEST_CASE("a selected muscle is outlined and keeps its own colours and its painted point") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("gastrocnemius_trp1");
  const std::vector<Command> painted{command::SetVisible{"skin", false},
                                     command::ShowTriggerPoints{{}}};
  std::vector<Command> selected = painted;
  selected.push_back(command::Select{"gastrocnemius_medial_head"});
  Drawn plain(painted);
  Drawn outlined(selected);
  for (double mm : {0.5 * trp.point.radiusMm, 2.5 * trp.point.radiusMm}) {
    CAPTURE(mm);
    const glm::vec3 before(plain.pixel(above(trp.surfacePoint, mm)));
    const glm::vec3 after(outlined.pixel(above(trp.surfacePoint, mm)));
    CHECK(glm::length(after - before) < 12.0f); // the surface is not lit all over
  }
  CHECK(isCyan(outlined.pixel(above(trp.surfacePoint, 0.5 * trp.point.radiusMm))));
  // The outline's bright band, where there was none.
  const auto isOutline = [](glm::u8vec3 c) {
    return glm::length(glm::vec3(c) - glm::vec3(kOutlineColor * 255.0)) < 40.0f;
  };
  CHECK(test::countPixels(plain.image, 0, kPointsWidth, isOutline) < 20);
  CHECK(test::countPixels(outlined.image, 0, kPointsWidth, isOutline) > 300);
}

TEST_CASE("with the opaque skin, a target on the skin shows where the point lies") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("soleus_trp2");
  const glm::dvec3 spot = overSpot("skin", trp.point.id);
  const glm::dvec3 onRing = above(spot, 0.67 * trp.point.radiusMm);
  Drawn shown({command::ShowTriggerPoints{{trp.point.id}}});
  CAPTURE(glm::ivec3(shown.pixel(onRing)));
  CHECK(isCyan(shown.pixel(onRing)));
  // Open: inside the ring the skin shows again.
  const glm::u8vec3 inside = shown.pixel(above(spot, 0.3 * trp.point.radiusMm));
  CHECK_FALSE(isCyan(inside));
  CHECK(inside.r > inside.b + 40);

  Drawn none({});
  CHECK_FALSE(isCyan(none.pixel(onRing)));
}

TEST_CASE("the focused point's halo glows warm at time 0 and breathes with time") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("soleus_trp2");
  const glm::dvec3 onHalo = above(overSpot("skin", trp.point.id), 1.2 * trp.point.radiusMm);
  const std::vector<Command> focus{command::SelectTriggerPoint{trp.point.id}};
  Drawn still(focus);
  CAPTURE(glm::ivec3(still.pixel(onHalo)));
  // Shown with its zones but not in focus: the same picture without the halo.
  Drawn unfocused(
      {command::ShowTriggerPoints{{trp.point.id}}, command::ShowReferred{trp.point.id}});
  CHECK(brightness(still.pixel(onHalo)) > brightness(unfocused.pixel(onHalo)) + 100);
  Drawn again(focus);
  CHECK(again.image.rgb == still.image.rgb); // time 0 is one picture, every time

  Drawn halfPeriod(focus, 0.8);
  CHECK(brightness(halfPeriod.pixel(onHalo)) + 40 < brightness(still.pixel(onHalo)));
}

namespace {

// The mean colour of the square of side 2 * half + 1 around a pixel.
glm::dvec3 meanAround(const Image& image, glm::ivec2 centre, int half) {
  glm::dvec3 sum{0.0};
  int n = 0;
  for (int y = centre.y - half; y <= centre.y + half; ++y) {
    for (int x = centre.x - half; x <= centre.x + half; ++x) {
      sum += glm::dvec3(image.at(x, y));
      ++n;
    }
  }
  return sum / static_cast<double>(n);
}

} // namespace

TEST_CASE("referred zones: essential solid, spillover stippled, told apart from the skin and "
          "from each other with red-green colour blindness") {
  const ResolvedZone& heel = test::bundledTriggerPoint("soleus_trp1").zones.front();
  REQUIRE(heel.onModel);
  REQUIRE(heel.zone.kind == ZoneKind::Essential);
  Drawn essential({command::ShowReferred{"soleus_trp1"}});
  Drawn none({});
  const glm::ivec2 heelPixel = essential.screen(heel.centre);

  // gastrocnemius_trp1 spills over the back of the calf.
  const ResolvedTriggerPoint& gastrocnemius = test::bundledTriggerPoint("gastrocnemius_trp1");
  const ResolvedZone* spillover = nullptr;
  for (const ResolvedZone& zone : gastrocnemius.zones) {
    if (zone.zone.kind == ZoneKind::Spillover && zone.onModel && !spillover) {
      spillover = &zone;
    }
  }
  REQUIRE(spillover != nullptr);
  Drawn stippled({command::ShowReferred{gastrocnemius.point.id}});
  const glm::ivec2 spillPixel = stippled.screen(spillover->centre);

  // A few pixels across, as an eye takes in an area: the stipple's dots and ground together.
  const glm::dvec3 essentialColour = meanAround(essential.image, heelPixel, 2);
  const glm::dvec3 heelSkin = meanAround(none.image, heelPixel, 2);
  const glm::dvec3 spillColour = meanAround(stippled.image, spillPixel, 8);
  const glm::dvec3 calfSkin = meanAround(none.image, spillPixel, 8);
  for (test::Dichromacy vision :
       {test::Dichromacy::None, test::Dichromacy::Deuteranopia, test::Dichromacy::Protanopia}) {
    CAPTURE(static_cast<int>(vision));
    CAPTURE(essentialColour);
    CAPTURE(spillColour);
    CHECK(test::perceivedDistance(essentialColour, heelSkin, vision) > 40.0);
    CHECK(test::perceivedDistance(spillColour, calfSkin, vision) > 20.0);
    CHECK(test::perceivedDistance(essentialColour, spillColour, vision) > 20.0);
  }

  // Stippled, not solid: dark dots on a lighter ground around the spillover's centre.
  int dots = 0, ground = 0;
  double lightest = 0.0;
  std::vector<double> lightness;
  for (int y = spillPixel.y - 8; y <= spillPixel.y + 8; ++y) {
    for (int x = spillPixel.x - 8; x <= spillPixel.x + 8; ++x) {
      lightness.push_back(test::cielab(test::linearRgb(glm::dvec3(stippled.image.at(x, y)))).x);
      lightest = std::max(lightest, lightness.back());
    }
  }
  for (double l : lightness) {
    dots += l < lightest - 30.0 ? 1 : 0;
    ground += l > lightest - 10.0 ? 1 : 0;
  }
  CAPTURE(dots);
  CAPTURE(ground);
  CHECK(dots > 10);
  CHECK(ground > dots);
}

TEST_CASE("on a left leg the patch is painted where the mirrored muscle has the point") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("gastrocnemius_trp1");
  const glm::dvec3 mirrored{-trp.surfacePoint.x, trp.surfacePoint.y, trp.surfacePoint.z};
  Drawn left({command::SetSide{Side::Left}, command::SetVisible{"skin", false},
              command::ShowTriggerPoints{{trp.point.id}}});
  CAPTURE(glm::ivec3(left.pixel(above(mirrored, 0.5 * trp.point.radiusMm))));
  CHECK(isCyan(left.pixel(above(mirrored, 0.5 * trp.point.radiusMm))));
  CHECK(test::isReddish(left.pixel(above(mirrored, 2.5 * trp.point.radiusMm))));
}
