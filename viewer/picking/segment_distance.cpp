#include "picking/segment_distance.h"

#include "geometry/mesh_checks.h"

#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace sura {

namespace {

constexpr std::uint32_t kLeafSize = 4;

bool finite(const glm::dvec3& p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

// Closest point of triangle abc to p, by the Voronoi regions of its corners, edges and face
// (Ericson, Real-Time Collision Detection, 5.1.5).
glm::dvec3 closestOnTriangle(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b,
                             const glm::dvec3& c) {
  const glm::dvec3 ab = b - a, ac = c - a, ap = p - a;
  const double d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
  if (d1 <= 0 && d2 <= 0) {
    return a;
  }
  const glm::dvec3 bp = p - b;
  const double d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
  if (d3 >= 0 && d4 <= d3) {
    return b;
  }
  const double vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) {
    return a + ab * (d1 / (d1 - d3));
  }
  const glm::dvec3 cp = p - c;
  const double d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
  if (d6 >= 0 && d5 <= d6) {
    return c;
  }
  const double vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) {
    return a + ac * (d2 / (d2 - d6));
  }
  const double va = d3 * d6 - d5 * d4;
  if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
    return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
  }
  const double scale = 1.0 / (va + vb + vc);
  return a + ab * (vb * scale) + ac * (vc * scale);
}

// Closest points of the segments p1q1 and p2q2 (Ericson, 5.1.9); returns the squared distance.
double closestSegmentSegment(const glm::dvec3& p1, const glm::dvec3& q1, const glm::dvec3& p2,
                             const glm::dvec3& q2, glm::dvec3& c1, glm::dvec3& c2) {
  const glm::dvec3 d1 = q1 - p1, d2 = q2 - p2, r = p1 - p2;
  const double a = glm::dot(d1, d1), e = glm::dot(d2, d2), f = glm::dot(d2, r);
  double s = 0, t = 0;
  if (a <= 0 && e <= 0) {
    s = t = 0;
  } else if (a <= 0) {
    t = std::clamp(f / e, 0.0, 1.0);
  } else {
    const double c = glm::dot(d1, r);
    if (e <= 0) {
      s = std::clamp(-c / a, 0.0, 1.0);
    } else {
      const double b = glm::dot(d1, d2);
      const double denom = a * e - b * b;
      // Parallel segments: any s gives a closest pair once t is clamped, so take s = 0.
      s = denom > 0 ? std::clamp((b * f - c * e) / denom, 0.0, 1.0) : 0.0;
      t = (b * s + f) / e;
      if (t < 0) {
        t = 0;
        s = std::clamp(-c / a, 0.0, 1.0);
      } else if (t > 1) {
        t = 1;
        s = std::clamp((b - c) / a, 0.0, 1.0);
      }
    }
  }
  c1 = p1 + d1 * s;
  c2 = p2 + d2 * t;
  const glm::dvec3 d = c1 - c2;
  return glm::dot(d, d);
}

// Where segment pq crosses the inside of triangle abc, if it does.
bool segmentPiercesTriangle(const glm::dvec3& p, const glm::dvec3& q, const glm::dvec3& a,
                            const glm::dvec3& b, const glm::dvec3& c, glm::dvec3& at) {
  const glm::dvec3 n = glm::cross(b - a, c - a);
  const double dp = glm::dot(n, p - a), dq = glm::dot(n, q - a);
  if ((dp > 0 && dq > 0) || (dp < 0 && dq < 0) || dp == dq) {
    return false; // one side, or in the plane: the edge and end point tests cover that case
  }
  const glm::dvec3 x = p + (q - p) * (dp / (dp - dq));
  if (glm::dot(glm::cross(b - a, x - a), n) < 0 || glm::dot(glm::cross(c - b, x - b), n) < 0 ||
      glm::dot(glm::cross(a - c, x - c), n) < 0) {
    return false;
  }
  at = x;
  return true;
}

// Squared distance between segment pq and triangle abc with the closest pair. Without a
// crossing, the closest pair has an end of the segment or a point of a triangle edge in it.
double segmentTriangle(const glm::dvec3& p, const glm::dvec3& q, const glm::dvec3& a,
                       const glm::dvec3& b, const glm::dvec3& c, glm::dvec3& onSegment,
                       glm::dvec3& onTriangle) {
  glm::dvec3 x;
  if (segmentPiercesTriangle(p, q, a, b, c, x)) {
    onSegment = onTriangle = x;
    return 0;
  }
  double best = std::numeric_limits<double>::infinity();
  const auto consider = [&](const glm::dvec3& s, const glm::dvec3& t) {
    const double d2 = glm::dot(s - t, s - t);
    if (d2 < best) {
      best = d2;
      onSegment = s;
      onTriangle = t;
    }
  };
  consider(p, closestOnTriangle(p, a, b, c));
  consider(q, closestOnTriangle(q, a, b, c));
  const std::array<std::pair<glm::dvec3, glm::dvec3>, 3> edges = {{{a, b}, {b, c}, {c, a}}};
  for (const auto& [e0, e1] : edges) {
    glm::dvec3 s, t;
    closestSegmentSegment(p, q, e0, e1, s, t);
    consider(s, t);
  }
  return best;
}

