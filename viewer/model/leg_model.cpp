#include "model/leg_model.h"

#include <algorithm>
#include <stdexcept>

namespace sura::model {

namespace {

// Blend radii (mm): how softly parts of one structure merge.
constexpr double kBoneBlend = 6.0;
// Gaps (mm) left where structures would touch: a fascial plane between muscles, a joint
// space between bones, a thin sheath round nerves and vessels.
constexpr double kFasciaGap = 1.0;
constexpr double kJointGap = 1.2;
constexpr double kSheathGap = 0.8;
constexpr double kInsertionGap = 0.4;
// Subcutaneous tissue kept between any structure and the skin surface.
constexpr double kSubcutis = 4.0;
constexpr double kNerveCover = 2.0;

// Along the leg (z up): ellipse (or superellipse) sections.
Shape zSweep(std::vector<SliceKey> keys) {
  return shape(SliceSweep(2, std::move(keys)));
}

Shape ellipsoid(Vec c, Vec r) {
  return shape(Ellipsoid(c, r));
}

Shape tube(std::vector<TubeKey> keys) {
  return shape(Tube(keys));
}

// ---------------------------------------------------------------- bones

Shape femur() {
  // Distal femur: shaft widening into the metaphysis, two condyles behind and below
  // (origins of the gastrocnemius heads), the patellar groove in front.
  return blend({zSweep({{150, 0, 4, 14, 14},
                        {100, 0, 3, 15, 15},
                        {70, 0, 2, 20, 17},
                        {50, 0, 0, 32, 22},
                        {34, 0, -2, 37, 25},
                        {24, 0, -2, 34, 22}}),
                ellipsoid({-22, -4, 22}, {15, 30, 20}), ellipsoid({22, -2, 22}, {15, 28, 20})},
               kBoneBlend);
}

Shape patella() {
  return ellipsoid({0, 40, 30}, {21, 9, 23});
}

Shape tibia() {
  return blend(
      {// Plateau: the two condyles of the tibia, just below the joint line.
       ellipsoid({0, -3, -16}, {40, 27, 14}),
       // Shaft, triangular-ish, anteromedial in the leg; the distal end widens to the plafond.
       zSweep({{-20, -2, 0, 36, 24},
               {-40, -4, 4, 28, 21},
               {-70, -5, 8, 20, 18},
               {-120, -6, 11, 15, 16},
               {-200, -7, 12, 13, 15},
               {-280, -8, 11, 14, 15},
               {-330, -8, 10, 17, 16},
               {-360, -8, 9, 22, 19},
               {-375, -8, 9, 23, 20}}),
       // Tibial tuberosity (patellar ligament) and the medial malleolus (tip at z = -390).
       ellipsoid({-2, 20, -50}, {10, 8, 14}), ellipsoid({-28, 8, -378}, {8, 11, 12}),
       // Soleal line: the oblique ridge on the posterior surface where soleus arises.
       tube({{{14, -10, -42}, 2.2}, {{0, -9, -70}, 2.2}, {{-16, -8, -104}, 2.0}})},
      kBoneBlend);
}

Shape fibula() {
  return blend({ellipsoid({38, -14, -32}, {10, 10, 11}), // head
                tube({{{38, -13, -42}, 7.0},
                      {{35, -7, -120}, 6.5},
                      {{31, -3, -220}, 6.5},
                      {{30, -4, -320}, 7.0},
                      {{29, -6, -370}, 8.0}}),
                ellipsoid({29, -7, -390}, {9, 12, 15})}, // lateral malleolus, tip z = -405
               kBoneBlend);
}

Shape talus() {
  return blend({ellipsoid({-2, 10, -390}, {15, 26, 13}), ellipsoid({-6, 40, -404}, {13, 12, 12})},
               kBoneBlend);
}

Shape calcaneus() {
  // Body, and the posterior tuberosity that receives the Achilles tendon.
  return blend({ellipsoid({4, -28, -430}, {20, 42, 22}), ellipsoid({4, -58, -432}, {18, 14, 20})},
               kBoneBlend);
}

Shape footBones() {
  // Simplified: navicular, cuboid, three cuneiforms, five metatarsals and five toes,
  // arranged in the medial longitudinal arch.
  std::vector<Shape> parts = {
      ellipsoid({-12, 58, -412}, {15, 8, 12}),                  // navicular
      ellipsoid({16, 45, -425}, {11, 15, 11}),                  // cuboid
      ellipsoid({-20, 74, -416}, {8, 9, 13}),                   // medial cuneiform
      ellipsoid({-6, 74, -420}, {6, 9, 10}),                    // intermediate cuneiform
      ellipsoid({6, 72, -424}, {6, 9, 10}),                     // lateral cuneiform
      tube({{{-20, 86, -420}, 8.0}, {{-24, 140, -440}, 7.0}}),  // metatarsal 1
      tube({{{-7, 86, -424}, 5.0}, {{-11, 145, -447}, 4.5}}),   // metatarsal 2
      tube({{{5, 84, -428}, 5.0}, {{2, 142, -450}, 4.5}}),      // metatarsal 3
      tube({{{15, 74, -432}, 5.0}, {{13, 136, -452}, 4.5}}),    // metatarsal 4
      tube({{{24, 66, -436}, 6.0}, {{26, 128, -455}, 4.5}}),    // metatarsal 5
      tube({{{-25, 150, -442}, 6.5}, {{-27, 178, -447}, 5.5}}), // hallux
      tube({{{-12, 154, -449}, 3.6}, {{-14, 172, -452}, 3.2}}),
      tube({{{1, 151, -452}, 3.5}, {{0, 168, -455}, 3.1}}),
      tube({{{13, 145, -454}, 3.3}, {{13, 162, -457}, 3.0}}),
      tube({{{26, 136, -457}, 3.1}, {{27, 152, -459}, 2.8}})};
  return blend(std::move(parts), 1.5);
}

// ---------------------------------------------------------------- nerves and vessels

Shape tibialNerve() {
  // Midline of the popliteal fossa (most superficial of the bundle), under the soleal arch,
  // deep to soleus, then behind the medial malleolus.
  return tube({{{1, -44, 90}, 3.0},
               {{1, -46, 45}, 3.0},
               {{0, -45, 10}, 3.0},
               {{-1, -38, -20}, 3.0},
               {{0, -26, -45}, 2.8},
               {{-1, -17, -75}, 2.6},
               {{-3, -15, -130}, 2.5},
               {{-5, -15, -200}, 2.5},
               {{-9, -18, -270}, 2.4},
               {{-16, -20, -330}, 2.4},
               {{-21, -15, -365}, 2.3},
               {{-22, -12, -395}, 2.2}});
}

Shape poplitealArtery() {
  // Deepest in the fossa, against the femur and the knee capsule; it ends at the lower
  // border of popliteus, where the posterior tibial artery continues.
  return tube({{{-6, -26, 90}, 3.5},
               {{-6, -30, 45}, 3.5},
               {{-7, -33, 15}, 3.5},
               {{-7, -35, -10}, 3.4},
               {{-8, -33, -30}, 3.3},
               {{-11, -24, -55}, 3.2},
               {{-12, -20, -70}, 3.1}});
}

Shape posteriorTibialArtery() {
  return tube({{{-12, -20, -70}, 2.6},
               {{-13, -16, -110}, 2.5},
               {{-13, -15, -200}, 2.4},
               {{-16, -17, -270}, 2.3},
               {{-22, -14, -330}, 2.2},
               {{-26, -8, -365}, 2.1},
               {{-27, -8, -392}, 2.0}});
}

Shape commonFibularNerve() {
  // Along biceps femoris, over the lateral head, behind the fibular head and round the
  // fibular neck with no muscle cover.
  return tube({{{12, -42, 90}, 2.6},
               {{26, -44, 50}, 2.6},
               {{37, -40, 15}, 2.5},
               {{45, -32, -10}, 2.5},
               {{46, -26, -30}, 2.4},
               {{47, -6, -45}, 2.3},
               {{42, 6, -56}, 2.2},
               {{33, 14, -68}, 2.1}});
}

Shape suralNerve() {
  // Medial sural root between the gastrocnemius heads, through the fascia at mid-calf, then
  // with the small saphenous vein lateral to the Achilles tendon and behind the lateral
  // malleolus.
  return tube({{{5, -52, -8}, 1.9},
               {{4, -64, -45}, 1.9},
               {{5, -74, -100}, 1.9},
               {{6, -74, -150}, 1.9},
               {{10, -70, -220}, 1.9},
               {{16, -64, -280}, 1.9},
               {{24, -58, -330}, 1.9},
               {{30, -46, -370}, 1.9},
               {{34, -30, -398}, 1.5},
               {{32, -12, -422}, 1.5}});
}

Shape smallSaphenousVein() {
  // Behind the lateral malleolus, lateral to the Achilles tendon, up the midline of the
  // calf in the subcutis, through the fascia into the popliteal fossa.
  return tube({{{30, -30, -418}, 2.2},
               {{30, -44, -398}, 2.2},
               {{18, -55, -370}, 2.2},
               {{15, -63, -330}, 2.2},
               {{8, -68, -270}, 2.3},
               {{2, -73, -200}, 2.4},
               {{-4, -77, -130}, 2.5},
               {{-5, -75, -70}, 2.5},
               {{-3, -68, -20}, 2.6},
               {{-4, -58, 5}, 2.6},
               {{-4, -54, 15}, 2.6}});
}

// ---------------------------------------------------------------- muscles and tendon

Shape gastrocnemiusMedialHead() {
  // From the posterior medial femoral condyle, curving back and down; the larger head,
  // its fleshy belly ending lower (t ~ 0.58) and tapering to a thin aponeurosis that
  // joins the tendon. Sections are turned so the head wraps round the medial calf.
  return zSweep({{42, -22, -33, 5.2, 3.4, -10},
                 {25, -23, -41, 11.6, 6.9, -10},
                 {0, -23, -50, 17.9, 10.3, -15},
                 {-40, -21, -54, 21, 10, -17},
                 {-100, -20, -59, 28.4, 12.8, -19},
                 {-145, -18, -60, 27, 12.1, -18},
                 {-185, -14, -60, 19.9, 9.2, -15},
                 {-215, -10, -59, 10.5, 5.2, -10},
                 {-235, -7, -58, 7.4, 2.9, -5},
                 {-255, -4, -57, 8.4, 2.3, 0},
                 {-274, -2, -56, 8.4, 1.7, 0}});
}

Shape gastrocnemiusLateralHead() {
  // From the lateral femoral condyle; flatter and shorter, belly ending at t ~ 0.47.
  return zSweep({{40, 22, -32, 5.2, 3.4, 10},
                 {20, 23, -40, 10.5, 6.7, 12},
                 {0, 23, -48, 14.7, 9, 15},
                 {-40, 21, -52, 16, 8.8, 17},
                 {-95, 19, -57, 22.1, 10.8, 19},
                 {-140, 15, -58, 16.8, 9, 17},
                 {-175, 10, -58, 9.5, 5.6, 12},
                 {-195, 6, -58, 5.2, 2.8, 5},
                 {-208, 3, -58, 3.2, 1.7, 0}});
}

Shape soleus() {
  // From the fibular head and upper fibula, the soleal line and the medial tibial border:
  // broad and flat, deep to gastrocnemius, widest below the gastrocnemius bellies, fleshy
  // almost to the lower end of the tendon (t ~ 0.9).
  return zSweep({{-20, 36, -27, 6, 4, 0},
                 {-35, 30, -29, 16, 7, 10},
                 {-60, 18, -31, 30, 10, 8},
                 {-100, 3, -33, 37, 13, 3},
                 {-150, -1, -35, 43, 14.5, 0},
                 {-210, -3, -37, 40, 14, 0},
                 {-260, 0, -39, 32, 11, 0},
                 {-300, 1, -41, 25, 9, 0},
                 {-330, 1, -43, 17, 6.5, 0},
                 {-352, 2, -46, 8, 3, 0}});
}

Shape plantaris() {
  // Small belly with the lateral head just above the knee, then a long thin tendon between
  // gastrocnemius and soleus to the medial side of the Achilles tendon and the calcaneus.
  return tube({{{14, -28, 48}, 3.0},
               {{12, -34, 25}, 5.0},
               {{11, -38, 0}, 5.0},
               {{8, -42, -25}, 3.8},
               {{5, -45, -45}, 1.8},
               {{2, -47, -100}, 1.7},
               {{0, -49, -170}, 1.7},
               {{-8, -50, -230}, 1.7},
               {{-16, -51, -275}, 1.7},
               {{-14, -56, -330}, 1.7},
               {{-12, -60, -380}, 1.7},
               {{-10, -65, -415}, 1.7},
               {{-11, -67.5, -430}, 1.7}});
}

Shape achillesTendon() {
  // Broad and thin where the muscles join it, narrowest about 4 cm above the insertion,
  // widening onto the middle of the posterior calcaneus; its fibres twist laterally as
  // they descend, so the section turns.
  return zSweep({{-268, -2, -55, 9, 1.6, 0},
                 {-284, -1, -55, 11, 2.6, 5},
                 {-300, 0, -55, 10.5, 3.5, 10},
                 {-340, 1, -56, 8, 4, 20},
                 {-370, 2, -57, 6.5, 3, 30},
                 {-385, 2, -59, 5.5, 2.6, 35},
                 {-400, 2, -64, 6.5, 2.6, 35},
                 {-412, 2, -70, 9, 3, 30},
                 {-425, 2, -74, 13, 3, 25},
                 {-438, 2, -74, 12, 3, 20},
                 {-446, 2, -72, 6, 1.5, 15}});
}

// ---------------------------------------------------------------- skin

Shape skinOutline() {
  // The leg from above the knee to the ankle (rounded-rectangle sections at the knee), and
  // the foot as sections along its length up to the balls of the toes; flat sole, raised
  // medial arch. The toes themselves come from the toe bones grown by the subcutis.
  Shape leg = zSweep({{165, 0, 0, 68, 66, 0, 2.4},
                      {100, 0, 0, 62, 60, 0, 2.4},
                      {50, -1, -2, 57, 56, 0, 2.6},
                      {0, -2, -5, 53, 54, 0, 2.3},
                      {-40, -3, -10, 55, 54, 0, 2.1},
                      {-110, -4, -21, 54, 60, 0, 2.0},
                      {-180, -4, -21, 52, 59, 0, 2.0},
                      {-250, -3, -18, 43, 51, 0, 2.0},
                      {-310, -1, -17, 38, 48, 0, 2.0},
                      {-350, 1, -16, 38, 47, 0, 2.0},
                      {-390, 1, -16, 41, 50, 0, 2.0},
                      {-425, 2, -20, 36, 46, 0, 2.0}});
  // Foot: slices perpendicular to y; u = z (height), v = x (width).
  Shape foot = shape(SliceSweep(1, {{-84, -437, 4, 4, 6},
                                    {-78, -437, 4, 20, 20},
                                    {-60, -435, 4, 30, 28},
                                    {-30, -428, 3, 38, 32},
                                    {0, -420, 1, 45, 36},
                                    {40, -426, 0, 40, 42},
                                    {80, -435, -1, 31, 46},
                                    {115, -442, -2, 24, 50},
                                    {140, -447, -3, 18, 48},
                                    {152, -450, -4, 13, 42},
                                    {160, -452, -5, 6, 28}}));
  Ellipsoid arch({-46, 50, -478}, {22, 55, 26});
  constexpr double soleZ = -466.0;
  Shape body = blend({leg, foot}, 18.0);
  Aabb box = body.box;
  return Shape{[body, arch](const Vec& p) {
                 const double d = smoothMax(body.f(p), soleZ - p.z, 3.0);
                 return smoothMax(d, -arch(p), 8.0);
               },
               box};
}

// ---------------------------------------------------------------- construction

const std::vector<std::pair<std::string, double>> kNeurovascular = {
    {"popliteal_artery", kSheathGap},
    {"tibial_nerve", kSheathGap},
    {"posterior_tibial_artery", kSheathGap},
    {"common_fibular_nerve", kSheathGap},
    {"sural_nerve", kSheathGap},
    {"small_saphenous_vein", kSheathGap}};

struct Layering {
  std::string id;
  std::vector<std::pair<std::string, double>> cutBy; ///< structures that push this one away
};

} // namespace

const std::vector<StructureSpec>& legStructures() {
  static const std::vector<StructureSpec> specs = {
      {"femur", 12000},
      {"patella", 2500},
      {"tibia", 16000},
      {"fibula", 8000},
      {"talus", 4000},
      {"calcaneus", 6000},
      {"foot_bones", 20000, true},
      {"popliteal_artery", 3000},
      {"tibial_nerve", 5000},
      {"posterior_tibial_artery", 4000},
      {"common_fibular_nerve", 2500},
      {"sural_nerve", 4000},
      {"small_saphenous_vein", 5000},
      {"achilles_tendon", 5000},
      {"plantaris", 4000},
      {"gastrocnemius_medial_head", 14000},
      {"gastrocnemius_lateral_head", 10000},
      {"soleus", 16000},
      {"skin", 50000},
  };
  return specs;
}

std::map<std::string, Field>
buildLegFields(double h, const std::function<void(const std::string&)>& progress) {
  const std::map<std::string, Shape> shapes = {
      {"femur", femur()},
      {"patella", patella()},
      {"tibia", tibia()},
      {"fibula", fibula()},
      {"talus", talus()},
      {"calcaneus", calcaneus()},
      {"foot_bones", footBones()},
      {"popliteal_artery", poplitealArtery()},
      {"tibial_nerve", tibialNerve()},
      {"posterior_tibial_artery", posteriorTibialArtery()},
      {"common_fibular_nerve", commonFibularNerve()},
      {"sural_nerve", suralNerve()},
      {"small_saphenous_vein", smallSaphenousVein()},
      {"achilles_tendon", achillesTendon()},
      {"plantaris", plantaris()},
      {"gastrocnemius_medial_head", gastrocnemiusMedialHead()},
      {"gastrocnemius_lateral_head", gastrocnemiusLateralHead()},
      {"soleus", soleus()},
  };

  const std::vector<std::pair<std::string, double>> bones = {
      {"femur", kJointGap},     {"patella", kJointGap}, {"tibia", kJointGap},
      {"fibula", kJointGap},    {"talus", kJointGap},   {"calcaneus", kJointGap},
      {"foot_bones", kJointGap}};
  const auto& neurovascular = kNeurovascular;
  auto join = [](std::vector<std::vector<std::pair<std::string, double>>> lists) {
    std::vector<std::pair<std::string, double>> all;
    for (auto& l : lists) {
      all.insert(all.end(), l.begin(), l.end());
    }
    return all;
  };

  // Order matters: a structure is cut only by structures built before it. Bones first (they
  // are rigid), then nerves and vessels (they keep their round section), then the tendon,
  // then the muscles from superficial-and-small to deep-and-large, so that soleus takes the
  // imprint of everything on it.
  const std::vector<Layering> layering = {
      {"femur", {}},
      {"patella", {{"femur", 2.0}}},
      {"tibia", {{"femur", 2.0}}},
      {"fibula", {{"tibia", kJointGap}}},
      {"talus", {{"tibia", kJointGap}, {"fibula", kJointGap}}},
      {"calcaneus", {{"talus", kJointGap}}},
      {"foot_bones", {{"talus", kJointGap}, {"calcaneus", kJointGap}}},
      {"popliteal_artery", bones},
      {"tibial_nerve", join({bones, {{"popliteal_artery", kSheathGap}}})},
      {"posterior_tibial_artery",
       join({bones, {{"popliteal_artery", kSheathGap}, {"tibial_nerve", kSheathGap}}})},
      {"common_fibular_nerve", join({bones, {{"tibial_nerve", kSheathGap}}})},
      {"sural_nerve", join({bones, {{"tibial_nerve", kSheathGap}}})},
      {"small_saphenous_vein", join({bones, {{"sural_nerve", kSheathGap}}})},
      {"achilles_tendon", join({bones, neurovascular})},
      {"plantaris", join({bones, neurovascular, {{"achilles_tendon", kInsertionGap}}})},
      {"gastrocnemius_medial_head",
       join({bones,
             neurovascular,
             {{"achilles_tendon", kInsertionGap}, {"plantaris", kFasciaGap}}})},
      {"gastrocnemius_lateral_head", join({bones,
                                           neurovascular,
                                           {{"achilles_tendon", kInsertionGap},
                                            {"plantaris", kFasciaGap},
                                            {"gastrocnemius_medial_head", kFasciaGap}}})},
      {"soleus", join({bones,
                       neurovascular,
                       {{"achilles_tendon", kInsertionGap},
                        {"plantaris", kFasciaGap},
                        {"gastrocnemius_medial_head", kFasciaGap},
                        {"gastrocnemius_lateral_head", kFasciaGap}}})},
  };

  const Lattice lattice{Vec(0.0), h};
  const double margin = 4.0 * h + 4.0;
  std::map<std::string, Field> fields;
  for (const auto& layer : layering) {
    progress(layer.id);
    const Shape& s = shapes.at(layer.id);
    Field field(lattice, s.box, margin);
    field.sample(s.f);
    for (const auto& [other, gap] : layer.cutBy) {
      if (other != layer.id) {
        field.cutBy(fields.at(other), gap);
      }
    }
    fields.emplace(layer.id, std::move(field));
  }

  // The skin encloses everything: its own outline, smoothly united with the bones and
  // muscles grown by the thickness of the subcutis. Nerves and vessels get a thinner cover
  // and a much softer blend, so that where one runs close under the skin it lifts the skin
  // a little instead of raising a ridge along its course.
  progress("skin");
  const Shape outline = skinOutline();
  Aabb box = outline.box;
  for (const auto& [id, field] : fields) {
    box.add(lattice.point(field.lo()));
    box.add(lattice.point(field.lo() + field.dims() - 1));
  }
  Field skin(lattice, box, margin);
  skin.sample(outline.f);
  for (const auto& [id, field] : fields) {
    const bool isNeurovascular = std::any_of(kNeurovascular.begin(), kNeurovascular.end(),
                                             [&](const auto& entry) { return entry.first == id; });
    if (isNeurovascular) {
      skin.blendWith(field, kNerveCover, 12.0);
    } else {
      skin.blendWith(field, kSubcutis, 6.0);
    }
  }
  fields.emplace("skin", std::move(skin));
  return fields;
}

} // namespace sura::model
