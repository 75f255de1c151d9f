#include "ui/cards.h"

#include "picking/mm_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

namespace sura::ui {

namespace {

std::string twoDecimals(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string capitalised(std::string text) {
  if (!text.empty()) {
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  return text;
}

CardLine line(std::string text, bool caution = false) {
  CardLine result;
  result.text = std::move(text);
  result.caution = caution;
  return result;
}

CardSection section(std::string heading, std::string text) {
  return {std::move(heading), {line(std::move(text))}};
}

std::string nameOf(const Atlas& atlas, const std::string& id) {
  const Structure* s = atlas.find(id);
  return s ? s->name : id;
}

void addField(Card& card, const std::string& heading, const std::string& text) {
  if (!text.empty()) {
    card.sections.push_back(section(heading, text));
  }
}

// The muscle a trigger point is listed under: walk up from the head while the parent stays
// in the same atlas group (a head's parent muscle, never the group's grouping node above).
const Structure* listedMuscle(const Atlas& atlas, const std::string& id) {
  const Structure* s = atlas.find(id);
  for (int guard = 0; s && !s->parent.empty() && guard < 64; ++guard) {
    const Structure* parent = atlas.find(s->parent);
    if (!parent || parent->group != s->group) {
      break;
    }
    s = parent;
  }
  return s;
}

// Empty above the knee: "20 mm above the knee joint line" says it all.
std::string levelWords(double t) {
  if (t < 0.0) {
    return "";
  }
  if (t < 1.0 / 3.0) {
    return "Upper third of the leg";
  }
  if (t < 2.0 / 3.0) {
    return "Middle third of the leg";
  }
  if (t <= 1.0) {
    return "Lower third of the leg";
  }
  return "Below the ankle";
}

std::string acrossWords(double m) {
  const char* side = m < 0.0 ? "medial" : "lateral";
  const double a = std::abs(m);
  if (a < 0.15) {
    return "On the midline of the leg";
  }
  if (a < 0.5) {
    return std::string("A little ") + side + " of the midline";
  }
  if (a < 0.8) {
    return std::string("Toward the ") + side + " side of the leg";
  }
  return std::string("At the ") + side + " edge of the leg";
}

} // namespace

std::vector<CardLine> citations(const Atlas& atlas, const std::vector<std::string>& keys) {
  std::vector<CardLine> lines;
  for (const std::string& key : keys) {
    auto it = atlas.sources.find(key);
    lines.push_back(line(it == atlas.sources.end() ? key + " (not in the atlas's source list)"
                                                   : key + ". " + it->second));
  }
  return lines;
}

Card structureCard(const Structure& structure, const Atlas& atlas) {
  Card card;
  card.title = structure.name;
  card.subtitle = structure.latin;
  const InfoCard& info = structure.info;
  addField(card, "Origin", info.origin);
  addField(card, "Insertion", info.insertion);
  addField(card, "Action", info.action);
  addField(card, "Innervation", info.innervation);
  addField(card, "Blood supply", info.bloodSupply);
  addField(card, "Notes", info.notes);
  if (!info.sources.empty()) {
    card.sections.push_back({"Sources", citations(atlas, info.sources)});
  }
  return card;
}

std::vector<CardSection> pickSections(const PickedPoint& pick, const Atlas& atlas) {
  std::vector<CardSection> sections;
  if (!pick.description.empty()) {
    sections.push_back(section("Clicked point", pick.description));
  }
  sections.push_back(
      section("Depth below the skin", std::isfinite(pick.depthMm)
                                          ? wholeMm(pick.depthMm)
                                          : "Not under the skin (no skin on this ray)"));
  const std::optional<NeedleReadout>& needle = pick.needle;
  if (needle) {
    const NeedlePlacement& p = needle->placement;
    CardSection safety{"Needle from here (" + wholeMm(p.lengthMm) + " long, " +
                           wholeMm(p.insertedMm) +
                           (p.target ? " in, to the point clicked)" : " in along the view)"),
                       {}};
    for (const NeedleWarning& warning : needle->warnings) {
      safety.lines.push_back(line("Caution: " + warning.text, true));
    }
    if (needle->warnings.empty()) {
      safety.lines.push_back(line("No nerve or vessel within " + wholeMm(needle->marginMm) +
                                  " of the needle; no bone reached"));
    }
    if (!needle->nervesAndVessels.empty()) {
      const NeedleApproach& a = needle->nervesAndVessels.front();
      safety.lines.push_back(
          line("Nearest nerve or vessel: " + a.name +
               (a.crossed ? ", crossed" : ", " + tenthMm(a.distanceMm) + " from the needle") +
               " (" + wholeMm(a.structureDepthMm) + " below the skin)"));
    }
    if (needle->bone) {
      const NeedleApproach& a = *needle->bone;
      safety.lines.push_back(line(
          "Nearest bone: " + a.name +
          (a.distanceMm <= 0.0 ? ", reached" : ", " + tenthMm(a.distanceMm) + " from the needle")));
    }
    safety.lines.push_back(
        line("Tip: " + needle->tipName + ", " + wholeMm(needle->tipDepthMm) + " below the skin"));
    safety.lines.push_back(line(needle->disclaimer));
    sections.push_back(std::move(safety));
  }
  if (!pick.nearestTriggerPoint.empty()) {
    const TriggerPoint* point = atlas.findTriggerPoint(pick.nearestTriggerPoint);
    const std::string label = point ? point->label : pick.nearestTriggerPoint;
    CardLine link = line(label + ", " + wholeMm(pick.triggerPointDistanceMm) + " away");
    link.triggerPoint = pick.nearestTriggerPoint;
    sections.push_back({"Nearest trigger point", {link}});
  }
  if (needle && !needle->layers.empty()) {
    CardSection layers{"Layers the needle crosses (depth below the skin)", {}};
    for (const NeedleLayer& layer : needle->layers) {
      layers.lines.push_back(line(layer.name + ": " + wholeMm(layer.entryMm) + " to " +
                                  wholeMm(layer.exitMm) + (layer.tipInside ? " (the tip)" : "")));
    }
    sections.push_back(std::move(layers));
  }
  return sections;
}

std::vector<CardSection> needleSections(const NeedleReadout& needle) {
  std::vector<CardSection> sections;
  const NeedlePlacement& p = needle.placement;
  CardSection warnings{"Warnings (margin " + wholeMm(needle.marginMm) + ")", {}};
  for (const NeedleWarning& warning : needle.warnings) {
    warnings.lines.push_back(line("Caution: " + warning.text, true));
  }
  if (needle.warnings.empty()) {
    warnings.lines.push_back(line("None: no nerve or vessel within " + wholeMm(needle.marginMm) +
                                  " of the needle, no bone reached, no other compartment"));
  }
  sections.push_back(std::move(warnings));

  const char* aim = p.aim == NeedleAim::TriggerPoint ? "aimed at the trigger point"
                    : p.aim == NeedleAim::Angles     ? "aimed by angles"
                                                     : "along the view";
  CardSection shape{"Needle", {}};
  char gauge[32];
  std::snprintf(gauge, sizeof gauge, "%.2f mm", p.gaugeMm);
  shape.lines.push_back(line(wholeMm(p.lengthMm) + " long, " + gauge + " across, " + aim));
  if (p.aim == NeedleAim::Angles) {
    char angles[96];
    std::snprintf(angles, sizeof angles, "Tilted %.0f degrees from the perpendicular, toward %.0f",
                  p.tiltDeg, p.towardDeg);
    shape.lines.push_back(line(angles));
  }
  shape.lines.push_back(line(wholeMm(p.insertedMm) + " in the leg, " +
                             wholeMm(p.lengthMm - p.insertedMm) + " outside the skin"));
  shape.lines.push_back(line("In at: " + needle.entry.text));
  sections.push_back(std::move(shape));

  CardSection tip{"Tip", {}};
  tip.lines.push_back(
      line(capitalised(needle.tipName) + ", " + wholeMm(needle.tipDepthMm) + " below the skin"));
  if (p.target && needle.targetDepthMm) {
    const std::string what =
        p.target->triggerPoint.empty() ? "the point clicked" : p.target->triggerPoint;
    tip.lines.push_back(line("Target, " + what + ": " + wholeMm(*needle.targetDepthMm) +
                             " below the skin, " +
                             (needle.targetMissMm <= kNeedleReachedMm
                                  ? "reached"
                                  : "not reached (" + wholeMm(needle.targetMissMm) + " short)")));
  }
  sections.push_back(std::move(tip));

  CardSection layers{"Layers crossed (depth below the skin)", {}};
  for (const NeedleLayer& layer : needle.layers) {
    layers.lines.push_back(line(layer.name + ": " + wholeMm(layer.entryMm) + " to " +
                                wholeMm(layer.exitMm) + (layer.tipInside ? " (the tip)" : "")));
  }
  sections.push_back(std::move(layers));

  CardSection near{"Nearest nerves and vessels, bone", {}};
  for (std::size_t i = 0; i < needle.nervesAndVessels.size(); ++i) {
    const NeedleApproach& a = needle.nervesAndVessels[i];
    if (i > 0 && a.distanceMm > kNeedleNearbyShownMm) {
      break;
    }
    near.lines.push_back(line(
        a.name + (a.crossed ? ": crossed" : ": " + tenthMm(a.distanceMm) + " from the needle") +
        ", at " + wholeMm(a.atDepthMm) + " along it (" + wholeMm(a.structureDepthMm) +
        " below the skin)"));
  }
  if (needle.bone) {
    const NeedleApproach& a = *needle.bone;
    near.lines.push_back(
        line("Bone, " + a.name +
             (a.distanceMm <= 0.0 ? ": reached, " + wholeMm(a.atDepthMm) + " below the skin"
                                  : ": " + tenthMm(a.distanceMm) + " from the needle")));
  }
  sections.push_back(std::move(near));
  sections.push_back(section("About this readout", needle.disclaimer));
  return sections;
}

Card selectionCard(const AppState& state, const Atlas& atlas) {
  const Structure* s = state.selected.empty() ? nullptr : atlas.find(state.selected);
  if (!s) {
    return {};
  }
  Card card = structureCard(*s, atlas);
  if (state.pick && state.pick->structure == state.selected) {
    std::vector<CardSection> sections = pickSections(*state.pick, atlas);
    sections.insert(sections.end(), card.sections.begin(), card.sections.end());
    card.sections = std::move(sections);
  }
  return card;
}

std::vector<CardLine> locationLines(double t, double m, const std::string& surface,
                                    double depthBelowSkinMm, double legLength) {
  std::vector<CardLine> lines;
  const double belowKnee = t * legLength;
  const std::string level = levelWords(t);
  lines.push_back(
      line((level.empty() ? "" : level + ", ") +
           (belowKnee < 0.0 ? wholeMm(-belowKnee) + " above" : wholeMm(belowKnee) + " below") +
           " the knee joint line (t = " + twoDecimals(t) + ")"));
  lines.push_back(line(acrossWords(m) + " (m = " + twoDecimals(m) + ")"));
  if (!surface.empty()) {
    lines.push_back(line("Reached from the " + surface + " surface"));
  }
  lines.push_back(line(wholeMm(depthBelowSkinMm) + " below the skin"));
  return lines;
}

namespace {

// Words a patient uses for where it hurts (a zone's own keyword order says which it prefers).
const std::vector<std::string>& plainPlaces() {
  static const std::vector<std::string> places{"heel",        "instep",
                                               "arch",        "back of knee",
                                               "calf",        "achilles tendon",
                                               "ankle",       "low back",
                                               "big toe",     "jaw",
                                               "knee",        "foot",
                                               "sole",        "shin",
                                               "top of foot", "front of ankle",
                                               "outer ankle", "outer foot",
                                               "outer calf",  "ball of foot"};
  return places;
}

// "a", "a and b", "a, b and c".
std::string joinAnd(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : (i + 1 == parts.size() ? " and " : ", ")) + parts[i];
  }
  return out;
}

// The zone's own order says which of its words matters most ("sole" before "heel" for the
// sole): its first keyword a patient would say that is not named already (`taken`); nothing
// when every such word is taken (the zone repeats a place already said); its first keyword
// when it has none a patient would say.
std::optional<std::string> plainKeyword(const ReferredZone& zone,
                                        const std::vector<std::string>& taken) {
  const auto& plain = plainPlaces();
  bool anyPlain = false;
  for (const std::string& keyword : zone.keywords) {
    if (std::find(plain.begin(), plain.end(), keyword) != plain.end()) {
      anyPlain = true;
      if (std::find(taken.begin(), taken.end(), keyword) == taken.end()) {
        return keyword;
      }
    }
  }
  if (anyPlain) {
    return std::nullopt;
  }
  return zone.keywords.empty() ? std::string() : zone.keywords.front();
}

} // namespace

std::string patientPlace(const ReferredZone& zone, const std::vector<std::string>& taken) {
  const std::string place = plainKeyword(zone, taken).value_or(plainKeyword(zone, {}).value());
  if (place.empty()) {
    return zone.description.empty() ? zone.region.where : zone.description;
  }
  if (place == "achilles tendon") {
    return "your Achilles tendon";
  }
  // "back of knee", "top of foot", "front of ankle": the back of your knee.
  const std::size_t of = place.find(" of ");
  if (of != std::string::npos) {
    return "the " + place.substr(0, of) + " of your " + place.substr(of + 4);
  }
  return "your " + place;
}

std::string patientSentence(const ResolvedTriggerPoint& point, Side side) {
  std::vector<std::string> essential, spillover;
  std::vector<std::string> taken; // keywords already named: each place is said once
  // Essential zones first, whatever their order in the atlas: they name their places first.
  for (const ZoneKind kind : {ZoneKind::Essential, ZoneKind::Spillover}) {
    for (const ReferredZone& zone : point.point.referredPain) {
      if (zone.kind != kind) {
        continue;
      }
      std::vector<std::string>& list = kind == ZoneKind::Essential ? essential : spillover;
      const std::optional<std::string> keyword = plainKeyword(zone, taken);
      if (!keyword) {
        continue; // a place said already, in other words
      }
      const std::string place = patientPlace(zone, taken);
      taken.push_back(*keyword);
      if (std::find(essential.begin(), essential.end(), place) == essential.end() &&
          std::find(spillover.begin(), spillover.end(), place) == spillover.end()) {
        list.push_back(place);
      }
    }
  }
  // Centimetres, rounded: a patient pictures "2 cm" better than "24 mm".
  const long cm = std::max(1L, std::lround(point.depthBelowSkinMm / 10.0));
  std::string text =
      "A tender spot in a muscle of your " + std::string(side == Side::Left ? "left" : "right") +
      " " + point.point.bodyPart + ", about " + std::to_string(cm) +
      " cm under the skin, can send pain to " +
      (essential.empty() ? std::string("places away from it") : joinAnd(essential)) + ".";
  if (!spillover.empty()) {
    text += " Sometimes also to " + joinAnd(spillover) + ".";
  }
  return text;
}

Card triggerPointCard(const ResolvedTriggerPoint& resolved, const Atlas& atlas, Side side) {
  const TriggerPoint& point = resolved.point;
  Card card;
  card.title = point.label;
  // The label already names the muscle; its Latin name teaches something new.
  const Structure* muscle = atlas.find(point.muscle);
  card.subtitle = muscle ? (muscle->latin.empty() ? muscle->name : muscle->latin) : point.muscle;
  addField(card, "In plain words", patientSentence(resolved, side));
  addField(card, "What it is", point.description);
  CardSection where{"Where", locationLines(resolved.t, resolved.m, resolved.surface,
                                           resolved.depthBelowSkinMm, atlas.landmarks.legLength)};
  where.lines.push_back(line(wholeMm(point.location.depthMm) +
                             " into the muscle, a tender spot about " +
                             wholeMm(2.0 * point.radiusMm) + " across"));
  card.sections.push_back(std::move(where));

  CardSection referred{"Referred pain", {}};
  for (ZoneKind kind : {ZoneKind::Essential, ZoneKind::Spillover}) {
    const char* kindWord = kind == ZoneKind::Essential ? "Essential" : "Spillover";
    for (const ReferredZone& zone : point.referredPain) {
      if (zone.kind != kind) {
        continue;
      }
      // Off the model: the words are all there is, so say so instead of leaving the reader
      // to look for a painted zone.
      const bool offModel = zone.region.part == SkinRegion::Part::OffModel;
      const std::string words = zone.description.empty() ? zone.region.where : zone.description;
      referred.lines.push_back(
          line(std::string(kindWord) + (offModel ? ", not on the model: " : ": ") + words));
    }
  }
  if (!referred.lines.empty()) {
    card.sections.push_back(std::move(referred));
  }
  addField(card, "Palpation", point.palpation);
  addField(card, "Needling", point.needling);
  if (!point.structuresAtRisk.empty()) {
    CardSection risk{"Structures at risk", {}};
    for (const std::string& id : point.structuresAtRisk) {
      risk.lines.push_back(line(nameOf(atlas, id), true));
    }
    card.sections.push_back(std::move(risk));
  }
  if (!point.sources.empty()) {
    card.sections.push_back({"Sources", citations(atlas, point.sources)});
  }
  return card;
}

std::vector<MuscleTriggerPoints> triggerPointsByMuscle(const Atlas& atlas) {
  std::vector<MuscleTriggerPoints> groups;
  for (const TriggerPoint& point : atlas.triggerPoints) {
    const Structure* muscle = listedMuscle(atlas, point.muscle);
    const std::string id = muscle ? muscle->id : point.muscle;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const MuscleTriggerPoints& g) { return g.muscle == id; });
    if (it == groups.end()) {
      groups.push_back({id, muscle ? muscle->name : id, {}});
      it = std::prev(groups.end());
    }
    it->points.push_back(&point);
  }
  return groups;
}

std::string shortLabel(const std::string& label, const std::string& muscleName) {
  if (muscleName.empty() || label.size() <= muscleName.size() + 2 ||
      label.compare(0, muscleName.size(), muscleName) != 0) {
    return label;
  }
  const char next = label[muscleName.size()];
  if (next != ',' && next != ':') {
    return label; // "Soleus accessorius: ..." is another muscle
  }
  std::size_t start = muscleName.size() + 1;
  while (start < label.size() && label[start] == ' ') {
    ++start;
  }
  return capitalised(label.substr(start));
}

} // namespace sura::ui
