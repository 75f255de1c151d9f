#include "model/bones.h"

#include <glm/geometric.hpp>

#include <algorithm>

namespace sura::model {

namespace {

// Blend radius (mm) where the parts of one bone merge (the joint space is kJointGap).
constexpr double kBoneBlend = 6.0;

using Corners = std::vector<glm::dvec2>;

// ---------------------------------------------------------------- knee

Shape femur() {
  // The shaft widens into the metaphysis; behind and below, two condyles (each a sagittal
  // profile swept across its width) separated by the intercondylar fossa; in front, the
  // patellar surface with its groove; the epicondyles on the sides. The gastrocnemius heads
  // arise from the back of the condyles and the popliteal surface above them.
  Shape shaft = zSweep({{165, 3, 2, 14, 14},
                        {110, 2, 1, 15, 15},
                        {80, 1, -1, 19, 16, 0, 2.3},
                        {60, 0, 0, 27, 20, 0, 2.6},
                        {45, 0, 0, 34, 24, 0, 2.8},
                        {32, 0, -2, 36, 25, 0, 2.8}});
  // Sagittal profiles (axis x; u = y, v = z): the medial condyle reaches a little lower.
  Shape medialCondyle = shape(SliceSweep(0, {{-40, -6, 22, 14, 10},
                                             {-37, -7, 21, 26, 18},
                                             {-29, -8, 20, 30, 20.5},
                                             {-16, -8, 20.5, 29, 20},
                                             {-9, -8, 22, 25, 17},
                                             {-7, -8, 24, 15, 10}}));
  Shape lateralCondyle = shape(SliceSweep(0, {{7, -6, 24, 15, 10},
                                              {9, -6, 22, 26, 17},
                                              {16, -6, 21, 29, 20},
                                              {28, -6, 21, 29, 20},
                                              {35, -6, 22, 25, 18},
                                              {38, -6, 23, 14, 11}}));
  // The front of the lower end, between and above the condyles, carries the patellar surface.
  Shape trochlea = ellipsoid({0, 8, 36}, {31, 18, 28});
  Shape epicondyles =
      blend({ellipsoid({-37, -4, 32}, {6, 13, 12}), ellipsoid({36, -4, 30}, {5, 11, 10}),
             ellipsoid({-35, -6, 50}, {4, 5, 6})}, // adductor tubercle
            4.0);
  Shape bone = blend({shaft, medialCondyle, lateralCondyle, trochlea, epicondyles}, kBoneBlend);
  // Intercondylar fossa, open behind and below; the groove of the patellar surface in front.
  bone = carve(bone, ellipsoid({0, -26, 8}, {9, 22, 20}), 3.0);
  return carve(bone, tube({{{1, 31, 60}, 7.0}, {{0, 30, 34}, 7.0}, {{0, 24, 12}, 6.0}}), 3.0);
}

Shape patella() {
  // A rounded triangle seen from in front, its apex down toward the tibial tuberosity (the
  // patellar ligament), thick and flat behind where it rides the patellar surface.
  return zSweep({{58, 0, 36, 6, 3},
                 {55, 0, 36, 17, 8},
                 {46, 0, 37, 22, 10.5},
                 {34, 0, 37, 21, 10.5},
                 {22, 0, 36, 14, 9},
                 {12, 0, 34, 6, 6},
                 {9, 0, 33, 2, 2}});
}

// ---------------------------------------------------------------- leg

Shape tibia() {
  // Plateau: the two condyles, a broad table overhanging the shaft, with the intercondylar
  // eminence between them and the posterior intercondylar notch behind.
  Shape plateau = zSweep({{0, -1, -3, 33, 20, 0, 2.6},
                          {-2, -1, -3, 37, 23, 0, 2.8},
                          {-7, -1, -3, 39, 25, 0, 2.9},
                          {-16, -1, -3, 38, 25, 0, 2.8},
                          {-27, -2, -1, 34, 23, 0, 2.5},
                          {-40, -3, 2, 28, 20, 0, 2.2},
                          {-55, -4, 6, 21, 17},
                          {-72, -5, 8, 16, 15}});
  plateau = carve(plateau, ellipsoid({0, -29, -6}, {8, 8, 12}), 3.0);
  Shape eminence = ellipsoid({0, -2, -1}, {5, 9, 4.5});
  // Tibial tuberosity, where the patellar ligament inserts.
  Shape tuberosity = ellipsoid({-1, 24, -45}, {9, 8, 15});
  // Shaft: a rounded triangle, its corners the anterior border (the crest of the shin), the
  // medial border and the interosseous border; the anteromedial surface between the first two
  // lies under the skin. Lower down it turns rounder and the crest fades.
  auto section = [](double z, Corners c, double r) { return PolygonKey{z, std::move(c), r}; };
  // (The medial and anterior corners lie on the plan's lines through those borders, which
  // bound the subcutaneous surface: no muscle reaches in front of them.)
  Shape shaft = polygonSweep({section(-45, {{-4, 20}, {-21, 2}, {9, 0}}, 5.0),
                              section(-90, {{-4, 23}, {-19, 7}, {5, 3}}, 4.0),
                              section(-150, {{-5, 23}, {-17, 9}, {2, 5}}, 3.5),
                              section(-220, {{-6, 23}, {-17, 9}, {2, 5}}, 3.5),
                              section(-290, {{-7, 20}, {-18, 8}, {2, 5}}, 4.5),
                              section(-335, {{-8, 18}, {-20, 6}, {4, 4}}, 7.0),
                              section(-355, {{-8, 14}, {-18, 5}, {2, 4}}, 5.0)});
  // Lower end: widens to the plafond over the talus, the fibular notch on its lateral side.
  Shape lowerEnd = zSweep({{-300, -7, 10, 11, 11},
                           {-330, -8, 9, 16, 15},
                           {-352, -8, 9, 20, 17},
                           {-366, -8, 8, 23, 19, 0, 2.4},
                           {-374, -8, 8, 23, 19, 0, 2.4},
                           {-377, -7, 8, 20, 16}});
  // Medial malleolus: a flat process down the medial side of the talus, tip at z = -390.
  Shape malleolus = zSweep({{-335, -20, 8, 4, 8},
                            {-355, -24, 8, 8, 13},
                            {-372, -25, 8, 7, 12},
                            {-384, -26, 8, 5.5, 9},
                            {-390, -26.5, 8, 2, 3}});
  // Soleal line: the oblique ridge on the posterior surface where soleus arises.
  Shape solealLine = tube({{{14, -7, -42}, 2.2}, {{0, -5, -70}, 2.2}, {{-14, -2, -104}, 2.0}});
  return blend({plateau, eminence, tuberosity, shaft, lowerEnd, malleolus, solealLine}, kBoneBlend);
}

Shape fibula() {
  // Head (with its apex) below the lateral tibial condyle, a narrow neck round which the
  // common fibular nerve winds, a thin shaft, and the lateral malleolus reaching lower and
  // further back than the medial one (tip at z = -405).
  Shape head =
      blend({ellipsoid({37, -14, -30}, {13, 12, 10}), ellipsoid({40, -17, -22}, {5, 5, 5})}, 4.0);
  Shape shaft = tube({{{37, -13, -40}, 6.5},
                      {{36, -11, -52}, 5.5},
                      {{35, -7, -120}, 6.5},
                      {{31, -3, -220}, 6.5},
                      {{30, -4, -320}, 6.5},
                      {{30, -5, -350}, 7.5}});
  Shape malleolus = zSweep({{-322, 30, -4, 4.5, 4.5},
                            {-345, 30, -4, 7, 8},
                            {-365, 30, -5, 9, 11},
                            {-385, 30, -7, 9, 12},
                            {-398, 29, -8, 7, 9},
                            {-405, 28.5, -8.5, 2, 3}});
  return blend({head, shaft, malleolus}, kBoneBlend);
}

// ---------------------------------------------------------------- ankle and hindfoot

Shape talus() {
  // Body: the trochlea, a pulley convex from front to back and slightly grooved from side to
  // side, held between the malleoli (each sagittal profile swept across its width); a lateral
  // process under the lateral malleolus and a posterior process behind. Neck and head run
  // forward and medially to the navicular.
  Shape trochlea = shape(SliceSweep(0, {{-17, 4, -392, 15, 10},
                                        {-15, 4, -392, 19, 13.5},
                                        {-8, 4, -392.5, 20, 14.5},
                                        {0, 4, -393.5, 20, 14.5},
                                        {8, 4, -392.5, 20, 14.5},
                                        {16, 3, -392, 19, 13.5},
                                        {19, 3, -392, 15, 10}}));
  Shape processes =
      blend({ellipsoid({17, 0, -402}, {6, 9, 6}), ellipsoid({3, -18, -399}, {7, 5, 5})}, 3.0);
  Shape neck = tube({{{-2, 16, -396}, 10.0}, {{-8, 28, -405}, 9.0}});
  Shape head = ellipsoid({-10, 33, -408}, {14, 9, 11.5});
  return blend({trochlea, processes, neck, head}, 5.0);
}

Shape calcaneus() {
  // The heel bone, swept from its posterior tuberosity (the calcaneal tendon inserts on the
  // middle of its posterior surface) forward to the facet for the cuboid (axis y; u = z,
  // v = x); its lower border rises forward. The sustentaculum tali, a shelf on the medial
  // side, carries the neck of the talus; the medial and lateral processes of the tuberosity
  // bear weight under the heel.
  Shape body = shape(SliceSweep(1, {{-62, -431, 6, 5, 5},
                                    {-60, -431, 6, 14, 12, 0, 2.2},
                                    {-55, -431, 6, 20, 16, 0, 2.4},
                                    {-46, -432, 6, 21.5, 17, 0, 2.4},
                                    {-34, -433, 7, 16, 15, 0, 2.4},
                                    {-20, -429, 9, 16, 16, 0, 2.4},
                                    {-10, -426, 11, 17, 16, 0, 2.4},
                                    {6, -429, 13, 12.5, 14, 0, 2.5},
                                    {22, -431, 17, 9, 12, 0, 2.6},
                                    {26, -431, 17, 5, 7}}));
  Shape sustentaculum = ellipsoid({-8, 10, -421}, {12, 14, 8});
  Shape processes =
      blend({ellipsoid({-5, -45, -449}, {9, 11, 6}), ellipsoid({14, -43, -450}, {6, 8, 5})}, 3.0);
  return blend({body, sustentaculum, processes}, kBoneBlend);
}

// ---------------------------------------------------------------- midfoot

// A tarsal bone swept along the foot (axis y; u = z, v = x) with rounded-box sections.
Shape tarsal(std::vector<SliceKey> keys) {
  return shape(SliceSweep(1, std::move(keys)));
}

Shape navicular() {
  // In front of the head of the talus (its back hollowed by it), with the tuberosity on the
  // medial side where tibialis posterior inserts.
  return blend({tarsal({{40, -412, -10, 9, 14},
                        {44, -413, -11, 13, 18, 0, 2.6},
                        {50, -414, -12, 13, 19, 0, 2.6},
                        {55, -415, -12, 11, 17, 0, 2.5},
                        {57, -415, -12, 6, 10}}),
                ellipsoid({-30, 48, -422}, {6, 7, 7})},
               4.0);
}

Shape cuboid() {
  // Lateral, between the calcaneus and the fourth and fifth metatarsals.
  return tarsal({{22, -433, 22, 7, 9},
                 {26, -432, 23, 12, 12, 0, 3},
                 {40, -434, 24, 12, 12, 0, 3},
                 {52, -437, 25, 10, 11, 0, 3},
                 {56, -437, 25, 5, 7}});
}

Shape cuneiformMedial() {
  // The largest, tall and broad below: the keystone side of the medial arch.
  return tarsal({{57, -420, -21, 8, 6},
                 {60, -419, -21, 15, 8, 0, 2.6},
                 {74, -422, -22, 16, 8, 0, 2.6},
                 {78, -423, -22, 13, 7, 0, 2.5},
                 {80, -423, -22, 7, 4}});
}

Shape cuneiformIntermediate() {
  // The smallest; its front is set back, so the second metatarsal's base locks in between.
  return tarsal({{57, -415, -7, 6, 4},
                 {59, -415, -7, 11, 6, 0, 2.6},
                 {70, -416, -7, 11, 6, 0, 2.6},
                 {72, -416, -7, 6, 3}});
}

Shape cuneiformLateral() {
  return tarsal({{57, -418, 5, 6, 4},
                 {59, -418, 5, 11, 6.5, 0, 2.6},
                 {74, -420, 5, 11, 6.5, 0, 2.6},
                 {76, -420, 5, 6, 3}});
}

// ---------------------------------------------------------------- forefoot

// A metatarsal: a broad base, a slender shaft falling forward to the ground, a round head.
Shape metatarsal(Vec base, double baseR, Vec head, double headR, double shaftR) {
  const Vec along = head - base;
  return tube({{base, baseR},
               {base + 0.15 * along, shaftR * 1.12},
               {base + 0.75 * along, shaftR},
               {head - Vec(0.0, headR * 0.6, 0.0), headR * 0.9},
               {head, headR}});
}

Shape metatarsal1() {
  return metatarsal({-21, 81, -424}, 10.0, {-24, 127, -447}, 9.0, 6.5);
}
Shape metatarsal2() {
  return metatarsal({-8, 74, -419}, 7.0, {-10, 136, -449}, 6.0, 4.5);
}
Shape metatarsal3() {
  return metatarsal({5, 77, -422}, 6.5, {3, 132, -451}, 6.0, 4.3);
}
Shape metatarsal4() {
  return metatarsal({17, 59, -432}, 6.5, {16, 122, -453}, 5.5, 4.2);
}
Shape metatarsal5() {
  // Its base flares laterally into the tuberosity, where fibularis brevis inserts.
  return blend({metatarsal({28, 59, -438}, 7.0, {30, 110, -454}, 5.5, 4.4),
                ellipsoid({35, 56, -442}, {7, 8, 6})},
               4.0);
}

// The phalanges of one toe, each its own rod, `lengths` mm long from end to end with a joint
// space between them: proximal, middle (none for the great toe) and distal, from `start` (just
// in front of the metatarsal's head) forward and a little down to the tip.
Shape toe(Vec start, const std::vector<double>& lengths, double r) {
  constexpr double jointSpace = 1.5;
  const Vec forward = glm::normalize(Vec(0.0, 1.0, -0.06));
  std::vector<Shape> phalanges;
  Vec at = start;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    const double ri = r * (1.0 - 0.12 * static_cast<double>(i));
    // Rounded ends: the base (radius 1.1 ri) and the head (0.9 ri) end at the rod's ends.
    const Vec base = at + forward * (1.1 * ri);
    const Vec head = at + forward * std::max(lengths[i] - 0.9 * ri, 1.1 * ri);
    phalanges.push_back(
        tube({{base, ri * 1.1}, {(base + head) * 0.5, ri * 0.8}, {head, ri * 0.9}}));
    at += forward * (lengths[i] + jointSpace);
  }
  Aabb box;
  for (const auto& p : phalanges) {
    box.add(p.box.lo), box.add(p.box.hi);
  }
  return Shape{[phalanges](const Vec& p) {
                 double d = 1e300;
                 for (const auto& ph : phalanges) {
                   d = std::min(d, ph.f(p));
                 }
                 return d;
               },
               box};
}

// Bone lengths after Gray's tables for an adult foot, scaled to this one (docs/anatomy.md).
Shape phalanges1() {
  return toe({-25, 137.5, -450}, {27, 20}, 7.5);
}
Shape phalanges2() {
  return toe({-11, 143.5, -451}, {22, 10, 8}, 4.2);
}
Shape phalanges3() {
  return toe({2, 139.5, -452}, {20, 9, 7.5}, 4.0);
}
Shape phalanges4() {
  return toe({15, 129, -453.5}, {18, 8, 7}, 3.8);
}
Shape phalanges5() {
  return toe({30, 117, -454.5}, {15, 7, 6.5}, 3.6);
}

Cuts after(const std::vector<Bone>& built) {
  Cuts c;
  for (const auto& b : built) {
    c.emplace_back(b.id, kJointGap);
  }
  return c;
}

} // namespace

