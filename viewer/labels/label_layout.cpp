#include "labels/label_layout.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sura {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;

enum class ColumnSide { Left, Right };

// Chamfer distance (steps 3 and 4, so 3 per cell side) from each cell to the nearest cell of
// another value, the grid's border counting as another value: how deep inside what is seen of
// its part a cell lies. One pass for every region at once.
std::vector<int> depthInside(const RegionGrid& grid) {
  const int w = grid.columns;
  const int h = grid.rows;
  std::vector<int> d(grid.cells.size(), std::numeric_limits<int>::max() / 2);
  const auto index = [w](int c, int r) { return static_cast<std::size_t>(r) * w + c; };
  const auto relax = [&](int c, int r, int nc, int nr, int step) {
    const std::size_t i = index(c, r);
    if (nc < 0 || nr < 0 || nc >= w || nr >= h) {
      d[i] = std::min(d[i], step);
      return;
    }
    const std::size_t n = index(nc, nr);
    d[i] = std::min(d[i], grid.cells[n] == grid.cells[i] ? d[n] + step : step);
  };
  for (int r = 0; r < h; ++r) {
    for (int c = 0; c < w; ++c) {
      relax(c, r, c - 1, r, 3);
      relax(c, r, c, r - 1, 3);
      relax(c, r, c - 1, r - 1, 4);
      relax(c, r, c + 1, r - 1, 4);
    }
  }
  for (int r = h - 1; r >= 0; --r) {
    for (int c = w - 1; c >= 0; --c) {
      relax(c, r, c + 1, r, 3);
      relax(c, r, c, r + 1, 3);
      relax(c, r, c + 1, r + 1, 4);
      relax(c, r, c - 1, r + 1, 4);
    }
  }
  return d;
}

struct RegionStats {
  int count = 0;
  glm::dvec2 sum{0.0};
  int bestDepth = -1;
  double bestCentroidDistance = kInf;
  std::optional<glm::dvec2> anchor;
};

// Anchors of every region from one distance transform.
std::vector<RegionStats> regionStats(const RegionGrid& grid, int regions) {
  std::vector<RegionStats> stats(static_cast<std::size_t>(std::max(regions, 0)));
  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.columns; ++c) {
      const int v = grid.at(c, r);
      if (v >= 0 && v < regions) {
        RegionStats& s = stats[static_cast<std::size_t>(v)];
        ++s.count;
        s.sum += grid.cellCentre(c, r);
      }
    }
  }
  const std::vector<int> depth = depthInside(grid);
  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.columns; ++c) {
      const int v = grid.at(c, r);
      if (v < 0 || v >= regions) {
        continue;
      }
      RegionStats& s = stats[static_cast<std::size_t>(v)];
      const int dv = depth[static_cast<std::size_t>(r) * grid.columns + c];
      const glm::dvec2 p = grid.cellCentre(c, r);
      const double toCentroid = glm::length(p - s.sum / static_cast<double>(s.count));
      // Row order decides the last ties: the first cell found keeps its place.
      if (dv > s.bestDepth || (dv == s.bestDepth && toCentroid < s.bestCentroidDistance)) {
        s.bestDepth = dv;
        s.bestCentroidDistance = toCentroid;
        s.anchor = p;
      }
    }
  }
  return stats;
}

// Grid cells a box's interior meets, clamped to the grid.
struct CellRange {
  int c0 = 0, c1 = -1, r0 = 0, r1 = -1;
};

CellRange cellsUnder(const RegionGrid& grid, const Box& box) {
  CellRange range;
  if (grid.columns <= 0 || grid.rows <= 0 || grid.cell <= 0.0) {
    return range;
  }
  const auto first = [&](double v, double origin, int n) {
    return std::clamp(static_cast<int>(std::floor((v - origin) / grid.cell)), 0, n);
  };
  const auto last = [&](double v, double origin, int n) {
    return std::clamp(static_cast<int>(std::ceil((v - origin) / grid.cell)) - 1, -1, n - 1);
  };
  range.c0 = first(box.x0, grid.origin.x, grid.columns);
  range.c1 = last(box.x1, grid.origin.x, grid.columns);
  range.r0 = first(box.y0, grid.origin.y, grid.rows);
  range.r1 = last(box.y1, grid.origin.y, grid.rows);
  return range;
}

