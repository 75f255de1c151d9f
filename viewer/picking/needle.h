// The virtual needle: where it goes in, how far, and what it meets on the way. Pure geometry
// over the picker's meshes (no VTK, no GL, no ImGui), used by `sura needle`, by the card of a
// clicked point and, later, by the scene that draws the needle.
//
// A needle is a straight segment from a point on the skin (its entry) along a unit direction
// into the leg, `insertedMm` long; the rest of its length stays outside. The readout measures
// every depth along the needle from the entry (the depth below the skin a clinician means when
// reading the insertion), lists every structure the inserted part crosses, nerves and vessels
// included whether shown or not, and warns in words when the path comes within a margin of a
// nerve or vessel, reaches bone, or passes beyond its target muscle into another compartment.
// Every structure a warning names is in the readout's layers or closest approaches.
//
// Frames: placements and results are in the world frame, as picking's are; `mirrored` says
// whether the world shows the atlas mirrored in X (the other leg).
#pragma once

#include "geometry/bvh.h"
#include "picking/point_description.h"

#include <glm/vec3.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace sura {

class Picker;

/// Standard lengths of dry-needling needles, mm.
inline constexpr std::array<double, 6> kNeedleLengthsMm{25, 30, 40, 50, 60, 75};
/// Standard diameters ("gauge") of dry-needling needles, mm.
inline constexpr std::array<double, 5> kNeedleGaugesMm{0.16, 0.18, 0.20, 0.25, 0.30};
inline constexpr double kDefaultNeedleLengthMm = 40;
inline constexpr double kDefaultNeedleGaugeMm = 0.25;
/// A nerve or vessel closer than this to the needle gets a warning: the one setting shared by
/// `sura needle` and the card of a clicked point.
inline constexpr double kDefaultNeedleMarginMm = 5;
/// Accepted margins, mm.
inline constexpr double kMaxNeedleMarginMm = 50;
/// A needle aimed at a point is chosen long enough to leave this much outside the skin: a
/// needle is never inserted to its hub.
inline constexpr double kNeedleOutsideMm = 5;
/// A tip this close to its target has reached it, mm.
inline constexpr double kNeedleReachedMm = 0.5;
/// Tilt of a needle from the perpendicular to the skin, at most this (degrees).
inline constexpr double kMaxNeedleTiltDeg = 80;

/// Said by every readout, in words.
inline constexpr const char* kNeedleDisclaimer =
    "This describes an educational model of an average leg, not the person being treated: "
    "anatomy varies, so find the structures on the patient before needling.";

/// How the needle was aimed.
enum class NeedleAim {
  View,        ///< along the camera's ray through a pixel
  Angles,      ///< by a tilt from the skin's perpendicular and the direction of that tilt
  TriggerPoint ///< from the side a trigger point is examined from, the tip at its centre
};

/// What the needle is aimed at: a trigger point's centre, or a clicked point under the skin.
struct NeedleTarget {
  std::string triggerPoint; ///< id; empty for a clicked point
  std::string structure;    ///< the muscle of the trigger point, or the structure clicked
  glm::dvec3 point{0.0};    ///< world frame
};

struct NeedlePlacement {
  glm::dvec3 entry{0.0};     ///< on the skin, world frame
  glm::dvec3 direction{0.0}; ///< unit, into the leg, world frame
  double lengthMm = kDefaultNeedleLengthMm;
  double gaugeMm = kDefaultNeedleGaugeMm;
  double insertedMm = 0; ///< tip = entry + direction * insertedMm
  NeedleAim aim = NeedleAim::View;
  double tiltDeg = 0;   ///< NeedleAim::Angles: from the perpendicular to the skin
  double towardDeg = 0; ///< NeedleAim::Angles: 0 toward the knee, 90 lateral, 180 the foot
  std::optional<NeedleTarget> target;

  glm::dvec3 tip() const { return entry + direction * insertedMm; }
};

/// A structure the inserted needle crosses; depths along the needle from the skin entry, mm.
struct NeedleLayer {
  std::string structure, name;
  double entryMm = 0, exitMm = 0;
  bool tipInside = false; ///< the needle ends inside it (exitMm is the tip's depth)
};

