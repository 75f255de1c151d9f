#include "geometry/mesh_checks.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace sura {

namespace {

bool usable(const TriangleMesh& m, const glm::u32vec3& t) {
  const std::size_t n = m.points.size();
  return t.x < n && t.y < n && t.z < n && t.x != t.y && t.y != t.z && t.z != t.x;
}

bool zeroArea(const TriangleMesh& m, const glm::u32vec3& t) {
  const glm::dvec3 a = m.points[t.x], b = m.points[t.y], c = m.points[t.z];
  const double twiceArea = glm::length(glm::cross(b - a, c - a));
  const double longest =
      std::max({glm::dot(b - a, b - a), glm::dot(c - b, c - b), glm::dot(a - c, a - c)});
  // Relative to the longest edge so that the test means "collinear", whatever the scale.
  return !(twiceArea > 1e-12 * longest);
}

struct HalfEdge {
  std::uint64_t key;      // undirected edge: (lower index << 32) | higher index
  std::uint32_t triangle; // index into the mesh's triangles
  bool forward;           // true when the triangle walks it from lower to higher index
};

std::vector<HalfEdge> halfEdges(const TriangleMesh& m) {
  std::vector<HalfEdge> edges;
  edges.reserve(m.triangles.size() * 3);
  for (std::size_t i = 0; i < m.triangles.size(); ++i) {
    const glm::u32vec3& t = m.triangles[i];
    if (!usable(m, t)) {
      continue;
    }
    const std::uint32_t v[3] = {t.x, t.y, t.z};
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = v[k], b = v[(k + 1) % 3];
      const std::uint64_t lo = std::min(a, b), hi = std::max(a, b);
      edges.push_back({(lo << 32) | hi, static_cast<std::uint32_t>(i), a < b});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const HalfEdge& x, const HalfEdge& y) {
    return x.key != y.key ? x.key < y.key : x.triangle < y.triangle;
  });
  return edges;
}

class UnionFind {
public:
  explicit UnionFind(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::uint32_t{0});
  }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void join(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    // The lower index becomes the root so roots identify components by their first triangle.
    if (a < b) {
      parent_[b] = a;
    } else if (b < a) {
      parent_[a] = b;
    }
  }

private:
  std::vector<std::uint32_t> parent_;
};

/// Joins triangles that share an edge; returns the union-find over all triangle indices.
UnionFind connect(const TriangleMesh& m, const std::vector<HalfEdge>& edges) {
  UnionFind sets(m.triangles.size());
  for (std::size_t i = 1; i < edges.size(); ++i) {
    if (edges[i].key == edges[i - 1].key) {
      sets.join(edges[i].triangle, edges[i - 1].triangle);
    }
  }
  return sets;
}

} // namespace

double signedVolume(const TriangleMesh& m) {
  // Measured from the box centre rather than the origin: the result is the same for a closed
  // mesh, but the products stay small and far fewer digits cancel.
  const glm::dvec3 o = bounds(m).center();
  double sixTimes = 0;
  for (const auto& t : m.triangles) {
    if (!usable(m, t)) {
      continue;
    }
    sixTimes += glm::dot(m.points[t.x] - o, glm::cross(m.points[t.y] - o, m.points[t.z] - o));
  }
  return sixTimes / 6.0;
}

TopologyReport checkTopology(const TriangleMesh& m) {
  TopologyReport report;
  for (const auto& t : m.triangles) {
    if (!usable(m, t) || zeroArea(m, t)) {
      ++report.degenerateTriangles;
    }
  }
  const std::vector<HalfEdge> edges = halfEdges(m);
  for (std::size_t begin = 0; begin < edges.size();) {
    std::size_t end = begin + 1;
    while (end < edges.size() && edges[end].key == edges[begin].key) {
      ++end;
    }
    const std::size_t uses = end - begin;
    if (uses == 1) {
      ++report.boundaryEdges;
    } else if (uses > 2) {
      ++report.nonManifoldEdges;
    } else if (edges[begin].forward == edges[begin + 1].forward) {
      ++report.misorientedEdges;
    }
    begin = end;
  }
  UnionFind sets = connect(m, edges);
  for (std::size_t i = 0; i < m.triangles.size(); ++i) {
    const auto id = static_cast<std::uint32_t>(i);
    if (usable(m, m.triangles[i]) && sets.find(id) == id) {
      ++report.components;
    }
  }
  return report;
}

std::vector<TriangleMesh> splitComponents(const TriangleMesh& m) {
  UnionFind sets = connect(m, halfEdges(m));
  constexpr std::uint32_t none = ~std::uint32_t{0};
  std::vector<std::uint32_t> componentOfRoot(m.triangles.size(), none);
  std::vector<std::vector<std::uint32_t>> members;
  for (std::size_t i = 0; i < m.triangles.size(); ++i) {
    if (!usable(m, m.triangles[i])) {
      continue;
    }
    const std::uint32_t root = sets.find(static_cast<std::uint32_t>(i));
    if (componentOfRoot[root] == none) {
      componentOfRoot[root] = static_cast<std::uint32_t>(members.size());
      members.emplace_back();
    }
    members[componentOfRoot[root]].push_back(static_cast<std::uint32_t>(i));
  }
  std::vector<TriangleMesh> parts(members.size());
  // Per point, the component that last copied it and its index there. Components are filled
  // one after the other, so a point shared by two components (touching at a vertex) is copied
  // once into each.
  std::vector<std::uint32_t> pointOwner(m.points.size(), none);
  std::vector<std::uint32_t> pointIndex(m.points.size(), 0);
  for (std::size_t c = 0; c < members.size(); ++c) {
    TriangleMesh& part = parts[c];
    part.triangles.reserve(members[c].size());
    for (const std::uint32_t i : members[c]) {
      const glm::u32vec3& t = m.triangles[i];
      glm::u32vec3 mapped;
      for (int k = 0; k < 3; ++k) {
        const std::uint32_t v = t[k];
        if (pointOwner[v] != c) {
          pointOwner[v] = static_cast<std::uint32_t>(c);
          pointIndex[v] = static_cast<std::uint32_t>(part.points.size());
          part.points.push_back(m.points[v]);
        }
        mapped[k] = pointIndex[v];
      }
      part.triangles.push_back(mapped);
    }
  }
  return parts;
}

bool degenerateTriangle(const TriangleMesh& m, std::size_t i) {
  const glm::u32vec3& t = m.triangles[i];
  return !usable(m, t) || zeroArea(m, t);
}

bool allFinite(const TriangleMesh& m) {
  return std::all_of(m.points.begin(), m.points.end(), [](const glm::dvec3& p) {
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
  });
}

bool indicesValid(const TriangleMesh& m) {
  const std::size_t n = m.points.size();
  return std::all_of(m.triangles.begin(), m.triangles.end(),
                     [n](const glm::u32vec3& t) { return t.x < n && t.y < n && t.z < n; });
}

} // namespace sura
