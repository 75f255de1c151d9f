#include "scene/scene.h"

#include "scene/camera_preset.h"
#include "scene/needle_drawing.h"
#include "scene/overlays.h"
#include "scene/pick_marker.h"
#include "scene/pin_drawing.h"
#include "scene/polydata.h"
#include "scene/trigger_point_layer.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkDataObject.h>
#include <vtkDataSetAttributes.h>
#include <vtkLightKit.h>
#include <vtkPlane.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkReverseSense.h>
#include <vtkSmartPointer.h>
#include <vtkTransform.h>
#include <vtkTransformPolyDataFilter.h>
#include <vtkWarpVector.h>

#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace sura {

namespace {

// Nested translucent layers (skin over muscle over bone) need a peel per surface a ray
// crosses; each closed layer has two.
constexpr int kMaxDepthPeels = 12;
constexpr double kFallbackAspect = 1280.0 / 800.0;
// While the camera moves, meshes of more than kLightenAbove triangles are drawn with about
// kLightenBy of their triangles removed.
constexpr std::size_t kLightenAbove = 2000;
constexpr double kLightenBy = 0.75;

using LighterMeshes = std::map<std::string, vtkSmartPointer<vtkPolyData>>;

// The selection outline of one structure: the surface blown up along its normals by a few
// pixels and drawn from behind only (front faces culled), so that just the margin beyond its
// silhouette shows: a wide dark shell under a narrower bright one. Geometry, not lines, so
// its width holds on every OpenGL. Built the first time the structure is selected.
struct OutlineShell {
  vtkSmartPointer<vtkWarpVector> inflate;
  vtkSmartPointer<vtkActor> actor;
};
struct Outline {
  OutlineShell shadow;
  OutlineShell line;
};

// One structure's pipeline: mesh with normals -> mirror (the other leg) -> mapper -> actor;
// and once made, its lighter mesh through the same mirror to a mapper of its own, which the
// actor uses while the camera moves.
struct StructureView {
  vtkSmartPointer<vtkTransform> mirror;
  vtkSmartPointer<vtkReverseSense> windingFix;
  vtkSmartPointer<vtkPolyDataMapper> mapper;
  vtkSmartPointer<vtkReverseSense> lighterWindingFix;
  vtkSmartPointer<vtkPolyDataMapper> lighterMapper;
  vtkSmartPointer<vtkActor> actor;
  std::optional<Outline> outline;
};

// mirror -> winding fix -> mapper, for a surface in the atlas frame.
vtkSmartPointer<vtkReverseSense> throughMirror(vtkPolyData* surface, vtkTransform* mirror) {
  auto mirrorFilter = vtkSmartPointer<vtkTransformPolyDataFilter>::New();
  mirrorFilter->SetInputData(surface);
  mirrorFilter->SetTransform(mirror);
  auto windingFix = vtkSmartPointer<vtkReverseSense>::New();
  windingFix->SetInputConnection(mirrorFilter->GetOutputPort());
  windingFix->ReverseCellsOff();
  windingFix->ReverseNormalsOff();
  return windingFix;
}

OutlineShell makeOutlineShell(vtkAlgorithmOutput* surface, const glm::dvec3& color) {
  OutlineShell shell;
  shell.inflate = vtkSmartPointer<vtkWarpVector>::New();
  shell.inflate->SetInputConnection(surface);
  shell.inflate->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS,
                                        vtkDataSetAttributes::NORMALS);
  shell.inflate->SetScaleFactor(0.0);
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(shell.inflate->GetOutputPort());
  mapper->ScalarVisibilityOff();
  shell.actor = vtkSmartPointer<vtkActor>::New();
  shell.actor->SetMapper(mapper);
  vtkProperty* property = shell.actor->GetProperty();
  property->SetColor(color.r, color.g, color.b);
  property->LightingOff(); // a flat band of colour, the same in every light
  property->FrontfaceCullingOn();
  shell.actor->PickableOff();
  return shell;
}

} // namespace

Material materialFor(const Structure& structure) {
  // Keyed by the group ids of docs/atlas-format.md; other groups get the default.
  Material m;
  if (structure.group == "muscles") {
    m.specular = 0.25;
    m.specularPower = 30.0;
  } else if (structure.group == "tendons") {
    m.specular = 0.35;
    m.specularPower = 40.0;
  } else if (structure.group == "skin") {
    m.specular = 0.05;
    m.specularPower = 10.0;
  } else if (structure.group == "bones") {
    m.specular = 0.08;
    m.specularPower = 15.0;
  }
  return m;
}

