// Scene construction, state application and camera presets: no window needed.
#include "fixture/fixture_atlas.h"
#include "scene/camera_preset.h"
#include "scene/needle_drawing.h"
#include "scene/polydata.h"
#include "scene/scene.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>
#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkDataArray.h>
#include <vtkMapper.h>
#include <vtkPlane.h>
#include <vtkPlaneCollection.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>

#include <cmath>

using namespace sura;

namespace {

LoadedAtlas loadedFixture() {
  test::TempDir dir;
  test::writeFixtureAtlas(dir.path());
  return loadAtlas(dir.path());
}

glm::dvec3 point(vtkPolyData* data, vtkIdType i) {
  double p[3];
  data->GetPoint(i, p);
  return {p[0], p[1], p[2]};
}

// Number of triangles whose winding (counter-clockwise) faces away from `center`, and
// number of point normals that do: both are zero for a convex solid drawn right.
struct InsideOut {
  int triangles = 0;
  int normals = 0;
};

InsideOut countInsideOut(vtkPolyData* data, const glm::dvec3& center) {
  InsideOut count;
  vtkCellArray* polys = data->GetPolys();
  vtkIdType n = 0;
  const vtkIdType* ids = nullptr;
  for (polys->InitTraversal(); polys->GetNextCell(n, ids);) {
    REQUIRE(n == 3);
    const glm::dvec3 a = point(data, ids[0]);
    const glm::dvec3 normal = glm::cross(point(data, ids[1]) - a, point(data, ids[2]) - a);
    const glm::dvec3 centroid = (a + point(data, ids[1]) + point(data, ids[2])) / 3.0;
    count.triangles += glm::dot(normal, centroid - center) <= 0.0;
  }
  vtkDataArray* normals = data->GetPointData()->GetNormals();
  REQUIRE(normals != nullptr);
  for (vtkIdType i = 0; i < data->GetNumberOfPoints(); ++i) {
    double nrm[3];
    normals->GetTuple(i, nrm);
    count.normals += glm::dot(glm::dvec3{nrm[0], nrm[1], nrm[2]}, point(data, i) - center) <= 0.0;
  }
  return count;
}

vtkPolyData* drawnSurface(Scene& scene, const std::string& id) {
  vtkActor* actor = scene.actor(id);
  REQUIRE(actor != nullptr);
  actor->GetMapper()->Update();
  return vtkPolyData::SafeDownCast(actor->GetMapper()->GetInputAsDataSet());
}

glm::dvec3 cameraPosition(vtkRenderer* renderer) {
  double p[3];
  renderer->GetActiveCamera()->GetPosition(p);
  return {p[0], p[1], p[2]};
}

glm::dvec3 cameraFocalPoint(vtkRenderer* renderer) {
  double p[3];
  renderer->GetActiveCamera()->GetFocalPoint(p);
  return {p[0], p[1], p[2]};
}

} // namespace

TEST_CASE("toPolyData keeps every point and triangle") {
  const TriangleMesh box = test::boxMesh({-1, -2, -3}, {4, 5, 6});
  auto data = toPolyData(box);
  REQUIRE(data->GetNumberOfPoints() == 8);
  REQUIRE(data->GetNumberOfPolys() == 12);
  for (vtkIdType i = 0; i < 8; ++i) {
    CHECK(point(data, i) == box.points[static_cast<std::size_t>(i)]);
  }
  vtkIdType n = 0;
  const vtkIdType* ids = nullptr;
  std::size_t t = 0;
  for (data->GetPolys()->InitTraversal(); data->GetPolys()->GetNextCell(n, ids); ++t) {
    CHECK(ids[0] == box.triangles[t].x);
    CHECK(ids[1] == box.triangles[t].y);
    CHECK(ids[2] == box.triangles[t].z);
  }
}

TEST_CASE("smooth normals of a closed box point outward and are not split") {
  auto data = withSmoothNormals(toPolyData(test::boxMesh({0, 0, 0}, {2, 2, 2})));
  CHECK(data->GetNumberOfPoints() == 8); // splitting would duplicate the corners
  const InsideOut wrong = countInsideOut(data, {1, 1, 1});
  CHECK(wrong.triangles == 0);
  CHECK(wrong.normals == 0);
}

