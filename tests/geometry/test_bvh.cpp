#include "geometry/bvh.h"
#include "test_meshes.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <vector>

using namespace sura;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// Deepest point of a flat triangle below the sphere it is inscribed in, bounded from the
/// longest edge: r - sqrt(r^2 - (edge / sqrt 3)^2).
double sagitta(const TriangleMesh& m, double r) {
  double longest = 0;
  for (const auto& t : m.triangles) {
    for (int k = 0; k < 3; ++k) {
      longest = std::max(longest, glm::length(m.points[t[k]] - m.points[t[(k + 1) % 3]]));
    }
  }
  const double circum = longest / std::sqrt(3.0);
  return r - std::sqrt(r * r - circum * circum);
}

/// Moller-Trumbore, kept independent of the BVH's watertight test. margin is the smallest
/// barycentric coordinate, to tell when a ray runs too close to an edge to be compared.
struct BruteHit {
  double t;
  std::uint32_t triangle;
  double margin;
};

std::vector<BruteHit> bruteForce(const TriangleMesh& m, glm::dvec3 o, glm::dvec3 d) {
  d = glm::normalize(d);
  std::vector<BruteHit> hits;
  for (std::size_t i = 0; i < m.triangles.size(); ++i) {
    const auto& tri = m.triangles[i];
    const glm::dvec3 a = m.points[tri.x], b = m.points[tri.y], c = m.points[tri.z];
    const glm::dvec3 e1 = b - a, e2 = c - a;
    const glm::dvec3 p = glm::cross(d, e2);
    const double det = glm::dot(e1, p);
    if (std::abs(det) < 1e-14 * glm::dot(e1, e1)) {
      continue;
    }
    const glm::dvec3 s = o - a;
    const double u = glm::dot(s, p) / det;
    const glm::dvec3 q = glm::cross(s, e1);
    const double v = glm::dot(d, q) / det;
    const double t = glm::dot(e2, q) / det;
    const double margin = std::min({u, v, 1 - u - v});
    if (margin >= -1e-7 && t >= 0) {
      hits.push_back({t, static_cast<std::uint32_t>(i), margin});
    }
  }
  std::sort(hits.begin(), hits.end(), [](auto& x, auto& y) { return x.t < y.t; });
  return hits;
}

double segmentDistance(glm::dvec3 p, glm::dvec3 a, glm::dvec3 b) {
  const double f = std::clamp(glm::dot(p - a, b - a) / glm::dot(b - a, b - a), 0.0, 1.0);
  return glm::length(p - (a + f * (b - a)));
}

/// Distance to a triangle by projection onto its plane, else the nearest edge.
double triangleDistance(glm::dvec3 p, glm::dvec3 a, glm::dvec3 b, glm::dvec3 c) {
  const glm::dvec3 n = glm::normalize(glm::cross(b - a, c - a));
  const glm::dvec3 q = p - glm::dot(p - a, n) * n;
  const bool inside = glm::dot(glm::cross(b - a, q - a), n) >= 0 &&
                      glm::dot(glm::cross(c - b, q - b), n) >= 0 &&
                      glm::dot(glm::cross(a - c, q - c), n) >= 0;
  if (inside) {
    return std::abs(glm::dot(p - a, n));
  }
  return std::min({segmentDistance(p, a, b), segmentDistance(p, b, c), segmentDistance(p, c, a)});
}

glm::dvec3 randomUnit(std::mt19937_64& rng) {
  std::normal_distribution<double> g;
  return glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
}

} // namespace

TEST_CASE("ray through the centre of a sphere hits twice at the right distances") {
  const double r = 10;
  const glm::dvec3 c(1, 2, 3);
  const TriangleMesh sphere = testmesh::icosphere(r, 32, c);
  const double tol = sagitta(sphere, r) + 1e-9;
  const MeshBvh bvh(sphere);
  CHECK(bvh.triangleCount() == sphere.triangles.size());

  const Ray ray{c - glm::dvec3(20, 0, 0), glm::dvec3(5, 0, 0)}; // not unit: t stays in mm
  const auto hits = bvh.intersectAll(ray);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].t == doctest::Approx(10).epsilon(tol / 10));
  CHECK(hits[0].t >= 10 - 1e-9);
  CHECK(hits[1].t == doctest::Approx(30).epsilon(tol / 30));
  CHECK(hits[1].t <= 30 + 1e-9);
  CHECK(hits[0].entering);
  CHECK_FALSE(hits[1].entering);
  CHECK(hits[0].normal.x < -0.99);
  CHECK(hits[1].normal.x > 0.99);
  CHECK(glm::length(hits[0].normal) == doctest::Approx(1.0));
  CHECK(glm::length(hits[0].point - (ray.origin + glm::dvec3(hits[0].t, 0, 0))) < 1e-9);

  const auto first = bvh.intersectFirst(ray);
  REQUIRE(first);
  CHECK(first->t == hits[0].t);
  CHECK(first->triangle == hits[0].triangle);

  // tMin and tMax bound the search.
  const auto second = bvh.intersectFirst(ray, 15);
  REQUIRE(second);
  CHECK(second->t == hits[1].t);
  CHECK_FALSE(bvh.intersectFirst(ray, 0, 9.9));
  CHECK(bvh.intersectAll(ray, 11, 29).empty());
}