/// How close the needle comes to one structure.
struct NeedleApproach {
  std::string structure, name;
  double distanceMm = 0; ///< from the needle's surface (its axis less half the gauge); 0: crossed
  double atDepthMm = 0;  ///< depth along the needle of its nearest point
  double structureDepthMm = 0; ///< the structure's own depth below the skin at its nearest point
  glm::dvec3 point{0.0};       ///< the structure's nearest point, world frame
  bool crossed = false;        ///< the needle goes through it (it is in the layers)
};

enum class NeedleWarningKind { NerveOrVessel, Bone, Compartment, LeavesSkin, ShortOfTarget };

struct NeedleWarning {
  NeedleWarningKind kind = NeedleWarningKind::NerveOrVessel;
  std::string structure; ///< id of the structure named; empty for LeavesSkin
  double distanceMm = 0; ///< from the needle (0 when crossed or reached)
  double depthMm = 0;    ///< along the needle, where it happens
  std::string text;      ///< one sentence naming the structure and the distance
};

struct NeedleReadout {
  NeedlePlacement placement;
  bool mirrored = false;
  double marginMm = kDefaultNeedleMarginMm;
  PointDescription entry; ///< the skin point where it goes in
  /// Outside in: "skin" (skin and subcutaneous tissue, from 0 to the first deeper structure),
  /// then every structure the inserted part crosses, by entry depth.
  std::vector<NeedleLayer> layers;
  /// Where the tip lies: a structure id, "skin" before the first deeper structure, or empty
  /// between structures (fascia, fat) or outside the leg; tipName says which in words.
  std::string tipStructure, tipName;
  double tipDepthMm = 0;
  std::optional<double> targetDepthMm; ///< of the target along the needle, when there is one
  double targetMissMm = 0;             ///< from the tip to the target
  std::vector<NeedleApproach> nervesAndVessels; ///< every one, nearest first
  std::optional<NeedleApproach> bone;           ///< the nearest bone
  std::vector<NeedleWarning> warnings;
  std::string disclaimer = kNeedleDisclaimer;
  /// Where the needle leaves the skin again before its tip (depth along it), when it does.
  std::optional<double> leavesSkinAtMm;

  bool warns() const { return !warnings.empty(); }
};

/// The needle through a clicked pixel: it goes in where the camera's ray (world frame) enters
/// the skin, shown or not. Aimed along the ray, or, with `angles` (tilt, toward, degrees), by
/// those angles against the skin's perpendicular there. When the ray's first pickable hit
/// `clicked` lies below the skin (the skin hidden or seen through), the needle is aimed at it:
/// the tip stops there, and the default length is the shortest standard one leaving
/// kNeedleOutsideMm outside (the longest, when none reaches). Otherwise it goes in its full
/// length. `lengthMm` 0 chooses. Empty when the ray meets no skin.
std::optional<NeedlePlacement>
placeNeedleAlongRay(const Picker& picker, const Ray& ray, bool mirrored,
                    const std::optional<glm::dvec3>& clicked, const std::string& clickedStructure,
                    double lengthMm, double gaugeMm,
                    const std::optional<std::array<double, 2>>& angles = std::nullopt);

/// "Needle this point": from `centre` back along `approach` (unit, into the muscle, world frame)
/// to the skin; the needle goes in there along `approach`, its tip at the centre, or its full
/// length when `lengthMm` is shorter than that. `lengthMm` 0 chooses the shortest standard
/// length leaving kNeedleOutsideMm outside. Empty when the line back meets no skin.
std::optional<NeedlePlacement> placeNeedleAtPoint(const Picker& picker, const NeedleTarget& target,
                                                  const glm::dvec3& approach, bool mirrored,
                                                  double lengthMm, double gaugeMm);

/// The shortest standard length leaving kNeedleOutsideMm outside at this depth, or the longest.
double needleLengthFor(double depthMm);

/// Everything about a placed needle, warnings within `marginMm` of a nerve or vessel.
NeedleReadout readNeedle(const Picker& picker, const NeedlePlacement& placement, bool mirrored,
                         double marginMm = kDefaultNeedleMarginMm);

/// The readout's warnings worked out again for another margin (`readout.marginMm` becomes
/// `marginMm`): everything else the readout holds is measured independently of the margin, so
/// no picker is needed. readNeedle ends with it; the app calls it when the margin changes.
void applyNeedleMargin(NeedleReadout& readout, double marginMm);

/// The compartment of the leg a muscle or tendon lies in ("superficial posterior", "deep
/// posterior", "anterior", "lateral"), by the bundled atlas's ids; empty for anything else.
std::string compartmentOf(const std::string& structure);

} // namespace sura
