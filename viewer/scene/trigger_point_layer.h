// The clinical layer drawn on the structures' own surfaces: trigger points painted on their
// muscles, a target on whatever lies over each of them (skin, an overlying muscle), a pulsing
// halo around the selected one, and the referred-pain zones on the skin.
//
// Everything is paint, not extra geometry: each vertex carries its atlas-frame position and the
// nearest spot of each kind (passed flat, one spot per triangle), and the GLSL in shaders/
// measures the exact distance per fragment and turns it into soft patches, rings and dots.
// So the marks stay round and crisp on coarse meshes, and two nearby spots never blend.
#pragma once

#include "clinical/clinical.h"
#include "geometry/mesh.h"
#include "state/app_state.h"

#include <glm/vec3.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

class vtkActor;
class vtkPolyData;
class vtkPolyDataMapper;

namespace sura {

/// Names of the per-vertex arrays the layer adds to each surface. Positions are in the atlas
/// frame, so a left leg (mirrored downstream) needs no repainting. Spot arrays hold the
/// nearest spot of their kind: xyz its position, w the trigger point's radius (mm).
inline constexpr const char* kAtlasPositionArray = "sura_atlas_position"; ///< 3 floats
inline constexpr const char* kPatchArray = "sura_trigger_point_patch";    ///< own shown points
inline constexpr const char* kOverArray = "sura_trigger_point_over";      ///< points beneath
/// The selected point's spot; w is minus the radius when the spot is a target (over it).
inline constexpr const char* kFocusArray = "sura_trigger_point_focus";
inline constexpr const char* kZoneArray = "sura_referred_zone"; ///< 2: essential, spillover
/// The safety map's depth at each skin vertex, mm; -1 where it is not painted.
inline constexpr const char* kSafetyArray = "sura_safety_depth"; ///< 1

/// X coordinate of the spot stored where a surface has no spot of that kind: far beyond any
/// mark.
inline constexpr float kNoSpotMm = 1.0e5f;

/// The share of a trigger point's colour at distance d from its surface point, as the shader
/// paints it: full to 80 % of the radius, nothing beyond 110 %.
double patchWeight(double distanceMm, double radiusMm);

/// Where a trigger point shows on one surface: its own muscle (the patch around its surface
/// point) or a structure over it (a target where its approach line leaves that structure).
struct MarkSpot {
  std::size_t point = 0; ///< index into Clinical::triggerPoints
  glm::dvec3 position{0.0};
  bool over = false; ///< true: the point lies beneath this surface
};

/// The spots of every trigger point on every structure, atlas frame: the surface point on the
/// muscle, and for each skin, muscle or tendon surface the approach line crosses on its way
/// out to the skin, where it leaves that structure (its outer face, the one a person looks
/// at). Thin nerves and vessels get no target: a ring would not fit on them.
std::map<std::string, std::vector<MarkSpot>>
markSpots(const Atlas& atlas, const Clinical& clinical,
          const std::map<std::string, TriangleMesh>& meshes);

class TriggerPointLayer {
public:
  /// `atlas` and `clinical` must outlive the layer (the Scene owns them all).
  TriggerPointLayer(const Atlas& atlas, const Clinical& clinical,
                    const std::map<std::string, TriangleMesh>& meshes);

  /// Adds the arrays to `surface` (the structure's mesh as drawn, before the mirror, same
  /// points as the atlas mesh) and the marks shader to the actor drawing it. Does nothing for
  /// structures that never carry a mark (bones, nerves, vessels).
  void attach(const std::string& id, vtkPolyData* surface, vtkActor* actor);

  /// The structure's lighter surface (polydata.h's lighterSurface of its mesh: a subset of
  /// its points, each with its full index) drawn by `mapper` while the camera moves: it gets
  /// the same paint, copied point by point. Does nothing where attach() did nothing.
  void attachLighter(const std::string& id, vtkPolyData* lighter, vtkPolyDataMapper* mapper);

  /// Paints what the state says: shown points, the selected one, the referred zones. Cheap
  /// when none of these changed since the last call.
  void apply(const AppState& state);

  /// The safety map's depths, one per skin vertex (the skin mesh's order), painted on the skin
  /// while the state shows the map; empty: none yet.
  void setSafetyMap(std::vector<float> depthMm);

  /// Drives the highlight's pulse; 0 gives the still picture `sura render` draws.
  void setTime(double seconds);

  /// The shown trigger point (state.triggerPointsShown) whose mark on `structure` covers
  /// `atlasPoint` (within its radius of the spot: the patch, or the target's ring), the
  /// nearest when several do; empty when none.
  std::string markAt(const AppState& state, const std::string& structure,
                     const glm::dvec3& atlasPoint) const;

private:
  struct Painted {
    std::string id;
    vtkPolyData* surface = nullptr;
    vtkActor* actor = nullptr;
    vtkPolyData* lighter = nullptr; ///< or none
  };
  void paint(const Painted& painted) const;

  // The spots of every structure, found at the first need (markSpots) from these meshes.
  const std::vector<MarkSpot>& spotsOn(const std::string& id) const;

  const Atlas* atlas_ = nullptr;       ///< owned by the Scene, which owns this layer
  const Clinical* clinical_ = nullptr; ///< likewise; may be resolved after the layer is made
  std::string skin_;                   ///< the skin's id, from the meshes (the safety map's)
  mutable std::map<std::string, TriangleMesh> spotMeshes_;
  mutable std::map<std::string, std::vector<MarkSpot>> spots_;
  mutable bool spotsFound_ = false;
  std::set<std::string> carriesMarks_; ///< skin, muscles, tendons and every point's muscle
  std::vector<Painted> painted_;
  // What the surfaces show now; the arrays are rewritten only when this changes.
  std::set<std::string> shown_;
  std::string selected_;
  std::string referred_;
  bool paintedOnce_ = false;
  bool safetyShown_ = false;
  std::vector<float> safetyDepths_;
};

} // namespace sura
