// "Where does it hurt?": the trigger points that refer pain to a place, best match first.
#pragma once

#include "clinical/clinical.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sura {

struct SearchHit {
  std::string triggerPoint; ///< id
  std::size_t zone = 0;     ///< index into the point's referred-pain zones: the best match
  ZoneKind kind = ZoneKind::Essential;
  std::string keyword; ///< the zone keyword that matched, as written in the manifest
  bool exact = true;   ///< false when it matched through a synonym ("calcaneus" for "heel")
  bool whole = true;   ///< the keyword says all the query says ("front of ankle" for "front of
                       ///< ankle"), not only a part of it ("ankle")
};

/// The trigger points whose referred-pain zones match the query, one hit per point (its best
/// zone). The query and the zone keywords are compared as lower-case words without punctuation
/// or a plural "s"; a keyword matches when it appears as whole words in the query or the query
/// in it ("knee" finds "back of knee"), directly (exact) or after replacing a phrase with a
/// synonym ("popliteal" finds "back of knee"; "SI joint" finds "sacroiliac").
/// Order: essential zones before spillover; then a keyword that is the whole query before one
/// that is only part of it, before a synonym; then in the order the points are given (the
/// atlas's).
/// An empty or unmatched query gives no hits.
std::vector<SearchHit> searchByPain(const Clinical& clinical, std::string_view query);

/// Same, on the manifest data alone (no meshes needed).
std::vector<SearchHit> searchByPain(const std::vector<TriggerPoint>& points,
                                    std::string_view query);

} // namespace sura
