#include "shipped_model.h"

#include "meshio/load_atlas.h"
#include "model/leg_model.h"

#include <filesystem>

namespace sura::test {

const std::map<std::string, ShippedStructure>& shippedModel() {
  static const std::map<std::string, ShippedStructure> model = [] {
    std::map<std::string, ShippedStructure> m;
    for (const auto& spec : model::legStructures()) {
      const std::filesystem::path file =
          std::filesystem::path(SURA_SOURCE_DIR) / "meshes" / (spec.id + ".vtp");
      if (!std::filesystem::exists(file)) {
        continue;
      }
      ShippedStructure s;
      s.mesh = readMesh(file);
      s.bvh = std::make_unique<MeshBvh>(s.mesh);
      m.emplace(spec.id, std::move(s));
    }
    return m;
  }();
  return model;
}

const ShippedStructure* findShipped(const std::string& id) {
  const auto& model = shippedModel();
  const auto it = model.find(id);
  return it == model.end() ? nullptr : &it->second;
}

} // namespace sura::test
