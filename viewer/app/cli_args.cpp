#include "app/cli_args.h"

#include "atlas/atlas.h"
#include "state/app_state.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace sura {

namespace {

bool parsePositiveInt(std::string_view text, int& value) {
  if (text.empty() || text.front() == '+') {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value > 0;
}

// from_chars, unlike strtof, ignores the locale: "0.5" means the same everywhere.
template <class Real> bool parseFloat(std::string_view text, Real& value) {
  if (text.empty() || text.front() == '+') {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

} // namespace

bool isDecimalInteger(std::string_view text) {
  const std::size_t digits = !text.empty() && text.front() == '-' ? 1 : 0;
  return text.size() > digits && text.size() <= 19 &&
         std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits), text.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

void checkCommandLineValues(const CLI::App& app) {
  for (const CLI::Option* option : app.get_options()) {
    // Flags (--left, --no-ui, --help) take no value.
    if (option->count() == 0 || option->get_type_size_max() == 0) {
      continue;
    }
    const std::string name = option->get_name();
    const std::string type = option->get_type_name();
    const bool integer = type.rfind("INT", 0) == 0 || type.rfind("UINT", 0) == 0;
    for (const std::string& value : option->results()) {
      if (value.empty()) {
        throw UsageError(name + ": the value is empty");
      }
      if (integer && !isDecimalInteger(value)) {
        throw UsageError(name + ": " + shown(value) + " is not a whole number (plain decimal)");
      }
    }
  }
  for (const CLI::App* command : app.get_subcommands()) {
    checkCommandLineValues(*command);
  }
}

std::optional<Side> parseLegFlags(bool left, bool right) {
  if (left && right) {
    throw UsageError("--left, --right: give one leg, not both (neither shows the atlas's own "
                     "leg)");
  }
  if (left) {
    return Side::Left;
  }
  if (right) {
    return Side::Right;
  }
  return std::nullopt;
}

float parseUiScale(std::string_view text) {
  float scale = 0.0f;
  if (!parseFloat(text, scale) || scale < kMinUiScale || scale > kMaxUiScale) {
    throw UsageError("--ui-scale: " + shown(text) + " is not a number from 0.5 to 3");
  }
  return scale;
}

int parsePeelCount(std::string_view text) {
  int count = 0;
  if (text != "0" && (!parsePositiveInt(text, count) || count > kMaxPeels)) {
    throw UsageError("--peel: " + shown(text) + " is not a number of layers from 0 to " +
                     std::to_string(kMaxPeels));
  }
  return count;
}

ImageSize parseImageSize(std::string_view text) {
  const auto usage = [&] {
    return UsageError("--size: " + shown(text) + " is not WIDTHxHEIGHT in pixels, " + "each 1 to " +
                      std::to_string(kMaxImageSide) + " (e.g. 1280x800)");
  };
  const std::size_t x = text.find('x');
  if (x == std::string_view::npos) {
    throw usage();
  }
  ImageSize size;
  if (!parsePositiveInt(text.substr(0, x), size.width) ||
      !parsePositiveInt(text.substr(x + 1), size.height) || size.width > kMaxImageSide ||
      size.height > kMaxImageSide) {
    throw usage();
  }
  if (static_cast<long long>(size.width) * size.height > kMaxImagePixels) {
    throw UsageError("--size: " + shown(text) + " is " +
                     std::to_string(static_cast<long long>(size.width) * size.height) +
                     " pixels, more than the limit of " + std::to_string(kMaxImagePixels) +
                     " (4096x4096)");
  }
  return size;
}

Pixel parseClickPixel(std::string_view text, ImageSize size) {
  const std::string typed(text);
  const std::size_t comma = typed.find(',');
  Pixel pixel;
  std::size_t usedX = 0;
  std::size_t usedY = 0;
  bool numbers = comma != std::string::npos;
  try {
    numbers = numbers && comma > 0 && comma + 1 < typed.size();
    if (numbers) {
      pixel.x = std::stoi(typed.substr(0, comma), &usedX);
      pixel.y = std::stoi(typed.substr(comma + 1), &usedY);
      numbers = usedX == comma && usedY == typed.size() - comma - 1;
    }
  } catch (const std::logic_error&) { // std::invalid_argument, std::out_of_range
    numbers = false;
  }
  if (!numbers) {
    throw UsageError("--click: " + shown(typed) + " is not X,Y (pixels, e.g. 640,300)");
  }
  if (pixel.x < 0 || pixel.y < 0 || pixel.x >= size.width || pixel.y >= size.height) {
    throw UsageError("--click: pixel (" + typed + ") is outside the " + std::to_string(size.width) +
                     "x" + std::to_string(size.height) + " image");
  }
  return pixel;
}

std::pair<std::string, float> parseOpacityAssignment(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw UsageError("--opacity: " + shown(text) + " is not ID=OPACITY (e.g. skin=0.3)");
  }
  std::string id(text.substr(0, equals));
  float opacity = 0.0f;
  if (!parseFloat(text.substr(equals + 1), opacity) || opacity < 0.0f || opacity > 1.0f) {
    throw UsageError("--opacity: opacity of " + shown(id) + " must be a number from 0 to 1, not " +
                     shown(text.substr(equals + 1)));
  }
  return {std::move(id), opacity};
}

double parseSectionLevel(std::string_view text, std::string_view flag) {
  double t = 0.0;
  if (!parseFloat(text, t) || t < kMinSectionLevel || t > kMaxSectionLevel) {
    throw UsageError(std::string(flag) + ": " + shown(text) +
                     " is not a level from -0.5 to 1.3 (0 the knee joint line, 1 a leg length "
                     "below it)");
  }
  return t;
}

double parseSectionHeight(std::string_view text, std::string_view flag) {
  double z = 0.0;
  if (!parseFloat(text, z)) {
    throw UsageError(std::string(flag) + ": " + shown(text) + " is not a height in mm (e.g. -117)");
  }
  return z;
}

double parseSectionBelowKnee(std::string_view text, std::string_view flag) {
  double mm = 0.0;
  // A leading minus is fine here (above the knee joint line); from_chars reads it.
  if (!parseFloat(text, mm)) {
    throw UsageError(std::string(flag) + ": " + shown(text) +
                     " is not a distance in mm below the knee joint line (e.g. 117)");
  }
  return mm;
}

namespace {

// "25, 30, 40, 50, 60 or 75".
template <std::size_t N> std::string choices(const std::array<double, N>& values, int decimals) {
  std::string text;
  for (std::size_t i = 0; i < N; ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "%.*f", decimals, values[i]);
    text += (i == 0 ? "" : (i + 1 == N ? " or " : ", ")) + std::string(number);
  }
  return text;
}

template <std::size_t N> bool oneOf(double value, const std::array<double, N>& values) {
  return std::any_of(values.begin(), values.end(),
                     [value](double v) { return std::abs(v - value) < 1e-9; });
}

} // namespace

double parseNeedleLength(std::string_view text) {
  double length = 0.0;
  if (!parseFloat(text, length) || !oneOf(length, kNeedleLengthsMm)) {
    throw UsageError("--length: " + shown(text) + " is not a standard needle length (" +
                     choices(kNeedleLengthsMm, 0) + " mm)");
  }
  return length;
}

double parseNeedleGauge(std::string_view text) {
  double gauge = 0.0;
  if (!parseFloat(text, gauge) || !oneOf(gauge, kNeedleGaugesMm)) {
    throw UsageError("--gauge: " + shown(text) + " is not a standard needle diameter (" +
                     choices(kNeedleGaugesMm, 2) + " mm)");
  }
  return gauge;
}

double parseNeedleMargin(std::string_view text) {
  double margin = 0.0;
  if (!parseFloat(text, margin) || !(margin > 0.0) || margin > kMaxNeedleMarginMm) {
    throw UsageError("--margin: " + shown(text) +
                     " is not a distance in mm, more than 0 and at most 50");
  }
  return margin;
}

std::array<double, 2> parseNeedleAngles(std::string_view text) {
  const std::size_t comma = text.find(',');
  std::array<double, 2> angles{0.0, 0.0};
  if (comma == std::string_view::npos || !parseFloat(text.substr(0, comma), angles[0]) ||
      !parseFloat(text.substr(comma + 1), angles[1]) || angles[0] < 0.0 ||
      angles[0] > kMaxNeedleTiltDeg || angles[1] < 0.0 || angles[1] > 360.0) {
    throw UsageError("--angles: " + shown(text) +
                     " is not TILT,TOWARD in degrees: the tilt from the perpendicular to the "
                     "skin 0 to 80, toward 0 to 360 (0 the knee, 90 lateral, 180 the foot, 270 "
                     "medial), e.g. 20,90");
  }
  return angles;
}

std::optional<Pixel> parseNeedlePixel(std::string_view text, ImageSize size) {
  if (text.empty() ||
      !(std::isdigit(static_cast<unsigned char>(text.front())) || text.front() == '-')) {
    return std::nullopt;
  }
  try {
    return parseClickPixel(text, size);
  } catch (const UsageError& e) {
    // The same rule as --click, said of --needle.
    std::string message = e.what();
    message.replace(0, std::string("--click").size(), "--needle");
    throw UsageError(message);
  }
}

} // namespace sura
