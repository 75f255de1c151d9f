#include "geometry/section.h"

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sura {

namespace {

double cross2(const glm::dvec2& o, const glm::dvec2& a, const glm::dvec2& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

} // namespace

std::vector<glm::dvec2> convexHull(std::vector<glm::dvec2> pts) {
  // Andrew's monotone chain.
  std::sort(pts.begin(), pts.end(), [](const glm::dvec2& a, const glm::dvec2& b) {
    return a.x != b.x ? a.x < b.x : a.y < b.y;
  });
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  if (pts.size() < 3) {
    return pts;
  }
  std::vector<glm::dvec2> hull(2 * pts.size());
  std::size_t k = 0;
  for (const glm::dvec2& p : pts) {
    while (k >= 2 && cross2(hull[k - 2], hull[k - 1], p) <= 0) {
      --k;
    }
    hull[k++] = p;
  }
  for (std::size_t i = pts.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && cross2(hull[k - 2], hull[k - 1], pts[i]) <= 0) {
      --k;
    }
    hull[k++] = pts[i];
  }
  hull.resize(k - 1); // the last point repeats the first
  return hull;
}

namespace {

// A triangle a cut can use: three distinct vertices that exist.
bool usable(const glm::u32vec3& t, std::size_t n) {
  return t.x < n && t.y < n && t.z < n && t.x != t.y && t.y != t.z && t.z != t.x;
}

// Perimeter of the convex hull: what a tape measure round the points reads.
double hullPerimeter(std::vector<glm::dvec2> pts) {
  const std::vector<glm::dvec2> hull = convexHull(std::move(pts));
  double length = 0;
  for (std::size_t i = 0; hull.size() > 1 && i < hull.size(); ++i) {
    length += glm::length(hull[(i + 1) % hull.size()] - hull[i]);
  }
  return length;
}

} // namespace

namespace {

/// An edge named by its two vertex indices, smaller first: the same key from both triangles.
std::uint64_t edgeKey(std::uint32_t i, std::uint32_t j) {
  return i < j ? (std::uint64_t{i} << 32) | j : (std::uint64_t{j} << 32) | i;
}

/// One triangle's piece of the cut, from the edge where its boundary goes down through the
/// plane to the edge where it comes back up: walking a counter-clockwise (outward) triangle,
/// that runs counter-clockwise round the material seen from the plane's normal side.
struct CutSegment {
  std::uint64_t fromEdge = 0, toEdge = 0;
  glm::dvec2 from{0.0}, to{0.0};
};

std::vector<CutSegment> cutSegments(const TriangleMesh& m, const SectionPlane& plane) {
  const std::size_t n = m.points.size();
  const glm::dvec3 normal = plane.normal();
  std::vector<double> height(n);
  for (std::size_t i = 0; i < n; ++i) {
    height[i] = glm::dot(m.points[i] - plane.origin, normal);
  }
  // The crossing point of an edge is computed from its endpoints in index order, so the two
  // triangles sharing the edge produce bit-identical points and the loops close exactly.
  const auto crossing = [&](std::uint32_t i, std::uint32_t j) {
    if (j < i) {
      std::swap(i, j);
    }
    const double f = height[i] / (height[i] - height[j]);
    const glm::dvec3 p = m.points[i] + f * (m.points[j] - m.points[i]) - plane.origin;
    return glm::dvec2(glm::dot(p, plane.u), glm::dot(p, plane.v));
  };
  std::vector<CutSegment> segments;
  for (const glm::u32vec3& t : m.triangles) {
    if (!usable(t, n)) {
      continue;
    }
    const std::uint32_t v[3] = {t.x, t.y, t.z};
    bool above[3];
    for (int k = 0; k < 3; ++k) {
      above[k] = height[v[k]] >= 0;
    }
    if (above[0] == above[1] && above[1] == above[2]) {
      continue;
    }
    CutSegment segment;
    for (int k = 0; k < 3; ++k) {
      const int next = (k + 1) % 3;
      if (above[k] && !above[next]) {
        segment.fromEdge = edgeKey(v[k], v[next]);
        segment.from = crossing(v[k], v[next]);
      } else if (!above[k] && above[next]) {
        segment.toEdge = edgeKey(v[k], v[next]);
        segment.to = crossing(v[k], v[next]);
      }
    }
    segments.push_back(segment);
  }
  return segments;
}

/// Drops repeated points (where the plane passes through a vertex, several edges cross it at
/// the same point); for a closed loop also the end that comes back to the start.
void dropRepeats(SectionLoop& loop) {
  std::vector<glm::dvec2>& p = loop.points;
  p.erase(std::unique(p.begin(), p.end()), p.end());
  while (loop.closed && p.size() > 1 && p.back() == p.front()) {
    p.pop_back();
  }
}

} // namespace

Section sectionAtZ(const TriangleMesh& m, double z) {
  // The horizontal plane through z, seen from +Z: plane coordinates are x and y.
  SectionPlane plane;
  plane.origin = glm::dvec3(0.0, 0.0, z);
  Section s;
  // Shoelace terms are taken about the centre of the mesh so they stay small and cancel little.
  const glm::dvec3 c3 = bounds(m).center();
  const glm::dvec2 centre(c3.x, c3.y);
  std::vector<glm::dvec2> cutPoints;
  for (const CutSegment& cut : cutSegments(m, plane)) {
    const glm::dvec2 from = cut.from, to = cut.to;
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

std::vector<SectionLoop> sectionLoops(const TriangleMesh& m, const SectionPlane& plane) {
  const std::vector<CutSegment> segments = cutSegments(m, plane);
  // On a closed mesh each crossed edge ends one triangle's segment and starts its neighbour's.
  std::unordered_map<std::uint64_t, std::size_t> startingAt;
  std::unordered_set<std::uint64_t> endings;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    startingAt.emplace(segments[i].fromEdge, i);
    endings.insert(segments[i].toEdge);
  }
  std::vector<bool> used(segments.size(), false);
  std::vector<SectionLoop> loops;
  const auto follow = [&](std::size_t first) {
    SectionLoop loop;
    loop.points.push_back(segments[first].from);
    for (std::size_t at = first;;) {
      used[at] = true;
      const auto next = startingAt.find(segments[at].toEdge);
      if (next == startingAt.end() || used[next->second]) {
        loop.closed = next != startingAt.end() && next->second == first;
        if (!loop.closed) {
          loop.points.push_back(segments[at].to);
        }
        break;
      }
      at = next->second;
      loop.points.push_back(segments[at].from);
    }
    dropRepeats(loop);
    if (loop.points.size() >= 3) {
      loops.push_back(std::move(loop));
    }
  };
  // Open outlines first, from their starts, so that each is followed whole; then the loops.
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!used[i] && endings.count(segments[i].fromEdge) == 0) {
      follow(i);
    }
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!used[i]) {
      follow(i);
    }
  }
  return loops;
}

