#include "scene/pick_marker.h"

#include <vtkActor.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkSphereSource.h>

namespace sura {

PickMarker::PickMarker()
    : sphere_(vtkSmartPointer<vtkSphereSource>::New()), actor_(vtkSmartPointer<vtkActor>::New()) {
  sphere_->SetThetaResolution(24);
  sphere_->SetPhiResolution(16);
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(sphere_->GetOutputPort());
  actor_->SetMapper(mapper);
  vtkProperty* property = actor_->GetProperty();
  property->SetColor(kPickMarkerColor.r, kPickMarkerColor.g, kPickMarkerColor.b);
  // Lit like the rest, but bright enough to read on a dim projector.
  property->SetAmbient(0.35);
  property->SetDiffuse(0.75);
  property->SetSpecular(0.5);
  property->SetSpecularPower(40.0);
  property->SetInterpolationToPhong();
  actor_->PickableOff();
  actor_->VisibilityOff();
}

vtkActor* PickMarker::actor() const {
  return actor_;
}

glm::dvec3 PickMarker::worldPoint(const PickedPoint& pick, bool mirrored) {
  return asDrawn(pick.point, mirrored);
}

void PickMarker::show(const std::optional<PickedPoint>& pick, bool mirrored, double radiusMm) {
  if (!pick) {
    actor_->VisibilityOff();
    return;
  }
  const glm::dvec3 at = worldPoint(*pick, mirrored);
  sphere_->SetCenter(at.x, at.y, at.z);
  sphere_->SetRadius(radiusMm);
  actor_->VisibilityOn();
}

} // namespace sura
