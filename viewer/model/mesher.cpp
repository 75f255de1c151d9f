#include "model/mesher.h"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCleanPolyData.h>
#include <vtkDecimatePro.h>
#include <vtkFeatureEdges.h>
#include <vtkFloatArray.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkImageGaussianSmooth.h>
#include <vtkMassProperties.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataConnectivityFilter.h>
#include <vtkQuadricDecimation.h>
#include <vtkReverseSense.h>
#include <vtkTriangleFilter.h>
#include <vtkWindowedSincPolyDataFilter.h>
#include <vtkXMLPolyDataWriter.h>

#include <stdexcept>

namespace sura::model {

namespace {

vtkSmartPointer<vtkImageData> toImage(const Field& field) {
  auto image = vtkSmartPointer<vtkImageData>::New();
  const glm::ivec3 d = field.dims();
  image->SetDimensions(d.x, d.y, d.z);
  image->SetSpacing(field.lattice().h, field.lattice().h, field.lattice().h);
  const Vec o = field.lattice().point(field.lo());
  image->SetOrigin(o.x, o.y, o.z);
  auto scalars = vtkSmartPointer<vtkFloatArray>::New();
  scalars->SetNumberOfTuples(static_cast<vtkIdType>(field.values().size()));
  std::copy(field.values().begin(), field.values().end(), scalars->GetPointer(0));
  image->GetPointData()->SetScalars(scalars);
  return image;
}

double signedVolume(vtkPolyData* mesh) {
  // Divergence theorem over the triangles; positive when they face outward.
  double volume = 0.0;
  vtkCellArray* polys = mesh->GetPolys();
  const vtkIdType* ids = nullptr;
  vtkIdType n = 0;
  double a[3], b[3], c[3];
  for (polys->InitTraversal(); polys->GetNextCell(n, ids);) {
    if (n != 3) {
      continue;
    }
    mesh->GetPoint(ids[0], a);
    mesh->GetPoint(ids[1], b);
    mesh->GetPoint(ids[2], c);
    volume += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
               a[2] * (b[0] * c[1] - b[1] * c[0])) /
              6.0;
  }
  return volume;
}

vtkSmartPointer<vtkPolyData> keepPieces(vtkPolyData* mesh, const MeshingOptions& options) {
  auto connectivity = vtkSmartPointer<vtkPolyDataConnectivityFilter>::New();
  connectivity->SetInputData(mesh);
  connectivity->SetExtractionModeToAllRegions();
  connectivity->ColorRegionsOn();
  connectivity->Update();
  const int regions = connectivity->GetNumberOfExtractedRegions();
  auto chosen = vtkSmartPointer<vtkPolyDataConnectivityFilter>::New();
  chosen->SetInputData(mesh);
  if (!options.keepAllPieces || regions == 1) {
    chosen->SetExtractionModeToLargestRegion();
  } else {
    chosen->SetExtractionModeToSpecifiedRegions();
    for (int r = 0; r < regions; ++r) {
      auto one = vtkSmartPointer<vtkPolyDataConnectivityFilter>::New();
      one->SetInputData(mesh);
      one->SetExtractionModeToSpecifiedRegions();
      one->AddSpecifiedRegion(r);
      one->Update();
      auto clean = vtkSmartPointer<vtkCleanPolyData>::New();
      clean->SetInputData(one->GetOutput());
      clean->Update();
      if (std::abs(signedVolume(clean->GetOutput())) >= options.minPieceVolume) {
        chosen->AddSpecifiedRegion(r);
      }
    }
  }
  auto clean = vtkSmartPointer<vtkCleanPolyData>::New();
  clean->SetInputConnection(chosen->GetOutputPort());
  clean->Update();
  return clean->GetOutput();
}

vtkIdType nonManifoldEdges(vtkPolyData* mesh) {
  auto edges = vtkSmartPointer<vtkFeatureEdges>::New();
  edges->SetInputData(mesh);
  edges->BoundaryEdgesOn();
  edges->NonManifoldEdgesOn();
  edges->FeatureEdgesOff();
  edges->ManifoldEdgesOff();
  edges->Update();
  return edges->GetOutput()->GetNumberOfLines();
}

vtkSmartPointer<vtkPolyData> contourZero(vtkImageData* image) {
  auto contour = vtkSmartPointer<vtkFlyingEdges3D>::New();
  contour->SetInputData(image);
  contour->SetValue(0, 0.0);
  contour->ComputeNormalsOff();
  contour->ComputeGradientsOff();
  contour->ComputeScalarsOff();
  contour->Update();
  return contour->GetOutput();
}

vtkSmartPointer<vtkPolyData> meshImage(vtkImageData* image, const MeshingOptions& options);

} // namespace

