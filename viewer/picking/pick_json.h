// A pick as JSON, for `sura pick` and for tests: plain keys, mm, world frame, null for
// anything absent (a miss, no trigger points, no nerve near the needle path).
#pragma once

#include "picking/picker.h"

#include <nlohmann/json.hpp>

namespace sura {

/// {
///   "structure": "soleus" | null,
///   "point": [x, y, z] | null, "normal": [x, y, z] | null, "triangle": n | null,
///   "distance_mm": along the ray from its origin | null,
///   "description": {"structure", "name", "leg", "below_knee_mm", "t", "lateral_offset_mm",
///                   "m", "surface", "depth_mm", "text"} | null,
///   "layers": [{"structure", "entry_mm", "exit_mm"}],
///   "nearest_trigger_point": {"id", "distance_mm", "ray_distance_mm"} | null,
///   "nearest_nerve_or_vessel": {"structure", "distance_mm", "point", "at_depth_mm",
///                               "crossed"} | null
/// }
/// The nearest nerve or vessel is the closest approach of the needle the card describes (as
/// `sura needle` reports it): from the skin entry along the ray, its default length or to the
/// point clicked under the skin, distances from its surface; null without a skin on the ray.
/// Numbers that are not finite (an exit never reached, a depth without a skin) become null.
nlohmann::json toJson(const PickResult& result);

nlohmann::json toJson(const PointDescription& description);

/// A needle readout (`sura needle`); depths along the needle from the skin entry, mm:
/// {
///   "disclaimer": "This describes an educational model ...",
///   "needle": {"aim": "view" | "angles" | "trigger_point", "length_mm", "gauge_mm",
///              "inserted_mm", "outside_mm", "tilt_deg" | null, "toward_deg" | null,
///              "entry": [x, y, z], "tip": [x, y, z], "direction": [x, y, z]},
///   "entry": {description of the skin point, as pick's "description"},
///   "margin_mm": 5,
///   "layers": [{"structure", "name", "entry_mm", "exit_mm", "tip_inside"}],
///   "tip": {"structure" | null, "name", "depth_mm"},
///   "target": {"trigger_point" | null, "structure", "point", "depth_mm", "tip_distance_mm",
///              "reached"} | null,
///   "nerves_and_vessels": [{"structure", "name", "distance_mm", "at_depth_mm",
///                           "structure_depth_mm", "point", "crossed"}], nearest first,
///   "bone": {the same, for the nearest bone} | null,
///   "warnings": [{"kind": "nerve_or_vessel" | "bone" | "compartment" | "leaves_skin" |
///                 "short_of_target", "structure" | null, "distance_mm", "depth_mm", "text"}]
/// }
nlohmann::json toJson(const NeedleReadout& readout);

} // namespace sura
