#include "state/app_state.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace sura {

namespace {

constexpr std::array<std::string_view, kViewPresets.size()> kViewPresetNames{
    "posterior", "anterior", "medial", "lateral", "oblique", "inferior"};

const Structure& requireStructure(const Atlas& atlas, const std::string& id) {
  if (const Structure* structure = atlas.find(id)) {
    return *structure;
  }
  throw CommandError("unknown structure id '" + id + "'");
}

const TriggerPoint& requireTriggerPoint(const Atlas& atlas, const std::string& id) {
  if (const TriggerPoint* point = atlas.findTriggerPoint(id)) {
    return *point;
  }
  throw CommandError("unknown trigger point id '" + id + "'");
}

struct Applier {
  AppState& state;
  const Atlas& atlas;

  void operator()(const command::SetVisible& c) const {
    requireStructure(atlas, c.id);
    if (c.visible) {
      state.hidden.erase(c.id);
    } else {
      state.hidden.insert(c.id);
    }
  }

  void operator()(const command::SetOpacity& c) const {
    requireStructure(atlas, c.id);
    if (!std::isfinite(c.opacity) || c.opacity < 0.0f || c.opacity > 1.0f) {
      throw CommandError("opacity of '" + c.id + "' must be between 0 and 1");
    }
    for (const Structure& s : atlas.structures) {
      if (isWithin(atlas, s.id, c.id)) {
        state.opacity[s.id] = c.opacity;
      }
    }
  }

  void operator()(const command::Select& c) const {
    if (!c.id.empty()) {
      requireStructure(atlas, c.id);
    }
    state.selected = c.id;
    // A picked point belongs to the click that made it; a selection from the panel has none.
    if (state.pick && state.pick->structure != c.id) {
      state.pick.reset();
    }
  }

  void operator()(const command::ShowPick& c) const {
    requireStructure(atlas, c.pick.structure);
    const std::string& mark = c.pick.triggerPointMark;
    if (!mark.empty()) {
      requireTriggerPoint(atlas, mark);
    }
    state.selected = c.pick.structure;
    state.pick = c.pick;
    // The card warns at the one margin the panel sets.
    if (state.pick->needle && state.pick->needle->marginMm != state.needleSettings.marginMm) {
      applyNeedleMargin(*state.pick->needle, state.needleSettings.marginMm);
    }
    if (!mark.empty() && state.triggerPointsShown.count(mark)) {
      state.selectedTriggerPoint = mark;
      state.referredShown = mark;
    }
  }

  void operator()(const command::Hover& c) const {
    if (!c.id.empty()) {
      requireStructure(atlas, c.id);
    }
    state.hovered = c.id;
  }

  void operator()(const command::FrameSelection&) const {
    if (state.selected.empty()) {
      return;
    }
    state.frameTarget = FrameTarget::Selection;
    ++state.frameRequest;
  }

  void operator()(const command::FrameTriggerPoint&) const {
    if (state.selectedTriggerPoint.empty()) {
      return;
    }
    state.frameTarget = FrameTarget::TriggerPoint;
    ++state.frameRequest;
  }

  void operator()(const command::FrameNeedle&) const {
    if (!state.needle) {
      return;
    }
    state.frameTarget = FrameTarget::Needle;
    ++state.frameRequest;
  }

  void operator()(const command::ShowTriggerPoints& c) const {
    std::vector<std::string> ids = c.ids;
    if (ids.empty()) {
      for (const TriggerPoint& point : atlas.triggerPoints) {
        ids.push_back(point.id);
      }
    }
    for (const std::string& id : ids) {
      requireTriggerPoint(atlas, id);
    }
    for (const std::string& id : ids) {
      if (c.shown) {
        state.triggerPointsShown.insert(id);
        continue;
      }
      state.triggerPointsShown.erase(id);
      if (state.selectedTriggerPoint == id) {
        state.selectedTriggerPoint.clear();
      }
      if (state.referredShown == id) {
        state.referredShown.clear();
      }
    }
  }