struct Scene::Impl {
  Atlas atlas;
  Clinical clinical;
  // Until the clinical layer is first needed, how to get it (see resolveClinical()).
  std::function<Clinical()> pendingClinical;
  bool clinicalResolved = false;
  vtkSmartPointer<vtkRenderer> renderer = vtkSmartPointer<vtkRenderer>::New();
  std::map<std::string, StructureView> views;
  PickMarker pickMarker;
  NeedleDrawing needle;
  std::unique_ptr<PinDrawing> pins;
  Aabb bounds[2]; // of every mesh as drawn, as it is [0] and mirrored [1], from the meshes
  // The leg shown, and whether that is the atlas mirrored (mirrorsAtlas).
  Side side = Side::Right;
  bool mirrored = false;
  // Empty until the first apply(), which always points the camera.
  std::optional<unsigned> appliedViewRequest;
  // Trigger points, their targets and referred zones painted on the surfaces.
  std::unique_ptr<TriggerPointLayer> clinicalMarks;
  // A fresh state has asked for no framing (0), so the first apply frames only when asked.
  unsigned appliedFrameRequest = 0;
  // The skin, atlas frame: where the referred-pain zones lie and which way they face, for
  // framing.
  TriangleMesh skin;
  // What the last apply() showed, by structure id; empty before the first.
  std::set<std::string> shown;
  bool moving = false;
  // The lighter meshes, made on a thread of their own (prepareLighterMeshes) from these.
  std::map<std::string, TriangleMesh> toLighten;
  std::future<LighterMeshes> lighter;
  std::atomic<bool> stopLightening{false};
  bool lighterAdopted = false;
  // The section: everything above the plane removed (clipped), the cuts capped, the inset.
  std::unique_ptr<SectionView> section;
  vtkSmartPointer<vtkPlane> cutPlane = vtkSmartPointer<vtkPlane>::New();
  std::optional<double> clippedAt;
  SafetyLegend legend;
  std::optional<double> safetyMargin; ///< of the map given (setSafetyMap)
  bool sectionShown = false;          // as of the last apply()

  // Clipped by the section's plane, or not.
  void clip(vtkMapper* mapper) const {
    if (!mapper) {
      return;
    }
    mapper->RemoveAllClippingPlanes();
    if (clippedAt) {
      mapper->AddClippingPlane(cutPlane);
    }
  }

  void clipAll(const std::optional<double>& z) {
    if (z == clippedAt) {
      return;
    }
    clippedAt = z;
    if (z) {
      // The part below the cut is kept: the plane's normal points down.
      cutPlane->SetOrigin(0.0, 0.0, *z);
      cutPlane->SetNormal(0.0, 0.0, -1.0);
    }
    for (auto& [id, view] : views) {
      clip(view.mapper);
      clip(view.lighterMapper);
      if (view.outline) {
        clip(view.outline->shadow.actor->GetMapper());
        clip(view.outline->line.actor->GetMapper());
      }
    }
    clip(pickMarker.actor()->GetMapper());
    // The needle too: above the cut it is taken away with the leg it goes through.
    for (vtkActor* part : {needle.inside(), needle.outside(), needle.handle(), needle.tip()}) {
      clip(part->GetMapper());
    }
  }

  // Fills `clinical` in place: the trigger point layer holds a pointer to it.
  void resolveClinical() {
    if (!clinicalResolved) {
      clinical = pendingClinical ? pendingClinical() : Clinical{};
      pendingClinical = nullptr;
      clinicalResolved = true;
    }
  }

  ~Impl() {
    stopLightening = true;
    if (lighter.valid()) {
      lighter.wait();
    }
  }

  // Gives each structure its lighter mesh once they are made; true when they are in use.
  bool adoptLighter(bool wait) {
    if (lighterAdopted) {
      return true;
    }
    if (!lighter.valid() ||
        (!wait && lighter.wait_for(std::chrono::seconds(0)) != std::future_status::ready)) {
      return false;
    }
    const LighterMeshes meshes = lighter.get();
    for (const auto& [id, surface] : meshes) {
      auto found = views.find(id);
      if (found == views.end()) {
        continue;
      }
      StructureView& view = found->second;
      view.lighterWindingFix = throughMirror(surface, view.mirror);
      view.lighterWindingFix->SetReverseCells(mirrored);
      view.lighterMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
      view.lighterMapper->SetInputConnection(view.lighterWindingFix->GetOutputPort());
      view.lighterMapper->ScalarVisibilityOff();
      clip(view.lighterMapper);
      clinicalMarks->attachLighter(id, surface, view.lighterMapper);
    }
    toLighten.clear();
    lighterAdopted = true;
    return true;
  }

