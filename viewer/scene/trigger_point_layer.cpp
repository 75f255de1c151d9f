#include "scene/trigger_point_layer.h"

#include "geometry/bvh.h"
#include "scene/polydata.h"
#include "scene/shaders.h"

#include <glm/geometric.hpp>
#include <vtkActor.h>
#include <vtkDataObject.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkShaderProperty.h>
#include <vtkSmartPointer.h>
#include <vtkUniforms.h>

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace sura {

namespace {

constexpr const char* kTimeUniform = "suraTime";
// Groups whose surfaces are broad enough to carry a target over a deeper point.
constexpr std::array<const char*, 3> kTargetGroups{"skin", "muscles", "tendons"};
// Hits closer than this to the surface point are the muscle's own surface, not another one.
constexpr double kSelfHitMm = 1e-3;

bool carriesTargets(const Atlas& atlas, const std::string& id) {
  const Structure* structure = atlas.find(id);
  return structure && std::find(kTargetGroups.begin(), kTargetGroups.end(), structure->group) !=
                          kTargetGroups.end();
}

vtkFloatArray* array(vtkPolyData* surface, const char* name, int components) {
  vtkPointData* data = surface->GetPointData();
  if (auto* existing = vtkFloatArray::SafeDownCast(data->GetArray(name))) {
    return existing;
  }
  auto created = vtkSmartPointer<vtkFloatArray>::New();
  created->SetName(name);
  created->SetNumberOfComponents(components);
  created->SetNumberOfTuples(surface->GetNumberOfPoints());
  data->AddArray(created);
  return created;
}

// The nearest of `spots` (whose point passes `use`) and that point's radius, per vertex; the
// radius negated for a target when `signTargets`.
template <class Use>
void writeNearest(vtkFloatArray* out, vtkPolyData* surface, const Clinical& clinical,
                  const std::vector<MarkSpot>& spots, Use use, bool signTargets = false) {
  std::vector<const MarkSpot*> used;
  for (const MarkSpot& spot : spots) {
    if (use(spot)) {
      used.push_back(&spot);
    }
  }
  for (vtkIdType v = 0; v < surface->GetNumberOfPoints(); ++v) {
    float tuple[4] = {kNoSpotMm, 0.0f, 0.0f, 1.0f};
    double p[3];
    surface->GetPoint(v, p);
    double best = std::numeric_limits<double>::infinity();
    for (const MarkSpot* spot : used) {
      const double distance = glm::length(glm::dvec3{p[0], p[1], p[2]} - spot->position);
      if (distance < best) {
        best = distance;
        tuple[0] = static_cast<float>(spot->position.x);
        tuple[1] = static_cast<float>(spot->position.y);
        tuple[2] = static_cast<float>(spot->position.z);
        const double radius = clinical.triggerPoints[spot->point].point.radiusMm;
        tuple[3] = static_cast<float>(spot->over && signTargets ? -radius : radius);
      }
    }
    out->SetTypedTuple(v, tuple);
  }
  out->Modified();
}

// Every painted array, with its number of components.
constexpr std::array<std::pair<const char*, int>, 6> kPaintArrays{{{kAtlasPositionArray, 3},
                                                                   {kPatchArray, 4},
                                                                   {kOverArray, 4},
                                                                   {kFocusArray, 4},
                                                                   {kZoneArray, 2},
                                                                   {kSafetyArray, 1}}};

void mapPaintArrays(vtkPolyDataMapper* mapper) {
  const int points = vtkDataObject::FIELD_ASSOCIATION_POINTS;
  mapper->MapDataArrayToVertexAttribute("suraAtlasPosition", kAtlasPositionArray, points, -1);
  mapper->MapDataArrayToVertexAttribute("suraPatch", kPatchArray, points, -1);
  mapper->MapDataArrayToVertexAttribute("suraOver", kOverArray, points, -1);
  mapper->MapDataArrayToVertexAttribute("suraFocus", kFocusArray, points, -1);
  mapper->MapDataArrayToVertexAttribute("suraZone", kZoneArray, points, -1);
  mapper->MapDataArrayToVertexAttribute("suraSafety", kSafetyArray, points, -1);
}

// The paint of `surface` onto `lighter`, whose points are some of its points.
void copyPaint(vtkPolyData* surface, vtkPolyData* lighter) {
  auto* ids = vtkIdTypeArray::SafeDownCast(lighter->GetPointData()->GetArray(kFullPointIdArray));
  if (!ids) {
    return;
  }
  for (const auto& [name, components] : kPaintArrays) {
    vtkFloatArray* from = array(surface, name, components);
    vtkFloatArray* to = array(lighter, name, components);
    for (vtkIdType v = 0; v < lighter->GetNumberOfPoints(); ++v) {
      to->SetTuple(v, ids->GetValue(v), from);
    }
    to->Modified();
  }
  lighter->Modified();
}

} // namespace

double patchWeight(double distanceMm, double radiusMm) {
  // Same curve as suraPatchWeight in shaders/trigger_point_patch.glsl.
  const double lo = 0.8 * radiusMm;
  const double hi = 1.1 * radiusMm;
  const double x = std::clamp((distanceMm - lo) / (hi - lo), 0.0, 1.0);
  return 1.0 - x * x * (3.0 - 2.0 * x);
}

std::map<std::string, std::vector<MarkSpot>>
markSpots(const Atlas& atlas, const Clinical& clinical,
          const std::map<std::string, TriangleMesh>& meshes) {
  std::map<std::string, std::vector<MarkSpot>> spots;
  std::map<std::string, MeshBvh> trees;
  for (const auto& [id, mesh] : meshes) {
    if (carriesTargets(atlas, id)) {
      trees.emplace(id, MeshBvh(mesh));
    }
  }
  auto skin = trees.find(clinical.skin);
  for (std::size_t i = 0; i < clinical.triggerPoints.size(); ++i) {
    const ResolvedTriggerPoint& point = clinical.triggerPoints[i];
    spots[point.point.muscle].push_back({i, point.surfacePoint, false});
    if (skin == trees.end()) {
      continue;
    }
    // Out along the approach line, the way the examiner's finger or needle comes in.
    const Ray out{point.surfacePoint, -point.approach};
    const auto skinHit = skin->second.intersectFirst(out, kSelfHitMm);
    if (!skinHit) {
      continue;
    }
    for (const auto& [id, tree] : trees) {
      if (id == point.point.muscle) {
        continue;
      }
      const std::vector<RayHit> hits = tree.intersectAll(out, kSelfHitMm, skinHit->t + kSelfHitMm);
      // The last crossing is where the line leaves the structure: its outer face.
      if (!hits.empty() && !hits.back().entering) {
        spots[id].push_back({i, hits.back().point, true});
      }
    }
  }
  return spots;
}

TriggerPointLayer::TriggerPointLayer(const Atlas& atlas, const Clinical& clinical,
                                     const std::map<std::string, TriangleMesh>& meshes)
    : atlas_(&atlas), clinical_(&clinical), skin_(skinStructureId(atlas, meshes)) {
  // The skin carries the safety map, which needs no trigger points: known from the meshes,
  // never from the clinical layer, which may be resolved later or never (see Scene).
  if (!skin_.empty()) {
    carriesMarks_.insert(skin_);
  }
  if (atlas.triggerPoints.empty()) {
    return; // no point will ever be painted: the other surfaces keep VTK's plain shader
  }
  // The spots are found when a point is first shown (a ray cast through each surface it
  // lies under): not on the way to the first frame.
  for (const auto& [id, mesh] : meshes) {
    if (carriesTargets(atlas, id)) {
      spotMeshes_.emplace(id, mesh);
    }
  }
  for (const auto& [id, mesh] : meshes) {
    if (carriesTargets(atlas, id)) {
      carriesMarks_.insert(id);
    }
  }
  // From the atlas, not the resolved points: those may be resolved later (see Scene).
  for (const TriggerPoint& point : atlas.triggerPoints) {
    carriesMarks_.insert(point.muscle);
  }
}

void TriggerPointLayer::attach(const std::string& id, vtkPolyData* surface, vtkActor* actor) {
  auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
  // Bones, nerves and vessels never carry a mark: they keep VTK's plain shader, which spares
  // llvmpipe the marks' per-fragment work where they cover the screen (skin hidden).
  if (!mapper || !carriesMarks_.count(id)) {
    return;
  }
  vtkFloatArray* position = array(surface, kAtlasPositionArray, 3);
  for (vtkIdType v = 0; v < surface->GetNumberOfPoints(); ++v) {
    double p[3];
    surface->GetPoint(v, p);
    position->SetTuple(v, p);
  }
  mapPaintArrays(mapper);

  // Each replacement keeps VTK's own tag first (ReplaceFirst), so VTK still fills it in and
  // our code lands right after VTK's.
  vtkShaderProperty* shader = actor->GetShaderProperty();
  const std::string uniforms = "//VTK::CustomUniforms::Dec\n";
  shader->AddVertexShaderReplacement("//VTK::CustomUniforms::Dec", true,
                                     uniforms + shaders::marks_vertex_dec, false);
  shader->AddVertexShaderReplacement(
      "//VTK::CustomEnd::Impl", true,
      std::string("//VTK::CustomEnd::Impl\n") + shaders::marks_vertex_impl, false);
  shader->AddFragmentShaderReplacement(
      "//VTK::CustomUniforms::Dec", true,
      uniforms + shaders::marks_fragment_dec + shaders::trigger_point_patch +
          shaders::trigger_point_highlight + shaders::referred_zone + shaders::safety_map,
      false);
  shader->AddFragmentShaderReplacement(
      "//VTK::UniformFlow::Impl", true,
      std::string("//VTK::UniformFlow::Impl\n") + shaders::marks_fragment_flow, false);
  shader->AddFragmentShaderReplacement(
      "//VTK::Color::Impl", true,
      std::string("//VTK::Color::Impl\n") + shaders::marks_fragment_impl, false);
  shader->GetFragmentCustomUniforms()->SetUniformf(kTimeUniform, 0.0f);

  painted_.push_back({id, surface, actor});
  paint(painted_.back());
}

const std::vector<MarkSpot>& TriggerPointLayer::spotsOn(const std::string& id) const {
  if (!spotsFound_) {
    spots_ = markSpots(*atlas_, *clinical_, spotMeshes_);
    spotMeshes_.clear();
    spotsFound_ = true;
  }
  static const std::vector<MarkSpot> none;
  auto found = spots_.find(id);
  return found == spots_.end() ? none : found->second;
}

void TriggerPointLayer::attachLighter(const std::string& id, vtkPolyData* lighter,
                                      vtkPolyDataMapper* mapper) {
  for (Painted& painted : painted_) {
    if (painted.id == id) {
      painted.lighter = lighter;
      mapPaintArrays(mapper);
      copyPaint(painted.surface, lighter);
    }
  }
}

void TriggerPointLayer::paint(const Painted& painted) const {
  vtkPolyData* surface = painted.surface;
  // With no point shown every spot would be passed over: none are looked for.
  static const std::vector<MarkSpot> none;
  const std::vector<MarkSpot>& spots = shown_.empty() ? none : spotsOn(painted.id);
  const auto& points = clinical_->triggerPoints;
  auto shown = [&](const MarkSpot& spot) { return shown_.count(points[spot.point].point.id) > 0; };
  writeNearest(array(surface, kPatchArray, 4), surface, *clinical_, spots,
               [&](const MarkSpot& spot) { return !spot.over && shown(spot); });
  writeNearest(array(surface, kOverArray, 4), surface, *clinical_, spots,
               [&](const MarkSpot& spot) { return spot.over && shown(spot); });
  writeNearest(
      array(surface, kFocusArray, 4), surface, *clinical_, spots,
      [&](const MarkSpot& spot) { return points[spot.point].point.id == selected_; }, true);

  vtkFloatArray* zones = array(surface, kZoneArray, 2);
  zones->FillValue(0.0f);
  const ResolvedTriggerPoint* referred =
      painted.id == clinical_->skin && !referred_.empty() ? clinical_->find(referred_) : nullptr;
  if (referred) {
    const vtkIdType count = surface->GetNumberOfPoints();
    for (const ResolvedZone& zone : referred->zones) {
      const int channel = zone.zone.kind == ZoneKind::Essential ? 0 : 1;
      for (std::size_t k = 0; k < zone.vertices.size() && k < zone.weights.size(); ++k) {
        const vtkIdType v = zone.vertices[k];
        if (v < count) {
          zones->SetTypedComponent(v, channel,
                                   std::max(zones->GetTypedComponent(v, channel), zone.weights[k]));
        }
      }
    }
  }
  zones->Modified();
  // The safety map: the depth at each skin vertex while it is shown, else -1 (no paint).
  vtkFloatArray* safety = array(surface, kSafetyArray, 1);
  const bool mapped =
      painted.id == skin_ && safetyShown_ &&
      safetyDepths_.size() == static_cast<std::size_t>(surface->GetNumberOfPoints());
  for (vtkIdType v = 0; v < surface->GetNumberOfPoints(); ++v) {
    safety->SetValue(v, mapped ? safetyDepths_[static_cast<std::size_t>(v)] : -1.0f);
  }
  safety->Modified();
  surface->Modified();
  if (painted.lighter) {
    copyPaint(surface, painted.lighter);
  }
}

void TriggerPointLayer::apply(const AppState& state) {
  // A hidden point can still be selected only through its command, which shows it; draw the
  // selected point's halo only when its point is drawn.
  const std::string selected =
      state.triggerPointsShown.count(state.selectedTriggerPoint) ? state.selectedTriggerPoint : "";
  if (paintedOnce_ && state.triggerPointsShown == shown_ && selected == selected_ &&
      state.referredShown == referred_ && state.safetyMap == safetyShown_) {
    return;
  }
  paintedOnce_ = true;
  safetyShown_ = state.safetyMap;
  shown_ = state.triggerPointsShown;
  selected_ = selected;
  referred_ = state.referredShown;
  for (const Painted& painted : painted_) {
    paint(painted);
  }
}

std::string TriggerPointLayer::markAt(const AppState& state, const std::string& structure,
                                      const glm::dvec3& atlasPoint) const {
  if (state.triggerPointsShown.empty()) {
    return {};
  }
  std::string nearest;
  double best = std::numeric_limits<double>::infinity();
  for (const MarkSpot& spot : spotsOn(structure)) {
    const TriggerPoint& point = clinical_->triggerPoints[spot.point].point;
    const double distance = glm::length(atlasPoint - spot.position);
    if (state.triggerPointsShown.count(point.id) && distance <= point.radiusMm && distance < best) {
      best = distance;
      nearest = point.id;
    }
  }
  return nearest;
}

void TriggerPointLayer::setSafetyMap(std::vector<float> depthMm) {
  safetyDepths_ = std::move(depthMm);
  if (safetyShown_) {
    for (const Painted& painted : painted_) {
      if (painted.id == skin_) {
        paint(painted);
      }
    }
  }
}

void TriggerPointLayer::setTime(double seconds) {
  for (const Painted& painted : painted_) {
    painted.actor->GetShaderProperty()->GetFragmentCustomUniforms()->SetUniformf(
        kTimeUniform, static_cast<float>(seconds));
  }
}

} // namespace sura
