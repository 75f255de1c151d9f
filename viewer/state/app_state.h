// What the viewer shows, as plain data, and the commands that change it. The GUI and the
// command line issue the same commands, so `sura render` draws exactly what a person sees.
// No VTK, no GL, no ImGui: the ui module reads this state and the scene module draws it.
#pragma once

#include "atlas/atlas.h"
#include "picking/needle.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <array>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sura {

/// Named camera positions. Medial and lateral follow the leg shown: medial of a left leg is +X.
/// Inferior looks up at the sole, the toes at the top of the picture.
enum class ViewPreset { Posterior, Anterior, Medial, Lateral, Oblique, Inferior };

/// Every preset, in the order menus and help texts list them.
inline constexpr std::array<ViewPreset, 6> kViewPresets{
    ViewPreset::Posterior, ViewPreset::Anterior, ViewPreset::Medial,
    ViewPreset::Lateral,   ViewPreset::Oblique,  ViewPreset::Inferior};

/// Lower-case name used on the command line ("posterior", ...).
std::string_view viewPresetName(ViewPreset view);
/// Inverse of viewPresetName; nullopt for an unknown name.
std::optional<ViewPreset> parseViewPreset(std::string_view name);

/// A leg. An atlas holds one (its frame.side); the other leg is drawn as its mirror in X.
enum class Side { Right, Left };

/// "right" or "left", as the command line, the atlas frame and `sura pick` write it.
std::string_view sideName(Side side);

/// The leg the atlas's meshes show (frame.side).
Side atlasSide(const Atlas& atlas);

/// Whether showing the leg `shown` means drawing the atlas mirrored in X: the one rule every
/// drawing, pick, marker and framing follows (shown is not the atlas's own leg).
bool mirrorsAtlas(Side shown, const Atlas& atlas);

/// Where a point of the atlas frame is drawn (mirrored in X when `mirrored`), and, the mirror
/// being its own inverse, where a drawn point lies in the atlas frame.
inline glm::dvec3 asDrawn(const glm::dvec3& point, bool mirrored) {
  return mirrored ? glm::dvec3{-point.x, point.y, point.z} : point;
}

/// One structure a clicked ray crosses, with depths below the skin in mm.
struct PickedLayer {
  std::string structure;
  double entryMm = 0;
  double exitMm = 0; ///< NaN when the ray never leaves it
};

/// The last click on the model, as the picking module told it. Points are in the atlas (Sura)
/// frame, so that the marker stays on its spot when the side changes; the words hold for
/// either leg (medial stays medial).
struct PickedPoint {
  std::string structure; ///< the structure hit; never empty
  glm::dvec3 point{0.0}; ///< atlas frame, mm
  glm::dvec3 normal{0.0, 0.0, 1.0};
  /// In landmark terms: "Soleus, 182 mm below the knee joint line, 14 mm medial of the
  /// midline, posterior surface, 24 mm below the skin".
  std::string description;
  double depthMm = std::numeric_limits<double>::quiet_NaN(); ///< below the skin; NaN: no skin
  std::vector<PickedLayer> layers; ///< pickable structures along the ray, outside in
  std::string nearestTriggerPoint; ///< id, empty when none
  double triggerPointDistanceMm = 0;
  /// The needle from where the click's ray enters the skin (picking's PickResult::needle):
  /// what the card says of nerves, vessels, bone and the layers a needle crosses. Its points
  /// are in the world frame of the click (`needle->mirrored`).
  std::optional<NeedleReadout> needle;
  /// The shown trigger point whose mark (its patch, or the target over it) the click landed
  /// on; empty when none. A person clicking a target means the point, not the skin.
  std::string triggerPointMark;
};

/// Which needle, how it is aimed, and the one caution distance: the panel's needle controls,
/// the same for every needle put in (`sura needle` and `render --needle` take them as flags).
struct NeedleSettings {
  /// One of kNeedleLengthsMm; 0: chosen: aimed at a point, the shortest standard needle that
  /// leaves kNeedleOutsideMm outside, else kDefaultNeedleLengthMm.
  double lengthMm = 0;
  double gaugeMm = kDefaultNeedleGaugeMm; ///< one of kNeedleGaugesMm
  /// Aimed by two angles against the skin's perpendicular at the entry (tilt from it, toward a
  /// side), else along the view it was put in from, or at its trigger point.
  bool byAngles = false;
  double tiltDeg = 0;   ///< 0 to kMaxNeedleTiltDeg
  double towardDeg = 0; ///< 0 to 360: 0 toward the knee, 90 lateral, 180 the foot, 270 medial
  /// A nerve or vessel nearer than this is warned of: the one margin of the needle readout and
  /// of the card of a clicked point.
  double marginMm = kDefaultNeedleMarginMm;
};

