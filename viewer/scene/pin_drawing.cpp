#include "scene/pin_drawing.h"

#include <vtkActor.h>
#include <vtkCoordinate.h>
#include <vtkLineSource.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTubeFilter.h>

#include <algorithm>
#include <cmath>

namespace sura {

namespace {

// Where the note's lower left corner stands from the head's centre, pixels: right of the head
// and a little up, so that the head stays in sight.
constexpr double kNoteOffsetX = 11.0;
constexpr double kNoteOffsetY = 4.0;

// An actor drawing the sphere of `source` (the head, its rim), smooth at a head's size on
// screen; not pickable, as nothing of a pin is.
vtkSmartPointer<vtkActor> sphereActor(vtkSphereSource* source) {
  source->SetThetaResolution(20);
  source->SetPhiResolution(14);
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(source->GetOutputPort());
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->PickableOff();
  return actor;
}

} // namespace

std::string pinNoteText(std::size_t number, const std::string& text) {
  std::vector<std::string> lines;
  std::string rest = std::to_string(number);
  if (!text.empty()) {
    rest += "  " + text;
  }
  // Line breaks the teacher typed count; each line is then wrapped at spaces.
  std::size_t start = 0;
  bool more = false;
  while (start <= rest.size()) {
    if (lines.size() == kPinNoteLines) {
      more = true;
      break;
    }
    std::size_t end = rest.find('\n', start);
    end = end == std::string::npos ? rest.size() : end;
    std::size_t length = end - start;
    if (length > kPinNoteLineChars) {
      const std::size_t space = rest.rfind(' ', start + kPinNoteLineChars);
      length = space != std::string::npos && space > start ? space - start : kPinNoteLineChars;
      lines.push_back(rest.substr(start, length));
      start += length;
      while (start < rest.size() && rest[start] == ' ') {
        ++start;
      }
      continue;
    }
    lines.push_back(rest.substr(start, length));
    start = end + 1;
  }
  if (more && !lines.empty()) {
    std::string& last = lines.back();
    last = last.substr(0, std::min(last.size(), kPinNoteLineChars - 3)) + "...";
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += (i ? "\n" : "") + lines[i];
  }
  return out;
}

PinDrawing::PinDrawing(vtkRenderer* renderer) : renderer_(renderer) {}

PinDrawing::~PinDrawing() = default;

PinDrawing::Actors PinDrawing::make() {
  Actors a;
  a.line = vtkSmartPointer<vtkLineSource>::New();
  a.tube = vtkSmartPointer<vtkTubeFilter>::New();
  a.tube->SetInputConnection(a.line->GetOutputPort());
  a.tube->SetNumberOfSides(10);
  a.tube->CappingOn();
  auto stickMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  stickMapper->SetInputConnection(a.tube->GetOutputPort());
  stickMapper->ScalarVisibilityOff();
  a.stick = vtkSmartPointer<vtkActor>::New();
  a.stick->SetMapper(stickMapper);
  a.stick->GetProperty()->SetColor(kPinStickColor.r, kPinStickColor.g, kPinStickColor.b);
  a.stick->PickableOff();

  a.sphere = vtkSmartPointer<vtkSphereSource>::New();
  a.head = sphereActor(a.sphere);
  vtkProperty* property = a.head->GetProperty();
  property->SetAmbient(0.3);
  property->SetDiffuse(0.8);
  property->SetSpecular(0.4);
  property->SetSpecularPower(30.0);
  property->SetInterpolationToPhong();

  // The rim: a sphere a little larger than the head, unlit and drawn by its inner faces only.
  // Where the head is in front of it nothing of it shows; round the head, a flat pale ring.
  a.rimSphere = vtkSmartPointer<vtkSphereSource>::New();
  a.rim = sphereActor(a.rimSphere);
  a.rim->GetProperty()->SetColor(kPinRimColor.r, kPinRimColor.g, kPinRimColor.b);
  a.rim->GetProperty()->LightingOff();
  a.rim->GetProperty()->FrontfaceCullingOn();

  // The note is 2D, drawn over the scene: its corner follows the head's world point, moved
  // by a few pixels (a display offset from a world reference).
  a.anchor = vtkSmartPointer<vtkCoordinate>::New();
  a.anchor->SetCoordinateSystemToWorld();
  a.note = vtkSmartPointer<vtkTextActor>::New();
  a.note->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
  a.note->GetPositionCoordinate()->SetReferenceCoordinate(a.anchor);
  a.note->GetPositionCoordinate()->SetValue(kNoteOffsetX, kNoteOffsetY);
  vtkTextProperty* text = a.note->GetTextProperty();
  text->SetColor(kPinNoteTextColor.r, kPinNoteTextColor.g, kPinNoteTextColor.b);
  text->SetBackgroundColor(kPinNoteColor.r, kPinNoteColor.g, kPinNoteColor.b);
  text->SetBackgroundOpacity(0.95);
  text->FrameOn();
  text->SetFrameWidth(1);
  text->SetFrameColor(kPinHeadColor.r, kPinHeadColor.g, kPinHeadColor.b);
  text->SetJustificationToLeft();
  text->SetVerticalJustificationToBottom();
  text->BoldOff();
  text->ShadowOff();
  a.note->PickableOff();
  a.note->UseBoundsOff(); // a 2D note has no place in the scene's bounds (nor needs a window)

  renderer_->AddActor(a.stick);
  renderer_->AddActor(a.head);
  renderer_->AddActor(a.rim);
  renderer_->AddActor2D(a.note);
  return a;
}

void PinDrawing::show(const std::vector<PinShown>& pins, float uiScale) {
  while (actors_.size() < pins.size()) {
    actors_.push_back(make());
  }
  const int font = std::max(8, static_cast<int>(std::lround(kPinNoteFontPixels * uiScale)));
  for (std::size_t i = 0; i < actors_.size(); ++i) {
    Actors& a = actors_[i];
    const bool on = i < pins.size();
    a.stick->SetVisibility(on);
    a.head->SetVisibility(on);
    a.rim->SetVisibility(on);
    a.note->SetVisibility(on && pins[i].noteShown);
    if (!on) {
      continue;
    }
    const PinShown& pin = pins[i];
    const glm::dvec3 tip = pin.point + pin.normal * (kPinStickPixels * pin.mmPerPixel);
    a.line->SetPoint1(pin.point.x, pin.point.y, pin.point.z);
    a.line->SetPoint2(tip.x, tip.y, tip.z);
    a.tube->SetRadius(kPinStickRadiusPixels * pin.mmPerPixel);
    a.sphere->SetCenter(tip.x, tip.y, tip.z);
    const double headRadius = kPinHeadPixels * pin.mmPerPixel * (pin.focus ? 1.25 : 1.0);
    a.sphere->SetRadius(headRadius);
    a.rimSphere->SetCenter(tip.x, tip.y, tip.z);
    a.rimSphere->SetRadius(headRadius + kPinRimPixels * pin.mmPerPixel);
    const glm::dvec3 color = pin.focus ? kPinFocusColor : kPinHeadColor;
    a.head->GetProperty()->SetColor(color.r, color.g, color.b);
    a.anchor->SetValue(tip.x, tip.y, tip.z);
    a.note->SetInput(pin.note.c_str());
    a.note->GetTextProperty()->SetFontSize(font);
    a.note->GetTextProperty()->SetBold(pin.focus);
  }
  shown_ = pins.size();
}

std::vector<std::array<double, 4>> PinDrawing::noteExtents() const {
  std::vector<std::array<double, 4>> extents;
  for (std::size_t i = 0; i < shown_; ++i) {
    vtkTextActor* note = actors_[i].note;
    if (note->GetVisibility() == 0) {
      continue;
    }
    // VTK gives the text's box from the note's own corner; the corner follows the pin's head.
    double box[4]; // xmin, xmax, ymin, ymax
    note->GetBoundingBox(renderer_, box);
    const int* corner = note->GetPositionCoordinate()->GetComputedViewportValue(renderer_);
    extents.push_back(
        {corner[0] + box[0], corner[1] + box[2], corner[0] + box[1], corner[1] + box[3]});
  }
  return extents;
}

glm::dvec3 PinDrawing::headCentre(std::size_t i) const {
  const double* c = actors_.at(i).sphere->GetCenter();
  return {c[0], c[1], c[2]};
}

vtkActor* PinDrawing::head(std::size_t i) const {
  return actors_.at(i).head;
}

vtkTextActor* PinDrawing::note(std::size_t i) const {
  return actors_.at(i).note;
}

} // namespace sura