  void operator()(const command::SelectTriggerPoint& c) const {
    if (c.id.empty()) {
      state.selectedTriggerPoint.clear();
      state.referredShown.clear();
      return;
    }
    requireTriggerPoint(atlas, c.id);
    state.selectedTriggerPoint = c.id;
    state.triggerPointsShown.insert(c.id);
    state.referredShown = c.id;
    state.frameTarget = FrameTarget::TriggerPoint;
    ++state.frameRequest;
  }

  void operator()(const command::ShowReferred& c) const {
    if (!c.id.empty()) {
      requireTriggerPoint(atlas, c.id);
    }
    state.referredShown = c.id;
  }

  void operator()(const command::SetView& c) const {
    state.view = c.view;
    state.atView = true;
    ++state.viewRequest;
  }

  void operator()(const command::CameraTurned&) const { state.atView = false; }

  void operator()(const command::SetSide& c) const {
    if (c.side != state.side && state.needle) {
      state.needle->readout.reset(); // placed again on the other leg
    }
    state.side = c.side;
  }

  void operator()(const command::PlaceNeedle& c) const {
    if (!c.request.triggerPoint.empty()) {
      requireTriggerPoint(atlas, c.request.triggerPoint);
    } else {
      const double norm = glm::length(c.request.direction);
      if (!std::isfinite(norm) || norm <= 0.0 || !std::isfinite(glm::length(c.request.origin))) {
        throw CommandError("a needle needs a point and a direction to go in along");
      }
    }
    if (!c.request.targetStructure.empty()) {
      requireStructure(atlas, c.request.targetStructure);
    }
    ShownNeedle needle;
    needle.request = c.request;
    if (c.request.triggerPoint.empty()) {
      needle.request.direction = glm::normalize(c.request.direction);
    }
    state.needle = std::move(needle);
    ++state.needleRequest;
  }

  void operator()(const command::RemoveNeedle&) const { state.needle.reset(); }

  void operator()(const command::SetNeedleSettings& c) const {
    const std::string problem = needleSettingsProblem(c.settings);
    if (!problem.empty()) {
      throw CommandError(problem);
    }
    NeedleSettings& now = state.needleSettings;
    const bool moves = c.settings.lengthMm != now.lengthMm || c.settings.gaugeMm != now.gaugeMm ||
                       c.settings.byAngles != now.byAngles ||
                       (c.settings.byAngles && (c.settings.tiltDeg != now.tiltDeg ||
                                                c.settings.towardDeg != now.towardDeg));
    const bool newMargin = c.settings.marginMm != now.marginMm;
    now = c.settings;
    if (state.needle && moves) {
      state.needle->readout.reset();
    }
    if (newMargin) {
      if (state.needle && state.needle->readout) {
        applyNeedleMargin(*state.needle->readout, now.marginMm);
      }
      if (state.pick && state.pick->needle) {
        applyNeedleMargin(*state.pick->needle, now.marginMm);
      }
    }
  }

  void operator()(const command::SetNeedleTool& c) const {
    state.needleTool = c.on;
    if (c.on) {
      state.pinTool = false; // one tool at a time: a click does one thing
    }
  }

  void operator()(const command::ShowNeedleReadout& c) const {
    if (!state.needle) {
      return;
    }
    state.needle->readout = c.readout;
    if (c.readout.marginMm != state.needleSettings.marginMm) {
      applyNeedleMargin(*state.needle->readout, state.needleSettings.marginMm);
    }
  }

  void operator()(const command::Peel&) const {
    const std::optional<int> layer = outermostShownLayer(state, atlas);
    if (!layer || !canPeel(state, atlas)) {
      return;
    }
    std::vector<std::string> step;
    for (const Structure& s : atlas.structures) {
      if (!s.mesh.empty() && s.layer == *layer && isShown(state, atlas, s.id)) {
        step.push_back(s.id);
      }
    }
    for (const std::string& id : step) {
      state.hidden.insert(id);
    }
    state.peeled.push_back(std::move(step));
  }

  void operator()(const command::Restore&) const {
    if (state.peeled.empty()) {
      return;
    }
    for (const std::string& id : state.peeled.back()) {
      state.hidden.erase(id);
    }
    state.peeled.pop_back();
  }