/// Where the person asked for a needle: at a trigger point ("Needle this point"), or where a
/// ray (the camera's through a clicked pixel) enters the skin. Atlas frame, so that the needle
/// stays on its spot when the leg changes.
struct NeedleRequest {
  /// Non-empty: aimed at this trigger point, in from the side it is examined from, the tip at
  /// its centre (or, by angles, in where that needle would go in).
  std::string triggerPoint;
  glm::dvec3 origin{0.0};    ///< of the ray, atlas frame (outside the skin)
  glm::dvec3 direction{0.0}; ///< of the ray, atlas frame, unit
  /// A point the tip stops at (a saved needle that was not in to its hub); else, as the card of
  /// a click does, the tip stops at the first pickable point under the skin along the ray, when
  /// there is one, or the needle goes in its full length.
  std::optional<glm::dvec3> target;
  std::string targetStructure;
};

/// The needle shown in the 3D view and read out in the panel.
struct ShownNeedle {
  NeedleRequest request;
  /// Placed and read by the app (picking) from the request, the settings and the leg shown, at
  /// the settings' margin; empty until then, and after every change that moves the needle
  /// (the scene draws no needle meanwhile).
  std::optional<NeedleReadout> readout;
};

/// The language of the labels drawn beside the structures: the atlas's English name, its
/// Latin (Terminologia Anatomica) name, or both, English above Latin.
enum class LabelLanguage { English, Latin, Both };

/// "en", "la" or "both", as `render --labels` and scene files write it.
std::string_view labelLanguageName(LabelLanguage language);
/// Inverse of labelLanguageName; nullopt for anything else.
std::optional<LabelLanguage> parseLabelLanguage(std::string_view name);

/// A label a teacher chose for one structure (a saved scene's `labels`): `text` replaces the
/// atlas's name when not empty.
struct StructureLabel {
  std::string structure;
  std::string text;
};

/// A label's own words are a name, not a note.
inline constexpr std::size_t kMaxLabelTextBytes = 80;

/// What is wrong with a teacher's list of labels: a structure listed twice, or words longer
/// than kMaxLabelTextBytes (ids are checked against an atlas elsewhere). The SetLabelList
/// command and the scene reader share it.
struct LabelListProblem {
  std::size_t index = 0; ///< of the label at fault
  std::string field;     ///< "structure" or "text"
  std::string message;
};
std::optional<LabelListProblem> labelListProblem(const std::vector<StructureLabel>& labels);

/// The labels with leader lines drawn over the 3D view (labels/view_labels.h lays them out).
struct LabelSettings {
  bool shown = false;
  LabelLanguage language = LabelLanguage::English;
  /// Empty: every structure seen in the view (and every trigger point shown) is labelled.
  /// Else only these structures (a group: the parts of it seen), with their own text.
  std::vector<StructureLabel> only;
};

/// What a framing request points the camera at: the selected structure, the trigger point in
/// focus, everything shown (after Isolate), the needle (from the side, along its length), or
/// the pin in focus.
enum class FrameTarget { Selection, TriggerPoint, Shown, Needle, Pin };

/// A note pinned to a point of the model: a point for a lesson, a patient's tender spot.
struct Pin {
  std::string structure;            ///< the structure it is stuck in (with a mesh)
  glm::dvec3 point{0.0};            ///< on its surface, atlas frame, mm (the scene mirrors it)
  glm::dvec3 normal{0.0, 0.0, 1.0}; ///< outward, unit, atlas frame
  std::string text;                 ///< the note; may be empty
  /// The same spot in landmark terms (PinLocation, clinical/pin_place.h), so that it is put
  /// back on the same anatomical spot of a mirrored or rebuilt model; the app measures it
  /// when the pin is placed (empty: not measured, the point alone counts).
  std::optional<PinLocation> location;
};

/// A pin's note is a short note, not a page.
inline constexpr std::size_t kMaxPinTextBytes = 500;

