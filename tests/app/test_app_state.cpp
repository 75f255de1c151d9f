// AppState changes only through commands; these tests drive them as the GUI and the
// command line do.
#include "state/app_state.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace sura;

namespace {

Structure structure(const std::string& id, const std::string& parent = "", float opacity = 1.0f) {
  Structure s;
  s.id = id;
  s.name = id;
  s.group = "muscles";
  s.parent = parent;
  s.opacity = opacity;
  return s;
}

Atlas smallAtlas() {
  Atlas atlas;
  atlas.structures = {structure("skin", "", 0.4f),
                      structure("triceps_surae"),
                      structure("gastrocnemius", "triceps_surae"),
                      structure("gastrocnemius_medial_head", "gastrocnemius"),
                      structure("gastrocnemius_lateral_head", "gastrocnemius"),
                      structure("soleus", "triceps_surae")};
  return atlas;
}

} // namespace

TEST_CASE("view preset names round-trip; unknown names are refused") {
  for (ViewPreset view : kViewPresets) {
    CHECK(parseViewPreset(viewPresetName(view)) == view);
  }
  CHECK(viewPresetName(ViewPreset::Oblique) == "oblique");
  CHECK_FALSE(parseViewPreset("Posterior").has_value());
  CHECK_FALSE(parseViewPreset("").has_value());
  CHECK_FALSE(parseViewPreset("top").has_value());
}

TEST_CASE("everything is shown, with atlas opacities, until a command says otherwise") {
  const Atlas atlas = smallAtlas();
  const AppState state;
  for (const Structure& s : atlas.structures) {
    CHECK(isShown(state, atlas, s.id));
  }
  CHECK(opacityOf(state, atlas, "skin") == doctest::Approx(0.4f));
  CHECK(opacityOf(state, atlas, "soleus") == doctest::Approx(1.0f));
}

TEST_CASE("hiding a group hides all its descendants and showing it restores their own state") {
  const Atlas atlas = smallAtlas();
  AppState state;
  apply(state, atlas, command::SetVisible{"gastrocnemius_lateral_head", false});
  apply(state, atlas, command::SetVisible{"triceps_surae", false});
  CHECK_FALSE(isShown(state, atlas, "gastrocnemius"));
  CHECK_FALSE(isShown(state, atlas, "gastrocnemius_medial_head"));
  CHECK_FALSE(isShown(state, atlas, "soleus"));
  CHECK(isShown(state, atlas, "skin"));

  apply(state, atlas, command::SetVisible{"triceps_surae", true});
  CHECK(isShown(state, atlas, "gastrocnemius_medial_head"));
  CHECK(isShown(state, atlas, "soleus"));
  CHECK_FALSE(isShown(state, atlas, "gastrocnemius_lateral_head"));
}

TEST_CASE("opacity of a group sets the group and its descendants only") {
  const Atlas atlas = smallAtlas();
  AppState state;
  apply(state, atlas, command::SetOpacity{"gastrocnemius", 0.3f});
  CHECK(opacityOf(state, atlas, "gastrocnemius") == doctest::Approx(0.3f));
  CHECK(opacityOf(state, atlas, "gastrocnemius_medial_head") == doctest::Approx(0.3f));
  CHECK(opacityOf(state, atlas, "gastrocnemius_lateral_head") == doctest::Approx(0.3f));
  CHECK(opacityOf(state, atlas, "soleus") == doctest::Approx(1.0f));
  CHECK(opacityOf(state, atlas, "skin") == doctest::Approx(0.4f));

  apply(state, atlas, command::SetOpacity{"gastrocnemius_medial_head", 0.8f});
  CHECK(opacityOf(state, atlas, "gastrocnemius_medial_head") == doctest::Approx(0.8f));
  CHECK(opacityOf(state, atlas, "gastrocnemius_lateral_head") == doctest::Approx(0.3f));
}

TEST_CASE("bad commands are refused and leave the state as it was") {
  const Atlas atlas = smallAtlas();
  AppState state;
  apply(state, atlas, command::SetOpacity{"soleus", 0.5f});
  const AppState before = state;
  CHECK_THROWS_WITH_AS(apply(state, atlas, command::SetVisible{"plantaris", false}),
                       doctest::Contains("'plantaris'"), CommandError);
  CHECK_THROWS_WITH_AS(apply(state, atlas, command::SetOpacity{"nope", 0.5f}),
                       doctest::Contains("'nope'"), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::SetOpacity{"soleus", 1.5f}), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::SetOpacity{"soleus", -0.1f}), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::SetOpacity{"soleus", std::nanf("")}), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::Select{"nope"}), CommandError);
  CHECK(state.hidden == before.hidden);
  CHECK(state.opacity == before.opacity);
  CHECK(state.selected == before.selected);
}

TEST_CASE("selection takes a known id and an empty id clears it") {
  const Atlas atlas = smallAtlas();
  AppState state;
  apply(state, atlas, command::Select{"soleus"});
  CHECK(state.selected == "soleus");
  apply(state, atlas, command::Select{""});
  CHECK(state.selected.empty());
}

TEST_CASE("every view request is counted, even for the current preset") {
  const Atlas atlas = smallAtlas();
  AppState state;
  const unsigned first = state.viewRequest;
  apply(state, atlas, command::SetView{ViewPreset::Posterior});
  apply(state, atlas, command::SetView{ViewPreset::Posterior});
  CHECK(state.viewRequest == first + 2);
  apply(state, atlas, command::SetView{ViewPreset::Medial});
  CHECK(state.view == ViewPreset::Medial);
  apply(state, atlas, command::SetSide{Side::Left});
  CHECK(state.side == Side::Left);
  CHECK(state.viewRequest == first + 3); // the scene mirrors the camera itself
}

