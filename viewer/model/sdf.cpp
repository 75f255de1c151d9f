#include "model/sdf.h"

#include "model/profile.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sura::model {

double smoothMin(double a, double b, double k) {
  if (k <= 0.0) {
    return std::min(a, b);
  }
  const double h = std::clamp(0.5 + 0.5 * (b - a) / k, 0.0, 1.0);
  return b + (a - b) * h - k * h * (1.0 - h);
}

double smoothMax(double a, double b, double k) {
  return -smoothMin(-a, -b, k);
}

namespace {

constexpr int kSweepTableSize = 1024;

// Coordinates (s, u, v) of p for a sweep along `axis`: s along the axis, (u, v) in the slice.
void splitAxis(int axis, const Vec& p, double& s, double& u, double& v) {
  switch (axis) {
  case 0:
    s = p.x, u = p.y, v = p.z;
    break;
  case 1:
    s = p.y, u = p.z, v = p.x;
    break;
  default:
    s = p.z, u = p.x, v = p.y;
    break;
  }
}

Vec joinAxis(int axis, double s, double u, double v) {
  switch (axis) {
  case 0:
    return {s, u, v};
  case 1:
    return {v, s, u};
  default:
    return {u, v, s};
  }
}

} // namespace

SliceSweep::SliceSweep(int axis, std::vector<SliceKey> keys) : axis_(axis) {
  if (keys.size() < 2) {
    throw std::invalid_argument("a slice sweep needs at least two keys");
  }
  std::sort(keys.begin(), keys.end(),
            [](const SliceKey& l, const SliceKey& r) { return l.s < r.s; });
  std::vector<double> s, cu, cv, a, b, ang, n;
  for (const auto& k : keys) {
    s.push_back(k.s), cu.push_back(k.cu), cv.push_back(k.cv);
    a.push_back(k.a), b.push_back(k.b), ang.push_back(k.angleDeg), n.push_back(k.n);
  }
  const MonotoneCubic fcu(s, cu), fcv(s, cv), fa(s, a), fb(s, b), fang(s, ang), fn(s, n);
  s0_ = s.front();
  s1_ = s.back();
  table_.resize(kSweepTableSize);
  for (int i = 0; i < kSweepTableSize; ++i) {
    const double si = s0_ + (s1_ - s0_) * i / (kSweepTableSize - 1);
    const double angle = glm::radians(fang(si));
    table_[i] =
        Slice{fcu(si),         fcv(si),         std::max(fa(si), 0.05), std::max(fb(si), 0.05),
              std::cos(angle), std::sin(angle), std::max(fn(si), 1.5)};
  }
}

SliceSweep::Slice SliceSweep::sliceAt(double s) const {
  const double x = std::clamp((s - s0_) / (s1_ - s0_), 0.0, 1.0) * (kSweepTableSize - 1);
  const int i = std::min(static_cast<int>(x), kSweepTableSize - 2);
  const double f = x - i;
  const Slice& l = table_[i];
  const Slice& r = table_[i + 1];
  auto mix = [f](double p, double q) { return p + (q - p) * f; };
  return Slice{mix(l.cu, r.cu),     mix(l.cv, r.cv),     mix(l.a, r.a), mix(l.b, r.b),
               mix(l.cosA, r.cosA), mix(l.sinA, r.sinA), mix(l.n, r.n)};
}

double SliceSweep::sliceDistance(const Slice& sl, double u, double v) const {
  // Into the section's own frame, then a first-order distance (r - 1) / |grad r| of the
  // superellipse level function r: exact on the boundary and good nearby. For n = 2 it is
  // the familiar ellipse estimate k0 (k0 - 1) / k1.
  const double du = u - sl.cu;
  const double dv = v - sl.cv;
  const double x = std::abs(sl.cosA * du + sl.sinA * dv) / sl.a;
  const double y = std::abs(-sl.sinA * du + sl.cosA * dv) / sl.b;
  double r, gx, gy;
  if (sl.n == 2.0) {
    r = std::hypot(x, y);
    gx = x / sl.a, gy = y / sl.b;
    if (r > 0.0) {
      gx /= r, gy /= r;
    }
  } else {
    const double px = std::pow(x, sl.n - 1.0), py = std::pow(y, sl.n - 1.0);
    const double sum = px * x + py * y;
    r = std::pow(sum, 1.0 / sl.n);
    const double scale = sum > 0.0 ? std::pow(r, 1.0 - sl.n) : 0.0;
    gx = scale * px / sl.a, gy = scale * py / sl.b;
  }
  const double g = std::hypot(gx, gy);
  if (g < 1e-12) {
    return -std::min(sl.a, sl.b);
  }
  return (r - 1.0) / g;
}

