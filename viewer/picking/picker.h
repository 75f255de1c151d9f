// What did I click, where exactly, and how deep: rays against the atlas meshes, GL-free.
//
// A Picker is built once per atlas load (one BVH per structure mesh, a segment-distance tree
// per nerve and vessel, the skin's midline table). Each pick takes the set of structures that
// may be hit, so hiding or fading a structure needs no rebuild. All queries are const and keep
// no state: one Picker may serve several threads.
//
// Frames: the atlas meshes are in the Sura frame (RAS, mm, origin at the centre of the knee
// joint line; see docs/anatomy.md). The viewer shows them as they are, or mirrored in X to show the
// other leg. Rays and results are in the viewer's (world) frame; `mirrored` says which.
#pragma once

#include "atlas/atlas.h"
#include "geometry/bvh.h"
#include "geometry/mesh.h"
#include "picking/needle.h"
#include "picking/point_description.h"
#include "picking/skin_midline.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sura {

/// A named position in the atlas (Sura) frame, e.g. a trigger point resolved onto a muscle.
struct NamedPoint {
  std::string id;
  glm::dvec3 position{0.0};
};

/// True for the ids of the structures a pick may hit: in the viewer, those shown with at least
/// the minimum opacity. An empty function lets every structure with a mesh be hit.
using PickFilter = std::function<bool(const std::string& structureId)>;

/// A filter that accepts exactly these ids.
PickFilter pickableIds(std::set<std::string> ids);

/// Where the ray first meets a pickable surface.
struct SurfaceHit {
  std::string structure;    ///< structure id
  glm::dvec3 point{0.0};    ///< world frame, mm
  glm::dvec3 normal{0.0};   ///< unit outward normal of the triangle hit, world frame
  std::uint32_t triangle{}; ///< index into the structure's mesh triangles
  double distance = 0;      ///< from the ray origin to point along the ray, mm
  bool entering = true;     ///< false when the ray leaves the structure there (started inside)
};

/// One structure along the ray, from where the ray enters it to where it leaves it. Depths are
/// below the skin, in mm: see Picker::pick for how they are measured.
struct PickLayer {
  std::string structure;
  double entryMm = 0;       ///< depth where the ray enters (or its origin, when it starts inside)
  double exitMm = 0;        ///< depth where it leaves; NaN when it never does (an open mesh)
  double entryDistance = 0; ///< along the ray from its origin, mm
  double exitDistance = 0;  ///< along the ray from its origin, mm; NaN like exitMm
};

struct NearestTriggerPoint {
  std::string id;
  double distanceMm = 0;    ///< from the picked point
  double rayDistanceMm = 0; ///< from the needle path (the ray inside the skin), or NaN
};

/// The nerve or vessel the card's needle (PickResult::needle) comes nearest to: its first
/// closest approach (NeedleApproach), the same figures `sura needle` reports.
struct NearestNerveOrVessel {
  std::string structure;
  double distanceMm = 0; ///< from the needle's surface (axis less half the gauge); 0: crossed
  glm::dvec3 point{0.0}; ///< the nearest point of its surface, world frame
  double atDepthMm = 0;  ///< depth along the needle of its nearest point
  bool crossed = false;  ///< the needle goes through it
};

struct PickResult {
  std::optional<SurfaceHit> hit; ///< empty on a miss
  std::vector<PickLayer> layers; ///< pickable structures the ray crosses, by entry distance
  std::optional<PointDescription> description; ///< of the hit point; empty on a miss
  std::optional<NearestTriggerPoint> nearestTriggerPoint;
  /// Empty when there is no needle (a miss, or no skin).
  std::optional<NearestNerveOrVessel> nearestNerveOrVessel;
  /// The needle path: from where the ray enters the skin (or its origin, inside the skin) to
  /// where it next leaves it, as distances along the ray; empty when it does not cross the skin.
  std::optional<double> needleStart, needleEnd;

  /// A needle from where the ray enters the skin along it, as the card of a clicked point
  /// describes it (placeNeedleAlongRay, default length and gauge, kDefaultNeedleMarginMm);
  /// empty on a miss or without a skin.
  std::optional<NeedleReadout> needle;

  /// Structure id of the hit, empty on a miss.
  const std::string& structure() const;
};

class Picker {
public:
  /// Builds the acceleration structures for every structure of the atlas that has a mesh in
  /// `meshes` (by structure id, Sura frame; meshes without a structure are ignored). The skin
  /// is the first structure of group "skin" with a mesh; nerves and vessels are the structures
  /// of group "nerves_vessels". The meshes are copied: they may be destroyed afterwards.
  Picker(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes);

