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

#include <cmath>

using namespace sura;

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 640;

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
  OffscreenRenderer offscreen{scene, kWidth, kHeight};
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
    vtkRenderer* renderer = scene.renderer();
    renderer->SetWorldPoint(world.x, world.y, world.z, 1.0);
    renderer->WorldToDisplay();
    double d[3];
    renderer->GetDisplayPoint(d);
    const int x = static_cast<int>(std::lround(d[0]));
    const int y = kHeight - 1 - static_cast<int>(std::lround(d[1])); // display rows go up
    REQUIRE(x >= 0);
    REQUIRE(x < kWidth);
    REQUIRE(y >= 0);
    REQUIRE(y < kHeight);
    return image.at(x, y);
  }
};

bool isCyan(glm::u8vec3 c) {
  return c.g > 110 && c.b > 110 && c.r + 60 < c.g;
}

bool isWarmGlow(glm::u8vec3 c) {
  return c.r > 200 && c.g > 150 && c.b + 80 < c.g;
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

TEST_CASE("the selection glow still lights a painted muscle") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("gastrocnemius_trp1");
  const std::vector<Command> painted{command::SetVisible{"skin", false},
                                     command::ShowTriggerPoints{{}}};
  std::vector<Command> selected = painted;
  selected.push_back(command::Select{"gastrocnemius_medial_head"});
  Drawn plain(painted);
  Drawn glowing(selected);
  for (double mm : {0.5 * trp.point.radiusMm, 2.5 * trp.point.radiusMm}) {
    CAPTURE(mm);
    const glm::u8vec3 before = plain.pixel(above(trp.surfacePoint, mm));
    const glm::u8vec3 after = glowing.pixel(above(trp.surfacePoint, mm));
    CHECK(after.r > before.r + 40); // the warm ambient glow, on the patch and beside it
  }
  CHECK(isCyan(glowing.pixel(above(trp.surfacePoint, 0.5 * trp.point.radiusMm))));
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
  CHECK(isWarmGlow(still.pixel(onHalo)));
  Drawn again(focus);
  CHECK(again.image.rgb == still.image.rgb); // time 0 is one picture, every time

  Drawn halfPeriod(focus, 0.8);
  CHECK(brightness(halfPeriod.pixel(onHalo)) + 40 < brightness(still.pixel(onHalo)));
}

TEST_CASE("referred zones: the essential zone solid red, the spillover stippled") {
  const ResolvedZone& heel = test::bundledTriggerPoint("soleus_trp1").zones.front();
  REQUIRE(heel.onModel);
  Drawn essential({command::ShowReferred{"soleus_trp1"}});
  CAPTURE(glm::ivec3(essential.pixel(heel.centre)));
  CHECK(test::isReddish(essential.pixel(heel.centre)));
  Drawn none({});
  CHECK_FALSE(test::isReddish(none.pixel(heel.centre)));

  // gastrocnemius_trp1 spills over the back of the calf: red dots on a lighter ground.
  const ResolvedTriggerPoint& gastrocnemius = test::bundledTriggerPoint("gastrocnemius_trp1");
  const ResolvedZone* spillover = nullptr;
  for (const ResolvedZone& zone : gastrocnemius.zones) {
    if (zone.zone.kind == ZoneKind::Spillover && zone.onModel && !spillover) {
      spillover = &zone;
    }
  }
  REQUIRE(spillover != nullptr);
  Drawn stippled({command::ShowReferred{gastrocnemius.point.id}});
  Drawn bare({});
  // Around the zone's centre: some pixels strongly red (dots), most lighter (the ground).
  int dots = 0, ground = 0, changed = 0;
  vtkRenderer* renderer = stippled.scene.renderer();
  renderer->SetWorldPoint(spillover->centre.x, spillover->centre.y, spillover->centre.z, 1.0);
  renderer->WorldToDisplay();
  double d[3];
  renderer->GetDisplayPoint(d);
  const int cx = static_cast<int>(d[0]);
  const int cy = kHeight - 1 - static_cast<int>(d[1]);
  for (int y = cy - 8; y <= cy + 8; ++y) {
    for (int x = cx - 8; x <= cx + 8; ++x) {
      const glm::u8vec3 c = stippled.image.at(x, y);
      dots += c.r > 120 && c.g < 60 ? 1 : 0;        // saturated red
      ground += c.r > c.g + 30 && c.g > 80 ? 1 : 0; // pink
      changed += glm::length(glm::vec3(c) - glm::vec3(bare.image.at(x, y))) > 30.0f ? 1 : 0;
    }
  }
  CAPTURE(dots);
  CAPTURE(ground);
  CHECK(dots > 10);
  CHECK(ground > dots); // stippled, not solid
  CHECK(changed > 17 * 17 / 2);
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