// Cells of the model (any part seen) under a box.
int modelCellsUnder(const RegionGrid& grid, const Box& box) {
  const CellRange range = cellsUnder(grid, box);
  int count = 0;
  for (int r = range.r0; r <= range.r1; ++r) {
    for (int c = range.c0; c <= range.c1; ++c) {
      count += grid.at(c, r) != kNothingSeen ? 1 : 0;
    }
  }
  return count;
}

bool discMeetsBox(glm::dvec2 centre, double radius, const Box& box) {
  const glm::dvec2 nearest{std::clamp(centre.x, box.x0, box.x1),
                           std::clamp(centre.y, box.y0, box.y1)};
  return glm::length(nearest - centre) < radius ||
         (centre.x > box.x0 && centre.x < box.x1 && centre.y > box.y0 && centre.y < box.y1);
}

// Whether a segment passes within `radius` of a point.
bool segmentNear(glm::dvec2 a, glm::dvec2 b, glm::dvec2 p, double radius) {
  const glm::dvec2 d = b - a;
  const double length2 = glm::dot(d, d);
  const double t = length2 > 0.0 ? std::clamp(glm::dot(p - a, d) / length2, 0.0, 1.0) : 0.0;
  return glm::length(a + t * d - p) < radius;
}

// Whether a segment passes through a box's interior.
bool segmentMeetsBox(glm::dvec2 a, glm::dvec2 b, const Box& box) {
  // Liang-Barsky clipping against the open box.
  double t0 = 0.0;
  double t1 = 1.0;
  const glm::dvec2 d = b - a;
  const double p[4] = {-d.x, d.x, -d.y, d.y};
  const double q[4] = {a.x - box.x0, box.x1 - a.x, a.y - box.y0, box.y1 - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0.0) {
      if (q[i] <= 0.0) {
        return false;
      }
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0.0) {
      t0 = std::max(t0, t);
    } else {
      t1 = std::min(t1, t);
    }
    if (t0 >= t1) {
      return false;
    }
  }
  return t1 - t0 > 1e-9;
}

struct Item {
  std::size_t index = 0;
  glm::dvec2 anchor{0.0};
  glm::dvec2 size{0.0}; // the one in use
  std::optional<glm::dvec2> narrowSize;
  bool narrow = false; // size is narrowSize
  int region = kNothingSeen;
  ColumnSide side = ColumnSide::Left;
  double top = 0; // in a column
};

class Layout {
public:
  Layout(const RegionGrid& grid, const std::vector<LabelRequest>& labels,
         const LayoutSettings& settings)
      : grid_(grid), labels_(labels), settings_(settings), out_(labels.size()) {}

  std::vector<LabelPlacement> run() {
    int regions = 0;
    for (const LabelRequest& label : labels_) {
      regions = std::max(regions, label.region + 1);
    }
    const std::vector<RegionStats> stats = regionStats(grid_, regions);
    std::vector<Item> items;
    for (std::size_t i = 0; i < labels_.size(); ++i) {
      const LabelRequest& label = labels_[i];
      Item item;
      item.index = i;
      item.size = label.size;
      item.narrowSize = label.narrowSize;
      item.region = label.region;
      if (label.anchor) {
        item.anchor = *label.anchor;
        discs_.push_back({*label.anchor, label.anchorRadius});
      } else if (label.region >= 0 &&
                 stats[static_cast<std::size_t>(label.region)].count >= settings_.minRegionCells) {
        item.anchor = *stats[static_cast<std::size_t>(label.region)].anchor;
      } else {
        continue; // not seen, or hardly
      }
      if (label.size.x <= 0.0 || label.size.y <= 0.0 ||
          !settings_.view.contains(boxAt(item.anchor, {0.0, 0.0}))) {
        continue;
      }
      items.push_back(item);
    }
    measureModel(items);
    std::vector<Item> leftover = columns(items);
    for (const Item& item : leftover) {
      placeFreely(item);
    }
    return out_;
  }

private:
  struct Disc {
    glm::dvec2 centre;
    double radius;
  };

