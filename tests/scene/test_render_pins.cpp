// Pins drawn by the scene: the head where the pin's point projects, on the mirrored leg at the
// mirror image, lit when in focus, its note beside it; gone with its structure or the pin.
#include "fixture/fixture_atlas.h"
#include "pixels.h"
#include "scene/offscreen.h"
#include "scene/pin_drawing.h"
#include "scene/scene.h"

#include <doctest/doctest.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>

#include <cmath>

using namespace sura;

namespace {

constexpr int kPinsWidth = 480;
constexpr int kPinsHeight = 360;

// The pin on the back of the red cube (soleus), lateral of its middle, facing the camera of
// the posterior view.
Pin backPin(const std::string& text = "Palpate here") {
  return Pin{"soleus", {8.0, -20.0, -30.0}, {0.0, -1.0, 0.0}, text, std::nullopt};
}

struct Rendered {
  Image image;
  glm::ivec2 head{0};  ///< pixel (column, row from the top) where the pin's head centre projects
  glm::ivec2 point{0}; ///< where the pin's point (unmirrored) projects
};

glm::ivec2 pixelOf(vtkRenderer* renderer, const glm::dvec3& world) {
  renderer->SetWorldPoint(world.x, world.y, world.z, 1.0);
  renderer->WorldToDisplay();
  const double* d = renderer->GetDisplayPoint();
  return {static_cast<int>(std::lround(d[0])),
          kPinsHeight - 1 - static_cast<int>(std::lround(d[1]))};
}

Rendered render(const std::vector<Command>& commands) {
  test::TempDir dir;
  test::writeFixtureAtlas(dir.path());
  Scene scene(loadAtlas(dir.path()));
  OffscreenRenderer offscreen(scene, kPinsWidth, kPinsHeight);
  AppState state;
  for (const Command& c : commands) {
    apply(state, scene.atlas(), c);
  }
  scene.apply(state);
  Rendered r;
  r.image = offscreen.render();
  if (scene.pinDrawing().count() > 0) {
    r.head = pixelOf(scene.renderer(), scene.pinDrawing().headCentre(0));
  }
  r.point = pixelOf(scene.renderer(), backPin().point);
  return r;
}

bool isPinHead(glm::u8vec3 c) {
  return c.r < 80 && c.g < 90 && c.b < 130 && c.b > c.r + 10;
}
bool isFocusHead(glm::u8vec3 c) {
  return c.r > 200 && c.g > 130 && c.b < 90;
}
bool isRim(glm::u8vec3 c) {
  return c.r > 200 && c.g > 200 && c.b > 200;
}
bool isNote(glm::u8vec3 c) {
  return c.r > 235 && c.g > 225 && c.b > 140 && c.b < 215;
}

int countAround(const Image& image, glm::ivec2 at, int radius, bool (*predicate)(glm::u8vec3)) {
  int n = 0;
  for (int y = std::max(0, at.y - radius); y <= std::min(image.height - 1, at.y + radius); ++y) {
    for (int x = std::max(0, at.x - radius); x <= std::min(image.width - 1, at.x + radius); ++x) {
      n += predicate(image.at(x, y)) ? 1 : 0;
    }
  }
  return n;
}

} // namespace

TEST_CASE("a pin's head is drawn where its point projects, with its note beside it") {
  const Rendered without = render({});
  CHECK(test::isReddish(without.image.at(without.point.x, without.point.y)));
  CHECK(countAround(without.image, without.point, 40, isNote) == 0);

  const Rendered with = render({command::AddPin{backPin()}, command::FocusPin{std::nullopt}});
  // Seen from behind, the head stands out of the surface toward the camera: its centre
  // projects within a few pixels of the point, and that is where it is drawn.
  CHECK(std::abs(with.head.x - with.point.x) <= 3);
  CHECK(std::abs(with.head.y - with.point.y) <= 3);
  CHECK(isPinHead(with.image.at(with.head.x, with.head.y)));
  CHECK(countAround(with.image, with.head, 6, isPinHead) > 60);
  // A pale rim round the head, so that the dark head stands out on the red muscle: just
  // outside the head's radius to its left, above and below (the note is to its right).
  const int rim = static_cast<int>(kPinHeadPixels) + 1;
  CHECK(isRim(with.image.at(with.head.x - rim, with.head.y)));
  CHECK(isRim(with.image.at(with.head.x, with.head.y - rim)));
  CHECK(isRim(with.image.at(with.head.x, with.head.y + rim)));
  // The note, a pale yellow card, to the right of the head.
  const glm::ivec2 right{with.head.x + 50, with.head.y - 10};
  CHECK(countAround(with.image, right, 40, isNote) > 300);
  // Far from the pin the picture is as it was.
  CHECK(with.image.at(20, 20) == without.image.at(20, 20));
}

TEST_CASE("on the mirrored leg the pin is drawn at the mirror image of its point") {
  const Rendered right = render({command::AddPin{backPin()}, command::FocusPin{std::nullopt}});
  const Rendered left = render(
      {command::SetSide{Side::Left}, command::AddPin{backPin()}, command::FocusPin{std::nullopt}});
  // Lateral of the middle on both legs: right of the picture's middle on the right leg seen
  // from behind, left of it on the left leg.
  CHECK(right.head.x > kPinsWidth / 2 + 5);
  CHECK(left.head.x < kPinsWidth / 2 - 5);
  CHECK(std::abs((left.head.x - kPinsWidth / 2) + (right.head.x - kPinsWidth / 2)) <= 3);
  CHECK(isPinHead(left.image.at(left.head.x, left.head.y)));
  // Where the unmirrored point would be, the left leg shows its muscle.
  CHECK(test::isReddish(left.image.at(left.point.x, left.point.y)));
}

TEST_CASE("the pin in focus is lit; a pin goes with its structure and when deleted") {
  const Rendered focused = render({command::AddPin{backPin()}});
  CHECK(isFocusHead(focused.image.at(focused.head.x, focused.head.y)));

  const Rendered hidden =
      render({command::AddPin{backPin()}, command::SetVisible{"soleus", false}});
  CHECK_FALSE(isPinHead(hidden.image.at(hidden.point.x, hidden.point.y)));
  CHECK(countAround(hidden.image, hidden.point, 60, isNote) == 0);

  const Rendered deleted = render({command::AddPin{backPin()}, command::DeletePin{0}});
  CHECK(test::isReddish(deleted.image.at(deleted.point.x, deleted.point.y)));
}

TEST_CASE("a pin's note is numbered and wrapped to a few short lines") {
  CHECK(pinNoteText(3, "") == "3");
  CHECK(pinNoteText(1, "Palpate here") == "1  Palpate here");
  const std::string wrapped = pinNoteText(
      2, "The medial head is larger and reaches lower than the lateral one: see the diamond of "
         "the calf from behind");
  std::size_t lines = 1, longest = 0, run = 0;
  for (char c : wrapped) {
    if (c == '\n') {
      ++lines;
      run = 0;
    } else {
      longest = std::max(longest, ++run);
    }
  }
  CHECK(lines == kPinNoteLines);
  CHECK(longest <= kPinNoteLineChars);
  CHECK(wrapped.rfind("2  The medial head", 0) == 0);
  CHECK(wrapped.substr(wrapped.size() - 3) == "...");
  CHECK(pinNoteText(4, "one\ntwo") == "4  one\ntwo");
}
