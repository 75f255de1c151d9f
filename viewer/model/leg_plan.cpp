#include "model/leg_plan.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>

namespace sura::model {

namespace {

constexpr double kStep = 0.25; // mm between tabulated levels
constexpr double kPi = 3.14159265358979323846;

// The skin's outline: centre and radius every 30 degrees from lateral (phi 0, 30, 60, 90
// anterior, 120, 150, 180 medial, 210, 240, 270 posterior, 300, 330). An egg with the tibia at
// its narrow front: the anteromedial radii are kept inside the tibia, so that the shin is the
// tibia's own surface under 2-5 mm of tissue (the skin is united with the bone grown by 3 mm),
// and the calf bulges behind, round the gastrocnemius heads. Girths (tape measure, convex
// hull) are held to adult figures in tests/model: calf 34-38 cm at t 0.25-0.35, ankle 20.5-24
// cm just above the malleoli (see docs/anatomy.md).
const std::vector<std::vector<double>> kSkinKeys = {
    //  z     cx    cy   0   30  60  90 120 150 180 210 240 270 300 330
    {165, 0, 0, 68, 66, 66, 66, 66, 66, 68, 67, 65, 64, 65, 66},
    {100, 0, -2, 62, 61, 60, 58, 59, 61, 64, 64, 63, 62, 62, 62},
    {40, 0, -4, 57, 55, 56, 57, 55, 56, 58, 58, 57, 56, 57, 57},
    {0, 0, -6, 54, 52, 53, 52, 50, 50, 53, 55, 55, 52, 54, 54},
    {-20, 0, -10, 54, 51, 48, 46, 44, 45, 51, 55, 55, 53, 54, 54},
    {-40, 0, -14, 56, 52, 47, 43, 39, 41, 50, 55, 56, 54, 54, 55},
    {-80, 0, -19, 60, 58, 52, 49, 39, 40, 49, 57, 60, 60, 58, 57},
    {-117, 0, -22, 61, 59, 56, 53, 41, 40, 48, 58, 62, 62, 60, 58},
    {-156, 0, -22, 59, 57, 54, 52, 40, 38, 46, 55, 59, 59, 57, 56},
    {-195, 0, -20, 55, 53, 50, 48, 38, 35, 42, 50, 53, 53, 52, 51},
    {-234, 1, -17, 48, 47, 45, 45, 35, 32, 37, 43, 46, 46, 45, 45},
    {-273, 2, -14, 39, 38, 39, 42, 33, 30, 32, 36, 38, 39, 40, 40},
    {-312, 3, -11, 32, 31, 36, 43, 33, 29, 30, 31, 32, 33, 32, 33},
    {-340, 3, -10, 31, 30, 37, 47, 35, 30, 29, 30, 31, 32, 31, 31},
    {-370, 3, -9, 38, 36, 40, 46, 37, 34, 36, 36, 36, 38, 38, 38},
    {-400, 3, -10, 40, 38, 41, 46, 40, 37, 39, 40, 42, 46, 44, 42},
    {-425, 3, -14, 38, 36, 38, 42, 38, 35, 36, 38, 42, 48, 44, 40},
};

// Subcutaneous thickness (mm) round the leg, same directions: thin over the shin and the
// ankle, thickest at the back of the calf (MRI: 4-15 mm there; fat 10-30 % of the section in
// adults).
const std::vector<std::vector<double>> kSubcutisKeys = {
    //  z    0    30   60   90   120  150  180  210  240  270  300  330
    {165, 6, 6, 5, 5, 5, 6, 7, 7, 7, 7, 7, 6},
    {0, 5, 4.5, 4, 4, 3.5, 4, 5, 6, 6.5, 6.5, 6, 5.5},
    {-117, 5, 4.5, 4, 4, 2.5, 3.5, 5.5, 6.5, 7, 7, 6.5, 5.5},
    {-195, 4, 3.5, 3.5, 3.5, 2.5, 3.5, 4.5, 5.5, 6, 6, 5.5, 4.5},
    {-273, 4, 3.5, 3.5, 3.5, 2.5, 3, 4, 4.5, 5, 5, 4.5, 4},
    {-340, 3.5, 3, 3, 3, 2.5, 3, 3.5, 4, 4.5, 4.5, 4, 3.5},
    {-425, 3.5, 3, 3, 3, 3, 3, 3.5, 4, 4.5, 4.5, 4, 3.5},
};

// Bone axes (x, y) by level: the tibial plateau and shaft, the fibular head and shaft (the
// axes of the bones in bones.cpp).
const std::vector<std::vector<double>> kTibiaKeys = {
    {60, 0, -3},    {-16, 0, -3},   {-40, -4, 4},   {-70, -5, 8},  {-120, -6, 11},
    {-200, -7, 12}, {-280, -8, 11}, {-330, -8, 10}, {-360, -8, 9}, {-480, -8, 9}};
const std::vector<std::vector<double>> kFibulaKeys = {
    {60, 38, -14},  {-32, 38, -14}, {-42, 38, -13}, {-120, 35, -7},
    {-220, 31, -3}, {-320, 30, -4}, {-370, 29, -6}, {-480, 29, -7}};

// The deep posterior compartment in section: an ellipse behind the membrane (half-width along
// it, depth behind it, centre offset behind its midpoint). The soleus wraps round it as a
// crescent; the transverse intermuscular septum is its posterior wall.
const std::vector<std::vector<double>> kDeepKeys = {
    // z    half-width depth offset
    {60, 28, 12, 2},   {0, 30, 13, 3},    {-60, 30, 16, 5},  {-120, 33, 20, 6}, {-156, 33, 22, 6},
    {-200, 32, 20, 6}, {-260, 28, 17, 6}, {-320, 22, 15, 6}, {-480, 18, 11, 5}};

// Directions of the fascial walls in section (unit vectors are made in compute()): the line
// through the tibia's anterior border, the anterior and posterior intermuscular septa from
// the fibula to the deep fascia, and the line through the tibia's medial border.
const Vec2 kTibiaAnteriorBorder{0.25, 1.0};
const Vec2 kAnteriorSeptum{0.6, 1.0};
const Vec2 kPosteriorSeptum{0.45, -1.0};
const Vec2 kTibiaMedialBorder{-1.0, -0.2};

Ring ring(const KeyTable& t, double z, int first) {
  Ring v{};
  for (int k = 0; k < kRingSize; ++k) {
    v[static_cast<std::size_t>(k)] = t.at(z, first + k);
  }
  return v;
}

// Signed distance to the line through `a` with direction `d`, positive on the side the
// right-hand normal (d.y, -d.x) points to: lateral of the anterior septum and of the tibia's
// anterior border, posteromedial of the posterior septum, anteromedial of the medial border.
double sideOf(const Vec2& q, const Vec2& a, const Vec2& d) {
  const Vec2 dn = glm::normalize(d);
  return glm::dot(q - a, Vec2(dn.y, -dn.x));
}

double ellipse(const Vec2& q, double a, double b) {
  const double k0 = std::hypot(q.x / a, q.y / b);
  const double k1 = std::hypot(q.x / (a * a), q.y / (b * b));
  return k1 < 1e-12 ? -std::min(a, b) : k0 * (k0 - 1.0) / k1;
}

} // namespace

double roundedMax(std::initializer_list<double> terms, double k) {
  double d = -1e300;
  for (const double t : terms) {
    d = d < -1e299 ? t : smoothMax(d, t, k);
  }
  return d;
}

double aroundLeg(const Ring& v, double phiDeg, double* perRadian) {
  constexpr double step = 360.0 / kRingSize;
  double s = std::fmod(phiDeg, 360.0) / step;
  if (s < 0.0) {
    s += kRingSize;
  }
  const int i = static_cast<int>(std::floor(s));
  const double t = s - i;
  auto at = [&](int k) {
    return v[static_cast<std::size_t>(((k % kRingSize) + kRingSize) % kRingSize)];
  };
  const double p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2);
  const double a = 2.0 * p1, b = p2 - p0, c = 2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3,
               d = -p0 + 3.0 * p1 - 3.0 * p2 + p3;
  if (perRadian != nullptr) {
    *perRadian = 0.5 * (b + 2.0 * c * t + 3.0 * d * t * t) / (step * kPi / 180.0);
  }
  return 0.5 * (a + b * t + c * t * t + d * t * t * t);
}

