// Pick times of sura::Picker beside vtkCellPicker on the same rays, in the same run: the
// bundled atlas seen from behind, and a synthetic atlas of about a million triangles.
// Prints figures, asserts nothing. VTK's picker needs a renderer in a render window; nothing
// is rendered, so no display is opened here, but run it under xvfb-run where VTK insists.
#include "../synthetic_meshes.h"
#include "meshio/load_atlas.h"
#include "picking/camera_ray.h"
#include "picking/picker.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellPicker.h>
#include <vtkIdTypeArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProp3DCollection.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkStaticCellLocator.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace sura;

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
  double median = 0, p99 = 0, worst = 0;
};

/// Runs each query `passes` times and keeps its fastest time, so that a preemption by another
/// process does not pass for the cost of the query itself.
std::vector<double> timeEach(std::size_t count, int passes,
                             const std::function<void(std::size_t)>& query) {
  std::vector<double> times(count, 1e300);
  for (int pass = 0; pass < passes; ++pass) {
    for (std::size_t i = 0; i < count; ++i) {
      const auto start = Clock::now();
      query(i);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      times[i] = std::min(times[i], ms);
    }
  }
  return times;
}

/// Median, 99th percentile and worst of the times whose ray is selected (all when empty).
Stats stats(const std::vector<double>& times, const std::vector<bool>& select = {}) {
  std::vector<double> t;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (select.empty() || select[i]) {
      t.push_back(times[i]);
    }
  }
  if (t.empty()) {
    return {};
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t[t.size() * 99 / 100], t.back()};
}

void print(const char* name, const Stats& s) {
  std::printf("    %-36s median %8.4f ms  p99 %8.4f ms  worst %8.4f ms\n", name, s.median, s.p99,
              s.worst);
}

vtkSmartPointer<vtkPolyData> toPolyData(const TriangleMesh& m) {
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(static_cast<vtkIdType>(m.points.size()));
  for (std::size_t i = 0; i < m.points.size(); ++i) {
    points->SetPoint(static_cast<vtkIdType>(i), m.points[i].x, m.points[i].y, m.points[i].z);
  }
  vtkNew<vtkCellArray> cells;
  cells->AllocateExact(static_cast<vtkIdType>(m.triangles.size()),
                       static_cast<vtkIdType>(3 * m.triangles.size()));
  for (const auto& t : m.triangles) {
    const vtkIdType ids[3] = {t.x, t.y, t.z};
    cells->InsertNextCell(3, ids);
  }
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(points);
  poly->SetPolys(cells);
  return poly;
}

/// One scene, picked three ways on the same rays.
struct Scene {
  const char* title;
  Atlas atlas;
  std::map<std::string, TriangleMesh> meshes;
  CameraView camera;
  int grid = 60;   ///< grid x grid rays over the viewport
  int vtkRays = 0; ///< how many of them plain vtkCellPicker gets (it is slow)
};

