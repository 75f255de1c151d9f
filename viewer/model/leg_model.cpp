#include "model/leg_model.h"

#include "model/bones.h"
#include "model/leg_plan.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sura::model {

namespace {

// Gaps (mm) left where structures would touch: a fascial plane between muscles, a joint
// space between bones (kJointGap, bones.h), a thin sheath round nerves and vessels.
constexpr double kFasciaGap = 1.0;
constexpr double kSheathGap = 0.8;
constexpr double kInsertionGap = 0.4;
// Tissue kept between a bone or the calcaneal tendon and the skin (the shin, the malleoli,
// the heel), and the softness of that cover.
constexpr double kBoneCover = 3.0;
constexpr double kTendonCover = 3.5;
constexpr double kToeCover = 5.5;
// Below this level (mm) the calcaneal tendon no longer raises the skin of the heel.
constexpr double kTendonFadeTop = -422.0;
// The heel: the skin and pad over the back and underside of the calcaneus are thicker than
// over the shin.
constexpr double kHeelCover = 4.5;
// How softly the skin runs onto a bone under it: soft enough that the edge of the shin reads as
// the tibia's border, not as a crease (the cover grows by up to a quarter of this).
constexpr double kBoneBlendIntoSkin = 6.0;
// Above this level (mm) the tendons, nerves and vessels lie inside the skin's outline by
// construction; below it, over the ankle and in the foot, the skin is also wrapped round them.
constexpr double kAnkleBlendTop = -345.0;

const LegPlan& plan() {
  static const LegPlan p;
  return p;
}

// ---------------------------------------------------------------- how muscles share the leg

// The box a structure of the leg proper is sampled in, between two levels.
Aabb legBox(double zlo, double zhi) {
  Aabb b;
  b.add(Vec(-75.0, -100.0, zlo));
  b.add(Vec(75.0, 75.0, zhi));
  return b;
}

// Flat ends between two levels (negative between them).
double between(const Vec& p, double zlo, double zhi) {
  return std::max(zlo - p.z, p.z - zhi);
}

// How much a section shrinks `d` mm inside a rounded end of radius r: along a quarter circle,
// so that a belly ends in a dome instead of a flat cut.
double dome(double d, double r) {
  if (d <= 0.0) {
    return 0.0;
  }
  return d >= r ? d : r - std::sqrt(r * r - d * d);
}

// Rounded ends between two levels: added to a muscle's distance.
double endDomes(const Vec& p, double zlo, double zhi, double rlo, double rhi) {
  return std::max(dome(p.z - (zhi - rhi), rhi), dome((zlo + rlo) - p.z, rlo));
}

// One muscle of a compartment in a power diagram: its site sits in the bones' frame (`along`
// the membrane from the tibia, `across` it backwards, negative in front), with a weight (mm^2)
// by which it claims more or less of the compartment. A site exists between zlo and zhi.
struct Site {
  KeyTable keys; // rows {z, along, across, weight}
  double zlo, zhi;
};

// The cell of site `self`: negative inside, gap/2 off every wall it shares with a neighbour,
// so that two muscles of a compartment touch across a fascial gap and fill it together. The
// walls between weighted sites are planes, and the cells of a compartment come out as
// kidneys and wedges bounded by the compartment's own curved walls.
double cell(const std::vector<Site>& sites, std::size_t self, const Vec& p, double gap) {
  const Site& me = sites[self];
  auto at = [&](const Site& s) {
    const Vec c = plan().inBoneFrame(p.z, s.keys.at(p.z, 0), s.keys.at(p.z, 1));
    return std::pair<Vec2, double>(Vec2(c.x, c.y), s.keys.at(p.z, 2));
  };
  const auto [ci, wi] = at(me);
  const Vec2 q(p.x, p.y);
  double d = -1e9;
  for (std::size_t j = 0; j < sites.size(); ++j) {
    const Site& other = sites[j];
    if (j == self || p.z < other.zlo || p.z > other.zhi) {
      continue;
    }
    const auto [cj, wj] = at(other);
    const double sep = glm::length(ci - cj);
    if (sep < 1e-6) {
      continue;
    }
    const double power = glm::dot(q - ci, q - ci) - wi - glm::dot(q - cj, q - cj) + wj;
    d = std::max(d, power / (2.0 * sep));
  }
  return d + gap / 2.0;
}

Shape unite(Shape a, Shape b, double k) {
  return blend({std::move(a), std::move(b)}, k);
}

// ---------------------------------------------------------------- superficial posterior

// The gastrocnemius heads are the outer layer of the superficial posterior compartment: each
// fills it from the deep fascia down to its own thickness, over an arc of the leg that starts
// at the posterior midline, where the two heads meet, and runs round to the head's free edge
// (the medial head wraps the medial side). Rows: {z, thickness at the belly (mm), arc from
// the midline (degrees)}. Targets (tests/model): each about 40-60 mm wide from behind,
// posterior thickness medial 18-28 mm, lateral 12-20 mm; bellies end broad and rounded, the
// medial (t 0.55-0.65) at least 15 mm below the lateral; volumes about half and a quarter of
// the soleus.
struct Head {
  KeyTable keys;
  double zlo, zhi;
  bool medial;
};

const Head& medialHead() {
  static const Head h{KeyTable({{46, 0, 30},
                                {38, 9, 40},
                                {20, 13, 58},
                                {0, 16, 70},
                                {-40, 20, 84},
                                {-90, 21.5, 90},
                                {-130, 21.5, 88},
                                {-170, 19, 82},
                                {-200, 15, 74},
                                {-215, 11, 66},
                                {-226, 6.5, 56},
                                {-233, 3.2, 40},
                                {-240, 2.2, 26},
                                {-258, 1.8, 18},
                                {-272, 1.6, 12}}),
                      -272, 46, true};
  return h;
}

const Head& lateralHead() {
  static const Head h{KeyTable({{44, 0, 25},
                                {36, 8, 35},
                                {20, 11, 50},
                                {0, 14, 60},
                                {-40, 15, 79},
                                {-90, 15.5, 84},
                                {-130, 15, 82},
                                {-155, 13, 73},
                                {-170, 9.5, 58},
                                {-180, 5, 46},
                                {-187, 2, 28},
                                {-191, 0, 14}}),
                      -191, 44, false};
  return h;
}

// The groove between the heads lies a little lateral of the leg's midline: the medial head
// is the larger.
constexpr double kHeadDivide = 3.0;

// Half the width of the popliteal fossa between the heads at their origins, closing to the
// midline below the knee where the heads meet.
double fossaHalfWidth(double z) {
  static const KeyTable t({{60, 20}, {30, 17}, {0, 11}, {-25, 3}, {-50, 0}, {-480, 0}});
  return t.at(z, 0);
}

double headThickness(const Head& head, double z, double phi) {
  if (z < head.zlo || z > head.zhi) {
    return 0.0;
  }
  const double thickness = head.keys.at(z, 0);
  const double arc = std::max(head.keys.at(z, 1), 1.0);
  double fromMidline = head.medial ? 270.0 - phi : phi - 270.0;
  if (!head.medial && phi < 90.0) {
    fromMidline = phi + 90.0;
  }
  if (fromMidline < -30.0) {
    return 0.0; // the other head's side of the leg
  }
  const double s = std::max(fromMidline, 0.0) / arc;
  if (s >= 1.0) {
    return 0.0;
  }
  // Full thickness over most of the arc, thinning only near the free edge: a kidney, not a
  // lens.
  double h = thickness * std::sqrt(1.0 - s * s * s * s);
  // Where the other head has ended (below the lateral belly), this head's edge at the midline
  // is free too, and rounded, instead of a wall facing the soleus.
  const Head& other = head.medial ? lateralHead() : medialHead();
  const double otherThickness = (z < other.zlo || z > other.zhi) ? 0.0 : other.keys.at(z, 0);
  if (otherThickness < 4.0) {
    const double u = std::clamp((fromMidline + 8.0) / 24.0, 0.0, 1.0);
    const double rounded = std::sqrt(1.0 - std::pow(1.0 - u, 4.0));
    const double free = 1.0 - otherThickness / 4.0;
    h *= 1.0 - free * (1.0 - rounded);
  }
  return h;
}

// What the heads leave of the compartment at (z, phi), on the medial or lateral side of the
// midline: the depth below the deep fascia at which the soleus (or the tendon's aponeurosis)
// begins.
double headsThickness(double z, double phi, bool medialSide) {
  return headThickness(medialSide ? medialHead() : lateralHead(), z, phi);
}

Shape gastrocnemiusHead(const Head& head) {
  const Head* h = &head;
  return Shape{[h](const Vec& p) {
                 const LegPlan& P = plan();
                 const double thickness = headThickness(*h, p.z, P.phiOf(p));
                 const double depth = -P.interior(p);
                 const double midline = P.level(p.z).centre.x + kHeadDivide;
                 const double side = h->medial ? p.x - (midline - fossaHalfWidth(p.z))
                                               : (midline + fossaHalfWidth(p.z)) - p.x;
                 return roundedMax({P.superficialPosterior(p, kFasciaGap), depth - thickness,
                                    side + kFasciaGap / 2.0, between(p, h->zlo, h->zhi)});
               },
               legBox(head.zlo - 2.0, head.zhi + 2.0)};
}

Shape gastrocnemiusMedialHead() {
  // From the posterior medial femoral condyle, curving down round the medial calf; the larger
  // head, its belly ending lower (t ~ 0.6).
  return gastrocnemiusHead(medialHead());
}

Shape gastrocnemiusLateralHead() {
  // From the lateral femoral condyle; thinner and shorter, its belly ending at t ~ 0.48.
  return gastrocnemiusHead(lateralHead());
}

Shape soleus() {
  // The rest of the superficial posterior compartment under the heads: a thick crescent round
  // the deep compartment. It arises along an oblique line from the fibular head down to the
  // soleal line and the medial border of the tibia, and its fleshy fibres narrow onto the
  // anterior surface of the calcaneal tendon down to t ~ 0.86.
  static const KeyTable halfWidth(
      {{-180, 70}, {-230, 48}, {-270, 34}, {-305, 22}, {-325, 13}, {-338, 4}});
  return Shape{[](const Vec& p) {
                 const LegPlan& P = plan();
                 const bool medialSide = p.x < P.level(p.z).centre.x + kHeadDivide;
                 const double under =
                     headsThickness(p.z, P.phiOf(p), medialSide) + kFasciaGap + P.interior(p);
                 // Origin: from the fibular head (x 40, z -36) obliquely down and medially.
                 const double top = (p.z - (-36.0 + (p.x - 40.0) * 0.6)) / std::hypot(1.0, 0.6);
                 const double narrowing = std::abs(p.x - 3.0) - halfWidth.at(p.z, 0);
                 return roundedMax({P.superficialPosterior(p, kFasciaGap), under, top, narrowing,
                                    -340.0 - p.z}) +
                        dome(top + 12.0, 12.0);
               },
               legBox(-342.0, -25.0)};
}

// Thickness and half-width (mm) of the calcaneal tendon by level, from the aponeurosis under
// the heads to the insertion: about 6 mm thick and 12-14 mm wide 2-4 cm above the insertion,
// narrowest about 4 cm above it, 22 mm wide at it [S61].
const KeyTable& tendonKeys() {
  static const KeyTable t({{-266, 2.4, 10},
                           {-280, 3.4, 9.5},
                           {-300, 4.6, 9.5},
                           {-320, 5.4, 8.0},
                           {-335, 6.0, 7.2},
                           {-365, 6.0, 6.6},
                           {-385, 6.0, 6.2},
                           {-400, 6.0, 7.0},
                           {-412, 6.0, 9.0},
                           {-424, 5.6, 11.0},
                           {-434, 4.0, 10.0}});
  return t;
}

Shape achillesTendon() {
  // Formed where the gastrocnemius aponeurosis meets the soleus; it lies right under the
  // deep fascia in the posterior midline (under the heads while they last), twists laterally
  // as it descends, and inserts on the middle of the posterior calcaneal tuberosity.
  std::vector<SliceKey> keys;
  const KeyTable& t = tendonKeys();
  for (double z = -266.0; z >= -380.0; z -= 12.0) {
    const double thick = t.at(z, 0);
    const double heads = std::max(headsThickness(z, 270.0, true), headsThickness(z, 270.0, false));
    // A little under the deep fascia, so that the tendon's edges stay clear of the outline
    // where the leg curves forward at the sides.
    const double depth = plan().subcutis(z, 270.0) + heads + kFasciaGap + thick / 2.0 + 1.0;
    const Vec c = plan().underSkin(z, 270.0, depth);
    const double twist = std::clamp((-z - 260.0) / 120.0, 0.0, 1.0) * 25.0;
    keys.push_back({z, c.x, c.y, t.at(z, 1), thick / 2.0, twist});
  }
  // Down to the middle of the posterior surface of the calcaneal tuberosity (the atlas
  // landmark), clear of the bone above it where the retrocalcaneal bursa lies.
  const std::vector<std::array<double, 3>> heel = {
      {-395, 4.5, -55}, {-407, 5.0, -61}, {-418, 5.5, -65}, {-426, 5.5, -65}, {-432, 5.5, -64}};
  for (const auto& [z, x, y] : heel) {
    keys.push_back({z, x, y, t.at(z, 1), t.at(z, 0) / 2.0, 25.0});
  }
  // Its lower edge rounded off on the bone, not cut flat.
  keys.push_back({-436, 5.5, -63, 4.0, 1.5, 25.0});
  return zSweep(std::move(keys));
}

Shape plantaris() {
  // Small belly with the lateral head just above the knee, then a long thin tendon in the
  // plane between gastrocnemius and soleus, obliquely to the medial side of the calcaneal
  // tendon and the calcaneus.
  std::vector<TubeKey> keys = {{{17, -30, 48}, 3.0},
                               {{16, -35, 28}, 5.5},
                               {{15, -39, 5}, 6.0},
                               {{14, -42, -16}, 5.5},
                               {{12, -44, -30}, 3.5}};

  const std::vector<std::array<double, 2>> path = {
      {-40, 285}, {-70, 282}, {-110, 279}, {-150, 278}, {-190, 277}, {-222, 271}, {-250, 256}};
  for (const auto& [z, phi] : path) {
    const bool medialSide =
        plan().underSkin(z, phi, 0.0).x < plan().level(z).centre.x + kHeadDivide;
    const double heads = headsThickness(z, phi, medialSide);
    // Under the heads; where none is left, under the small saphenous vein and sural nerve.
    const double depth =
        plan().subcutis(z, phi) + heads + kFasciaGap / 2.0 + 1.7 + (heads < 1.0 ? 3.0 : 0.0);
    keys.push_back({plan().underSkin(z, phi, depth), z > -60 ? 2.6 : 1.7});
  }
  // Along the medial edge of the calcaneal tendon, under the fascia, to the calcaneus.
  for (double z = -272.0; z >= -395.0; z -= 24.6) {
    keys.push_back({plan().underSkin(z, 252.0, plan().subcutis(z, 252.0) + 2.4), 1.6});
  }
  return tube(keys);
}

// ---------------------------------------------------------------- deep posterior

// Below the soleal line: tibialis posterior on the membrane in the middle, flexor digitorum
// longus medially on the tibia, flexor hallucis longus laterally on the fibula; their tendons
// pass behind the medial malleolus (tibialis posterior closest, then FDL; FHL in its groove
// behind the talus). Above the soleal line: popliteus.
double solealLine(const Vec& p) {
  // Signed distance below the oblique line from under the fibular head (x 14, z -42) to the
  // medial border of the tibia (x -16, z -104): negative below it.
  return (p.z - (-42.0 - (14.0 - p.x) * 2.07)) / std::hypot(1.0, 2.07);
}

const std::vector<Site>& deepSites() {
  static const std::vector<Site> s = {
      // flexor digitorum longus
      {KeyTable({{-70, 0, 18, -500},
                 {-100, 0, 19, 0},
                 {-200, 2, 18, 60},
                 {-280, 4, 16, 60},
                 {-330, 6, 14, 0}}),
       -330, -70},
      // tibialis posterior
      {KeyTable({{-40, 20, 8, 150},
                 {-120, 22, 10, 100},
                 {-200, 22, 10, 40},
                 {-270, 20, 8, 0},
                 {-305, 18, 6, -300}}),
       -305, -40},
      // flexor hallucis longus
      {KeyTable({{-100, 38, 14, -500},
                 {-140, 38, 16, 0},
                 {-220, 36, 16, 80},
                 {-300, 32, 16, 90},
                 {-350, 28, 12, 0}}),
       -352, -100},
  };
  return s;
}

Shape deepMuscle(std::size_t self, Shape tendon) {
  const Site& site = deepSites()[self];
  Shape belly{[self, &site](const Vec& p) {
                return roundedMax({plan().deepPosterior(p, kFasciaGap),
                                   cell(deepSites(), self, p, kFasciaGap),
                                   solealLine(p) + kFasciaGap / 2.0,
                                   between(p, site.zlo, site.zhi)}) +
                       endDomes(p, site.zlo, site.zhi, 25.0, 12.0);
              },
              legBox(site.zlo - 2.0, site.zhi + 2.0)};
  return unite(std::move(belly), std::move(tendon), 2.0);
}

Shape flexorDigitorumLongus() {
  return deepMuscle(0, tube({{{-14, -4, -300}, 2.6},
                             {{-20, -8, -340}, 2.4},
                             {{-27, -11, -372}, 2.3},
                             {{-32, -8, -395}, 2.2},
                             {{-30, 0, -418}, 2.2},
                             {{-20, 20, -440}, 2.0}}));
}

Shape tibialisPosterior() {
  return deepMuscle(1, tube({{{-4, 2, -270}, 3.0},
                             {{-13, 0, -320}, 3.0},
                             {{-22, -2, -360}, 2.8},
                             {{-31, -1, -382}, 2.7},
                             {{-30, 10, -402}, 2.7},
                             {{-16, 48, -418}, 2.6}}));
}

Shape flexorHallucisLongus() {
  return deepMuscle(2, tube({{{8, -16, -330}, 2.8},
                             {{2, -18, -370}, 2.7},
                             {{-4, -14, -400}, 2.6},
                             {{-14, -4, -430}, 2.5},
                             {{-22, 40, -446}, 2.4},
                             {{-25, 110, -456}, 2.2}}));
}

Shape popliteus() {
  // A triangular sheet on the back of the tibia above the soleal line, from the lateral
  // femoral condyle (its tendon inside the knee capsule).
  Shape sheet{[](const Vec& p) {
                const double top = (p.z - (-2.0 - (30.0 - p.x) * 0.55)) / std::hypot(1.0, 0.55);
                return roundedMax({plan().deepPosterior(p, kFasciaGap),
                                   -solealLine(p) + kFasciaGap / 2.0, top,
                                   between(p, -110.0, 4.0)});
              },
              legBox(-112.0, 6.0)};
  return unite(std::move(sheet), tube({{{24, -22, -12}, 3.0}, {{33, -18, 2}, 2.5}}), 3.0);
}

// ---------------------------------------------------------------- anterior and lateral

const std::vector<Site>& anteriorSites() {
  static const std::vector<Site> s = {
      // tibialis anterior: against the lateral surface of the tibia, the largest
      {KeyTable({{-20, 10, -14, 100},
                 {-60, 12, -16, 220},
                 {-200, 10, -16, 160},
                 {-260, 6, -14, 0},
                 {-290, 4, -12, -300}}),
       -290, -20},
      // extensor digitorum longus: against the anterior septum and the fibula
      {KeyTable(
           {{-20, 40, -10, 0}, {-80, 40, -12, 100}, {-200, 40, -14, 60}, {-300, 34, -12, -100}}),
       -315, -20},
      // extensor hallucis longus: deep between them from mid-leg down
      {KeyTable({{-110, 25, -4, -700},
                 {-160, 25, -5, -100},
                 {-230, 25, -8, 80},
                 {-300, 22, -10, 80},
                 {-340, 18, -10, -100}}),
       -345, -110},
  };
  return s;
}

Shape anteriorMuscle(std::size_t self, Shape tendon) {
  const Site& site = anteriorSites()[self];
  Shape belly{[self, &site](const Vec& p) {
                return roundedMax({plan().anterior(p, kFasciaGap),
                                   cell(anteriorSites(), self, p, kFasciaGap),
                                   between(p, site.zlo, site.zhi)}) +
                       endDomes(p, site.zlo, site.zhi, 30.0, 14.0);
              },
              legBox(site.zlo - 2.0, site.zhi + 2.0)};
  return unite(std::move(belly), std::move(tendon), 2.0);
}

Shape tibialisAnterior() {
  // Tendon over the front of the ankle, the most medial, to the medial cuneiform.
  return anteriorMuscle(0, tube({{{5, 20, -270}, 3.5},
                                 {{1, 24.5, -320}, 3.3},
                                 {{-9, 32, -360}, 3.1},
                                 {{-16, 40, -390}, 3.1},
                                 {{-21, 58, -408}, 3.0},
                                 {{-24, 72, -418}, 2.8}}));
}

Shape extensorDigitorumLongus() {
  // Tendon over the front of the ankle, the most lateral, dividing over the dorsum of the
  // foot into slips for the four lateral toes.
  Shape main = tube({{{22, 20, -300}, 3.0},
                     {{18, 26, -350}, 2.8},
                     {{14, 34, -385}, 2.6},
                     {{10, 58, -410}, 2.4},
                     {{6, 80, -420}, 2.2}});
  std::vector<Shape> slips = {std::move(main)};
  const std::vector<std::array<double, 3>> toes = {
      {-12, 150, -447}, {0, 147, -450}, {12, 141, -452}, {24, 133, -455}};
  for (const auto& [x, y, z] : toes) {
    slips.push_back(tube({{{6, 80, -420}, 1.8},
                          {{(6 + x) / 2, (80 + y) / 2, (z - 420 * 1.0) / 2 - 4}, 1.5},
                          {{x, y, z + 5}, 1.3}}));
  }
  return anteriorMuscle(1, blend(std::move(slips), 1.5));
}

Shape extensorHallucisLongus() {
  return anteriorMuscle(2, tube({{{13, 19, -320}, 2.8},
                                 {{8, 30, -360}, 2.7},
                                 {{0, 36, -390}, 2.6},
                                 {{-12, 62, -415}, 2.5},
                                 {{-22, 110, -432}, 2.3},
                                 {{-26, 150, -437}, 2.0}}));
}

// Fibularis brevis lies against the fibula in the lower half of the lateral compartment,
// fibularis longus over it and above it. Radius (mm) of the brevis round the fibula by level.
double brevisRadius(double z) {
  static const KeyTable t({{-120, 0}, {-170, 11}, {-220, 17}, {-300, 17}, {-335, 11}, {-345, 0}});
  return t.at(z, 0);
}

double aroundFibula(const Vec& p) {
  const Vec2 f = plan().level(p.z).fibula;
  return glm::length(Vec2(p.x, p.y) - f);
}

Shape fibularisLongus() {
  Shape belly{[](const Vec& p) {
                return roundedMax({plan().lateral(p, kFasciaGap),
                                   brevisRadius(p.z) + kFasciaGap / 2.0 - aroundFibula(p),
                                   between(p, -275.0, -22.0)}) +
                       endDomes(p, -275.0, -22.0, 30.0, 14.0);
              },
              legBox(-277.0, -20.0)};
  // Tendon behind the lateral malleolus (behind brevis), under the cuboid into the sole.
  return unite(std::move(belly),
               tube({{{35, -14, -250}, 3.2},
                     {{31, -18, -300}, 3.0},
                     {{31, -21, -340}, 2.9},
                     {{33, -23, -370}, 2.8},
                     {{36, -22, -398}, 2.7},
                     {{33, 10, -425}, 2.6},
                     {{22, 40, -448}, 2.4}}),
               2.0);
}

Shape fibularisBrevis() {
  Shape belly{[](const Vec& p) {
                return roundedMax({plan().lateral(p, kFasciaGap),
                                   aroundFibula(p) - brevisRadius(p.z) + kFasciaGap / 2.0,
                                   between(p, -345.0, -120.0)}) +
                       endDomes(p, -345.0, -120.0, 20.0, 14.0);
              },
              legBox(-347.0, -118.0)};
  // Tendon in the groove behind the lateral malleolus, to the base of the fifth metatarsal.
  return unite(std::move(belly),
               tube({{{33, -14, -330}, 3.0},
                     {{31, -17, -370}, 2.8},
                     {{33, -16, -398}, 2.7},
                     {{32, 14, -420}, 2.6},
                     {{26, 60, -436}, 2.4}}),
               2.0);
}

// ---------------------------------------------------------------- nerves and vessels

// A point on the posterior wall of the deep compartment (the transverse intermuscular
// septum), `along` mm from the tibia's axis, moved `shift` mm further back: where the tibial
// nerve and the posterior tibial vessels run, between the deep muscles and the soleus.
Vec onDeepWall(double z, double along, double shift) {
  const Level& l = plan().level(z);
  const double x = (along - l.deepCentreAlong) / l.deepHalfWidth;
  const double across = l.deepOffset + l.deepDepth * std::sqrt(std::max(0.0, 1.0 - x * x));
  return plan().inBoneFrame(z, along, across + shift);
}

std::vector<TubeKey> alongDeepWall(double along, double shift, double r, double ztop,
                                   double zbottom) {
  std::vector<TubeKey> keys;
  for (double z = ztop; z >= zbottom; z -= 20.0) {
    keys.push_back({onDeepWall(z, along, shift), r});
  }
  return keys;
}

// Under the skin at `depth` mm, through levels {z, phi}.
std::vector<TubeKey> underSkinPath(const std::vector<std::array<double, 2>>& path, double depth,
                                   double r) {
  std::vector<TubeKey> keys;
  for (const auto& [z, phi] : path) {
    keys.push_back({plan().underSkin(z, phi, depth), r});
  }
  return keys;
}

std::vector<TubeKey> operator+(std::vector<TubeKey> a, const std::vector<TubeKey>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Shape poplitealArtery() {
  // Deepest in the fossa, against the femur and the knee capsule; it ends at the lower border
  // of popliteus, where the anterior and posterior tibial arteries begin.
  return tube({{{-6, -26, 90}, 3.5},
               {{-6, -29, 45}, 3.5},
               {{-6, -31, 15}, 3.5},
               {{-6, -32, -10}, 3.4},
               {{-7, -31, -35}, 3.3},
               {{-8, -24, -55}, 3.2},
               {{-9, -17, -70}, 3.1}});
}

Shape poplitealVein() {
  // Between the artery and the tibial nerve, behind and a little lateral to the artery.
  return tube({{{-1, -34, 90}, 3.6},
               {{-1, -37, 45}, 3.6},
               {{-1, -39, 15}, 3.6},
               {{-2, -40, -10}, 3.5},
               {{-2, -39, -35}, 3.4},
               {{-2, -31, -55}, 3.2},
               {{-2, -23, -68}, 3.0}});
}

Shape tibialNerve() {
  // Midline of the popliteal fossa, the most superficial of the bundle; under the soleal arch;
  // then on the deep compartment's posterior wall, lateral to the posterior tibial vessels;
  // in the lower third along the medial margin of the tendon, behind the medial malleolus.
  return tube(std::vector<TubeKey>{{{3, -47, 90}, 3.0},
                                   {{3, -48, 45}, 3.0},
                                   {{3, -48, 10}, 3.0},
                                   {{4, -46, -25}, 2.9},
                                   {{5, -34, -48}, 2.8}} +
              alongDeepWall(19.0, 0.0, 2.6, -64.0, -290.0) +
              std::vector<TubeKey>{
                  {{-16, -22, -330}, 2.4}, {{-22, -17, -365}, 2.3}, {{-25, -13, -392}, 2.2}});
}

Shape posteriorTibialArtery() {
  return tube(std::vector<TubeKey>{{{-9, -17, -70}, 2.6}} +
              alongDeepWall(8.0, 0.0, 2.4, -84.0, -290.0) +
              std::vector<TubeKey>{
                  {{-20, -16, -330}, 2.2}, {{-25, -10, -365}, 2.1}, {{-28, -6, -392}, 2.0}});
}

Shape posteriorTibialVeins() {
  // The two venae comitantes, one either side of the artery.
  std::vector<Shape> veins;
  for (const double side : {-5.2, 5.2}) {
    veins.push_back(tube(alongDeepWall(8.0 + side, 0.0, 1.8, -80.0, -290.0) +
                         std::vector<TubeKey>{{{-20 + side * 0.2, -16 - side, -330}, 1.7},
                                              {{-25 + side * 0.2, -10 - side, -365}, 1.6},
                                              {{-28 + side * 0.2, -6 - side, -388}, 1.6}}));
  }
  return blend(std::move(veins), 0.5);
}

Shape fibularArtery() {
  // From the posterior tibial artery below popliteus, down close behind the fibula, under
  // flexor hallucis longus, to behind the lateral malleolus.
  std::vector<TubeKey> keys = {{onDeepWall(-90.0, 14.0, -2.0), 2.0}};
  for (double z = -115.0; z >= -335.0; z -= 20.0) {
    const Level& l = plan().level(z);
    keys.push_back({plan().inBoneFrame(z, l.membraneLength - 6.0, 11.0), 1.9});
  }
  keys.push_back({{22, -14, -370}, 1.7});
  return tube(keys);
}

Shape anteriorTibialArtery() {
  // From the popliteal artery forward above the interosseous membrane, then down on its
  // anterior surface with the deep fibular nerve, to the front of the ankle (dorsalis pedis).
  std::vector<TubeKey> keys = {{{-9, -17, -70}, 2.4}, {{2, -10, -76}, 2.4}};
  for (double z = -86.0; z >= -306.0; z -= 20.0) {
    keys.push_back({plan().inBoneFrame(z, 21.0, -4.0), 2.2});
  }
  keys.push_back({{2, 29, -350}, 2.0});
  keys.push_back({{-2, 36, -385}, 2.0});
  keys.push_back({{-6, 56, -408}, 1.8});
  return tube(keys);
}

Shape commonFibularNerve() {
  // Along biceps femoris, over the lateral head, behind the fibular head and round the
  // fibular neck with no muscle cover.
  return tube({{{12, -44, 90}, 2.6},
               {{24, -44, 50}, 2.6},
               {{33, -38, 15}, 2.5},
               {{41, -30, -10}, 2.5},
               {{46, -24, -30}, 2.4},
               {{46, -8, -46}, 2.3},
               {{43, 3, -56}, 2.2}});
}

Shape deepFibularNerve() {
  // From the fibular neck forward deep to extensor digitorum longus onto the membrane, lateral
  // to the anterior tibial artery, to the front of the ankle.
  std::vector<TubeKey> keys = {{{43, 3, -56}, 1.8}, {{38, 10, -75}, 1.8}};
  for (double z = -100.0; z >= -300.0; z -= 20.0) {
    keys.push_back({plan().inBoneFrame(z, 27.5, -4.5), 1.7});
  }
  keys.push_back({{8, 29, -350}, 1.6});
  keys.push_back({{4, 37, -385}, 1.5});
  keys.push_back({{-1, 56, -408}, 1.4});
  return tube(keys);
}

Shape superficialFibularNerve() {
  // From the fibular neck down the lateral compartment between fibularis longus and brevis;
  // it pierces the deep fascia about 11 cm above the lateral malleolus [S65] and runs under the
  // skin over the front of the ankle to the dorsum of the foot.
  std::vector<TubeKey> keys = {{{44, 2, -60}, 1.7}};
  for (double z = -90.0; z >= -250.0; z -= 20.0) {
    // Just under the deep fascia of the lateral compartment.
    keys.push_back({plan().underSkin(z, 15.0, plan().subcutis(z, 15.0) + 2.6), 1.5});
  }
  return tube(keys + underSkinPath({{-295, 48}, {-330, 62}, {-370, 72}}, 3.0, 1.3));
}

Shape suralNerve() {
  // Medial sural root between the gastrocnemius heads under the fascia; through the fascia at
  // mid-calf; then with the small saphenous vein lateral to the tendon and behind the lateral
  // malleolus.
  std::vector<TubeKey> keys = {{{5, -52, -8}, 1.9}};
  for (double z = -40.0; z >= -120.0; z -= 40.0) {
    keys.push_back({plan().underSkin(z, 271.0, plan().subcutis(z, 271.0) + 1.0), 1.9});
  }
  return tube(
      keys +
      underSkinPath({{-170, 279}, {-220, 283}, {-270, 292}, {-320, 305}, {-360, 318}}, 4.1, 1.9) +
      std::vector<TubeKey>{{{36, -30, -398}, 1.5}, {{34, -12, -422}, 1.5}});
}

Shape smallSaphenousVein() {
  // Behind the lateral malleolus, lateral to the tendon, up the midline of the calf in the
  // subcutis, through the fascia into the popliteal fossa to the popliteal vein.
  return tube(std::vector<TubeKey>{{{31, -28, -420}, 2.2}, {{31, -40, -398}, 2.2}} +
              underSkinPath({{-365, 305},
                             {-320, 293},
                             {-270, 283},
                             {-220, 276},
                             {-170, 273},
                             {-120, 271},
                             {-70, 270}},
                            4.6, 2.4) +
              std::vector<TubeKey>{{{-1, -54, -25}, 2.6}, {{-1, -48, -5}, 2.6}});
}

Shape greatSaphenousVein() {
  // In front of the medial malleolus, up the medial leg just behind the tibia's medial border,
  // to the posteromedial side of the knee and on up the thigh.
  return tube(std::vector<TubeKey>{{{-32, 24, -392}, 2.0}} + underSkinPath({{-360, 148},
                                                                            {-310, 158},
                                                                            {-250, 166},
                                                                            {-190, 172},
                                                                            {-120, 178},
                                                                            {-60, 186},
                                                                            {0, 198},
                                                                            {55, 196}},
                                                                           3.6, 2.0));
}

Shape saphenousNerve() {
  // With the great saphenous vein below the knee, a little behind it.
  return tube(underSkinPath(
      {{-370, 156}, {-310, 165}, {-250, 173}, {-190, 179}, {-120, 185}, {-60, 193}, {-20, 200}},
      3.0, 1.2));
}

// ---------------------------------------------------------------- skin

Shape skinOutline() {
  // The leg from above the knee to the heel as the plan's outline, and the foot as sections
  // along its length up to the balls of the toes; flat sole, raised medial arch. The shin,
  // the malleoli, the heel and the toes are added by the bones and tendons under them (see
  // buildLegFields).
  // The leg's outline ends below the ankle in a rounded edge, so that the foot's own sections
  // (and the heel bone) shape the heel instead of a ledge where the outline stops.
  constexpr double legBottom = -430.0, legBottomRounding = 22.0;
  Shape leg{[](const Vec& p) {
              return std::max(plan().outline(p), std::max(p.z - 165.0, legBottom - p.z)) +
                     dome(legBottom + legBottomRounding - p.z, legBottomRounding);
            },
            legBox(legBottom - 2.0, 167.0)};
  // Foot: slices perpendicular to y; u = z (height), v = x (width).
  // The heel pad under the calcaneus reaches the ground (about 1.5 cm thick).
  Shape foot = shape(SliceSweep(1, {{-63, -445, 5, 5, 8},
                                    {-58, -446, 5, 19, 22},
                                    {-46, -444, 4, 22, 28},
                                    {-30, -432, 3, 34, 31},
                                    {0, -420, 1, 42, 34},
                                    {40, -426, 0, 38, 40},
                                    {80, -435, -1, 30, 45},
                                    {115, -442, -2, 24, 49},
                                    {140, -447, -3, 18, 48},
                                    {152, -450, -4, 13, 42},
                                    {160, -452, -5, 6, 28}}));
  // The medial longitudinal arch: the sole's medial border lifts off the ground between the
  // heel and the ball of the great toe, following the bones' arch above it.
  Ellipsoid arch({-50, 45, -470}, {32, 65, 24});
  constexpr double soleZ = -466.0;
  Shape body = blend({leg, foot}, 14.0);
  Aabb box = body.box;
  return Shape{[body, arch](const Vec& p) {
                 const double d = smoothMax(body.f(p), soleZ - p.z, 6.0);
                 return smoothMax(d, -arch(p), 8.0);
               },
               box};
}

// ---------------------------------------------------------------- construction

struct Layering {
  std::string id;
  Shape (*make)();
  Cuts cutBy; ///< structures that push this one away, with the gap left
};

Cuts join(std::initializer_list<Cuts> lists) {
  Cuts all;
  for (const auto& l : lists) {
    all.insert(all.end(), l.begin(), l.end());
  }
  return all;
}

Cuts withGap(std::initializer_list<const char*> ids, double gap) {
  Cuts c;
  for (const char* id : ids) {
    c.emplace_back(id, gap);
  }
  return c;
}

// Every bone, as something soft tissue gives way to.
const Cuts& bones() {
  static const Cuts c = [] {
    Cuts all;
    for (const auto& bone : legBones()) {
      all.emplace_back(bone.id, kJointGap);
    }
    return all;
  }();
  return c;
}

const Cuts& neurovascular() {
  static const Cuts c =
      withGap({"popliteal_artery", "popliteal_vein", "tibial_nerve", "posterior_tibial_artery",
               "posterior_tibial_veins", "fibular_artery", "anterior_tibial_artery",
               "common_fibular_nerve", "deep_fibular_nerve", "superficial_fibular_nerve",
               "sural_nerve", "small_saphenous_vein", "great_saphenous_vein", "saphenous_nerve"},
              kSheathGap);
  return c;
}

// Everything built before `id` in `list`.
Cuts before(const Cuts& list, const std::string& id) {
  Cuts c;
  for (const auto& entry : list) {
    if (entry.first == id) {
      break;
    }
    c.push_back(entry);
  }
  return c;
}

// Order matters: a structure is cut only by structures built before it. Bones first (they are
// rigid), then nerves and vessels (they keep their round section and carve their way through
// the planes between muscles), then the tendon, then the muscles, each inside its own
// compartment; where a tendon of one crosses another near the ankle, the later one gives way.
std::vector<Layering> layering() {
  const Cuts& b = bones();
  const Cuts& nv = neurovascular();
  auto nerve = [&](const char* id, Shape (*make)()) {
    return Layering{id, make, join({b, before(nv, id)})};
  };
  const Cuts posteriorTendons =
      join({withGap({"achilles_tendon"}, kInsertionGap), withGap({"plantaris"}, kFasciaGap)});
  std::vector<Layering> all;
  for (const auto& bone : legBones()) {
    all.push_back({bone.id, bone.make, bone.cutBy});
  }
  std::vector<Layering> soft = {
      nerve("popliteal_artery", poplitealArtery),
      nerve("popliteal_vein", poplitealVein),
      nerve("tibial_nerve", tibialNerve),
      nerve("posterior_tibial_artery", posteriorTibialArtery),
      nerve("posterior_tibial_veins", posteriorTibialVeins),
      nerve("fibular_artery", fibularArtery),
      nerve("anterior_tibial_artery", anteriorTibialArtery),
      nerve("common_fibular_nerve", commonFibularNerve),
      nerve("deep_fibular_nerve", deepFibularNerve),
      nerve("superficial_fibular_nerve", superficialFibularNerve),
      nerve("sural_nerve", suralNerve),
      nerve("small_saphenous_vein", smallSaphenousVein),
      nerve("great_saphenous_vein", greatSaphenousVein),
      nerve("saphenous_nerve", saphenousNerve),
      {"achilles_tendon", achillesTendon, join({b, nv})},
      {"plantaris", plantaris, join({b, nv, withGap({"achilles_tendon"}, kInsertionGap)})},
      {"gastrocnemius_medial_head", gastrocnemiusMedialHead, join({b, nv, posteriorTendons})},
      {"gastrocnemius_lateral_head", gastrocnemiusLateralHead,
       join({b, nv, posteriorTendons, withGap({"gastrocnemius_medial_head"}, kFasciaGap)})},
      {"soleus", soleus,
       join({b, nv, posteriorTendons,
             withGap({"gastrocnemius_medial_head", "gastrocnemius_lateral_head"}, kFasciaGap)})},
      {"popliteus", popliteus, join({b, nv})},
      {"tibialis_posterior", tibialisPosterior,
       join({b, nv, withGap({"popliteus", "soleus"}, kFasciaGap)})},
      {"flexor_digitorum_longus", flexorDigitorumLongus,
       join({b, nv, withGap({"popliteus", "soleus", "tibialis_posterior"}, kFasciaGap)})},
      {"flexor_hallucis_longus", flexorHallucisLongus,
       join({b, nv, posteriorTendons,
             withGap({"soleus", "tibialis_posterior", "flexor_digitorum_longus"}, kFasciaGap)})},
      {"tibialis_anterior", tibialisAnterior, join({b, nv})},
      {"extensor_digitorum_longus", extensorDigitorumLongus,
       join({b, nv, withGap({"tibialis_anterior"}, kFasciaGap)})},
      {"extensor_hallucis_longus", extensorHallucisLongus,
       join({b, nv, withGap({"tibialis_anterior", "extensor_digitorum_longus"}, kFasciaGap)})},
      {"fibularis_longus", fibularisLongus,
       join({b, nv,
             withGap({"extensor_digitorum_longus", "soleus", "flexor_hallucis_longus"},
                     kFasciaGap)})},
      {"fibularis_brevis", fibularisBrevis,
       join({b, nv,
             withGap({"fibularis_longus", "extensor_digitorum_longus", "soleus",
                      "flexor_hallucis_longus"},
                     kFasciaGap)})},
  };
  all.insert(all.end(), soft.begin(), soft.end());
  return all;
}

} // namespace

const std::vector<StructureSpec>& legStructures() {
  static const std::vector<StructureSpec> specs = [] {
    std::vector<StructureSpec> all;
    for (const auto& bone : legBones()) {
      all.push_back({bone.id, bone.triangleBudget, bone.severalPieces});
    }
    const std::vector<StructureSpec> soft = {
        {"popliteal_artery", 3000},
        {"popliteal_vein", 3000},
        {"tibial_nerve", 5000},
        {"posterior_tibial_artery", 4000},
        {"posterior_tibial_veins", 6000, true},
        {"fibular_artery", 4000},
        {"anterior_tibial_artery", 5000},
        {"common_fibular_nerve", 2500},
        {"deep_fibular_nerve", 4500},
        {"superficial_fibular_nerve", 4500},
        {"sural_nerve", 4000},
        {"small_saphenous_vein", 5000},
        {"great_saphenous_vein", 6000},
        {"saphenous_nerve", 4000},
        {"achilles_tendon", 6000},
        {"plantaris", 5000},
        {"gastrocnemius_medial_head", 16000},
        {"gastrocnemius_lateral_head", 12000},
        {"soleus", 20000},
        {"popliteus", 5000},
        {"tibialis_posterior", 12000},
        {"flexor_digitorum_longus", 10000},
        {"flexor_hallucis_longus", 10000},
        {"tibialis_anterior", 12000},
        {"extensor_digitorum_longus", 12000},
        {"extensor_hallucis_longus", 8000},
        {"fibularis_longus", 12000},
        {"fibularis_brevis", 9000},
        {"skin", 60000},
    };
    all.insert(all.end(), soft.begin(), soft.end());
    return all;
  }();
  return specs;
}

std::map<std::string, Field>
buildLegFields(double h, const std::function<void(const std::string&)>& progress) {
  const Lattice lattice{Vec(0.0), h};
  const double margin = 4.0 * h + 4.0;
  std::map<std::string, Field> fields;
  for (const auto& layer : layering()) {
    progress(layer.id);
    const Shape s = layer.make();
    Field field(lattice, s.box, margin);
    field.sample(s.f);
    for (const auto& [other, gap] : layer.cutBy) {
      if (other != layer.id) {
        field.cutBy(fields.at(other), gap);
      }
    }
    fields.emplace(layer.id, std::move(field));
  }

  // The skin: its own outline, smoothly united with what lies right under it with no muscle
  // between: the bones grown by a thin cover (the shin, the malleoli, the knee, the foot),
  // the calcaneal tendon and the tendons of the foot. Everything else lies inside the outline
  // by construction (the compartments are the outline inset by the subcutaneous layer).
  progress("skin");
  const Shape outline = skinOutline();
  Aabb box = outline.box;
  for (const auto& [id, field] : fields) {
    box.add(lattice.point(field.lo()));
    box.add(lattice.point(field.lo() + field.dims() - 1));
  }
  Field skin(lattice, box, margin);
  skin.sample(outline.f);
  for (const auto& [id, gap] : bones()) {
    // The toes carry their pulp and nail bed: more cover than the shin or the malleoli.
    const bool toe = id.rfind("phalanges", 0) == 0;
    const double cover = toe ? kToeCover : id == "calcaneus" ? kHeelCover : kBoneCover;
    skin.blendWith(fields.at(id), cover, kBoneBlendIntoSkin);
  }
  // The calcaneal tendon, tendons, nerves and vessels over the ankle and in the foot, where the
  // foot's outline is only approximate; above the ankle they lie inside the outline by
  // construction, and a blend there would raise bumps on the calf. (Faded out upwards over about 15
  // mm, so the skin shows no seam where the wrapping stops.)
  // A field pushed outward by `slope` mm per mm beyond the level `from` (upward if `up`):
  // what it adds to the skin fades out there.
  auto fadedBeyond = [](Field f, double from, double slope, bool up) {
    for (int z = 0; z < f.dims().z; ++z) {
      const double level = f.lattice().point(f.lo() + glm::ivec3(0, 0, z)).z;
      const double beyond = up ? level - from : from - level;
      if (beyond <= 0.0) {
        continue;
      }
      for (int y = 0; y < f.dims().y; ++y) {
        for (int x = 0; x < f.dims().x; ++x) {
          f.ref({x, y, z}) += static_cast<float>(slope * beyond);
        }
      }
    }
    return f;
  };
  auto belowAnkle = [&](const Field& f) { return fadedBeyond(f, kAnkleBlendTop, 0.3, true); };
  // The tendon's ridge also fades into the heel above its lowest fibres, instead of ending in
  // a step under the skin.
  skin.blendWith(fadedBeyond(belowAnkle(fields.at("achilles_tendon")), kTendonFadeTop, 0.2, false),
                 kTendonCover, 12.0);
  for (const char* id :
       {"tibialis_anterior", "extensor_digitorum_longus", "extensor_hallucis_longus",
        "fibularis_longus", "fibularis_brevis", "tibialis_posterior", "flexor_digitorum_longus",
        "flexor_hallucis_longus"}) {
    skin.blendWith(belowAnkle(fields.at(id)), 2.0, 8.0);
  }
  for (const auto& [id, gap] : neurovascular()) {
    skin.blendWith(belowAnkle(fields.at(id)), 1.0, 8.0);
  }
  fields.emplace("skin", std::move(skin));
  return fields;
}

} // namespace sura::model
