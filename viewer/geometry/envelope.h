// A generated envelope round a set of meshes: a closed surface standing in for the skin of an
// atlas that has none (a muscle-only mesh set), so that trigger points and referred-pain zones,
// which are measured on the skin's horizontal sections, can still be placed. It is not a skin
// and is never called one (see docs/atlas-format.md, "An atlas without a skin").
#pragma once

#include "geometry/mesh.h"

#include <vector>

namespace sura {

struct EnvelopeOptions {
  /// Distance kept from the structures, mm: about the skin and fat over a lean calf.
  double marginMm = 5.0;
  /// Height between two horizontal rings of the surface, mm.
  double sliceMm = 4.0;
  /// Points on each ring.
  int around = 64;
};

/// A closed, consistently oriented (counter-clockwise seen from outside) tube of horizontal
/// rings capped at both ends, round every point of `meshes` with at least
/// options.marginMm to spare. Each ring is the convex hull of the structures' cut at its height
/// (triangle edges crossing the plane, and the vertices between it and the next ring either
/// way) widened by the margin, sampled at
/// `around` angles round the hull's centre; rings are smoothed along the leg (centres and
/// radii, never inside the widened hull). Heights where nothing is cut take their neighbours'
/// ring. Cost: one pass over the triangles per ring they cross plus a hull per ring: linear in
/// the meshes' size; the rings are spaced wider than options.sliceMm when needed to keep the
/// rings under 2000 and the edge crossings under 4 million, so a hostile mesh (kilometres tall,
/// or of long thin triangles) costs no more. Empty input gives an empty mesh.
TriangleMesh envelopeAround(const std::vector<const TriangleMesh*>& meshes,
                            const EnvelopeOptions& options = {});

} // namespace sura
