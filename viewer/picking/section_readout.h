// What a horizontal section of the leg shows in numbers: each structure's cut, and the
// thicknesses along a line across it (the posterior midline, or any line a person draws).
// Pure geometry over the atlas meshes (no VTK); the scene draws the inset and its readout.
//
// Frame: the atlas (Sura) frame, not mirrored; a cut's loops are in x, y (mm) of the plane
// z = height, counter-clockwise seen from above (+z).
#pragma once

#include "atlas/atlas.h"
#include "geometry/mesh.h"
#include "geometry/section.h"

#include <glm/vec2.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sura {

/// One structure cut by the plane.
struct SectionCut {
  std::string structure;
  std::vector<SectionLoop> loops; ///< atlas x, y, mm
  double area = 0;                ///< mm^2, of the closed loops
};

/// Every structure with a mesh (shown or not) cut at height z, in manifest order; structures
/// the plane misses are left out.
std::vector<SectionCut> cutAtZ(const Atlas& atlas,
                               const std::map<std::string, TriangleMesh>& meshes, double z);

/// One stretch of a line across the section.
struct ThicknessSegment {
  std::string structure; ///< id; the skin's stretch is skin and subcutaneous tissue
  std::string name;      ///< "Skin and subcutaneous tissue", "Soleus", ...
  double fromMm = 0;     ///< along the line from its start
  double toMm = 0;
  double thickness() const { return toMm - fromMm; }
};

/// The structures a line from a to b crosses, in order along it. The skin's stretch runs from
/// where the line enters the skin to the first deeper structure (skin and subcutaneous
/// tissue), as the needle readout counts it; a structure crossed twice is listed twice.
std::vector<ThicknessSegment> thicknessAlong(const Atlas& atlas,
                                             const std::vector<SectionCut>& cuts,
                                             const glm::dvec2& a, const glm::dvec2& b);

/// The thicknesses from the back of the calf forward on the posterior midline: skin and
/// subcutaneous tissue, gastrocnemius, soleus, the deep posterior muscles and the first bone,
/// mm (0 where the line meets none).
struct PosteriorThickness {
  glm::dvec2 from{0.0}, to{0.0}; ///< the line: the skin at the back, the far side of the bone
  double skinMm = 0;
  double gastrocnemiusMm = 0;
  double soleusMm = 0;
  double deepMm = 0;
  double boneMm = 0;
  std::string bone; ///< id of the bone met, empty when none
};

/// The line starts where the skin's cut is crossed at the back on its midline (x of the
/// centroid of the skin's cut) and runs forward (+y) to the first bone. When a straight line
/// forward passes between the bones, it aims at the centre of the largest bone's cut (the
/// tibia) instead. Empty without a skin in the cut.
std::optional<PosteriorThickness> posteriorThickness(const Atlas& atlas,
                                                     const std::vector<SectionCut>& cuts);

} // namespace sura
