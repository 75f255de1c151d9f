// The label layout alone, on grids drawn by hand: labels never overlap each other, the panel
// or the part they name; each leader starts on what is seen of its part; the same input
// gives the same layout.
#include "labels/label_layout.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using namespace sura;

namespace {

// A grid of `columns` x `rows` cells of `cell` pixels at `origin`, all kNothingSeen.
RegionGrid emptyGrid(int columns, int rows, double cell = 8.0, glm::dvec2 origin = {0.0, 0.0}) {
  RegionGrid grid;
  grid.origin = origin;
  grid.cell = cell;
  grid.columns = columns;
  grid.rows = rows;
  grid.cells.assign(static_cast<std::size_t>(columns) * rows, kNothingSeen);
  return grid;
}

void fill(RegionGrid& grid, int c0, int r0, int c1, int r1, int value) {
  for (int r = r0; r < r1; ++r) {
    for (int c = c0; c < c1; ++c) {
      grid.cells[static_cast<std::size_t>(r) * grid.columns + c] = value;
    }
  }
}

// A leg seen from behind, as the grid sees it: a tall body of parts in the middle of a view
// 800 x 600 pixels, with a panel along the left 160 pixels of the picture.
struct Leg {
  RegionGrid grid = emptyGrid(100, 75);
  std::vector<LabelRequest> labels;
  LayoutSettings settings;
};

Leg leg() {
  Leg l;
  RegionGrid& g = l.grid;
  fill(g, 45, 5, 70, 70, kUnlabelledPart); // the whole leg
  fill(g, 47, 8, 57, 30, 0);               // medial head
  fill(g, 57, 8, 67, 28, 1);               // lateral head
  fill(g, 48, 30, 66, 45, 2);              // soleus
  fill(g, 55, 45, 59, 62, 3);              // tendon
  fill(g, 50, 62, 64, 69, 4);              // heel
  fill(g, 46, 12, 47, 50, 5);              // a thin vein along the medial edge
  for (int region = 0; region < 6; ++region) {
    LabelRequest request;
    request.size = {110.0 + 10.0 * region, 40.0};
    request.region = region;
    l.labels.push_back(request);
  }
  l.settings.view = {160.0, 0.0, 800.0, 600.0};
  l.settings.keepOut = {{0.0, 0.0, 160.0, 600.0}};
  l.settings.gap = 6.0;
  return l;
}

int cellValueAt(const RegionGrid& grid, glm::dvec2 p) {
  const int c = static_cast<int>((p.x - grid.origin.x) / grid.cell);
  const int r = static_cast<int>((p.y - grid.origin.y) / grid.cell);
  REQUIRE(c >= 0);
  REQUIRE(r >= 0);
  REQUIRE(c < grid.columns);
  REQUIRE(r < grid.rows);
  return grid.at(c, r);
}

// Every rule a layout keeps, checked on its result.
void checkRules(const RegionGrid& grid, const std::vector<LabelRequest>& labels,
                const LayoutSettings& settings, const std::vector<LabelPlacement>& placed) {
  REQUIRE(placed.size() == labels.size());
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i].placed) {
      continue;
    }
    CAPTURE(i);
    const Box& box = placed[i].box;
    CHECK(settings.view.contains(box));
    const glm::dvec2 size = placed[i].narrow ? *labels[i].narrowSize : labels[i].size;
    CHECK(box.width() == doctest::Approx(size.x));
    CHECK(box.height() == doctest::Approx(size.y));
    for (const Box& k : settings.keepOut) {
      CHECK_FALSE(box.overlaps(k));
    }
    if (labels[i].region >= 0) {
      CHECK(coveredCells(grid, labels[i].region, box) == 0);
      CHECK(cellValueAt(grid, placed[i].anchor) == labels[i].region);
    } else {
      CHECK(placed[i].anchor == *labels[i].anchor);
    }
    // The leader ends on the box's edge.
    const glm::dvec2 e = placed[i].lineEnd;
    CHECK(e.x >= box.x0 - 1e-9);
    CHECK(e.x <= box.x1 + 1e-9);
    CHECK(e.y >= box.y0 - 1e-9);
    CHECK(e.y <= box.y1 + 1e-9);
    CHECK((e.x == box.x0 || e.x == box.x1 || e.y == box.y0 || e.y == box.y1));
    for (std::size_t j = i + 1; j < placed.size(); ++j) {
      if (placed[j].placed) {
        CAPTURE(j);
        CHECK_FALSE(box.overlaps(placed[j].box));
      }
    }
  }
}

