// The marker at the last clicked point: a small bead pinned to the surface, in a colour no
// structure of the atlas uses, so a teacher can say "here" and the class sees where.
#pragma once

#include "state/app_state.h"

#include <vtkSmartPointer.h>

#include <optional>

class vtkActor;
class vtkSphereSource;

namespace sura {

/// Radius of the bead on screen, pixels: the same size at every zoom, readable from the back
/// of a classroom.
inline constexpr double kPickMarkerRadiusPixels = 9.0;
/// Violet: apart from every tissue colour (reds, browns, bone white, nerve yellow, vein blue)
/// and from the trigger points' cyan and the referred zones' red.
inline constexpr glm::dvec3 kPickMarkerColor{0.62, 0.22, 0.95};

class PickMarker {
public:
  PickMarker();

  /// The marker's actor; the scene adds it to its renderer.
  vtkActor* actor() const;

  /// Puts the bead on the picked point (atlas frame, mirrored with the atlas when `mirrored`)
  /// with a radius in mm, or hides it when there is no pick.
  void show(const std::optional<PickedPoint>& pick, bool mirrored, double radiusMm);

  /// Where the bead is drawn (world frame), when there is a pick.
  static glm::dvec3 worldPoint(const PickedPoint& pick, bool mirrored);

private:
  vtkSmartPointer<vtkSphereSource> sphere_;
  vtkSmartPointer<vtkActor> actor_;
};

} // namespace sura