LegPlan::LegPlan()
    : skin_(kSkinKeys), subcutis_(kSubcutisKeys), tibia_(kTibiaKeys), fibula_(kFibulaKeys),
      deep_(kDeepKeys), z0_(-480.0), z1_(200.0) {
  const auto count = static_cast<std::size_t>((z1_ - z0_) / kStep) + 1;
  table_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    table_.push_back(compute(z0_ + static_cast<double>(i) * kStep));
  }
}

Level LegPlan::compute(double z) const {
  Level l;
  l.centre = Vec2(skin_.at(z, 0), skin_.at(z, 1));
  l.radius = ring(skin_, z, 2);
  l.subcutis = ring(subcutis_, z, 0);
  l.tibia = Vec2(tibia_.at(z, 0), tibia_.at(z, 1));
  l.fibula = Vec2(fibula_.at(z, 0), fibula_.at(z, 1));
  const Vec2 tf = l.fibula - l.tibia;
  l.membraneLength = glm::length(tf);
  l.u = tf / l.membraneLength;
  l.n = Vec2(l.u.y, -l.u.x);
  l.deepHalfWidth = deep_.at(z, 0);
  l.deepDepth = deep_.at(z, 1);
  l.deepOffset = deep_.at(z, 2);
  l.deepCentreAlong = l.membraneLength / 2.0 - 4.0;
  return l;
}

