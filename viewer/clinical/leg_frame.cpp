#include "clinical/leg_frame.h"

#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace sura {

LegFrame::LegFrame(const Atlas& atlas, const TriangleMesh& skin)
    : LegFrame(atlas, SkinMidline(skin)) {}

LegFrame::LegFrame(const Atlas& atlas, SkinMidline midline)
    : landmarks_(atlas.landmarks), lateralSign_(atlas.frame.side == "left" ? -1.0 : 1.0),
      midline_(std::move(midline)) {}

double LegFrame::zAt(double t) const {
  return landmarks_.kneeJointLineZ - t * landmarks_.legLength;
}

double LegFrame::tAt(double z) const {
  return (landmarks_.kneeJointLineZ - z) / landmarks_.legLength;
}

double LegFrame::lateralHalf(const SkinLevel& l) const {
  return lateralSign_ > 0 ? l.hi.x - l.centroid.x : l.centroid.x - l.lo.x;
}

double LegFrame::medialHalf(const SkinLevel& l) const {
  return lateralSign_ > 0 ? l.centroid.x - l.lo.x : l.hi.x - l.centroid.x;
}

double LegFrame::xAt(const SkinLevel& l, double m) const {
  return l.centroid.x + lateralSign_ * m * (m >= 0 ? lateralHalf(l) : medialHalf(l));
}

double LegFrame::mOf(const glm::dvec3& p) const {
  const SkinLevel l = level(p.z);
  const double offset = (p.x - l.centroid.x) * lateralSign_;
  const double half = offset >= 0 ? lateralHalf(l) : medialHalf(l);
  return half > 0 ? offset / half : std::numeric_limits<double>::quiet_NaN();
}

double LegFrame::degreesOf(const glm::dvec3& p) const {
  const SkinLevel l = level(p.z);
  const double lateral = (p.x - l.centroid.x) * lateralSign_;
  const double anterior = p.y - l.centroid.y;
  const double d = glm::degrees(std::atan2(anterior, lateral));
  return d < 0 ? d + 360.0 : d;
}

glm::dvec3 LegFrame::outward(const std::string& sector) const {
  const double degrees = sectorDegrees(sector);
  // The four axis sectors exactly (cos 270 degrees is not quite 0 in floating point): a ray
  // from behind must keep x to the last bit, so that a point on it keeps its m.
  const double a = glm::radians(degrees);
  const bool onAxis = std::fmod(degrees, 90.0) == 0.0;
  const double c = onAxis ? std::round(std::cos(a)) : std::cos(a);
  const double s = onAxis ? std::round(std::sin(a)) : std::sin(a);
  return {lateralSign_ * c, s, 0.0};
}

Ray LegFrame::locationRay(const TriggerPointLocation& location, double reach) const {
  const double z = zAt(location.t);
  const SkinLevel l = level(z);
  const glm::dvec3 through(xAt(l, location.m), l.centroid.y, z);
  const glm::dvec3 out = outward(location.surface);
  return Ray{through + out * reach, -out};
}

glm::dvec3 LegFrame::outwardAt(double degrees) const {
  const double a = glm::radians(degrees);
  return {lateralSign_ * std::cos(a), std::sin(a), 0.0};
}

Ray LegFrame::radialRay(const PinLocation& location, double reach) const {
  const double z = zAt(location.t);
  const SkinLevel l = level(z);
  const glm::dvec3 out = outwardAt(location.degrees);
  return Ray{glm::dvec3(l.centroid.x, l.centroid.y, z) + out * reach, -out};
}

std::string sectorName(double degrees) {
  const long k = ((std::lround(degrees / 45.0) % 8) + 8) % 8;
  return legSurfaceNames()[static_cast<std::size_t>(k)];
}

double sectorDegrees(const std::string& name) {
  const auto& names = legSurfaceNames();
  const auto at = std::find(names.begin(), names.end(), name);
  return 45.0 * static_cast<double>(at - names.begin());
}

} // namespace sura
