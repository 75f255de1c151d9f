#include "geometry/mesh.h"

#include <glm/common.hpp>

namespace sura {

void Aabb::add(const glm::dvec3& p) {
  lo = glm::min(lo, p);
  hi = glm::max(hi, p);
}

Aabb bounds(const TriangleMesh& mesh) {
  Aabb box;
  for (const auto& p : mesh.points) {
    box.add(p);
  }
  return box;
}

} // namespace sura