  void operator()(const command::Isolate& c) const {
    const std::string& id = c.id.empty() ? state.selected : c.id;
    if (id.empty()) {
      throw CommandError("nothing is selected to isolate");
    }
    requireStructure(atlas, id);
    std::set<std::string> hidden;
    for (const Structure& s : atlas.structures) {
      // Ancestors stay shown: hiding one would hide the isolated structure with it.
      if (!s.mesh.empty() && !isWithin(atlas, s.id, id) && !isWithin(atlas, id, s.id)) {
        hidden.insert(s.id);
      }
    }
    state.hidden = std::move(hidden);
    state.peeled.clear();
    // Alone where it stood it is small and off-centre: bring it to the middle of the view.
    state.frameTarget = FrameTarget::Shown;
    ++state.frameRequest;
  }

  void operator()(const command::ShowAll&) const {
    state.hidden.clear();
    state.peeled.clear();
  }

  void operator()(const command::Reset&) const {
    AppState fresh;
    fresh.side = state.side;
    fresh.uiScale = state.uiScale;
    // The needle is taken out; which needle and the margin are the clinician's, and stay.
    fresh.needleSettings = state.needleSettings;
    fresh.needleRequest = state.needleRequest;
    fresh.viewRequest = state.viewRequest + 1;
    // Labels are how the class reads the model, not part of it: on stay on, in the language
    // chosen; the teacher's own list belongs to the scene it came with and goes.
    fresh.labels.shown = state.labels.shown;
    fresh.labels.language = state.labels.language;
    fresh.frameRequest = state.frameRequest; // the view request frames the whole model
    // The pins are the teacher's notes, not a way of looking at the model: they stay.
    fresh.pins = state.pins;
    state = std::move(fresh);
  }

  void operator()(const command::ShowLabels& c) const {
    state.labels.shown = c.shown;
    state.labels.language = c.language;
  }

  void operator()(const command::SetLabelList& c) const {
    for (const StructureLabel& label : c.only) {
      requireStructure(atlas, label.structure);
    }
    if (const auto problem = labelListProblem(c.only)) {
      throw CommandError(problem->message);
    }
    state.labels.only = c.only;
  }

  // --- Pins ---

  void checkPin(const Pin& pin) const {
    const Structure& structure = requireStructure(atlas, pin.structure);
    if (structure.mesh.empty()) {
      throw CommandError("a pin must be stuck in a structure with a mesh, not '" + pin.structure +
                         "'");
    }
    const auto finite = [](const glm::dvec3& v) {
      return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
    };
    if (!finite(pin.point) || !finite(pin.normal) ||
        std::abs(glm::length(pin.normal) - 1.0) > 1e-6) {
      throw CommandError("a pin needs a finite point and a unit normal");
    }
    checkPinText(pin.text);
    if (pin.location &&
        (!std::isfinite(pin.location->t) || !(pin.location->degrees >= 0.0) ||
         !(pin.location->degrees <= 360.0) || !(pin.location->fromMidlineMm >= 0.0) ||
         !std::isfinite(pin.location->fromMidlineMm))) {
      throw CommandError(
          "a pin's location needs a finite t, degrees from 0 to 360 and a distance of 0 or more");
    }
  }

  static void checkPinText(const std::string& text) {
    if (text.size() > kMaxPinTextBytes) {
      throw CommandError("a pin's note is at most " + std::to_string(kMaxPinTextBytes) + " bytes");
    }
  }

  void requirePin(std::size_t index) const {
    if (index >= state.pins.size()) {
      throw CommandError("there is no pin " + std::to_string(index + 1));
    }
  }

  void operator()(const command::AddPin& c) const {
    checkPin(c.pin);
    state.pins.push_back(c.pin);
    state.pinFocus = state.pins.size() - 1;
  }

  void operator()(const command::MovePin& c) const {
    requirePin(c.index);
    checkPin(c.to);
    Pin& pin = state.pins[c.index];
    pin.structure = c.to.structure;
    pin.point = c.to.point;
    pin.normal = c.to.normal;
    pin.location = c.to.location;
    state.pinToMove.reset();
    state.pinFocus = c.index;
  }