  // Bounds of the structures passing `use`, as drawn now (mirrored or not).
  template <class Use> Aabb boundsOf(Use use) const {
    Aabb box;
    for (const auto& [id, view] : views) {
      if (!use(id)) {
        continue;
      }
      view.windingFix->Update();
      double b[6];
      view.windingFix->GetOutput()->GetBounds(b);
      if (b[0] <= b[1]) {
        box.add({b[0], b[2], b[4]});
        box.add({b[1], b[3], b[5]});
      }
    }
    return box;
  }

  // Of the renderer's viewport, not the whole window: the viewer draws right of its panel.
  double aspect() const {
    if (vtkRenderWindow* window = renderer->GetRenderWindow()) {
      const int* size = window->GetSize();
      const double* viewport = renderer->GetViewport();
      const double width = size[0] * (viewport[2] - viewport[0]);
      const double height = size[1] * (viewport[3] - viewport[1]);
      if (width > 0 && height > 0) {
        return width / height;
      }
    }
    return kFallbackAspect;
  }

  // Size of a screen pixel at a world point, mm: what a marker needs to keep its size on
  // screen at every zoom.
  double mmPerPixelAt(const glm::dvec3& point) const {
    vtkCamera* camera = renderer->GetActiveCamera();
    double p[3];
    camera->GetPosition(p);
    double f[3];
    camera->GetFocalPoint(f);
    const glm::dvec3 view =
        glm::normalize(glm::dvec3{f[0], f[1], f[2]} - glm::dvec3{p[0], p[1], p[2]});
    const double depth = std::max(1.0, glm::dot(point - glm::dvec3{p[0], p[1], p[2]}, view));
    const int* size = renderer->GetSize();
    const double pixels = size[1] > 0 ? size[1] : 800.0;
    const double halfAngle = camera->GetViewAngle() * glm::pi<double>() / 360.0;
    return 2.0 * depth * std::tan(halfAngle) / pixels;
  }

  // The outline of a structure, built on first use.
  Outline& outlineOf(StructureView& view) {
    if (!view.outline) {
      Outline outline;
      outline.shadow = makeOutlineShell(view.windingFix->GetOutputPort(), kOutlineShadowColor);
      outline.line = makeOutlineShell(view.windingFix->GetOutputPort(), kOutlineColor);
      clip(outline.shadow.actor->GetMapper());
      clip(outline.line.actor->GetMapper());
      renderer->AddActor(outline.shadow.actor);
      renderer->AddActor(outline.line.actor);
      view.outline = std::move(outline);
    }
    return *view.outline;
  }

  // Shows or hides a structure's outline; shown, its width is set for the camera as it now
  // stands (a shell is re-made only when the zoom changed the width noticeably).
  void showOutline(StructureView& view, bool outlined) {
    if (!outlined && !view.outline) {
      return;
    }
    Outline& outline = outlineOf(view);
    outline.shadow.actor->SetVisibility(outlined);
    outline.line.actor->SetVisibility(outlined);
    if (!outlined) {
      return;
    }
    const double* b = view.actor->GetBounds();
    const double mmPerPixel =
        mmPerPixelAt({(b[0] + b[1]) / 2.0, (b[2] + b[3]) / 2.0, (b[4] + b[5]) / 2.0});
    for (auto [shell, pixels] : {std::pair{&outline.shadow, kOutlineShadowPixels},
                                 std::pair{&outline.line, kOutlinePixels}}) {
      const double wanted = pixels * mmPerPixel;
      if (std::abs(wanted - shell->inflate->GetScaleFactor()) > 0.1 * wanted) {
        shell->inflate->SetScaleFactor(wanted);
      }
    }
  }

