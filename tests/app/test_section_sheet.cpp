// What `sura section` draws, before any drawing: which structures, in which order, where,
// with which letters and captions. Small atlases made in memory, boxes for meshes.
#include "app/section_image.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sura;

namespace {

TriangleMesh box(glm::dvec3 lo, glm::dvec3 hi) {
  TriangleMesh m;
  for (int k = 0; k < 8; ++k) {
    m.points.push_back({k & 1 ? hi.x : lo.x, k & 2 ? hi.y : lo.y, k & 4 ? hi.z : lo.z});
  }
  m.triangles = {{0, 2, 1}, {1, 2, 3}, {4, 5, 6}, {5, 7, 6}, {0, 1, 4}, {1, 5, 4},
                 {2, 6, 3}, {3, 6, 7}, {0, 4, 2}, {2, 4, 6}, {1, 3, 5}, {3, 7, 5}};
  return m;
}

Structure colouredStructure(const std::string& id, glm::vec3 color,
                            const std::string& parent = "") {
  Structure s;
  s.id = id;
  s.color = color;
  s.parent = parent;
  s.mesh = id + ".vtp";
  return s;
}

// A right leg in boxes, the nerve listed first: the order drawn must not be the manifest's.
LoadedAtlas boxLeg() {
  LoadedAtlas leg;
  leg.atlas.landmarks.kneeJointLineZ = 0;
  leg.atlas.landmarks.legLength = 400;
  Structure group = colouredStructure("heads", {0.5f, 0.0f, 0.0f});
  group.mesh.clear();
  leg.atlas.structures = {colouredStructure("nerve", {1, 1, 0}),
                          colouredStructure("skin", {1, 0.8f, 0.6f}), group,
                          colouredStructure("lateral_head", {0.8f, 0.2f, 0.2f}, "heads"),
                          colouredStructure("fibula", {0.9f, 0.9f, 0.8f})};
  leg.meshes["nerve"] = box({-2, -32, -300}, {2, -28, 10});
  leg.meshes["skin"] = box({-50, -50, -400}, {50, 50, 10});
  leg.meshes["lateral_head"] = box({5, -45, -200}, {35, -5, 10}); // lateral = +x, posterior
  leg.meshes["fibula"] = box({30, 0, -400}, {40, 10, 10});
  return leg;
}

double meanU(const SectionRegion& region) {
  double sum = 0;
  std::size_t n = 0;
  for (const SectionLoop& loop : region.loops) {
    for (const glm::dvec2& p : loop.points) {
      sum += p.x;
      ++n;
    }
  }
  return n ? sum / double(n) : 0.0;
}

} // namespace

TEST_CASE("levels, heights and captions") {
  Landmarks landmarks;
  landmarks.kneeJointLineZ = 10;
  landmarks.legLength = 390;
  CHECK(heightOfLevel(landmarks, 0.3) == doctest::Approx(10 - 117));
  CHECK(levelOfHeight(landmarks, -107) == doctest::Approx(0.3));
  CHECK(levelTitle(landmarks, heightOfLevel(landmarks, 0.3)) == "t 0.30");
  CHECK(levelSubtitle(landmarks, heightOfLevel(landmarks, 0.3)) ==
        "117 mm below the knee joint line");
  CHECK(levelTitle(landmarks, heightOfLevel(landmarks, -0.05)) == "t -0.05");
  CHECK(levelSubtitle(landmarks, heightOfLevel(landmarks, -0.05)) ==
        "20 mm above the knee joint line");
  CHECK(levelTitle(landmarks, 10) == "t 0.00");
  CHECK(levelSubtitle(landmarks, 10) == "at the knee joint line");
  CHECK(levelTitle(landmarks, heightOfLevel(landmarks, 0.125)) == "t 0.125");
}

TEST_CASE("the picture: the size asked for, else one square panel per level") {
  SectionOptions options;
  options.levels = {0.3};
  CHECK(sectionImageSize(options).width == kSectionPanelSide);
  CHECK(sectionImageSize(options).height == kSectionPanelSide);
  options.levels = {0.1, 0.2, 0.3};
  CHECK(sectionImageSize(options).width == 3 * kSectionPanelSide);
  options.levels.assign(kMaxSectionLevels, 0.3);
  CHECK(sectionImageSize(options).width <= kMaxImageSide);
  options.size = ImageSize{640, 480};
  CHECK(sectionImageSize(options).width == 640);
}

