// The leg's landmark frame as the skin's horizontal sections describe it: t along the leg, m
// across it, the direction round it from the midline (docs/atlas-format.md). Trigger points,
// referred-pain zones and pins are all placed by it, so they use one convention.
// Pure C++ + glm: no VTK, no GL.
#pragma once

#include "atlas/atlas.h"
#include "geometry/bvh.h"
#include "geometry/mesh.h"
#include "picking/skin_midline.h"

#include <glm/vec3.hpp>

#include <string>

namespace sura {

class LegFrame {
public:
  /// Measures the skin's sections (SkinMidline) itself.
  LegFrame(const Atlas& atlas, const TriangleMesh& skin);
  /// With sections already measured (the picker's).
  LegFrame(const Atlas& atlas, SkinMidline midline);

  bool valid() const { return midline_.valid(); }
  /// +1 when lateral is +x (a right leg), -1 for a left leg.
  double lateralSign() const { return lateralSign_; }
  double zAt(double t) const;
  double tAt(double z) const;
  SkinLevel level(double z) const { return midline_.at(z); }

  double lateralHalf(const SkinLevel& l) const;
  double medialHalf(const SkinLevel& l) const;
  /// The x of position m (-1 medial edge, 0 the centroid, +1 lateral edge) at that level.
  double xAt(const SkinLevel& l, double m) const;
  /// m of a point; NaN when the section there has no width on that side.
  double mOf(const glm::dvec3& p) const;
  /// Degrees from lateral toward anterior, of the point seen from the midline at its height.
  double degreesOf(const glm::dvec3& p) const;
  /// Outward unit direction of a sector ("posterior", ...), Sura frame.
  glm::dvec3 outward(const std::string& sector) const;

  /// The line a location names, as a ray coming in from outside the leg: at z(t), through
  /// x(m) and the centroid's y, horizontal, from the side `surface`, starting `reach` mm out.
  /// For "posterior" and "anterior" it keeps x, so every point on it has exactly t and m.
  Ray locationRay(const TriggerPointLocation& location, double reach) const;
  /// Outward unit direction at `degrees` from lateral toward anterior, Sura frame.
  glm::dvec3 outwardAt(double degrees) const;
  /// The radial line of a pin's location, coming in from `reach` mm out: at z(t), from the
  /// midline outward at its degrees.
  Ray radialRay(const PinLocation& location, double reach) const;

private:
  Landmarks landmarks_;
  double lateralSign_;
  SkinMidline midline_;
};

/// The sector (legSurfaceNames()) that an angle from lateral toward anterior falls in.
std::string sectorName(double degrees);
/// The centre of a sector in degrees from lateral toward anterior.
double sectorDegrees(const std::string& name);

} // namespace sura
