// The bundled atlas, its clinical layer and a picker over it, loaded once per test program.
#pragma once

#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "picking/picker.h"

#include <string>

namespace sura::test {

const LoadedAtlas& bundledAtlas();
const Clinical& bundledClinical();
/// A bundled trigger point as placed; throws std::out_of_range for an unknown id.
const ResolvedTriggerPoint& bundledTriggerPoint(const std::string& id);
/// The height (z, mm) of the bundled leg at fraction t of its length below the knee joint line.
double zAt(double t);
/// A Picker over the bundled atlas: measures t, m and sectors the way a click would.
const Picker& bundledPicker();

} // namespace sura::test
