// Distance from a line segment (a needle path) to a triangle surface: how close a needle along
// a picked ray comes to a nerve or a vessel. MeshBvh answers point and ray queries only, so the
// picker keeps this small tree of its own for the few nerve and vessel meshes.
#pragma once

#include "geometry/mesh.h"

#include <glm/vec3.hpp>

#include <cstdint>
#include <limits>
#include <vector>

namespace sura {

struct SegmentProximity {
  double distance = std::numeric_limits<double>::infinity(); ///< mm; 0 when the segment pierces
  glm::dvec3 onSegment{std::numeric_limits<double>::quiet_NaN()};
  glm::dvec3 onSurface{std::numeric_limits<double>::quiet_NaN()};
};

/// Bounding-box tree over one mesh for segment distance queries. Degenerate triangles (zero
/// area, repeated or out-of-range indices, non-finite corners) are left out; an empty mesh
/// answers infinity.
class SegmentDistanceTree {
public:
  explicit SegmentDistanceTree(const TriangleMesh& m);

  /// The exact smallest distance between the segment [a, b] and the surface, with the two
  /// closest points. Parts of the tree farther than `notBeyond` are skipped: if the surface is
  /// farther than that, the answer is infinity (the caller already knows something nearer).
  SegmentProximity nearest(const glm::dvec3& a, const glm::dvec3& b,
                           double notBeyond = std::numeric_limits<double>::infinity()) const;

  std::size_t triangleCount() const { return triangles_.size(); }

private:
  struct Node {
    glm::dvec3 lo, hi;
    std::uint32_t first; ///< leaf: first triangle; inner: left child (right is first + 1)
    std::uint32_t count; ///< leaf: number of triangles; 0 for an inner node
  };
  struct Triangle {
    glm::dvec3 a, b, c;
  };
  std::vector<Node> nodes_;
  std::vector<Triangle> triangles_; ///< in leaf order
};

} // namespace sura
