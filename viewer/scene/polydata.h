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

/// The mesh as poly data with smooth point normals, as withSmoothNormals(toPolyData(mesh))
/// gives them: computed directly (the mean of the triangles' unit normals, following the triangles'
/// winding) when the mesh is consistently oriented, which spares VTK's slower consistency pass on
/// the way to the first frame; through withSmoothNormals when it is not.
vtkSmartPointer<vtkPolyData> smoothSurface(const TriangleMesh& mesh);

/// Name of the point array of lighterSurface: each point's index in the full mesh.
inline constexpr const char* kFullPointIdArray = "sura_full_point_id";

/// A lighter copy of a mesh for drawing while the camera moves: about `reduction` of its
/// triangles removed (vtkDecimatePro, topology kept), smooth normals. It keeps a subset of the
/// mesh's own points, unmoved, each with its index in the mesh (kFullPointIdArray), so that
/// what is painted per point on the mesh can be copied onto it.
vtkSmartPointer<vtkPolyData> lighterSurface(const TriangleMesh& mesh, double reduction);

} // namespace sura
