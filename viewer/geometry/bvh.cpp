#include "geometry/bvh.h"

#include "geometry/mesh_checks.h"

#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <glm/vector_relational.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace sura {

namespace {

constexpr int kBins = 16;
constexpr std::uint32_t kMaxLeaf = 8;
// Deeper than any SAH tree of a sane mesh; bounding it lets traversal use a fixed stack.
constexpr int kMaxDepth = 64;
// Slab tests round; growing the far distance by a few ulps (PBRT's 2 * gamma(3)) keeps a ray
// that grazes a flat box, e.g. an axis-aligned face, from slipping through.
constexpr double kBoxGrow = 1e-15;

double halfArea(const glm::dvec3& lo, const glm::dvec3& hi) {
  const glm::dvec3 d = glm::max(hi - lo, glm::dvec3(0));
  return d.x * d.y + d.y * d.z + d.z * d.x;
}

bool finite(const glm::dvec3& p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

// Ericson, Real-Time Collision Detection, 5.1.5: region tests on the barycentric coordinates.
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
  const double denom = 1.0 / (va + vb + vc);
  return a + ab * (vb * denom) + ac * (vc * denom);
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

double boxDistance2(const glm::dvec3& p, const glm::dvec3& lo, const glm::dvec3& hi) {
  const glm::dvec3 d = glm::max(glm::max(lo - p, p - hi), glm::dvec3(0));
  return glm::dot(d, d);
}

} // namespace

/// A ray normalised once, with what the slab and watertight triangle tests reuse per node.
struct MeshBvh::PreparedRay {
  glm::dvec3 origin{0};
  glm::dvec3 dir{0};
  glm::dvec3 inv{0};
  // Watertight test (Woop, Benthin, Wald 2013): kz is the dominant axis of the direction, the
  // shear (sx, sy, sz) maps the ray onto +z so edge tests are exact 2D sign tests that two
  // triangles sharing an edge evaluate identically.
  int kx = 0, ky = 1, kz = 2;
  double sx = 0, sy = 0, sz = 1;
  bool parallel[3] = {false, false, false};
  bool anyParallel = false;
  bool valid = false;

  explicit PreparedRay(const Ray& r) {
    const double len = glm::length(r.direction);
    if (!(len > 0) || !std::isfinite(len) || !finite(r.origin)) {
      return;
    }
    origin = r.origin;
    dir = r.direction / len;
    const glm::dvec3 a = glm::abs(dir);
    kz = a.x > a.y ? (a.x > a.z ? 0 : 2) : (a.y > a.z ? 1 : 2);
    kx = (kz + 1) % 3;
    ky = (kx + 1) % 3;
    if (dir[kz] < 0) {
      std::swap(kx, ky); // keeps the winding, hence the sign convention of the edge tests
    }
    sx = dir[kx] / dir[kz];
    sy = dir[ky] / dir[kz];
    sz = 1.0 / dir[kz];
    for (int k = 0; k < 3; ++k) {
      parallel[k] = dir[k] == 0;
      inv[k] = parallel[k] ? 0.0 : 1.0 / dir[k];
    }
    anyParallel = parallel[0] || parallel[1] || parallel[2];
    valid = true;
  }

  /// Entry distance into the box if the ray meets it within [tMin, tMax].
  bool hitsBox(const glm::dvec3& lo, const glm::dvec3& hi, double tMin, double tMax,
               double& entry) const {
    const glm::dvec3 t0 = (lo - origin) * inv, t1 = (hi - origin) * inv;
    glm::dvec3 tn = glm::min(t0, t1), tf = glm::max(t0, t1);
    if (anyParallel) {
      // A ray parallel to a slab is in it for every t or for none; the products above would
      // say [0, 0] (or NaN with an infinite inverse) for an origin on the slab's plane.
      for (int k = 0; k < 3; ++k) {
        if (parallel[k]) {
          if (origin[k] < lo[k] || origin[k] > hi[k]) {
            return false;
          }
          tn[k] = -std::numeric_limits<double>::infinity();
          tf[k] = std::numeric_limits<double>::infinity();
        }
      }
    }
    const double nearT = std::max(std::max(tn.x, tn.y), std::max(tn.z, tMin));
    double farT = std::min(std::min(tf.x, tf.y), tf.z);
    farT += std::abs(farT) * kBoxGrow;
    const double limit = tMax + std::abs(tMax) * kBoxGrow;
    entry = nearT;
    return nearT <= farT && nearT <= limit;
  }

