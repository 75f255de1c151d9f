// The UI font: a real TTF so text stays sharp and readable on a projector at any scale.
#pragma once

#include <filesystem>
#include <string>

namespace sura::ui {

/// Text height in pixels at UI scale 1 and screen content scale 1.
inline constexpr float kBaseFontPixels = 19.0f;

/// Where Debian's fonts-dejavu-core puts DejaVu Sans.
inline const std::filesystem::path kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// What setupFonts did.
struct FontResult {
  bool usedTtf = false;
  /// Empty when the TTF was found; otherwise why ImGui's built-in font is used instead.
  std::string note;
};

/// Rebuilds the current ImGui context's font atlas and style for a total scale (UI scale
/// times the screen's content scale): DejaVu Sans at kBaseFontPixels * scale, or ImGui's
/// built-in font when the file is missing. When DejaVuSans-Bold.ttf lies beside `ttf`, it is
/// loaded as the second font (card headings). The caller re-uploads the font texture.
FontResult setupFonts(float scale, const std::filesystem::path& ttf = kDejaVuSans);

/// The panel's colours and spacing at scale 1: high contrast, large hit targets.
void applyStyle(float scale);

} // namespace sura::ui
