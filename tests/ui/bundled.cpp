#include "bundled.h"

namespace sura::test {

const LoadedAtlas& bundledAtlas() {
  static const LoadedAtlas atlas = loadAtlas(bundledAtlasDir());
  return atlas;
}

const Clinical& bundledClinical() {
  static const Clinical clinical = resolveClinical(bundledAtlas().atlas, bundledAtlas().meshes);
  return clinical;
}

} // namespace sura::test
