// Signed distance functions for the parametric lower-leg model.
//
// Every structure is described as a few smooth primitives (elliptical slice sweeps, tubes
// along curved paths, ellipsoids) combined with smooth unions. Distances are approximate
// (exact on the surface, a good estimate near it), which is all the contouring and the
// smooth blends need. Negative inside, positive outside, millimetres.
#pragma once

#include "geometry/mesh.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <functional>
#include <vector>

namespace sura::model {

using Vec = glm::dvec3;
using Sdf = std::function<double(const Vec&)>;

/// Polynomial smooth minimum: a union whose seam is rounded over about k mm.
double smoothMin(double a, double b, double k);
/// Smooth intersection (the mirror of smoothMin).
double smoothMax(double a, double b, double k);

/// One key of a slice sweep: at position `s` along the sweep axis, an ellipse centred at
/// (cu, cv) in the slice plane with semi-axes a (along u) and b (along v), turned by
/// angleDeg about the axis. n is the superellipse exponent: 2 is an ellipse, larger values
/// square the section off (the knee and the thigh are rounded rectangles, not ellipses).
struct SliceKey {
  double s, cu, cv, a, b, angleDeg = 0.0, n = 2.0;
};

/// A solid made of elliptical slices perpendicular to one coordinate axis: the natural
/// description of a limb, a muscle belly or a tendon, whose cross-sections change smoothly
/// along the leg. Keys are interpolated with a monotone cubic, so a profile that only grows
/// and shrinks between keys never overshoots (no bulges that nobody drew).
class SliceSweep {
public:
  /// axis: 0 = x (slices in y,z), 1 = y (slices in z,x), 2 = z (slices in x,y).
  SliceSweep(int axis, std::vector<SliceKey> keys);
  double operator()(const Vec& p) const;
  Aabb bounds() const;

private:
  struct Slice {
    double cu, cv, a, b, cosA, sinA, n;
  };
  Slice sliceAt(double s) const;
  double sliceDistance(const Slice& slice, double u, double v) const;

  int axis_;
  double s0_, s1_;
  std::vector<Slice> table_; // dense samples between s0 and s1
};

/// A point of a tube's path with the tube's radius there.
struct TubeKey {
  Vec p;
  double r;
};

/// A round tube along a smooth (Catmull-Rom) path through its keys: nerves, vessels,
/// tendons, long bones. Ends are rounded.
class Tube {
public:
  explicit Tube(const std::vector<TubeKey>& keys);
  double operator()(const Vec& p) const;
  Aabb bounds() const;

private:
  std::vector<TubeKey> samples_;
  Aabb box_;
};

/// An ellipsoid with its axes along x, y, z.
class Ellipsoid {
public:
  Ellipsoid(Vec centre, Vec radii);
  double operator()(const Vec& p) const;
  Aabb bounds() const;

private:
  Vec c_, r_;
};

/// One key of a polygon sweep: at height z, a convex polygon (corners in order, x and y) whose
/// corners and edges are rounded by r mm.
struct PolygonKey {
  double z;
  std::vector<glm::dvec2> corners;
  double r;
};

/// A solid whose horizontal sections are rounded convex polygons joined smoothly between keys
/// (every key has the same number of corners). A long bone's shaft is one: the tibia's
/// rounded triangle shows its anterior border and flat subcutaneous surface, where an ellipse
/// would read as a rod.
class PolygonSweep {
public:
  explicit PolygonSweep(std::vector<PolygonKey> keys);
  double operator()(const Vec& p) const;
  Aabb bounds() const;

private:
  struct Section {
    std::vector<glm::dvec2> corners;
    double r;
  };
  const Section& sectionAt(double z) const;

  double z0_, z1_;
  std::vector<Section> table_; // dense samples between z0 and z1
  Aabb box_;
};

/// A primitive together with its bounding box (so that sampling can skip empty space).
struct Shape {
  Sdf f;
  Aabb box;
};

template <class Primitive> Shape shape(Primitive prim) {
  Aabb box = prim.bounds();
  return Shape{[prim](const Vec& p) { return prim(p); }, box};
}

/// Smooth union of shapes with blend radius k.
Shape blend(std::vector<Shape> parts, double k);

/// The primitives as shapes: a sweep along z, an ellipsoid, a tube, a polygon sweep.
Shape zSweep(std::vector<SliceKey> keys);
Shape ellipsoid(Vec centre, Vec radii);
Shape tube(std::vector<TubeKey> keys);
Shape polygonSweep(std::vector<PolygonKey> keys);

/// `from` with `cut` carved out of it, the edge of the hollow rounded over k mm (a groove, a
/// notch, a socket).
Shape carve(Shape from, Shape cut, double k);

} // namespace sura::model