  // The pins on shown structures (below the section's cut, when there is one), as drawn.
  // A pin that faces away from the camera keeps its head (the leg hides it) but not its note,
  // which would float over the near side of the leg.
  void showPins(const AppState& state) {
    double eye[3];
    renderer->GetActiveCamera()->GetPosition(eye);
    std::vector<PinShown> drawn;
    for (std::size_t i = 0; i < state.pins.size(); ++i) {
      const Pin& pin = state.pins[i];
      if (!isShown(state, atlas, pin.structure) ||
          (state.sectionZ && pin.point.z > *state.sectionZ)) {
        continue;
      }
      PinShown p;
      p.point = asDrawn(pin.point, mirrored);
      p.normal = asDrawn(pin.normal, mirrored);
      p.note = pinNoteText(i + 1, pin.text);
      p.focus = state.pinFocus == i;
      p.noteShown = glm::dot(p.normal, glm::dvec3{eye[0], eye[1], eye[2]} - p.point) > 0.0;
      p.mmPerPixel = mmPerPixelAt(p.point);
      drawn.push_back(std::move(p));
    }
    pins->show(drawn, state.uiScale);
  }

  void setSide(Side newSide) {
    side = newSide;
    const bool newMirrored = mirrorsAtlas(newSide, atlas);
    if (newMirrored == mirrored) {
      return;
    }
    mirrored = newMirrored;
    for (auto& [id, structureView] : views) {
      structureView.mirror->Identity();
      if (mirrored) {
        structureView.mirror->Scale(-1.0, 1.0, 1.0);
      }
      // A mirror turns counter-clockwise triangles clockwise; reverse them so the
      // outside stays outside. The filter already mirrors the normals themselves.
      structureView.windingFix->SetReverseCells(mirrored);
      if (structureView.lighterWindingFix) {
        structureView.lighterWindingFix->SetReverseCells(mirrored);
      }
    }
    // Mirror the camera with the model so that the same view of the other leg is shown.
    vtkCamera* camera = renderer->GetActiveCamera();
    double p[3];
    camera->GetPosition(p);
    camera->SetPosition(-p[0], p[1], p[2]);
    camera->GetFocalPoint(p);
    camera->SetFocalPoint(-p[0], p[1], p[2]);
    camera->GetViewUp(p);
    camera->SetViewUp(-p[0], p[1], p[2]);
  }
};

Scene::Scene(const LoadedAtlas& loaded, const Clinical& clinical)
    : Scene(loaded, [clinical] { return clinical; }) {}

Scene::Scene(const LoadedAtlas& loaded, const std::function<Clinical()>& clinical)
    : impl_(std::make_unique<Impl>()) {
  impl_->atlas = loaded.atlas;
  impl_->bounds[0] = drawnBounds(loaded.meshes, false);
  impl_->bounds[1] = drawnBounds(loaded.meshes, true);
  // Until the first apply(), the atlas's own leg, drawn as it is.
  impl_->side = atlasSide(loaded.atlas);
  vtkRenderer* renderer = impl_->renderer;

  // The surfaces first: the clinical layer may still be in the making meanwhile.
  std::vector<std::pair<std::string, vtkSmartPointer<vtkPolyData>>> surfaces;
  for (const Structure& structure : impl_->atlas.structures) {
    auto mesh = loaded.meshes.find(structure.id);
    if (mesh == loaded.meshes.end()) {
      continue;
    }
    StructureView view;
    view.mirror = vtkSmartPointer<vtkTransform>::New();
    vtkSmartPointer<vtkPolyData> surface = smoothSurface(mesh->second);
    view.windingFix = throughMirror(surface, view.mirror);
    view.mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    view.mapper->SetInputConnection(view.windingFix->GetOutputPort());
    view.mapper->ScalarVisibilityOff();
    if (mesh->second.triangles.size() > kLightenAbove) {
      impl_->toLighten.emplace(structure.id, mesh->second);
    }

    view.actor = vtkSmartPointer<vtkActor>::New();
    view.actor->SetMapper(view.mapper);
    vtkProperty* property = view.actor->GetProperty();
    property->SetColor(structure.color.r, structure.color.g, structure.color.b);
    property->SetOpacity(structure.opacity);
    property->SetInterpolationToPhong();
    const Material material = materialFor(structure);
    property->SetAmbient(material.ambient);
    property->SetDiffuse(material.diffuse);
    property->SetSpecular(material.specular);
    property->SetSpecularPower(material.specularPower);
    property->SetSpecularColor(1.0, 1.0, 1.0);
    renderer->AddActor(view.actor);
    surfaces.emplace_back(structure.id, surface);
    impl_->views.emplace(structure.id, std::move(view));
  }

  // The layer is attached now (with nothing painted); the points it paints are asked for
  // when a state first shows one.
  impl_->pendingClinical = clinical;
  impl_->clinicalMarks =
      std::make_unique<TriggerPointLayer>(impl_->atlas, impl_->clinical, loaded.meshes);
  if (auto skin = loaded.meshes.find(skinStructureId(loaded.atlas, loaded.meshes));
      skin != loaded.meshes.end()) {
    impl_->skin = skin->second;
  }
  for (const auto& [id, surface] : surfaces) {
    impl_->clinicalMarks->attach(id, surface, impl_->views.at(id).actor);
  }

  renderer->AddActor(impl_->pickMarker.actor());
  impl_->needle.addTo(renderer);
  impl_->pins = std::make_unique<PinDrawing>(renderer);
  impl_->section = std::make_unique<SectionView>(impl_->atlas, loaded.meshes);

  renderer->GradientBackgroundOn();
  renderer->SetBackground(kBackgroundBottom.r, kBackgroundBottom.g, kBackgroundBottom.b);
  renderer->SetBackground2(kBackgroundTop.r, kBackgroundTop.g, kBackgroundTop.b);

  renderer->RemoveAllLights();
  auto lights = vtkSmartPointer<vtkLightKit>::New();
  lights->AddLightsToRenderer(renderer);

  renderer->SetUseDepthPeeling(true);
  renderer->SetMaximumNumberOfPeels(kMaxDepthPeels);
  renderer->SetOcclusionRatio(0.0);
  renderer->UseFXAAOn();

  renderer->GetActiveCamera()->SetViewAngle(kViewAngleDegrees);
}

