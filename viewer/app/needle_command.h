// `sura needle`: the virtual needle's readout as JSON, from a pixel of a view (as `sura pick`)
// or from a trigger point. Pure geometry: no display needed. The same inputs put a needle in
// the frame `sura render --needle` draws.
#pragma once

#include "app/render_frame.h"
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "picking/needle.h"
#include "picking/picker.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace sura {

/// The commands that put in the needle `inputs` ask for, on the view `options` and `state`
/// (the state `stateFor(options)` gives): its settings, then where it goes in. Throws
/// UsageError naming the input: a pixel outside the image or on the panel, an unknown trigger
/// point, --angles with a trigger point.
std::vector<Command> needleCommands(const LoadedAtlas& loaded, const Clinical& clinical,
                                    const AppState& state, const RenderOptions& options,
                                    const NeedleInputs& inputs);

/// The readout (toJson(NeedleReadout)) of the needle `options.needle` asks for, plus "leg",
/// and for a pixel "pixel" and "view". Throws UsageError as needleCommands does, and for a
/// pixel beside the leg; AtlasError for a trigger point with no skin over it.
nlohmann::json needleJson(const LoadedAtlas& loaded, const Clinical& clinical, const Picker& picker,
                          const RenderOptions& options);

} // namespace sura
