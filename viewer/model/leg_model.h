// The parametric description of the bundled right lower leg, and its construction.
//
// Coordinates: millimetres, RAS (+x lateral for this right leg, +y anterior, +z up), origin
// at the centre of the knee joint line; the leg length L (knee joint line to the tip of the
// medial malleolus) is 390 mm. Every number below is a shape parameter of the model; the
// anatomical facts it has to respect (and the tests that check them) are in docs/anatomy.md.
#pragma once

#include "model/field.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sura::model {

/// How one structure is meshed.
struct StructureSpec {
  std::string id;
  int triangleBudget;
  bool severalPieces = false; ///< foot bones: many closed pieces
};

/// The structures of the bundled atlas, in construction order.
const std::vector<StructureSpec>& legStructures();

/// Builds the signed-distance field of every structure on a lattice of spacing `h` mm,
/// applying the layering rules (which structure is cut by which, with what gap).
/// `progress` is told the id of each structure as it is built.
std::map<std::string, Field>
buildLegFields(double h, const std::function<void(const std::string&)>& progress);

} // namespace sura::model