double signedArea(const std::vector<glm::dvec2>& polygon) {
  if (polygon.size() < 3) {
    return 0;
  }
  // About the first point, so that the terms stay small far from the origin.
  const glm::dvec2 o = polygon.front();
  double twice = 0;
  for (std::size_t i = 1; i + 1 < polygon.size(); ++i) {
    twice += cross2(o, polygon[i], polygon[i + 1]);
  }
  return 0.5 * twice;
}

std::vector<Interval> segmentInside(const std::vector<SectionLoop>& loops, const glm::dvec2& a,
                                    const glm::dvec2& b) {
  const glm::dvec2 d = b - a;
  const double length = glm::length(d);
  std::vector<Interval> inside;
  if (!(length > 0.0)) {
    return inside;
  }
  // Crossings of the segment with every edge, as fractions along it; and whether a lies inside
  // (a ray from a along -d, counted by the same edges).
  std::vector<double> crossings;
  bool startInside = false;
  const auto cross2 = [](const glm::dvec2& p, const glm::dvec2& q) {
    return p.x * q.y - p.y * q.x;
  };
  for (const SectionLoop& loop : loops) {
    if (!loop.closed || loop.points.size() < 3) {
      continue;
    }
    const std::size_t n = loop.points.size();
    for (std::size_t i = 0; i < n; ++i) {
      const glm::dvec2& p = loop.points[i];
      const glm::dvec2& q = loop.points[(i + 1) % n];
      const glm::dvec2 e = q - p;
      const double denom = cross2(d, e);
      if (denom == 0.0) {
        continue; // parallel: a graze, not a crossing
      }
      const glm::dvec2 ap = p - a;
      const double s = cross2(ap, e) / denom; // along the segment's line
      const double u = cross2(ap, d) / denom; // along the edge
      // Half-open on the edge, so a line through a shared corner counts it once.
      if (u < 0.0 || u >= 1.0) {
        continue;
      }
      if (s < 0.0) {
        startInside = !startInside;
      } else if (s <= 1.0) {
        crossings.push_back(s);
      }
    }
  }
  std::sort(crossings.begin(), crossings.end());
  bool in = startInside;
  double from = 0.0;
  for (const double s : crossings) {
    if (in) {
      inside.push_back({from * length, s * length});
    } else {
      from = s;
    }
    in = !in;
  }
  if (in) {
    inside.push_back({from * length, length});
  }
  // Touching intervals (a crossing counted twice) are one.
  std::vector<Interval> merged;
  for (const Interval& i : inside) {
    if (i.to - i.from <= 0.0) {
      continue;
    }
    if (!merged.empty() && i.from - merged.back().to <= 1e-9) {
      merged.back().to = i.to;
    } else {
      merged.push_back(i);
    }
  }
  return merged;
}

} // namespace sura
