// Build and query times of MeshBvh on large icospheres, and the time to generate an envelope
// round meshes of the size of an atlas. Prints figures, asserts nothing.
#include "geometry/bvh.h"
#include "geometry/envelope.h"
#include "test_meshes.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using namespace sura;

namespace {

using Clock = std::chrono::steady_clock;

double millis(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Stats {
  double median, p99, worst;
};

/// Each query runs three times and keeps its fastest time, so that a preemption by another
/// process does not pass for the cost of the query itself.
template <typename F> Stats timeEach(int count, F&& query) {
  std::vector<double> times(count, 1e300);
  for (int pass = 0; pass < 3; ++pass) {
    for (int i = 0; i < count; ++i) {
      const auto start = Clock::now();
      query(i);
      times[i] = std::min(times[i], millis(Clock::now() - start));
    }
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times[times.size() * 99 / 100], times.back()};
}

void print(const char* name, const Stats& s) {
  std::printf("  %-15s median %.4f ms  p99 %.4f ms  worst %.4f ms", name, s.median, s.p99, s.worst);
}

void run(int frequency) {
  const double r = 100;
  const TriangleMesh sphere = testmesh::icosphere(r, frequency);
  const auto start = Clock::now();
  const MeshBvh bvh(sphere);
  const double build = millis(Clock::now() - start);

  // Rays from a sphere around the mesh towards random points of its box, so some miss and
  // some hit at every angle; query points scattered in and around it.
  constexpr int count = 20000;
  std::mt19937_64 rng(1);
  std::normal_distribution<double> g;
  std::uniform_real_distribution<double> u(-1.2 * r, 1.2 * r);
  std::vector<Ray> rays(count);
  std::vector<glm::dvec3> points(count);
  for (int i = 0; i < count; ++i) {
    const glm::dvec3 o = 3 * r * glm::normalize(glm::dvec3(g(rng), g(rng), g(rng)));
    rays[i] = {o, glm::dvec3(u(rng), u(rng), u(rng)) - o};
    points[i] = glm::dvec3(u(rng), u(rng), u(rng));
  }
  int hits = 0;
  const Stats first =
      timeEach(count, [&](int i) { hits += bvh.intersectFirst(rays[i]).has_value(); });
  std::size_t layers = 0;
  const Stats all = timeEach(count, [&](int i) { layers += bvh.intersectAll(rays[i]).size(); });
  int inside = 0;
  const Stats contains = timeEach(count, [&](int i) { inside += bvh.contains(points[i]); });
  double sum = 0;
  const Stats distance = timeEach(count, [&](int i) { sum += bvh.distance(points[i]); });

  std::printf("icosphere %zu triangles: build %.1f ms, %zu nodes\n", sphere.triangles.size(), build,
              bvh.nodeCount());
  print("intersectFirst", first);
  std::printf("  (%d of %d rays hit)\n", hits / 3, count);
  print("intersectAll", all);
  std::printf("  (%zu hits)\n", layers / 3);
  print("contains", contains);
  std::printf("  (%d inside)\n", inside / 3);
  print("distance", distance);
  std::printf("  (mean %.2f mm)\n", sum / 3 / count);
}

} // namespace

// The envelope round three calf-sized ellipsoids (about the muscle atlas's size at frequency
// 30: 54,000 triangles) and round bigger ones.
void runEnvelope(int frequency) {
  std::vector<TriangleMesh> parts;
  const glm::dvec3 radii[3] = {{22, 18, 110}, {18, 15, 95}, {35, 20, 150}};
  const glm::dvec3 centres[3] = {{-20, -30, -120}, {22, -28, -110}, {0, -10, -200}};
  std::size_t triangles = 0;
  for (int i = 0; i < 3; ++i) {
    TriangleMesh m = testmesh::icosphere(1.0, frequency);
    for (glm::dvec3& p : m.points) {
      p = centres[i] + p * radii[i];
    }
    triangles += m.triangles.size();
    parts.push_back(std::move(m));
  }
  std::vector<const TriangleMesh*> input;
  for (const TriangleMesh& m : parts) {
    input.push_back(&m);
  }
  double best = 1e300;
  std::size_t out = 0;
  for (int pass = 0; pass < 3; ++pass) {
    const auto start = Clock::now();
    out = envelopeAround(input).triangles.size();
    best = std::min(best, millis(Clock::now() - start));
  }
  std::printf("envelope round %zu triangles: %.1f ms (%zu triangles out)\n", triangles, best, out);
}

int main() {
  runEnvelope(30);  // 54,000 triangles
  runEnvelope(100); // 600,000 triangles
  run(100);         // 200,000 triangles
  run(224);         // 1,003,520 triangles
  return 0;
}
