#include "ui/pin_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace sura::ui {

std::string pinListLine(std::size_t index, const Pin& pin, const Atlas& atlas) {
  const Structure* s = atlas.find(pin.structure);
  std::string line = std::to_string(index + 1) + ". " + (s ? s->name : pin.structure);
  const std::string first = pin.text.substr(0, pin.text.find('\n'));
  if (!first.empty()) {
    line += ": " + first;
  }
  return line;
}

bool PinPanel::takeNewPin(const AppState& state) {
  const bool added =
      state.pins.size() > lastCount_ && state.pinFocus && *state.pinFocus == state.pins.size() - 1;
  lastCount_ = state.pins.size();
  if (added) {
    focusNote_ = true;
  }
  return added;
}

void PinPanel::draw(const AppState& state, const Atlas& atlas, std::vector<Command>& out,
                    ItemMap& items) {
  bool tool = state.pinTool;
  if (ImGui::Checkbox("Pin tool", &tool)) {
    out.push_back(command::SetPinTool{tool});
  }
  remember(items, "pins:tool");
  if (state.pinToMove) {
    softText("Click the leg where pin " + std::to_string(*state.pinToMove + 1) +
             " should go (Esc: leave it where it is).");
  } else if (state.pinTool) {
    softText("Click the leg to pin a note there.");
  } else {
    softText("Pin a note to any point: the pin tool, or Pin here on the card of a click.");
  }
  ImGui::Separator();
  if (state.pins.empty()) {
    softText("No pins yet.");
  }
  for (std::size_t i = 0; i < state.pins.size(); ++i) {
    const std::string key = "pins:" + std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    if (wrappedSelectable("##pin", pinListLine(i, state.pins[i], atlas), state.pinFocus == i)) {
      out.push_back(command::FocusPin{i, false});
    }
    remember(items, key);
    if (ImGui::SmallButton("Frame")) {
      out.push_back(command::FocusPin{i, true});
    }
    remember(items, key + ":frame");
    ImGui::SameLine();
    if (ImGui::SmallButton(state.pinToMove == i ? "Moving..." : "Move")) {
      out.push_back(command::MovePinOnClick{state.pinToMove == i ? std::nullopt
                                                                 : std::optional<std::size_t>(i)});
    }
    remember(items, key + ":move");
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete")) {
      out.push_back(command::DeletePin{i});
    }
    remember(items, key + ":delete");
    ImGui::PopID();
  }

  if (!state.pinFocus || *state.pinFocus >= state.pins.size()) {
    editing_.reset();
    return;
  }
  const std::size_t focus = *state.pinFocus;
  const std::string& text = state.pins[focus].text;
  // The box holds what the state says, unless the person is typing into it.
  if (editing_ != focus || (text != loaded_ && !noteActive_)) {
    editing_ = focus;
    loaded_ = text;
    note_.fill('\0');
    std::memcpy(note_.data(), text.data(), std::min(text.size(), kMaxPinTextBytes));
  }
  ImGui::Separator();
  ImGui::TextUnformatted(("Note of pin " + std::to_string(focus + 1)).c_str());
  if (focusNote_) {
    ImGui::SetKeyboardFocusHere();
    focusNote_ = false;
  }
  const float height = ImGui::GetTextLineHeight() * 4.0f;
  if (ImGui::InputTextMultiline("##note", note_.data(), note_.size(), ImVec2(-FLT_MIN, height))) {
    loaded_ = note_.data();
    out.push_back(command::SetPinText{focus, loaded_});
  }
  noteActive_ = ImGui::IsItemActive();
  remember(items, "pins:note");
  softText("Up to " + std::to_string(kMaxPinTextBytes) + " characters; Enter starts a new line.");
}

} // namespace sura::ui
