// The shipped meshes, loaded once for all invariant tests, with a BVH per structure.
#pragma once

#include "geometry/bvh.h"
#include "geometry/mesh.h"

#include <map>
#include <memory>
#include <string>

namespace sura::test {

struct ShippedStructure {
  TriangleMesh mesh;
  std::unique_ptr<MeshBvh> bvh;
};

/// Every structure the generator writes whose file meshes/<id>.vtp exists. A missing file is
/// left out rather than thrown about, so that while the model is being rebuilt the tests can
/// fail one by one, naming what is missing, instead of all aborting at load time.
const std::map<std::string, ShippedStructure>& shippedModel();

/// The structure's mesh, or nullptr when it is not shipped.
const ShippedStructure* findShipped(const std::string& id);

} // namespace sura::test