/// Everything the user can change. Change it only through apply().
struct AppState {
  /// Ids the user has hidden. Hiding a grouping node hides its children without
  /// forgetting their own state, like a tree of check boxes.
  std::set<std::string> hidden;
  /// Opacities the user has set, overriding the atlas, by structure id.
  std::map<std::string, float> opacity;
  /// Selected structure id; empty when nothing is selected.
  std::string selected;
  /// The last camera preset asked for.
  ViewPreset view = ViewPreset::Posterior;
  /// Bumped by every SetView, so that asking again for the current preset still
  /// resets a camera the user has since moved.
  unsigned viewRequest = 0;
  /// True while the camera still looks from `view`'s side; a turn of the camera away from it
  /// (CameraTurned) clears it, so that no view button claims a view that is no longer shown.
  bool atView = true;
  /// The leg shown: what the panel says and every report names. The atlas is drawn mirrored
  /// when this is not its own leg (mirrorsAtlas). Entry points start at the atlas's own leg
  /// (startSide).
  Side side = Side::Right;
  /// What each Peel hid, oldest first, so that Restore brings back exactly the last layer.
  std::vector<std::vector<std::string>> peeled;
  /// Size of the user interface relative to its default (1 = 19 px text), on top of the
  /// screen's own content scale.
  float uiScale = 1.0f;

  /// The last click on the model; empty when the selection came from the panel or was
  /// cleared. Its structure is always `selected`.
  std::optional<PickedPoint> pick;
  /// The structure under the mouse (for the tooltip); empty when none.
  std::string hovered;
  /// Bumped by FrameSelection and SelectTriggerPoint: the scene frames `frameTarget` once.
  unsigned frameRequest = 0;
  FrameTarget frameTarget = FrameTarget::Selection;

  /// Trigger points drawn on their muscles, by id.
  std::set<std::string> triggerPointsShown;
  /// The trigger point in focus (highlighted, its card in the panel); empty when none.
  std::string selectedTriggerPoint;
  /// The trigger point whose referred-pain zones are painted on the skin; empty: none.
  std::string referredShown;

  /// The safety map painted on the skin (picking/safety_map.h): how deep a needle can go
  /// straight in before it comes within the margin of a nerve, vessel or bone.
  bool safetyMap = false;
  /// The leg cut across at this height (atlas frame, mm, 0 the knee joint line, as
  /// `sura section --z`): the part above it removed from the 3D view, the cut capped, the
  /// section drawn in an inset. Empty: no section.
  std::optional<double> sectionZ;
  /// A line drawn across the section's inset to read the thicknesses along, atlas frame x, y
  /// (mm); empty: none.
  std::optional<std::array<glm::dvec2, 2>> sectionLine;
  /// The virtual needle; empty when none is shown.
  std::optional<ShownNeedle> needle;
  NeedleSettings needleSettings;
  /// The needle tool: a click on the leg puts the needle in there (along the view) instead of
  /// selecting what is there.
  bool needleTool = false;
  /// Bumped by each PlaceNeedle: the panel opens its needle tab for a new needle.
  unsigned needleRequest = 0;
  /// Names with leader lines beside the structures seen.
  LabelSettings labels;

  /// The teacher's pins, in the order they were placed (numbered from 1 in the view and list).
  std::vector<Pin> pins;
  /// The pin in focus (its note open in the panel, drawn lit, framed by FramePin); empty:
  /// none.
  std::optional<std::size_t> pinFocus;
  /// The pin tool: a click on the leg puts a new pin there instead of selecting what is there.
  bool pinTool = false;
  /// The next click on the leg moves this pin there (its note kept); empty: none.
  std::optional<std::size_t> pinToMove;
};

/// Levels a section may be cut at, in the landmark coordinate t (0 at the knee joint line, 1 a
/// leg length below it): from a little above the knee to below the sole.
inline constexpr double kMinSectionLevel = -0.5;
inline constexpr double kMaxSectionLevel = 1.3;

/// The leg to show first: the one asked for (`--left`, `--right`), else the atlas's own.
Side startSide(const Atlas& atlas, std::optional<Side> asked);

/// Range of AppState::uiScale (messages say 0.5 and 3).
inline constexpr float kMinUiScale = 0.5f;
inline constexpr float kMaxUiScale = 3.0f;

