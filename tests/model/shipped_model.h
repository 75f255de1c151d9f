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

/// Every structure the generator writes, read from meshes/<id>.vtp.
const std::map<std::string, ShippedStructure>& shippedModel();

const ShippedStructure& shipped(const std::string& id);

} // namespace sura::test
