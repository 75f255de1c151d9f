// The clinical layer of the scene on the bundled atlas: what each surface is painted with, the
// framing of a trigger point or a selection, and the highlight's clock. No window needed: the
// paint is per-vertex data the shaders read, and framing is camera geometry.
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "scene/camera_preset.h"
#include "scene/scene.h"
#include "scene/trigger_point_layer.h"

#include "bundled_atlas.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>
#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkDataArray.h>
#include <vtkMapper.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkShaderProperty.h>
#include <vtkUniforms.h>

#include <cmath>

using namespace sura;

namespace {

using test::bundledClinical;

// The surface as the mapper draws it, with the layer's arrays.
vtkPolyData* drawn(Scene& scene, const std::string& id) {
  vtkActor* actor = scene.actor(id);
  REQUIRE(actor != nullptr);
  actor->GetMapper()->Update();
  auto* data = vtkPolyData::SafeDownCast(actor->GetMapper()->GetInputAsDataSet());
  REQUIRE(data != nullptr);
  return data;
}

glm::dvec3 tuple3(vtkDataArray* array, vtkIdType i) {
  double t[4] = {0, 0, 0, 0};
  array->GetTuple(i, t);
  return {t[0], t[1], t[2]};
}

// A vertex of a painted surface: where it is (atlas frame) and how much of a spot array's
// colour the shader gives it (the patch curve, at the vertex itself).
struct PaintedVertex {
  glm::dvec3 position;
  glm::dvec3 spot;
  double radius;
  double weight;
};

std::vector<PaintedVertex> paintedVertices(vtkPolyData* data, const char* spotArray) {
  vtkDataArray* positions = data->GetPointData()->GetArray(kAtlasPositionArray);
  vtkDataArray* spots = data->GetPointData()->GetArray(spotArray);
  REQUIRE(positions != nullptr);
  REQUIRE(spots != nullptr);
  REQUIRE(spots->GetNumberOfComponents() == 4);
  std::vector<PaintedVertex> vertices;
  for (vtkIdType i = 0; i < data->GetNumberOfPoints(); ++i) {
    double s[4];
    spots->GetTuple(i, s);
    // The focus array marks a target with a negative radius.
    PaintedVertex v{tuple3(positions, i), {s[0], s[1], s[2]}, std::abs(s[3]), 0.0};
    v.weight = patchWeight(glm::length(v.position - v.spot), v.radius);
    vertices.push_back(v);
  }
  return vertices;
}

int countPainted(vtkPolyData* data, const char* spotArray) {
  int n = 0;
  for (const PaintedVertex& v : paintedVertices(data, spotArray)) {
    n += v.weight > 0.0 ? 1 : 0;
  }
  return n;
}

glm::dvec3 cameraFocalPoint(Scene& scene) {
  double p[3];
  scene.renderer()->GetActiveCamera()->GetFocalPoint(p);
  return {p[0], p[1], p[2]};
}

glm::dvec3 cameraPosition(Scene& scene) {
  double p[3];
  scene.renderer()->GetActiveCamera()->GetPosition(p);
  return {p[0], p[1], p[2]};
}

// Largest share of the half viewport (the shorter side) that a point uses in a pose.
double viewShare(const CameraPose& pose, const glm::dvec3& p, double aspect) {
  const glm::dvec3 forward = glm::normalize(pose.focalPoint - pose.position);
  const glm::dvec3 up = glm::normalize(pose.viewUp);
  const glm::dvec3 right = glm::cross(forward, up);
  const glm::dvec3 v = p - pose.position;
  const double depth = glm::dot(v, forward);
  REQUIRE(depth > 0.0);
  const double tanHalf = std::tan(glm::radians(kViewAngleDegrees) / 2.0);
  return std::max(std::abs(glm::dot(v, up)) / depth / tanHalf,
                  std::abs(glm::dot(v, right)) / depth / (tanHalf * aspect));
}

} // namespace