const std::vector<Bone>& legBones() {
  static const std::vector<Bone> bones = [] {
    std::vector<Bone> b = {
        {"femur", femur, {}, 12000, false},
        {"patella", patella, {{"femur", 2.0}}, 2500, false},
        {"tibia", tibia, {{"femur", 2.0}}, 16000, false},
        {"fibula", fibula, {{"tibia", kJointGap}}, 8000, false},
        {"talus", talus, {{"tibia", kJointGap}, {"fibula", kJointGap}}, 5000, false},
        {"calcaneus", calcaneus, {{"talus", kJointGap}}, 7000, false},
    };
    // The bones of the foot in front of the talus and calcaneus, each cut by the ones before
    // it: the joint spaces come out of the order.
    const std::vector<std::pair<const char*, Shape (*)()>> foot = {
        {"navicular", navicular},
        {"cuboid", cuboid},
        {"cuneiform_medial", cuneiformMedial},
        {"cuneiform_intermediate", cuneiformIntermediate},
        {"cuneiform_lateral", cuneiformLateral},
        {"metatarsal_1", metatarsal1},
        {"metatarsal_2", metatarsal2},
        {"metatarsal_3", metatarsal3},
        {"metatarsal_4", metatarsal4},
        {"metatarsal_5", metatarsal5},
        {"phalanges_1", phalanges1},
        {"phalanges_2", phalanges2},
        {"phalanges_3", phalanges3},
        {"phalanges_4", phalanges4},
        {"phalanges_5", phalanges5},
    };
    for (const auto& [id, make] : foot) {
      const std::string name = id;
      const bool toe = name.rfind("phalanges", 0) == 0;
      const bool metatarsal = name.rfind("metatarsal", 0) == 0;
      b.push_back({name, make, after(b), toe ? 1600 : metatarsal ? 1800 : 1500, toe});
    }
    return b;
  }();
  return bones;
}

} // namespace sura::model
