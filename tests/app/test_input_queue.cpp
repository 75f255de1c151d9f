// The input queue alone: events recorded as the GLFW callbacks record them, handed out a
// frame at a time, none lost, none reordered.
#include "app/input_queue.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace sura;
using Kind = InputEvent::Kind;

namespace {

std::vector<std::vector<InputEvent>> allFrames(InputQueue& queue) {
  std::vector<std::vector<InputEvent>> frames;
  while (!queue.empty()) {
    frames.push_back(queue.nextFrame());
    REQUIRE_FALSE(frames.back().empty()); // every frame makes progress
  }
  return frames;
}

// Presses and releases of `button` shown by each frame, in order.
int buttonChanges(const std::vector<InputEvent>& frame, int button) {
  int n = 0;
  for (const InputEvent& e : frame) {
    n += e.kind == Kind::Button && e.code == button ? 1 : 0;
  }
  return n;
}

} // namespace

TEST_CASE("a click shorter than a frame is shown as a press, then a release, where it was made") {
  InputQueue queue;
  queue.cursorPos(100, 200);
  queue.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
  queue.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
  queue.cursorPos(400, 260); // a quick move after the click, before the next frame
  const auto frames = allFrames(queue);
  REQUIRE(frames.size() == 4);
  REQUIRE(frames[0].size() == 1);
  CHECK(frames[0][0].kind == Kind::Move); // ImGui sees the pointer arrive, then the press
  REQUIRE(frames[1].size() == 1);
  CHECK(frames[1][0].kind == Kind::Button);
  CHECK(frames[1][0].down);
  CHECK(frames[1][0].x == 100);
  CHECK(frames[1][0].y == 200);
  REQUIRE(frames[2].size() == 1);
  CHECK(frames[2][0].kind == Kind::Button);
  CHECK_FALSE(frames[2][0].down);
  CHECK(frames[2][0].x == 100); // released where it was pressed: a click, not a drag
  REQUIRE(frames[3].size() == 1);
  CHECK(frames[3][0].kind == Kind::Move);
  CHECK(frames[3][0].x == 400);
}

TEST_CASE("moves share frames; a press comes a frame after the moves before it, and before "
          "the moves after it") {
  InputQueue queue;
  queue.cursorPos(1, 1);
  queue.cursorPos(2, 2);
  queue.mouseButton(GLFW_MOUSE_BUTTON_RIGHT, GLFW_PRESS, GLFW_MOD_SHIFT);
  queue.cursorPos(3, 3);
  queue.cursorPos(4, 4);
  queue.mouseButton(GLFW_MOUSE_BUTTON_RIGHT, GLFW_RELEASE, GLFW_MOD_SHIFT);
  const auto frames = allFrames(queue);
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].size() == 2);
  REQUIRE(frames[1].size() == 1);
  CHECK(frames[1][0].mods == GLFW_MOD_SHIFT);
  REQUIRE(frames[2].size() == 3); // a release may follow moves: the drag ends where it is
  CHECK(frames[2][2].kind == Kind::Button);
}

TEST_CASE("a double click takes four frames, each button change its own") {
  InputQueue queue;
  queue.cursorPos(5, 5);
  for (int i = 0; i < 2; ++i) {
    queue.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
    queue.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, 0);
  }
  const auto frames = allFrames(queue);
  REQUIRE(frames.size() == 5);
  CHECK(buttonChanges(frames[0], GLFW_MOUSE_BUTTON_LEFT) == 0); // the move
  for (std::size_t i = 1; i < frames.size(); ++i) {
    CHECK(buttonChanges(frames[i], GLFW_MOUSE_BUTTON_LEFT) == 1);
  }
}