  void operator()(const command::SetPinText& c) const {
    requirePin(c.index);
    checkPinText(c.text);
    state.pins[c.index].text = c.text;
  }

  void operator()(const command::DeletePin& c) const {
    requirePin(c.index);
    state.pins.erase(state.pins.begin() + static_cast<std::ptrdiff_t>(c.index));
    // Indices after it move up one; the pin itself is gone from focus and from moving.
    const auto follow = [&](std::optional<std::size_t>& i) {
      if (i && *i == c.index) {
        i.reset();
      } else if (i && *i > c.index) {
        --*i;
      }
    };
    follow(state.pinFocus);
    follow(state.pinToMove);
  }

  void operator()(const command::FocusPin& c) const {
    if (c.index) {
      requirePin(*c.index);
    }
    state.pinFocus = c.index;
    if (c.index && c.frame) {
      state.frameTarget = FrameTarget::Pin;
      ++state.frameRequest;
    }
  }

  void operator()(const command::SetPinTool& c) const {
    state.pinTool = c.on;
    if (c.on) {
      state.needleTool = false;
      state.pinToMove.reset();
    }
  }

  void operator()(const command::MovePinOnClick& c) const {
    if (c.index) {
      requirePin(*c.index);
      state.pinFocus = c.index;
    }
    state.pinToMove = c.index;
  }

  void operator()(const command::ShowSafetyMap& c) const {
    if (c.shown && atlas.skin() == nullptr) {
      throw CommandError("the safety map is painted on the skin, and this atlas has none (no "
                         "structure of the group \"skin\" with a mesh)");
    }
    state.safetyMap = c.shown;
  }

  void operator()(const command::SetSection& c) const {
    if (c.z) {
      const Landmarks& l = atlas.landmarks;
      const double t = (l.kneeJointLineZ - *c.z) / l.legLength;
      if (!std::isfinite(*c.z) || !(t >= kMinSectionLevel - 1e-9 && t <= kMaxSectionLevel + 1e-9)) {
        throw CommandError("a section must lie between t -0.5 and 1.3 of the leg");
      }
    }
    state.sectionZ = c.z;
  }

  void operator()(const command::SetSectionLine& c) const {
    if (c.line) {
      for (const glm::dvec2& p : *c.line) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
          throw CommandError("a line across the section needs finite points");
        }
      }
    }
    state.sectionLine = c.line;
  }

  void operator()(const command::SetUiScale& c) const {
    if (!std::isfinite(c.scale) || c.scale < kMinUiScale || c.scale > kMaxUiScale) {
      throw CommandError("UI scale must be between 0.5 and 3");
    }
    state.uiScale = c.scale;
  }
};

} // namespace

// The walk is bounded so that a cycle of parents (which the loader should reject) cannot
// hang the viewer.
bool isWithin(const Atlas& atlas, const std::string& id, const std::string& ancestor) {
  const Structure* structure = atlas.find(id);
  for (std::size_t steps = 0; structure && steps <= atlas.structures.size(); ++steps) {
    if (structure->id == ancestor) {
      return true;
    }
    if (structure->parent.empty()) {
      return false;
    }
    structure = atlas.find(structure->parent);
  }
  return false;
}

std::optional<int> outermostShownLayer(const AppState& state, const Atlas& atlas) {
  std::optional<int> outermost;
  for (const Structure& s : atlas.structures) {
    if (!s.mesh.empty() && isShown(state, atlas, s.id) && (!outermost || s.layer < *outermost)) {
      outermost = s.layer;
    }
  }
  return outermost;
}

bool canPeel(const AppState& state, const Atlas& atlas) {
  const std::optional<int> layer = outermostShownLayer(state, atlas);
  if (!layer) {
    return false;
  }
  for (const Structure& s : atlas.structures) {
    if (!s.mesh.empty() && s.layer != *layer && isShown(state, atlas, s.id)) {
      return true;
    }
  }
  return false;
}