TEST_CASE("misses") {
  const TriangleMesh sphere = testmesh::icosphere(10, 16);
  const MeshBvh bvh(sphere);
  CHECK_FALSE(bvh.intersectFirst({{-20, 0, 10.01}, {1, 0, 0}}));
  CHECK_FALSE(bvh.intersectFirst({{-20, 0, 0}, {-1, 0, 0}})); // pointing away
  CHECK_FALSE(bvh.intersectFirst({{-20, 0, 0}, {0, 0, 0}}));  // no direction
  CHECK(bvh.intersectAll({{-20, 0, 0}, {0, 1, 0}}).empty());
}

TEST_CASE("a ray along a face of a cube enters and leaves once") {
  const MeshBvh bvh(testmesh::box({0, 0, 0}, {1, 1, 1}));
  // In the plane of the top face, over its diagonal: the top triangles are edge-on.
  const auto hits = bvh.intersectAll({{-1, 0.5, 1}, {1, 0, 0}});
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].t == doctest::Approx(1));
  CHECK(hits[0].entering);
  CHECK(hits[1].t == doctest::Approx(2));
  CHECK_FALSE(hits[1].entering);

  // Through a shared edge of two faces and through a corner: one entry, one exit.
  const auto edge = bvh.intersectAll({{-1, 0.25, -1}, {1, 0, 1}});
  REQUIRE(edge.size() == 2);
  CHECK(edge[0].t == doctest::Approx(std::sqrt(2.0)));
  CHECK(edge[0].entering);
  CHECK_FALSE(edge[1].entering);
  const auto corner = bvh.intersectAll({{-1, -1, -1}, {1, 1, 1}});
  REQUIRE(corner.size() == 2);
  CHECK(corner[0].t == doctest::Approx(std::sqrt(3.0)));
  CHECK(corner[0].entering);
  CHECK(corner[1].t == doctest::Approx(2 * std::sqrt(3.0)));
  CHECK_FALSE(corner[1].entering);
}

TEST_CASE("a ray grazing a corner touches, it does not enter") {
  const MeshBvh bvh(testmesh::box({0, 0, 0}, {1, 1, 1}));
  // Through corner (0,0,0) with the cube on one side: exact in binary, so the ray meets the
  // corner exactly and all three triangles there report it.
  const glm::dvec3 d(1, 1, -2);
  const auto hits = bvh.intersectAll({-2.0 * d, d});
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].t == doctest::Approx(2 * glm::length(d)));
  CHECK(hits[1].t == doctest::Approx(2 * glm::length(d)));
  CHECK(hits[0].entering != hits[1].entering);
  CHECK(glm::length(hits[0].point) < 1e-12);
  const auto first = bvh.intersectFirst({-2.0 * d, d});
  REQUIRE(first);
  CHECK(first->t == doctest::Approx(2 * glm::length(d)));
}

TEST_CASE("a ray starting inside leaves once") {
  const double r = 10;
  const TriangleMesh sphere = testmesh::icosphere(r, 32);
  const MeshBvh bvh(sphere);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20; ++i) {
    const glm::dvec3 d = randomUnit(rng);
    const auto hit = bvh.intersectFirst({glm::dvec3(0.5, -0.25, 1), d});
    REQUIRE(hit);
    CHECK_FALSE(hit->entering);
    CHECK(glm::length(hit->point) == doctest::Approx(r).epsilon(2e-3));
    CHECK(bvh.intersectAll({glm::dvec3(0.5, -0.25, 1), d}).size() == 1);
  }
}

