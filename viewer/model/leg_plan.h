// The plan of the leg in horizontal section: the skin's outline, the subcutaneous layer under
// it, the axes of the tibia and fibula, and the fascial walls that split the interior into
// the four compartments. Muscles are then carved out of their compartment (leg_model.cpp),
// so that they fill it and touch their neighbours across a thin fascial gap, as in a
// dissection, instead of floating in an envelope.
//
// Frame: millimetres, RAS (+x lateral for this right leg, +y anterior, +z up), origin at the
// centre of the knee joint line. Angles round the leg (phi, degrees) are measured seen from
// above, counter-clockwise from lateral: 0 lateral, 90 anterior, 180 medial, 270 posterior.
#pragma once

#include "model/profile.h"
#include "model/sdf.h"

#include <glm/vec2.hpp>

#include <array>
#include <initializer_list>

namespace sura::model {

using Vec2 = glm::dvec2;

/// Values round the leg, every 360 / kRingSize degrees from phi = 0.
constexpr int kRingSize = 12;
using Ring = std::array<double, kRingSize>;

/// Everything the plan knows at one level z.
struct Level {
  Vec2 centre{0.0};              ///< centre of the skin outline's polar description
  Ring radius{};                 ///< skin outline radius round the leg
  Ring subcutis{};               ///< subcutaneous thickness round the leg
  Vec2 tibia{0.0}, fibula{0.0};  ///< bone axes
  Vec2 u{1.0, 0.0};              ///< unit vector tibia -> fibula (the interosseous membrane)
  Vec2 n{0.0, -1.0};             ///< unit normal of the membrane, pointing posterior
  double membraneLength = 40.0;  ///< |fibula - tibia|
  double deepHalfWidth = 30.0;   ///< deep posterior compartment: ellipse half-axis along u
  double deepDepth = 22.0;       ///< ... half-axis along n
  double deepOffset = 8.0;       ///< ... its centre behind the membrane's midpoint
  double deepCentreAlong = 16.0; ///< ... and along the membrane from the tibia's axis
};

class LegPlan {
public:
  LegPlan();

  /// The tabulated level nearest to z (tables every 0.25 mm).
  const Level& level(double z) const;

  /// Angle round the leg (degrees, 0 to 360) of a point in its level.
  double phiOf(const Vec& p) const;
  /// Outline radius and subcutaneous thickness at (z, phi), interpolated round the leg.
  double radius(double z, double phiDeg) const;
  double subcutis(double z, double phiDeg) const;

  /// Signed distance (in the level) to the skin's outline: negative inside.
  double outline(const Vec& p) const;
  /// Signed distance to the deep fascia: the outline inset by the subcutaneous layer.
  double interior(const Vec& p) const;

  /// The compartments, negative inside, each bounded by the deep fascia, the septa, the
  /// interosseous membrane and the bones' planes, and kept `gap`/2 off every wall so that two
  /// neighbours are `gap` apart.
  double anterior(const Vec& p, double gap) const;
  double lateral(const Vec& p, double gap) const;
  double posterior(const Vec& p, double gap) const;
  double deepPosterior(const Vec& p, double gap) const;
  double superficialPosterior(const Vec& p, double gap) const;

  /// The point `depth` mm under the skin outline at (z, phi).
  Vec underSkin(double z, double phiDeg, double depth) const;
  /// A point in the bones' frame at level z: `along` mm from the tibia's axis toward the
  /// fibula, `across` mm behind the membrane (negative: in front of it).
  Vec inBoneFrame(double z, double along, double across) const;

private:
  Level compute(double z) const;

  KeyTable skin_, subcutis_, tibia_, fibula_, deep_;
  double z0_, z1_;
  std::vector<Level> table_;
};

/// The intersection of several regions (their signed distances) with every edge where two
/// walls meet rounded over about k mm: muscles have no knife edges, and thin wedges would
/// pinch when meshed.
double roundedMax(std::initializer_list<double> terms, double k = 1.5);

/// Periodic Catmull-Rom through the ring's values; also its derivative per radian.
double aroundLeg(const Ring& v, double phiDeg, double* perRadian = nullptr);

} // namespace sura::model
