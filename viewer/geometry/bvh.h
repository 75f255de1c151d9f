// Bounding volume hierarchy over one triangle mesh: ray casting (first hit, every layer along
// a ray), point containment and distance queries. The picking module builds one per mesh.
#pragma once

#include "geometry/mesh.h"

#include <glm/vec3.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace sura {

/// A half-line. The direction need not be unit length: it is normalised internally and every
/// distance t is reported in millimetres along it. A zero direction hits nothing.
struct Ray {
  glm::dvec3 origin;
  glm::dvec3 direction;
};

struct RayHit {
  double t;               ///< distance from the origin, mm
  std::uint32_t triangle; ///< index into the mesh's triangles
  glm::dvec3 point;       ///< origin + t * unit direction
  glm::dvec3 normal;      ///< unit geometric normal of the triangle as oriented (CCW)
  bool entering;          ///< dot(normal, direction) < 0: the ray goes in through the surface
};

/// The closest approach of a line segment to a surface (how near a needle path comes to it).
struct SegmentProximity {
  double distance = std::numeric_limits<double>::infinity(); ///< mm; 0 when the segment pierces
  glm::dvec3 onSegment{std::numeric_limits<double>::quiet_NaN()};
  glm::dvec3 onSurface{std::numeric_limits<double>::quiet_NaN()};
};

/// Binned-SAH BVH in a flat node array. The constructor copies the triangle corners it needs,
/// so the mesh may be destroyed afterwards. Degenerate triangles (zero area, repeated or
/// out-of-range indices, non-finite corners) are left out; an empty mesh is allowed and
/// answers every query with "nothing".
class MeshBvh {
public:
  explicit MeshBvh(const TriangleMesh& m);

  /// Nearest hit with tMin <= t <= tMax, both sides of every triangle count.
  std::optional<RayHit> intersectFirst(const Ray& r, double tMin = 0,
                                       double tMax = std::numeric_limits<double>::infinity()) const;

  /// Every hit with tMin <= t <= tMax, sorted by t. A ray through a shared edge or vertex
  /// reports the surface once: hits at the same t crossing in the same sense are merged, while
  /// a graze (one entering, one leaving at the same t) keeps both.
  std::vector<RayHit> intersectAll(const Ray& r, double tMin = 0,
                                   double tMax = std::numeric_limits<double>::infinity()) const;

  /// Inside a closed mesh: parity of the crossings along three fixed oblique rays, majority
  /// vote, so a ray that happens to run along an edge or a face cannot decide alone.
  bool contains(const glm::dvec3& p) const;

  /// Unsigned distance to the surface in mm; infinity for an empty mesh.
  double distance(const glm::dvec3& p) const;

  /// The point of the surface nearest to p; NaN coordinates for an empty mesh.
  glm::dvec3 closestPoint(const glm::dvec3& p) const;

  /// The exact smallest distance between the segment [a, b] and the surface, with the two
  /// closest points. Parts of the tree farther than `notBeyond` are skipped: if the surface is
  /// farther than that, the answer is infinity (the caller already knows something nearer).
  SegmentProximity
  nearestToSegment(const glm::dvec3& a, const glm::dvec3& b,
                   double notBeyond = std::numeric_limits<double>::infinity()) const;

  /// Bounds of the triangles kept (empty for an empty mesh).
  const Aabb& bounds() const { return bounds_; }

  /// Number of triangles kept, i.e. without the degenerate ones.
  std::size_t triangleCount() const { return ids_.size(); }

  /// Number of BVH nodes (for benchmarks and tests of the build).
  std::size_t nodeCount() const { return nodes_.size(); }

private:
  struct Node {
    glm::dvec3 lo, hi;
    std::uint32_t first; ///< leaf: first triangle; inner: left child (right is first + 1)
    std::uint32_t count; ///< leaf: number of triangles; 0 for an inner node
  };
  struct Corners {
    glm::dvec3 a, b, c;
  };
  struct Nearest {
    double distance2;
    glm::dvec3 point;
  };

  struct PreparedRay;

  template <typename OnHit>
  void traverse(const PreparedRay& r, double tMin, double tMax, OnHit&& onHit) const;
  RayHit makeHit(const PreparedRay& r, double t, std::uint32_t slot) const;
  Nearest nearest(const glm::dvec3& p) const;

  std::vector<Node> nodes_;
  std::vector<Corners> corners_;   ///< in leaf order
  std::vector<std::uint32_t> ids_; ///< mesh triangle index of each entry of corners_
  Aabb bounds_;
};

} // namespace sura