  static Box boxAt(glm::dvec2 topLeft, glm::dvec2 size) {
    return {topLeft.x, topLeft.y, topLeft.x + size.x, topLeft.y + size.y};
  }

  // Each grid row's leftmost and rightmost pixel of the model, and its bounds.
  void measureModel(const std::vector<Item>& items) {
    rowLeft_.assign(static_cast<std::size_t>(grid_.rows), kInf);
    rowRight_.assign(static_cast<std::size_t>(grid_.rows), -kInf);
    double x0 = kInf;
    double x1 = -kInf;
    for (int r = 0; r < grid_.rows; ++r) {
      for (int c = 0; c < grid_.columns; ++c) {
        if (grid_.at(c, r) == kNothingSeen) {
          continue;
        }
        const Box cell = grid_.cellBox(c, r);
        rowLeft_[static_cast<std::size_t>(r)] =
            std::min(rowLeft_[static_cast<std::size_t>(r)], cell.x0);
        rowRight_[static_cast<std::size_t>(r)] =
            std::max(rowRight_[static_cast<std::size_t>(r)], cell.x1);
        x0 = std::min(x0, cell.x0);
        x1 = std::max(x1, cell.x1);
      }
    }
    for (const Item& item : items) { // anchors given outside the grid's model
      x0 = std::min(x0, item.anchor.x);
      x1 = std::max(x1, item.anchor.x);
    }
    modelCentreX_ = x0 <= x1 ? 0.5 * (x0 + x1) : settings_.view.centre().x;
  }

  // The middle of the model across its rows near a height (a label goes to the side of its
  // anchor there: the knee's labels are not sent across the leg because the foot reaches far
  // forward below it); the whole model's middle where those rows show none of it.
  double modelMiddleAt(double y) const {
    const std::optional<double> left =
        modelEdge(ColumnSide::Left, y - 2.0 * grid_.cell, y + 2.0 * grid_.cell);
    const std::optional<double> right =
        modelEdge(ColumnSide::Right, y - 2.0 * grid_.cell, y + 2.0 * grid_.cell);
    return left && right ? 0.5 * (*left + *right) : modelCentreX_;
  }

  // The model's extent toward one side over the rows a box spans; nullopt when none of them
  // shows the model.
  std::optional<double> modelEdge(ColumnSide side, double y0, double y1) const {
    std::optional<double> edge;
    const CellRange range =
        cellsUnder(grid_, Box{grid_.origin.x, y0, grid_.origin.x + grid_.cell, y1});
    for (int r = range.r0; r <= range.r1; ++r) {
      const double left = rowLeft_[static_cast<std::size_t>(r)];
      const double right = rowRight_[static_cast<std::size_t>(r)];
      if (left > right) {
        continue;
      }
      edge = side == ColumnSide::Left ? std::min(edge.value_or(kInf), left)
                                      : std::max(edge.value_or(-kInf), right);
    }
    return edge;
  }

  // The box of a column label at its top, hugging the model's outline on its side.
  LabelPlacement columnPlacement(const Item& item, double top) const {
    const double gap = settings_.gap;
    const std::optional<double> edge = modelEdge(item.side, top - gap, top + item.size.y + gap);
    LabelPlacement p;
    p.anchor = item.anchor;
    if (item.side == ColumnSide::Left) {
      const double right = edge.value_or(item.anchor.x) - gap;
      p.box = {right - item.size.x, top, right, top + item.size.y};
      p.lineEnd = {p.box.x1, p.box.centre().y};
    } else {
      const double left = edge.value_or(item.anchor.x) + gap;
      p.box = {left, top, left + item.size.x, top + item.size.y};
      p.lineEnd = {p.box.x0, p.box.centre().y};
    }
    p.placed = true;
    p.narrow = item.narrow;
    return p;
  }

