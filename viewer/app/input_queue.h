// Window input kept in the order it happened and handed out one frame's worth at a time.
//
// GLFW reports events only when the app polls, between frames. With slow frames (about 3 a
// second with the skin see-through on a software renderer) a whole click, or a key tap, arrives
// between two frames; ImGui 1.86 reads the buttons and keys as a state once per frame and
// has no queue of its own, so it never saw them, and the pointer read when the press was
// reported was where it had since moved to. The GLFW callbacks record every event here as it
// arrives, with the pointer position of its moment; each frame takes the events it can show
// without losing or reordering any (nextFrame). Plain C++: no VTK, no ImGui, no window; tests
// call the same functions the callbacks call.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <vector>

namespace sura {

/// One event from the window, as GLFW reported it.
struct InputEvent {
  enum class Kind {
    Move,   ///< the pointer moved to (x, y)
    Leave,  ///< the pointer left the window
    Button, ///< mouse button `code` went down or up at (x, y)
    Scroll, ///< the wheel turned by (x, y); positive y away from the user
    Key,    ///< key `code` (GLFW_KEY_*) went down or up
    Char,   ///< the character `code` (a Unicode code point) was typed
  };
  Kind kind = Kind::Move;
  double x = 0.0; ///< window units (pixels unless the desktop scales windows), y down
  double y = 0.0;
  int code = 0; ///< GLFW_MOUSE_BUTTON_*, GLFW_KEY_*, or a code point
  bool down = false;
  int mods = 0; ///< GLFW_MOD_* bits held with a button or key
};

class InputQueue {
public:
  /// The GLFW callbacks pass their arguments straight on (actions are GLFW_PRESS,
  /// GLFW_RELEASE and GLFW_REPEAT).
  void cursorPos(double x, double y);
  void cursorEnter(bool entered);
  void mouseButton(int button, int action, int mods);
  void scroll(double dx, double dy);
  void key(int key, int action, int mods);
  void character(unsigned int codepoint);

  bool empty() const { return events_.empty(); }
  std::size_t size() const { return events_.size(); }

  /// The events for the next frame, oldest first, taken off the queue; empty when none wait.
  /// ImGui sees one state of each button and key per frame and applies a frame's characters
  /// before its keys, so a frame ends before an event it could not show in order:
  /// - a second change of the same mouse button, or of a key that does not type (a press
  ///   and its release take two frames: a click or a Backspace shorter than a frame still
  ///   acts; a key that types is read as its character);
  /// - a move or wheel turn after a button change (a press is seen where it was made, and a
  ///   move after it is a drag of the next frame), a move after a wheel turn, and a press
  ///   after a move (ImGui presses only what the pointer was over in the frame before: a
  ///   quick move and click on a tab would otherwise not switch it);
  /// - a button change after a key or character (typing ends in the field it was meant for),
  ///   and a key or character after a button change;
  /// - a character after an editing key press (Backspace, Enter, arrows, Tab, Escape,
  ///   anything with Ctrl, Alt or Super), and a second editing key press.
  /// Moves, wheel turns, characters and plain key presses otherwise share a frame, so that
  /// typing and moving cost no extra frames.
  std::vector<InputEvent> nextFrame();

  /// True for the keys that type a character (letters, digits, punctuation, space) when no
  /// Ctrl, Alt or Super is held.
  static bool typesCharacter(int key, int mods);
  /// True for the keys whose press acts on a text field or the panel by itself: neither a
  /// key that types nor a modifier (Backspace, Enter, arrows, Escape, F1, Ctrl+A ...).
  static bool isEditingKey(int key, int mods);

private:
  std::deque<InputEvent> events_;
  // The last position reported: the position of a press or release, which GLFW does not give.
  double x_ = 0.0;
  double y_ = 0.0;
};

/// The pointer, buttons and keys as the events replayed so far leave them: what the app gives
/// ImGui at the start of each frame.
struct InputState {
  double x = 0.0;
  double y = 0.0;
  bool inside = false;           ///< the pointer is over the window (it has moved there)
  std::array<bool, 3> buttons{}; ///< GLFW_MOUSE_BUTTON_LEFT, _RIGHT, _MIDDLE
  std::array<bool, 512> keys{};  ///< by GLFW_KEY_*, the size of ImGui 1.86's io.KeysDown

  void apply(const InputEvent& event);
  bool ctrl() const;
  bool shift() const;
  bool alt() const;
  bool super() const;
};

} // namespace sura
