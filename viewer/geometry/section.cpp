#include "geometry/section.h"

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace sura {

namespace {

double cross2(const glm::dvec2& o, const glm::dvec2& a, const glm::dvec2& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/// Perimeter of the convex hull (Andrew's monotone chain); sorts its argument.
double hullPerimeter(std::vector<glm::dvec2>& pts) {
  std::sort(pts.begin(), pts.end(), [](const glm::dvec2& a, const glm::dvec2& b) {
    return a.x != b.x ? a.x < b.x : a.y < b.y;
  });
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  if (pts.size() < 2) {
    return 0;
  }
  std::vector<glm::dvec2> hull(2 * pts.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross2(hull[k - 2], hull[k - 1], pts[i]) <= 0) {
      --k;
    }
    hull[k++] = pts[i];
  }
  for (std::size_t i = pts.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && cross2(hull[k - 2], hull[k - 1], pts[i]) <= 0) {
      --k;
    }
    hull[k++] = pts[i];
  }
  // hull[k - 1] repeats hull[0], closing the loop.
  double length = 0;
  for (std::size_t i = 1; i < k; ++i) {
    length += glm::length(hull[i] - hull[i - 1]);
  }
  return length;
}

} // namespace

Section sectionAtZ(const TriangleMesh& m, double z) {
  Section s;
  const std::size_t n = m.points.size();
  // Shoelace terms are taken about the centre of the mesh so they stay small and cancel little.
  const glm::dvec3 c3 = bounds(m).center();
  const glm::dvec2 centre(c3.x, c3.y);
  std::vector<glm::dvec2> cutPoints;

  // The crossing point of an edge is computed from its endpoints in index order, so the two
  // triangles sharing the edge produce bit-identical points and the loops close exactly.
  const auto crossing = [&](std::uint32_t i, std::uint32_t j) {
    if (j < i) {
      std::swap(i, j);
    }
    const glm::dvec3& a = m.points[i];
    const glm::dvec3& b = m.points[j];
    const double f = (z - a.z) / (b.z - a.z);
    return glm::dvec2(a.x + f * (b.x - a.x), a.y + f * (b.y - a.y));
  };

  for (const glm::u32vec3& t : m.triangles) {
    if (t.x >= n || t.y >= n || t.z >= n || t.x == t.y || t.y == t.z || t.z == t.x) {
      continue;
    }
    const std::uint32_t v[3] = {t.x, t.y, t.z};
    bool above[3];
    for (int k = 0; k < 3; ++k) {
      above[k] = m.points[v[k]].z >= z;
    }
    if (above[0] == above[1] && above[1] == above[2]) {
      continue;
    }
    // Walking a counter-clockwise (outward) triangle, the cut runs from where its boundary
    // goes down through the plane to where it comes back up; seen from +Z that is
    // counter-clockwise around the material.
    glm::dvec2 from(0), to(0);
    for (int k = 0; k < 3; ++k) {
      const int next = (k + 1) % 3;
      if (above[k] && !above[next]) {
        from = crossing(v[k], v[next]);
      } else if (!above[k] && above[next]) {
        to = crossing(v[k], v[next]);
      }
    }
    const double length = glm::length(to - from);
    if (!(length > 0)) {
      continue;
    }
    ++s.segments;
    s.perimeter += length;
    s.area +=
        0.5 * ((from.x - centre.x) * (to.y - centre.y) - (to.x - centre.x) * (from.y - centre.y));
    cutPoints.push_back(from);
    cutPoints.push_back(to);
    s.box.add(glm::dvec3(from, z));
    s.box.add(glm::dvec3(to, z));
  }
  s.hullPerimeter = hullPerimeter(cutPoints);
  return s;
}

} // namespace sura
