#include "clinical/search.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace sura {

namespace {

using Words = std::vector<std::string>;

// Words that only join a phrase together: "back of the knee" and "back of knee" are one place.
bool isFiller(const std::string& w) {
  static const char* const fillers[] = {"the", "a", "an", "of", "my", "in", "on", "at", "to"};
  return std::any_of(std::begin(fillers), std::end(fillers), [&](const char* f) { return w == f; });
}

Words words(std::string_view text) {
  Words out;
  std::string current;
  const auto flush = [&] {
    // "heels", "arches": a plural s is dropped so that either form matches.
    if (current.size() > 3 && current.back() == 's') {
      current.pop_back();
    }
    if (!current.empty() && !isFiller(current)) {
      out.push_back(current);
    }
    current.clear();
  };
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      current += static_cast<char>(std::tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool contains(const Words& haystack, const Words& needle) {
  if (needle.empty() || needle.size() > haystack.size()) {
    return false;
  }
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

// Names for the same place. A query naming one phrase of a group matches a keyword naming
// another; kept short and plain, the way patients and anatomy teachers say them.
const std::vector<std::vector<Words>>& synonyms() {
  static const std::vector<std::vector<Words>> groups = [] {
    const std::vector<std::vector<const char*>> text = {
        {"heel", "calcaneus", "calcaneal", "heel bone"},
        {"instep", "arch", "medial arch", "arch of the foot", "top of the foot", "dorsum"},
        {"back of knee", "popliteal", "popliteal fossa", "behind the knee", "hollow of the knee",
         "knee pit"},
        {"sacroiliac", "sacroiliac joint", "si joint", "low back", "lower back"},
        {"calf", "calf muscle", "back of the leg", "sura"},
        {"achilles", "achilles tendon", "heel cord", "calcaneal tendon"},
        {"big toe", "great toe", "hallux"},
        {"ankle", "malleolus"},
        {"jaw", "mandible", "temporomandibular"},
        {"sole", "plantar", "bottom of the foot"}};
    std::vector<std::vector<Words>> out;
    for (const auto& group : text) {
      out.emplace_back();
      for (const char* phrase : group) {
        out.back().push_back(words(phrase));
      }
    }
    return out;
  }();
  return groups;
}

struct Match {
  bool exact;
  bool whole;
};

std::optional<Match> match(const Words& query, const Words& keyword) {
  if (query == keyword) {
    return Match{true, true};
  }
  if (contains(query, keyword) || contains(keyword, query)) {
    return Match{true, false};
  }
  for (const auto& group : synonyms()) {
    const bool inQuery =
        std::any_of(group.begin(), group.end(), [&](const Words& p) { return contains(query, p); });
    if (inQuery && std::any_of(group.begin(), group.end(),
                               [&](const Words& p) { return contains(keyword, p); })) {
      return Match{false, false};
    }
  }
  return std::nullopt;
}

// Lower is better: essential before spillover; then a keyword that is the whole query
// ("front of ankle") before one that is a part of it ("ankle"), before a synonym.
int rank(const SearchHit& h) {
  return (h.kind == ZoneKind::Essential ? 0 : 3) + (h.whole ? 0 : h.exact ? 1 : 2);
}

} // namespace

std::vector<SearchHit> searchByPain(const std::vector<TriggerPoint>& points,
                                    std::string_view query) {
  std::vector<SearchHit> hits;
  const Words q = words(query);
  if (q.empty()) {
    return hits;
  }
  for (const TriggerPoint& tp : points) {
    std::optional<SearchHit> best;
    for (std::size_t k = 0; k < tp.referredPain.size(); ++k) {
      const ReferredZone& zone = tp.referredPain[k];
      for (const std::string& keyword : zone.keywords) {
        const auto m = match(q, words(keyword));
        if (!m) {
          continue;
        }
        SearchHit hit{tp.id, k, zone.kind, keyword, m->exact, m->whole};
        if (!best || rank(hit) < rank(*best)) {
          best = hit;
        }
      }
    }
    if (best) {
      hits.push_back(*best);
    }
  }
  // Equal ranks keep the atlas's order, which lists the calf's points first: "arch" names the
  // gastrocnemius's instep pattern before the long flexors' sole, as the manuals do, rather
  // than whichever id sorts first.
  std::stable_sort(hits.begin(), hits.end(),
                   [](const SearchHit& a, const SearchHit& b) { return rank(a) < rank(b); });
  return hits;
}

std::vector<SearchHit> searchByPain(const Clinical& clinical, std::string_view query) {
  std::vector<TriggerPoint> points;
  points.reserve(clinical.triggerPoints.size());
  for (const auto& tp : clinical.triggerPoints) {
    points.push_back(tp.point);
  }
  return searchByPain(points, query);
}

} // namespace sura