TEST_CASE("smoothSurface gives the normals of VTK's filter, faster; a misoriented mesh still "
          "goes through the filter") {
  for (const auto& [id, mesh] : loadedFixture().meshes) {
    CAPTURE(id);
    auto direct = smoothSurface(mesh);
    auto filtered = withSmoothNormals(toPolyData(mesh));
    REQUIRE(direct->GetNumberOfPoints() == filtered->GetNumberOfPoints());
    vtkDataArray* a = direct->GetPointData()->GetNormals();
    vtkDataArray* b = filtered->GetPointData()->GetNormals();
    REQUIRE(a != nullptr);
    REQUIRE(b != nullptr);
    for (vtkIdType i = 0; i < direct->GetNumberOfPoints(); ++i) {
      double u[3], v[3];
      a->GetTuple(i, u);
      b->GetTuple(i, v);
      CHECK(u[0] * v[0] + u[1] * v[1] + u[2] * v[2] == doctest::Approx(1.0).epsilon(1e-5));
    }
  }
  TriangleMesh flipped = test::boxMesh({0, 0, 0}, {2, 2, 2});
  // The last one: VTK's pass orients every triangle like the first.
  std::swap(flipped.triangles.back().y, flipped.triangles.back().z);
  auto fixed = smoothSurface(flipped);
  const InsideOut wrong = countInsideOut(fixed, {1, 1, 1});
  CHECK(wrong.triangles == 0);
  CHECK(wrong.normals == 0);
}

TEST_CASE("materials: muscles shine more than skin") {
  Structure muscle;
  muscle.group = "muscles";
  Structure skin;
  skin.group = "skin";
  Structure bone;
  bone.group = "bones";
  CHECK(materialFor(muscle).specular > materialFor(skin).specular);
  CHECK(materialFor(muscle).specular > materialFor(bone).specular);
}

TEST_CASE("one actor per structure with a mesh, coloured from the atlas") {
  Scene scene(loadedFixture());
  CHECK(scene.actor("soleus") != nullptr);
  CHECK(scene.actor("gastrocnemius_lateral_head") != nullptr);
  CHECK(scene.actor("gastrocnemius") == nullptr); // grouping node
  CHECK(scene.actor("no_such_id") == nullptr);
  // Three structures with a mesh, the bead that marks a picked point, and the needle's four
  // parts (shaft in, shaft out, handle, tip).
  CHECK(scene.renderer()->GetActors()->GetNumberOfItems() == 8);
  CHECK(scene.renderer()->GetActors()->IsItemPresent(scene.pickMarkerActor()));
  CHECK(scene.renderer()->GetActors()->IsItemPresent(scene.needleDrawing().tip()));
  double rgb[3];
  scene.actor("soleus")->GetProperty()->GetDiffuseColor(rgb);
  CHECK(rgb[0] == doctest::Approx(0xe0 / 255.0).epsilon(1e-5));
  CHECK(rgb[1] == doctest::Approx(0x10 / 255.0).epsilon(1e-5));
}

TEST_CASE("apply shows the state: hidden groups hide their children, opacity per structure") {
  Scene scene(loadedFixture());
  AppState state;
  apply(state, scene.atlas(), command::SetVisible{"gastrocnemius", false});
  apply(state, scene.atlas(), command::SetOpacity{"soleus", 0.25f});
  scene.apply(state);
  CHECK_FALSE(scene.actor("gastrocnemius_lateral_head")->GetVisibility());
  CHECK_FALSE(scene.actor("gastrocnemius_medial_head")->GetVisibility());
  CHECK(scene.actor("soleus")->GetVisibility());
  CHECK(scene.actor("soleus")->GetProperty()->GetOpacity() == doctest::Approx(0.25));

  apply(state, scene.atlas(), command::SetVisible{"gastrocnemius", true});
  scene.apply(state);
  CHECK(scene.actor("gastrocnemius_lateral_head")->GetVisibility());
}