namespace command {
struct SetVisible {
  std::string id;
  bool visible = true;
};
/// Sets the opacity of a structure; on a grouping node, of the node and all its descendants.
struct SetOpacity {
  std::string id;
  float opacity = 1.0f;
};
/// Selects a structure; an empty id clears the selection.
struct Select {
  std::string id;
};
struct SetView {
  ViewPreset view = ViewPreset::Posterior;
};
/// The person turned the camera away from the preset's side (an orbit, a trigger point framed
/// from its own side): `view` is kept for C, but no longer claimed as what is shown.
struct CameraTurned {};
/// Shows that leg: the atlas's own as it is, the other as its mirror.
struct SetSide {
  Side side = Side::Right;
};
/// Hides every shown structure of the outermost layer still shown (lowest atlas `layer`
/// among the shown structures with a mesh). Does nothing when that layer is all that is
/// shown (see canPeel): a peel never leaves an empty scene.
struct Peel {};
/// Shows again what the last Peel hid. Does nothing when nothing was peeled.
struct Restore {};
/// Hides every structure with a mesh except `id`, its descendants and its ancestors, and
/// frames what is left from the current direction. An empty id isolates the selected
/// structure (a CommandError when nothing is selected).
struct Isolate {
  std::string id;
};
/// Shows every structure again (opacities are kept) and forgets the peels.
struct ShowAll {};
/// Back to the start: everything shown at atlas opacity, nothing selected, posterior view.
/// The side and the UI scale are settings of the room, not of the model, and stay.
struct Reset {};
struct SetUiScale {
  float scale = 1.0f;
};
/// A click on the model: selects the structure hit and keeps where and what it was. A click
/// on a shown trigger point's mark also puts that point in focus (its card, its referred
/// zones), without moving the camera: the person is looking at it already.
struct ShowPick {
  PickedPoint pick;
};
/// The structure under the mouse, or empty.
struct Hover {
  std::string id;
};
/// Frames the selected structure (or the picked point's structure) from the current
/// direction. Does nothing when nothing is selected.
struct FrameSelection {};
/// Frames the trigger point in focus from the side it is examined from, changing nothing
/// else (its referred zones stay as the user left them). Does nothing without a focus.
struct FrameTriggerPoint {};
/// Frames the needle from the side, its whole length and the layers about it in view (seen
/// end-on from the side it goes in, a needle is a dot). Does nothing without a needle; one
/// asked for in the same frame is framed once the app has placed it.
struct FrameNeedle {};
/// Shows or hides trigger points; an empty list means all of the atlas's points. Hiding the
/// selected point clears that selection and its referred zones.
struct ShowTriggerPoints {
  std::vector<std::string> ids;
  bool shown = true;
};
/// Puts a trigger point in focus: shows it, paints its referred zones, and frames it from
/// the side it is examined from. An empty id clears the focus (and the referred zones).
struct SelectTriggerPoint {
  std::string id;
};
/// Paints the referred-pain zones of one trigger point on the skin; empty id: none.
struct ShowReferred {
  std::string id;
};
/// Paints the safety map on the skin, or takes it off. A CommandError for an atlas without a
/// skin (a structure of the group "skin" with a mesh): there is nothing to paint it on.
struct ShowSafetyMap {
  bool shown = true;
};
/// Cuts the leg across at height z (atlas frame, mm; a CommandError outside levels
/// kMinSectionLevel to kMaxSectionLevel of the atlas); nullopt: no section.
struct SetSection {
  std::optional<double> z;
};
/// Puts (or, empty, clears) the line across the section that thicknesses are read along.
struct SetSectionLine {
  std::optional<std::array<glm::dvec2, 2>> line;
};
/// Puts the needle in as asked (replacing any): the app places it and reads it out (see
/// ShownNeedle). An unknown trigger point is a CommandError.
struct PlaceNeedle {
  NeedleRequest request;
};
/// Takes the needle out.
struct RemoveNeedle {};
/// Length, gauge, aim and margin of the needle. A new margin re-derives the warnings of the
/// needle and of the clicked point's card at once; any other change has the needle placed
/// again. Values out of their ranges are a CommandError.
struct SetNeedleSettings {
  NeedleSettings settings;
};
/// The needle tool on or off.
struct SetNeedleTool {
  bool on = false;
};
/// Labels on or off, in a language (kept while they are off); the teacher's list stays.
struct ShowLabels {
  bool shown = true;
  LabelLanguage language = LabelLanguage::English;
};
/// The teacher's list of labels (LabelSettings::only): these structures only, each with its
/// own words (empty: its name); an empty list labels every part seen again. Each structure
/// once; words at most kMaxLabelTextBytes.
struct SetLabelList {
  std::vector<StructureLabel> only;
};
/// The app's placement and readout of the needle shown (readNeedle), for the leg shown; the
/// warnings are made again at the settings' margin. Ignored when no needle is shown.
struct ShowNeedleReadout {
  NeedleReadout readout;
};
/// Adds a pin (a structure with a mesh, a finite point, a unit normal, a note of at most
/// kMaxPinTextBytes) and puts it in focus. The app measures its location first when it has
/// none (app/pin_placement.h).
struct AddPin {
  Pin pin;
};
/// Moves pin `index` to where `to` says (structure, point, normal, location); its note stays.
struct MovePin {
  std::size_t index = 0;
  Pin to;
};
/// Changes the note of pin `index`.
struct SetPinText {
  std::size_t index = 0;
  std::string text;
};
/// Takes pin `index` out; the pins after it move up one.
struct DeletePin {
  std::size_t index = 0;
};
/// Puts pin `index` in focus and frames it (the camera looks at it from the side it faces);
/// empty index: no pin in focus.
struct FocusPin {
  std::optional<std::size_t> index;
  bool frame = true;
};
/// The pin tool on or off (on turns the needle tool off, and the other way round).
struct SetPinTool {
  bool on = false;
};
/// The next click on the leg moves pin `index` there; empty: not any more.
struct MovePinOnClick {
  std::optional<std::size_t> index;
};
} // namespace command