// A lower bound of the distance between segment pq and the box: the larger of the gap between
// their extents along the axes and the gap between the segment and the box's bounding sphere.
double boxLowerBound(const glm::dvec3& p, const glm::dvec3& q, const glm::dvec3& lo,
                     const glm::dvec3& hi) {
  const glm::dvec3 segLo = glm::min(p, q), segHi = glm::max(p, q);
  const glm::dvec3 gap = glm::max(glm::max(lo - segHi, segLo - hi), glm::dvec3(0));
  const double axisBound = glm::length(gap);
  const glm::dvec3 centre = (lo + hi) * 0.5;
  const glm::dvec3 d = q - p;
  const double len2 = glm::dot(d, d);
  const double s = len2 > 0 ? std::clamp(glm::dot(centre - p, d) / len2, 0.0, 1.0) : 0.0;
  const double sphereBound = glm::length(centre - (p + d * s)) - glm::length(hi - lo) * 0.5;
  return std::max(axisBound, sphereBound);
}

} // namespace

SegmentDistanceTree::SegmentDistanceTree(const TriangleMesh& m) {
  struct Item {
    Triangle corners;
    glm::dvec3 centroid;
  };
  std::vector<Item> items;
  items.reserve(m.triangles.size());
  for (std::size_t i = 0; i < m.triangles.size(); ++i) {
    if (degenerateTriangle(m, i)) {
      continue;
    }
    const glm::u32vec3& t = m.triangles[i];
    const Triangle tri{m.points[t.x], m.points[t.y], m.points[t.z]};
    if (!finite(tri.a) || !finite(tri.b) || !finite(tri.c)) {
      continue;
    }
    items.push_back({tri, (tri.a + tri.b + tri.c) / 3.0});
  }
  if (items.empty()) {
    return;
  }
  const auto n = static_cast<std::uint32_t>(items.size());
  nodes_.reserve(2 * static_cast<std::size_t>(n) / kLeafSize + 1);
  nodes_.push_back({glm::dvec3(0), glm::dvec3(0), 0, n});
  std::vector<std::uint32_t> work{0};
  while (!work.empty()) {
    const std::uint32_t index = work.back();
    work.pop_back();
    const std::uint32_t first = nodes_[index].first, count = nodes_[index].count;
    glm::dvec3 lo(1e300), hi(-1e300), clo(1e300), chi(-1e300);
    for (std::uint32_t k = first; k < first + count; ++k) {
      const Triangle& t = items[k].corners;
      lo = glm::min(lo, glm::min(t.a, glm::min(t.b, t.c)));
      hi = glm::max(hi, glm::max(t.a, glm::max(t.b, t.c)));
      clo = glm::min(clo, items[k].centroid);
      chi = glm::max(chi, items[k].centroid);
    }
    nodes_[index].lo = lo;
    nodes_[index].hi = hi;
    if (count <= kLeafSize) {
      continue;
    }
    // Median split on the longest axis of the centroids: the meshes are a few thousand
    // triangles, so a balanced tree is as good as a surface-area one and simpler.
    const glm::dvec3 extent = chi - clo;
    const int axis =
        extent.x >= extent.y ? (extent.x >= extent.z ? 0 : 2) : (extent.y >= extent.z ? 1 : 2);
    const std::uint32_t mid = first + count / 2;
    std::nth_element(
        items.begin() + first, items.begin() + mid, items.begin() + first + count,
        [axis](const Item& l, const Item& r) { return l.centroid[axis] < r.centroid[axis]; });
    const auto left = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({glm::dvec3(0), glm::dvec3(0), first, mid - first});
    nodes_.push_back({glm::dvec3(0), glm::dvec3(0), mid, first + count - mid});
    nodes_[index].first = left;
    nodes_[index].count = 0;
    work.push_back(left);
    work.push_back(left + 1);
  }
  triangles_.reserve(n);
  for (const Item& it : items) {
    triangles_.push_back(it.corners);
  }
}

SegmentProximity SegmentDistanceTree::nearest(const glm::dvec3& a, const glm::dvec3& b,
                                              double notBeyond) const {
  SegmentProximity result;
  if (nodes_.empty() || !finite(a) || !finite(b)) {
    return result;
  }
  double best2 = notBeyond * notBeyond; // may be infinite
  bool found = false;
  std::vector<std::pair<std::uint32_t, double>> stack;
  stack.reserve(64);
  stack.emplace_back(0u, boxLowerBound(a, b, nodes_[0].lo, nodes_[0].hi));
  while (!stack.empty()) {
    const auto [index, bound] = stack.back();
    stack.pop_back();
    if (bound > 0 && bound * bound >= best2) {
      continue;
    }
    const Node& node = nodes_[index];
    if (node.count > 0) {
      for (std::uint32_t k = node.first; k < node.first + node.count; ++k) {
        const Triangle& t = triangles_[k];
        glm::dvec3 s, p;
        const double d2 = segmentTriangle(a, b, t.a, t.b, t.c, s, p);
        if (d2 < best2 || (!found && d2 <= best2)) {
          best2 = d2;
          found = true;
          result.onSegment = s;
          result.onSurface = p;
        }
      }
      if (found && best2 == 0) {
        break;
      }
      continue;
    }
    const std::uint32_t l = node.first, r = node.first + 1;
    const double bl = boxLowerBound(a, b, nodes_[l].lo, nodes_[l].hi);
    const double br = boxLowerBound(a, b, nodes_[r].lo, nodes_[r].hi);
    // The nearer child is searched first, so the farther one is often pruned when popped.
    if (bl <= br) {
      stack.emplace_back(r, br);
      stack.emplace_back(l, bl);
    } else {
      stack.emplace_back(l, bl);
      stack.emplace_back(r, br);
    }
  }
  if (found) {
    result.distance = std::sqrt(best2);
  }
  return result;
}

} // namespace sura
