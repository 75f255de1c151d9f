// What the viewer shows, as plain data, and the commands that change it. The GUI and the
// command line issue the same commands, so `sura render` draws exactly what a person sees.
// No VTK, no GL, no ImGui: the ui module reads this state and the scene module draws it.
#pragma once

#include "atlas/atlas.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sura {

/// Named camera positions. Medial and lateral follow the side: medial of a left leg is +X.
enum class ViewPreset { Posterior, Anterior, Medial, Lateral, Oblique };

/// Every preset, in the order menus and help texts list them.
inline constexpr std::array<ViewPreset, 5> kViewPresets{ViewPreset::Posterior, ViewPreset::Anterior,
                                                        ViewPreset::Medial, ViewPreset::Lateral,
                                                        ViewPreset::Oblique};

/// Lower-case name used on the command line ("posterior", ...).
std::string_view viewPresetName(ViewPreset view);
/// Inverse of viewPresetName; nullopt for an unknown name.
std::optional<ViewPreset> parseViewPreset(std::string_view name);

/// Which leg is shown. The atlas holds a right leg; the left one is its mirror in X.
enum class Side { Right, Left };

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
  Side side = Side::Right;
  /// What each Peel hid, oldest first, so that Restore brings back exactly the last layer.
  std::vector<std::vector<std::string>> peeled;
  /// Size of the user interface relative to its default (1 = 19 px text), on top of the
  /// screen's own content scale.
  float uiScale = 1.0f;
};

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
struct SetSide {
  Side side = Side::Right;
};
/// Hides every shown structure of the outermost layer still shown (lowest atlas `layer`
/// among the shown structures with a mesh). Does nothing when nothing is shown.
struct Peel {};
/// Shows again what the last Peel hid. Does nothing when nothing was peeled.
struct Restore {};
/// Hides every structure with a mesh except `id`, its descendants and its ancestors. An
/// empty id isolates the selected structure (a CommandError when nothing is selected).
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
} // namespace command

using Command =
    std::variant<command::SetVisible, command::SetOpacity, command::Select, command::SetView,
                 command::SetSide, command::Peel, command::Restore, command::Isolate,
                 command::ShowAll, command::Reset, command::SetUiScale>;

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

/// Structures more transparent than this are looked through, not picked.
inline constexpr float kMinPickOpacity = 0.05f;

/// Whether a click can land on the structure: shown, and not (nearly) transparent.
bool isPickable(const AppState& state, const Atlas& atlas, const std::string& id);

/// The atlas `layer` that the next Peel would hide: the lowest among the shown structures
/// with a mesh; nullopt when none is shown.
std::optional<int> outermostShownLayer(const AppState& state, const Atlas& atlas);

/// True when `id` is `ancestor` or lies below it in the structure tree.
bool isWithin(const Atlas& atlas, const std::string& id, const std::string& ancestor);

} // namespace sura
