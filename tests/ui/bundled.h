// The bundled atlas and its trigger points as placed on its meshes, loaded once for all tests.
#pragma once

#include "clinical/clinical.h"
#include "meshio/load_atlas.h"

namespace sura::test {

const LoadedAtlas& bundledAtlas();
const Clinical& bundledClinical();

} // namespace sura::test
