#include "scene/gltf_export.h"

#include "scene/pin_drawing.h"
#include "scene/scene.h"
#include "scene/trigger_point_layer.h"

#include <nlohmann/json.hpp>

#include <vtkActor.h>
#include <vtkAppendPolyData.h>
#include <vtkCamera.h>
#include <vtkClipPolyData.h>
#include <vtkDataArray.h>
#include <vtkFloatArray.h>
#include <vtkGLTFExporter.h>
#include <vtkLineSource.h>
#include <vtkNew.h>
#include <vtkPlane.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkSphereSource.h>
#include <vtkTubeFilter.h>
#include <vtkUnsignedCharArray.h>

#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sura {

namespace {

// The shaders' colours (shaders/*.glsl), the same numbers.
constexpr glm::dvec3 kPointColor{0.0, 0.80, 0.92};
constexpr glm::dvec3 kPointCentreColor{0.02, 0.10, 0.28};
constexpr glm::dvec3 kPointRimColor{1.0, 1.0, 1.0};
constexpr double kCentreDotMm = 2.0;
constexpr double kCentreRimMm = 3.4;
constexpr glm::dvec3 kEssentialColor{0.24, 0.14, 0.62};
constexpr glm::dvec3 kSpilloverColor{0.87, 0.82, 1.0};
constexpr glm::dvec3 kHaloColor{1.0, 0.78, 0.12};
constexpr glm::dvec3 kSafetyShallowColor{0.80, 0.30, 0.02};
constexpr glm::dvec3 kSafetyMiddleColor{0.98, 0.88, 0.45};
constexpr glm::dvec3 kSafetyDeepColor{0.05, 0.40, 0.70};
// The spillover's dot screen covers this share of the zone: dots of about 2 px radius
// (smoothstep 1.5..2.5) on a 7 px pitch, pi * 2^2 / 7^2.
constexpr double kStippleCover = 0.256;
// The width of an anti-aliased edge, mm: the shaders use half a pixel; at a vertex an edge is
// a step.
constexpr double kEdgeMm = 0.25;
// Pins in the file: a head and a stick of fixed size (a file has no screen to keep them at).
constexpr double kPinHeadMm = 3.0;
constexpr double kPinStickMm = 12.0;
constexpr double kPinStickRadiusMm = 0.6;

double smoothstep(double e0, double e1, double x) {
  const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

double disc(double d, double radius) {
  return 1.0 - smoothstep(radius - kEdgeMm, radius + kEdgeMm, d);
}

double band(double d, double inner, double outer) {
  return smoothstep(inner - kEdgeMm, inner + kEdgeMm, d) * disc(d, outer);
}

glm::dvec3 mixed(const glm::dvec3& a, const glm::dvec3& b, double t) {
  return a + (b - a) * t;
}

glm::dvec3 paintPatch(glm::dvec3 color, double d, double radius) {
  color = mixed(color, kPointColor, 0.9 * patchWeight(d, radius));
  color = mixed(color, kPointRimColor, disc(d, kCentreRimMm));
  return mixed(color, kPointCentreColor, disc(d, kCentreDotMm));
}

glm::dvec3 paintOver(glm::dvec3 color, double d, double radius) {
  const double inner = 0.55 * radius;
  const double outer = 0.8 * radius;
  const double outline = 0.8;
  color = mixed(color, kPointCentreColor, band(d, inner - outline, outer + outline));
  color = mixed(color, kPointColor, band(d, inner, outer));
  color = mixed(color, kPointRimColor, disc(d, kCentreRimMm));
  return mixed(color, kPointCentreColor, disc(d, kCentreDotMm));
}

// The halo's still picture (pulse 1, as `sura render` draws it), as a share of its colour.
double halo(double d, double radius) {
  const double outer = radius * (1.25 + 0.2);
  return std::min(1.0, 0.9 * band(d, 1.05 * radius, outer) + 0.25 * disc(d, 1.05 * radius));
}

glm::dvec4 tuple4(vtkDataArray* array, vtkIdType i) {
  double v[4] = {0, 0, 0, 0};
  array->GetTuple(i, v);
  return {v[0], v[1], v[2], v[3]};
}

// A surface as glTF wants it: triangles, points in metres in its frame, a normal per point
// named NORMAL (vtkGLTFExporter's SaveNormal looks for that name).
vtkSmartPointer<vtkPolyData> inGltfFrame(vtkPolyData* surface) {
  auto out = vtkSmartPointer<vtkPolyData>::New();
  auto points = vtkSmartPointer<vtkPoints>::New();
  points->SetDataTypeToFloat();
  points->SetNumberOfPoints(surface->GetNumberOfPoints());
  vtkDataArray* normals = surface->GetPointData()->GetNormals();
  auto normal = vtkSmartPointer<vtkFloatArray>::New();
  normal->SetName("NORMAL");
  normal->SetNumberOfComponents(3);
  normal->SetNumberOfTuples(normals ? surface->GetNumberOfPoints() : 0);
  for (vtkIdType i = 0; i < surface->GetNumberOfPoints(); ++i) {
    double p[3];
    surface->GetPoint(i, p);
    const glm::dvec3 q = toGltfFrame({p[0], p[1], p[2]});
    points->SetPoint(i, q.x, q.y, q.z);
    if (normals) {
      double n[3];
      normals->GetTuple(i, n);
      // A rotation: the same map without the scale.
      const glm::dvec3 m = toGltfFrame({n[0], n[1], n[2]}) * 1000.0;
      normal->SetTuple3(i, m.x, m.y, m.z);
    }
  }
  out->SetPoints(points);
  out->SetPolys(surface->GetPolys());
  if (normals) {
    out->GetPointData()->AddArray(normal);
  }
  return out;
}

struct Exported {
  std::string name;
  std::string id;
  bool translucent = false;
};

} // namespace

glm::dvec3 linearFromSrgb(const glm::dvec3& c) {
  const auto channel = [](double v) {
    v = std::clamp(v, 0.0, 1.0);
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return {channel(c.r), channel(c.g), channel(c.b)};
}

glm::dvec3 toGltfFrame(const glm::dvec3& p) {
  return glm::dvec3{-p.x, p.z, p.y} / 1000.0;
}

glm::dvec4 bakedColor(const glm::dvec3& base, double opacity, const VertexMarks& marks) {
  glm::dvec3 color = base;
  // Cover: a target stands in for a point beneath; where the surface is see-through the point
  // itself shows (marks_fragment_impl.glsl).
  const double cover = smoothstep(0.3, 0.8, opacity);
  if (marks.safetyMm >= 0.0) {
    color = marks.safetyMm < 20.0   ? kSafetyShallowColor
            : marks.safetyMm < 40.0 ? kSafetyMiddleColor
                                    : kSafetyDeepColor;
  }
  const double essential = smoothstep(0.1, 0.9, marks.zone.x);
  const double spillover = smoothstep(0.1, 0.9, marks.zone.y) * (1.0 - essential);
  color = mixed(color, mixed(kSpilloverColor, kEssentialColor, kStippleCover), spillover);
  color = mixed(color, kEssentialColor, essential);
  const double alpha = std::max(opacity, 0.35 * std::max(essential, spillover));

  color = paintPatch(color, glm::distance(marks.position, glm::dvec3(marks.patch)), marks.patch.w);
  color = mixed(
      color, paintOver(color, glm::distance(marks.position, glm::dvec3(marks.over)), marks.over.w),
      cover);
  const double focusStrength = marks.focus.w < 0.0 ? cover : 1.0;
  color = mixed(color, kHaloColor,
                focusStrength * halo(glm::distance(marks.position, glm::dvec3(marks.focus)),
                                     std::abs(marks.focus.w)));
  return {glm::clamp(color, 0.0, 1.0), alpha};
}

std::string gltfPinName(std::size_t index, const Pin& pin) {
  const std::string first = pin.text.substr(0, pin.text.find('\n'));
  return "Pin " + std::to_string(index + 1) + (first.empty() ? "" : ": " + first);
}

std::string sceneGltf(const Scene& scene, const AppState& state) {
  const Atlas& atlas = scene.atlas();
  vtkNew<vtkRenderWindow> window; // never shown: the exporter only walks its renderers
  vtkNew<vtkRenderer> renderer;
  window->AddRenderer(renderer);
  std::vector<Exported> exported;

  vtkNew<vtkPlane> cut;
  if (state.sectionZ) {
    cut->SetOrigin(0.0, 0.0, *state.sectionZ);
    cut->SetNormal(0.0, 0.0, -1.0); // the part below the cut is kept, as in the view
  }

  for (const Structure& structure : atlas.structures) {
    vtkActor* shown = scene.actor(structure.id);
    if (!shown || !shown->GetVisibility()) {
      continue; // hidden structures are left out
    }
    const double opacity = shown->GetProperty()->GetOpacity();
    if (opacity <= 0.0) {
      continue;
    }
    vtkPolyData* drawn = scene.drawnSurface(structure.id);
    if (!drawn || drawn->GetNumberOfCells() == 0) {
      continue;
    }
    vtkSmartPointer<vtkPolyData> surface = drawn;
    if (state.sectionZ) {
      vtkNew<vtkClipPolyData> clip;
      clip->SetInputData(drawn);
      clip->SetClipFunction(cut);
      clip->Update();
      surface = clip->GetOutput();
      if (surface->GetNumberOfCells() == 0) {
        continue;
      }
    }
    vtkSmartPointer<vtkPolyData> out = inGltfFrame(surface);
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    vtkPointData* data = surface->GetPointData();
    vtkDataArray* position = data->GetArray(kAtlasPositionArray);
    const glm::dvec3 base{structure.color.r, structure.color.g, structure.color.b};
    bool translucent = opacity < 1.0;
    if (position) {
      // Painted by the shaders in the viewer: every vertex gets its colour here, and the
      // material is white so that the colour is the vertex's alone (glTF multiplies them).
      vtkDataArray* patch = data->GetArray(kPatchArray);
      vtkDataArray* over = data->GetArray(kOverArray);
      vtkDataArray* focus = data->GetArray(kFocusArray);
      vtkDataArray* zone = data->GetArray(kZoneArray);
      vtkDataArray* safety = data->GetArray(kSafetyArray);
      auto colors = vtkSmartPointer<vtkUnsignedCharArray>::New();
      colors->SetName("sura_colors");
      colors->SetNumberOfComponents(4);
      colors->SetNumberOfTuples(surface->GetNumberOfPoints());
      for (vtkIdType i = 0; i < surface->GetNumberOfPoints(); ++i) {
        VertexMarks marks;
        marks.position = glm::dvec3(tuple4(position, i));
        if (patch) {
          marks.patch = tuple4(patch, i);
        }
        if (over) {
          marks.over = tuple4(over, i);
        }
        if (focus) {
          marks.focus = tuple4(focus, i);
        }
        if (zone) {
          const glm::dvec4 z = tuple4(zone, i);
          marks.zone = {z.x, z.y};
        }
        if (safety) {
          marks.safetyMm = safety->GetTuple1(i);
        }
        const glm::dvec4 c = bakedColor(base, opacity, marks);
        translucent = translucent || c.a < 1.0;
        const glm::dvec4 linear(linearFromSrgb(glm::dvec3(c)), c.a);
        for (int k = 0; k < 4; ++k) {
          colors->SetComponent(i, k, std::round(255.0 * linear[k]));
        }
      }
      out->GetPointData()->SetScalars(colors);
      mapper->ScalarVisibilityOn();
      mapper->SetColorModeToDirectScalars();
      mapper->SetScalarModeToUsePointData();
      actor->GetProperty()->SetColor(1.0, 1.0, 1.0);
      actor->GetProperty()->SetOpacity(1.0);
    } else {
      mapper->ScalarVisibilityOff();
      const glm::dvec3 linear = linearFromSrgb(base);
      actor->GetProperty()->SetColor(linear.r, linear.g, linear.b);
      actor->GetProperty()->SetOpacity(opacity);
    }
    mapper->SetInputData(out);
    const Material material = materialFor(structure);
    actor->GetProperty()->SetSpecular(material.specular);
    actor->GetProperty()->SetSpecularPower(material.specularPower);
    renderer->AddActor(actor);
    exported.push_back({structure.name, structure.id, translucent});
  }

  // The pins: a head on a stick along the normal, at a fixed size.
  const bool mirrored = scene.mirrored();
  for (std::size_t i = 0; i < state.pins.size(); ++i) {
    const Pin& pin = state.pins[i];
    if (!isShown(state, atlas, pin.structure) ||
        (state.sectionZ && pin.point.z > *state.sectionZ)) {
      continue;
    }
    const glm::dvec3 at = asDrawn(pin.point, mirrored);
    const glm::dvec3 tip = at + asDrawn(pin.normal, mirrored) * kPinStickMm;
    vtkNew<vtkLineSource> line;
    line->SetPoint1(at.x, at.y, at.z);
    line->SetPoint2(tip.x, tip.y, tip.z);
    vtkNew<vtkTubeFilter> stick;
    stick->SetInputConnection(line->GetOutputPort());
    stick->SetRadius(kPinStickRadiusMm);
    stick->SetNumberOfSides(8);
    stick->CappingOn();
    vtkNew<vtkSphereSource> head;
    head->SetCenter(tip.x, tip.y, tip.z);
    head->SetRadius(kPinHeadMm);
    head->SetThetaResolution(16);
    head->SetPhiResolution(12);
    vtkNew<vtkAppendPolyData> both;
    both->AddInputConnection(stick->GetOutputPort());
    both->AddInputConnection(head->GetOutputPort());
    both->Update();
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(inGltfFrame(both->GetOutput()));
    mapper->ScalarVisibilityOff();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    const glm::dvec3 headColor = linearFromSrgb(kPinHeadColor);
    actor->GetProperty()->SetColor(headColor.r, headColor.g, headColor.b);
    renderer->AddActor(actor);
    exported.push_back({gltfPinName(i, pin), "pin_" + std::to_string(i + 1), false});
  }

  // The camera as the view stands, in the file's frame (a viewer may start from it).
  vtkCamera* camera = scene.renderer()->GetActiveCamera();
  double p[3], f[3], u[3];
  camera->GetPosition(p);
  camera->GetFocalPoint(f);
  camera->GetViewUp(u);
  const glm::dvec3 position = toGltfFrame({p[0], p[1], p[2]});
  const glm::dvec3 focal = toGltfFrame({f[0], f[1], f[2]});
  const glm::dvec3 up = toGltfFrame({u[0], u[1], u[2]}) * 1000.0;
  vtkCamera* exportCamera = renderer->GetActiveCamera();
  exportCamera->SetPosition(position.x, position.y, position.z);
  exportCamera->SetFocalPoint(focal.x, focal.y, focal.z);
  exportCamera->SetViewUp(up.x, up.y, up.z);
  exportCamera->SetViewAngle(camera->GetViewAngle());
  renderer->ResetCameraClippingRange();

  vtkNew<vtkGLTFExporter> exporter;
  exporter->SetRenderWindow(window);
  exporter->InlineDataOn(); // one file to hand out, no .bin beside it
  exporter->SaveNormalOn();
  const std::string written = exporter->WriteToString();

  // What VTK 9.1 leaves out. Its mesh nodes come first, one per actor in the order added.
  nlohmann::json gltf = nlohmann::json::parse(written);
  nlohmann::json& nodes = gltf["nodes"];
  nlohmann::json& meshes = gltf["meshes"];
  nlohmann::json& materials = gltf["materials"];
  for (std::size_t k = 0; k < exported.size() && k < nodes.size(); ++k) {
    nlohmann::json& node = nodes[k];
    node["name"] = exported[k].name;
    node["extras"] = {{"sura_id", exported[k].id}};
    if (!node.contains("mesh")) {
      continue;
    }
    nlohmann::json& mesh = meshes[node["mesh"].get<std::size_t>()];
    mesh["name"] = exported[k].name;
    for (nlohmann::json& primitive : mesh["primitives"]) {
      if (!primitive.contains("material")) {
        continue;
      }
      nlohmann::json& material = materials[primitive["material"].get<std::size_t>()];
      material["name"] = exported[k].name;
      // Without alphaMode a glTF viewer draws every layer opaque, the skin hiding the rest.
      if (exported[k].translucent) {
        material["alphaMode"] = "BLEND";
      }
      // VTK writes its specular strength as metalness: tissue is no metal, and a metallic
      // muscle looks grey in a PBR viewer. The roughness VTK derives from the shine stays.
      material["pbrMetallicRoughness"]["metallicFactor"] = 0.0;
    }
  }
  gltf["asset"]["generator"] = "Sura (VTK vtkGLTFExporter)";
  return gltf.dump() + "\n";
}

} // namespace sura
