// VTK actors for an atlas: one per structure with a mesh, drawn the way an AppState says.
// No window, no GLFW, no ImGui: the app attaches renderer() to an on-screen or an
// offscreen window.
#pragma once

#include "clinical/clinical.h"
#include "geometry/mesh.h"
#include "meshio/load_atlas.h"
#include "state/app_state.h"

#include <glm/vec3.hpp>

#include <glm/vec2.hpp>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class vtkActor;
class vtkPolyData;
class vtkRenderer;

namespace sura {

/// Background gradient, chosen light so that coloured structures read well on a projector.
inline constexpr glm::dvec3 kBackgroundTop{0.99, 0.99, 1.0};
inline constexpr glm::dvec3 kBackgroundBottom{0.80, 0.82, 0.85};

/// Vertical view angle of the camera in degrees; narrow, so the leg keeps its proportions.
inline constexpr double kViewAngleDegrees = 20.0;
/// The selected structure is outlined along its silhouette as seen from the camera: a bright
/// line on a dark one, which reads on the light background, on the skin, on red muscle and
/// on ivory bone alike, and leaves the surface itself its own colour and shading.
inline constexpr glm::dvec3 kOutlineColor{1.0, 0.74, 0.05};
inline constexpr glm::dvec3 kOutlineShadowColor{0.12, 0.06, 0.0};
inline constexpr double kOutlinePixels = 3.0;
inline constexpr double kOutlineShadowPixels = 6.0;

/// Surface finish of a structure, picked from its group.
struct Material {
  double ambient = 0.1;
  double diffuse = 0.9;
  double specular = 0.1;
  double specularPower = 20.0;
};

/// Muscles and tendons shine a little (wet fascia), skin hardly at all, bone is matte.
Material materialFor(const Structure& structure);

class NeedleDrawing;
class PinDrawing;

/// A pin framed from the list is shown with this much of the leg round it, mm.
inline constexpr double kPinFrameRadiusMm = 70.0;

/// While a needle is shown, the skin, and the muscles and tendons it crosses before its
/// target, are drawn at most this opaque, so that its path shows; its target (the muscle of
/// its trigger point, the structure clicked, else where its tip is) a little more.
inline constexpr float kNeedleSkinOpacity = 0.25f;
inline constexpr float kNeedleLayerOpacity = 0.3f;
inline constexpr float kNeedleTargetOpacity = 0.6f;

/// The opacity each structure is drawn at most while `needle` is shown, by id (see above);
/// a structure not listed keeps its own.
std::map<std::string, float> needleSeeThrough(const NeedleReadout& needle, const Atlas& atlas);

class Scene {
public:
  /// Builds one actor per structure that has a mesh. The atlas and the clinical layer (the
  /// trigger points resolved onto these meshes) are copied; the meshes are converted to VTK
  /// and not kept.
  explicit Scene(const LoadedAtlas& loaded, const Clinical& clinical = {});
  /// The same, with the clinical layer asked for (`clinical` is called once) only when first
  /// needed: by clinical(), or by an apply() or frame() whose state shows, selects or refers
  /// a trigger point. A picture without trigger points never waits for them (they may be
  /// resolved on another thread meanwhile, or never).
  Scene(const LoadedAtlas& loaded, const std::function<Clinical()>& clinical);
  ~Scene();
  Scene(const Scene&) = delete;
  Scene& operator=(const Scene&) = delete;

  /// The renderer holding the actors, lights, background and camera.
  vtkRenderer* renderer() const;
  const Atlas& atlas() const;
  /// The clinical layer; asks for it first if it was not yet (which may wait, or throw the
  /// resolution's error).
  const Clinical& clinical() const;
  /// The clinical layer if it was asked for already, else nullptr: never waits.
  const Clinical* clinicalIfResolved() const;

  /// Shows what the state says: visibility, opacity and side of every structure, the shown
  /// trigger points painted on their muscles (with a target on whatever covers them), the
  /// selected one's halo and the referred-pain zones on the skin. Points the camera at
  /// state.view when a new view was asked for since the last call, frames state.frameTarget
  /// when a new framing was asked for (see frame()), and mirrors the camera with the model
  /// when the side changed, so the view stays the same.
  void apply(const AppState& state);

  /// Points the camera at what state.frameTarget names: the selected trigger point from its
  /// examination side (frameTriggerPoint), the pin in focus from the side it faces, the
  /// selected structure (a group: all its parts), or everything shown, from the current
  /// direction (frameBox). Does nothing when that is
  /// not there.
  void frame(const AppState& state);

