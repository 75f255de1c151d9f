// Plain triangle meshes, the currency between the atlas, picking and the model checks.
// No VTK, no GL: everything here is testable headless.
#pragma once

#include <glm/vec3.hpp>

#include <cstdint>
#include <vector>

namespace sura {

/// A triangle soup with shared vertices, in millimetres, in the Sura frame (RAS, origin at
/// the centre of the knee joint line). Triangles are counter-clockwise seen from outside.
struct TriangleMesh {
  std::vector<glm::dvec3> points;
  std::vector<glm::u32vec3> triangles;
};

/// Axis-aligned box; empty when lo > hi.
struct Aabb {
  glm::dvec3 lo{1e300};
  glm::dvec3 hi{-1e300};
  void add(const glm::dvec3& p);
  bool empty() const { return lo.x > hi.x; }
  glm::dvec3 size() const { return hi - lo; }
  glm::dvec3 center() const { return (lo + hi) * 0.5; }
};

Aabb bounds(const TriangleMesh& mesh);

} // namespace sura
