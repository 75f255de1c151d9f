// What the cards say: plain data built from the atlas, the pick and the resolved trigger
// points, checked word by word.
#include "bundled_atlas.h"
#include "temp_files.h"
#include "ui/cards.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using namespace sura;
using namespace sura::ui;

using sura::test::contains;

namespace {

const CardSection* findSection(const Card& card, const std::string& heading) {
  for (const CardSection& section : card.sections) {
    if (section.heading == heading) {
      return &section;
    }
  }
  return nullptr;
}

std::vector<std::string> headings(const Card& card) {
  std::vector<std::string> result;
  for (const CardSection& section : card.sections) {
    result.push_back(section.heading);
  }
  return result;
}

// A small atlas made here, so that every expected word is visible in the test.
Atlas smallAtlas() {
  Atlas atlas;
  atlas.sources = {{"A1", "Author A. Book of the calf. 2nd ed. 2001, p. 12."},
                   {"B2", "Author B. Paper on soleus. J Anat 2010;1:1-9."}};
  Structure soleus;
  soleus.id = "soleus";
  soleus.name = "Soleus";
  soleus.latin = "musculus soleus";
  soleus.group = "muscles";
  soleus.info.origin = "Back of the fibular head.";
  soleus.info.insertion = "Calcaneus, through the tendon.";
  soleus.info.action = "Plantarflexes the ankle.";
  soleus.info.innervation = "Tibial nerve (S1-S2)";
  soleus.info.bloodSupply = "Posterior tibial artery.";
  soleus.info.notes = ""; // left out of the card
  soleus.info.sources = {"B2", "A1", "Z9"};
  Structure nerve;
  nerve.id = "tibial_nerve";
  nerve.name = "Tibial nerve";
  nerve.group = "nerves";
  Structure skin;
  skin.id = "skin";
  skin.name = "Skin of leg and foot";
  atlas.structures = {soleus, nerve, skin};
  TriggerPoint point;
  point.id = "soleus_trp1";
  point.muscle = "soleus";
  point.label = "Soleus: heel pattern";
  atlas.triggerPoints = {point};
  return atlas;
}

// A click on soleus with the needle picking describes from there: 40 mm along the view, the
// tibial nerve `nerveDistance` from it, a warning when that is within the 5 mm margin (as
// readNeedle words it; the card must show the readout's own words, not its own).
PickedPoint pickOnSoleus(double nerveDistance) {
  PickedPoint pick;
  pick.structure = "soleus";
  pick.description = "Soleus, 182 mm below the knee joint line, posterior surface";
  pick.depthMm = 24.4;
  pick.layers = {{"skin", 0.0, 4.2}, {"soleus", 24.4, 51.0}};
  pick.nearestTriggerPoint = "soleus_trp1";
  pick.triggerPointDistanceMm = 12.0;
  NeedleReadout needle;
  needle.placement.lengthMm = 40.0;
  needle.placement.insertedMm = 40.0;
  needle.layers = {{"skin", "Skin and subcutaneous tissue", 0.0, 6.2, false},
                   {"soleus", "Soleus", 6.2, 40.0, true}};
  needle.tipStructure = "soleus";
  needle.tipName = "Soleus";
  needle.tipDepthMm = 40.0;
  NeedleApproach nerve;
  nerve.structure = "tibial_nerve";
  nerve.name = "Tibial nerve";
  nerve.distanceMm = nerveDistance;
  nerve.atDepthMm = 40.0;
  nerve.structureDepthMm = 44.6;
  needle.nervesAndVessels = {nerve};
  NeedleApproach bone;
  bone.structure = "tibia";
  bone.name = "Tibia";
  bone.distanceMm = 21.0;
  needle.bone = bone;
  if (nerveDistance < needle.marginMm) {
    needle.warnings.push_back({NeedleWarningKind::NerveOrVessel, "tibial_nerve", nerveDistance,
                               40.0, "The needle passes near the tibial nerve."});
  }
  pick.needle = needle;
  return pick;
}

const CardSection* needleSection(const std::vector<CardSection>& sections) {
  for (const CardSection& section : sections) {
    if (section.heading.rfind("Needle from here", 0) == 0) {
      return &section;
    }
  }
  return nullptr;
}

} // namespace