bool samePlacements(const std::vector<LabelPlacement>& a, const std::vector<LabelPlacement>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].placed != b[i].placed || a[i].anchor != b[i].anchor || a[i].lineEnd != b[i].lineEnd ||
        a[i].box.x0 != b[i].box.x0 || a[i].box.y0 != b[i].box.y0 || a[i].box.x1 != b[i].box.x1 ||
        a[i].box.y1 != b[i].box.y1) {
      return false;
    }
  }
  return true;
}

int crossingLeaders(const std::vector<LabelPlacement>& placed) {
  int n = 0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    for (std::size_t j = i + 1; j < placed.size(); ++j) {
      if (placed[i].placed && placed[j].placed &&
          segmentsCross(placed[i].anchor, placed[i].lineEnd, placed[j].anchor, placed[j].lineEnd)) {
        ++n;
      }
    }
  }
  return n;
}

} // namespace

TEST_CASE("beside a leg with room around it every part gets a label, off the model") {
  const Leg l = leg();
  const std::vector<LabelPlacement> placed = layoutLabels(l.grid, l.labels, l.settings);
  checkRules(l.grid, l.labels, l.settings, placed);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    CAPTURE(i);
    REQUIRE(placed[i].placed);
    // Beside the leg, in the margins: not over any part of the model.
    const Box& box = placed[i].box;
    CHECK((box.x1 <= 45 * 8.0 || box.x0 >= 70 * 8.0));
  }
  CHECK(crossingLeaders(placed) == 0);
  // Medial parts (left of the leg's middle) on the left, lateral on the right.
  CHECK(placed[0].box.x1 <= 45 * 8.0);
  CHECK(placed[5].box.x1 <= 45 * 8.0);
  CHECK(placed[1].box.x0 >= 70 * 8.0);
}

TEST_CASE("the same input gives the same layout") {
  const Leg l = leg();
  const std::vector<LabelPlacement> first = layoutLabels(l.grid, l.labels, l.settings);
  for (int run = 0; run < 3; ++run) {
    CHECK(samePlacements(first, layoutLabels(l.grid, l.labels, l.settings)));
  }
}

TEST_CASE("a leader starts on what is seen of its part, not at a centroid it does not cover") {
  RegionGrid grid = emptyGrid(40, 40);
  // An L: its centroid lies in the empty corner between the arms.
  fill(grid, 5, 5, 12, 35, 0);
  fill(grid, 5, 28, 35, 35, 0);
  const std::optional<glm::dvec2> anchor = regionAnchor(grid, 0);
  REQUIRE(anchor);
  CHECK(cellValueAt(grid, *anchor) == 0);
  // Deep inside it: at least two cells from its edge.
  const int c = static_cast<int>(anchor->x / 8.0);
  const int r = static_cast<int>(anchor->y / 8.0);
  for (int dc = -2; dc <= 2; ++dc) {
    for (int dr = -2; dr <= 2; ++dr) {
      CHECK(grid.at(c + dc, r + dr) == 0);
    }
  }
  CHECK_FALSE(regionAnchor(grid, 1));
}

TEST_CASE("labels stay off the panel even where the model comes close to it") {
  Leg l = leg();
  // The leg moved left until it touches the panel: the left column has no room.
  RegionGrid moved = emptyGrid(100, 75);
  for (int r = 0; r < 75; ++r) {
    for (int c = 0; c < 100; ++c) {
      const int from = c + 24;
      moved.cells[static_cast<std::size_t>(r) * 100 + c] =
          from < 100 ? l.grid.at(from, r) : kNothingSeen;
    }
  }
  const std::vector<LabelPlacement> placed = layoutLabels(moved, l.labels, l.settings);
  checkRules(moved, l.labels, l.settings, placed);
  for (const LabelPlacement& p : placed) {
    REQUIRE(p.placed);
    CHECK(p.box.x0 >= 160.0);
  }
}

TEST_CASE("a model filling the view: labels go over other parts, never over their own") {
  RegionGrid grid = emptyGrid(60, 40);
  fill(grid, 0, 0, 60, 40, kUnlabelledPart);
  fill(grid, 0, 0, 20, 40, 0);
  fill(grid, 20, 0, 40, 40, 1);
  fill(grid, 40, 0, 60, 40, 2);
  std::vector<LabelRequest> labels(3);
  for (int i = 0; i < 3; ++i) {
    labels[static_cast<std::size_t>(i)].size = {100.0, 30.0};
    labels[static_cast<std::size_t>(i)].region = i;
  }
  LayoutSettings settings;
  settings.view = {0.0, 0.0, 480.0, 320.0};
  const std::vector<LabelPlacement> placed = layoutLabels(grid, labels, settings);
  checkRules(grid, labels, settings, placed);
  for (const LabelPlacement& p : placed) {
    CHECK(p.placed);
  }
}

