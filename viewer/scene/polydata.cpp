#include "scene/polydata.h"

#include <glm/geometric.hpp>

#include <vtkCellArray.h>
#include <vtkDecimatePro.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>

#include <cstdint>
#include <vector>

namespace sura {

namespace {

// With splitting off this only matters to filters downstream, but a high angle states
// the intent: muscle bellies bend, they do not have edges.
constexpr double kFeatureAngleDegrees = 80.0;

// True when two triangles use one edge in the same direction (a misoriented edge, or a
// non-manifold one): a set of directed edges in an open-addressing table, much cheaper than
// sorting every half-edge as checkTopology does.
bool usesAnEdgeTwiceInOneDirection(const TriangleMesh& mesh) {
  std::size_t size = 16;
  while (size < 6 * mesh.triangles.size()) {
    size *= 2;
  }
  constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  std::vector<std::uint64_t> table(size, kEmpty);
  const auto insert = [&](std::uint32_t from, std::uint32_t to) {
    const std::uint64_t key = (std::uint64_t{from} << 32) | to;
    std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & (size - 1);
    while (table[slot] != kEmpty) {
      if (table[slot] == key) {
        return false;
      }
      slot = (slot + 1) & (size - 1);
    }
    table[slot] = key;
    return true;
  };
  for (const auto& t : mesh.triangles) {
    if (t.x == t.y || t.y == t.z || t.x == t.z) {
      continue; // no meaningful edges
    }
    if (!insert(t.x, t.y) || !insert(t.y, t.z) || !insert(t.z, t.x)) {
      return true;
    }
  }
  return false;
}

} // namespace

vtkSmartPointer<vtkPolyData> toPolyData(const TriangleMesh& mesh) {
  auto points = vtkSmartPointer<vtkPoints>::New();
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(static_cast<vtkIdType>(mesh.points.size()));
  for (std::size_t i = 0; i < mesh.points.size(); ++i) {
    const glm::dvec3& p = mesh.points[i];
    points->SetPoint(static_cast<vtkIdType>(i), p.x, p.y, p.z);
  }

  // Offsets and connectivity in VTK 9's layout: triangle i uses entries 3i .. 3i+2.
  auto offsets = vtkSmartPointer<vtkIdTypeArray>::New();
  auto connectivity = vtkSmartPointer<vtkIdTypeArray>::New();
  offsets->SetNumberOfValues(static_cast<vtkIdType>(mesh.triangles.size() + 1));
  connectivity->SetNumberOfValues(static_cast<vtkIdType>(mesh.triangles.size() * 3));
  for (std::size_t i = 0; i < mesh.triangles.size(); ++i) {
    const auto base = static_cast<vtkIdType>(3 * i);
    offsets->SetValue(static_cast<vtkIdType>(i), base);
    for (int corner = 0; corner < 3; ++corner) {
      connectivity->SetValue(base + corner, static_cast<vtkIdType>(mesh.triangles[i][corner]));
    }
  }
  offsets->SetValue(static_cast<vtkIdType>(mesh.triangles.size()),
                    static_cast<vtkIdType>(mesh.triangles.size() * 3));
  auto triangles = vtkSmartPointer<vtkCellArray>::New();
  triangles->SetData(offsets, connectivity);

  auto polyData = vtkSmartPointer<vtkPolyData>::New();
  polyData->SetPoints(points);
  polyData->SetPolys(triangles);
  return polyData;
}

vtkSmartPointer<vtkPolyData> withSmoothNormals(vtkPolyData* surface) {
  auto normals = vtkSmartPointer<vtkPolyDataNormals>::New();
  normals->SetInputData(surface);
  normals->SetFeatureAngle(kFeatureAngleDegrees);
  normals->SplittingOff();
  normals->ConsistencyOn();
  normals->AutoOrientNormalsOff();
  normals->ComputePointNormalsOn();
  normals->ComputeCellNormalsOff();
  normals->Update();
  vtkSmartPointer<vtkPolyData> result = normals->GetOutput();
  return result;
}

vtkSmartPointer<vtkPolyData> smoothSurface(const TriangleMesh& mesh) {
  vtkSmartPointer<vtkPolyData> surface = toPolyData(mesh);
  // Misoriented edges (two triangles using an edge in the same direction) need VTK's pass,
  // which reorders the triangles consistently; boundaries and degenerate triangles do not.
  if (usesAnEdgeTwiceInOneDirection(mesh)) {
    return withSmoothNormals(surface);
  }
  std::vector<glm::dvec3> sums(mesh.points.size(), glm::dvec3(0.0));
  for (const auto& t : mesh.triangles) {
    if (t.x >= mesh.points.size() || t.y >= mesh.points.size() || t.z >= mesh.points.size()) {
      continue;
    }
    // Each triangle's unit normal counts once, as in VTK's filter, so that the picture is
    // the one that filter gives.
    const glm::dvec3 cross =
        glm::cross(mesh.points[t.y] - mesh.points[t.x], mesh.points[t.z] - mesh.points[t.x]);
    const double length = glm::length(cross);
    if (!(length > 0)) {
      continue;
    }
    const glm::dvec3 n = cross / length;
    sums[t.x] += n;
    sums[t.y] += n;
    sums[t.z] += n;
  }
  auto normals = vtkSmartPointer<vtkFloatArray>::New();
  normals->SetName("Normals");
  normals->SetNumberOfComponents(3);
  normals->SetNumberOfTuples(static_cast<vtkIdType>(sums.size()));
  for (std::size_t i = 0; i < sums.size(); ++i) {
    const double length = glm::length(sums[i]);
    const glm::dvec3 n = length > 0 ? sums[i] / length : glm::dvec3(0.0, 0.0, 1.0);
    const float value[3] = {static_cast<float>(n.x), static_cast<float>(n.y),
                            static_cast<float>(n.z)};
    normals->SetTypedTuple(static_cast<vtkIdType>(i), value);
  }
  surface->GetPointData()->SetNormals(normals);
  return surface;
}

vtkSmartPointer<vtkPolyData> lighterSurface(const TriangleMesh& mesh, double reduction) {
  vtkSmartPointer<vtkPolyData> full = toPolyData(mesh);
  auto ids = vtkSmartPointer<vtkIdTypeArray>::New();
  ids->SetName(kFullPointIdArray);
  ids->SetNumberOfValues(full->GetNumberOfPoints());
  for (vtkIdType i = 0; i < full->GetNumberOfPoints(); ++i) {
    ids->SetValue(i, i);
  }
  full->GetPointData()->AddArray(ids);
  auto decimate = vtkSmartPointer<vtkDecimatePro>::New();
  decimate->SetInputData(full);
  decimate->SetTargetReduction(reduction);
  // No new points, no holes: the surface stays closed and its points stay the mesh's own.
  decimate->PreserveTopologyOn();
  decimate->SplittingOff();
  decimate->BoundaryVertexDeletionOff();
  decimate->Update();
  return withSmoothNormals(decimate->GetOutput());
}

} // namespace sura
