#include "shipped_model.h"

#include "meshio/load_atlas.h"
#include "model/leg_model.h"

namespace sura::test {

const std::map<std::string, ShippedStructure>& shippedModel() {
  static const std::map<std::string, ShippedStructure> model = [] {
    std::map<std::string, ShippedStructure> m;
    for (const auto& spec : model::legStructures()) {
      ShippedStructure s;
      s.mesh = readMesh(std::string(SURA_SOURCE_DIR) + "/meshes/" + spec.id + ".vtp");
      s.bvh = std::make_unique<MeshBvh>(s.mesh);
      m.emplace(spec.id, std::move(s));
    }
    return m;
  }();
  return model;
}

const ShippedStructure& shipped(const std::string& id) {
  return shippedModel().at(id);
}

} // namespace sura::test