TEST_CASE("a cycle of parents cannot hang visibility queries") {
  Atlas atlas;
  atlas.structures = {structure("a", "b"), structure("b", "a"), structure("c")};
  AppState state;
  apply(state, atlas, command::SetVisible{"c", false});
  CHECK(isShown(state, atlas, "a"));
  CHECK_FALSE(isShown(state, atlas, "c"));
}

TEST_CASE("the safety map and the section are set by commands, within the leg") {
  Atlas atlas = smallAtlas(); // knee joint line at 0, a leg 390 mm long
  atlas.structures[0].group = "skin"; // the skin, with a mesh to paint the map on
  atlas.structures[0].mesh = "skin.vtp";
  AppState state;
  CHECK_FALSE(state.safetyMap);
  apply(state, atlas, command::ShowSafetyMap{true});
  CHECK(state.safetyMap);
  // Without a skin there is nothing to paint the map on: refused (a legend over no map would
  // say what is not there).
  Atlas skinless = atlas;
  for (Structure& s : skinless.structures) {
    if (s.group == "skin") {
      s.mesh.clear();
    }
  }
  AppState bare;
  CHECK_THROWS_AS(apply(bare, skinless, command::ShowSafetyMap{true}), CommandError);
  CHECK_FALSE(bare.safetyMap);
  apply(bare, skinless, command::ShowSafetyMap{false}); // taking it off is always allowed
  CHECK_FALSE(state.sectionZ);
  apply(state, atlas, command::SetSection{-117.0});
  REQUIRE(state.sectionZ);
  CHECK(*state.sectionZ == -117.0);
  // Outside t -0.5 to 1.3 of the leg, or not a number: refused, the state as it was.
  CHECK_THROWS_AS(apply(state, atlas, command::SetSection{-0.5 * 390.0 - 600.0}), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::SetSection{0.5 * 390.0 + 1.0}), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::SetSection{std::nan("")}), CommandError);
  CHECK(*state.sectionZ == -117.0);
  apply(state, atlas, command::SetSection{-1.3 * 390.0});
  CHECK(*state.sectionZ == doctest::Approx(-507.0));
  apply(state, atlas,
        command::SetSectionLine{std::array<glm::dvec2, 2>{glm::dvec2{-10, 0}, glm::dvec2{10, 0}}});
  REQUIRE(state.sectionLine);
  CHECK_THROWS_AS(apply(state, atlas,
                        command::SetSectionLine{std::array<glm::dvec2, 2>{
                            glm::dvec2{std::nan(""), 0}, glm::dvec2{10, 0}}}),
                  CommandError);
  apply(state, atlas, command::SetSection{std::nullopt});
  CHECK_FALSE(state.sectionZ);
  // Reset takes both away.
  apply(state, atlas, command::SetSection{-100.0});
  apply(state, atlas, command::Reset{});
  CHECK_FALSE(state.sectionZ);
  CHECK_FALSE(state.safetyMap);
  CHECK_FALSE(state.sectionLine);
}

TEST_CASE("the teacher's list of labels: set, checked, emptied") {
  const Atlas atlas = smallAtlas();
  AppState state;
  apply(state, atlas, command::SetLabelList{{{"soleus", "The broad one"}, {"skin", ""}}});
  REQUIRE(state.labels.only.size() == 2);
  CHECK(state.labels.only[0].text == "The broad one");
  CHECK_THROWS_AS(apply(state, atlas, command::SetLabelList{{{"no_such_part", ""}}}), CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::SetLabelList{{{"soleus", ""}, {"soleus", "x"}}}),
                  CommandError);
  CHECK_THROWS_AS(apply(state, atlas, command::SetLabelList{{{"soleus", std::string(81, 'a')}}}),
                  CommandError);
  CHECK(state.labels.only.size() == 2); // a refused list changes nothing
  apply(state, atlas, command::SetLabelList{});
  CHECK(state.labels.only.empty()); // every part seen is labelled again
}

TEST_CASE("labels: on and off in a language, kept by Reset; their names round-trip") {
  const Atlas atlas = smallAtlas();
  AppState state;
  CHECK_FALSE(state.labels.shown);
  apply(state, atlas, command::ShowLabels{true, LabelLanguage::Both});
  CHECK(state.labels.shown);
  CHECK(state.labels.language == LabelLanguage::Both);
  apply(state, atlas, command::ShowLabels{false, LabelLanguage::Both});
  CHECK_FALSE(state.labels.shown);
  CHECK(state.labels.language == LabelLanguage::Both); // kept for the next time they are on
  apply(state, atlas, command::ShowLabels{true, LabelLanguage::Latin});
  state.labels.only = {{"soleus", "The broad one"}}; // as a saved scene brings it
  apply(state, atlas, command::SetVisible{"skin", false});
  apply(state, atlas, command::Reset{});
  CHECK(state.hidden.empty());
  CHECK(state.labels.shown);
  CHECK(state.labels.language == LabelLanguage::Latin);
  CHECK(state.labels.only.empty());

  for (LabelLanguage language :
       {LabelLanguage::English, LabelLanguage::Latin, LabelLanguage::Both}) {
    CHECK(parseLabelLanguage(labelLanguageName(language)) == language);
  }
  CHECK(labelLanguageName(LabelLanguage::Latin) == "la");
  CHECK_FALSE(parseLabelLanguage("latin"));
  CHECK_FALSE(parseLabelLanguage(""));
}