  /// While the camera moves, the scene draws a lighter picture for a software renderer:
  /// lighter meshes (about a quarter of the triangles, once made: prepareLighterMeshes),
  /// translucent layers blended in one pass (weighted, order-independent) instead of depth
  /// peeling, no edge smoothing (FXAA). Painted trigger points and zones stay. Still (false,
  /// the default), it draws the whole picture, exactly as before any movement.
  void setMoving(bool moving);
  bool moving() const;
  /// Starts making the lighter meshes on a thread of their own (the first setMoving(true)
  /// does, if nothing did before); moving frames use the full meshes until they are made.
  void prepareLighterMeshes();
  /// Waits until the lighter meshes are made and in use (tests, benchmarks).
  void waitForLighterMeshes();

  /// Time in seconds for animated effects (the selected trigger point's pulse). The viewer
  /// calls it every frame; without it, or at 0, the picture is still.
  void setTime(double seconds);

  /// Points the camera at a preset, framing what the last apply() showed (the whole model
  /// before the first, or when nothing is shown) for the renderer's current aspect (or 16:10
  /// before it has a window).
  void setView(ViewPreset view);

  /// The shown trigger point whose mark on `structure` (its patch on its muscle, the target
  /// over it elsewhere) covers `atlasPoint`, the nearest when several do; empty when none.
  std::string triggerPointMarkAt(const AppState& state, const std::string& structure,
                                 const glm::dvec3& atlasPoint) const;

  /// The actor of a structure, or nullptr for grouping nodes and unknown ids.
  vtkActor* actor(const std::string& id) const;
  /// The surface of a structure as drawn (mirrored with the leg, smooth normals, the
  /// trigger-point layer's per-vertex arrays), or nullptr for grouping nodes and unknown ids.
  vtkPolyData* drawnSurface(const std::string& id) const;
  /// The bead at the last clicked point (hidden without one).
  vtkActor* pickMarkerActor() const;
  /// The needle's actors (hidden without a needle readout for the leg shown).
  const NeedleDrawing& needleDrawing() const;
  /// The pins' actors as the last apply() showed them.
  const PinDrawing& pinDrawing() const;
  /// The bright line of a structure's selection outline, or nullptr when it has never been
  /// selected; shown only while it is selected and shown.
  vtkActor* outlineActor(const std::string& id) const;

  /// Bounds of every structure with a mesh as drawn (mirrored or not), mm.
  /// Hidden structures count too: the camera's zoom limits do not change with what is shown.
  Aabb modelBounds() const;

  /// Bounds of the structures the last apply() showed, as drawn, mm; empty when none.
  Aabb shownBounds() const;

  /// The safety map's depths, one per skin vertex (picking's computeSafetyMap), worked out for
  /// `marginMm`, painted while the state shows the map. Until it is given for the margin of
  /// the state's needle settings, the legend says it is being worked out (a map for another
  /// margin stays painted meanwhile).
  void setSafetyMap(std::vector<float> depthMm, double marginMm);
  /// The margin of the map setSafetyMap gave; none before.
  std::optional<double> safetyMapMargin() const;
  /// The map painted is for the margin of `state`'s needle settings (else the legends say it
  /// is being worked out): the one answer for the scene's legend and the panel's.
  bool safetyMapReady(const AppState& state) const;

  /// The renderers drawn over the 3D view, after renderer(), in the same window: the
  /// section's inset and its readout (none without a section). Changed by apply().
  std::vector<vtkRenderer*> overlays() const;
  /// The safety map's legend in the 3D view's pixels (x0, y0, x1, y1 from the view's lower
  /// left), while it is shown.
  std::optional<std::array<double, 4>> legendExtent() const;
  /// The atlas x, y (mm) of the section drawn in the inset under a window pixel (x right, y
  /// up from the lower left); empty off the inset's section.
  std::optional<glm::dvec2> sectionPointAt(double x, double y) const;
  /// The cap of a cut structure while a section is shown, else nullptr (tests).
  vtkActor* sectionCap(const std::string& id) const;

  /// The leg shown as of the last apply() (before it: the atlas's own).
  Side side() const;
  /// Whether the atlas is drawn mirrored in X to show that leg (mirrorsAtlas).
  bool mirrored() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace sura