  /// Distance to the triangle, both sides; false on a miss or an edge-on triangle.
  bool hitsTriangle(const glm::dvec3& a3, const glm::dvec3& b3, const glm::dvec3& c3,
                    double& t) const {
    const glm::dvec3 a = a3 - origin, b = b3 - origin, c = c3 - origin;
    const double ax = a[kx] - sx * a[kz], ay = a[ky] - sy * a[kz];
    const double bx = b[kx] - sx * b[kz], by = b[ky] - sy * b[kz];
    const double cx = c[kx] - sx * c[kz], cy = c[ky] - sy * c[kz];
    const double u = cx * by - cy * bx;
    const double v = ax * cy - ay * cx;
    const double w = bx * ay - by * ax;
    if ((u < 0 || v < 0 || w < 0) && (u > 0 || v > 0 || w > 0)) {
      return false;
    }
    const double det = u + v + w;
    if (det == 0) {
      return false;
    }
    t = (u * sz * a[kz] + v * sz * b[kz] + w * sz * c[kz]) / det;
    return true;
  }
};

MeshBvh::MeshBvh(const TriangleMesh& m) {
  struct Item {
    glm::dvec3 lo, hi, centroid;
    std::uint32_t triangle;
  };
  std::vector<Item> items;
  items.reserve(m.triangles.size());
  for (std::size_t i = 0; i < m.triangles.size(); ++i) {
    if (degenerateTriangle(m, i)) {
      continue;
    }
    const glm::u32vec3& t = m.triangles[i];
    const glm::dvec3 a = m.points[t.x], b = m.points[t.y], c = m.points[t.z];
    if (!finite(a) || !finite(b) || !finite(c)) {
      continue;
    }
    const glm::dvec3 lo = glm::min(a, glm::min(b, c)), hi = glm::max(a, glm::max(b, c));
    items.push_back({lo, hi, (lo + hi) * 0.5, static_cast<std::uint32_t>(i)});
  }
  if (items.empty()) {
    return;
  }

  const auto n = static_cast<std::uint32_t>(items.size());
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    order[i] = i;
  }
  nodes_.reserve(2 * static_cast<std::size_t>(n));
  nodes_.push_back({glm::dvec3(0), glm::dvec3(0), 0, n});
  std::vector<std::pair<std::uint32_t, int>> work{{0u, 0}};

  while (!work.empty()) {
    const auto [nodeIndex, depth] = work.back();
    work.pop_back();
    const std::uint32_t first = nodes_[nodeIndex].first, count = nodes_[nodeIndex].count;
    glm::dvec3 lo(1e300), hi(-1e300), clo(1e300), chi(-1e300);
    for (std::uint32_t k = first; k < first + count; ++k) {
      const Item& it = items[order[k]];
      lo = glm::min(lo, it.lo);
      hi = glm::max(hi, it.hi);
      clo = glm::min(clo, it.centroid);
      chi = glm::max(chi, it.centroid);
    }
    nodes_[nodeIndex].lo = lo;
    nodes_[nodeIndex].hi = hi;
    if (count <= 2 || depth >= kMaxDepth) {
      continue; // stays a leaf
    }

    // Binned SAH over all three axes; cost in units of one triangle test per unit area.
    int bestAxis = -1, bestSplit = 0;
    double bestCost = 1e300;
    for (int axis = 0; axis < 3; ++axis) {
      const double extent = chi[axis] - clo[axis];
      if (!(extent > 0)) {
        continue;
      }
      const double scale = kBins / extent;
      std::array<std::uint32_t, kBins> binCount{};
      std::array<glm::dvec3, kBins> binLo, binHi;
      binLo.fill(glm::dvec3(1e300));
      binHi.fill(glm::dvec3(-1e300));
      for (std::uint32_t k = first; k < first + count; ++k) {
        const Item& it = items[order[k]];
        const int b =
            std::min(kBins - 1, static_cast<int>((it.centroid[axis] - clo[axis]) * scale));
        ++binCount[b];
        binLo[b] = glm::min(binLo[b], it.lo);
        binHi[b] = glm::max(binHi[b], it.hi);
      }
      std::array<double, kBins> rightCost{};
      glm::dvec3 rlo(1e300), rhi(-1e300);
      std::uint32_t rn = 0;
      for (int b = kBins - 1; b > 0; --b) {
        rlo = glm::min(rlo, binLo[b]);
        rhi = glm::max(rhi, binHi[b]);
        rn += binCount[b];
        rightCost[b] = rn ? halfArea(rlo, rhi) * rn : 0.0;
      }
      glm::dvec3 llo(1e300), lhi(-1e300);
      std::uint32_t ln = 0;
      for (int b = 0; b < kBins - 1; ++b) {
        llo = glm::min(llo, binLo[b]);
        lhi = glm::max(lhi, binHi[b]);
        ln += binCount[b];
        if (ln == 0 || ln == count) {
          continue;
        }
        const double cost = halfArea(llo, lhi) * ln + rightCost[b + 1];
        if (cost < bestCost) {
          bestCost = cost;
          bestAxis = axis;
          bestSplit = b;
        }
      }
    }

    std::uint32_t mid;
    if (bestAxis < 0) {
      // All centroids coincide: no plane separates them, so split the range arbitrarily to
      // keep leaves small.
      if (count <= kMaxLeaf) {
        continue;
      }
      mid = first + count / 2;
    } else {
      const double area = halfArea(lo, hi);
      const double leafCost = area * count;
      const double splitCost = area + bestCost; // one box test plus the children
      if (splitCost >= leafCost && count <= kMaxLeaf) {
        continue;
      }
      const double base = clo[bestAxis];
      const double scale = kBins / (chi[bestAxis] - base);
      const auto middle = std::partition(
          order.begin() + first, order.begin() + first + count, [&](std::uint32_t i) {
            const double c = items[i].centroid[bestAxis];
            return std::min(kBins - 1, static_cast<int>((c - base) * scale)) <= bestSplit;
          });
      mid = static_cast<std::uint32_t>(middle - order.begin());
      if (mid == first || mid == first + count) {
        mid = first + count / 2; // cannot happen with consistent binning; never loop forever
      }
    }
    const auto left = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({glm::dvec3(0), glm::dvec3(0), first, mid - first});
    nodes_.push_back({glm::dvec3(0), glm::dvec3(0), mid, first + count - mid});
    nodes_[nodeIndex].first = left;
    nodes_[nodeIndex].count = 0;
    work.emplace_back(left, depth + 1);
    work.emplace_back(left + 1, depth + 1);
  }
  nodes_.shrink_to_fit();

