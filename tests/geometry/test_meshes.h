// Analytic meshes shared by the geometry tests and the benchmark.
#pragma once

#include "geometry/mesh.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

namespace sura::testmesh {

/// Geodesic sphere: each icosahedron face cut into frequency^2 triangles, vertices pushed onto
/// the sphere. 20 * frequency^2 triangles, outward counter-clockwise, vertices shared.
inline TriangleMesh icosphere(double radius, int frequency, glm::dvec3 centre = glm::dvec3(0)) {
  const double g = (1.0 + std::sqrt(5.0)) / 2.0;
  const std::array<glm::dvec3, 12> ico = {{{-1, g, 0},
                                           {1, g, 0},
                                           {-1, -g, 0},
                                           {1, -g, 0},
                                           {0, -1, g},
                                           {0, 1, g},
                                           {0, -1, -g},
                                           {0, 1, -g},
                                           {g, 0, -1},
                                           {g, 0, 1},
                                           {-g, 0, -1},
                                           {-g, 0, 1}}};
  const int faces[20][3] = {{0, 11, 5}, {0, 5, 1},  {0, 1, 7},   {0, 7, 10}, {0, 10, 11},
                            {1, 5, 9},  {5, 11, 4}, {11, 10, 2}, {10, 7, 6}, {7, 1, 8},
                            {3, 9, 4},  {3, 4, 2},  {3, 2, 6},   {3, 6, 8},  {3, 8, 9},
                            {4, 9, 5},  {2, 4, 11}, {6, 2, 10},  {8, 6, 7},  {9, 8, 1}};
  TriangleMesh m;
  // A point is named by its integer barycentric weights on icosahedron vertices, so points on
  // shared edges and corners are created once.
  std::map<std::array<int, 6>, std::uint32_t> index;
  const int n = frequency;
  const auto vertex = [&](const int f[3], int i, int j) {
    const int w[3] = {n - i - j, i, j};
    std::array<std::pair<int, int>, 3> key{};
    for (int k = 0; k < 3; ++k) {
      key[k] = {w[k] > 0 ? f[k] : 99, w[k] > 0 ? w[k] : 0};
    }
    std::sort(key.begin(), key.end());
    const std::array<int, 6> name = {key[0].first,  key[0].second, key[1].first,
                                     key[1].second, key[2].first,  key[2].second};
    const auto found = index.find(name);
    if (found != index.end()) {
      return found->second;
    }
    const glm::dvec3 p =
        (ico[f[0]] * double(w[0]) + ico[f[1]] * double(w[1]) + ico[f[2]] * double(w[2]));
    const auto id = static_cast<std::uint32_t>(m.points.size());
    m.points.push_back(centre + glm::normalize(p) * radius);
    index.emplace(name, id);
    return id;
  };
  for (const auto& f : faces) {
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n - i; ++j) {
        const std::uint32_t a = vertex(f, i, j), b = vertex(f, i + 1, j), c = vertex(f, i, j + 1);
        m.triangles.push_back({a, b, c});
        if (j < n - i - 1) {
          const std::uint32_t d = vertex(f, i + 1, j + 1);
          m.triangles.push_back({b, d, c});
        }
      }
    }
  }
  return m;
}

/// Axis-aligned box as 12 outward counter-clockwise triangles.
inline TriangleMesh box(glm::dvec3 lo, glm::dvec3 hi) {
  TriangleMesh m;
  for (int k = 0; k < 8; ++k) {
    m.points.push_back({k & 1 ? hi.x : lo.x, k & 2 ? hi.y : lo.y, k & 4 ? hi.z : lo.z});
  }
  // Corner k has bit 0 = +x, bit 1 = +y, bit 2 = +z.
  m.triangles = {{0, 2, 1}, {1, 2, 3},  // -z
                 {4, 5, 6}, {5, 7, 6},  // +z
                 {0, 1, 4}, {1, 5, 4},  // -y
                 {2, 6, 3}, {3, 6, 7},  // +y
                 {0, 4, 2}, {2, 4, 6},  // -x
                 {1, 3, 5}, {3, 7, 5}}; // +x
  return m;
}

/// Both meshes in one, b's indices shifted.
inline TriangleMesh merge(const TriangleMesh& a, const TriangleMesh& b) {
  TriangleMesh m = a;
  const auto offset = static_cast<std::uint32_t>(a.points.size());
  m.points.insert(m.points.end(), b.points.begin(), b.points.end());
  for (const auto& t : b.triangles) {
    m.triangles.push_back(t + offset);
  }
  return m;
}

} // namespace sura::testmesh
