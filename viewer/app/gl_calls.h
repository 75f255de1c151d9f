// The few raw OpenGL calls of the frame loop, kept apart from VTK's headers (VTK brings its
// own GL loader, which must not meet <GL/gl.h> in one file).
#pragma once

#include "scene/offscreen.h"

#include <string>

namespace sura::gl {

/// Binds the window's own framebuffer and sets the viewport to the whole of it.
void bindWindowFramebuffer(int width, int height);

/// GL_COLOR_BUFFER_BIT and GL_LINEAR, for VTK's blits (this header must not bring GL's).
inline constexpr int kColorBufferBit = 0x4000;
inline constexpr int kLinearFilter = 0x2601;

/// Reads the back buffer of the current context as a top-down RGB image.
Image readBackBuffer(int width, int height);

/// Waits until the GPU has finished everything asked of it (for honest frame timings).
void finish();

/// Depth test passes at equal depth (GL_LEQUAL), as VTK's own windows start: 2D overlays drawn
/// one over another at the same depth (the section's inset, the safety map's legend) all show.
void depthLessOrEqual();

/// GL_RENDERER of the current context.
std::string rendererString();

} // namespace sura::gl
