#include "bundled_atlas.h"

namespace sura::test {

const LoadedAtlas& bundledAtlas() {
  static const LoadedAtlas atlas = loadAtlas(bundledAtlasDir());
  return atlas;
}

const Clinical& bundledClinical() {
  static const Clinical clinical = resolveClinical(bundledAtlas().atlas, bundledAtlas().meshes);
  return clinical;
}

const Picker& bundledPicker() {
  static const Picker picker(bundledAtlas().atlas, bundledAtlas().meshes);
  return picker;
}

} // namespace sura::test