void run(const Scene& scene) {
  std::size_t triangles = 0;
  for (const auto& [id, m] : scene.meshes) {
    triangles += m.triangles.size();
  }
  std::printf("\n%s: %zu structures, %zu triangles\n", scene.title, scene.meshes.size(), triangles);

  auto start = Clock::now();
  const Picker picker(scene.atlas, scene.meshes);
  std::printf("  Picker build                       %9.1f ms\n",
              std::chrono::duration<double, std::milli>(Clock::now() - start).count());

  // The same pixels for everyone: pixel centres of a grid over the viewport.
  const CameraView& cam = scene.camera;
  struct Pixel {
    double x, y; // from the top-left, y down
  };
  std::vector<Pixel> pixels;
  for (int j = 0; j < scene.grid; ++j) {
    for (int i = 0; i < scene.grid; ++i) {
      pixels.push_back({(i + 0.5) * cam.viewportWidth / scene.grid,
                        (j + 0.5) * cam.viewportHeight / scene.grid});
    }
  }
  std::vector<Ray> rays;
  for (const Pixel& p : pixels) {
    rays.push_back(pixelRay(cam, p.x, p.y));
  }

  // VTK: one actor per mesh in a renderer whose camera matches; nothing is rendered.
  vtkNew<vtkRenderer> renderer;
  vtkNew<vtkRenderWindow> window;
  window->SetOffScreenRendering(1);
  window->SetSize(static_cast<int>(cam.viewportWidth), static_cast<int>(cam.viewportHeight));
  window->AddRenderer(renderer);
  std::map<vtkProp*, std::string> actorIds;
  std::vector<vtkSmartPointer<vtkPolyData>> polys;
  std::vector<vtkSmartPointer<vtkStaticCellLocator>> locators;
  start = Clock::now();
  for (const auto& [id, m] : scene.meshes) {
    auto poly = toPolyData(m);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(poly);
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    renderer->AddActor(actor);
    actorIds[actor.GetPointer()] = id;
    polys.push_back(poly);
  }
  const double vtkSetup = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  start = Clock::now();
  for (const auto& poly : polys) {
    auto locator = vtkSmartPointer<vtkStaticCellLocator>::New();
    locator->SetDataSet(poly);
    locator->BuildLocator();
    locators.push_back(locator);
  }
  const double locatorBuild =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::printf("  VTK scene setup %9.1f ms, vtkStaticCellLocator build %9.1f ms\n", vtkSetup,
              locatorBuild);
  vtkCamera* camera = renderer->GetActiveCamera();
  camera->SetPosition(cam.position.x, cam.position.y, cam.position.z);
  camera->SetFocalPoint(cam.focalPoint.x, cam.focalPoint.y, cam.focalPoint.z);
  camera->SetViewUp(cam.viewUp.x, cam.viewUp.y, cam.viewUp.z);
  camera->SetViewAngle(cam.viewAngleDeg);
  renderer->ResetCameraClippingRange();

  vtkNew<vtkCellPicker> plain;
  vtkNew<vtkCellPicker> located;
  for (const auto& locator : locators) {
    located->AddLocator(locator);
  }
  const auto vtkPick = [&](vtkCellPicker* p, std::size_t i) {
    // VTK display coordinates: y up from the bottom of the viewport.
    return p->Pick(pixels[i].x, cam.viewportHeight - pixels[i].y, 0, renderer) != 0;
  };

  const std::size_t n = rays.size();
  const PickFilter everything;
  std::vector<bool> hit(n);
  for (std::size_t i = 0; i < n; ++i) {
    hit[i] = picker.firstHit(rays[i], everything).has_value();
  }
  std::size_t sink = 0;
  const auto first = timeEach(
      n, 3, [&](std::size_t i) { sink += picker.firstHit(rays[i], everything).has_value(); });
  const auto full = timeEach(
      n, 3, [&](std::size_t i) { sink += picker.pick(rays[i], everything).layers.size(); });
  const auto mirrored = timeEach(n, 3, [&](std::size_t i) {
    sink += picker.pick(mirrorX(rays[i]), everything, true).layers.size();
  });
  const auto withLocators = timeEach(n, 3, [&](std::size_t i) { sink += vtkPick(located, i); });
  // Plain vtkCellPicker tests every cell of every prop whose box the ray meets: on the big
  // scene it gets every k-th ray only, so that the run ends in reasonable time.
  const std::size_t stride = std::max<std::size_t>(
      1, n / std::max<std::size_t>(1, static_cast<std::size_t>(scene.vtkRays)));
  std::vector<double> vtk(n, 0);
  std::vector<bool> vtkTimed(n, false);
  for (std::size_t i = 0; i < n; i += stride) {
    const auto t0 = Clock::now();
    sink += vtkPick(plain, i);
    vtk[i] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    vtkTimed[i] = true;
  }
  std::vector<bool> vtkHit(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    vtkHit[i] = vtkTimed[i] && hit[i];
  }

  // Do the two pickers see the same thing? Compare first hits on every ray.
  int agree = 0, onlyOne = 0, hits = 0;
  double worstGap = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto ours = picker.firstHit(rays[i], everything);
    const bool theirs = vtkPick(located, i);
    hits += ours.has_value();
    if (ours.has_value() != theirs) {
      ++onlyOne;
      continue;
    }
    if (!ours) {
      ++agree;
      continue;
    }
    double pos[3];
    located->GetPickPosition(pos);
    if (actorIds[located->GetViewProp()] == ours->structure) {
      ++agree;
      worstGap = std::max(worstGap, glm::length(glm::dvec3(pos[0], pos[1], pos[2]) - ours->point));
    }
  }

  std::printf("  %zu rays (%d x %d pixel grid of a posterior view), %d hit the leg\n", n,
              scene.grid, scene.grid, hits);
  const std::vector<bool> all;
  for (const auto& [label, select] :
       {std::pair<const char*, const std::vector<bool>*>{"all rays", &all},
        {"rays that hit", &hit}}) {
    std::printf("  %s:\n", label);
    print("Picker::firstHit", stats(first, *select));
    print("Picker::pick (layers, text, nerves)", stats(full, *select));
    print("Picker::pick, mirrored leg", stats(mirrored, *select));
    print("vtkCellPicker + vtkStaticCellLocator", stats(withLocators, *select));
    std::vector<bool> timed = select == &all ? vtkTimed : vtkHit;
    char name[64];
    std::snprintf(name, sizeof name, "vtkCellPicker (every %zu. ray)", stride);
    print(stride == 1 ? "vtkCellPicker" : name, stats(vtk, timed));
    const Stats p = stats(full, *select), f = stats(first, *select);
    const Stats v = stats(vtk, timed), l = stats(withLocators, *select);
    std::printf("    median speed-up of pick / firstHit: %.0fx / %.0fx over vtkCellPicker, "
                "%.0fx / %.0fx over vtkCellPicker + locators\n",
                v.median / p.median, v.median / f.median, l.median / p.median, l.median / f.median);
  }
  std::printf("  agreement with vtkCellPicker + locators: same structure on %d of %zu rays "
              "(%d hit by one only), worst gap between the points %.2g mm\n",
              agree, n, onlyOne, worstGap);
  if (sink == 42) {
    std::printf(" \n"); // keeps the timed calls from being optimised away
  }
}

