// Whole-mesh invariants: volume, orientation, manifoldness, connectivity. Used by the model
// tests on the shipped meshes and by anything that must refuse a broken surface.
#pragma once

#include "geometry/mesh.h"

#include <cstddef>
#include <vector>

namespace sura {

/// Enclosed volume in mm^3 by the divergence theorem. Positive when the triangles are
/// counter-clockwise seen from outside (outward normals); meaningful only for a closed mesh.
double signedVolume(const TriangleMesh& m);

/// Edge statistics of a triangle mesh. An edge is identified by its two vertex indices.
struct TopologyReport {
  std::size_t boundaryEdges = 0;       ///< used by exactly one triangle
  std::size_t nonManifoldEdges = 0;    ///< used by three or more triangles
  std::size_t misorientedEdges = 0;    ///< used by two triangles in the same direction
  std::size_t degenerateTriangles = 0; ///< zero area, repeated or out-of-range index
  std::size_t components = 0;          ///< edge-connected components of usable triangles
  /// No boundary, non-manifold or misoriented edges: a consistently oriented closed surface.
  bool closedManifold() const {
    return boundaryEdges == 0 && nonManifoldEdges == 0 && misorientedEdges == 0;
  }
};

/// Triangles with a repeated or out-of-range index have no meaningful edges: they are counted
/// as degenerate and left out of the edge and component counts. Zero-area triangles with
/// three distinct indices are counted as degenerate but still take part in the topology.
TopologyReport checkTopology(const TriangleMesh& m);

/// Edge-connected components, each with only the points it uses (indices compacted, order of
/// first use kept). Components are ordered by their lowest triangle index; triangles with a
/// repeated or out-of-range index are dropped.
std::vector<TriangleMesh> splitComponents(const TriangleMesh& m);

/// True when triangle i has a repeated or out-of-range index, or zero area (its corners are
/// collinear to within 1e-12 relative to its longest edge). The same rule as checkTopology.
bool degenerateTriangle(const TriangleMesh& m, std::size_t i);

/// True when every point coordinate is finite (no NaN, no infinity).
bool allFinite(const TriangleMesh& m);

/// True when every triangle index refers to an existing point.
bool indicesValid(const TriangleMesh& m);

} // namespace sura