TEST_CASE("the patch curve: full inside the region, a soft edge, nothing beyond") {
  CHECK(patchWeight(0.0, 12.0) == doctest::Approx(1.0));
  CHECK(patchWeight(9.0, 12.0) == doctest::Approx(1.0));
  CHECK(patchWeight(11.0, 12.0) > 0.0);
  CHECK(patchWeight(11.0, 12.0) < 1.0);
  CHECK(patchWeight(10.0, 12.0) > patchWeight(12.0, 12.0));
  CHECK(patchWeight(13.3, 12.0) == doctest::Approx(0.0));
}

TEST_CASE("a shown trigger point is painted on its own muscle around its surface point, and "
          "goes when hidden") {
  Scene scene(test::bundledAtlas(), bundledClinical());
  AppState state;
  scene.apply(state);
  CHECK(countPainted(drawn(scene, "soleus"), kPatchArray) == 0);

  apply(state, scene.atlas(), command::ShowTriggerPoints{{"soleus_trp1"}});
  scene.apply(state);
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("soleus_trp1");
  int near = 0, far = 0;
  for (const PaintedVertex& v : paintedVertices(drawn(scene, "soleus"), kPatchArray)) {
    const double distance = glm::length(v.position - trp.surfacePoint);
    if (distance < 0.7 * trp.point.radiusMm) {
      ++near;
      CHECK(v.weight == doctest::Approx(1.0));
      CHECK(glm::length(v.spot - trp.surfacePoint) < 1e-3);
    } else if (distance > 1.2 * trp.point.radiusMm) {
      ++far;
      CHECK(v.weight == 0.0);
    }
  }
  CHECK(near >= 3); // the patch covers several vertices, not a single one
  CHECK(far > 100);
  // Only its own muscle: the gastrocnemius close over it carries no patch.
  CHECK(countPainted(drawn(scene, "gastrocnemius_medial_head"), kPatchArray) == 0);
  CHECK(countPainted(drawn(scene, "gastrocnemius_lateral_head"), kPatchArray) == 0);

  apply(state, scene.atlas(), command::ShowTriggerPoints{{"soleus_trp1"}, false});
  scene.apply(state);
  CHECK(countPainted(drawn(scene, "soleus"), kPatchArray) == 0);
}

TEST_CASE("every shown point has a patch; the other points of the same muscle do not") {
  Scene scene(test::bundledAtlas(), bundledClinical());
  AppState state;
  apply(state, scene.atlas(), command::ShowTriggerPoints{{"gastrocnemius_trp1"}});
  scene.apply(state);
  const auto vertices = paintedVertices(drawn(scene, "gastrocnemius_medial_head"), kPatchArray);
  const glm::dvec3 shown = test::bundledTriggerPoint("gastrocnemius_trp1").surfacePoint;
  const glm::dvec3 hidden =
      test::bundledTriggerPoint("gastrocnemius_trp3").surfacePoint; // same head
  for (const PaintedVertex& v : vertices) {
    if (glm::length(v.position - hidden) < 5.0) {
      CHECK(v.weight == 0.0);
    }
  }
  apply(state, scene.atlas(), command::ShowTriggerPoints{{}}); // all
  scene.apply(state);
  int nearShown = 0, nearHidden = 0;
  for (const PaintedVertex& v :
       paintedVertices(drawn(scene, "gastrocnemius_medial_head"), kPatchArray)) {
    nearShown += glm::length(v.position - shown) < 5.0 && v.weight == 1.0 ? 1 : 0;
    nearHidden += glm::length(v.position - hidden) < 5.0 && v.weight == 1.0 ? 1 : 0;
  }
  CHECK(nearShown > 0);
  CHECK(nearHidden > 0);
}