TEST_CASE("the selection is outlined, a selected group outlines its parts, the colours stay") {
  Scene scene(loadedFixture());
  AppState state;
  auto outlined = [&](const std::string& id) {
    vtkActor* line = scene.outlineActor(id);
    return line && line->GetVisibility();
  };
  auto ambient = [&](const std::string& id) {
    return scene.actor(id)->GetProperty()->GetAmbient();
  };
  scene.apply(state);
  const double plain = ambient("gastrocnemius_medial_head");
  CHECK_FALSE(outlined("soleus"));
  apply(state, scene.atlas(), command::Select{"gastrocnemius"});
  scene.apply(state);
  CHECK(outlined("gastrocnemius_medial_head"));
  CHECK(outlined("gastrocnemius_lateral_head"));
  CHECK_FALSE(outlined("soleus"));
  // Not lit all over: the surface keeps its own material.
  CHECK(ambient("gastrocnemius_medial_head") == doctest::Approx(plain));
  // A hidden structure has no outline either.
  apply(state, scene.atlas(), command::SetVisible{"gastrocnemius_lateral_head", false});
  scene.apply(state);
  CHECK_FALSE(outlined("gastrocnemius_lateral_head"));
  CHECK(outlined("gastrocnemius_medial_head"));
  apply(state, scene.atlas(), command::Select{""});
  scene.apply(state);
  CHECK_FALSE(outlined("gastrocnemius_medial_head"));
}

TEST_CASE("the left side mirrors geometry in X with outward normals and winding") {
  Scene scene(loadedFixture());
  const Aabb right = scene.modelBounds();
  AppState state;
  apply(state, scene.atlas(), command::SetSide{Side::Left});
  scene.apply(state);
  const Aabb left = scene.modelBounds();
  CHECK(left.lo.x == doctest::Approx(-right.hi.x));
  CHECK(left.hi.x == doctest::Approx(-right.lo.x));
  CHECK(left.lo.z == doctest::Approx(right.lo.z));

  // The lateral head sits at +X on the right leg, so at -X on the left one.
  vtkPolyData* lateral = drawnSurface(scene, "gastrocnemius_lateral_head");
  double b[6];
  lateral->GetBounds(b);
  CHECK(b[1] == doctest::Approx(-30.0));
  const InsideOut wrong = countInsideOut(lateral, {-40, 0, 0});
  CHECK(wrong.triangles == 0);
  CHECK(wrong.normals == 0);

  apply(state, scene.atlas(), command::SetSide{Side::Right});
  scene.apply(state);
  const InsideOut back =
      countInsideOut(drawnSurface(scene, "gastrocnemius_lateral_head"), {40, 0, 0});
  CHECK(back.triangles == 0);
  CHECK(back.normals == 0);
}

TEST_CASE("preset directions: Z up, medial and lateral follow the side") {
  CHECK(presetDirection(ViewPreset::Posterior, Side::Right) == glm::dvec3{0, -1, 0});
  CHECK(presetDirection(ViewPreset::Anterior, Side::Left) == glm::dvec3{0, 1, 0});
  CHECK(presetDirection(ViewPreset::Lateral, Side::Right).x == 1.0);
  CHECK(presetDirection(ViewPreset::Medial, Side::Right).x == -1.0);
  CHECK(presetDirection(ViewPreset::Lateral, Side::Left).x == -1.0);
  CHECK(presetDirection(ViewPreset::Medial, Side::Left).x == 1.0);

  for (Side side : {Side::Right, Side::Left}) {
    const glm::dvec3 d = presetDirection(ViewPreset::Oblique, side);
    const glm::dvec3 medial = presetDirection(ViewPreset::Medial, side);
    CHECK(glm::length(d) == doctest::Approx(1.0));
    CHECK(d.y < 0.0);                 // from behind
    CHECK(glm::dot(d, medial) > 0.0); // from the medial side
    CHECK(d.z > 0.0);                 // a little from above
    CHECK(d.z < 0.5);
    const double azimuth = glm::degrees(std::atan2(glm::dot(d, medial), -d.y));
    CHECK(azimuth == doctest::Approx(45.0).epsilon(0.01));
  }
}

