#include "picking/skin_midline.h"

#include "geometry/mesh_checks.h"

#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sura {

namespace {

struct Accumulator {
  double area2 = 0;   ///< twice the signed area
  double momentX = 0; ///< sum of (x_p + x_q) * cross(p, q)
  double momentY = 0;
  glm::dvec2 lo{1e300}, hi{-1e300};
};

bool finite(const glm::dvec3& p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

/// Not degenerate and with finite corners: the triangles MeshBvh keeps too.
bool usable(const TriangleMesh& m, std::size_t i) {
  if (degenerateTriangle(m, i)) {
    return false;
  }
  const glm::u32vec3& t = m.triangles[i];
  return finite(m.points[t.x]) && finite(m.points[t.y]) && finite(m.points[t.z]);
}

} // namespace

SkinMidline::SkinMidline(const TriangleMesh& skin, double step) {
  if (!(step > 0) || skin.triangles.empty()) {
    return;
  }
  // The height range of the triangles that will be cut; points of skipped triangles (a NaN
  // left in a damaged file) must not widen it.
  double zLow = std::numeric_limits<double>::infinity();
  double zHigh = -zLow;
  for (std::size_t i = 0; i < skin.triangles.size(); ++i) {
    if (usable(skin, i)) {
      const glm::u32vec3& t = skin.triangles[i];
      zLow = std::min({zLow, skin.points[t.x].z, skin.points[t.y].z, skin.points[t.z].z});
      zHigh = std::max({zHigh, skin.points[t.x].z, skin.points[t.y].z, skin.points[t.z].z});
    }
  }
  if (!(zLow <= zHigh)) {
    return;
  }
  const double z0 = std::floor(zLow / step) * step;
  const auto count = static_cast<std::size_t>(std::ceil((zHigh - z0) / step)) + 1;
  std::vector<Accumulator> cuts(count);
  const auto planeZ = [&](std::size_t k) { return z0 + static_cast<double>(k) * step; };

  for (std::size_t i = 0; i < skin.triangles.size(); ++i) {
    if (!usable(skin, i)) {
      continue;
    }
    const glm::u32vec3& t = skin.triangles[i];
    const glm::dvec3 v[3] = {skin.points[t.x], skin.points[t.y], skin.points[t.z]};
    const glm::dvec3 normal = glm::cross(v[1] - v[0], v[2] - v[0]);
    const double zmin = std::min({v[0].z, v[1].z, v[2].z});
    const double zmax = std::max({v[0].z, v[1].z, v[2].z});
    // One plane either side of the computed range, so rounding in the division cannot drop a
    // cut; the exact test below decides.
    const double first = std::floor((zmin - z0) / step);
    const double last = std::floor((zmax - z0) / step) + 1;
    for (double kk = std::max(0.0, first); kk <= last && kk < static_cast<double>(count); ++kk) {
      const auto k = static_cast<std::size_t>(kk);
      const double z = planeZ(k);
      // A vertex on the plane counts as above it, as in sectionAtZ, so loops stay closed.
      const bool above[3] = {v[0].z >= z, v[1].z >= z, v[2].z >= z};
      if (above[0] == above[1] && above[1] == above[2]) {
        continue;
      }
      glm::dvec2 ends[2];
      int found = 0;
      for (int e = 0; e < 3 && found < 2; ++e) {
        const glm::dvec3& a = v[e];
        const glm::dvec3& b = v[(e + 1) % 3];
        if (above[e] != above[(e + 1) % 3]) {
          const double s = (z - a.z) / (b.z - a.z);
          ends[found++] = glm::dvec2(a.x + (b.x - a.x) * s, a.y + (b.y - a.y) * s);
        }
      }
      glm::dvec2 p = ends[0], q = ends[1];
      // Orient the segment so the outward normal is on its right: loops then run
      // counter-clockwise seen from +Z and the shoelace sums give a positive area.
      const glm::dvec2 d = q - p;
      if (d.y * normal.x - d.x * normal.y < 0) {
        std::swap(p, q);
      }
      const double cross = p.x * q.y - q.x * p.y;
      Accumulator& acc = cuts[k];
      acc.area2 += cross;
      acc.momentX += (p.x + q.x) * cross;
      acc.momentY += (p.y + q.y) * cross;
      acc.lo = glm::min(acc.lo, glm::min(p, q));
      acc.hi = glm::max(acc.hi, glm::max(p, q));
    }
  }

  for (std::size_t k = 0; k < count; ++k) {
    const Accumulator& acc = cuts[k];
    // Below a square millimetre the centroid is rounding noise (a cap, or an open mesh).
    if (!(acc.area2 > 2.0)) {
      continue;
    }
    SkinLevel level;
    level.area = acc.area2 / 2;
    level.centroid = glm::dvec2(acc.momentX, acc.momentY) / (3.0 * acc.area2);
    level.lo = acc.lo;
    level.hi = acc.hi;
    levels_.push_back({planeZ(k), level});
  }
}

SkinLevel SkinMidline::at(double z) const {
  if (z <= levels_.front().z || !std::isfinite(z)) {
    return z > levels_.back().z ? levels_.back().level : levels_.front().level;
  }
  if (z >= levels_.back().z) {
    return levels_.back().level;
  }
  const auto above = std::lower_bound(levels_.begin(), levels_.end(), z,
                                      [](const Sample& s, double value) { return s.z < value; });
  const auto below = above - 1;
  const double s = (z - below->z) / (above->z - below->z);
  const SkinLevel& a = below->level;
  const SkinLevel& b = above->level;
  SkinLevel out;
  out.centroid = glm::mix(a.centroid, b.centroid, s);
  out.lo = glm::mix(a.lo, b.lo, s);
  out.hi = glm::mix(a.hi, b.hi, s);
  out.area = a.area + (b.area - a.area) * s;
  return out;
}

} // namespace sura
