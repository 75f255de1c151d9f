#include "app/cli_args.h"

#include "app/app_state.h"

#include <charconv>
#include <cmath>

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
bool parseFloat(std::string_view text, float& value) {
  if (text.empty() || text.front() == '+') {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

} // namespace

float parseUiScale(std::string_view text) {
  float scale = 0.0f;
  if (!parseFloat(text, scale) || scale < kMinUiScale || scale > kMaxUiScale) {
    throw UsageError("--ui-scale: '" + std::string(text) + "' is not a number from 0.5 to 3");
  }
  return scale;
}

int parsePeelCount(std::string_view text) {
  int count = 0;
  if (text != "0" && (!parsePositiveInt(text, count) || count > kMaxPeels)) {
    throw UsageError("--peel: '" + std::string(text) + "' is not a number of layers from 0 to " +
                     std::to_string(kMaxPeels));
  }
  return count;
}

ImageSize parseImageSize(std::string_view text) {
  const auto usage = [&] {
    return UsageError("--size: '" + std::string(text) + "' is not WIDTHxHEIGHT in pixels, " +
                      "each 1 to " + std::to_string(kMaxImageSide) + " (e.g. 1280x800)");
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
  return size;
}

std::pair<std::string, float> parseOpacityAssignment(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw UsageError("--opacity: '" + std::string(text) + "' is not ID=OPACITY (e.g. skin=0.3)");
  }
  std::string id(text.substr(0, equals));
  float opacity = 0.0f;
  if (!parseFloat(text.substr(equals + 1), opacity) || opacity < 0.0f || opacity > 1.0f) {
    throw UsageError("--opacity: opacity of '" + id + "' must be a number from 0 to 1, not '" +
                     std::string(text.substr(equals + 1)) + "'");
  }
  return {std::move(id), opacity};
}

} // namespace sura