Scene::~Scene() = default;

vtkRenderer* Scene::renderer() const {
  return impl_->renderer;
}

const Atlas& Scene::atlas() const {
  return impl_->atlas;
}

const Clinical& Scene::clinical() const {
  impl_->resolveClinical();
  return impl_->clinical;
}

const Clinical* Scene::clinicalIfResolved() const {
  return impl_->clinicalResolved ? &impl_->clinical : nullptr;
}

Side Scene::side() const {
  return impl_->side;
}

bool Scene::mirrored() const {
  return impl_->mirrored;
}

void Scene::apply(const AppState& state) {
  impl_->setSide(state.side);
  impl_->shown.clear();
  // The needle is drawn as read out for the leg shown (a readout for the other leg waits to be
  // placed again), and what it goes through on the way to its target is looked through.
  const NeedleReadout* needle =
      state.needle && state.needle->readout && state.needle->readout->mirrored == impl_->mirrored
          ? &*state.needle->readout
          : nullptr;
  const std::map<std::string, float> seeThrough =
      needle ? needleSeeThrough(*needle, impl_->atlas) : std::map<std::string, float>{};
  for (auto& [id, view] : impl_->views) {
    const bool shown = isShown(state, impl_->atlas, id);
    view.actor->SetVisibility(shown);
    if (shown) {
      impl_->shown.insert(id);
    }
    float opacity = opacityOf(state, impl_->atlas, id);
    if (const auto found = seeThrough.find(id); found != seeThrough.end()) {
      opacity = std::min(opacity, found->second);
    }
    view.actor->GetProperty()->SetOpacity(opacity);
    // The selection is outlined, not lit all over: selecting the skin must not flood the whole
    // leg with colour. Selecting a group (gastrocnemius) outlines its parts.
  }
  if (!state.triggerPointsShown.empty() || !state.selectedTriggerPoint.empty() ||
      !state.referredShown.empty()) {
    impl_->resolveClinical();
  }
  impl_->clinicalMarks->apply(state);
  impl_->clipAll(state.sectionZ);
  {
    int viewport[4] = {0, 0, 1280, 800};
    if (vtkRenderWindow* window = impl_->renderer->GetRenderWindow()) {
      const int* size = window->GetSize();
      const double* v = impl_->renderer->GetViewport();
      viewport[0] = static_cast<int>(std::lround(v[0] * size[0]));
      viewport[1] = static_cast<int>(std::lround(v[1] * size[1]));
      viewport[2] = static_cast<int>(std::lround((v[2] - v[0]) * size[0]));
      viewport[3] = static_cast<int>(std::lround((v[3] - v[1]) * size[1]));
    }
    impl_->section->apply(state, impl_->mirrored, impl_->renderer, viewport);
  }
  impl_->legend.apply(state, safetyMapReady(state), impl_->renderer);
  if (state.viewRequest != impl_->appliedViewRequest) {
    impl_->appliedViewRequest = state.viewRequest;
    setView(state.view);
  }
  if (state.frameRequest != impl_->appliedFrameRequest) {
    impl_->appliedFrameRequest = state.frameRequest;
    frame(state);
  }
  // A section just made: look down on the cut from the camera's side, 50 degrees above it, the
  // part left below the cut framed left of the inset, as a teacher holds the lower half of a
  // cut leg.
  if (state.sectionZ && !impl_->sectionShown) {
    Aabb box = shownBounds();
    if (!box.empty()) {
      box.hi.z = std::min(box.hi.z, *state.sectionZ);
      box.lo.z = std::min(box.lo.z, box.hi.z - 1.0);
      vtkCamera* camera = impl_->renderer->GetActiveCamera();
      double p[3], f[3];
      camera->GetPosition(p);
      camera->GetFocalPoint(f);
      glm::dvec3 side{p[0] - f[0], p[1] - f[1], 0.0};
      side = glm::length(side) > 1e-9 ? glm::normalize(side) : glm::dvec3(0.0, -1.0, 0.0);
      const double up = glm::radians(50.0);
      const glm::dvec3 toward = side * std::cos(up) + glm::dvec3(0.0, 0.0, std::sin(up));
      const CameraPose pose =
          frameBox(box, toward, {0.0, 0.0, 1.0}, kViewAngleDegrees, impl_->aspect());
      // Half the inset's width to the right: the leg moves left, clear of it.
      const glm::dvec3 right =
          glm::normalize(glm::cross(pose.focalPoint - pose.position, pose.viewUp));
      const int* size = impl_->renderer->GetSize();
      const double height = size[1] > 0 ? size[1] : 800.0;
      const double mmPerPixel = 2.0 * glm::length(pose.position - pose.focalPoint) *
                                std::tan(glm::radians(kViewAngleDegrees) / 2.0) / height;
      const glm::dvec3 shift = right * (0.5 * impl_->section->insetWidth() * mmPerPixel);
      camera->SetFocalPoint(pose.focalPoint.x + shift.x, pose.focalPoint.y + shift.y,
                            pose.focalPoint.z + shift.z);
      camera->SetPosition(pose.position.x + shift.x, pose.position.y + shift.y,
                          pose.position.z + shift.z);
      camera->SetViewUp(pose.viewUp.x, pose.viewUp.y, pose.viewUp.z);
    }
  }
  impl_->sectionShown = state.sectionZ.has_value();
  // After the camera moved: the outline and the bead keep their size on screen. A structure
  // too transparent to be picked is looked through, and so is its outline: a shell seen
  // through it would tint it all over.
  for (auto& [id, view] : impl_->views) {
    impl_->showOutline(view, isPickable(state, impl_->atlas, id) && !state.selected.empty() &&
                                 isWithin(impl_->atlas, id, state.selected));
  }
  // The bead keeps its size on screen. It marks a point on a surface,
  // so it goes with that surface when it is hidden (peeled, isolated away).
  const bool pickShown = state.pick && isShown(state, impl_->atlas, state.pick->structure);
  impl_->pickMarker.show(
      pickShown ? state.pick : std::nullopt, impl_->mirrored,
      pickShown ? kPickMarkerRadiusPixels *
                      impl_->mmPerPixelAt(PickMarker::worldPoint(*state.pick, impl_->mirrored))
                : 0.0);
  impl_->needle.show(needle ? &needle->placement : nullptr,
                     needle ? impl_->mmPerPixelAt(needle->placement.entry) : 0.0);
  impl_->showPins(state);
  // Near and far planes must enclose what is shown now, not what was shown before.
  impl_->renderer->ResetCameraClippingRange();
}