  /// Trigger points in the atlas (Sura) frame; replaces any earlier ones.
  void setTriggerPoints(std::vector<NamedPoint> points);
  const std::vector<NamedPoint>& triggerPoints() const { return triggerPoints_; }

  /// The nearest pickable surface along the ray: what a hover highlights. Cheaper than pick().
  std::optional<SurfaceHit> firstHit(const Ray& ray, const PickFilter& pickable,
                                     bool mirrored = false) const;

  /// firstHit for many rays at once (a grid over the view): the filter is asked once per
  /// structure, not once per structure and ray. One answer per ray, in order.
  std::vector<std::optional<SurfaceHit>>
  firstHits(const std::vector<Ray>& rays, const PickFilter& pickable, bool mirrored = false) const;

  /// Everything about a click. `ray` is in the world frame; with `mirrored` the viewer shows
  /// the atlas mirrored in X, and the ray is mirrored into the atlas and the results back.
  ///
  /// Depth below the skin at a distance s along the ray: s minus the distance of the last skin
  /// entry before it; when the ray starts inside the skin and has not entered it since, the
  /// distance from that point to the skin surface. The skin counts even when it is not
  /// pickable. Layers list pickable structures only; the nearest nerve or vessel is searched
  /// among all of them, pickable or not, since a hidden nerve is still in the needle's way.
  PickResult pick(const Ray& ray, const PickFilter& pickable, bool mirrored = false) const;
  PickResult pick(const Ray& ray, const std::set<std::string>& pickable,
                  bool mirrored = false) const;

  /// A point (world frame) on `structure` told in landmark terms, without a ray: the depth is
  /// the distance to the skin surface (negative outside the skin).
  PointDescription describe(const glm::dvec3& point, const std::string& structure,
                            bool mirrored = false) const;

  /// The midline of the leg at height z (world frame x, y): the centroid of the skin's
  /// horizontal section there. Empty without a skin.
  std::optional<glm::dvec2> midlineAt(double z, bool mirrored = false) const;

  /// Every structure (pickable or not) that the ray crosses up to `maxDistance` along it, as
  /// intervals of distance (entryDistance, exitDistance; exit NaN when the ray is still inside
  /// at maxDistance), by entry. Atlas frame, no mirroring; entryMm and exitMm are left 0.
  std::vector<PickLayer> crossings(const Ray& atlasRay, double maxDistance) const;

  /// The BVH of a structure's mesh (atlas frame), nullptr when it has none.
  const MeshBvh* bvhOf(const std::string& structureId) const;
  /// The atlas's name of a structure with a mesh; empty for an unknown id.
  const std::string& nameOf(const std::string& structureId) const;
  /// Ids of the structures with a mesh in an atlas group, in manifest order.
  std::vector<std::string> structuresInGroup(const std::string& group) const;
  /// The skin's sections (the leg's midline and edges at every height): what t and m are
  /// measured by. Not valid() without a skin.
  const SkinMidline& midline() const { return midline_; }
  /// True when the atlas holds a left leg (its lateral side is -x).
  bool atlasIsLeftLeg() const { return atlasIsLeftLeg_; }

  /// True when the atlas has a structure with this id and a mesh for it.
  bool has(const std::string& structureId) const;
  /// Id of the skin structure, empty when the atlas has none.
  const std::string& skinId() const;
  /// Total triangles kept in the BVHs (degenerate ones left out).
  std::size_t triangleCount() const;

private:
  struct Entry {
    std::string id, name, group;
    MeshBvh bvh;
  };
  struct SkinCrossings;

  SkinCrossings skinCrossings(const Ray& atlasRay) const;
  double depthAt(const SkinCrossings& skin, const Ray& atlasRay, double distance) const;
  /// "plantar" or "dorsal" for a point of the foot near its sole or its top; null elsewhere.
  const char* footSurface(const glm::dvec3& p) const;
  PointDescription describeAtlasPoint(const glm::dvec3& p, const std::string& structure,
                                      double depthMm) const;

  std::vector<Entry> entries_; ///< manifest order
  std::map<std::string, std::size_t> index_;
  std::optional<std::size_t> skin_;
  std::vector<std::size_t> guards_; ///< entries that are nerves and vessels
  SkinMidline midline_;
  Landmarks landmarks_;
  bool atlasIsLeftLeg_ = false;
  std::vector<NamedPoint> triggerPoints_;
};

} // namespace sura
