// Conversion of Sura triangle meshes to VTK poly data, ready to draw.
#pragma once

#include "geometry/mesh.h"

#include <vtkSmartPointer.h>

class vtkPolyData;

namespace sura {

/// The same points and triangles as VTK poly data (double precision points).
vtkSmartPointer<vtkPolyData> toPolyData(const TriangleMesh& mesh);

/// A copy with smooth point normals, for organic shapes: no splitting at sharp edges
/// (which would show seams), triangle order kept consistent.
vtkSmartPointer<vtkPolyData> withSmoothNormals(vtkPolyData* surface);

} // namespace sura
