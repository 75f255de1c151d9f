// Where each label goes: plain geometry in the pixels of a picture, no VTK, no atlas, no
// ImGui, so that it is tested alone and the same layout serves the viewer and `sura render`.
//
// The caller lays a grid over the 3D view and says what is seen in each cell (which labelled
// part, some other part of the model, or nothing); gives each label its box size and its part
// (or, for a point such as a trigger point's mark, the anchor itself); and says where labels
// may not go (the panel, insets, legends). layoutLabels picks an anchor on each part where it
// is seen (the cell deepest inside what shows of it, never a hidden centroid), then puts the
// labels in two columns beside the model, left and right, each label level with its anchor as
// far as the others allow, so that leader lines run out sideways without crossing; a label
// that does not fit there goes to the free place nearest its anchor. A label never overlaps
// another, a keep-out box, or the part it names; one that cannot be placed so is left out.
#pragma once

#include <glm/vec2.hpp>

#include <optional>
#include <vector>

namespace sura {

/// An axis-aligned box in pixels, x right, y down; x0 <= x1, y0 <= y1.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  glm::dvec2 centre() const { return {0.5 * (x0 + x1), 0.5 * (y0 + y1)}; }
  /// Interiors meet (boxes that only touch along an edge do not overlap).
  bool overlaps(const Box& other) const {
    return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
  }
  /// `other` lies wholly inside.
  bool contains(const Box& other) const {
    return other.x0 >= x0 && other.x1 <= x1 && other.y0 >= y0 && other.y1 <= y1;
  }
};

/// A grid cell where nothing of the model is seen.
inline constexpr int kNothingSeen = -1;
/// A cell where the model is seen but no labelled part (the skin seen through, a part not
/// labelled).
inline constexpr int kUnlabelledPart = -2;

/// What is seen in each cell of a grid laid over the view: a region (0, 1, ...: one labelled
/// part each), kUnlabelledPart or kNothingSeen. Cell (c, r) covers
/// [origin.x + c * cell, origin.x + (c + 1) * cell) x [origin.y + r * cell, ...).
struct RegionGrid {
  glm::dvec2 origin{0.0};
  double cell = 8.0;
  int columns = 0;
  int rows = 0;
  std::vector<int> cells; ///< row by row, columns * rows

  int at(int column, int row) const {
    return cells[static_cast<std::size_t>(row) * columns + column];
  }
  Box cellBox(int column, int row) const {
    return {origin.x + column * cell, origin.y + row * cell, origin.x + (column + 1) * cell,
            origin.y + (row + 1) * cell};
  }
  glm::dvec2 cellCentre(int column, int row) const {
    return {origin.x + (column + 0.5) * cell, origin.y + (row + 0.5) * cell};
  }
};

/// One label to place.
struct LabelRequest {
  glm::dvec2 size{0.0}; ///< of its box, pixels
  /// The same label wrapped onto more lines (narrower, taller), for where it does not fit
  /// beside the model as it is; nullopt: it cannot be wrapped.
  std::optional<glm::dvec2> narrowSize;
  /// The part it names: a region of the grid; or kNothingSeen with `anchor` set (a point).
  int region = kNothingSeen;
  /// A given anchor (a trigger point's mark on the model), used instead of one chosen in the
  /// region; the disc of `anchorRadius` round it is kept clear like the part's silhouette.
  std::optional<glm::dvec2> anchor;
  double anchorRadius = 0;
};

struct LayoutSettings {
  Box view;                 ///< labels stay inside it (the 3D view)
  std::vector<Box> keepOut; ///< and off these (the panel, an inset, a legend)
  double gap = 6;           ///< between the model and a label, and between labels, pixels
  /// A region seen in fewer cells is not labelled: a sliver names nothing a class can see.
  int minRegionCells = 6;
};

/// Where one label went. Not placed: its part is not seen (or hardly), or no free place
/// was left.
struct LabelPlacement {
  bool placed = false;
  glm::dvec2 anchor{0.0};  ///< the leader's end on the part (a cell of its region seen)
  Box box;                 ///< the label
  bool narrow = false;     ///< the box is the request's narrowSize
  glm::dvec2 lineEnd{0.0}; ///< the leader's end on the box's edge
};

/// Places the labels, in the order given as priority (when room runs out, the last are left
/// out). Deterministic: the same input gives the same output.
std::vector<LabelPlacement> layoutLabels(const RegionGrid& grid,
                                         const std::vector<LabelRequest>& labels,
                                         const LayoutSettings& settings);

/// The anchor of a region: the centre of its cell farthest from any cell not of the region
/// (ties: nearest the region's centroid, then the first in row order); nullopt when the
/// region has no cell.
std::optional<glm::dvec2> regionAnchor(const RegionGrid& grid, int region);

/// Number of the region's cells whose box meets the box's interior (its silhouette covered).
int coveredCells(const RegionGrid& grid, int region, const Box& box);

/// Whether segments ab and cd cross (share a point other than a common end).
bool segmentsCross(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, glm::dvec2 d);

} // namespace sura
