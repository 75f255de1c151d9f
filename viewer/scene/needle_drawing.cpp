#include "scene/needle_drawing.h"

#include <vtkActor.h>
#include <vtkLineSource.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>
#include <vtkTubeFilter.h>

#include <algorithm>
#include <cmath>

namespace sura {

namespace {

constexpr int kTubeSides = 12;
constexpr double kWidthStep = 1.1;

bool sameAs(const double* a, const glm::dvec3& b) {
  return a[0] == b.x && a[1] == b.y && a[2] == b.z;
}

} // namespace

NeedleDrawing::Tube NeedleDrawing::makeTube(const glm::dvec3& color) {
  Tube t;
  t.line = vtkSmartPointer<vtkLineSource>::New();
  t.tube = vtkSmartPointer<vtkTubeFilter>::New();
  t.tube->SetInputConnection(t.line->GetOutputPort());
  t.tube->SetNumberOfSides(kTubeSides);
  t.tube->CappingOn();
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(t.tube->GetOutputPort());
  mapper->ScalarVisibilityOff();
  t.actor = vtkSmartPointer<vtkActor>::New();
  t.actor->SetMapper(mapper);
  vtkProperty* property = t.actor->GetProperty();
  property->SetColor(color.r, color.g, color.b);
  property->SetInterpolationToPhong();
  t.actor->PickableOff();
  t.actor->VisibilityOff();
  return t;
}

void NeedleDrawing::placeTube(Tube& t, const glm::dvec3& from, const glm::dvec3& to,
                              double radius) {
  // Only what changed is set: an unchanged source does not run again.
  if (!sameAs(t.line->GetPoint1(), from)) {
    t.line->SetPoint1(from.x, from.y, from.z);
  }
  if (!sameAs(t.line->GetPoint2(), to)) {
    t.line->SetPoint2(to.x, to.y, to.z);
  }
  if (t.tube->GetRadius() != radius) {
    t.tube->SetRadius(radius);
  }
  t.actor->SetVisibility(true);
}

NeedleDrawing::NeedleDrawing()
    : inside_(makeTube(kNeedleShaftColor)), outside_(makeTube(kNeedleOutsideColor)),
      handle_(makeTube(kNeedleHandleColor)), tipSphere_(vtkSmartPointer<vtkSphereSource>::New()),
      tip_(vtkSmartPointer<vtkActor>::New()) {
  vtkProperty* steel = inside_.actor->GetProperty();
  steel->SetAmbient(0.2);
  steel->SetSpecular(0.8);
  steel->SetSpecularPower(60.0);
  outside_.actor->GetProperty()->SetSpecular(0.3);
  handle_.actor->GetProperty()->SetSpecular(0.4);
  tipSphere_->SetThetaResolution(20);
  tipSphere_->SetPhiResolution(12);
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(tipSphere_->GetOutputPort());
  tip_->SetMapper(mapper);
  vtkProperty* mark = tip_->GetProperty();
  mark->SetColor(kNeedleTipColor.r, kNeedleTipColor.g, kNeedleTipColor.b);
  mark->SetAmbient(0.45);
  mark->SetDiffuse(0.7);
  mark->SetSpecular(0.3);
  tip_->PickableOff();
  tip_->VisibilityOff();
}

void NeedleDrawing::addTo(vtkRenderer* renderer) {
  for (vtkActor* actor :
       {inside_.actor.Get(), outside_.actor.Get(), handle_.actor.Get(), tip_.Get()}) {
    renderer->AddActor(actor);
  }
}

void NeedleDrawing::show(const NeedlePlacement* placement, double mmPerPixel) {
  if (!placement) {
    for (vtkActor* actor :
         {inside_.actor.Get(), outside_.actor.Get(), handle_.actor.Get(), tip_.Get()}) {
      actor->VisibilityOff();
    }
    return;
  }
  const glm::dvec3 entry = placement->entry;
  const glm::dvec3 tip = placement->tip();
  const glm::dvec3 out =
      entry - placement->direction * (placement->lengthMm - placement->insertedMm);
  const glm::dvec3 handleEnd = out - placement->direction * kNeedleHandleMm;
  // Widened on screen in steps of 10 %, so that a small zoom does not rebuild the tubes.
  const auto atLeast = [&](double mm, double pixels) {
    const double wanted = pixels * mmPerPixel;
    if (!(wanted > mm)) {
      return mm;
    }
    return std::pow(kWidthStep, std::ceil(std::log(wanted) / std::log(kWidthStep)));
  };
  const double radius = atLeast(placement->gaugeMm, kNeedleMinPixels) / 2.0;
  placeTube(inside_, entry, tip, radius);
  if (placement->lengthMm > placement->insertedMm) {
    placeTube(outside_, out, entry, radius);
  } else {
    outside_.actor->VisibilityOff();
  }
  placeTube(handle_, handleEnd, out, atLeast(kNeedleHandleDiameterMm, kNeedleHandlePixels) / 2.0);
  const double tipRadius = std::max(placement->gaugeMm, kNeedleTipPixels * mmPerPixel);
  if (!sameAs(tipSphere_->GetCenter(), tip)) {
    tipSphere_->SetCenter(tip.x, tip.y, tip.z);
  }
  if (std::abs(tipSphere_->GetRadius() - tipRadius) > 0.1 * tipRadius) {
    tipSphere_->SetRadius(tipRadius);
  }
  tip_->VisibilityOn();
}

vtkActor* NeedleDrawing::inside() const {
  return inside_.actor;
}
vtkActor* NeedleDrawing::outside() const {
  return outside_.actor;
}
vtkActor* NeedleDrawing::handle() const {
  return handle_.actor;
}
vtkActor* NeedleDrawing::tip() const {
  return tip_;
}

} // namespace sura