std::string needleSettingsProblem(const NeedleSettings& s) {
  const auto standard = [](double value, const auto& values) {
    return std::any_of(values.begin(), values.end(),
                       [value](double v) { return std::abs(v - value) < 1e-9; });
  };
  if (s.lengthMm != 0.0 && !standard(s.lengthMm, kNeedleLengthsMm)) {
    return "needle length must be a standard one (25, 30, 40, 50, 60 or 75 mm)";
  }
  if (!standard(s.gaugeMm, kNeedleGaugesMm)) {
    return "needle gauge must be a standard one (0.16, 0.18, 0.20, 0.25 or 0.30 mm)";
  }
  if (!(s.tiltDeg >= 0.0 && s.tiltDeg <= kMaxNeedleTiltDeg)) {
    return "needle tilt must be from 0 to 80 degrees";
  }
  if (!(s.towardDeg >= 0.0 && s.towardDeg <= 360.0)) {
    return "needle direction of tilt must be from 0 to 360 degrees";
  }
  if (!(s.marginMm > 0.0 && s.marginMm <= kMaxNeedleMarginMm)) {
    return "needle margin must be more than 0 and at most 50 mm";
  }
  return "";
}

bool anythingShown(const AppState& state, const Atlas& atlas) {
  return outermostShownLayer(state, atlas).has_value();
}

std::string_view labelLanguageName(LabelLanguage language) {
  switch (language) {
  case LabelLanguage::Latin:
    return "la";
  case LabelLanguage::Both:
    return "both";
  case LabelLanguage::English:
    break;
  }
  return "en";
}

std::optional<LabelLanguage> parseLabelLanguage(std::string_view name) {
  for (LabelLanguage language :
       {LabelLanguage::English, LabelLanguage::Latin, LabelLanguage::Both}) {
    if (labelLanguageName(language) == name) {
      return language;
    }
  }
  return std::nullopt;
}

std::string_view sideName(Side side) {
  return side == Side::Left ? "left" : "right";
}

Side atlasSide(const Atlas& atlas) {
  return atlas.frame.side == "left" ? Side::Left : Side::Right;
}

bool mirrorsAtlas(Side shown, const Atlas& atlas) {
  return shown != atlasSide(atlas);
}

Side startSide(const Atlas& atlas, std::optional<Side> asked) {
  return asked.value_or(atlasSide(atlas));
}

std::string_view viewPresetName(ViewPreset view) {
  return kViewPresetNames.at(static_cast<std::size_t>(view));
}

std::optional<ViewPreset> parseViewPreset(std::string_view name) {
  for (ViewPreset view : kViewPresets) {
    if (viewPresetName(view) == name) {
      return view;
    }
  }
  return std::nullopt;
}

void apply(AppState& state, const Atlas& atlas, const Command& command) {
  std::visit(Applier{state, atlas}, command);
}

bool isShown(const AppState& state, const Atlas& atlas, const std::string& id) {
  for (const std::string& hiddenId : state.hidden) {
    if (isWithin(atlas, id, hiddenId)) {
      return false;
    }
  }
  return true;
}

float opacityOf(const AppState& state, const Atlas& atlas, const std::string& id) {
  if (auto it = state.opacity.find(id); it != state.opacity.end()) {
    return it->second;
  }
  const Structure* structure = atlas.find(id);
  return structure ? structure->opacity : 1.0f;
}

bool isPickable(const AppState& state, const Atlas& atlas, const std::string& id) {
  return isShown(state, atlas, id) && opacityOf(state, atlas, id) >= kMinPickOpacity;
}

std::optional<LabelListProblem> labelListProblem(const std::vector<StructureLabel>& labels) {
  std::map<std::string, std::size_t> first; // structure -> the index it was first listed at
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].text.size() > kMaxLabelTextBytes) {
      return LabelListProblem{i, "text",
                              "a label's words are at most " + std::to_string(kMaxLabelTextBytes) +
                                  " bytes"};
    }
    const auto [at, added] = first.emplace(labels[i].structure, i);
    if (!added) {
      return LabelListProblem{i, "structure",
                              "'" + at->first + "' is labelled already (labels[" +
                                  std::to_string(at->second) + "])"};
    }
  }
  return std::nullopt;
}

} // namespace sura