  corners_.reserve(n);
  ids_.reserve(n);
  for (const std::uint32_t i : order) {
    const glm::u32vec3& t = m.triangles[items[i].triangle];
    corners_.push_back({m.points[t.x], m.points[t.y], m.points[t.z]});
    ids_.push_back(items[i].triangle);
  }
  bounds_.lo = nodes_[0].lo;
  bounds_.hi = nodes_[0].hi;
}

template <typename OnHit>
void MeshBvh::traverse(const PreparedRay& r, double tMin, double tMax, OnHit&& onHit) const {
  double entry = 0;
  if (!r.valid || nodes_.empty() || !r.hitsBox(nodes_[0].lo, nodes_[0].hi, tMin, tMax, entry)) {
    return;
  }
  std::array<std::pair<std::uint32_t, double>, kMaxDepth + 2> stack;
  int top = 0;
  std::uint32_t node = 0;
  for (;;) {
    const Node& n = nodes_[node];
    if (n.count > 0) {
      for (std::uint32_t k = n.first; k < n.first + n.count; ++k) {
        const Corners& c = corners_[k];
        double t = 0;
        if (r.hitsTriangle(c.a, c.b, c.c, t) && t >= tMin && t <= tMax) {
          tMax = onHit(t, k, tMax);
        }
      }
    } else {
      double tl = 0, tr = 0;
      const Node& l = nodes_[n.first];
      const Node& rt = nodes_[n.first + 1];
      const bool hl = r.hitsBox(l.lo, l.hi, tMin, tMax, tl);
      const bool hr = r.hitsBox(rt.lo, rt.hi, tMin, tMax, tr);
      if (hl && hr) {
        // Near child first: a close hit then prunes the far one when it is popped.
        const bool leftNear = tl <= tr;
        stack[top++] = {leftNear ? n.first + 1 : n.first, leftNear ? tr : tl};
        node = leftNear ? n.first : n.first + 1;
        continue;
      }
      if (hl || hr) {
        node = hl ? n.first : n.first + 1;
        continue;
      }
    }
    for (;;) {
      if (top == 0) {
        return;
      }
      const auto [next, nextEntry] = stack[--top];
      if (nextEntry <= tMax + std::abs(tMax) * kBoxGrow) {
        node = next;
        break;
      }
    }
  }
}

RayHit MeshBvh::makeHit(const PreparedRay& r, double t, std::uint32_t slot) const {
  const Corners& c = corners_[slot];
  const glm::dvec3 normal = glm::normalize(glm::cross(c.b - c.a, c.c - c.a));
  return {t, ids_[slot], r.origin + r.dir * t, normal, glm::dot(normal, r.dir) < 0};
}