TEST_CASE("typing: characters share frames; a tap of an editing key keeps its place") {
  InputQueue queue;
  // "hex", Backspace, "el" as a keyboard reports it: press, character, release.
  const auto type = [&](int key, unsigned int c) {
    queue.key(key, GLFW_PRESS, 0);
    queue.character(c);
    queue.key(key, GLFW_RELEASE, 0);
  };
  type(GLFW_KEY_H, 'h');
  type(GLFW_KEY_E, 'e');
  type(GLFW_KEY_X, 'x');
  queue.key(GLFW_KEY_BACKSPACE, GLFW_PRESS, 0);
  queue.key(GLFW_KEY_BACKSPACE, GLFW_REPEAT, 0); // held a little: no new state
  queue.key(GLFW_KEY_BACKSPACE, GLFW_RELEASE, 0);
  type(GLFW_KEY_E, 'e');
  type(GLFW_KEY_L, 'l');
  const auto frames = allFrames(queue);
  // What a text field does with each frame: its characters first, then its key presses.
  std::string text;
  for (const auto& frame : frames) {
    for (const InputEvent& e : frame) {
      if (e.kind == Kind::Char) {
        text += static_cast<char>(e.code);
      }
    }
    for (const InputEvent& e : frame) {
      if (e.kind == Kind::Key && e.down && e.code == GLFW_KEY_BACKSPACE) {
        text.pop_back();
      }
    }
  }
  CHECK(text == "heel");
  // Letters do not cost a frame each: only the backspace's press and release split them.
  CHECK(frames.size() == 2);
}

TEST_CASE("Ctrl held, then a click: the click comes in a frame after the key") {
  InputQueue queue;
  queue.cursorPos(10, 10);
  queue.key(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS, 0);
  queue.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, GLFW_MOD_CONTROL);
  queue.mouseButton(GLFW_MOUSE_BUTTON_LEFT, GLFW_RELEASE, GLFW_MOD_CONTROL);
  queue.key(GLFW_KEY_LEFT_CONTROL, GLFW_RELEASE, 0);
  queue.character('1');
  const auto frames = allFrames(queue);
  REQUIRE(frames.size() == 4);
  InputState state;
  for (const InputEvent& e : frames[0]) {
    state.apply(e);
  }
  CHECK(state.ctrl());
  CHECK_FALSE(state.buttons[GLFW_MOUSE_BUTTON_LEFT]);
  for (const InputEvent& e : frames[1]) {
    state.apply(e);
  }
  CHECK(state.ctrl());
  CHECK(state.buttons[GLFW_MOUSE_BUTTON_LEFT]);
  for (const InputEvent& e : frames[2]) {
    state.apply(e);
  }
  CHECK_FALSE(state.buttons[GLFW_MOUSE_BUTTON_LEFT]);
}

TEST_CASE("editing keys: Backspace, Enter, arrows and Ctrl shortcuts; not letters or Shift") {
  CHECK(InputQueue::isEditingKey(GLFW_KEY_BACKSPACE, 0));
  CHECK(InputQueue::isEditingKey(GLFW_KEY_ENTER, 0));
  CHECK(InputQueue::isEditingKey(GLFW_KEY_KP_ENTER, 0));
  CHECK(InputQueue::isEditingKey(GLFW_KEY_LEFT, 0));
  CHECK(InputQueue::isEditingKey(GLFW_KEY_ESCAPE, 0));
  CHECK(InputQueue::isEditingKey(GLFW_KEY_A, GLFW_MOD_CONTROL));
  CHECK_FALSE(InputQueue::isEditingKey(GLFW_KEY_A, 0));
  CHECK_FALSE(InputQueue::isEditingKey(GLFW_KEY_A, GLFW_MOD_SHIFT));
  CHECK_FALSE(InputQueue::isEditingKey(GLFW_KEY_SPACE, 0));
  CHECK_FALSE(InputQueue::isEditingKey(GLFW_KEY_KP_5, 0));
  CHECK_FALSE(InputQueue::isEditingKey(GLFW_KEY_LEFT_SHIFT, 0));
  CHECK_FALSE(InputQueue::isEditingKey(GLFW_KEY_RIGHT_CONTROL, GLFW_MOD_CONTROL));
  CHECK(InputQueue::typesCharacter(GLFW_KEY_A, GLFW_MOD_SHIFT));
  CHECK_FALSE(InputQueue::typesCharacter(GLFW_KEY_A, GLFW_MOD_CONTROL));
  CHECK_FALSE(InputQueue::typesCharacter(GLFW_KEY_LEFT_SHIFT, 0));
}