TEST_CASE("a structure's card holds its fields in order, with full citations") {
  const Atlas atlas = smallAtlas();
  const Card card = structureCard(*atlas.find("soleus"), atlas);
  CHECK(card.title == "Soleus");
  CHECK(card.subtitle == "musculus soleus");
  CHECK(headings(card) == std::vector<std::string>{"Origin", "Insertion", "Action", "Innervation",
                                                   "Blood supply", "Sources"});
  CHECK(findSection(card, "Origin")->lines.at(0).text == "Back of the fibular head.");
  CHECK(findSection(card, "Blood supply")->lines.at(0).text == "Posterior tibial artery.");
  const CardSection* sources = findSection(card, "Sources");
  REQUIRE(sources != nullptr);
  REQUIRE(sources->lines.size() == 3);
  CHECK(sources->lines[0].text == "B2. Author B. Paper on soleus. J Anat 2010;1:1-9.");
  CHECK(sources->lines[1].text == "A1. Author A. Book of the calf. 2nd ed. 2001, p. 12.");
  CHECK(contains(sources->lines[2].text, "Z9"));
  CHECK(contains(sources->lines[2].text, "not in the atlas"));
}

TEST_CASE("the selection card puts what a click found before the structure's card") {
  const Atlas atlas = smallAtlas();
  AppState state;
  CHECK(selectionCard(state, atlas).title.empty());

  state.selected = "soleus";
  Card card = selectionCard(state, atlas);
  CHECK(card.title == "Soleus");
  CHECK(card.sections.front().heading == "Origin"); // chosen from the panel: no pick

  state.pick = pickOnSoleus(25.0);
  card = selectionCard(state, atlas);
  CHECK(card.sections.front().heading == "Clicked point");
  CHECK(card.sections.front().lines.at(0).text == state.pick->description);
  CHECK(findSection(card, "Depth below the skin")->lines.at(0).text == "24 mm");
  CHECK(findSection(card, "Origin") != nullptr);

  const CardSection* layers = findSection(card, "Layers the needle crosses (depth below the skin)");
  REQUIRE(layers != nullptr);
  REQUIRE(layers->lines.size() == 2);
  CHECK(layers->lines[0].text == "Skin and subcutaneous tissue: 0 mm to 6 mm");
  CHECK(layers->lines[1].text == "Soleus: 6 mm to 40 mm (the tip)");

  const CardSection* nearest = findSection(card, "Nearest trigger point");
  REQUIRE(nearest != nullptr);
  CHECK(nearest->lines.at(0).triggerPoint == "soleus_trp1");
  CHECK(nearest->lines.at(0).text == "Soleus: heel pattern, 12 mm away");

  const CardSection* needle = needleSection(card.sections);
  REQUIRE(needle != nullptr);
  CHECK(needle->heading == "Needle from here (40 mm long, 40 mm in along the view)");
  CHECK(needle->lines.at(0).text ==
        "No nerve or vessel within 5 mm of the needle; no bone reached");
  CHECK(needle->lines.at(1).text ==
        "Nearest nerve or vessel: Tibial nerve, 25.0 mm from the needle (45 mm below the skin)");
  CHECK(needle->lines.at(2).text == "Nearest bone: Tibia, 21.0 mm from the needle");
  CHECK(needle->lines.at(3).text == "Tip: Soleus, 40 mm below the skin");
  CHECK(contains(needle->lines.back().text, "educational model"));
  for (const CardLine& line : needle->lines) {
    CHECK_FALSE(line.caution);
  }
  // Safety before the trigger point, the layers last of the pick's sections.
  const std::vector<std::string> order = headings(card);
  CHECK(std::find(order.begin(), order.end(), needle->heading) <
        std::find(order.begin(), order.end(), "Nearest trigger point"));
}

