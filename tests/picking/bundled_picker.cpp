#include "bundled_picker.h"

namespace sura::test {

const LoadedAtlas& bundledAtlas() {
  static const LoadedAtlas atlas = loadAtlas(bundledAtlasDir());
  return atlas;
}

const Picker& bundledPicker() {
  static const Picker picker(bundledAtlas().atlas, bundledAtlas().meshes);
  return picker;
}

} // namespace sura::test