using Command =
    std::variant<command::SetVisible, command::SetOpacity, command::Select, command::SetView,
                 command::CameraTurned, command::SetSide, command::Peel, command::Restore,
                 command::Isolate, command::ShowAll, command::Reset, command::SetUiScale,
                 command::ShowPick, command::Hover, command::FrameSelection,
                 command::FrameTriggerPoint, command::FrameNeedle, command::ShowTriggerPoints,
                 command::SelectTriggerPoint, command::ShowReferred, command::ShowSafetyMap,
                 command::SetSection, command::SetSectionLine, command::PlaceNeedle,
                 command::RemoveNeedle, command::SetNeedleSettings, command::SetNeedleTool,
                 command::ShowNeedleReadout, command::ShowLabels, command::SetLabelList,
                 command::AddPin, command::MovePin, command::SetPinText, command::DeletePin,
                 command::FocusPin, command::SetPinTool, command::MovePinOnClick>;

/// A command that names an unknown structure or an out-of-range value. The state is
/// left unchanged.
struct CommandError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// The only way to change an AppState. Throws CommandError on bad input.
void apply(AppState& state, const Atlas& atlas, const Command& command);

/// True when neither the structure nor any of its ancestors is hidden.
bool isShown(const AppState& state, const Atlas& atlas, const std::string& id);

/// The opacity the user set, or else the atlas opacity of the structure.
float opacityOf(const AppState& state, const Atlas& atlas, const std::string& id);

/// Structures more transparent than this are looked through, not picked: through a skin at
/// 30 %, a person sees and means the muscle. (The skin still measures depth.)
inline constexpr float kMinPickOpacity = 0.4f;

/// Whether a click can land on the structure: shown, and not (nearly) transparent.
bool isPickable(const AppState& state, const Atlas& atlas, const std::string& id);

/// The atlas `layer` that the next Peel would hide: the lowest among the shown structures
/// with a mesh; nullopt when none is shown.
std::optional<int> outermostShownLayer(const AppState& state, const Atlas& atlas);

/// Whether a Peel would hide something and still leave something shown.
bool canPeel(const AppState& state, const Atlas& atlas);

/// Whether the settings are in their ranges (standard length or 0, standard gauge, tilt,
/// toward, margin); the reason in words when not, else empty.
std::string needleSettingsProblem(const NeedleSettings& settings);

/// Whether any structure with a mesh is shown.
bool anythingShown(const AppState& state, const Atlas& atlas);

/// True when `id` is `ancestor` or lies below it in the structure tree.
bool isWithin(const Atlas& atlas, const std::string& id, const std::string& ancestor);

} // namespace sura