TEST_CASE("the card's cautions are the needle readout's warnings, at the one margin") {
  const Atlas atlas = smallAtlas();
  // Within the margin: the readout warns, and the card shows that warning, word for word.
  for (double distance : {0.0, 2.0, kDefaultNeedleMarginMm - 0.1}) {
    CAPTURE(distance);
    const PickedPoint pick = pickOnSoleus(distance);
    const std::vector<CardSection> sections = pickSections(pick, atlas);
    const CardSection* needle = needleSection(sections);
    REQUIRE(needle != nullptr);
    REQUIRE(needle->lines.size() >= 1);
    CHECK(needle->lines[0].caution);
    CHECK(needle->lines[0].text == "Caution: " + pick.needle->warnings.at(0).text);
  }
  // Beyond the margin no caution, even at 8 mm, inside the old fixed 10 mm.
  for (double distance : {kDefaultNeedleMarginMm, 8.0}) {
    CAPTURE(distance);
    for (const CardSection& section : pickSections(pickOnSoleus(distance), atlas)) {
      for (const CardLine& line : section.lines) {
        CHECK_FALSE(line.caution);
      }
    }
  }
  // A click without a needle (no skin on the ray): no needle section, no layers.
  PickedPoint bare = pickOnSoleus(30.0);
  bare.needle.reset();
  const std::vector<CardSection> sections = pickSections(bare, atlas);
  CHECK(needleSection(sections) == nullptr);
}

TEST_CASE(
    "a pick without skin says so instead of a depth; a pick of another structure is not shown") {
  const Atlas atlas = smallAtlas();
  PickedPoint pick = pickOnSoleus(30.0);
  pick.depthMm = std::numeric_limits<double>::quiet_NaN();
  const std::vector<CardSection> sections = pickSections(pick, atlas);
  auto depth = std::find_if(sections.begin(), sections.end(), [](const CardSection& s) {
    return s.heading == "Depth below the skin";
  });
  REQUIRE(depth != sections.end());
  CHECK(contains(depth->lines.at(0).text, "no skin"));

  AppState state;
  state.selected = "tibial_nerve";
  state.pick = pick; // of soleus
  const Card card = selectionCard(state, atlas);
  CHECK(card.title == "Tibial nerve");
  CHECK(findSection(card, "Clicked point") == nullptr);
}

TEST_CASE("a location in words and numbers") {
  const std::vector<CardLine> lines = locationLines(0.24, -0.55, "posterior", 18.4, 390.0);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].text == "Upper third of the leg, 94 mm below the knee joint line (t = 0.24)");
  CHECK(lines[1].text == "Toward the medial side of the leg (m = -0.55)");
  CHECK(lines[2].text == "Reached from the posterior surface");
  CHECK(lines[3].text == "18 mm below the skin");

  CHECK(locationLines(0.5, 0.05, "", 10, 400)[0].text ==
        "Middle third of the leg, 200 mm below the knee joint line (t = 0.50)");
  CHECK(locationLines(0.5, 0.05, "", 10, 400)[1].text == "On the midline of the leg (m = 0.05)");
  CHECK(locationLines(0.9, 0.3, "", 10, 400)[1].text ==
        "A little lateral of the midline (m = 0.30)");
  CHECK(locationLines(0.9, 0.9, "", 10, 400)[0].text.rfind("Lower third", 0) == 0);
  CHECK(locationLines(0.9, 0.9, "", 10, 400)[1].text ==
        "At the lateral edge of the leg (m = 0.90)");
  CHECK(locationLines(-0.05, 0, "", 10, 400)[0].text ==
        "20 mm above the knee joint line (t = -0.05)");
  CHECK(locationLines(0.5, 0, "", 10, 400).size() == 3); // no surface, no line for it
}

