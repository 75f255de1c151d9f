#include "geometry/envelope.h"

#include "geometry/section.h"

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sura {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Points on the circle added round each hull corner to widen a hull by the margin (the
// Minkowski sum with a disc, as a polygon): enough for a round corner at ring resolution.
constexpr int kCornerPoints = 16;
// Bounds on the work of one envelope (see envelopeAround).
constexpr std::size_t kMaxRings = 2000;
constexpr double kMaxCrossings = 4e6;
// Smoothing along the leg: passes of a [1 2 1] / 4 filter over neighbouring rings.
constexpr int kSmoothingPasses = 3;

// Distance from `c` (inside the convex polygon) to its boundary along the unit direction `d`;
// NaN when the ray meets no edge (c outside or a degenerate polygon).
double radiusAlong(const std::vector<glm::dvec2>& hull, const glm::dvec2& c, const glm::dvec2& d) {
  double best = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < hull.size(); ++i) {
    const glm::dvec2 a = hull[i];
    const glm::dvec2 b = hull[(i + 1) % hull.size()];
    const glm::dvec2 e = b - a;
    const double denom = d.x * e.y - d.y * e.x;
    if (std::abs(denom) < 1e-12) {
      continue;
    }
    const glm::dvec2 w = a - c;
    const double t = (w.x * e.y - w.y * e.x) / denom; // along d
    const double s = (w.x * d.y - w.y * d.x) / denom; // along the edge
    if (t >= 0 && s >= -1e-9 && s <= 1 + 1e-9 && !(t <= best)) {
      best = t; // the farthest crossing: c may sit on the boundary
    }
  }
  return best;
}

glm::dvec2 vertexMean(const std::vector<glm::dvec2>& hull) {
  glm::dvec2 sum(0.0);
  for (const glm::dvec2& p : hull) {
    sum += p;
  }
  return sum / static_cast<double>(hull.size());
}

} // namespace

