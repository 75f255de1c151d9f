#include "app/input_queue.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>

namespace sura {

void InputQueue::cursorPos(double x, double y) {
  x_ = x;
  y_ = y;
  InputEvent event;
  event.kind = InputEvent::Kind::Move;
  event.x = x;
  event.y = y;
  events_.push_back(event);
}

void InputQueue::cursorEnter(bool entered) {
  if (entered) {
    return; // the move that follows says where
  }
  InputEvent event;
  event.kind = InputEvent::Kind::Leave;
  event.x = x_;
  event.y = y_;
  events_.push_back(event);
}

void InputQueue::mouseButton(int button, int action, int mods) {
  if (action != GLFW_PRESS && action != GLFW_RELEASE) {
    return;
  }
  InputEvent event;
  event.kind = InputEvent::Kind::Button;
  // Where the pointer was when GLFW reported the button: the moves before it are in the
  // queue too. (glfwGetCursorPos would say where it is now, frames later on a slow frame.)
  event.x = x_;
  event.y = y_;
  event.code = button;
  event.down = action == GLFW_PRESS;
  event.mods = mods;
  events_.push_back(event);
}

void InputQueue::scroll(double dx, double dy) {
  InputEvent event;
  event.kind = InputEvent::Kind::Scroll;
  event.x = dx;
  event.y = dy;
  events_.push_back(event);
}

void InputQueue::key(int key, int action, int mods) {
  // Key repeats change no state: ImGui repeats a held key by itself, and a held letter
  // repeats as characters.
  if (action != GLFW_PRESS && action != GLFW_RELEASE) {
    return;
  }
  InputEvent event;
  event.kind = InputEvent::Kind::Key;
  event.code = key;
  event.down = action == GLFW_PRESS;
  event.mods = mods;
  events_.push_back(event);
}

void InputQueue::character(unsigned int codepoint) {
  InputEvent event;
  event.kind = InputEvent::Kind::Char;
  event.code = static_cast<int>(codepoint);
  events_.push_back(event);
}

namespace {

bool isModifier(int key) {
  return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
}

} // namespace

bool InputQueue::typesCharacter(int key, int mods) {
  if ((mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) != 0) {
    return false; // Ctrl+A, Ctrl+V: shortcuts, not typing
  }
  return (key >= GLFW_KEY_SPACE && key <= GLFW_KEY_GRAVE_ACCENT) || key == GLFW_KEY_WORLD_1 ||
         key == GLFW_KEY_WORLD_2 || (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_ADD) ||
         key == GLFW_KEY_KP_EQUAL;
}

bool InputQueue::isEditingKey(int key, int mods) {
  return !isModifier(key) && !typesCharacter(key, mods);
}

std::vector<InputEvent> InputQueue::nextFrame() {
  std::vector<InputEvent> frame;
  unsigned buttonsChanged = 0; // bit per button
  std::vector<int> keysChanged;
  bool moved = false;
  bool scrolled = false;
  bool typed = false;
  bool keyChanged = false;
  bool editingPress = false;
  while (!events_.empty()) {
    const InputEvent& event = events_.front();
    bool fits = true;
    switch (event.kind) {
    case InputEvent::Kind::Move:
    case InputEvent::Kind::Leave:
      fits = buttonsChanged == 0 && !scrolled;
      moved = moved || fits;
      break;
    case InputEvent::Kind::Scroll:
      fits = buttonsChanged == 0;
      scrolled = fits;
      break;
    case InputEvent::Kind::Button: {
      const unsigned bit = event.code >= 0 && event.code < 32 ? 1u << event.code : 0u;
      // ImGui presses an item only if the pointer was over it in the frame before (tabs and
      // overlapping items check that): a press waits for a frame that shows the move to it.
      fits = (buttonsChanged & bit) == 0 && !typed && !keyChanged && !(event.down && moved);
      buttonsChanged |= fits ? bit : 0u;
      break;
    }
    case InputEvent::Kind::Key: {
      const bool editing = event.down && isEditingKey(event.code, event.mods);
      // A key that types is read as its character: its own ups and downs need no frames.
      const bool seen =
          std::find(keysChanged.begin(), keysChanged.end(), event.code) != keysChanged.end();
      fits = buttonsChanged == 0 && !(editing && editingPress) &&
             (!seen || typesCharacter(event.code, event.mods));
      if (fits) {
        keysChanged.push_back(event.code);
        keyChanged = true;
        editingPress = editingPress || editing;
      }
      break;
    }
    case InputEvent::Kind::Char:
      fits = buttonsChanged == 0 && !editingPress;
      typed = typed || fits;
      break;
    }
    if (!fits) {
      break;
    }
    frame.push_back(event);
    events_.pop_front();
  }
  return frame;
}

void InputState::apply(const InputEvent& event) {
  switch (event.kind) {
  case InputEvent::Kind::Move:
    x = event.x;
    y = event.y;
    inside = true;
    break;
  case InputEvent::Kind::Leave:
    inside = false;
    break;
  case InputEvent::Kind::Button:
    if (event.code >= 0 && event.code < static_cast<int>(buttons.size())) {
      buttons[static_cast<std::size_t>(event.code)] = event.down;
    }
    x = event.x;
    y = event.y;
    break;
  case InputEvent::Kind::Key:
    if (event.code >= 0 && event.code < static_cast<int>(keys.size())) {
      keys[static_cast<std::size_t>(event.code)] = event.down;
    }
    break;
  case InputEvent::Kind::Scroll:
  case InputEvent::Kind::Char:
    break;
  }
}

bool InputState::ctrl() const {
  return keys[GLFW_KEY_LEFT_CONTROL] || keys[GLFW_KEY_RIGHT_CONTROL];
}
bool InputState::shift() const {
  return keys[GLFW_KEY_LEFT_SHIFT] || keys[GLFW_KEY_RIGHT_SHIFT];
}
bool InputState::alt() const {
  return keys[GLFW_KEY_LEFT_ALT] || keys[GLFW_KEY_RIGHT_ALT];
}
bool InputState::super() const {
  return keys[GLFW_KEY_LEFT_SUPER] || keys[GLFW_KEY_RIGHT_SUPER];
}

} // namespace sura