double SliceSweep::operator()(const Vec& p) const {
  double s, u, v;
  splitAxis(axis_, p, s, u, v);
  const double d = sliceDistance(sliceAt(s), u, v);
  const double ds = std::max(s0_ - s, s - s1_);
  if (ds <= 0.0) {
    // Inside the axial range: also respect the flat end caps.
    return std::max(d, ds);
  }
  return d > 0.0 ? std::hypot(d, ds) : ds;
}

Aabb SliceSweep::bounds() const {
  Aabb box;
  for (int i = 0; i < kSweepTableSize; ++i) {
    const Slice& sl = table_[i];
    const double s = s0_ + (s1_ - s0_) * i / (kSweepTableSize - 1);
    // Extent of a rotated ellipse along u and v.
    const double eu = std::hypot(sl.a * sl.cosA, sl.b * sl.sinA);
    const double ev = std::hypot(sl.a * sl.sinA, sl.b * sl.cosA);
    box.add(joinAxis(axis_, s, sl.cu - eu, sl.cv - ev));
    box.add(joinAxis(axis_, s, sl.cu + eu, sl.cv + ev));
  }
  return box;
}

namespace {

Vec catmullRom(const Vec& p0, const Vec& p1, const Vec& p2, const Vec& p3, double t) {
  const double t2 = t * t;
  const double t3 = t2 * t;
  return 0.5 * ((2.0 * p1) + (-p0 + p2) * t + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2 +
                (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * t3);
}

constexpr int kTubeSamplesPerKey = 16;

} // namespace

Tube::Tube(const std::vector<TubeKey>& keys) {
  if (keys.empty()) {
    throw std::invalid_argument("a tube needs at least one key");
  }
  const std::size_t n = keys.size();
  auto key = [&](long i) { return keys[static_cast<std::size_t>(std::clamp<long>(i, 0, n - 1))]; };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const long li = static_cast<long>(i);
    for (int j = 0; j < kTubeSamplesPerKey; ++j) {
      const double t = static_cast<double>(j) / kTubeSamplesPerKey;
      const Vec p = catmullRom(key(li - 1).p, key(li).p, key(li + 1).p, key(li + 2).p, t);
      samples_.push_back({p, keys[i].r + (keys[i + 1].r - keys[i].r) * t});
    }
  }
  samples_.push_back(keys.back());
  for (const auto& s : samples_) {
    box_.add(s.p - Vec(s.r));
    box_.add(s.p + Vec(s.r));
  }
}

double Tube::operator()(const Vec& p) const {
  if (samples_.size() == 1) {
    return glm::length(p - samples_[0].p) - samples_[0].r;
  }
  double best = 1e300;
  for (std::size_t i = 0; i + 1 < samples_.size(); ++i) {
    const Vec a = samples_[i].p;
    const Vec ab = samples_[i + 1].p - a;
    const double len2 = glm::dot(ab, ab);
    const double h = len2 > 0.0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const double r = samples_[i].r + (samples_[i + 1].r - samples_[i].r) * h;
    best = std::min(best, glm::length(p - (a + ab * h)) - r);
  }
  return best;
}

Aabb Tube::bounds() const {
  return box_;
}

Ellipsoid::Ellipsoid(Vec centre, Vec radii) : c_(centre), r_(radii) {}

double Ellipsoid::operator()(const Vec& p) const {
  const Vec q = p - c_;
  const double k0 = glm::length(q / r_);
  const double k1 = glm::length(q / (r_ * r_));
  if (k1 < 1e-12) {
    return -std::min({r_.x, r_.y, r_.z});
  }
  return k0 * (k0 - 1.0) / k1;
}

Aabb Ellipsoid::bounds() const {
  Aabb box;
  box.add(c_ - r_);
  box.add(c_ + r_);
  return box;
}

