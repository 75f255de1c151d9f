#include "picking/safety_map.h"

#include "picking/picker.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

namespace sura {

namespace {

/// The search stops this close to the margin, mm: well under what the map's classes resolve.
constexpr double kTraceToleranceMm = 0.02;
/// The skin's own entry crossing is skipped: the line leaves the leg beyond this, mm.
constexpr double kSkinSkipMm = 0.5;
/// Steps of the search at most (a line grazing a structure takes small steps).
constexpr int kMaxSteps = 400;

struct Guard {
  const MeshBvh* bvh;
  std::size_t index; ///< into the structures list
};

// Every guard's surface in one tree, for the search's steps (one query each instead of one per
// structure); which structure was met is asked of the guards one by one, once, at the end.
struct Guards {
  std::vector<Guard> each;
  MeshBvh all;
};

double boxDistance(const Aabb& box, const glm::dvec3& p) {
  const glm::dvec3 below = glm::max(box.lo - p, glm::dvec3(0.0));
  const glm::dvec3 above = glm::max(p - box.hi, glm::dvec3(0.0));
  return glm::length(glm::max(below, above));
}

// The nearest guard surface to p, mm, and which; stops looking past `within`.
double nearestGuard(const std::vector<Guard>& guards, const glm::dvec3& p, std::size_t& which) {
  double best = std::numeric_limits<double>::infinity();
  for (const Guard& g : guards) {
    if (boxDistance(g.bvh->bounds(), p) >= best) {
      continue;
    }
    const double d = g.bvh->distance(p);
    if (d < best) {
      best = d;
      which = g.index;
    }
  }
  return best;
}

std::vector<std::string> guardIds(const Picker& picker) {
  std::vector<std::string> ids = picker.structuresInGroup("nerves_vessels");
  for (const std::string& id : picker.structuresInGroup("bones")) {
    ids.push_back(id);
  }
  return ids;
}

std::vector<Guard> guardsOf(const Picker& picker, const std::vector<std::string>& ids) {
  std::vector<Guard> guards;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (const MeshBvh* bvh = picker.bvhOf(ids[i]); bvh && bvh->triangleCount() > 0) {
      guards.push_back({bvh, i});
    }
  }
  return guards;
}

struct Depth {
  double mm = 0;
  SafetyLimit limit = SafetyLimit::MaxDepth;
  std::ptrdiff_t structure = -1;
};

// Sphere tracing: the distance to the nearest guard, less the margin and the needle's radius,
// is a step the needle can safely take (distance is 1-Lipschitz along the line). `nearest`
// gives the distance from a point to the nearest guard surface.
template <class Nearest>
Depth trace(const std::vector<Guard>& guards, const Nearest& nearest, const MeshBvh* skin,
            const glm::dvec3& entry, const glm::dvec3& direction, double marginMm, double gaugeMm) {
  const glm::dvec3 d = glm::normalize(direction);
  double limit = kSafetyMaxDepthMm;
  Depth result;
  if (skin) {
    if (const auto out = skin->intersectFirst(Ray{entry, d}, kSkinSkipMm, kSafetyMaxDepthMm)) {
      limit = out->t;
      result.limit = SafetyLimit::LeavesLeg;
    }
  }
  const double reach = marginMm + gaugeMm / 2.0;
  double t = 0.0;
  for (int step = 0; step < kMaxSteps && t < limit; ++step) {
    const double gap = nearest(entry + d * t) - reach;
    if (gap <= kTraceToleranceMm) {
      result.mm = t;
      result.limit = SafetyLimit::Structure;
      std::size_t which = 0;
      nearestGuard(guards, entry + d * t, which);
      result.structure = static_cast<std::ptrdiff_t>(which);
      return result;
    }
    t += gap;
  }
  result.mm = limit;
  return result;
}

} // namespace

SafetyClass safetyClassOf(double depthMm) {
  if (depthMm < kSafetyShallowMm) {
    return SafetyClass::Shallow;
  }
  return depthMm < kSafetyDeepMm ? SafetyClass::Middle : SafetyClass::Deep;
}

const char* safetyClassLabel(SafetyClass c) {
  switch (c) {
  case SafetyClass::Shallow:
    return "under 20 mm";
  case SafetyClass::Middle:
    return "20-40 mm";
  case SafetyClass::Deep:
    return "beyond 40 mm";
  }
  return "";
}

