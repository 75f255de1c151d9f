// Saved scenes: what a class was looking at, in a JSON file a teacher can keep, send and open
// again (docs/scene-format.md). A scene holds the view (preset, and the camera when the viewer
// had moved it), the leg, the layers (hidden, peeled, opacities), the selection and the
// clicked point, the trigger points shown and in focus, the needle and the section when there
// are any, and the teacher's labels, pins and notes.
//
// Pure data and files: no VTK, no GL, no ImGui. Loading checks the file alone (a damaged file,
// a newer format, a wrong type, each one line naming the file and the field); checkScene then
// checks the ids against an atlas. Saving is atomic (writeFileAtomically) and never replaces
// a file it could not read back: a damaged scene or one from a newer Sura is left as it is.
#pragma once

#include "atlas/atlas.h"
#include "state/app_state.h"

#include <glm/vec3.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace sura {

/// "format" of every scene file.
inline constexpr const char* kSceneFormat = "sura-scene";
/// The scene format this Sura writes and the newest it reads. 2 added `labels_shown` and
/// `label_language` (a version 1 file's labels are shown, in English, when it lists any) and
/// each pin's `location` in landmark terms.
inline constexpr int kSceneVersion = 2;
/// Larger files are refused before they are read (a scene is a few kB).
inline constexpr std::uintmax_t kMaxSceneBytes = 4u * 1024u * 1024u;

/// Where the camera stood, as drawn for the scene's leg (mm, the Sura frame, Z up).
struct SceneCamera {
  glm::dvec3 position{0.0};
  glm::dvec3 focalPoint{0.0};
  glm::dvec3 viewUp{0.0, 0.0, 1.0};
};

/// The virtual needle, in the atlas frame (so that it stays on its spot when the leg changes).
struct SceneNeedle {
  glm::dvec3 entry{0.0};     ///< on the skin, mm
  glm::dvec3 direction{0.0}; ///< unit, into the leg
  double lengthMm = 0;
  double gaugeMm = 0;
  double insertedMm = 0;    ///< the tip is entry + direction * insertedMm
  std::string triggerPoint; ///< the point it is aimed at; empty when none
};

/// A section of the leg: the horizontal plane at height zMm (atlas frame, mm; 0 the knee
/// joint line, as `sura section --z`).
struct SceneSection {
  double zMm = 0;
};

/// A structure's name shown beside it; `text` replaces the name when not empty.
using SceneLabel = StructureLabel;

/// A pin stuck in the model with a note: a point of the atlas frame on `structure`, and the
/// same spot in landmark terms (AppState's Pin::location; empty in files of format 1) that
/// puts it back on a mirrored or rebuilt model.
struct ScenePin {
  glm::dvec3 point{0.0};
  glm::dvec3 normal{0.0, 0.0, 1.0};
  std::string structure;
  std::string text;
  std::optional<PinLocation> location;
};

/// Everything a scene file holds. The fields copied from AppState are named as there.
struct SavedScene {
  /// The atlas the scene was made on (its name): said when the ids do not match another.
  std::string atlas;
  std::string notes;

  ViewPreset view = ViewPreset::Posterior;
  bool atView = true;
  std::optional<SceneCamera> camera; ///< empty: the preset's own camera
  Side side = Side::Right;

  std::set<std::string> hidden;
  std::vector<std::vector<std::string>> peeled;
  std::map<std::string, float> opacity;

  std::string selected;
  std::optional<PickedPoint> pick;

  std::set<std::string> triggerPointsShown;
  std::string selectedTriggerPoint;
  std::string referredShown;

  std::optional<SceneNeedle> needle;
  std::optional<SceneSection> section;
  /// The labels drawn over the view (AppState::labels): on or off, their language, and the
  /// teacher's own list (empty: every structure seen is labelled).
  bool labelsShown = false;
  LabelLanguage labelLanguage = LabelLanguage::English;
  std::vector<SceneLabel> labels;
  std::vector<ScenePin> pins;
};

/// Field by field; NaNs (a depth with no skin) are equal to each other.
bool operator==(const SavedScene& a, const SavedScene& b);
inline bool operator!=(const SavedScene& a, const SavedScene& b) {
  return !(a == b);
}

/// A scene file that cannot be used, or a save that was refused. what() is one line:
/// "FILE: FIELD: problem" (FIELD is a JSON path such as "layers.opacity.soleus"; it is left
/// out when the problem is the whole file).
struct SceneError : std::runtime_error {
  SceneError(std::filesystem::path file, std::string field, const std::string& message);
  std::filesystem::path file;
  std::string field;
  std::string message; ///< the problem alone
};

/// The scene a state shows (the room's settings, such as the UI scale, and what the mouse is
/// doing are not part of it). `atlas` names the atlas in the file.
SavedScene sceneOf(const AppState& state, const Atlas& atlas);

/// `current` showing `scene`: every saved field replaced, the UI scale kept, the camera asked
/// to go to the scene's view (the caller puts a saved camera in place after that).
AppState stateOf(const SavedScene& scene, const AppState& current);

/// The scene as the JSON text of a file (2-space indent, keys in a fixed order).
std::string sceneJson(const SavedScene& scene);

/// Parses the text of a scene file. `file` only names the source in messages. Throws
/// SceneError for text that is not JSON, not a scene, a newer version, or a field of the wrong
/// type or range.
SavedScene parseScene(const std::string& text, const std::filesystem::path& file);

/// Reads and parses a scene file. Throws SceneError (also for a missing or unreadable file).
SavedScene loadScene(const std::filesystem::path& file);

/// "line L, column C" of a byte of a text: where a scene or lesson file is not valid JSON.
std::string lineAndColumn(const std::string& text, std::size_t byte);

/// The text of a scene or lesson file (`kind` names it in messages), refused in one line when
/// it is missing, a folder, larger than kMaxSceneBytes or unreadable.
std::string readSceneText(const std::filesystem::path& file, const std::string& kind);

/// Writes `text` to `file` atomically, unless the file exists and `read` refuses it (a damaged
/// file, or one from a newer Sura): then the refusal, with "not overwritten", and the file is
/// left as it is. `kind` ("scene", "lesson") names it in the message.
void writeOverReadable(const std::filesystem::path& file, const std::string& kind,
                       const std::string& text,
                       const std::function<void(const std::filesystem::path&)>& read);

/// Checks every id and value of the scene against an atlas: structures, trigger points,
/// opacities, peels. Throws SceneError naming the field ("layers.hidden[2]: unknown structure
/// id 'x'").
void checkScene(const SavedScene& scene, const Atlas& atlas, const std::filesystem::path& file);

/// Saves atomically. An existing file is replaced only when it is a scene this Sura reads:
/// a damaged file, one of a newer version, or anything else is left untouched and a
/// SceneError says why. Write failures (full disk, no permission) throw FileWriteError, the
/// previous file intact.
void saveScene(const SavedScene& scene, const std::filesystem::path& file);

} // namespace sura