TEST_CASE("a point under the skin gets a target on the skin right over it, on its approach "
          "line") {
  const auto spots =
      markSpots(test::bundledAtlas().atlas, bundledClinical(), test::bundledAtlas().meshes);
  const ResolvedTriggerPoint& trp =
      test::bundledTriggerPoint("soleus_trp2"); // under the gastrocnemius
  for (const char* over : {"skin", "gastrocnemius_lateral_head"}) {
    CAPTURE(over);
    REQUIRE(spots.count(over) == 1);
    const MarkSpot* found = nullptr;
    for (const MarkSpot& spot : spots.at(over)) {
      if (bundledClinical().triggerPoints[spot.point].point.id == "soleus_trp2") {
        found = &spot;
      }
    }
    REQUIRE(found != nullptr);
    CHECK(found->over);
    // Out from the surface point against the approach, i.e. toward the examiner.
    const glm::dvec3 out = found->position - trp.surfacePoint;
    CHECK(glm::dot(out, -trp.approach) > 1.0);
    CHECK(glm::length(glm::cross(out, trp.approach)) < 1e-6 * glm::length(out) + 1e-6);
  }

  Scene scene(test::bundledAtlas(), bundledClinical());
  AppState state;
  apply(state, scene.atlas(), command::ShowTriggerPoints{{"soleus_trp2"}});
  scene.apply(state);
  CHECK(countPainted(drawn(scene, "skin"), kOverArray) > 0);
  CHECK(countPainted(drawn(scene, "skin"), kPatchArray) == 0); // the skin is not its muscle
  apply(state, scene.atlas(), command::ShowTriggerPoints{{}, false});
  scene.apply(state);
  CHECK(countPainted(drawn(scene, "skin"), kOverArray) == 0);
}

TEST_CASE("referred zones are painted on the skin only for the point in referredShown") {
  Scene scene(test::bundledAtlas(), bundledClinical());
  AppState state;
  auto zoneSums = [&]() {
    vtkDataArray* zones = drawn(scene, "skin")->GetPointData()->GetArray(kZoneArray);
    REQUIRE(zones != nullptr);
    glm::dvec2 sum{0.0};
    for (vtkIdType i = 0; i < zones->GetNumberOfTuples(); ++i) {
      sum += glm::dvec2{zones->GetComponent(i, 0), zones->GetComponent(i, 1)};
    }
    return sum;
  };
  apply(state, scene.atlas(), command::ShowTriggerPoints{{}});
  scene.apply(state);
  CHECK(zoneSums() == glm::dvec2{0.0}); // showing points paints no zones

  apply(state, scene.atlas(), command::ShowReferred{"soleus_trp1"});
  scene.apply(state);
  const glm::dvec2 heel = zoneSums();
  CHECK(heel.x > 10.0); // essential: the heel and the distal tendon
  CHECK(heel.y == 0.0); // soleus_trp1 has no spillover zone
  // The essential weight sits on the zone's own vertices.
  vtkDataArray* zones = drawn(scene, "skin")->GetPointData()->GetArray(kZoneArray);
  const ResolvedZone& heelZone = test::bundledTriggerPoint("soleus_trp1").zones.front();
  for (std::size_t k = 0; k < heelZone.vertices.size(); ++k) {
    CHECK(zones->GetComponent(heelZone.vertices[k], 0) >= heelZone.weights[k] - 1e-6);
  }
  // Muscles carry no zones.
  vtkDataArray* muscleZones = drawn(scene, "soleus")->GetPointData()->GetArray(kZoneArray);
  CHECK(muscleZones->GetRange(0)[1] == 0.0);

  apply(state, scene.atlas(), command::ShowReferred{"gastrocnemius_trp1"});
  scene.apply(state);
  CHECK(zoneSums().y > 10.0); // its spillover down the calf

  apply(state, scene.atlas(), command::ShowReferred{""});
  scene.apply(state);
  CHECK(zoneSums() == glm::dvec2{0.0});
}

