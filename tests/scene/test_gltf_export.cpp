// The glTF export read back with VTK's own importer: the structures shown (and only those),
// in their colours; a painted referred-pain zone's vertices in the zone's colour, a trigger
// point's patch in cyan around its surface point; the pins as named nodes. No window needed.
#include "bundled_atlas.h"
#include "fixture/fixture_atlas.h"
#include "scene/gltf_export.h"
#include "scene/scene.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkDataArray.h>
#include <vtkGLTFImporter.h>
#include <vtkMapper.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <glm/geometric.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <vector>

using namespace sura;

namespace {

struct Imported {
  std::vector<vtkSmartPointer<vtkActor>> actors; ///< as the importer made them
  nlohmann::json json;
  /// The actor of each mesh node, by node index (VTK 9.1's importer names none and walks the
  /// nodes in its own order): the actor whose bounds are the node's POSITION min and max.
  std::map<std::size_t, vtkSmartPointer<vtkActor>> byNode;
  vtkActor* actorOf(const std::string& suraId) const {
    const nlohmann::json& nodes = json["nodes"];
    for (std::size_t k = 0; k < nodes.size(); ++k) {
      if (nodes[k].contains("extras") && nodes[k]["extras"]["sura_id"] == suraId &&
          byNode.count(k)) {
        return byNode.at(k);
      }
    }
    return nullptr;
  }
};

// Writes the text and reads it back with vtkGLTFImporter (the actors it makes, in order).
Imported importBack(const std::string& gltf) {
  test::TempDir dir;
  const auto file = dir.path() / "scene.gltf";
  std::ofstream(file) << gltf;
  Imported out;
  out.json = nlohmann::json::parse(gltf);
  vtkNew<vtkGLTFImporter> importer;
  importer->SetFileName(file.string().c_str());
  vtkNew<vtkRenderWindow> window;
  vtkNew<vtkRenderer> renderer;
  window->AddRenderer(renderer);
  importer->SetRenderWindow(window);
  importer->Update();
  vtkActorCollection* actors = renderer->GetActors();
  actors->InitTraversal();
  while (vtkActor* actor = actors->GetNextActor()) {
    out.actors.push_back(actor);
  }
  const nlohmann::json& nodes = out.json["nodes"];
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    if (!nodes[k].contains("mesh")) {
      continue;
    }
    const nlohmann::json& mesh = out.json["meshes"][nodes[k]["mesh"].get<std::size_t>()];
    const nlohmann::json& position =
        out.json["accessors"][mesh["primitives"][0]["attributes"]["POSITION"].get<std::size_t>()];
    for (vtkActor* actor : out.actors) {
      double b[6];
      actor->GetMapper()->GetInput()->GetBounds(b);
      bool same = true;
      for (int axis = 0; axis < 3; ++axis) {
        same = same && std::abs(b[2 * axis] - position["min"][axis].get<double>()) < 1e-5 &&
               std::abs(b[2 * axis + 1] - position["max"][axis].get<double>()) < 1e-5;
      }
      if (same) {
        out.byNode[k] = actor;
      }
    }
  }
  return out;
}

vtkDataArray* vertexColors(vtkActor* actor) {
  vtkPolyData* data = vtkPolyData::SafeDownCast(actor->GetMapper()->GetInput());
  REQUIRE(data);
  vtkDataArray* colors = data->GetPointData()->GetScalars();
  if (!colors) {
    colors = data->GetPointData()->GetArray("COLOR_0");
  }
  return colors;
}

// A vertex colour as 0..255 RGB.
glm::dvec3 rgbAt(vtkDataArray* colors, vtkIdType i) {
  double c[4] = {0, 0, 0, 0};
  colors->GetTuple(i, c);
  // Unsigned bytes come as 0..255; floats (normalised on import) as 0..1.
  const double scale = colors->GetDataType() == VTK_UNSIGNED_CHAR ? 1.0 : 255.0;
  return glm::dvec3{c[0], c[1], c[2]} * scale;
}

// The same colour as Sura shows it (sRGB, 0..255), from the file's linear light.
glm::dvec3 srgbAt(vtkDataArray* colors, vtkIdType i) {
  const glm::dvec3 linear = rgbAt(colors, i) / 255.0;
  const auto channel = [](double v) {
    return v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1.0 / 2.4) - 0.055;
  };
  return glm::dvec3{channel(linear.r), channel(linear.g), channel(linear.b)} * 255.0;
}

} // namespace