std::vector<glm::dvec3> vertexNormals(const TriangleMesh& mesh) {
  std::vector<glm::dvec3> normals(mesh.points.size(), glm::dvec3(0.0));
  for (const glm::u32vec3& t : mesh.triangles) {
    if (t.x >= mesh.points.size() || t.y >= mesh.points.size() || t.z >= mesh.points.size()) {
      continue;
    }
    const glm::dvec3& a = mesh.points[t.x];
    const glm::dvec3& b = mesh.points[t.y];
    const glm::dvec3& c = mesh.points[t.z];
    const glm::dvec3 n = glm::cross(b - a, c - a); // twice the area, outward
    normals[t.x] += n;
    normals[t.y] += n;
    normals[t.z] += n;
  }
  for (glm::dvec3& n : normals) {
    const double length = glm::length(n);
    n = length > 0.0 ? n / length : glm::dvec3(0.0);
  }
  return normals;
}

NeedlePlacement perpendicularNeedle(const glm::dvec3& entry, const glm::dvec3& outwardNormal,
                                    double insertedMm, double gaugeMm) {
  NeedlePlacement p;
  p.aim = NeedleAim::Angles; // tilt 0: the perpendicular
  p.entry = entry;
  p.direction = -glm::normalize(outwardNormal);
  p.gaugeMm = gaugeMm;
  p.insertedMm = std::max(0.0, insertedMm);
  p.lengthMm = std::max(needleLengthFor(p.insertedMm), p.insertedMm);
  return p;
}

double safeDepth(const Picker& picker, const glm::dvec3& entry, const glm::dvec3& direction,
                 double marginMm, double gaugeMm, SafetyLimit* limit, std::string* structure) {
  const std::vector<std::string> ids = guardIds(picker);
  const std::vector<Guard> guards = guardsOf(picker, ids);
  const auto nearest = [&guards](const glm::dvec3& p) {
    std::size_t which = 0;
    return nearestGuard(guards, p, which);
  };
  const Depth depth =
      trace(guards, nearest, picker.bvhOf(picker.skinId()), entry, direction, marginMm, gaugeMm);
  if (limit) {
    *limit = depth.limit;
  }
  if (structure) {
    *structure = depth.structure >= 0 ? ids[static_cast<std::size_t>(depth.structure)] : "";
  }
  return depth.mm;
}

SafetyMap computeSafetyMap(const Picker& picker, const std::map<std::string, TriangleMesh>& meshes,
                           double marginMm, double gaugeMm, unsigned threads) {
  const auto start = std::chrono::steady_clock::now();
  SafetyMap map;
  const auto skinMesh = meshes.find(picker.skinId());
  if (skinMesh == meshes.end()) {
    return map;
  }
  const TriangleMesh& skin = skinMesh->second;
  map.marginMm = marginMm;
  map.gaugeMm = gaugeMm;
  map.structures = guardIds(picker);
  const std::vector<Guard> guards = guardsOf(picker, map.structures);
  TriangleMesh merged;
  for (const std::string& id : map.structures) {
    const auto mesh = meshes.find(id);
    if (mesh == meshes.end()) {
      continue;
    }
    const auto offset = static_cast<std::uint32_t>(merged.points.size());
    merged.points.insert(merged.points.end(), mesh->second.points.begin(),
                         mesh->second.points.end());
    for (const glm::u32vec3& t : mesh->second.triangles) {
      merged.triangles.push_back(t + glm::u32vec3(offset));
    }
  }
  const MeshBvh all(merged);
  const auto nearest = [&all](const glm::dvec3& p) { return all.distance(p); };
  const MeshBvh* skinBvh = picker.bvhOf(picker.skinId());
  const std::vector<glm::dvec3> normals = vertexNormals(skin);
  const std::size_t n = skin.points.size();
  map.depthMm.assign(n, 0.0f);
  map.limit.assign(n, SafetyLimit::MaxDepth);
  map.limitedBy.assign(n, -1);
  const auto work = [&](std::size_t first, std::size_t step) {
    for (std::size_t v = first; v < n; v += step) {
      if (glm::length(normals[v]) == 0.0) {
        continue; // in no triangle: not on the skin
      }
      const Depth d =
          trace(guards, nearest, skinBvh, skin.points[v], -normals[v], marginMm, gaugeMm);
      map.depthMm[v] = static_cast<float>(d.mm);
      map.limit[v] = d.limit;
      map.limitedBy[v] = static_cast<std::int16_t>(d.structure);
    }
  };
  if (threads == 0) {
    threads = std::max(1u, std::thread::hardware_concurrency());
  }
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) {
    workers.emplace_back(work, i, threads);
  }
  work(0, threads);
  for (std::thread& w : workers) {
    w.join();
  }
  map.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return map;
}

} // namespace sura
