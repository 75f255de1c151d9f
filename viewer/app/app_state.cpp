#include "app/app_state.h"

#include <cmath>

namespace sura {

namespace {

constexpr std::array<std::string_view, kViewPresets.size()> kViewPresetNames{
    "posterior", "anterior", "medial", "lateral", "oblique"};

const Structure& requireStructure(const Atlas& atlas, const std::string& id) {
  if (const Structure* structure = atlas.find(id)) {
    return *structure;
  }
  throw CommandError("unknown structure id '" + id + "'");
}

// True when `id` is `ancestor` or lies below it. The walk is bounded so that a cycle
// of parents (which the loader should reject) cannot hang the viewer.
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
  }

  void operator()(const command::SetView& c) const {
    state.view = c.view;
    ++state.viewRequest;
  }

  void operator()(const command::SetSide& c) const { state.side = c.side; }
};

} // namespace

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

} // namespace sura
