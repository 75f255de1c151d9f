// A point of the leg told in landmark terms (docs/anatomy.md): what picking says of a click and
// what the needle readout says of its entry and tip. Plain data.
#pragma once

#include <string>

namespace sura {

/// A point told in landmark terms, the way a teacher would place it on the leg.
struct PointDescription {
  std::string structure;      ///< id, empty when the point is on no structure
  std::string name;           ///< the atlas's English name
  std::string leg;            ///< "right" or "left": the leg as shown
  double belowKneeMm = 0;     ///< below the knee joint line; negative above it
  double t = 0;               ///< belowKneeMm / leg length (docs/anatomy.md)
  double lateralOffsetMm = 0; ///< from the midline at that height: + lateral, - medial
  /// Position across the leg at that height: -1 at the medial edge of the skin's section, 0 at
  /// the midline, +1 at the lateral edge (docs/anatomy.md's m); NaN without a skin.
  double m = 0;
  /// posterior, posteromedial, medial, anteromedial, anterior, anterolateral, lateral or
  /// posterolateral: the direction of the point from the midline; empty on the midline itself.
  std::string surface;
  /// Below the skin, mm: along the ray from where it entered the skin, or, without such an
  /// entry, the distance to the skin surface. Negative outside the skin; NaN without a skin.
  double depthMm = 0;
  /// e.g. "Soleus, 182 mm below the knee joint line, 14 mm medial of the midline, posterior
  /// surface, 24 mm below the skin"
  std::string text;
};

} // namespace sura
