#include "ui/fonts.h"

#include <imgui.h>

#include <system_error>

namespace sura::ui {

FontResult setupFonts(float scale, const std::filesystem::path& ttf) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  FontResult result;
  std::error_code error;
  if (std::filesystem::is_regular_file(ttf, error)) {
    ImFontConfig config;
    // Oversampled horizontally for crisper stems at small sizes on a low-resolution beamer.
    config.OversampleH = 3;
    config.OversampleV = 1;
    result.usedTtf =
        io.Fonts->AddFontFromFileTTF(ttf.c_str(), kBaseFontPixels * scale, &config) != nullptr;
    // Headings in bold read at a glance from the back of a room; without the file they are
    // drawn in the regular face, in colour.
    const std::filesystem::path bold = ttf.parent_path() / "DejaVuSans-Bold.ttf";
    if (result.usedTtf && std::filesystem::is_regular_file(bold, error)) {
      io.Fonts->AddFontFromFileTTF(bold.c_str(), kBaseFontPixels * scale, &config);
    }
  }
  if (!result.usedTtf) {
    result.note =
        ttf.string() + " not found (install fonts-dejavu-core); using ImGui's built-in font";
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  applyStyle(scale);
  return result;
}

void applyStyle(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(12.0f, 12.0f);
  style.FramePadding = ImVec2(8.0f, 5.0f);
  style.ItemSpacing = ImVec2(8.0f, 7.0f);
  style.ScrollbarSize = 16.0f;
  style.GrabMinSize = 14.0f;
  // Nearly opaque: text over the gradient background must keep its contrast.
  style.Colors[ImGuiCol_WindowBg].w = 0.94f;
  style.Colors[ImGuiCol_Text] = ImVec4(0.97f, 0.97f, 0.97f, 1.0f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

} // namespace sura::ui
