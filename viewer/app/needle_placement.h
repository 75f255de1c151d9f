// The needle a state asks for, placed and read out: the one rule the viewer (the panel's
// needle, the needle tool), `sura needle` and `sura render --needle` follow.
#pragma once

#include "clinical/clinical.h"
#include "geometry/bvh.h"
#include "picking/picker.h"
#include "state/app_state.h"

#include <optional>

namespace sura {

/// The request for a needle along a ray of the view (world frame, as the leg is shown): it
/// goes in where the ray enters the skin. Kept in the atlas frame.
NeedleRequest needleRequestAlong(const Ray& worldRay, bool mirrored);

/// Places the needle of state.needle's request with state.needleSettings on the leg shown:
/// at a trigger point as placeNeedleAtPoint does (by angles: in at the same skin point, tilted
/// as the settings say); along a ray as a click's card does (placeNeedleAlongRay: the tip
/// stops at the request's target, else at the first pickable point under the skin, else the
/// needle goes in its full length). Empty without a needle, for an unknown trigger point, or
/// when the ray meets no skin.
std::optional<NeedlePlacement> placeRequestedNeedle(const Picker& picker, const Clinical& clinical,
                                                    const Atlas& atlas, const AppState& state);

/// placeRequestedNeedle, read out (readNeedle) at the settings' margin.
std::optional<NeedleReadout> readRequestedNeedle(const Picker& picker, const Clinical& clinical,
                                                 const Atlas& atlas, const AppState& state);

} // namespace sura
