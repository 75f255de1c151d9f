// A drawing of cross-sections, as a teacher shows an axial MRI slice: each structure's cut
// filled with its colour and outlined, panels side by side at one scale, with direction
// letters, a scale bar and a caption per panel. Plain data in (what to draw is decided by the
// caller); VTK 2D actors out, drawn offscreen or into any renderer.
#pragma once

#include "geometry/section.h"
#include "scene/offscreen.h"

#include <glm/vec3.hpp>

#include <string>
#include <vector>

#include <vtkSmartPointer.h>

class vtkRenderer;

namespace sura {

/// One structure's cut: its outlines in the panel's frame (mm, x to the right of the picture,
/// y up), as sectionLoops gives them. Closed loops are filled (holes run clockwise); open
/// outlines, where a mesh has a hole, are only drawn as lines.
struct SectionRegion {
  glm::vec3 color{1.0f};
  std::vector<SectionLoop> loops;
};

struct SectionPanel {
  /// Drawn in this order, each over the ones before.
  std::vector<SectionRegion> regions;
  std::string title;    ///< first caption line, e.g. "t 0.30"
  std::string subtitle; ///< second line, e.g. "117 mm below the knee joint line"
};

/// What the edges of every panel face, e.g. "A" at the top; empty: no letter.
struct SectionDirections {
  std::string top, bottom, left, right;
};

struct SectionSheet {
  std::vector<SectionPanel> panels; ///< left to right
  SectionDirections directions;
  /// Small print in the last panel's lower right corner, e.g. "right leg, seen from below", so
  /// that a letter L is not taken for the patient's left.
  std::string note;
};

/// The scale bar: 20 mm, or 10 mm where 20 would not fit beside the section.
inline constexpr double kScaleBarLongMm = 20.0;
inline constexpr double kScaleBarShortMm = 10.0;

/// How the sheet is laid out on a width x height picture: equal panels side by side, one
/// scale for all, chosen so the widest (and tallest) section fits its panel with a margin.
struct SectionLayout {
  double pixelsPerMm = 1;
  double fontSize = 12;   ///< pixels, of the subtitle and the letters
  double scaleBarMm = 20; ///< kScaleBarLongMm or kScaleBarShortMm
};
SectionLayout layoutSections(const SectionSheet& sheet, int width, int height);

/// A renderer holding the whole drawing (white background, 2D actors in pixel coordinates
/// of a width x height viewport).
vtkSmartPointer<vtkRenderer> sectionRenderer(const SectionSheet& sheet, int width, int height);

/// Draws the sheet offscreen and reads the picture back. Throws DisplayError.
Image drawSections(const SectionSheet& sheet, int width, int height);

} // namespace sura