TEST_CASE("framed presets keep every corner of the model inside the view, snugly") {
  Aabb leg;
  leg.add({-60, -70, -480});
  leg.add({70, 60, 80});
  const double aspect = 1280.0 / 800.0;
  for (ViewPreset view : kViewPresets) {
    for (Side side : {Side::Right, Side::Left}) {
      CAPTURE(viewPresetName(view));
      const CameraPose pose = framePreset(view, side, leg, kViewAngleDegrees, aspect);
      const glm::dvec3 forward = glm::normalize(pose.focalPoint - pose.position);
      const glm::dvec3 up = glm::normalize(pose.viewUp);
      const glm::dvec3 right = glm::cross(forward, up);
      CHECK(std::abs(glm::dot(forward, up)) < 1e-9);
      if (view == ViewPreset::Inferior) {
        CHECK(up.y > 0.0); // the sole seen from below, toes up
      } else {
        CHECK(up.z > 0.0); // the leg stands upright on screen
      }
      const double tanHalf = std::tan(glm::radians(kViewAngleDegrees) / 2.0);
      double fill = 0.0; // largest share of the half-viewport used by a corner
      for (int c = 0; c < 8; ++c) {
        const glm::dvec3 p{c & 1 ? leg.hi.x : leg.lo.x, c & 2 ? leg.hi.y : leg.lo.y,
                           c & 4 ? leg.hi.z : leg.lo.z};
        const glm::dvec3 v = p - pose.position;
        const double depth = glm::dot(v, forward);
        REQUIRE(depth > 0.0);
        fill = std::max(fill, std::abs(glm::dot(v, up)) / depth / tanHalf);
        fill = std::max(fill, std::abs(glm::dot(v, right)) / depth / (tanHalf * aspect));
      }
      CHECK(fill <= 1.0);
      CHECK(fill > 0.85);
    }
  }
}

TEST_CASE("the camera follows view requests and mirrors with the side") {
  Scene scene(loadedFixture());
  AppState state;
  apply(state, scene.atlas(), command::SetView{ViewPreset::Lateral});
  scene.apply(state);
  const glm::dvec3 center = scene.modelBounds().center();
  CHECK(cameraPosition(scene.renderer()).x > center.x + 100.0); // lateral of a right leg: +X
  CHECK(cameraFocalPoint(scene.renderer()).x == doctest::Approx(center.x));

  apply(state, scene.atlas(), command::SetSide{Side::Left});
  scene.apply(state);
  CHECK(cameraPosition(scene.renderer()).x < -center.x - 100.0); // lateral of a left leg: -X

  // A person who moved the camera and asks for the same preset again gets it back.
  scene.renderer()->GetActiveCamera()->SetPosition(0, 0, 1000);
  apply(state, scene.atlas(), command::SetView{ViewPreset::Lateral});
  scene.apply(state);
  CHECK(cameraPosition(scene.renderer()).x < -center.x - 100.0);

  // Applying a state without a new request leaves a moved camera alone.
  scene.renderer()->GetActiveCamera()->SetPosition(0, 0, 1000);
  scene.apply(state);
  CHECK(cameraPosition(scene.renderer()).z == doctest::Approx(1000.0));
}

