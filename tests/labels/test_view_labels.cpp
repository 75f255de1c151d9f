// The labels of a view of the bundled leg: what they say in each language, what they name
// (the part a click at the anchor would select), and that the trigger points shown get theirs.
#include "labels/view_labels.h"

#include "bundled_atlas.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <set>

using namespace sura;
using sura::test::bundledAtlas;
using sura::test::bundledClinical;
using sura::test::bundledPicker;

namespace {

const Atlas& atlas() {
  return bundledAtlas().atlas;
}

// The whole leg from behind (posterior is -y in the Sura frame), in a view 700 x 600 pixels
// right of a panel 200 pixels wide.
LabelViewport posteriorView() {
  LabelViewport view;
  view.camera.focalPoint = {0.0, 0.0, -230.0};
  view.camera.position = {0.0, -1900.0, -230.0};
  view.camera.viewUp = {0.0, 0.0, 1.0};
  view.camera.viewAngleDeg = 30.0;
  view.camera.viewportWidth = 700.0;
  view.camera.viewportHeight = 600.0;
  view.offset = {200.0, 0.0};
  view.keepOut = {{0.0, 0.0, 200.0, 600.0}};
  view.cell = 6.0;
  return view;
}

// Text as a fixed-width font would measure it: 8 pixels a character, 18 a line.
glm::dvec2 measure(const std::vector<std::string>& lines, std::size_t) {
  std::size_t widest = 0;
  for (const std::string& line : lines) {
    widest = std::max(widest, line.size());
  }
  return {8.0 * static_cast<double>(widest) + 10.0, 18.0 * static_cast<double>(lines.size()) + 4.0};
}

AppState labelled(LabelLanguage language) {
  AppState state;
  apply(state, atlas(), command::ShowLabels{true, language});
  return state;
}

std::set<std::string> ids(const std::vector<ViewLabel>& labels) {
  std::set<std::string> out;
  for (const ViewLabel& label : labels) {
    out.insert(label.id);
  }
  return out;
}

} // namespace

TEST_CASE("a label says the English name, the Latin one, or both, English first") {
  const Structure& soleus = *atlas().find("soleus");
  CHECK(labelLines(soleus, LabelLanguage::English) == std::vector<std::string>{"Soleus"});
  CHECK(labelLines(soleus, LabelLanguage::Latin) == std::vector<std::string>{"Musculus soleus"});
  CHECK(labelLines(soleus, LabelLanguage::Both) ==
        std::vector<std::string>{"Soleus", "Musculus soleus"});
  // The same word twice says nothing more.
  CHECK(labelLines(*atlas().find("tibia"), LabelLanguage::Both) ==
        std::vector<std::string>{"Tibia"});
  // The teacher's own text replaces the names.
  CHECK(labelLines(soleus, LabelLanguage::Both, "The broad one") ==
        std::vector<std::string>{"The broad one"});
}

TEST_CASE("a pixel's ray and the projection of its point agree") {
  const LabelViewport view = posteriorView();
  for (const glm::dvec2 pixel :
       {glm::dvec2{250.5, 40.5}, glm::dvec2{550.0, 300.0}, glm::dvec2{899.0, 599.0}}) {
    const Ray ray = pixelRay(view.camera, pixel.x - view.offset.x, pixel.y - view.offset.y);
    const std::optional<glm::dvec2> back =
        projectToPixel(view, ray.origin + 1234.5 * ray.direction);
    REQUIRE(back);
    CHECK(back->x == doctest::Approx(pixel.x));
    CHECK(back->y == doctest::Approx(pixel.y));
  }
  CHECK_FALSE(projectToPixel(view, view.camera.position - glm::dvec3(0.0, 10.0, 0.0)));
}

TEST_CASE("labels off: none") {
  const AppState state;
  CHECK(viewLabels(bundledPicker(), atlas(), nullptr, state, posteriorView(), measure).empty());
}

TEST_CASE("the skin from behind: its one label, off the leg and off the panel") {
  const LabelViewport view = posteriorView();
  const std::vector<ViewLabel> labels = viewLabels(bundledPicker(), atlas(), nullptr,
                                                   labelled(LabelLanguage::English), view, measure);
  REQUIRE(labels.size() == 1);
  CHECK(labels[0].id == "skin");
  CHECK(labels[0].lines == std::vector<std::string>{"Skin of leg and foot"});
  CHECK_FALSE(labels[0].placement.box.overlaps(view.keepOut[0]));
}

