// The bones of the bundled leg: distal femur, patella, tibia, fibula and every bone of the
// foot, each its own structure so that a click names it.
//
// Coordinates as in leg_model.h (mm, RAS, right leg, origin at the centre of the knee joint
// line, the ground under the sole at z = -466). The shapes and where their figures come from
// are in docs/anatomy.md ("Bones").
#pragma once

#include "model/sdf.h"

#include <string>
#include <utility>
#include <vector>

namespace sura::model {

/// The joint space (mm) left between bones that meet.
inline constexpr double kJointGap = 1.2;

/// Structures that push one away, with the gap (mm) left between them.
using Cuts = std::vector<std::pair<std::string, double>>;

struct Bone {
  std::string id;
  Shape (*make)();
  Cuts cutBy;         ///< bones built before this one that it meets at a joint
  int triangleBudget; ///< for the mesher
  bool severalPieces; ///< the phalanges of a toe: separate closed pieces
};

/// Every bone, in construction order (a bone is cut only by bones before it).
const std::vector<Bone>& legBones();

} // namespace sura::model
