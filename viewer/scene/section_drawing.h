// A drawing of cross-sections, as a teacher shows an axial MRI slice: each structure's cut
// filled with its colour and outlined, panels side by side at one scale, with direction
// letters, a scale bar and a caption per panel. Plain data in (what to draw is decided by the
// caller); VTK 2D actors out, drawn offscreen or into any renderer.
#pragma once

#include "atlas/atlas.h"
#include "geometry/section.h"
#include "picking/section_readout.h"
#include "scene/offscreen.h"
#include "state/app_state.h"

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
  /// Written in the region when the sheet labels its regions and the name fits; empty: none.
  std::string label;
};

/// A line drawn over a section (a measure across it), panel frame mm.
struct SectionLine {
  glm::dvec2 a{0.0}, b{0.0};
  glm::vec3 color{0.0f};
};

struct SectionPanel {
  /// Drawn in this order, each over the ones before.
  std::vector<SectionRegion> regions;
  std::string title;              ///< first caption line, e.g. "t 0.30"
  std::string subtitle;           ///< second line, e.g. "117 mm below the knee joint line"
  std::vector<SectionLine> lines; ///< over the regions
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
  /// Write each region's label in it where it fits (the viewer's inset).
  bool labelRegions = false;
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

/// Where a panel's millimetres land on the picture (pixels from the lower left) and back.
struct SectionPanelMap {
  glm::dvec2 place{0.0};  ///< pixel of the section's centre
  glm::dvec2 centre{0.0}; ///< mm, the centre of the section's bounds
  double pixelsPerMm = 1;
  glm::dvec2 toPixels(const glm::dvec2& mm) const { return place + (mm - centre) * pixelsPerMm; }
  glm::dvec2 toMm(const glm::dvec2& pixel) const { return centre + (pixel - place) / pixelsPerMm; }
};
SectionPanelMap sectionPanelMap(const SectionSheet& sheet, int width, int height, int panel);

/// The height in mm (atlas frame) of level t, and back.
double heightOfLevel(const Landmarks& landmarks, double t);
double levelOfHeight(const Landmarks& landmarks, double z);

/// "t 0.30" and "117 mm below the knee joint line" for a panel at height z.
std::string levelTitle(const Landmarks& landmarks, double z);
std::string levelSubtitle(const Landmarks& landmarks, double z);

/// Letters and note of a sheet of the leg shown, in radiological view (from the feet: anterior
/// up, the patient's right on the picture's left).
void orientSheet(SectionSheet& sheet, Side shown);

/// Atlas x, y of a cut (atlas frame, seen from above) to the panel's frame for the leg shown
/// (radiological view), and back: the drawn leg's +x (the patient's right) to the left.
glm::dvec2 panelOfAtlas(const glm::dvec2& atlasXy, bool mirrored);
glm::dvec2 atlasOfPanel(const glm::dvec2& panelXy, bool mirrored);

/// The panel of the section at height z as `sura section` and the viewer's inset draw it:
/// every shown structure of `cuts` (cutAtZ) filled with its atlas colour, largest cut first
/// so that small nerves and vessels lie on top of what surrounds them, labelled with its name.
SectionPanel sectionPanel(const Atlas& atlas, const std::vector<SectionCut>& cuts,
                          const AppState& state, double z);

/// A renderer holding the whole drawing (white background, 2D actors in pixel coordinates
/// of a width x height viewport).
vtkSmartPointer<vtkRenderer> sectionRenderer(const SectionSheet& sheet, int width, int height);

/// Draws the sheet offscreen and reads the picture back. Throws DisplayError.
Image drawSections(const SectionSheet& sheet, int width, int height);

} // namespace sura