void Scene::setView(ViewPreset view) {
  // What is shown, not what is hidden: with the skin and the foot hidden, the muscles fill
  // the view rather than stand in the box of the whole leg.
  const Aabb shown = shownBounds();
  const CameraPose pose = framePreset(view, impl_->side, shown.empty() ? modelBounds() : shown,
                                      kViewAngleDegrees, impl_->aspect());
  vtkCamera* camera = impl_->renderer->GetActiveCamera();
  camera->SetViewAngle(kViewAngleDegrees);
  camera->SetFocalPoint(pose.focalPoint.x, pose.focalPoint.y, pose.focalPoint.z);
  camera->SetPosition(pose.position.x, pose.position.y, pose.position.z);
  camera->SetViewUp(pose.viewUp.x, pose.viewUp.y, pose.viewUp.z);
  impl_->renderer->ResetCameraClippingRange();
}

void Scene::frame(const AppState& state) {
  vtkCamera* camera = impl_->renderer->GetActiveCamera();
  std::optional<CameraPose> pose;
  if (state.frameTarget == FrameTarget::Needle) {
    if (state.needle && state.needle->readout) {
      const NeedlePlacement& n = state.needle->readout->placement;
      // From the side the needle's entry lies on, off the leg's long axis; with the entry near
      // the midline, from the medial side, as the calf is usually needled and taught.
      const Aabb model = modelBounds();
      glm::dvec3 offset = n.entry - model.center();
      offset.z = 0.0;
      const glm::dvec3 medial = presetDirection(ViewPreset::Medial, impl_->side);
      const glm::dvec3 preferred =
          glm::length(offset) > 1e-9 ? glm::normalize(offset) + 0.3 * medial : medial;
      pose = frameNeedle(n.entry, n.direction, n.insertedMm, n.lengthMm, preferred,
                         kViewAngleDegrees, impl_->aspect());
    }
  } else if (state.frameTarget == FrameTarget::TriggerPoint) {
    impl_->resolveClinical();
    if (const ResolvedTriggerPoint* point = impl_->clinical.find(state.selectedTriggerPoint)) {
      pose = frameTriggerPoint(*point, impl_->mirrored, kViewAngleDegrees, impl_->aspect(),
                               essentialReferredPoints(*point, impl_->skin));
    }
  } else if (state.frameTarget == FrameTarget::Pin) {
    if (state.pinFocus && *state.pinFocus < state.pins.size()) {
      // From the side the pin faces, the leg around it in view (its note beside it).
      const Pin& pin = state.pins[*state.pinFocus];
      const glm::dvec3 at = asDrawn(pin.point, impl_->mirrored);
      glm::dvec3 toward = asDrawn(pin.normal, impl_->mirrored);
      // Seen a little from above when it faces up or down (the sole, the top of the foot).
      const bool vertical = std::abs(toward.z) > 0.9;
      Aabb box;
      box.add(at - glm::dvec3(kPinFrameRadiusMm));
      box.add(at + glm::dvec3(kPinFrameRadiusMm));
      pose = frameBox(box, glm::normalize(toward),
                      vertical ? glm::dvec3{0.0, 1.0, 0.0} : glm::dvec3{0.0, 0.0, 1.0},
                      kViewAngleDegrees, impl_->aspect());
    }
  } else {
    const Aabb box = state.frameTarget == FrameTarget::Shown ? shownBounds()
                     : state.selected.empty()                ? Aabb{}
                                              : impl_->boundsOf([&](const std::string& id) {
                                                  return isWithin(impl_->atlas, id, state.selected);
                                                });
    double position[3], focal[3], up[3];
    camera->GetPosition(position);
    camera->GetFocalPoint(focal);
    camera->GetViewUp(up);
    const glm::dvec3 toward{position[0] - focal[0], position[1] - focal[1], position[2] - focal[2]};
    if (!box.empty() && glm::length(toward) > 0.0) {
      pose = frameBox(box, glm::normalize(toward), {up[0], up[1], up[2]}, kViewAngleDegrees,
                      impl_->aspect());
    }
  }
  if (!pose) {
    return; // nothing to frame: the camera stays
  }
  camera->SetViewAngle(kViewAngleDegrees);
  camera->SetFocalPoint(pose->focalPoint.x, pose->focalPoint.y, pose->focalPoint.z);
  camera->SetPosition(pose->position.x, pose->position.y, pose->position.z);
  camera->SetViewUp(pose->viewUp.x, pose->viewUp.y, pose->viewUp.z);
  impl_->renderer->ResetCameraClippingRange();
}

