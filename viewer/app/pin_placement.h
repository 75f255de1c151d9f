// Pins on this atlas's meshes: their landmark terms measured when they are placed, and a saved
// pin put back on the surfaces of the atlas shown (the same spot of a rebuilt or mirrored
// model). The measuring is clinical/pin_place.h's; this only finds the skin's sections and
// the structure's tree in the picker. No VTK, no GL.
#pragma once

#include "picking/picker.h"
#include "state/app_state.h"

#include <optional>

namespace sura {

/// The landmark terms of a pin on this atlas (its point, atlas frame); empty when the atlas
/// has no skin to measure them by, or the structure no mesh.
std::optional<PinLocation> locatePin(const Picker& picker, const Atlas& atlas, const Pin& pin);

/// Commands that carry a pin (AddPin, MovePin) get its landmark terms when they have none.
/// Every other command is left as it is.
Command withPinLocation(const Picker& picker, const Atlas& atlas, Command command);

/// A saved pin put on this atlas's surface of its structure. From its location when it has
/// one (placePin: the place it names on this mesh), unless the saved point is already within
/// kPinKeepMm of that place (the same model: the pin stays exactly as saved). Without a
/// location (a scene of format 1), the saved point is moved to the nearest point of the
/// surface, and its location measured. Pins whose structure has no mesh here are returned as
/// they are.
Pin placeSavedPin(const Picker& picker, const Atlas& atlas, Pin pin);

/// A saved point this near the place its location names is kept as it is, mm.
inline constexpr double kPinKeepMm = 1e-6;

} // namespace sura