  // Whether a label of this width fits beside the model on its side, level with its anchor.
  bool fitsBeside(const Item& item, double width) const {
    const double gap = settings_.gap;
    const double y0 = item.anchor.y - 0.5 * item.size.y;
    const std::optional<double> edge = modelEdge(item.side, y0 - gap, y0 + item.size.y + gap);
    const double room = item.side == ColumnSide::Left
                            ? edge.value_or(item.anchor.x) - gap - (settings_.view.x0 + 1.0)
                            : settings_.view.x1 - 1.0 - (edge.value_or(item.anchor.x) + gap);
    return width <= room;
  }

  // The wrapped size where the label as it is would not fit beside the model.
  void chooseWidth(Item& item) const {
    if (item.narrowSize && !fitsBeside(item, item.size.x) && item.narrowSize->x < item.size.x) {
      item.size = *item.narrowSize;
      item.narrow = true;
    }
  }

  // The hard rules: inside the view, off the keep-out boxes, the other labels, their
  // leaders, the part it names and every given anchor's disc.
  bool allowed(const LabelPlacement& p, const Item& item) const {
    const Box inner{settings_.view.x0 + 1.0, settings_.view.y0 + 1.0, settings_.view.x1 - 1.0,
                    settings_.view.y1 - 1.0};
    if (!inner.contains(p.box)) {
      return false;
    }
    for (const Box& k : settings_.keepOut) {
      if (k.overlaps(p.box) || segmentMeetsBox(p.anchor, p.lineEnd, k)) {
        return false;
      }
    }
    const Box spaced{p.box.x0 - 0.5 * settings_.gap, p.box.y0 - 0.5 * settings_.gap,
                     p.box.x1 + 0.5 * settings_.gap, p.box.y1 + 0.5 * settings_.gap};
    for (const LabelPlacement& other : out_) {
      if (!other.placed) {
        continue;
      }
      const Box otherSpaced{other.box.x0 - 0.5 * settings_.gap, other.box.y0 - 0.5 * settings_.gap,
                            other.box.x1 + 0.5 * settings_.gap, other.box.y1 + 0.5 * settings_.gap};
      if (spaced.overlaps(otherSpaced) || segmentMeetsBox(other.anchor, other.lineEnd, p.box) ||
          segmentMeetsBox(p.anchor, p.lineEnd, other.box)) {
        return false;
      }
    }
    if (item.region >= 0 && coveredCells(grid_, item.region, p.box) > 0) {
      return false;
    }
    for (const Disc& disc : discs_) {
      // Nor may its leader run over another point's mark.
      if (discMeetsBox(disc.centre, disc.radius, p.box) ||
          (disc.centre != p.anchor && segmentNear(p.anchor, p.lineEnd, disc.centre, disc.radius))) {
        return false;
      }
    }
    return true;
  }

  int crossings(const LabelPlacement& p) const {
    int n = 0;
    for (const LabelPlacement& other : out_) {
      if (other.placed && segmentsCross(p.anchor, p.lineEnd, other.anchor, other.lineEnd)) {
        ++n;
      }
    }
    return n;
  }

