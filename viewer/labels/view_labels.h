// The labels of one view of the leg: what is seen where (rays through a grid of the view,
// against the same picker a click uses, so a label names what a click there would select),
// which parts and trigger points get a label and in which words, and where the labels go
// (label_layout.h). No VTK, no GL, no ImGui: the caller measures text and draws.
#pragma once

#include "atlas/atlas.h"
#include "clinical/clinical.h"
#include "labels/label_layout.h"
#include "picking/camera_ray.h"
#include "picking/picker.h"
#include "state/app_state.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sura {

/// A label laid out over the view. Pixels of the window (x right, y down).
struct ViewLabel {
  std::string id;            ///< the structure (or trigger point) named
  bool triggerPoint = false; ///< a trigger point's label
  /// One line (a name, or the teacher's text) or two (English above Latin); each broken in
  /// two where the label as it is did not fit beside the model.
  std::vector<std::string> lines;
  /// How many of the lines are the first name (drawn in bold), the rest the second (Latin).
  std::size_t firstLines = 1;
  /// A trigger point's mark round the anchor, pixels (the leader stops at its edge); 0: none.
  double markRadius = 0;
  LabelPlacement placement; ///< always placed (labels that found no place are left out)
};

/// The view the labels are laid out for.
struct LabelViewport {
  /// The camera, its viewport the 3D view's size in pixels.
  CameraView camera;
  /// The 3D view's top-left corner in the window, pixels (the panel's width, 0).
  glm::dvec2 offset{0.0};
  /// Where labels may not go, window pixels (the panel, the section's inset, a legend).
  std::vector<Box> keepOut;
  /// Side of a grid cell, pixels: the finer, the more exact the silhouettes, and the more
  /// rays (one per cell).
  double cell = 8.0;
  /// Space between a label and the model or another label, pixels.
  double gap = 6.0;
};

/// Size in pixels of the box of a label with these lines, the first `firstLines` of them in the
/// first name's face (the caller's fonts).
using MeasureLabel =
    std::function<glm::dvec2(const std::vector<std::string>& lines, std::size_t firstLines)>;

/// The words of a structure's label: its English name, its Latin name (first letter raised;
/// the English one when the atlas has none) or both, English first; the teacher's text alone
/// when not empty.
std::vector<std::string> labelLines(const Structure& structure, LabelLanguage language,
                                    const std::string& text = "");

/// The pixel (window, x right, y down) where a world point is drawn; nullopt behind the
/// camera. The inverse of pixelRay, for the viewport's camera and offset.
std::optional<glm::dvec2> projectToPixel(const LabelViewport& view, const glm::dvec3& world);

/// What each grid cell over the 3D view shows, and which region is which structure.
struct SeenGrid {
  RegionGrid grid;
  std::vector<std::string> regions; ///< structure (or teacher's list entry) of region i
};

/// Casts one ray per cell and sorts what it meets: a part to label (its region), another part
/// of the model (kUnlabelledPart: a surface drawn see-through, or not in the teacher's list),
/// or nothing. A section takes away what lies above it, as it does for a click.
SeenGrid seeGrid(const Picker& picker, const Atlas& atlas, const AppState& state,
                 const LabelViewport& view);

/// The labels the state asks for in this view, laid out; empty when labels are off.
/// `clinical` places the trigger points shown (nullptr: they get no label).
std::vector<ViewLabel> viewLabels(const Picker& picker, const Atlas& atlas,
                                  const Clinical* clinical, const AppState& state,
                                  const LabelViewport& view, const MeasureLabel& measure);

} // namespace sura
