#include "bundled_atlas.h"

#include <stdexcept>

namespace sura::test {

const LoadedAtlas& bundledAtlas() {
  static const LoadedAtlas atlas = loadAtlas(bundledAtlasDir());
  return atlas;
}

const Clinical& bundledClinical() {
  static const Clinical clinical = resolveClinical(bundledAtlas().atlas, bundledAtlas().meshes);
  return clinical;
}

const ResolvedTriggerPoint& bundledTriggerPoint(const std::string& id) {
  if (const ResolvedTriggerPoint* point = bundledClinical().find(id)) {
    return *point;
  }
  throw std::out_of_range("the bundled atlas has no trigger point '" + id + "'");
}

const Picker& bundledPicker() {
  static const Picker picker(bundledAtlas().atlas, bundledAtlas().meshes);
  return picker;
}

double zAt(double t) {
  const Landmarks& l = bundledAtlas().atlas.landmarks;
  return l.kneeJointLineZ - t * l.legLength;
}

} // namespace sura::test