TEST_CASE("a trigger point's card on the bundled atlas") {
  const Atlas& atlas = test::bundledAtlas().atlas;
  const Clinical& clinical = test::bundledClinical();
  const ResolvedTriggerPoint* point = clinical.find("soleus_trp3");
  REQUIRE(point != nullptr);
  const Card card = triggerPointCard(*point, atlas, Side::Right);
  CHECK(card.title == point->point.label);
  CHECK(card.subtitle == atlas.find("soleus")->latin);
  CHECK(headings(card) == std::vector<std::string>{"In plain words", "What it is", "Where",
                                                   "Referred pain", "Palpation", "Needling",
                                                   "Structures at risk", "Sources"});
  CHECK(findSection(card, "What it is")->lines.at(0).text == point->point.description);
  CHECK(findSection(card, "Needling")->lines.at(0).text == point->point.needling);

  // Where: the resolved position, not the manifest's.
  const CardSection* where = findSection(card, "Where");
  REQUIRE(where != nullptr);
  char t[32];
  std::snprintf(t, sizeof t, "(t = %.2f)", point->t);
  CHECK(contains(where->lines.at(0).text, t));
  char depth[32];
  std::snprintf(depth, sizeof depth, "%.0f mm below the skin", point->depthBelowSkinMm);
  bool hasDepth = false;
  for (const CardLine& line : where->lines) {
    hasDepth = hasDepth || line.text == depth;
  }
  CHECK(hasDepth);

  // Referred pain: essential zones first; the sacroiliac zone is off the model, in words.
  const CardSection* referred = findSection(card, "Referred pain");
  REQUIRE(referred != nullptr);
  REQUIRE(referred->lines.size() == point->point.referredPain.size());
  bool seenSpillover = false;
  bool offModelInWords = false;
  for (const CardLine& line : referred->lines) {
    const bool essential = line.text.rfind("Essential", 0) == 0;
    CHECK((essential || line.text.rfind("Spillover", 0) == 0));
    CHECK_FALSE((essential && seenSpillover));
    seenSpillover = seenSpillover || !essential;
    offModelInWords = offModelInWords || contains(line.text, ", not on the model: ");
  }
  CHECK(offModelInWords);
  for (const ResolvedZone& zone : point->zones) {
    const bool listed =
        std::any_of(referred->lines.begin(), referred->lines.end(), [&](const CardLine& line) {
          return contains(line.text, zone.zone.description) &&
                 contains(line.text, "not on the model") == !zone.onModel;
        });
    CHECK_MESSAGE(listed, zone.zone.description);
  }

  // Structures at risk by their atlas names; sources as full citations.
  const CardSection* risk = findSection(card, "Structures at risk");
  REQUIRE(risk != nullptr);
  REQUIRE(risk->lines.size() == point->point.structuresAtRisk.size());
  for (std::size_t i = 0; i < risk->lines.size(); ++i) {
    CHECK(risk->lines[i].text == atlas.find(point->point.structuresAtRisk[i])->name);
  }
  const CardSection* sources = findSection(card, "Sources");
  REQUIRE(sources != nullptr);
  REQUIRE(sources->lines.size() == point->point.sources.size());
  const std::string& key = point->point.sources.front();
  CHECK(sources->lines.front().text == key + ". " + atlas.sources.at(key));
}

TEST_CASE("the bundled trigger points grouped by muscle") {
  const Atlas& atlas = test::bundledAtlas().atlas;
  const std::vector<MuscleTriggerPoints> groups = triggerPointsByMuscle(atlas);
  std::set<std::string> seen;
  for (const MuscleTriggerPoints& group : groups) {
    CAPTURE(group.muscle);
    const Structure* muscle = atlas.find(group.muscle);
    REQUIRE(muscle != nullptr);
    CHECK(group.name == muscle->name);
    for (const TriggerPoint* point : group.points) {
      CHECK(isWithin(atlas, point->muscle, group.muscle));
      CHECK(seen.insert(point->id).second);
    }
  }
  CHECK(seen.size() == atlas.triggerPoints.size());
  // Both heads' points under one gastrocnemius; no group per head.
  auto gastrocnemius = std::find_if(groups.begin(), groups.end(), [](const MuscleTriggerPoints& g) {
    return g.muscle == "gastrocnemius";
  });
  REQUIRE(gastrocnemius != groups.end());
  std::set<std::string> heads;
  for (const TriggerPoint* point : gastrocnemius->points) {
    heads.insert(point->muscle);
  }
  CHECK(heads.size() == 2);
  for (const MuscleTriggerPoints& group : groups) {
    CHECK(group.muscle.find("head") == std::string::npos);
  }
}

