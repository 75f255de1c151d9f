// The bundled atlas, loaded once for all picking tests, with its picker.
#pragma once

#include "meshio/load_atlas.h"
#include "picking/picker.h"

namespace sura::test {

const LoadedAtlas& bundledAtlas();

/// A Picker over the bundled atlas, built once.
const Picker& bundledPicker();

} // namespace sura::test
