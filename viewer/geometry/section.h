// Horizontal cross-sections of a closed mesh: girth of the leg, width of a tendon, where a
// muscle belly starts and ends.
#pragma once

#include "geometry/mesh.h"

#include <cstddef>

namespace sura {

struct Section {
  double area = 0;          ///< mm^2 enclosed by the cut, from the oriented segments
  double perimeter = 0;     ///< mm, total length of the cut
  double hullPerimeter = 0; ///< mm, perimeter of the 2D convex hull: what a tape measure reads
  Aabb box;                 ///< bounds of the cut points, z = the plane; empty if nothing is cut
  std::size_t segments = 0; ///< cut segments of non-zero length
};

/// Cuts the mesh with the plane Z = z. Each triangle crossing the plane contributes one
/// segment, oriented by the triangle's outward normal so that the cut loops run
/// counter-clockwise seen from +Z and the shoelace sum over them is the enclosed area (positive
/// for a closed mesh with outward normals; holes subtract). A vertex exactly on the plane
/// counts as above it, so a plane through vertices or along a face gives well-formed loops.
/// Triangles with a repeated or out-of-range index are ignored.
Section sectionAtZ(const TriangleMesh& m, double z);

} // namespace sura
