#include "app/gl_calls.h"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>

#include <cstring>

static_assert(sura::gl::kColorBufferBit == GL_COLOR_BUFFER_BIT);
static_assert(sura::gl::kLinearFilter == GL_LINEAR);

namespace sura::gl {

void depthLessOrEqual() {
  glDepthFunc(GL_LEQUAL);
}

void bindWindowFramebuffer(int width, int height) {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
}

Image readBackBuffer(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  const std::size_t row = static_cast<std::size_t>(width) * 3;
  std::vector<std::uint8_t> bottomUp(row * static_cast<std::size_t>(height));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, bottomUp.data());
  // GL counts rows from the bottom; Image from the top.
  image.rgb.resize(bottomUp.size());
  for (int y = 0; y < height; ++y) {
    std::memcpy(image.rgb.data() + static_cast<std::size_t>(y) * row,
                bottomUp.data() + static_cast<std::size_t>(height - 1 - y) * row, row);
  }
  return image;
}

void finish() {
  glFinish();
}

std::string rendererString() {
  const auto* text = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return text ? text : "";
}

} // namespace sura::gl