TEST_CASE("every shown structure with a mesh is cut, the largest drawn first") {
  const LoadedAtlas leg = boxLeg();
  const SectionSheet sheet = sectionSheet(leg, AppState{}, {-100, -250, -500});
  REQUIRE(sheet.panels.size() == 3);
  const SectionPanel& calf = sheet.panels[0];
  CHECK(calf.title == "t 0.25");
  CHECK(calf.subtitle == "100 mm below the knee joint line");
  // skin, lateral head, fibula, nerve: by area; the grouping node has no mesh and is skipped.
  REQUIRE(calf.regions.size() == 4);
  CHECK(calf.regions[0].color == glm::vec3(1, 0.8f, 0.6f));
  CHECK(calf.regions[1].color == glm::vec3(0.8f, 0.2f, 0.2f));
  CHECK(calf.regions[3].color == glm::vec3(1, 1, 0));
  for (const SectionRegion& region : calf.regions) {
    REQUIRE(region.loops.size() == 1);
    CHECK(region.loops[0].closed);
    CHECK(signedArea(region.loops[0].points) > 0);
  }
  // Lower down the head has ended; below the leg nothing is cut.
  CHECK(sheet.panels[1].regions.size() == 3);
  CHECK(sheet.panels[2].regions.empty());
}

TEST_CASE(
    "radiological view: anterior up, lateral of a right leg on the left; a left leg mirrored") {
  const LoadedAtlas leg = boxLeg();
  const SectionSheet right = sectionSheet(leg, AppState{}, {-100});
  CHECK(right.directions.top == "A");
  CHECK(right.directions.bottom == "P");
  CHECK(right.directions.left == "L");
  CHECK(right.directions.right == "M");
  CHECK(right.note.find("right leg") != std::string::npos);
  const SectionRegion& fibula = right.panels[0].regions[2];
  CHECK(meanU(fibula) < 0);                // the patient's right: the picture's left
  CHECK(fibula.loops[0].points[0].y >= 0); // anterior: up

  AppState mirrored;
  apply(mirrored, leg.atlas, command::SetSide{Side::Left});
  const SectionSheet left = sectionSheet(leg, mirrored, {-100});
  CHECK(left.directions.left == "M");
  CHECK(left.directions.right == "L");
  CHECK(left.note.find("left leg") != std::string::npos);
  CHECK(meanU(left.panels[0].regions[2]) > 0);
  CHECK(signedArea(left.panels[0].regions[2].loops[0].points) > 0);

  // An atlas of a left leg shown as it is (the leg a command starts from): a left leg, not
  // mirrored, lateral on the picture's right; asked for the right leg, it is mirrored.
  LoadedAtlas leftAtlas = boxLeg();
  leftAtlas.atlas.frame.side = "left";
  AppState own;
  apply(own, leftAtlas.atlas, command::SetSide{startSide(leftAtlas.atlas, std::nullopt)});
  const SectionSheet ownSheet = sectionSheet(leftAtlas, own, {-100});
  CHECK(ownSheet.directions.right == "L");
  CHECK(ownSheet.note.find("left leg") != std::string::npos);
  CHECK(meanU(ownSheet.panels[0].regions[2]) == doctest::Approx(meanU(fibula))); // as it is
  AppState other;
  apply(other, leftAtlas.atlas, command::SetSide{Side::Right});
  const SectionSheet otherSheet = sectionSheet(leftAtlas, other, {-100});
  CHECK(otherSheet.directions.left == "L");
  CHECK(otherSheet.note.find("right leg") != std::string::npos);
  CHECK(meanU(otherSheet.panels[0].regions[2]) == doctest::Approx(-meanU(fibula))); // mirrored
}

TEST_CASE("hidden structures are left out; hiding a group leaves out its children") {
  const LoadedAtlas leg = boxLeg();
  AppState state;
  apply(state, leg.atlas, command::SetVisible{"skin", false});
  apply(state, leg.atlas, command::SetVisible{"heads", false});
  const SectionSheet sheet = sectionSheet(leg, state, {-100});
  REQUIRE(sheet.panels[0].regions.size() == 2);
  for (const SectionRegion& region : sheet.panels[0].regions) {
    CHECK(region.color != glm::vec3(1, 0.8f, 0.6f));
    CHECK(region.color != glm::vec3(0.8f, 0.2f, 0.2f));
  }
}