const Level& LegPlan::level(double z) const {
  const double x = std::clamp((z - z0_) / kStep, 0.0, static_cast<double>(table_.size() - 1));
  return table_[static_cast<std::size_t>(std::lround(x))];
}

double LegPlan::phiOf(const Vec& p) const {
  const Level& l = level(p.z);
  double phi = std::atan2(p.y - l.centre.y, p.x - l.centre.x) * 180.0 / kPi;
  return phi < 0.0 ? phi + 360.0 : phi;
}

double LegPlan::radius(double z, double phiDeg) const {
  return aroundLeg(level(z).radius, phiDeg);
}

double LegPlan::subcutis(double z, double phiDeg) const {
  return aroundLeg(level(z).subcutis, phiDeg);
}

double LegPlan::outline(const Vec& p) const {
  // Polar curve r = R(phi): F = r - R(phi) has |grad F| = sqrt(1 + (R'/r)^2), and F / |grad F|
  // is the distance to first order (exact on the curve).
  const Level& l = level(p.z);
  const Vec2 q = Vec2(p.x, p.y) - l.centre;
  const double r = glm::length(q);
  double phi = std::atan2(q.y, q.x) * 180.0 / kPi;
  double dR = 0.0;
  const double R = aroundLeg(l.radius, phi < 0.0 ? phi + 360.0 : phi, &dR);
  const double slope = r > 1e-6 ? dR / r : 0.0;
  return (r - R) / std::sqrt(1.0 + slope * slope);
}

double LegPlan::interior(const Vec& p) const {
  return outline(p) + subcutis(p.z, phiOf(p));
}

double LegPlan::anterior(const Vec& p, double gap) const {
  const Level& l = level(p.z);
  const Vec2 q(p.x, p.y);
  const double h = gap / 2.0;
  const double membrane = glm::dot(q - l.tibia, l.n); // > 0 behind it
  return roundedMax({interior(p), membrane + h, -sideOf(q, l.tibia, kTibiaAnteriorBorder) + h,
                     sideOf(q, l.fibula, kAnteriorSeptum) + h});
}

double LegPlan::lateral(const Vec& p, double gap) const {
  const Level& l = level(p.z);
  const Vec2 q(p.x, p.y);
  const double h = gap / 2.0;
  return roundedMax({interior(p), -sideOf(q, l.fibula, kAnteriorSeptum) + h,
                     sideOf(q, l.fibula, kPosteriorSeptum) + h});
}

double LegPlan::posterior(const Vec& p, double gap) const {
  const Level& l = level(p.z);
  const Vec2 q(p.x, p.y);
  const double h = gap / 2.0;
  const double membrane = glm::dot(q - l.tibia, l.n);
  return roundedMax({interior(p), -membrane + h, -sideOf(q, l.fibula, kPosteriorSeptum) + h,
                     sideOf(q, l.tibia, kTibiaMedialBorder) + h});
}

namespace {

double deepEllipse(const Level& l, const Vec2& q) {
  // Centred a little medial of the membrane's midpoint: flexor digitorum longus covers the
  // back of the tibia to its medial border.
  const Vec2 c = l.tibia + l.u * l.deepCentreAlong + l.n * l.deepOffset;
  const Vec2 d = q - c;
  return ellipse(Vec2(glm::dot(d, l.u), glm::dot(d, l.n)), l.deepHalfWidth, l.deepDepth);
}

} // namespace

double LegPlan::deepPosterior(const Vec& p, double gap) const {
  const Level& l = level(p.z);
  return roundedMax({posterior(p, gap), deepEllipse(l, Vec2(p.x, p.y)) + gap / 2.0});
}

double LegPlan::superficialPosterior(const Vec& p, double gap) const {
  const Level& l = level(p.z);
  return roundedMax({posterior(p, gap), -deepEllipse(l, Vec2(p.x, p.y)) + gap / 2.0});
}

Vec LegPlan::underSkin(double z, double phiDeg, double depth) const {
  const Level& l = level(z);
  const double a = phiDeg * kPi / 180.0;
  const double r = aroundLeg(l.radius, phiDeg) - depth;
  return {l.centre.x + r * std::cos(a), l.centre.y + r * std::sin(a), z};
}

Vec LegPlan::inBoneFrame(double z, double along, double across) const {
  const Level& l = level(z);
  const Vec2 q = l.tibia + l.u * along + l.n * across;
  return {q.x, q.y, z};
}

} // namespace sura::model