CameraView posteriorCamera(double z, double distance, double width, double height) {
  CameraView c;
  c.position = {0, -distance, z};
  c.focalPoint = {0, 0, z};
  c.viewUp = {0, 0, 1};
  c.viewAngleDeg = 30;
  c.viewportWidth = width;
  c.viewportHeight = height;
  return c;
}

/// About a million triangles: a skin, four muscles, two bones, three nerves and vessels.
Scene syntheticScene() {
  using testmesh::ellipsoid;
  using testmesh::structure;
  Scene s{"synthetic atlas", {}, {}, posteriorCamera(-200, 700, 480, 800), 60, 200};
  s.atlas = testmesh::atlasOf(
      {structure("skin", "Skin", "skin"), structure("muscle_a", "Muscle A", "muscles"),
       structure("muscle_b", "Muscle B", "muscles"), structure("muscle_c", "Muscle C", "muscles"),
       structure("muscle_d", "Muscle D", "muscles"), structure("bone_a", "Bone A", "bones"),
       structure("bone_b", "Bone B", "bones"), structure("nerve", "Nerve", "nerves_vessels"),
       structure("artery", "Artery", "nerves_vessels"),
       structure("vein", "Vein", "nerves_vessels")});
  s.meshes["skin"] = ellipsoid({0, 0, -200}, {60, 60, 230}, 450, 560);
  s.meshes["muscle_a"] = ellipsoid({-20, -30, -150}, {25, 20, 120}, 250, 220);
  s.meshes["muscle_b"] = ellipsoid({20, -30, -140}, {22, 18, 100}, 250, 220);
  s.meshes["muscle_c"] = ellipsoid({0, -5, -220}, {40, 15, 150}, 250, 220);
  s.meshes["muscle_d"] = ellipsoid({25, 20, -200}, {15, 15, 170}, 200, 160);
  s.meshes["bone_a"] = ellipsoid({-10, 25, -200}, {12, 12, 200}, 200, 120);
  s.meshes["bone_b"] = ellipsoid({35, 5, -200}, {6, 6, 190}, 200, 80);
  s.meshes["nerve"] = ellipsoid({-5, 8, -200}, {2, 2, 200}, 120, 24);
  s.meshes["artery"] = ellipsoid({0, 10, -200}, {3, 3, 200}, 120, 24);
  s.meshes["vein"] = ellipsoid({10, -55, -200}, {2, 2, 200}, 120, 24);
  return s;
}

} // namespace

int main() {
  try {
    LoadedAtlas bundled = loadAtlas(bundledAtlasDir());
    Scene atlas{"bundled atlas",
                std::move(bundled.atlas),
                std::move(bundled.meshes),
                posteriorCamera(-220, 700, 480, 800),
                60,
                3600};
    run(atlas);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_picking: %s\n", e.what());
    return 1;
  }
  run(syntheticScene());
  return 0;
}