TEST_CASE("the selected point carries the focus (its halo), which follows the selection") {
  Scene scene(test::bundledAtlas(), bundledClinical());
  AppState state;
  apply(state, scene.atlas(), command::SelectTriggerPoint{"soleus_trp3"});
  scene.apply(state);
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("soleus_trp3");
  int focused = 0;
  for (const PaintedVertex& v : paintedVertices(drawn(scene, "soleus"), kFocusArray)) {
    focused += v.weight > 0.0 ? 1 : 0;
    CHECK(glm::length(v.spot - trp.surfacePoint) < 1e-3);
  }
  CHECK(focused > 0);
  CHECK(countPainted(drawn(scene, "skin"), kFocusArray) > 0); // its target glows too
  vtkDataArray* skinFocus = drawn(scene, "skin")->GetPointData()->GetArray(kFocusArray);
  CHECK(skinFocus->GetComponent(0, 3) == doctest::Approx(-trp.point.radiusMm)); // a target
  vtkDataArray* soleusFocus = drawn(scene, "soleus")->GetPointData()->GetArray(kFocusArray);
  CHECK(soleusFocus->GetComponent(0, 3) == doctest::Approx(trp.point.radiusMm)); // its patch
  CHECK(countPainted(drawn(scene, "gastrocnemius_medial_head"), kFocusArray) == 0);

  apply(state, scene.atlas(), command::SelectTriggerPoint{""});
  scene.apply(state);
  CHECK(countPainted(drawn(scene, "soleus"), kFocusArray) == 0);
  CHECK(countPainted(drawn(scene, "soleus"), kPatchArray) > 0); // still shown
}

TEST_CASE("setTime drives the highlight's clock on every surface") {
  Scene scene(test::bundledAtlas(), bundledClinical());
  auto time = [&](const std::string& id) {
    float t = -1.0f;
    REQUIRE(scene.actor(id)->GetShaderProperty()->GetFragmentCustomUniforms()->GetUniformf(
        "suraTime", t));
    return t;
  };
  CHECK(time("soleus") == 0.0f);
  scene.setTime(2.5);
  CHECK(time("soleus") == doctest::Approx(2.5));
  CHECK(time("skin") == doctest::Approx(2.5));
}

TEST_CASE("a trigger point is framed from its examination side, centred on it") {
  const ResolvedTriggerPoint& trp =
      test::bundledTriggerPoint("soleus_trp1"); // examined from behind
  const double aspect = 1.5;
  const CameraPose right = frameTriggerPoint(trp, false, kViewAngleDegrees, aspect);
  CHECK(glm::length(right.focalPoint - trp.centre) < 1e-9);
  const glm::dvec3 toward = glm::normalize(right.position - right.focalPoint);
  CHECK(toward.y == doctest::Approx(-1.0)); // posterior: the camera stands behind the leg
  CHECK(right.viewUp.z > 0.99);
  // Close: the region around the point fills the shorter side of the view.
  const glm::dvec3 up = glm::normalize(right.viewUp);
  CHECK(viewShare(right, trp.centre + kTriggerPointViewRadiusMm * up, aspect) ==
        doctest::Approx(0.93).epsilon(0.05));

  // The left leg is the mirror: the point and the camera move to -X.
  const CameraPose left = frameTriggerPoint(trp, true, kViewAngleDegrees, aspect);
  CHECK(left.focalPoint.x == doctest::Approx(-trp.centre.x));
  CHECK(left.position.x == doctest::Approx(-right.position.x));
  CHECK(left.position.y == doctest::Approx(right.position.y));

  // A point examined from the medial side of a right leg (-X) is seen from +X on a left leg.
  ResolvedTriggerPoint medial = trp;
  medial.approach = {1.0, 0.0, 0.0};
  CHECK(examinationDirection(medial, false).x == doctest::Approx(-1.0));
  CHECK(examinationDirection(medial, true).x == doctest::Approx(1.0));
  const CameraPose medialLeft = frameTriggerPoint(medial, true, kViewAngleDegrees, aspect);
  CHECK(medialLeft.position.x > medialLeft.focalPoint.x + 100.0);
}

TEST_CASE("the framing steps back so the referred zones are in view, point and zone centred") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("soleus_trp1");
  // Heel skin facing the examiner behind the leg.
  const SkinPoint heel{trp.centre + glm::dvec3{20.0, 0.0, -170.0}, {0.0, -1.0, 0.0}};
  const double aspect = 1.5;
  const CameraPose close = frameTriggerPoint(trp, false, kViewAngleDegrees, aspect);
  CHECK(viewShare(close, heel.position, aspect) > 1.0);
  const CameraPose wide = frameTriggerPoint(trp, false, kViewAngleDegrees, aspect, {heel});
  // Still from behind (the heel faces that way): no turn needed.
  CHECK(glm::normalize(wide.position - wide.focalPoint).y == doctest::Approx(-1.0));
  CHECK(viewShare(wide, heel.position, aspect) < 1.0);
  CHECK(viewShare(wide, trp.centre, aspect) < 1.0);
  CHECK(wide.focalPoint.z < trp.centre.z - 40.0); // between the point and the heel
  CHECK(wide.focalPoint.z > heel.position.z + 40.0);
}