TEST_CASE("degenerate triangles are skipped and indices refer to the mesh") {
  TriangleMesh m;
  m.points = {{0.2, 0.5, 0.5}, {0.5, 0.5, 0.5}, {0.8, 0.5, 0.5}, {0, 0, 0}};
  m.triangles = {{0, 1, 2}, {1, 1, 3}, {0, 1, 77}, {3, 3, 3}};
  const TriangleMesh cube = testmesh::box({0, 0, 0}, {1, 1, 1});
  TriangleMesh mixed = testmesh::merge(m, cube);
  mixed.points.push_back({std::nan(""), 0, 0});
  mixed.triangles.push_back({4, 5, static_cast<std::uint32_t>(mixed.points.size() - 1)});
  const MeshBvh bvh(mixed);
  CHECK(bvh.triangleCount() == 12);
  CHECK(bvh.bounds().lo == glm::dvec3(0));
  CHECK(bvh.bounds().hi == glm::dvec3(1));

  // Straight through the zero-area triangle, in its plane and across it.
  for (const Ray& ray : {Ray{{0.5, -1, 0.5}, {0, 1, 0}}, Ray{{0.5, 0.5, -1}, {0, 0, 1}},
                         Ray{{-1, 0.5, 0.5}, {1, 0, 0}}}) {
    const auto hits = bvh.intersectAll(ray);
    REQUIRE(hits.size() == 2);
    for (const auto& h : hits) {
      REQUIRE(h.triangle >= 4);
      REQUIRE(h.triangle < 16);
      const auto& t = mixed.triangles[h.triangle];
      // The reported triangle contains the point: it lies in its plane.
      const glm::dvec3 a = mixed.points[t.x];
      const glm::dvec3 n = glm::normalize(glm::cross(mixed.points[t.y] - a, mixed.points[t.z] - a));
      CHECK(std::abs(glm::dot(h.point - a, n)) < 1e-12);
      CHECK(glm::length(n - h.normal) < 1e-12);
    }
  }
}

TEST_CASE("empty mesh") {
  const MeshBvh bvh{TriangleMesh{}};
  CHECK(bvh.triangleCount() == 0);
  CHECK(bvh.bounds().empty());
  CHECK_FALSE(bvh.intersectFirst({{0, 0, 0}, {1, 0, 0}}));
  CHECK(bvh.intersectAll({{0, 0, 0}, {1, 0, 0}}).empty());
  CHECK_FALSE(bvh.contains({0, 0, 0}));
  CHECK(bvh.distance({0, 0, 0}) == inf);
  CHECK(std::isnan(bvh.closestPoint({0, 0, 0}).x));
}

TEST_CASE("the BVH owns its data") {
  std::optional<MeshBvh> bvh;
  {
    const TriangleMesh cube = testmesh::box({0, 0, 0}, {2, 2, 2});
    bvh.emplace(cube);
  }
  const auto hit = bvh->intersectFirst({{1, 1, 5}, {0, 0, -1}});
  REQUIRE(hit);
  CHECK(hit->t == doctest::Approx(3));
}

TEST_CASE("contains: inside, outside and close to the surface") {
  const double r = 10;
  const TriangleMesh sphere = testmesh::icosphere(r, 32, {5, 5, 5});
  const MeshBvh s(sphere);
  std::mt19937_64 rng(11);
  CHECK(s.contains({5, 5, 5}));
  for (int i = 0; i < 200; ++i) {
    const glm::dvec3 d = randomUnit(rng);
    CHECK(s.contains(glm::dvec3(5) + 0.99 * r * d));
    CHECK_FALSE(s.contains(glm::dvec3(5) + 1.01 * r * d));
  }
  CHECK_FALSE(s.contains({100, 0, 0}));

  const MeshBvh cube(testmesh::box({0, 0, 0}, {1, 1, 1}));
  const double e = 1e-9;
  CHECK(cube.contains({0.5, 0.5, 1 - e}));
  CHECK_FALSE(cube.contains({0.5, 0.5, 1 + e}));
  CHECK(cube.contains({e, 0.5, 0.5}));
  CHECK_FALSE(cube.contains({-e, 0.5, 0.5}));
  CHECK(cube.contains({e, e, e}));
  CHECK(cube.contains({1 - e, 1 - e, 1 - e}));
  CHECK_FALSE(cube.contains({1 + e, 1 - e, 1 - e}));
  // Many interior points on a grid whose rays cross face diagonals and edges.
  int inside = 0;
  for (int i = 1; i < 10; ++i) {
    for (int j = 1; j < 10; ++j) {
      for (int k = 1; k < 10; ++k) {
        inside += cube.contains(glm::dvec3(i, j, k) / 10.0);
      }
    }
  }
  CHECK(inside == 9 * 9 * 9);

  const MeshBvh two(
      testmesh::merge(testmesh::box({0, 0, 0}, {1, 1, 1}), testmesh::box({2, 0, 0}, {3, 1, 1})));
  CHECK(two.contains({0.5, 0.5, 0.5}));
  CHECK_FALSE(two.contains({1.5, 0.5, 0.5}));
  CHECK(two.contains({2.5, 0.5, 0.5}));
}