TEST_CASE("grouping keeps a muscle's points together in manifest order") {
  Atlas atlas;
  Structure a;
  a.id = "a";
  a.name = "Muscle A";
  a.group = "muscles";
  Structure head;
  head.id = "a_head";
  head.name = "Muscle A, head";
  head.group = "muscles";
  head.parent = "a";
  Structure b;
  b.id = "b";
  b.name = "Muscle B";
  b.group = "muscles";
  atlas.structures = {a, head, b};
  for (const auto& [id, muscle] : std::vector<std::pair<std::string, std::string>>{
           {"p1", "b"}, {"p2", "a_head"}, {"p3", "b"}, {"p4", "a"}}) {
    TriggerPoint point;
    point.id = id;
    point.muscle = muscle;
    atlas.triggerPoints.push_back(point);
  }
  const std::vector<MuscleTriggerPoints> groups = triggerPointsByMuscle(atlas);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].muscle == "b");
  CHECK(groups[1].muscle == "a");
  REQUIRE(groups[0].points.size() == 2);
  CHECK(groups[0].points[0]->id == "p1");
  CHECK(groups[0].points[1]->id == "p3");
  REQUIRE(groups[1].points.size() == 2);
  CHECK(groups[1].points[0]->id == "p2");
  CHECK(groups[1].points[1]->id == "p4");
}

TEST_CASE("short labels drop the muscle's name a list already shows") {
  CHECK(shortLabel("Gastrocnemius, medial head: instep pattern", "Gastrocnemius") ==
        "Medial head: instep pattern");
  CHECK(shortLabel("Soleus: heel pattern", "Soleus") == "Heel pattern");
  CHECK(shortLabel("Soleus accessorius: heel", "Soleus") == "Soleus accessorius: heel");
  CHECK(shortLabel("Plantaris: back-of-knee pattern", "Soleus") ==
        "Plantaris: back-of-knee pattern");
  CHECK(shortLabel("Soleus", "Soleus") == "Soleus");
}

TEST_CASE("in plain words: which leg, how deep, and where it sends pain") {
  const ResolvedTriggerPoint& heel = *test::bundledClinical().find("soleus_trp1");
  const std::string right = patientSentence(heel, Side::Right);
  CHECK(contains(right, "your right calf"));
  CHECK(contains(right, "your heel and your Achilles tendon."));
  const long cm = std::max(1L, std::lround(heel.depthBelowSkinMm / 10.0));
  CHECK(contains(right, "about " + std::to_string(cm) + " cm under the skin"));
  CHECK_FALSE(contains(right, "Sometimes")); // no spillover zone
  CHECK(contains(patientSentence(heel, Side::Left), "your left calf"));

  // Spillover zones follow; a patient hears "low back", not "sacroiliac".
  const std::string instep =
      patientSentence(*test::bundledClinical().find("gastrocnemius_trp1"), Side::Right);
  CHECK(contains(instep, "can send pain to your instep."));
  CHECK(contains(instep, "Sometimes also to the back of your knee, your calf and your ankle."));
  CHECK(contains(patientSentence(*test::bundledClinical().find("soleus_trp3"), Side::Right),
                 "can send pain to your low back."));

  // Points outside the calf say where they are in the patient's words.
  const std::string shin =
      patientSentence(*test::bundledClinical().find("tibialis_anterior_trp1"), Side::Left);
  CHECK(contains(shin, "A tender spot in a muscle of your left shin"));
  CHECK(contains(shin, "your ankle")); // the front of the ankle, in a patient's words
  CHECK(
      contains(patientSentence(*test::bundledClinical().find("fibularis_brevis_trp1"), Side::Right),
               "your right outer leg"));
  CHECK(contains(
      patientSentence(*test::bundledClinical().find("extensor_digitorum_longus_trp1"), Side::Right),
      "can send pain to the top of your foot."));

  // A zone's own first plain word, and no place twice: the sole zone of tibialis posterior
  // also lists "heel", named already by another zone.
  const std::string deep =
      patientSentence(*test::bundledClinical().find("tibialis_posterior_trp1"), Side::Right);
  CHECK(contains(deep, "can send pain to your Achilles tendon."));
  CHECK(contains(deep, "Sometimes also to your calf and your sole."));
  for (const ResolvedTriggerPoint& point : test::bundledClinical().triggerPoints) {
    CAPTURE(point.point.id);
    const std::string sentence = patientSentence(point, Side::Right);
    MESSAGE(sentence);
    for (const ReferredZone& zone : point.point.referredPain) {
      const std::string place = patientPlace(zone);
      CHECK(sentence.find(place) == sentence.rfind(place));
    }
  }
}