TEST_CASE("when room runs out the last labels are left out, and the rest keep every rule") {
  Leg l = leg();
  // Twenty labels of 60 pixels each for 600 pixels of height on two sides.
  l.labels.clear();
  RegionGrid& g = l.grid;
  fill(g, 45, 5, 70, 70, kUnlabelledPart);
  for (int region = 0; region < 20; ++region) {
    fill(g, 46 + (region % 2) * 12, 6 + 3 * region, 57 + (region % 2) * 12, 9 + 3 * region, region);
    LabelRequest request;
    request.size = {120.0, 60.0};
    request.region = region;
    l.labels.push_back(request);
  }
  const std::vector<LabelPlacement> placed = layoutLabels(g, l.labels, l.settings);
  checkRules(g, l.labels, l.settings, placed);
  int shown = 0;
  for (const LabelPlacement& p : placed) {
    shown += p.placed ? 1 : 0;
  }
  CHECK(shown >= 12);
  CHECK(shown < 20);
  CHECK(placed[0].placed);
  CHECK(placed[1].placed);
}

TEST_CASE("a part hardly seen gets no label") {
  Leg l = leg();
  fill(l.grid, 60, 50, 62, 52, 6); // four cells
  LabelRequest request;
  request.size = {80.0, 20.0};
  request.region = 6;
  l.labels.push_back(request);
  const std::vector<LabelPlacement> placed = layoutLabels(l.grid, l.labels, l.settings);
  CHECK_FALSE(placed[6].placed);
  CHECK(placed[0].placed);
}

TEST_CASE("a point's label keeps off the point's mark and from the other labels") {
  Leg l = leg();
  LabelRequest point;
  point.size = {150.0, 24.0};
  point.anchor = glm::dvec2{52 * 8.0, 20 * 8.0};
  point.anchorRadius = 12.0;
  l.labels.insert(l.labels.begin(), point);
  const std::vector<LabelPlacement> placed = layoutLabels(l.grid, l.labels, l.settings);
  checkRules(l.grid, l.labels, l.settings, placed);
  REQUIRE(placed[0].placed);
  const Box& box = placed[0].box;
  const glm::dvec2 nearest{std::clamp(point.anchor->x, box.x0, box.x1),
                           std::clamp(point.anchor->y, box.y0, box.y1)};
  CHECK(glm::length(nearest - *point.anchor) >= point.anchorRadius);
}

TEST_CASE("any model, any labels: the rules hold (many generated cases)") {
  std::uint32_t seed = 12345u;
  const auto next = [&seed](int n) {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<int>((seed >> 8) % static_cast<std::uint32_t>(n));
  };
  for (int trial = 0; trial < 60; ++trial) {
    CAPTURE(trial);
    RegionGrid grid = emptyGrid(80, 60, 8.0, {100.0, 0.0});
    const int regions = 1 + next(12);
    std::vector<LabelRequest> labels;
    for (int region = 0; region < regions; ++region) {
      const int c0 = next(70);
      const int r0 = next(50);
      fill(grid, c0, r0, std::min(80, c0 + 2 + next(25)), std::min(60, r0 + 2 + next(30)), region);
      LabelRequest request;
      request.size = {40.0 + next(140), 18.0 + next(30)};
      request.region = region;
      labels.push_back(request);
    }
    if (next(2) == 0) {
      LabelRequest point;
      point.size = {100.0, 20.0};
      point.anchor = grid.cellCentre(next(80), next(60));
      point.anchorRadius = 5.0;
      labels.push_back(point);
    }
    LayoutSettings settings;
    settings.view = {100.0, 0.0, 740.0, 480.0};
    settings.keepOut = {{0.0, 0.0, 100.0, 480.0}, {600.0, 0.0, 740.0, 120.0}};
    const std::vector<LabelPlacement> placed = layoutLabels(grid, labels, settings);
    checkRules(grid, labels, settings, placed);
    CHECK(samePlacements(placed, layoutLabels(grid, labels, settings)));
  }
}

TEST_CASE("segments cross only when they pass through each other") {
  CHECK(segmentsCross({0, 0}, {10, 10}, {0, 10}, {10, 0}));
  CHECK_FALSE(segmentsCross({0, 0}, {10, 0}, {0, 5}, {10, 5}));
  CHECK_FALSE(segmentsCross({0, 0}, {10, 10}, {10, 10}, {20, 0})); // a common end
  CHECK_FALSE(segmentsCross({0, 0}, {4, 4}, {6, 6}, {10, 0}));
}