TEST_CASE("leaving the window: ImGui and the hover see no pointer until it comes back") {
  InputQueue queue;
  InputState state;
  queue.cursorPos(3, 4);
  queue.cursorEnter(false);
  for (const auto& frame : allFrames(queue)) {
    for (const InputEvent& e : frame) {
      state.apply(e);
    }
  }
  CHECK_FALSE(state.inside);
  queue.cursorEnter(true);
  queue.cursorPos(7, 8);
  for (const InputEvent& e : queue.nextFrame()) {
    state.apply(e);
  }
  CHECK(state.inside);
  CHECK(state.x == 7);
}

TEST_CASE("any stream of events: all of them, in order, one change per button and key a frame") {
  std::mt19937 random(12345);
  const int buttons[] = {GLFW_MOUSE_BUTTON_LEFT, GLFW_MOUSE_BUTTON_RIGHT};
  const int keys[] = {GLFW_KEY_A, GLFW_KEY_BACKSPACE, GLFW_KEY_ENTER, GLFW_KEY_LEFT_SHIFT};
  for (int round = 0; round < 50; ++round) {
    InputQueue queue;
    std::vector<InputEvent> sent;
    bool buttonDown[2] = {false, false};
    bool keyDown[4] = {false, false, false, false};
    for (int i = 0; i < 60; ++i) {
      switch (random() % 5) {
      case 0:
        queue.cursorPos(static_cast<double>(random() % 500), static_cast<double>(random() % 400));
        sent.push_back({Kind::Move, 0, 0, 0, false, 0});
        break;
      case 1: {
        const std::size_t b = random() % 2;
        buttonDown[b] = !buttonDown[b];
        queue.mouseButton(buttons[b], buttonDown[b] ? GLFW_PRESS : GLFW_RELEASE, 0);
        sent.push_back({Kind::Button, 0, 0, buttons[b], buttonDown[b], 0});
        break;
      }
      case 2: {
        const std::size_t k = random() % 4;
        keyDown[k] = !keyDown[k];
        queue.key(keys[k], keyDown[k] ? GLFW_PRESS : GLFW_RELEASE, 0);
        sent.push_back({Kind::Key, 0, 0, keys[k], keyDown[k], 0});
        break;
      }
      case 3: {
        const auto c = static_cast<unsigned int>('a' + random() % 26);
        queue.character(c);
        sent.push_back({Kind::Char, 0, 0, static_cast<int>(c), false, 0});
        break;
      }
      default:
        queue.scroll(0.0, 1.0);
        sent.push_back({Kind::Scroll, 0, 0, 0, false, 0});
        break;
      }
    }
    const std::size_t count = queue.size();
    std::vector<InputEvent> shown;
    for (const auto& frame : allFrames(queue)) {
      std::vector<int> changed;
      bool editingPress = false;
      for (const InputEvent& e : frame) {
        if (e.kind == Kind::Button ||
            (e.kind == Kind::Key && !InputQueue::typesCharacter(e.code, e.mods))) {
          const int id = (e.kind == Kind::Button ? 1000 : 0) + e.code;
          CHECK(std::find(changed.begin(), changed.end(), id) == changed.end());
          changed.push_back(id);
        }
        if (e.kind == Kind::Key && e.down && InputQueue::isEditingKey(e.code, e.mods)) {
          editingPress = true;
        }
        // A text field applies a frame's characters before its keys: none may follow one.
        CHECK_FALSE((e.kind == Kind::Char && editingPress));
      }
      shown.insert(shown.end(), frame.begin(), frame.end());
    }
    REQUIRE(shown.size() == count);
    REQUIRE(shown.size() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
      CHECK(shown[i].kind == sent[i].kind);
      CHECK(shown[i].code == sent[i].code);
      CHECK(shown[i].down == sent[i].down);
    }
  }
}
