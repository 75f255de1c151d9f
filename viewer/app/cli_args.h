// Parsing of the values of `sura` command-line flags. Pure functions, testable alone;
// each throws UsageError with a message that names the flag and the bad value.
#pragma once

#include "picking/needle.h"
#include "state/app_state.h"

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace sura {

/// Bad command-line usage: the program exits with status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ImageSize {
  int width = 0;
  int height = 0;
};

/// Largest image side accepted; far above any projector, well below GL limits.
inline constexpr int kMaxImageSide = 8192;
/// Largest image accepted, in pixels (4096 x 4096, or 7680 x 2160): a picture and the
/// buffers drawing it take about 50 bytes a pixel, so this keeps a render under a gigabyte.
inline constexpr long long kMaxImagePixels = 4096LL * 4096LL;

/// The one rule every value on the command line follows, whatever the command and flag, so
/// that flags added later follow it too: no value is empty (an empty id, path or number is a
/// mistake, never "the default"), and a value of a flag or argument CLI11 reads as a number
/// is written in plain decimal ("16", "-3"; not "0x10", "1e3", "+5" or " 7"). Applied to the
/// options given to `app` and to every subcommand that was used, after CLI11 has parsed them.
/// Throws UsageError naming the flag (or the argument, e.g. "OUT.png") and the value.
void checkCommandLineValues(const CLI::App& app);

/// "640" -> 640: a whole number in plain decimal, as checkCommandLineValues requires.
bool isDecimalInteger(std::string_view text);

/// The leg `--left` and `--right` ask for: nullopt for neither (the atlas's own leg is shown).
/// Both at once is a UsageError naming the two flags. One rule for every command.
std::optional<Side> parseLegFlags(bool left, bool right);

/// "1280x800" -> {1280, 800}. Each side 1 .. kMaxImageSide.
ImageSize parseImageSize(std::string_view text);

/// "1.5" -> 1.5: a UI scale from kMinUiScale to kMaxUiScale (flag --ui-scale).
float parseUiScale(std::string_view text);

/// "3" -> 3: how many layers --peel takes off, 0 to kMaxPeels.
int parsePeelCount(std::string_view text);
inline constexpr int kMaxPeels = 100;

/// A pixel of an image, x right and y down from the top-left corner.
struct Pixel {
  int x = 0;
  int y = 0;
};

/// "640,300" -> {640, 300} (flag --click): two whole numbers, each inside the image `size`.
Pixel parseClickPixel(std::string_view text, ImageSize size);

/// "soleus=0.5" -> {"soleus", 0.5}. The opacity must be a number from 0 to 1.
std::pair<std::string, float> parseOpacityAssignment(std::string_view text);

/// Levels `sura section` cuts at: kMinSectionLevel to kMaxSectionLevel (state/app_state.h).
/// Panels one `sura section` picture holds side by side.
inline constexpr int kMaxSectionLevels = 12;

/// "0.3" -> 0.3 (flag --t): a level t from kMinSectionLevel to kMaxSectionLevel.
/// `flag` names the flag in the message (`--level` is another name of `--t`).
double parseSectionLevel(std::string_view text, std::string_view flag = "--t");

/// "-117" -> -117 (flag --z): a height in mm in the atlas frame. Only the number is checked
/// here; whether it lies within the leg depends on the atlas's landmarks.
double parseSectionHeight(std::string_view text, std::string_view flag = "--z");

/// "117" -> 117 (flags --mm, --section-mm): mm below the knee joint line, positive downward.
/// Only the number is checked here, as for --z.
double parseSectionBelowKnee(std::string_view text, std::string_view flag = "--mm");

/// "40" -> 40 (flag --length): one of the standard needle lengths, kNeedleLengthsMm.
double parseNeedleLength(std::string_view text);

/// "0.25" -> 0.25 (flag --gauge): one of the standard needle diameters, kNeedleGaugesMm.
double parseNeedleGauge(std::string_view text);

/// "5" -> 5 (flag --margin): mm, more than 0 and at most kMaxNeedleMarginMm.
double parseNeedleMargin(std::string_view text);

/// "20,90" -> {20, 90} (flag --angles): TILT,TOWARD in degrees; the tilt from the
/// perpendicular to the skin, 0 to kMaxNeedleTiltDeg; toward, 0 to 360, the direction of the
/// tilt round the perpendicular (0 toward the knee, 90 lateral, 180 the foot, 270 medial).
std::array<double, 2> parseNeedleAngles(std::string_view text);

/// The value of `render --needle`: "640,300" -> a pixel inside the image `size` (as --click
/// reads it, messages naming --needle); nullopt for anything that does not start with a digit
/// or a minus sign: a trigger point id, checked against the atlas later.
std::optional<Pixel> parseNeedlePixel(std::string_view text, ImageSize size);

} // namespace sura