TEST_CASE("the calf without its skin: each label names the part a click at its anchor selects") {
  AppState state = labelled(LabelLanguage::Both);
  apply(state, atlas(), command::SetVisible{"skin", false});
  const LabelViewport view = posteriorView();
  const std::vector<ViewLabel> labels =
      viewLabels(bundledPicker(), atlas(), nullptr, state, view, measure);
  const std::set<std::string> named = ids(labels);
  CHECK(named.count("gastrocnemius_medial_head"));
  CHECK(named.count("gastrocnemius_lateral_head"));
  CHECK(named.count("achilles_tendon"));
  CHECK_FALSE(named.count("skin"));
  CHECK_FALSE(named.count("tibialis_anterior")); // in front, not seen from behind
  const SeenGrid seen = seeGrid(bundledPicker(), atlas(), state, view);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const ViewLabel& label = labels[i];
    CAPTURE(label.id);
    const LabelPlacement& p = label.placement;
    const Ray ray = pixelRay(view.camera, p.anchor.x - view.offset.x, p.anchor.y - view.offset.y);
    const std::optional<SurfaceHit> hit = bundledPicker().firstHit(
        ray, [&](const std::string& id) { return isPickable(state, atlas(), id); });
    REQUIRE(hit);
    CHECK(hit->structure == label.id);
    // Off the panel, off the part it names, off every other label.
    CHECK_FALSE(p.box.overlaps(view.keepOut[0]));
    const auto region = std::find(seen.regions.begin(), seen.regions.end(), label.id);
    REQUIRE(region != seen.regions.end());
    CHECK(coveredCells(seen.grid, static_cast<int>(region - seen.regions.begin()), p.box) == 0);
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      CHECK_FALSE(p.box.overlaps(labels[j].placement.box));
    }
  }
}

TEST_CASE("a skin seen through is not labelled, and labels keep off it") {
  AppState state = labelled(LabelLanguage::English);
  apply(state, atlas(), command::SetOpacity{"skin", 0.3f});
  const LabelViewport view = posteriorView();
  const std::vector<ViewLabel> labels =
      viewLabels(bundledPicker(), atlas(), nullptr, state, view, measure);
  CHECK_FALSE(ids(labels).count("skin"));
  CHECK(ids(labels).count("gastrocnemius_medial_head"));
  const SeenGrid seen = seeGrid(bundledPicker(), atlas(), state, view);
  int modelCells = 0;
  for (int v : seen.grid.cells) {
    modelCells += v != kNothingSeen ? 1 : 0;
  }
  CHECK(modelCells > 0);
}

TEST_CASE("the teacher's list: only its parts, in its words; a group gathers its heads") {
  AppState state = labelled(LabelLanguage::Latin);
  apply(state, atlas(), command::SetVisible{"skin", false});
  state.labels.only = {{"gastrocnemius", ""}, {"achilles_tendon", "Feel it above the heel"}};
  const std::vector<ViewLabel> labels =
      viewLabels(bundledPicker(), atlas(), nullptr, state, posteriorView(), measure);
  REQUIRE(labels.size() == 2);
  CHECK(labels[0].id == "gastrocnemius");
  CHECK(labels[0].lines == std::vector<std::string>{"Musculus gastrocnemius"});
  CHECK(labels[1].id == "achilles_tendon");
  CHECK(labels[1].lines == std::vector<std::string>{"Feel it above the heel"});
}

TEST_CASE("trigger points shown get a label at their mark when it faces the camera") {
  AppState state = labelled(LabelLanguage::English);
  apply(state, atlas(),
        command::ShowTriggerPoints{{"soleus_trp1", "tibialis_anterior_trp1"}, true});
  const std::vector<ViewLabel> labels =
      viewLabels(bundledPicker(), atlas(), &bundledClinical(), state, posteriorView(), measure);
  const std::set<std::string> named = ids(labels);
  CHECK(named.count("soleus_trp1"));                  // its target on the skin of the calf
  CHECK_FALSE(named.count("tibialis_anterior_trp1")); // on the shin, out of sight
  const auto point = std::find_if(labels.begin(), labels.end(),
                                  [](const ViewLabel& l) { return l.id == "soleus_trp1"; });
  REQUIRE(point != labels.end());
  CHECK(point->triggerPoint);
  CHECK(point->lines == std::vector<std::string>{"Soleus: heel pattern"});
}
