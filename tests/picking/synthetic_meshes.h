// Analytic meshes and atlases for the picking tests and the benchmark: boxes whose depths can
// be worked out by hand, ellipsoids to make a large atlas.
#pragma once

#include "atlas/atlas.h"
#include "geometry/mesh.h"

#include <glm/vec3.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sura::testmesh {

/// Axis-aligned box, 12 triangles, counter-clockwise seen from outside.
inline TriangleMesh box(const glm::dvec3& lo, const glm::dvec3& hi) {
  TriangleMesh m;
  for (int i = 0; i < 8; ++i) {
    m.points.emplace_back(i & 1 ? hi.x : lo.x, i & 2 ? hi.y : lo.y, i & 4 ? hi.z : lo.z);
  }
  m.triangles = {{0, 4, 6}, {0, 6, 2}, {1, 3, 7}, {1, 7, 5}, {0, 1, 5}, {0, 5, 4},
                 {2, 6, 7}, {2, 7, 3}, {0, 2, 3}, {0, 3, 1}, {4, 5, 7}, {4, 7, 6}};
  return m;
}

/// Latitude-longitude ellipsoid with a vertex at each pole: 2 * segments * (rings - 1)
/// triangles, closed, counter-clockwise seen from outside.
inline TriangleMesh ellipsoid(const glm::dvec3& centre, const glm::dvec3& radii, int rings,
                              int segments) {
  TriangleMesh m;
  const double pi = std::acos(-1.0);
  m.points.push_back(centre + glm::dvec3(0, 0, -radii.z)); // south pole
  for (int r = 1; r < rings; ++r) {
    const double theta = pi * r / rings - pi / 2; // latitude
    for (int s = 0; s < segments; ++s) {
      const double phi = 2 * pi * s / segments;
      m.points.push_back(centre + glm::dvec3(radii.x * std::cos(theta) * std::cos(phi),
                                             radii.y * std::cos(theta) * std::sin(phi),
                                             radii.z * std::sin(theta)));
    }
  }
  const auto north = static_cast<std::uint32_t>(m.points.size());
  m.points.push_back(centre + glm::dvec3(0, 0, radii.z));
  const auto at = [segments](int ring, int s) {
    return static_cast<std::uint32_t>(1 + (ring - 1) * segments + (s % segments));
  };
  for (int s = 0; s < segments; ++s) {
    m.triangles.push_back({0u, at(1, s + 1), at(1, s)});
    m.triangles.push_back({north, at(rings - 1, s), at(rings - 1, s + 1)});
  }
  for (int r = 1; r + 1 < rings; ++r) {
    for (int s = 0; s < segments; ++s) {
      m.triangles.push_back({at(r, s), at(r, s + 1), at(r + 1, s + 1)});
      m.triangles.push_back({at(r, s), at(r + 1, s + 1), at(r + 1, s)});
    }
  }
  return m;
}

/// A manifest entry with what the picker reads.
inline Structure structure(const std::string& id, const std::string& name,
                           const std::string& group) {
  Structure s;
  s.id = id;
  s.name = name;
  s.group = group;
  s.mesh = id + ".vtp";
  return s;
}

/// An atlas holding the given structures, right leg, knee joint line at z = 0, L = 390.
inline Atlas atlasOf(std::vector<Structure> structures) {
  Atlas a;
  a.name = "synthetic";
  a.version = 1;
  a.structures = std::move(structures);
  return a;
}

} // namespace sura::testmesh