void Scene::setMoving(bool moving) {
  if (moving == impl_->moving) {
    return;
  }
  impl_->moving = moving;
  vtkRenderer* renderer = impl_->renderer;
  renderer->SetUseDepthPeeling(!moving);
  renderer->SetUseFXAA(!moving);
  impl_->section->setMoving(moving);
  impl_->legend.setMoving(moving);
  if (moving) {
    prepareLighterMeshes();
  }
  const bool lighter = moving && impl_->adoptLighter(false);
  for (auto& [id, view] : impl_->views) {
    view.actor->SetMapper(lighter && view.lighterMapper ? view.lighterMapper.Get()
                                                        : view.mapper.Get());
  }
}

void Scene::prepareLighterMeshes() {
  Impl& d = *impl_;
  if (d.lighter.valid() || d.lighterAdopted) {
    return;
  }
  d.lighter = std::async(std::launch::async, [meshes = d.toLighten, &stop = d.stopLightening] {
    LighterMeshes made;
    for (const auto& [id, mesh] : meshes) {
      if (stop) {
        break;
      }
      made.emplace(id, lighterSurface(mesh, kLightenBy));
    }
    return made;
  });
}

void Scene::waitForLighterMeshes() {
  prepareLighterMeshes();
  impl_->adoptLighter(true);
  if (impl_->moving) {
    impl_->moving = false;
    setMoving(true);
  }
}