std::optional<RayHit> MeshBvh::intersectFirst(const Ray& ray, double tMin, double tMax) const {
  const PreparedRay r(ray);
  std::uint32_t best = 0;
  double bestT = 0;
  bool found = false;
  traverse(r, tMin, tMax, [&](double t, std::uint32_t slot, double) {
    // On a tie (a ray through a shared edge) the lowest triangle index wins, whatever the
    // BVH layout, as in intersectAll.
    if (!found || t < bestT || ids_[slot] < ids_[best]) {
      best = slot;
      bestT = t;
      found = true;
    }
    return t;
  });
  if (!found) {
    return std::nullopt;
  }
  return makeHit(r, bestT, best);
}

std::vector<RayHit> MeshBvh::intersectAll(const Ray& ray, double tMin, double tMax) const {
  const PreparedRay r(ray);
  std::vector<std::pair<double, std::uint32_t>> raw;
  traverse(r, tMin, tMax, [&](double t, std::uint32_t slot, double limit) {
    raw.emplace_back(t, slot);
    return limit;
  });
  std::sort(raw.begin(), raw.end(), [this](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : ids_[a.second] < ids_[b.second];
  });
  std::vector<RayHit> hits;
  hits.reserve(raw.size());
  const double scale = 1.0 + glm::length(bounds_.size());
  for (const auto& [t, slot] : raw) {
    RayHit hit = makeHit(r, t, slot);
    // Triangles sharing an edge or vertex both report a ray through it, at t equal up to
    // rounding of the order of the coordinates.
    const double tolerance = 1e-9 * (scale + std::abs(t));
    bool duplicate = false;
    for (auto it = hits.rbegin(); it != hits.rend() && t - it->t <= tolerance; ++it) {
      if (it->entering == hit.entering) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) {
      hits.push_back(hit);
    }
  }
  return hits;
}

bool MeshBvh::contains(const glm::dvec3& p) const {
  if (nodes_.empty() || !finite(p) || glm::any(glm::lessThan(p, bounds_.lo)) ||
      glm::any(glm::greaterThan(p, bounds_.hi))) {
    return false;
  }
  // Oblique, mutually unrelated directions: none is parallel to an axis-aligned face or edge,
  // and one unlucky ray (through an edge, along a face) is outvoted by the other two.
  static const std::array<glm::dvec3, 3> directions = {glm::dvec3(0.5377, 0.6862, 0.4891),
                                                       glm::dvec3(-0.7226, 0.3183, 0.6136),
                                                       glm::dvec3(0.2171, -0.8402, -0.4969)};
  int inside = 0;
  for (const glm::dvec3& d : directions) {
    if (intersectAll({p, d}).size() % 2 == 1) {
      ++inside;
    }
  }
  return inside >= 2;
}

MeshBvh::Nearest MeshBvh::nearest(const glm::dvec3& p) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Nearest best{std::numeric_limits<double>::infinity(), glm::dvec3(nan)};
  if (nodes_.empty() || !finite(p)) {
    return best;
  }
  std::array<std::pair<std::uint32_t, double>, kMaxDepth + 2> stack;
  int top = 0;
  stack[top++] = {0u, boxDistance2(p, nodes_[0].lo, nodes_[0].hi)};
  while (top > 0) {
    const auto [node, d2] = stack[--top];
    if (d2 >= best.distance2) {
      continue;
    }
    const Node& n = nodes_[node];
    if (n.count > 0) {
      for (std::uint32_t k = n.first; k < n.first + n.count; ++k) {
        const Corners& c = corners_[k];
        const glm::dvec3 q = closestOnTriangle(p, c.a, c.b, c.c);
        const double e2 = glm::dot(q - p, q - p);
        if (e2 < best.distance2) {
          best = {e2, q};
        }
      }
      continue;
    }
    const std::uint32_t l = n.first, r = n.first + 1;
    const double dl = boxDistance2(p, nodes_[l].lo, nodes_[l].hi);
    const double dr = boxDistance2(p, nodes_[r].lo, nodes_[r].hi);
    // Push the farther child first so the nearer one is searched first.
    if (dl <= dr) {
      stack[top++] = {r, dr};
      stack[top++] = {l, dl};
    } else {
      stack[top++] = {l, dl};
      stack[top++] = {r, dr};
    }
  }
  return best;
}

double MeshBvh::distance(const glm::dvec3& p) const {
  return std::sqrt(nearest(p).distance2);
}

glm::dvec3 MeshBvh::closestPoint(const glm::dvec3& p) const {
  return nearest(p).point;
}

SegmentProximity MeshBvh::nearestToSegment(const glm::dvec3& a, const glm::dvec3& b,
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
        const Corners& t = corners_[k];
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