  // Top of each label of one column: as level with its anchor as the others let it be.
  // Labels that would overlap are gathered into a block centred on their anchors (the least
  // total displacement), kept inside the view.
  std::vector<double> stack(const std::vector<Item>& column) const {
    const double gap = settings_.gap;
    const double lo = settings_.view.y0 + gap;
    const double hi = settings_.view.y1 - gap;
    struct Block {
      std::size_t first = 0;
      double top = 0, height = 0, sum = 0;
      std::size_t count = 0;
    };
    std::vector<Block> blocks;
    const auto clampBlock = [&](Block& b) { b.top = std::max(lo, std::min(b.top, hi - b.height)); };
    for (std::size_t i = 0; i < column.size(); ++i) {
      Block b;
      b.first = i;
      b.height = column[i].size.y;
      b.top = column[i].anchor.y - 0.5 * column[i].size.y;
      b.sum = b.top;
      b.count = 1;
      clampBlock(b);
      while (!blocks.empty() && blocks.back().top + blocks.back().height + gap > b.top) {
        Block& prev = blocks.back();
        // Each label's wish, measured as the top the whole block would have.
        const double offset = prev.height + gap;
        prev.sum += b.sum - offset * static_cast<double>(b.count);
        prev.count += b.count;
        prev.height += gap + b.height;
        prev.top = prev.sum / static_cast<double>(prev.count);
        clampBlock(prev);
        b = prev;
        blocks.pop_back();
      }
      blocks.push_back(b);
    }
    std::vector<double> tops(column.size());
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      const std::size_t end = k + 1 < blocks.size() ? blocks[k + 1].first : column.size();
      double y = blocks[k].top;
      for (std::size_t i = blocks[k].first; i < end; ++i) {
        tops[i] = y;
        y += column[i].size.y + gap;
      }
    }
    return tops;
  }

  // Two columns beside the model. Returns the labels left for placeFreely.
  std::vector<Item> columns(std::vector<Item> items) {
    const double room = settings_.view.height() - 2.0 * settings_.gap;
    double used[2] = {0.0, 0.0};
    std::vector<Item> sides[2];
    std::vector<Item> leftover;
    for (Item& item : items) { // priority order: the first keep their side
      item.side =
          item.anchor.x < modelMiddleAt(item.anchor.y) ? ColumnSide::Left : ColumnSide::Right;
      chooseWidth(item);
      int s = item.side == ColumnSide::Left ? 0 : 1;
      if (used[s] + item.size.y + settings_.gap > room) {
        Item other = item; // the other side, as it is there
        other.side = s == 0 ? ColumnSide::Right : ColumnSide::Left;
        other.size = labels_[item.index].size;
        other.narrow = false;
        chooseWidth(other);
        if (used[1 - s] + other.size.y + settings_.gap <= room) {
          item = other;
          s = 1 - s;
        }
      }
      const double need = item.size.y + settings_.gap;
      if (used[s] + need > room) {
        leftover.push_back(item);
        continue;
      }
      used[s] += need;
      sides[s].push_back(item);
    }
    for (std::vector<Item>& column : sides) {
      std::stable_sort(column.begin(), column.end(),
                       [](const Item& a, const Item& b) { return a.anchor.y < b.anchor.y; });
      restack(column);
      untangle(column);
    }
    // Accepted in priority order, so that a rare clash costs the less important label.
    std::vector<Item> placedInColumns;
    for (std::vector<Item>& column : sides) {
      placedInColumns.insert(placedInColumns.end(), column.begin(), column.end());
    }
    std::stable_sort(placedInColumns.begin(), placedInColumns.end(),
                     [](const Item& a, const Item& b) { return a.index < b.index; });
    for (const Item& item : placedInColumns) {
      const LabelPlacement p = columnPlacement(item, item.top);
      if (allowed(p, item)) {
        out_[item.index] = p;
      } else {
        leftover.push_back(item);
      }
    }
    std::stable_sort(leftover.begin(), leftover.end(),
                     [](const Item& a, const Item& b) { return a.index < b.index; });
    return leftover;
  }

  // Crossing leaders within a column, as stacked.
  int columnCrossings(const std::vector<Item>& column) const {
    std::vector<LabelPlacement> placed;
    for (const Item& item : column) {
      placed.push_back(columnPlacement(item, item.top));
    }
    int n = 0;
    for (std::size_t i = 0; i < placed.size(); ++i) {
      for (std::size_t j = i + 1; j < placed.size(); ++j) {
        n += segmentsCross(placed[i].anchor, placed[i].lineEnd, placed[j].anchor, placed[j].lineEnd)
                 ? 1
                 : 0;
      }
    }
    return n;
  }

  void restack(std::vector<Item>& column) const {
    const std::vector<double> tops = stack(column);
    for (std::size_t i = 0; i < column.size(); ++i) {
      column[i].top = tops[i];
    }
  }

  // Neighbours in a column whose leaders cross trade places (the column stacked again), while
  // that leaves fewer crossings: the labels hug an outline, so order by anchor height alone
  // can still cross where the outline steps in or out.
  void untangle(std::vector<Item>& column) const {
    int crossings = columnCrossings(column);
    for (int pass = 0; pass < 8 && crossings > 0; ++pass) {
      bool better = false;
      for (std::size_t i = 0; i + 1 < column.size() && crossings > 0; ++i) {
        std::vector<Item> trial = column;
        std::swap(trial[i], trial[i + 1]);
        restack(trial);
        const int n = columnCrossings(trial);
        if (n < crossings) {
          column = std::move(trial);
          crossings = n;
          better = true;
        }
      }
      if (!better) {
        return;
      }
    }
  }

  // The free place nearest the anchor, in rings round it, preferring places off the model and
  // leaders that cross no other.
  void placeFreely(Item item) {
    // As it is, else wrapped, else the other way round.
    std::vector<Item> tries{item};
    if (item.narrowSize) {
      Item other = item;
      other.narrow = !item.narrow;
      other.size = other.narrow ? *item.narrowSize : labels_[item.index].size;
      tries.push_back(other);
    }
    for (const Item& attempt : tries) {
      if (placeFreelyAs(attempt)) {
        return;
      }
    }
  }

  bool placeFreelyAs(const Item& item) {
    const double gap = settings_.gap;
    const double step = std::max(item.size.y, 2.0 * gap);
    const double reach = glm::length(glm::dvec2(settings_.view.width(), settings_.view.height()));
    constexpr int kDirections = 16;
    std::optional<LabelPlacement> best;
    double bestCost = kInf;
    for (double d = 2.0 * gap; d <= reach; d += step) {
      for (int k = 0; k < kDirections; ++k) {
        const double angle = 2.0 * kPi * k / kDirections;
        const glm::dvec2 dir{std::cos(angle), std::sin(angle)};
        const double along = 0.5 * (std::abs(dir.x) * item.size.x + std::abs(dir.y) * item.size.y);
        const glm::dvec2 centre = item.anchor + dir * (d + along);
        LabelPlacement p;
        p.placed = true;
        p.narrow = item.narrow;
        p.anchor = item.anchor;
        p.box = boxAt(centre - 0.5 * item.size, item.size);
        p.lineEnd = {std::clamp(item.anchor.x, p.box.x0, p.box.x1),
                     std::clamp(item.anchor.y, p.box.y0, p.box.y1)};
        if (!allowed(p, item)) {
          continue;
        }
        const double cost =
            d + 2.0 * grid_.cell * modelCellsUnder(grid_, p.box) + 4.0 * reach * crossings(p);
        if (cost < bestCost) {
          bestCost = cost;
          best = p;
        }
      }
    }
    if (best) {
      out_[item.index] = *best;
    }
    return best.has_value();
  }

  const RegionGrid& grid_;
  const std::vector<LabelRequest>& labels_;
  const LayoutSettings& settings_;
  std::vector<LabelPlacement> out_;
  std::vector<Disc> discs_;
  std::vector<double> rowLeft_, rowRight_;
  double modelCentreX_ = 0;
};

} // namespace

