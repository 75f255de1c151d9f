// Cross-sections of a closed mesh: girth of the leg, width of a tendon, where a muscle belly
// starts and ends (horizontal measures), and the cut outlines themselves, as closed loops on
// any plane, for drawing a section.
#pragma once

#include "geometry/mesh.h"

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include <cstddef>
#include <vector>

namespace sura {

struct Section {
  double area = 0;          ///< mm^2 enclosed by the cut, from the oriented segments
  double perimeter = 0;     ///< mm, total length of the cut
  double hullPerimeter = 0; ///< mm, perimeter of the 2D convex hull: what a tape measure reads
  Aabb box;                 ///< bounds of the cut points, z = the plane; empty if nothing is cut
  std::size_t segments = 0; ///< cut segments of non-zero length
};

/// The convex hull of 2D points, counter-clockwise, without repeating its first point (fewer
/// than three distinct points come back as they are, sorted).
std::vector<glm::dvec2> convexHull(std::vector<glm::dvec2> points);

/// Cuts the mesh with the plane Z = z. Each triangle crossing the plane contributes one
/// segment, oriented by the triangle's outward normal so that the cut loops run
/// counter-clockwise seen from +Z and the shoelace sum over them is the enclosed area (positive
/// for a closed mesh with outward normals; holes subtract). A vertex exactly on the plane
/// counts as above it, so a plane through vertices or along a face gives well-formed loops.
/// Triangles with a repeated or out-of-range index are ignored.
Section sectionAtZ(const TriangleMesh& m, double z);

/// A cutting plane with a 2D frame on it: a point p of the plane has the coordinates
/// (dot(p - origin, u), dot(p - origin, v)). u and v are unit vectors at right angles; the
/// plane is seen from the side its normal u x v points to (u to the right, v up).
struct SectionPlane {
  glm::dvec3 origin{0.0};
  glm::dvec3 u{1.0, 0.0, 0.0};
  glm::dvec3 v{0.0, 1.0, 0.0};
  glm::dvec3 normal() const { return glm::cross(u, v); }
};

/// One outline of a cut, in the plane's 2D frame (mm). A closed loop does not repeat its first
/// point at the end.
struct SectionLoop {
  std::vector<glm::dvec2> points;
  /// False where the mesh has a hole or a non-manifold edge, so the outline ends open.
  bool closed = true;
};

/// Cuts the mesh with the plane into its outlines, joined segment to segment through the
/// edges the triangles share (exactly, not by distance). As for sectionAtZ, a vertex on the
/// plane counts as on the normal's side, and loops around material run counter-clockwise in
/// the plane's frame (holes clockwise), so signedArea() of each outer loop is positive.
/// Loops of fewer than three distinct points (the plane only touching the mesh) are left out.
std::vector<SectionLoop> sectionLoops(const TriangleMesh& m, const SectionPlane& plane);

/// Shoelace area of a polygon, positive when it runs counter-clockwise; closes it itself.
double signedArea(const std::vector<glm::dvec2>& polygon);

/// A stretch of a line inside a region, as distances from the line's start, mm.
struct Interval {
  double from = 0;
  double to = 0;
};

/// Where the segment from a to b runs inside the region the closed loops bound (even-odd, so
/// holes are outside), as intervals from a, in order. Open loops are ignored.
std::vector<Interval> segmentInside(const std::vector<SectionLoop>& loops, const glm::dvec2& a,
                                    const glm::dvec2& b);

} // namespace sura