TEST_CASE("the scene frames once per request: the focused point, then the selection") {
  Scene scene(test::bundledAtlas(), bundledClinical());
  AppState state;
  scene.apply(state);
  const glm::dvec3 presetFocal = cameraFocalPoint(scene);

  apply(state, scene.atlas(), command::SelectTriggerPoint{"gastrocnemius_trp2"});
  scene.apply(state);
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("gastrocnemius_trp2");
  // On the point and its local zone together: the point near the middle of the view.
  const glm::dvec3 focusedAt = cameraFocalPoint(scene);
  CHECK(glm::length(focusedAt - trp.centre) < kTriggerPointSurroundMm);
  CHECK(cameraPosition(scene).y < trp.centre.y - 100.0); // from behind
  CHECK(glm::length(cameraFocalPoint(scene) - presetFocal) > 10.0);

  // No new request: a camera the user moved stays where it is.
  scene.renderer()->GetActiveCamera()->SetPosition(0, -2000, 0);
  scene.apply(state);
  CHECK(cameraPosition(scene).y == doctest::Approx(-2000.0));

  // A group: the box of all its parts, from the current direction.
  apply(state, scene.atlas(), command::Select{"gastrocnemius"});
  apply(state, scene.atlas(), command::FrameSelection{});
  scene.apply(state);
  Aabb box;
  for (const char* id : {"gastrocnemius_medial_head", "gastrocnemius_lateral_head"}) {
    double b[6];
    drawn(scene, id)->GetBounds(b);
    box.add({b[0], b[2], b[4]});
    box.add({b[1], b[3], b[5]});
  }
  CHECK(glm::length(cameraFocalPoint(scene) - box.center()) < 1e-6);

  // The left leg: the focused point is framed where the mirrored model has it.
  apply(state, scene.atlas(), command::SetSide{Side::Left});
  apply(state, scene.atlas(), command::SelectTriggerPoint{"gastrocnemius_trp2"});
  scene.apply(state);
  CHECK(cameraFocalPoint(scene).x == doctest::Approx(-focusedAt.x));
  CHECK(cameraFocalPoint(scene).z == doctest::Approx(focusedAt.z));
}

TEST_CASE("a zone out of sight turns the view; one no view shows at a visible size does not") {
  const ResolvedTriggerPoint& trp = test::bundledTriggerPoint("gastrocnemius_trp1");
  const double aspect = 1.5;
  const CameraPose close = frameTriggerPoint(trp, false, kViewAngleDegrees, aspect);
  // Skin below the point facing medially (-x on a right leg): the view turns toward it.
  const SkinPoint medial{trp.centre + glm::dvec3{-20.0, 40.0, -250.0}, {-1.0, 0.0, 0.0}};
  const CameraPose turned = frameTriggerPoint(trp, false, kViewAngleDegrees, aspect, {medial});
  const glm::dvec3 toward = glm::normalize(turned.position - turned.focalPoint);
  CHECK(glm::dot(medial.normal, toward) >= std::cos(glm::radians(kFacingDegrees)) - 1e-9);
  CHECK(glm::degrees(std::acos(glm::dot(toward, glm::dvec3{0, -1, 0}))) <= kMaxFocusTurnDegrees);
  CHECK(viewShare(turned, medial.position, aspect) < 1.0);
  CHECK(viewShare(turned, trp.centre, aspect) < 1.0);
  // Skin facing straight away from the examiner (the front of the leg) is out of every turn
  // that keeps the examined surface in sight, and skin 2 m away would shrink the point to a
  // dot: both leave the close view as it was.
  const SkinPoint front{trp.centre + glm::dvec3{0.0, 60.0, -100.0}, {0.0, 1.0, 0.0}};
  const SkinPoint far{trp.centre + glm::dvec3{0.0, 0.0, -2000.0}, {0.0, -1.0, 0.0}};
  for (const SkinPoint& out : {front, far}) {
    const CameraPose same = frameTriggerPoint(trp, false, kViewAngleDegrees, aspect, {out});
    CHECK(glm::length(same.position - close.position) < 1e-9);
    CHECK(glm::length(same.focalPoint - close.focalPoint) < 1e-9);
  }
}