TEST_CASE("a camera flight: ends where asked, keeps its distance steady, turns the short way") {
  CameraPose from;
  from.focalPoint = {0.0, 0.0, -200.0};
  from.position = from.focalPoint + glm::dvec3{0.0, -1000.0, 0.0}; // posterior
  from.viewUp = {0.0, 0.0, 1.0};
  CameraPose to = from;
  to.focalPoint = {10.0, 0.0, -250.0};
  to.position = to.focalPoint + glm::dvec3{500.0, 0.0, 0.0}; // lateral, closer

  const CameraPose start = interpolatePose(from, to, 0.0);
  const CameraPose end = interpolatePose(from, to, 1.0);
  CHECK(glm::length(start.position - from.position) < 1e-9);
  CHECK(glm::length(end.position - to.position) < 1e-9);
  CHECK(glm::length(end.focalPoint - to.focalPoint) < 1e-9);

  const CameraPose middle = interpolatePose(from, to, 0.5);
  const glm::dvec3 offset = middle.position - middle.focalPoint;
  CHECK(glm::length(offset) == doctest::Approx(750.0)); // halfway in distance, not a chord
  const glm::dvec3 halfway = glm::normalize(glm::dvec3{1.0, -1.0, 0.0});
  CHECK(glm::dot(glm::normalize(offset), halfway) == doctest::Approx(1.0)); // 45 degrees round
  CHECK(std::abs(glm::dot(middle.viewUp, glm::normalize(offset))) < 1e-9);
  CHECK(middle.viewUp.z > 0.99);

  // Posterior to anterior look exactly opposite ways: the flight goes round the leg, level.
  CameraPose front = from;
  front.position = from.focalPoint + glm::dvec3{0.0, 1000.0, 0.0};
  for (const double s : {0.25, 0.5, 0.75}) {
    const CameraPose p = interpolatePose(from, front, s);
    CAPTURE(s);
    CHECK(glm::length(p.position - p.focalPoint) == doctest::Approx(1000.0));
    CHECK(p.position.z == doctest::Approx(from.position.z));
  }
}

