// From what the picker found along a click's ray to what the app keeps of it.
#pragma once

#include "picking/picker.h"
#include "state/app_state.h"

#include <optional>

namespace sura {

/// The click's result as AppState keeps it, points mirrored back into the atlas frame when
/// the viewer shows the mirrored (left) leg; nullopt on a miss.
std::optional<PickedPoint> pickedPointFrom(const PickResult& result, bool mirrored);

} // namespace sura