TEST_CASE("the points a focused view takes in: the essential zones, not the spillover") {
  const TriangleMesh& skin = test::bundledAtlas().meshes.at(bundledClinical().skin);
  const std::vector<SkinPoint> heel =
      essentialReferredPoints(test::bundledTriggerPoint("soleus_trp1"), skin);
  CHECK(heel.size() > 20);
  for (const SkinPoint& p : heel) {
    // Below the point, toward the heel: the zone starts 49 mm lower (t 0.85), less its soft rim.
    CHECK(p.position.z < test::bundledTriggerPoint("soleus_trp1").centre.z - 30.0);
    CHECK(glm::length(p.normal) == doctest::Approx(1.0));
  }
  std::size_t spillover = 0;
  for (const ResolvedZone& zone : test::bundledTriggerPoint("gastrocnemius_trp1").zones) {
    spillover += zone.zone.kind == ZoneKind::Spillover ? zone.vertices.size() : 0;
  }
  REQUIRE(spillover > 0);
  std::size_t essential = 0;
  for (const ResolvedZone& zone : test::bundledTriggerPoint("gastrocnemius_trp1").zones) {
    for (float w : zone.weights) {
      essential += zone.zone.kind == ZoneKind::Essential && w >= 0.5f ? 1 : 0;
    }
  }
  CHECK(essentialReferredPoints(test::bundledTriggerPoint("gastrocnemius_trp1"), skin).size() ==
        essential);
}

TEST_CASE("the safety map is painted on the skin without the trigger points being asked for") {
  const LoadedAtlas& loaded = test::bundledAtlas();
  // The clinical layer as a window gets it: asked for only when first needed. The map never
  // needs it, with or without trigger points in the atlas.
  LoadedAtlas noPoints = loaded;
  noPoints.atlas.triggerPoints.clear();
  for (const LoadedAtlas* atlas : std::vector<const LoadedAtlas*>{&loaded, &noPoints}) {
    CAPTURE(atlas->atlas.triggerPoints.size());
    int asked = 0;
    Scene scene(*atlas, [&asked] {
      ++asked;
      return Clinical{};
    });
    const std::string skin = skinStructureId(atlas->atlas, atlas->meshes);
    REQUIRE(!skin.empty());
    const vtkIdType count = drawn(scene, skin)->GetNumberOfPoints();
    std::vector<float> depths(static_cast<std::size_t>(count));
    for (std::size_t v = 0; v < depths.size(); ++v) {
      depths[v] = static_cast<float>(v % 60);
    }
    auto safety = [&](vtkIdType v) {
      vtkDataArray* array = drawn(scene, skin)->GetPointData()->GetArray(kSafetyArray);
      REQUIRE(array != nullptr);
      return array->GetComponent(v, 0);
    };
    AppState state;
    apply(state, scene.atlas(), command::ShowSafetyMap{true});
    scene.apply(state);
    CHECK(safety(7) == -1.0); // not worked out yet: nothing painted
    scene.setSafetyMap(depths);
    CHECK(safety(7) == doctest::Approx(7.0));
    CHECK(safety(count - 1) == doctest::Approx(depths.back()));
    apply(state, scene.atlas(), command::ShowSafetyMap{false});
    scene.apply(state);
    CHECK(safety(7) == -1.0);
    apply(state, scene.atlas(), command::ShowSafetyMap{true});
    scene.apply(state);
    CHECK(safety(7) == doctest::Approx(7.0));
    CHECK(asked == 0);
    CHECK(scene.clinicalIfResolved() == nullptr);
  }
}