bool Scene::moving() const {
  return impl_->moving;
}

void Scene::setTime(double seconds) {
  impl_->clinicalMarks->setTime(seconds);
}

void Scene::setSafetyMap(std::vector<float> depthMm, double marginMm) {
  impl_->clinicalMarks->setSafetyMap(std::move(depthMm));
  impl_->safetyMargin = marginMm;
}

bool Scene::safetyMapReady(const AppState& state) const {
  return impl_->safetyMargin == state.needleSettings.marginMm;
}

std::optional<double> Scene::safetyMapMargin() const {
  return impl_->safetyMargin;
}

std::vector<vtkRenderer*> Scene::overlays() const {
  return impl_->section->renderers();
}

std::optional<std::array<double, 4>> Scene::legendExtent() const {
  return impl_->legend.extent();
}

std::optional<glm::dvec2> Scene::sectionPointAt(double x, double y) const {
  return impl_->section->atlasPointAt(x, y);
}

vtkActor* Scene::sectionCap(const std::string& id) const {
  return impl_->section->cap(id);
}

vtkActor* Scene::actor(const std::string& id) const {
  auto it = impl_->views.find(id);
  return it == impl_->views.end() ? nullptr : it->second.actor.Get();
}

const PinDrawing& Scene::pinDrawing() const {
  return *impl_->pins;
}

vtkPolyData* Scene::drawnSurface(const std::string& id) const {
  auto it = impl_->views.find(id);
  if (it == impl_->views.end()) {
    return nullptr;
  }
  it->second.windingFix->Update();
  return it->second.windingFix->GetOutput();
}

vtkActor* Scene::pickMarkerActor() const {
  return impl_->pickMarker.actor();
}

const NeedleDrawing& Scene::needleDrawing() const {
  return impl_->needle;
}

std::map<std::string, float> needleSeeThrough(const NeedleReadout& needle, const Atlas& atlas) {
  std::map<std::string, float> opacity;
  // The target: the trigger point's muscle or the structure clicked, else where the tip is.
  std::string target = needle.placement.target ? needle.placement.target->structure : "";
  double targetDepth = needle.placement.insertedMm;
  for (const NeedleLayer& layer : needle.layers) {
    if (!target.empty() && isWithin(atlas, layer.structure, target)) {
      targetDepth = std::min(targetDepth, layer.entryMm);
    }
  }
  if (target.empty() && !needle.tipStructure.empty()) {
    target = needle.tipStructure;
  }
  for (const NeedleLayer& layer : needle.layers) {
    const Structure* s = atlas.find(layer.structure);
    if (!s) {
      continue;
    }
    const bool isTarget = !target.empty() && isWithin(atlas, layer.structure, target);
    if (s->group == "skin") {
      opacity[s->id] = kNeedleSkinOpacity;
    } else if ((s->group == "muscles" || s->group == "tendons") && !isTarget &&
               layer.entryMm < targetDepth) {
      opacity[s->id] = kNeedleLayerOpacity;
    } else if (isTarget && s->group != "bones") {
      opacity[s->id] = kNeedleTargetOpacity;
    }
  }
  return opacity;
}

vtkActor* Scene::outlineActor(const std::string& id) const {
  auto it = impl_->views.find(id);
  return it == impl_->views.end() || !it->second.outline ? nullptr
                                                         : it->second.outline->line.actor.Get();
}

Aabb Scene::modelBounds() const {
  return impl_->bounds[impl_->mirrored ? 1 : 0];
}

Aabb Scene::shownBounds() const {
  if (impl_->shown.empty()) {
    return {};
  }
  return impl_->boundsOf([&](const std::string& id) { return impl_->shown.count(id) > 0; });
}

std::string Scene::triggerPointMarkAt(const AppState& state, const std::string& structure,
                                      const glm::dvec3& atlasPoint) const {
  return impl_->clinicalMarks->markAt(state, structure, atlasPoint);
}

} // namespace sura
