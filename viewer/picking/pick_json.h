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
///   "nearest_nerve_or_vessel": {"structure", "distance_mm", "point"} | null
/// }
/// Numbers that are not finite (an exit never reached, a depth without a skin) become null.
nlohmann::json toJson(const PickResult& result);

nlohmann::json toJson(const PointDescription& description);

} // namespace sura