namespace {

constexpr int kPolygonTableSize = 512;

// Signed distance from q to a convex polygon (corners in either winding order).
double convexPolygonDistance(const std::vector<glm::dvec2>& c, const glm::dvec2& q) {
  const std::size_t n = c.size();
  double area2 = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const glm::dvec2& a = c[i];
    const glm::dvec2& b = c[(i + 1) % n];
    area2 += a.x * b.y - b.x * a.y;
  }
  const double winding = area2 >= 0.0 ? 1.0 : -1.0;
  double outsideBest = 1e300;
  double insideMax = -1e300;
  bool inside = true;
  for (std::size_t i = 0; i < n; ++i) {
    const glm::dvec2 a = c[i];
    const glm::dvec2 ab = c[(i + 1) % n] - a;
    const double len = glm::length(ab);
    if (len < 1e-12) {
      continue;
    }
    // Outward normal of a counter-clockwise edge is (dy, -dx).
    const glm::dvec2 normal = winding * glm::dvec2(ab.y, -ab.x) / len;
    const double side = glm::dot(q - a, normal);
    inside = inside && side <= 0.0;
    insideMax = std::max(insideMax, side);
    const double h = std::clamp(glm::dot(q - a, ab) / (len * len), 0.0, 1.0);
    outsideBest = std::min(outsideBest, glm::length(q - (a + ab * h)));
  }
  return inside ? insideMax : outsideBest;
}

} // namespace

PolygonSweep::PolygonSweep(std::vector<PolygonKey> keys) {
  if (keys.size() < 2) {
    throw std::invalid_argument("a polygon sweep needs at least two keys");
  }
  std::sort(keys.begin(), keys.end(),
            [](const PolygonKey& l, const PolygonKey& r) { return l.z < r.z; });
  const std::size_t corners = keys.front().corners.size();
  if (corners < 3) {
    throw std::invalid_argument("a polygon sweep needs at least three corners");
  }
  std::vector<double> z, r;
  std::vector<std::vector<double>> xs(corners), ys(corners);
  for (const auto& k : keys) {
    if (k.corners.size() != corners) {
      throw std::invalid_argument("every key of a polygon sweep needs the same corners");
    }
    z.push_back(k.z), r.push_back(k.r);
    for (std::size_t i = 0; i < corners; ++i) {
      xs[i].push_back(k.corners[i].x), ys[i].push_back(k.corners[i].y);
    }
  }
  const MonotoneCubic fr(z, r);
  std::vector<MonotoneCubic> fx, fy;
  for (std::size_t i = 0; i < corners; ++i) {
    fx.emplace_back(z, xs[i]), fy.emplace_back(z, ys[i]);
  }
  z0_ = z.front();
  z1_ = z.back();
  table_.resize(kPolygonTableSize);
  for (int i = 0; i < kPolygonTableSize; ++i) {
    const double zi = z0_ + (z1_ - z0_) * i / (kPolygonTableSize - 1);
    Section& s = table_[static_cast<std::size_t>(i)];
    s.r = std::max(fr(zi), 0.0);
    for (std::size_t c = 0; c < corners; ++c) {
      s.corners.emplace_back(fx[c](zi), fy[c](zi));
      box_.add(Vec(s.corners.back().x - s.r, s.corners.back().y - s.r, zi));
      box_.add(Vec(s.corners.back().x + s.r, s.corners.back().y + s.r, zi));
    }
  }
}

const PolygonSweep::Section& PolygonSweep::sectionAt(double z) const {
  const double x = std::clamp((z - z0_) / (z1_ - z0_), 0.0, 1.0) * (kPolygonTableSize - 1);
  return table_[static_cast<std::size_t>(std::lround(x))];
}

double PolygonSweep::operator()(const Vec& p) const {
  const Section& s = sectionAt(p.z);
  const double d = convexPolygonDistance(s.corners, {p.x, p.y}) - s.r;
  const double dz = std::max(z0_ - p.z, p.z - z1_);
  if (dz <= 0.0) {
    return std::max(d, dz);
  }
  return d > 0.0 ? std::hypot(d, dz) : dz;
}

Aabb PolygonSweep::bounds() const {
  return box_;
}

Shape zSweep(std::vector<SliceKey> keys) {
  return shape(SliceSweep(2, std::move(keys)));
}

Shape ellipsoid(Vec centre, Vec radii) {
  return shape(Ellipsoid(centre, radii));
}

Shape tube(std::vector<TubeKey> keys) {
  return shape(Tube(keys));
}

Shape polygonSweep(std::vector<PolygonKey> keys) {
  return shape(PolygonSweep(std::move(keys)));
}

Shape carve(Shape from, Shape cut, double k) {
  return Shape{[from, cut, k](const Vec& p) { return smoothMax(from.f(p), -cut.f(p), k); },
               from.box};
}

Shape blend(std::vector<Shape> parts, double k) {
  Aabb box;
  for (const auto& part : parts) {
    box.add(part.box.lo);
    box.add(part.box.hi);
  }
  return Shape{[parts = std::move(parts), k](const Vec& p) {
                 double d = 1e300;
                 for (const auto& part : parts) {
                   d = smoothMin(d, part.f(p), k);
                 }
                 return d;
               },
               box};
}

} // namespace sura::model