namespace {

// A needle as the app would read it out (world frame, the atlas's own leg): in at `entry`
// along +x, 40 mm long, 30 in, aimed at a point in the soleus, through the lateral head.
NeedleReadout fixtureNeedle() {
  NeedleReadout r;
  r.placement.entry = {60, 0, -20};
  r.placement.direction = {-1, 0, 0};
  r.placement.lengthMm = 40;
  r.placement.insertedMm = 30;
  r.placement.gaugeMm = 0.25;
  r.placement.target = NeedleTarget{"", "soleus", {30, 0, -20}};
  r.layers = {{"gastrocnemius_lateral_head", "lateral head", 10, 30, false},
              {"soleus", "soleus", 40, 40, true}};
  return r;
}

AppState withNeedle(const NeedleReadout& readout) {
  AppState state;
  state.needle = ShownNeedle{};
  state.needle->readout = readout;
  return state;
}

glm::dvec3 boundsCentre(vtkActor* actor) {
  const double* b = actor->GetBounds();
  return {(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2};
}

} // namespace

TEST_CASE("the needle is drawn where it was placed: in to its tip, the rest outside, the handle "
          "beyond") {
  Scene scene(loadedFixture());
  const NeedleDrawing& needle = scene.needleDrawing();
  scene.apply(AppState{});
  CHECK_FALSE(needle.inside()->GetVisibility());
  CHECK_FALSE(needle.tip()->GetVisibility());

  const NeedleReadout readout = fixtureNeedle();
  scene.apply(withNeedle(readout));
  for (vtkActor* actor : {needle.inside(), needle.outside(), needle.handle(), needle.tip()}) {
    CHECK(actor->GetVisibility());
    actor->GetMapper()->Update();
  }
  // In the leg: from the entry (x 60) to the tip (x 30), on the needle's axis.
  const double* in = needle.inside()->GetBounds();
  CHECK(in[0] == doctest::Approx(30).epsilon(0.02));
  CHECK(in[1] == doctest::Approx(60).epsilon(0.02));
  CHECK(boundsCentre(needle.inside()).y == doctest::Approx(0).epsilon(1e-6));
  CHECK(boundsCentre(needle.inside()).z == doctest::Approx(-20));
  // Outside: the other 10 mm, from the entry out to x 70.
  const double* out = needle.outside()->GetBounds();
  CHECK(out[0] == doctest::Approx(60).epsilon(0.02));
  CHECK(out[1] == doctest::Approx(70).epsilon(0.02));
  // The handle beyond the outer end; the tip's mark on the tip.
  CHECK(needle.handle()->GetBounds()[0] == doctest::Approx(70).epsilon(0.02));
  CHECK(needle.handle()->GetBounds()[1] == doctest::Approx(70 + kNeedleHandleMm).epsilon(0.02));
  const glm::dvec3 tip = boundsCentre(needle.tip());
  CHECK(glm::length(tip - readout.placement.tip()) < 1e-6);
  // Thin as a needle, but at least a few pixels wide on screen: wider than its 0.25 mm.
  const double width = in[3] - in[2];
  CHECK(width >= readout.placement.gaugeMm);
  CHECK(width < 5.0);

  // All in: nothing outside.
  NeedleReadout hub = readout;
  hub.placement.insertedMm = 40;
  scene.apply(withNeedle(hub));
  CHECK_FALSE(needle.outside()->GetVisibility());

  // A readout made for the other leg is not drawn on this one: it waits to be placed again.
  NeedleReadout other = readout;
  other.mirrored = true;
  scene.apply(withNeedle(other));
  CHECK_FALSE(needle.inside()->GetVisibility());
  scene.apply(AppState{});
  CHECK_FALSE(needle.inside()->GetVisibility());
  CHECK_FALSE(needle.handle()->GetVisibility());
}

TEST_CASE("while a needle is shown, what it crosses before its target is looked through") {
  Scene scene(loadedFixture());
  const NeedleReadout readout = fixtureNeedle();
  const std::map<std::string, float> seeThrough = needleSeeThrough(readout, scene.atlas());
  CHECK(seeThrough.at("gastrocnemius_lateral_head") == kNeedleLayerOpacity);
  CHECK(seeThrough.at("soleus") == kNeedleTargetOpacity);
  CHECK(seeThrough.count("gastrocnemius_medial_head") == 0);
  scene.apply(withNeedle(readout));
  CHECK(scene.actor("gastrocnemius_lateral_head")->GetProperty()->GetOpacity() ==
        doctest::Approx(kNeedleLayerOpacity));
  CHECK(scene.actor("soleus")->GetProperty()->GetOpacity() ==
        doctest::Approx(kNeedleTargetOpacity));
  CHECK(scene.actor("gastrocnemius_medial_head")->GetProperty()->GetOpacity() == 1.0);
  // Taken out: each is as opaque as the state says again.
  scene.apply(AppState{});
  CHECK(scene.actor("gastrocnemius_lateral_head")->GetProperty()->GetOpacity() == 1.0);
  CHECK(scene.actor("soleus")->GetProperty()->GetOpacity() == 1.0);
}

TEST_CASE("a section clips every structure and the needle: above the cut all is taken away") {
  Scene scene(loadedFixture());
  const NeedleDrawing& needle = scene.needleDrawing();
  const auto planes = [](vtkActor* actor) {
    vtkPlaneCollection* collection = actor->GetMapper()->GetClippingPlanes();
    return collection ? collection->GetNumberOfItems() : 0;
  };
  AppState state = withNeedle(fixtureNeedle());
  scene.apply(state);
  CHECK(planes(scene.actor("soleus")) == 0);
  CHECK(planes(needle.inside()) == 0);

  state.sectionZ = -10.0;
  scene.apply(state);
  for (vtkActor* actor : {scene.actor("soleus"), scene.actor("gastrocnemius_lateral_head"),
                          needle.inside(), needle.outside(), needle.handle(), needle.tip()}) {
    REQUIRE(planes(actor) == 1);
    vtkPlane* plane = actor->GetMapper()->GetClippingPlanes()->GetItem(0);
    CHECK(plane->GetOrigin()[2] == doctest::Approx(-10.0));
    CHECK(plane->GetNormal()[2] == doctest::Approx(-1.0)); // the part below is kept
  }

  state.sectionZ.reset();
  scene.apply(state);
  CHECK(planes(scene.actor("soleus")) == 0);
  CHECK(planes(needle.tip()) == 0);
}