std::optional<glm::dvec2> regionAnchor(const RegionGrid& grid, int region) {
  if (region < 0) {
    return std::nullopt;
  }
  return regionStats(grid, region + 1)[static_cast<std::size_t>(region)].anchor;
}

int coveredCells(const RegionGrid& grid, int region, const Box& box) {
  const CellRange range = cellsUnder(grid, box);
  int count = 0;
  for (int r = range.r0; r <= range.r1; ++r) {
    for (int c = range.c0; c <= range.c1; ++c) {
      count += grid.at(c, r) == region ? 1 : 0;
    }
  }
  return count;
}

bool segmentsCross(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, glm::dvec2 d) {
  if (a == c || a == d || b == c || b == d) {
    return false; // a common end: leaders from one anchor
  }
  const auto cross = [](glm::dvec2 u, glm::dvec2 v) { return u.x * v.y - u.y * v.x; };
  const double d1 = cross(b - a, c - a);
  const double d2 = cross(b - a, d - a);
  const double d3 = cross(d - c, a - c);
  const double d4 = cross(d - c, b - c);
  return ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0)) &&
         ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0));
}

std::vector<LabelPlacement> layoutLabels(const RegionGrid& grid,
                                         const std::vector<LabelRequest>& labels,
                                         const LayoutSettings& settings) {
  return Layout(grid, labels, settings).run();
}

} // namespace sura
