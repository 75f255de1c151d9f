// Millimetres as the readouts print them, shared by the needle readout and the cards so that
// the same depth reads the same everywhere.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace sura {

/// Whole millimetres ("24 mm"): picking is good to about a millimetre, and a projector
/// audience reads that faster than tenths. A value that rounds to zero reads "0 mm", never
/// "-0 mm".
inline std::string wholeMm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f mm", std::abs(value) < 0.5 ? 0.0 : value);
  return text;
}

/// A setting as it was set: whole millimetres when it is whole ("5 mm"), else tenths ("2.5 mm").
inline std::string settingMm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, value == std::round(value) ? "%.0f mm" : "%.1f mm", value);
  return text;
}

/// Tenths of a millimetre ("0.3 mm"), for distances under a few millimetres.
inline std::string tenthMm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f mm", value);
  return text;
}

} // namespace sura
