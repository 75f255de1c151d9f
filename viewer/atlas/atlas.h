// The atlas manifest (atlas.json): what the structures are, how they are grouped and
// layered, how they look, what the info cards say, and in which frame the mesh files are.
// The format is specified in docs/atlas-format.md. Pure C++ + glm: no VTK, no GL; the
// meshes themselves are read by meshio/load_atlas.h.
#pragma once

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sura {

/// A value from a file or the command line as an error message may show it: control
/// characters (newlines, terminal escape codes, NUL) escaped as \n, \x1b..., and anything
/// beyond `max` characters cut off and marked "...". One line, whatever the value holds.
std::string printable(std::string_view value, std::size_t max = 60);

/// printable(value), in single quotes: 'soleus', 'a very long nam...'.
std::string shown(std::string_view value);

/// Limits on a manifest, checked as it is read (see docs/atlas-format.md): beyond them a
/// manifest is refused rather than taking minutes or gigabytes.
inline constexpr std::size_t kMaxManifestBytes = 16u * 1024u * 1024u;
inline constexpr std::size_t kMaxStructures = 1000;
inline constexpr std::size_t kMaxGroups = 100;
inline constexpr std::size_t kMaxTriggerPoints = 100;

/// Every problem with an atlas, reported once with the file and the field to fix.
/// what() is "<file>: <field>: <message>", or "<file>: <message>" when field is empty; always
/// one line (control characters escaped, see printable()).
struct AtlasError : std::runtime_error {
  AtlasError(std::string file, std::string field, const std::string& message);
  std::string file;    ///< the file to fix (the manifest, or a mesh file)
  std::string field;   ///< JSON path in the manifest, e.g. "structures[3].opacity"; may be empty
  std::string message; ///< the problem alone, without file and field
};

/// Text of a structure's info card; every field may be empty.
struct InfoCard {
  std::string origin, insertion, action, innervation, bloodSupply, notes;
  std::vector<std::string> sources; ///< keys of Atlas::sources
};

struct Structure {
  std::string id, name, latin, group;
  std::string parent; ///< id of another structure, or empty
  int layer = 0;      ///< depth order, 0 = outermost; peeling removes the lowest layer first
  glm::vec3 color{1.0f};
  float opacity = 1.0f;
  std::string mesh; ///< path relative to the atlas folder; empty for pure grouping nodes
  InfoCard info;
  /// Made by Sura, not read from the manifest: the envelope generated round an atlas without a
  /// skin (meshio/atlas_checks.h). Its mesh is not a file.
  bool generated = false;
};

struct Group {
  std::string id, name;
  int order = 0;
};

/// How the mesh files' coordinates relate to the Sura frame.
struct Frame {
  std::string axes = "RAS";   ///< where file +x, +y, +z point: one of R/L, A/P, S/I each
  double unitScale = 1.0;     ///< file units -> mm
  glm::dvec3 origin{0.0};     ///< centre of the knee joint line, in file coordinates
  std::string side = "right"; ///< "right" or "left": which leg the meshes show
};

/// Anatomical landmarks in the Sura frame (mm). Each is optional in the manifest: a feature
/// needs only the landmarks it uses (landmarkUses()), and loadAtlas derives what the meshes
/// can give. A landmark that is neither given nor derived is absent from `from` and its value
/// means nothing.
struct Landmarks {
  double kneeJointLineZ = 0;
  double legLength = 390;
  glm::dvec3 medialMalleolus{0.0}, lateralMalleolus{0.0}, fibularHead{0.0},
      medialFemoralCondyle{0.0}, lateralFemoralCondyle{0.0}, calcanealTuberosity{0.0};
  /// Where each landmark came from, by its manifest key ("leg_length"): "manifest", or how it
  /// was derived ("lowest point of 'tibia'"). A key not here is missing.
  std::map<std::string, std::string> from;
  bool has(const std::string& key) const { return from.count(key) != 0; }
};

/// The manifest keys of the landmarks, in the manifest's order.
const std::vector<std::string>& landmarkKeys();

/// What uses a landmark, in words for `sura check` and the docs ("foot regions of referred
/// pain; picking's foot words"), or "nothing yet" for one kept for reference.
std::string landmarkUses(const std::string& key);

/// Something about an atlas worth telling a person but no reason to refuse it: an implausible
/// frame, a trigger point that cannot be placed on these meshes. One line, as line() prints it:
/// "<file>: <field>: <message>".
struct AtlasWarning {
  std::string file;  ///< the file to look at (the manifest)
  std::string field; ///< JSON path in the manifest, e.g. "frame.origin"
  std::string message;
  std::string line() const;
};

/// Where a referred-pain zone lies: a region of the leg's skin, of the foot's skin, or, for a
/// place the model does not show (the sacroiliac joint), words only. See docs/atlas-format.md.
struct SkinRegion {
  enum class Part { Leg, Foot, OffModel };
  Part part = Part::Leg;
  /// Leg: t and m ranges [from, to] (docs/anatomy.md's landmark terms, from <= to).
  glm::dvec2 t{0.0}, m{0.0};
  /// Foot: u along the foot (0 back of the heel .. 1 tip of the toes) and v across it (-1
  /// medial .. +1 lateral), ranges [from, to].
  glm::dvec2 u{0.0}, v{0.0};
  /// Leg: the sectors of the leg's circumference ("posterior", "posteromedial", ...); foot:
  /// the faces of the foot ("plantar", "dorsal", "medial", "lateral", "posterior", "anterior").
  std::vector<std::string> surfaces;
  std::string where; ///< OffModel: where it is, in words
};

enum class ZoneKind { Essential, Spillover };

/// One area where a trigger point refers pain.
struct ReferredZone {
  ZoneKind kind = ZoneKind::Essential;
  SkinRegion region;
  std::vector<std::string> keywords; ///< what a patient or teacher calls the place ("heel")
  std::string description;
};

/// Where a trigger point sits, in landmark terms: reached from `surface` of the leg at level
/// t and position m, `depthMm` below the surface of its muscle.
struct TriggerPointLocation {
  double t = 0, m = 0;
  std::string surface; ///< "posterior", "posteromedial", "medial", ... (8 sectors)
  double depthMm = 0;
};

/// A point on a structure's surface in landmark terms, in the measures trigger points are
/// located by (t along the leg; round the leg, the direction from the skin's midline that
/// picking names a sector by), with that direction as an angle rather than one of 8 sectors
/// and the distance from the midline in mm, so that it names the point exactly: on the
/// horizontal line at level t from the midline outward at `degrees` (0 lateral, 90 anterior,
/// 180 medial, 270 posterior; lateral is -x on a left leg), `fromMidlineMm` out. Pins are kept
/// so (clinical/pin_place.h), which puts them back on a mirrored or rebuilt model.
struct PinLocation {
  double t = 0;
  double degrees = 0;       ///< 0 to 360
  double fromMidlineMm = 0; ///< >= 0
};

struct TriggerPoint {
  std::size_t index = 0; ///< its place in the manifest's trigger_points (for messages)
  std::string id;
  std::string muscle; ///< structure id (with a mesh): the muscle, or the head, it lies in
  std::string label;  ///< muscle and pattern, e.g. "Gastrocnemius, medial head: instep pattern"
  TriggerPointLocation location;
  double radiusMm = 0; ///< size of the tender spot
  std::string description;
  std::vector<ReferredZone> referredPain;
  std::string palpation, needling;
  /// The part of the leg the point lies in, in a patient's words ("calf", "shin", "outer
  /// leg", "knee"): "a muscle of your right shin". Optional in the manifest; "calf" if absent.
  std::string bodyPart = "calf";
  std::vector<std::string> structuresAtRisk; ///< structure ids
  std::vector<std::string> sources;          ///< keys of Atlas::sources
};

struct Atlas {
  std::filesystem::path dir;      ///< the atlas folder as given
  std::filesystem::path manifest; ///< dir / "atlas.json"
  std::string name;
  int version = 0;
  Frame frame;
  Landmarks landmarks;
  std::vector<Group> groups;
  std::vector<Structure> structures; ///< in manifest order
  std::map<std::string, std::string> sources;
  std::vector<TriggerPoint> triggerPoints; ///< in manifest order; optional section
  /// Trigger points left out because this atlas lacks what they need (their muscle, or a mesh
  /// for it), and parts of kept points it cannot show (a structure at risk it does not hold):
  /// what, where in the manifest, and why. Never silent: `sura check` and the viewer list
  /// them. The bundled atlas has none (a test says so).
  std::vector<AtlasWarning> skipped;
  /// Warnings about the frame and landmarks, found once the meshes are read (loadAtlas).
  std::vector<AtlasWarning> warnings;

  /// The structure with this id, or nullptr.
  const Structure* find(const std::string& id) const;
  /// The skin: the first structure of the group "skin" with a mesh, or nullptr (a muscle-only
  /// atlas; a generated envelope is not a skin).
  const Structure* skin() const;
  /// The trigger point with this id, or nullptr.
  const TriggerPoint* findTriggerPoint(const std::string& id) const;
};

/// The names of the 8 sectors of the leg's circumference, as trigger point locations and leg
/// regions use them (and as picking describes a point), counter-clockwise from lateral.
const std::vector<std::string>& legSurfaceNames();
/// The faces of the foot a foot region may name.
const std::vector<std::string>& footSurfaceNames();

/// The only manifest version this build understands.
inline constexpr int kAtlasFormatVersion = 1;

/// The atlas folder a path names: the folder itself, or the folder of an atlas.json given by
/// its path. The one rule for every place an atlas is named (`--atlas`, `sura check`, the
/// environment). Does not check that anything exists.
std::filesystem::path atlasFolderOf(const std::filesystem::path& dirOrManifest);

/// Reads and validates the atlas.json of atlasFolderOf(atlas) (no mesh is opened). Throws
/// AtlasError. Trigger points naming a muscle the atlas does not hold with a mesh are moved to
/// Atlas::skipped, not refused; structures at risk it does not hold are noted there too.
Atlas parseManifest(const std::filesystem::path& atlas);

/// parseManifest on text already read: validates `text` as the manifest atlasDir/atlas.json
/// (the folder itself is not looked at). Throws AtlasError naming atlasDir/atlas.json.
Atlas parseManifestText(const std::string& text, const std::filesystem::path& atlasDir);

/// Maps a point from mesh-file coordinates to the Sura frame (RAS, mm, knee joint centre).
glm::dvec3 toSuraFrame(const Frame& f, const glm::dvec3& filePoint);

/// True when the file frame is a mirror image of RAS (an odd number of flipped axes), so
/// triangle winding must be reversed to keep outward-facing triangles counter-clockwise.
bool mirrorsHandedness(const Frame& f);

/// The mesh file of structures[index], checked to lie inside the atlas folder (canonical
/// paths, so symlinks cannot lead out) and to be a regular file. Nothing is opened.
/// Throws AtlasError naming the manifest and "structures[<index>].mesh".
std::filesystem::path resolveMeshPath(const Atlas& atlas, std::size_t index);

} // namespace sura