TEST_CASE("colours go into the file in linear light, as glTF defines them") {
  CHECK(linearFromSrgb({0.0, 1.0, 0.5}).x == 0.0);
  CHECK(linearFromSrgb({0.0, 1.0, 0.5}).y == doctest::Approx(1.0));
  CHECK(linearFromSrgb({0.0, 1.0, 0.5}).z == doctest::Approx(0.2140).epsilon(0.001));
  CHECK(linearFromSrgb({0.02, 0.2, 0.8}).x == doctest::Approx(0.02 / 12.92)); // the linear toe
  CHECK(linearFromSrgb({0.02, 0.2, 0.8}).y == doctest::Approx(0.0331).epsilon(0.005));
  CHECK(linearFromSrgb({0.02, 0.2, 0.8}).z == doctest::Approx(0.6038).epsilon(0.001));
}

TEST_CASE("the export holds the structures shown, named, in their colours; hidden ones left out") {
  test::TempDir dir;
  test::writeFixtureAtlas(dir.path());
  const LoadedAtlas loaded = loadAtlas(dir.path());
  Scene scene(loaded);
  AppState state;
  apply(state, loaded.atlas, command::SetVisible{"gastrocnemius_lateral_head", false});
  apply(state, loaded.atlas, command::SetOpacity{"soleus", 0.5f});
  apply(state, loaded.atlas,
        command::AddPin{Pin{"soleus", {8.0, -20.0, -30.0}, {0.0, -1.0, 0.0}, "Press here", {}}});
  scene.apply(state);
  const Imported back = importBack(sceneGltf(scene, state));

  // soleus and the medial head; the hidden lateral head is not in the file; the pin is.
  REQUIRE(back.actors.size() == 3);
  REQUIRE(back.byNode.size() == 3);
  const nlohmann::json& nodes = back.json["nodes"];
  CHECK(nodes[0]["name"] == loaded.atlas.find("soleus")->name);
  CHECK(nodes[0]["extras"]["sura_id"] == "soleus");
  CHECK(nodes[1]["extras"]["sura_id"] == "gastrocnemius_medial_head");
  CHECK(nodes[2]["name"] == "Pin 1: Press here");
  for (const auto& node : nodes) {
    CHECK(node.value("extras", nlohmann::json::object()).value("sura_id", "") !=
          "gastrocnemius_lateral_head");
  }
  // Colours as materials (nothing is painted on the fixture: no trigger points).
  const std::vector<std::string> ids = {"soleus", "gastrocnemius_medial_head"};
  for (std::size_t k = 0; k < ids.size(); ++k) {
    CAPTURE(ids[k]);
    // baseColorFactor is linear light: a viewer that follows glTF shows the atlas's colour.
    const glm::dvec3 want = linearFromSrgb(glm::dvec3(loaded.atlas.find(ids[k])->color));
    double got[3];
    REQUIRE(back.actorOf(ids[k]));
    back.actorOf(ids[k])->GetProperty()->GetDiffuseColor(got);
    CHECK(got[0] == doctest::Approx(want.r).epsilon(0.01));
    CHECK(got[1] == doctest::Approx(want.g).epsilon(0.01));
    CHECK(got[2] == doctest::Approx(want.b).epsilon(0.01));
  }
  // The half-transparent soleus is blended in a glTF viewer; the opaque head is not.
  const nlohmann::json& materials = back.json["materials"];
  const auto materialOf = [&](std::size_t node) {
    const std::size_t mesh = nodes[node]["mesh"];
    return materials[back.json["meshes"][mesh]["primitives"][0]["material"].get<std::size_t>()];
  };
  CHECK(materialOf(0)["alphaMode"] == "BLEND");
  CHECK(materialOf(0)["pbrMetallicRoughness"]["baseColorFactor"][3] == doctest::Approx(0.5));
  CHECK_FALSE(materialOf(1).contains("alphaMode"));
  // Metres, +Y up: the fixture's 40 mm soleus is 0.04 high along Y.
  double bounds[6];
  back.actorOf("soleus")->GetMapper()->GetInput()->GetBounds(bounds);
  CHECK(bounds[3] - bounds[2] == doctest::Approx(0.040).epsilon(0.01));
}

