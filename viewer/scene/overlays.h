// What the scene draws over and into the 3D view besides the structures: the section (the
// caps that make cut structures read solid, and an inset in the corner with the section drawn
// as `sura section` draws it and its thickness readouts) and the safety map's legend.
#pragma once

#include "geometry/mesh.h"
#include "picking/section_readout.h"
#include "state/app_state.h"

#include <glm/vec2.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <vtkSmartPointer.h>

class vtkActor;
class vtkActor2D;
class vtkRenderer;

namespace sura {

/// Colours of the lines over the inset: the posterior midline, and the one a person draws.
inline constexpr glm::vec3 kPosteriorLineColor{0.05f, 0.25f, 0.45f};
inline constexpr glm::vec3 kDrawnLineColor{0.55f, 0.0f, 0.55f};

/// The readout lines under the inset: "Posterior midline, mm: skin and fat 9, ...", then the
/// line drawn, if any. Plain text, wrapped at about `width` characters.
std::vector<std::string> sectionReadoutLines(const Atlas& atlas,
                                             const std::vector<SectionCut>& cuts,
                                             const std::optional<std::array<glm::dvec2, 2>>& line,
                                             std::size_t width);

class SectionView {
public:
  /// The meshes are copied (atlas frame); `atlas` must outlive the view.
  SectionView(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes);
  ~SectionView();

  /// Brings the caps (added to `scene`, the 3D renderer) and the inset up to the state: cuts
  /// again only when the height changed, redraws the inset only when what it shows or its size
  /// changed. `viewport` is the 3D view's rectangle in window pixels (x, y from the lower
  /// left, width, height).
  void apply(const AppState& state, bool mirrored, vtkRenderer* scene, const int viewport[4]);

  /// The cuts at the state's height, atlas frame (empty without a section).
  const std::vector<SectionCut>& cuts() const;
  /// The inset's renderers (the section, and its readout under it); empty without a section.
  std::vector<vtkRenderer*> renderers() const;
  /// The atlas x, y (mm) under a window pixel (x right, y up from the lower left), when it
  /// lies on the inset's drawing of the section.
  std::optional<glm::dvec2> atlasPointAt(double x, double y) const;
  /// Width of the inset in window pixels (0 without a section).
  int insetWidth() const;
  /// Hidden while the camera moves (their text is laid out for the whole resolution).
  void setMoving(bool moving);
  /// The cap actor of a structure, nullptr when it has none (tests).
  vtkActor* cap(const std::string& id) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The safety map's legend in the lower left corner of the 3D view: what the colours mean and
/// that it describes an educational model, not the person being treated.
class SafetyLegend {
public:
  SafetyLegend();
  ~SafetyLegend();
  /// Shows it (sized for the UI scale) or hides it; `computing` says the map is not ready.
  void apply(const AppState& state, bool ready, vtkRenderer* scene);
  void setMoving(bool moving);
  bool shown() const { return shown_; }

private:
  std::vector<vtkSmartPointer<vtkActor2D>> actors_;
  float builtScale_ = 0.0f;
  bool builtReady_ = false;
  bool shown_ = false;
  bool moving_ = false;
  vtkRenderer* renderer_ = nullptr;
};

} // namespace sura
