// The resolved clinical layer as JSON, for `sura check --json` and tests: plain keys, mm,
// Sura frame, null for anything absent (the centre of an off-model zone).
#pragma once

#include "clinical/clinical.h"
#include "clinical/search.h"

#include <nlohmann/json.hpp>

namespace sura {

/// {
///   "id", "muscle", "label", "description", "radius_mm",
///   "location": {"t", "m", "surface", "depth_mm"}            (as given in the manifest)
///   "centre": [x, y, z], "surface_point": [x, y, z], "approach": [x, y, z],
///   "resolved": {"t", "m", "surface", "depth_below_skin_mm", "muscle_thickness_mm"}
///                                                              (the centre measured back)
///   "referred_pain": [zone, ...]  (see toJson(const ResolvedZone&))
///   "palpation", "needling", "structures_at_risk": [...], "sources": [...]
/// }
nlohmann::json toJson(const ResolvedTriggerPoint& point);

/// {"kind": "essential"|"spillover", "keywords": [...], "description",
///  "region": {"part": "leg", "t": [a, b], "m": [a, b], "surface": [...]}
///          | {"part": "foot", "u": [a, b], "v": [a, b], "surface": [...]}
///          | {"part": "off_model", "where": "..."},
///  "on_model": bool, "centre": [x, y, z] | null, "vertex_count", "area_mm2"}
/// The vertex list itself is left out: it is for painting, not for reading.
nlohmann::json toJson(const ResolvedZone& zone);

/// {"skin": id, "trigger_points": [point, ...]}
nlohmann::json toJson(const Clinical& clinical);

/// {"trigger_point", "zone", "kind", "keyword", "exact"}
nlohmann::json toJson(const SearchHit& hit);

} // namespace sura