TEST_CASE(
    "a painted referred-pain zone and a trigger point's patch are baked into vertex colours") {
  const LoadedAtlas& loaded = test::bundledAtlas();
  Scene scene(loaded, test::bundledClinical());
  AppState state;
  apply(state, loaded.atlas, command::ShowTriggerPoints{{"soleus_trp1"}, true});
  apply(state, loaded.atlas, command::ShowReferred{"soleus_trp1"});
  scene.apply(state);
  const Imported back = importBack(sceneGltf(scene, state));
  const auto actorOf = [&](const std::string& id) { return back.actorOf(id); };

  // The skin: every vertex fully inside the essential zone is the zone's indigo; a vertex far
  // from every zone keeps the skin's own colour.
  vtkActor* skin = actorOf("skin");
  REQUIRE(skin);
  vtkDataArray* colors = vertexColors(skin);
  REQUIRE(colors);
  const TriangleMesh& skinMesh = loaded.meshes.at("skin");
  REQUIRE(colors->GetNumberOfTuples() == static_cast<vtkIdType>(skinMesh.points.size()));
  const ResolvedTriggerPoint& point = test::bundledTriggerPoint("soleus_trp1");
  const glm::dvec3 indigo = linearFromSrgb({0.24, 0.14, 0.62}) * 255.0;
  std::vector<float> essential(skinMesh.points.size(), 0.0f);
  std::vector<float> any(skinMesh.points.size(), 0.0f);
  for (const ResolvedZone& zone : point.zones) {
    for (std::size_t k = 0; k < zone.vertices.size(); ++k) {
      any[zone.vertices[k]] = std::max(any[zone.vertices[k]], zone.weights[k]);
      if (zone.zone.kind == ZoneKind::Essential) {
        essential[zone.vertices[k]] = zone.weights[k];
      }
    }
  }
  std::size_t inZone = 0;
  for (std::size_t v = 0; v < essential.size(); ++v) {
    if (essential[v] >= 0.999f) {
      CAPTURE(v);
      CHECK(glm::distance(rgbAt(colors, static_cast<vtkIdType>(v)), indigo) < 3.0);
      ++inZone;
    }
  }
  CHECK(inZone > 20);
  const glm::vec3 skinColor = loaded.atlas.find("skin")->color;
  std::size_t plain = 0;
  for (std::size_t v = 0; v < any.size(); v += 97) {
    if (any[v] == 0.0f && skinMesh.points[v].z > -100.0 &&
        glm::distance(skinMesh.points[v], point.surfacePoint) > 80.0) {
      CHECK(glm::distance(rgbAt(colors, static_cast<vtkIdType>(v)),
                          linearFromSrgb(glm::dvec3(skinColor)) * 255.0) < 2.0);
      ++plain;
    }
  }
  CHECK(plain > 10);

  // Soleus: cyan around the point's surface point, and only there.
  vtkActor* soleus = actorOf("soleus");
  REQUIRE(soleus);
  vtkDataArray* soleusColors = vertexColors(soleus);
  REQUIRE(soleusColors);
  const TriangleMesh& soleusMesh = loaded.meshes.at("soleus");
  std::size_t cyan = 0;
  for (std::size_t v = 0; v < soleusMesh.points.size(); ++v) {
    const glm::dvec3 c = srgbAt(soleusColors, static_cast<vtkIdType>(v));
    if (c.b > 150 && c.g > 130 && c.r < 80) {
      CHECK(glm::distance(soleusMesh.points[v], point.surfacePoint) < 1.1 * point.point.radiusMm);
      ++cyan;
    }
  }
  CHECK(cyan > 3);
}

TEST_CASE(
    "baked colours follow the shaders: a patch fades out at its edge, zones are opaque enough") {
  const glm::dvec3 muscle{0.6, 0.2, 0.2};
  VertexMarks marks;
  marks.position = {0.0, 0.0, 0.0};
  marks.patch = {6.0, 0.0, 0.0, 10.0}; // a point of radius 10 mm, 6 mm away: inside
  const glm::dvec4 inside = bakedColor(muscle, 1.0, marks);
  CHECK(inside.g > 0.65);
  marks.patch = {12.0, 0.0, 0.0, 10.0}; // beyond 110 % of the radius: untouched
  CHECK(glm::dvec3(bakedColor(muscle, 1.0, marks)) == muscle);
  marks.patch = {1.0, 0.0, 0.0, 10.0}; // on the centre dot
  CHECK(glm::distance(glm::dvec3(bakedColor(muscle, 1.0, marks)), {0.02, 0.10, 0.28}) < 1e-6);
  VertexMarks zone;
  zone.zone = {1.0, 0.0};
  const glm::dvec4 painted = bakedColor({0.9, 0.8, 0.7}, 0.2, zone);
  CHECK(painted.a == doctest::Approx(0.35)); // a zone on see-through skin stays readable
  CHECK(bakedColor({0.9, 0.8, 0.7}, 0.2, VertexMarks{}).a == doctest::Approx(0.2));
}
