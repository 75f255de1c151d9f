#include "model/field.h"

#include <glm/common.hpp>

#include <algorithm>
#include <cmath>
#include <thread>

namespace sura::model {

Field::Field(const Lattice& lattice, const Aabb& box, double margin)
    : lattice_(lattice), outside_(static_cast<float>(margin)) {
  const Vec lo = glm::floor((box.lo - Vec(margin) - lattice.origin) / lattice.h);
  const Vec hi = glm::ceil((box.hi + Vec(margin) - lattice.origin) / lattice.h);
  lo_ = glm::ivec3(lo);
  dims_ = glm::ivec3(hi - lo) + 1;
  values_.assign(static_cast<std::size_t>(dims_.x) * dims_.y * dims_.z, outside_);
}

float Field::at(const glm::ivec3& i) const {
  const glm::ivec3 l = i - lo_;
  if (l.x < 0 || l.y < 0 || l.z < 0 || l.x >= dims_.x || l.y >= dims_.y || l.z >= dims_.z) {
    return outside_;
  }
  return values_[index(l)];
}

void Field::sample(const Sdf& f) {
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int z = static_cast<int>(t); z < dims_.z; z += static_cast<int>(threads)) {
        for (int y = 0; y < dims_.y; ++y) {
          for (int x = 0; x < dims_.x; ++x) {
            const glm::ivec3 local(x, y, z);
            values_[index(local)] = static_cast<float>(f(lattice_.point(lo_ + local)));
          }
        }
      }
    });
  }
  for (auto& th : pool) {
    th.join();
  }
}

template <class Op> void Field::overlap(const Field& other, Op op) {
  const glm::ivec3 lo = glm::max(lo_, other.lo_);
  const glm::ivec3 hi = glm::min(lo_ + dims_, other.lo_ + other.dims_);
  for (int z = lo.z; z < hi.z; ++z) {
    for (int y = lo.y; y < hi.y; ++y) {
      for (int x = lo.x; x < hi.x; ++x) {
        const glm::ivec3 i(x, y, z);
        float& mine = values_[index(i - lo_)];
        mine = op(mine, other.values_[other.index(i - other.lo_)]);
      }
    }
  }
}

void Field::cutBy(const Field& other, double gap) {
  const float g = static_cast<float>(gap);
  overlap(other, [g](float mine, float theirs) { return std::max(mine, g - theirs); });
}

void Field::keepInside(const Field& other, double shrink) {
  // Nodes outside other's box are outside other: nothing of this may remain there.
  const float s = static_cast<float>(shrink);
  for (int z = 0; z < dims_.z; ++z) {
    for (int y = 0; y < dims_.y; ++y) {
      for (int x = 0; x < dims_.x; ++x) {
        const glm::ivec3 local(x, y, z);
        float& mine = values_[index(local)];
        mine = std::max(mine, other.at(lo_ + local) + s);
      }
    }
  }
}

void Field::blendWith(const Field& other, double grow, double k) {
  const float g = static_cast<float>(grow);
  overlap(other, [g, k](float mine, float theirs) {
    return static_cast<float>(smoothMin(mine, theirs - g, k));
  });
}

} // namespace sura::model
