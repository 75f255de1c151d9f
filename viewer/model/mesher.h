// From a sampled signed distance to a smooth, closed, decimated triangle surface.
#pragma once

#include "model/field.h"

#include <vtkSmartPointer.h>

#include <filesystem>

class vtkPolyData;

namespace sura::model {

struct MeshingOptions {
  int triangleBudget = 10000;   ///< upper bound on the triangles written
  bool keepAllPieces = false;   ///< keep every closed piece (foot bones), not just the largest
  double minPieceVolume = 50.0; ///< mm^3; smaller crumbs from cuts are dropped
};

/// Contours the zero level of `field`, smooths it, decimates to the budget and orients
/// the triangles outward. Throws std::runtime_error when nothing is left.
vtkSmartPointer<vtkPolyData> meshField(const Field& field, const MeshingOptions& options);

/// Writes VTK XML PolyData, byte-for-byte reproducible (fixed compressor, 32-bit ids).
void writePolyData(vtkPolyData* mesh, const std::filesystem::path& file);

} // namespace sura::model