TriangleMesh envelopeAround(const std::vector<const TriangleMesh*>& meshes,
                            const EnvelopeOptions& options) {
  TriangleMesh out;
  double zLo = std::numeric_limits<double>::infinity();
  double zHi = -zLo;
  for (const TriangleMesh* mesh : meshes) {
    for (const glm::dvec3& p : mesh->points) {
      zLo = std::min(zLo, p.z);
      zHi = std::max(zHi, p.z);
    }
  }
  if (!(zHi >= zLo) || options.around < 3 || !(options.sliceMm > 0)) {
    return out;
  }
  const double margin = std::max(0.0, options.marginMm);
  // Rings from a margin below the lowest point to a margin above the highest; the first and
  // last lie beyond the structures and close the tube.
  const double from = zLo - margin;
  // Work and memory stay bounded whatever the meshes: at most kMaxRings rings, and a step
  // wide enough that the edge crossings (the sum of the edges' heights over the step) stay
  // under kMaxCrossings. A leg at 4 mm needs about 120 rings and 10^5 to 10^6 crossings.
  double edgeHeights = 0;
  for (const TriangleMesh* mesh : meshes) {
    for (const auto& tri : mesh->triangles) {
      const double a = mesh->points[tri.x].z, b = mesh->points[tri.y].z, c = mesh->points[tri.z].z;
      edgeHeights += std::abs(a - b) + std::abs(b - c) + std::abs(c - a);
    }
  }
  const double height = zHi + margin - from;
  const double sliceMm = std::max(
      {options.sliceMm, height / double(kMaxRings - 1), edgeHeights / double(kMaxCrossings)});
  const auto rings = static_cast<std::size_t>(
      std::clamp(std::ceil(height / sliceMm) + 1, 3.0, static_cast<double>(kMaxRings)));
  const double step = (zHi + margin - from) / static_cast<double>(rings - 1);
  const auto ringOf = [&](double z) { return (z - from) / step; };

  // The structures' cut at each ring: triangle edges crossing its plane, and every vertex
  // between it and a neighbouring ring, so that the surface between two rings (a blend of the
  // two) still holds the tip of a part that ends between them.
  std::vector<std::vector<glm::dvec2>> cuts(rings);
  for (const TriangleMesh* mesh : meshes) {
    for (const glm::dvec3& p : mesh->points) {
      const double at = std::clamp(ringOf(p.z), 0.0, static_cast<double>(rings - 1));
      const auto below = static_cast<std::size_t>(std::floor(at));
      const auto above = static_cast<std::size_t>(std::ceil(at));
      cuts[below].push_back({p.x, p.y});
      if (above != below) {
        cuts[above].push_back({p.x, p.y});
      }
    }
    for (const auto& tri : mesh->triangles) {
      const glm::dvec3 v[3] = {mesh->points[tri.x], mesh->points[tri.y], mesh->points[tri.z]};
      for (int e = 0; e < 3; ++e) {
        const glm::dvec3 a = v[e];
        const glm::dvec3 b = v[(e + 1) % 3];
        const double lo = std::min(a.z, b.z);
        const double hi = std::max(a.z, b.z);
        if (hi - lo <= 0) {
          continue;
        }
        const auto first = static_cast<std::size_t>(std::max(0.0, std::ceil(ringOf(lo))));
        const auto last = static_cast<std::size_t>(
            std::min(static_cast<double>(rings - 1), std::floor(ringOf(hi))));
        for (std::size_t k = first; k <= last && k < rings; ++k) {
          const double z = from + step * static_cast<double>(k);
          const double s = (z - a.z) / (b.z - a.z);
          cuts[k].push_back({a.x + s * (b.x - a.x), a.y + s * (b.y - a.y)});
        }
      }
    }
  }

  // Each cut's hull widened by the margin.
  std::vector<std::vector<glm::dvec2>> hulls(rings);
  std::vector<char> found(rings, 0);
  for (std::size_t k = 0; k < rings; ++k) {
    std::vector<glm::dvec2> hull = convexHull(std::move(cuts[k]));
    if (hull.empty()) {
      continue;
    }
    std::vector<glm::dvec2> widened;
    const double radius = std::max(margin, 0.5); // a cut that is one point still gets a ring
    for (const glm::dvec2& p : hull) {
      for (int i = 0; i < kCornerPoints; ++i) {
        const double a = 2 * kPi * i / kCornerPoints;
        widened.push_back(p + radius * glm::dvec2(std::cos(a), std::sin(a)));
      }
    }
    hulls[k] = convexHull(std::move(widened));
    found[k] = hulls[k].size() >= 3;
  }
  // Rings with no cut take the nearest ring that has one (below first, else above).
  std::size_t any = rings;
  for (std::size_t k = 0; k < rings; ++k) {
    if (found[k]) {
      any = k;
      break;
    }
  }
  if (any == rings) {
    return out;
  }
  for (std::size_t k = 0; k < rings; ++k) {
    if (!found[k]) {
      std::size_t near = any;
      for (std::size_t d = 1; d < rings; ++d) {
        if (k >= d && found[k - d]) {
          near = k - d;
          break;
        }
        if (k + d < rings && found[k + d]) {
          near = k + d;
          break;
        }
      }
      // The end rings, beyond the structures, keep the full width: a narrower ring there would
      // cut into the structures' ends between it and the last ring that holds them.
      hulls[k] = hulls[near];
    }
  }

  // Centres smoothed along the leg; radii measured from them, smoothed, never inside the hull.
  std::vector<glm::dvec2> centre(rings);
  for (std::size_t k = 0; k < rings; ++k) {
    centre[k] = vertexMean(hulls[k]);
  }
  std::vector<glm::dvec2> next = centre;
  for (int pass = 0; pass < kSmoothingPasses; ++pass) {
    for (std::size_t k = 0; k < rings; ++k) {
      const glm::dvec2 below = centre[k == 0 ? 0 : k - 1];
      const glm::dvec2 above = centre[std::min(k + 1, rings - 1)];
      next[k] = (below + 2.0 * centre[k] + above) / 4.0;
    }
    std::swap(centre, next);
  }
  const auto n = static_cast<std::size_t>(options.around);
  std::vector<glm::dvec2> directions(n);
  for (std::size_t j = 0; j < n; ++j) {
    const double a = 2 * kPi * static_cast<double>(j) / static_cast<double>(n);
    directions[j] = {std::cos(a), std::sin(a)};
  }
  std::vector<std::vector<double>> floorRadius(rings, std::vector<double>(n, 0.0));
  for (std::size_t k = 0; k < rings; ++k) {
    glm::dvec2 c = centre[k];
    if (std::isnan(radiusAlong(hulls[k], c, directions[0]))) {
      c = centre[k] = vertexMean(hulls[k]); // smoothing moved it out of a skewed hull
    }
    for (std::size_t j = 0; j < n; ++j) {
      const double r = radiusAlong(hulls[k], c, directions[j]);
      floorRadius[k][j] = std::isnan(r) ? 0.0 : r;
    }
  }
  std::vector<std::vector<double>> radius = floorRadius;
  std::vector<std::vector<double>> smoothed = radius;
  for (int pass = 0; pass < kSmoothingPasses; ++pass) {
    for (std::size_t k = 0; k < rings; ++k) {
      for (std::size_t j = 0; j < n; ++j) {
        const double along = (radius[k == 0 ? 0 : k - 1][j] + 2.0 * radius[k][j] +
                              radius[std::min(k + 1, rings - 1)][j]) /
                             4.0;
        const double round =
            (radius[k][(j + n - 1) % n] + 2.0 * radius[k][j] + radius[k][(j + 1) % n]) / 4.0;
        smoothed[k][j] = std::max((along + round) / 2.0, floorRadius[k][j]);
      }
    }
    std::swap(radius, smoothed);
  }

  for (std::size_t k = 0; k < rings; ++k) {
    const double z = from + step * static_cast<double>(k);
    for (std::size_t j = 0; j < n; ++j) {
      const glm::dvec2 p = centre[k] + directions[j] * radius[k][j];
      out.points.push_back({p.x, p.y, z});
    }
  }
  const auto at = [&](std::size_t k, std::size_t j) {
    return static_cast<std::uint32_t>(k * n + j % n);
  };
  for (std::size_t k = 0; k + 1 < rings; ++k) {
    for (std::size_t j = 0; j < n; ++j) {
      // Counter-clockwise seen from outside: round the ring counter-clockwise seen from above,
      // then up.
      out.triangles.push_back({at(k, j), at(k, j + 1), at(k + 1, j + 1)});
      out.triangles.push_back({at(k, j), at(k + 1, j + 1), at(k + 1, j)});
    }
  }
  const auto bottom = static_cast<std::uint32_t>(out.points.size());
  out.points.push_back({centre.front().x, centre.front().y, from});
  const auto top = static_cast<std::uint32_t>(out.points.size());
  out.points.push_back({centre.back().x, centre.back().y, from + step * double(rings - 1)});
  for (std::size_t j = 0; j < n; ++j) {
    out.triangles.push_back({at(0, j + 1), at(0, j), bottom});
    out.triangles.push_back({at(rings - 1, j), at(rings - 1, j + 1), top});
  }
  return out;
}

} // namespace sura
