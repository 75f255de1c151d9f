// Signed distances sampled on a regular grid, and the constructive operations between them
// that keep structures apart (a deeper layer is cut by the one above it, with a gap).
#pragma once

#include "model/sdf.h"

#include <glm/vec3.hpp>

#include <vector>

namespace sura::model {

/// The one lattice every field of a model is sampled on (spacing h, node (0,0,0) at origin),
/// so that fields of different structures line up voxel for voxel.
struct Lattice {
  Vec origin{0.0};
  double h = 1.0;
  Vec point(const glm::ivec3& i) const { return origin + Vec(i) * h; }
};

/// A signed distance sampled on a box of lattice nodes [lo, lo + dims). Outside its box a
/// field reads as `outside` (a positive distance that no cut or blend mistakes for inside).
class Field {
public:
  Field(const Lattice& lattice, const Aabb& box, double margin);
  const Lattice& lattice() const { return lattice_; }
  const glm::ivec3& lo() const { return lo_; }
  const glm::ivec3& dims() const { return dims_; }
  float at(const glm::ivec3& i) const;
  float& ref(const glm::ivec3& local) { return values_[index(local)]; }
  const std::vector<float>& values() const { return values_; }
  float outside() const { return outside_; }

  /// Samples `f` at every node (in parallel; every node is independent so the result does
  /// not depend on the thread count).
  void sample(const Sdf& f);
  /// This = this minus (other grown by gap): keeps a thin gap where they would touch.
  void cutBy(const Field& other, double gap);
  /// This = this intersected with (other grown by grow): keeps this within other.
  void keepInside(const Field& other, double shrink);
  /// This = smooth union of this and (other grown by grow).
  void blendWith(const Field& other, double grow, double k);

private:
  std::size_t index(const glm::ivec3& local) const {
    return static_cast<std::size_t>(local.x) +
           static_cast<std::size_t>(dims_.x) *
               (static_cast<std::size_t>(local.y) +
                static_cast<std::size_t>(dims_.y) * static_cast<std::size_t>(local.z));
  }
  template <class Op> void overlap(const Field& other, Op op);

  Lattice lattice_;
  glm::ivec3 lo_, dims_;
  float outside_;
  std::vector<float> values_;
};

} // namespace sura::model