TEST_CASE("distance and closest point against the analytic sphere and brute force") {
  const double r = 10;
  const glm::dvec3 c(-3, 4, 20);
  const TriangleMesh sphere = testmesh::icosphere(r, 32, c);
  const double tol = sagitta(sphere, r) + 1e-9;
  const MeshBvh bvh(sphere);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> radius(0, 3 * r);
  for (int i = 0; i < 300; ++i) {
    const glm::dvec3 p = c + radius(rng) * randomUnit(rng);
    const double d = bvh.distance(p);
    CHECK(std::abs(d - std::abs(glm::length(p - c) - r)) <= tol);
    const glm::dvec3 q = bvh.closestPoint(p);
    CHECK(glm::length(q - p) == doctest::Approx(d).epsilon(1e-12));
    CHECK(glm::length(q - c) <= r + 1e-9);
    CHECK(glm::length(q - c) >= r - tol);
    if (i % 10 == 0) {
      double brute = inf;
      for (const auto& t : sphere.triangles) {
        brute = std::min(
            brute, triangleDistance(p, sphere.points[t.x], sphere.points[t.y], sphere.points[t.z]));
      }
      CHECK(d == doctest::Approx(brute).epsilon(1e-9));
    }
  }
  CHECK(bvh.distance(sphere.points[5]) < 1e-12);
}

TEST_CASE("randomised cross-check against brute force") {
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> u(-1, 1);
  // Overlapping random triangles of all sizes, plus a closed sphere through them.
  TriangleMesh soup;
  for (int i = 0; i < 1500; ++i) {
    const glm::dvec3 centre(20 * u(rng), 20 * u(rng), 20 * u(rng));
    const double size = std::pow(10.0, 1.5 * u(rng));
    for (int k = 0; k < 3; ++k) {
      soup.points.push_back(centre + size * glm::dvec3(u(rng), u(rng), u(rng)));
    }
    const auto b = static_cast<std::uint32_t>(3 * i);
    soup.triangles.push_back({b, b + 1, b + 2});
  }
  const TriangleMesh mesh = testmesh::merge(soup, testmesh::icosphere(12, 12, {2, -1, 3}));
  const MeshBvh bvh(mesh);
  REQUIRE(bvh.triangleCount() == mesh.triangles.size());

  int compared = 0, hitsSeen = 0;
  for (int i = 0; i < 3000; ++i) {
    const glm::dvec3 o(30 * u(rng), 30 * u(rng), 30 * u(rng));
    // Half the rays aim at the sphere so both kinds of geometry get hit.
    const glm::dvec3 d = i % 2 ? randomUnit(rng) : glm::dvec3(2, -1, 3) + 8.0 * randomUnit(rng) - o;
    const auto brute = bruteForce(mesh, o, d);
    const bool ambiguous =
        std::any_of(brute.begin(), brute.end(), [](const BruteHit& h) { return h.margin < 1e-7; });
    if (ambiguous) {
      continue; // too close to an edge for two different tests to be expected to agree
    }
    ++compared;
    const auto first = bvh.intersectFirst({o, d});
    REQUIRE(first.has_value() == !brute.empty());
    const auto all = bvh.intersectAll({o, d});
    REQUIRE(all.size() == brute.size());
    if (brute.empty()) {
      continue;
    }
    hitsSeen += static_cast<int>(brute.size());
    CHECK(first->t == doctest::Approx(brute[0].t).epsilon(1e-9));
    CHECK(first->triangle == brute[0].triangle);
    for (std::size_t k = 0; k < all.size(); ++k) {
      CHECK(all[k].t == doctest::Approx(brute[k].t).epsilon(1e-9));
    }
  }
  CHECK(compared > 2900);
  CHECK(hitsSeen > 3000);
}
