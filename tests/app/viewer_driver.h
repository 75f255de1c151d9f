// Driving a hidden viewer as a person would, through the same input queue the GLFW callbacks
// fill: clicks, keys and typing, then frames until every event is handled. Shared by the
// viewer tests; needs an X display (Xvfb).
#pragma once

#include "app/viewer.h"
#include "meshio/load_atlas.h"
#include "scene/scene.h"
#include "ui/panel.h"

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <vtkRenderer.h>

#include <algorithm>
#include <string>

namespace sura::test {

/// The bundled atlas, loaded once per test program.
inline const LoadedAtlas& bundledLoaded() {
  static const LoadedAtlas loaded = loadAtlas(bundledAtlasDir());
  return loaded;
}

/// The options of a hidden window, `width` x `height` (no display needed but Xvfb).
inline ViewerOptions hiddenViewer(int width, int height) {
  ViewerOptions options;
  options.width = width;
  options.height = height;
  options.visible = false;
  return options;
}

/// The window the viewer tests open, pixels.
inline constexpr int kWindowWidth = 1024;
inline constexpr int kWindowHeight = 700;

/// A hidden viewer of the bundled atlas, kWindowWidth x kWindowHeight.
inline Viewer openBundledViewer() {
  return Viewer(bundledLoaded(), AppState{}, hiddenViewer(kWindowWidth, kWindowHeight));
}

/// The middle of the 3D view (right of the panel), x in window pixels.
inline double centreOfView(const Viewer& viewer) {
  return viewer.panelPixels() + (viewer.framebufferWidth() - viewer.panelPixels()) / 2.0;
}

/// Where a world point is drawn, in window pixels (x right, y down).
inline glm::dvec2 onScreen(Viewer& viewer, const glm::dvec3& world) {
  vtkRenderer* renderer = viewer.scene().renderer();
  renderer->SetWorldPoint(world.x, world.y, world.z, 1.0);
  renderer->WorldToDisplay();
  double d[3];
  renderer->GetDisplayPoint(d);
  return {d[0], viewer.framebufferHeight() - 1 - d[1]};
}

/// Frames until the input queue is empty, then two more: one applies what the last event
/// asked for, the next draws the panel from the new state (where its items now are).
inline void drainInput(Viewer& viewer) {
  for (int i = 0; i < 1000 && !viewer.input().empty(); ++i) {
    viewer.frame();
  }
  REQUIRE(viewer.input().empty());
  viewer.frame();
  viewer.frame();
}

/// A press and release of `button` at (x, y), window pixels, each in its own frame.
inline void clickAt(Viewer& viewer, double x, double y, int button = GLFW_MOUSE_BUTTON_LEFT) {
  viewer.input().cursorPos(x, y);
  viewer.frame();
  viewer.input().mouseButton(button, GLFW_PRESS, 0);
  viewer.frame();
  viewer.input().mouseButton(button, GLFW_RELEASE, 0);
  drainInput(viewer);
}

/// A click on the panel's item `key` (Panel::items), where the last frame drew it. An item cut
/// off by the bottom of the window is first scrolled into view with the wheel, as a person
/// would.
inline void clickPanelItem(Viewer& viewer, const std::string& key,
                           int button = GLFW_MOUSE_BUTTON_LEFT) {
  const auto& items = viewer.panel().items();
  auto it = items.find(key);
  REQUIRE_MESSAGE(it != items.end(), "the panel shows no " << key);
  const int bottom = viewer.framebufferHeight();
  for (int i = 0; i < 20 && it->second.y1 > static_cast<float>(bottom - 4); ++i) {
    viewer.input().cursorPos(it->second.centerX(), std::min<double>(it->second.y0, bottom - 10));
    viewer.input().scroll(0.0, -1.0);
    viewer.frame();
    viewer.frame();
    it = items.find(key);
    REQUIRE_MESSAGE(it != items.end(), "the panel scrolled " << key << " away");
  }
  clickAt(viewer, it->second.centerX(), it->second.centerY(), button);
}

inline void tapKey(Viewer& viewer, int key, int mods = 0) {
  viewer.input().key(key, GLFW_PRESS, mods);
  viewer.input().key(key, GLFW_RELEASE, mods);
  drainInput(viewer);
}

/// Typed as a keyboard types: a key press, its character, the release.
inline void typeText(Viewer& viewer, const std::string& text) {
  for (const char c : text) {
    const int key = c >= 'a' && c <= 'z' ? GLFW_KEY_A + (c - 'a') : GLFW_KEY_UNKNOWN;
    if (key != GLFW_KEY_UNKNOWN) {
      viewer.input().key(key, GLFW_PRESS, 0);
    }
    viewer.input().character(static_cast<unsigned char>(c));
    if (key != GLFW_KEY_UNKNOWN) {
      viewer.input().key(key, GLFW_RELEASE, 0);
    }
  }
  drainInput(viewer);
}

} // namespace sura::test
