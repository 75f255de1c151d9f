// The midline of the leg at every height: the centroid of the skin's horizontal section,
// tabulated once per atlas so that describing a picked point costs a lookup, not a cut.
#pragma once

#include "geometry/mesh.h"

#include <glm/vec2.hpp>

#include <vector>

namespace sura {

/// The skin's horizontal section at one height.
struct SkinLevel {
  glm::dvec2 centroid{0.0}; ///< x, y of the area centroid of the cut: the midline
  glm::dvec2 lo{0.0};       ///< smallest x, y of the cut points
  glm::dvec2 hi{0.0};       ///< largest x, y of the cut points
  double area = 0;          ///< mm^2 enclosed by the cut
};

class SkinMidline {
public:
  SkinMidline() = default;

  /// Cuts the skin every `step` mm over its height in one pass over the triangles. Cuts with
  /// no enclosed area (the very top and bottom, a skin that is not closed) are left out.
  explicit SkinMidline(const TriangleMesh& skin, double step = 1.0);

  /// True when at least one height has a section.
  bool valid() const { return !levels_.empty(); }

  /// The section at height z, interpolated between the two nearest cuts; above the top or below
  /// the bottom cut, the nearest one. Must not be called when !valid().
  SkinLevel at(double z) const;

private:
  struct Sample {
    double z;
    SkinLevel level;
  };
  std::vector<Sample> levels_; ///< ascending z
};

} // namespace sura
