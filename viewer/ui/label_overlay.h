// The labels over the 3D view, drawn with ImGui's draw list: a white box with the name (bold)
// and, under it, the Latin name, and a leader line from a dot on the part to the box. The
// layout is labels/view_labels.h's; this only measures text and draws.
//
// Drawn by ImGui rather than VTK's 2D actors: in the same font as the panel, at the UI scale a
// projector needs, crisp at the window's full resolution even while the scene is drawn at half
// of it (the camera moving), and over every picture the viewer makes, `sura render --no-ui`
// and the 3D view's screenshots included (the app draws this list in each of them).
#pragma once

#include "labels/view_labels.h"

#include <glm/vec2.hpp>

#include <string>
#include <vector>

struct ImDrawList;

namespace sura::ui {

/// Size of the box of a label with these lines, in framebuffer pixels, in the current ImGui
/// context's fonts (valid between frames too). `pixelRatio`: framebuffer pixels per ImGui unit.
/// The first `firstLines` lines are in bold (the name), the rest in the regular face.
glm::dvec2 labelBoxSize(const std::vector<std::string>& lines, std::size_t firstLines,
                        float pixelRatio);

/// Draws the labels (their placements in framebuffer pixels) into `list` (ImGui units).
void drawLabels(ImDrawList& list, const std::vector<ViewLabel>& labels, float pixelRatio);

/// Colours, for tests that look for labels in a picture: the box's fill.
inline constexpr unsigned char kLabelFill[3] = {255, 255, 255};

} // namespace sura::ui