vtkSmartPointer<vtkPolyData> meshField(const Field& field, const MeshingOptions& options) {
  auto image = toImage(field);
  vtkSmartPointer<vtkPolyData> out = meshImage(image, options);
  if (nonManifoldEdges(out) != 0) {
    // A fin about one lattice cell thin (where a muscle's share of its compartment narrows
    // against a bone) decimates into edges shared by four triangles. A slight blur of the
    // distances removes such fins and leaves the rest of the surface where it was.
    auto blur = vtkSmartPointer<vtkImageGaussianSmooth>::New();
    blur->SetInputData(image);
    blur->SetStandardDeviations(1.0, 1.0, 1.0);
    blur->SetRadiusFactors(2.5, 2.5, 2.5);
    blur->Update();
    out = meshImage(blur->GetOutput(), options);
  }
  return out;
}

namespace {

vtkSmartPointer<vtkPolyData> meshImage(vtkImageData* image, const MeshingOptions& options) {
  vtkSmartPointer<vtkPolyData> contour = contourZero(image);
  if (contour->GetNumberOfPolys() == 0) {
    throw std::runtime_error("the shape is empty");
  }

  // Cuts between structures can leave crumbs: keep the real pieces before smoothing.
  auto pieces = keepPieces(contour, options);

  // Windowed-sinc smoothing removes the voxel staircase without shrinking the shape.
  auto smooth = vtkSmartPointer<vtkWindowedSincPolyDataFilter>::New();
  smooth->SetInputData(pieces);
  smooth->SetNumberOfIterations(25);
  smooth->SetPassBand(0.05);
  smooth->BoundarySmoothingOff();
  smooth->FeatureEdgeSmoothingOff();
  smooth->NonManifoldSmoothingOn();
  smooth->NormalizeCoordinatesOn();
  smooth->Update();

  vtkSmartPointer<vtkPolyData> surface = smooth->GetOutput();
  const vtkIdType triangles = surface->GetNumberOfPolys();
  if (triangles > options.triangleBudget) {
    // Quadric decimation gives the best shapes but now and then pinches an edge into a
    // non-manifold one; a slightly different target avoids that (and stays deterministic).
    for (int attempt = 0;; ++attempt) {
      const double target = options.triangleBudget * (0.97 - 0.01 * attempt);
      auto decimate = vtkSmartPointer<vtkQuadricDecimation>::New();
      decimate->SetInputData(smooth->GetOutput());
      decimate->SetTargetReduction(1.0 - target / double(triangles));
      decimate->VolumePreservationOn();
      decimate->Update();
      surface = decimate->GetOutput();
      if (nonManifoldEdges(surface) == 0) {
        break;
      }
      if (attempt == 12) {
        // Where a thin sliver meets a broad face every quadric target pinches it: fall back
        // to a decimation that never changes the topology (its shapes are a little coarser).
        auto keep = vtkSmartPointer<vtkDecimatePro>::New();
        keep->SetInputData(smooth->GetOutput());
        keep->SetTargetReduction(1.0 - options.triangleBudget * 0.97 / double(triangles));
        keep->PreserveTopologyOn();
        keep->SplittingOff();
        keep->BoundaryVertexDeletionOff();
        keep->Update();
        surface = keep->GetOutput();
        break;
      }
    }
  }

  auto triangulate = vtkSmartPointer<vtkTriangleFilter>::New();
  triangulate->SetInputData(surface);
  triangulate->PassLinesOff();
  triangulate->PassVertsOff();
  auto clean = vtkSmartPointer<vtkCleanPolyData>::New();
  clean->SetInputConnection(triangulate->GetOutputPort());
  clean->Update();
  vtkSmartPointer<vtkPolyData> out = clean->GetOutput();

  if (signedVolume(out) < 0.0) {
    auto reverse = vtkSmartPointer<vtkReverseSense>::New();
    reverse->SetInputData(out);
    reverse->ReverseCellsOn();
    reverse->ReverseNormalsOff();
    reverse->Update();
    out = reverse->GetOutput();
  }
  // Only geometry is shipped; normals are computed by whoever renders.
  out->GetPointData()->Initialize();
  out->GetCellData()->Initialize();
  return out;
}

} // namespace

void writePolyData(vtkPolyData* mesh, const std::filesystem::path& file) {
  auto writer = vtkSmartPointer<vtkXMLPolyDataWriter>::New();
  writer->SetInputData(mesh);
  writer->SetFileName(file.string().c_str());
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();
  writer->SetCompressorTypeToZLib();
  writer->SetIdTypeToInt32();
  writer->SetHeaderTypeToUInt32();
  if (writer->Write() != 1) {
    throw std::runtime_error("cannot write " + file.string());
  }
}

} // namespace sura::model
