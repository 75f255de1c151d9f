// Camera presets as plain geometry, so framing can be tested without a window.
#pragma once

#include "clinical/clinical.h"
#include "geometry/mesh.h"
#include "state/app_state.h"

#include <glm/vec3.hpp>

#include <map>
#include <string>

#include <vector>

namespace sura {

/// Where a perspective camera stands and looks, in the Sura frame (mm, Z up).
struct CameraPose {
  glm::dvec3 position{0.0};
  glm::dvec3 focalPoint{0.0};
  glm::dvec3 viewUp{0.0, 0.0, 1.0};
};

/// The box of every mesh as drawn (mirrored in X when `mirrored`, see mirrorsAtlas), mm: what
/// the presets frame. The scene and `sura pick` (which has no scene) both use it.
Aabb drawnBounds(const std::map<std::string, TriangleMesh>& meshes, bool mirrored);

/// Unit vector from the model toward the camera for a preset. Posterior looks from -Y,
/// anterior from +Y; medial and lateral depend on the leg shown (lateral of a right leg is +X,
/// whether the atlas holds it or its mirror);
/// oblique looks from behind-medial at 45 degrees, a little from above.
glm::dvec3 presetDirection(ViewPreset view, Side side);

/// Pose for a preset that frames the whole box with a small margin, for a vertical view
/// angle in degrees and a viewport aspect (width / height).
CameraPose framePreset(ViewPreset view, Side side, const Aabb& box, double viewAngleDegrees,
                       double aspect);

/// Pose looking at the box's centre from `towardCamera` (unit, from the box to the camera)
/// that keeps every corner inside the viewport with a small margin. The view up is `upHint`
/// made perpendicular to the view (world Z when the hint is along the view).
CameraPose frameBox(const Aabb& box, const glm::dvec3& towardCamera, const glm::dvec3& upHint,
                    double viewAngleDegrees, double aspect);

/// Radius of the region around a focused trigger point that the view shows, mm: the point,
/// its painted patch and enough of its muscle and the leg around it to see where it is (about
/// a third of the leg's length: at 70 mm a class saw a red wall with a ring on it).
inline constexpr double kTriggerPointViewRadiusMm = 120.0;

/// Unit direction from a trigger point toward the person examining it: the sector of the leg
/// it is reached from (location.surface), mirrored in X when the atlas is drawn mirrored.
glm::dvec3 examinationDirection(const ResolvedTriggerPoint& point, bool mirrored);

/// Margin kept around the farthest point of a referred-pain zone in view, mm.
inline constexpr double kReferredViewMarginMm = 15.0;
/// Around a focused point, this much of the leg stays in view however the zone pulls the
/// view, mm: the patch and the muscle about it.
inline constexpr double kTriggerPointSurroundMm = 40.0;
/// The point's spot (2 x radius_mm) covers at least this share of the viewport's shorter
/// side: a zone that would need the camera farther back, shrinking the point to a dot, is
/// left out of the view (after turning has been tried).
inline constexpr double kMinTriggerPointScreenShare = 0.03;
/// The view may turn this far from the examination direction to show a zone: the examined
/// surface still faces the camera.
inline constexpr double kMaxFocusTurnDegrees = 70.0;
/// A zone is in sight when at least this share of its skin faces the camera...
inline constexpr double kMinZoneShareInSight = 0.5;
/// ...a skin point facing it when its normal is within this angle of the way to the camera.
inline constexpr double kFacingDegrees = 75.0;

/// A point of the skin and its outward unit normal (atlas frame).
struct SkinPoint {
  glm::dvec3 position{0.0};
  glm::dvec3 normal{0.0, 0.0, 1.0};
};

/// The skin points (atlas frame, with the skin's vertex normals) well inside a trigger point's
/// essential referred-pain zones on the model (weight at least 0.5): what a view of the point
/// should also show. Spillover is left out: it would widen the view for the least of the pain.
std::vector<SkinPoint> essentialReferredPoints(const ResolvedTriggerPoint& point,
                                               const TriangleMesh& skin);

/// Pose that looks at a needle from the side: perpendicular to it, Z up as far as the needle
/// allows, from whichever side is nearer `preferred` (unit, world frame), framing the needle
/// end to end (entry + direction * insertedMm is the tip; lengthMm in all, the rest outside
/// the skin) with kNeedleSurroundMm of the leg about it.
CameraPose frameNeedle(const glm::dvec3& entry, const glm::dvec3& direction, double insertedMm,
                       double lengthMm, const glm::dvec3& preferred, double viewAngleDegrees,
                       double aspect);
/// Of the leg round a framed needle, this much stays in view on every side of it, mm: the
/// layers it crosses and the structures it passes close to.
inline constexpr double kNeedleSurroundMm = 45.0;

/// Pose that looks at a trigger point (its centre mirrored when the atlas is) from its
/// examination side, Z up, close enough that a sphere of kTriggerPointViewRadiusMm around it
/// just fits the viewport's shorter side, the point in the middle. With `alsoShow` (atlas
/// frame, its essential referred-pain zone: "this spot refers to your instep"), the view also
/// shows that zone, facing it: from the examination side when enough of the zone faces it
/// (kMinZoneShareInSight), else turned about the leg (or tilted, for the sole) as little as
/// will do, up to kMaxFocusTurnDegrees; the view then centres on the point and the zone
/// together and stands back as far as they need (never nearer than the close view), but never
/// so far that the point's spot falls under kMinTriggerPointScreenShare of the view. When no
/// turn shows the zone at that size, the zone is left out and the close view stays.
CameraPose frameTriggerPoint(const ResolvedTriggerPoint& point, bool mirrored,
                             double viewAngleDegrees, double aspect,
                             const std::vector<SkinPoint>& alsoShow = {});

/// The pose a fraction `s` (0 to 1, eased at both ends) of the way from `from` to `to`, for a
/// camera that flies instead of jumping: the focal point and the distance to it move
/// steadily, the view direction turns along the shortest arc (about the vertical when the two
/// look exactly opposite ways, as posterior and anterior do), the up vector follows.
CameraPose interpolatePose(const CameraPose& from, const CameraPose& to, double s);

} // namespace sura
