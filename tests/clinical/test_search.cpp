// Search by where it hurts, on the bundled trigger points.
#include "bundled_atlas.h"
#include "clinical/clinical_json.h"
#include "clinical/search.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace sura;

namespace {

std::vector<std::string> ids(const std::vector<SearchHit>& hits) {
  std::vector<std::string> out;
  for (const SearchHit& h : hits) {
    out.push_back(h.triggerPoint);
  }
  return out;
}

std::vector<SearchHit> search(const char* query) {
  return searchByPain(test::bundledClinical(), query);
}

} // namespace

TEST_CASE("heel, instep and sacroiliac find their one essential point first") {
  for (const auto& [query, first] :
       {std::pair{"heel", "soleus_trp1"}, std::pair{"instep", "gastrocnemius_trp1"},
        std::pair{"sacroiliac", "soleus_trp3"}, std::pair{"Heels!", "soleus_trp1"},
        std::pair{"pain in the instep", "gastrocnemius_trp1"}}) {
    CAPTURE(query);
    const auto hits = search(query);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().triggerPoint == first);
    CHECK(hits.front().kind == ZoneKind::Essential);
    CHECK(hits.front().exact);
  }
}

TEST_CASE("arch: equal matches keep the atlas's order, the calf's instep point first") {
  // gastrocnemius_trp1 and flexor_digitorum_longus_trp1 both have an essential zone whose
  // keyword is "arch"; the atlas lists the calf first (and the ids sort the other way).
  const auto hits = search("arch");
  REQUIRE(hits.size() >= 2);
  CHECK(hits[0].triggerPoint == "gastrocnemius_trp1");
  CHECK(hits[1].triggerPoint == "flexor_digitorum_longus_trp1");
  CHECK(hits[0].whole);
  CHECK(hits[1].whole);
}

TEST_CASE("back of knee: the four essential points before the spillover ones") {
  for (const char* query : {"back of knee", "back of the knee", "BACK OF KNEE"}) {
    CAPTURE(query);
    const auto hits = search(query);
    REQUIRE(hits.size() >= 6);
    const auto all = ids(hits);
    const std::vector<std::string> top(all.begin(), all.begin() + 4);
    CHECK(top == std::vector<std::string>{"gastrocnemius_trp3", "gastrocnemius_trp4",
                                          "plantaris_trp", "popliteus_trp1"});
    for (std::size_t i = 0; i < hits.size(); ++i) {
      CHECK((hits[i].kind == ZoneKind::Essential) == (i < 4));
    }
    CHECK(std::set<std::string>(all.begin() + 4, all.end()) ==
          std::set<std::string>{"gastrocnemius_trp1", "soleus_trp2"});
  }
}

TEST_CASE("the places the other compartments refer to find their own muscle first") {
  // Travell & Simons [S63]: the front of the ankle and the big toe from tibialis anterior, the
  // outer ankle from the fibularis muscles, the sole from the long toe flexors, the top of the
  // foot from the long toe extensors.
  const std::pair<const char*, std::set<std::string>> cases[] = {
      {"front of ankle", {"tibialis_anterior_trp1"}},
      {"outer ankle", {"fibularis_brevis_trp1", "fibularis_longus_trp1"}},
      {"sole", {"flexor_digitorum_longus_trp1", "flexor_hallucis_longus_trp1"}},
      {"top of foot", {"extensor_digitorum_longus_trp1", "extensor_hallucis_longus_trp1"}},
      {"big toe",
       {"extensor_hallucis_longus_trp1", "flexor_hallucis_longus_trp1", "tibialis_anterior_trp1",
        "extensor_digitorum_longus_trp1"}}};
  for (const auto& [query, expected] : cases) {
    CAPTURE(query);
    const auto hits = search(query);
    REQUIRE_FALSE(hits.empty());
    CHECK(expected.count(hits.front().triggerPoint) == 1);
    CHECK(hits.front().kind == ZoneKind::Essential);
    CHECK(hits.front().whole);
  }
  const auto shin = ids(search("shin"));
  CHECK(std::find(shin.begin(), shin.end(), "tibialis_anterior_trp1") != shin.end());
}

TEST_CASE("a keyword that is the whole query ranks above one that is only part of it") {
  // "ankle" alone is a keyword of several points; "front of ankle" names one place.
  const auto hits = search("front of ankle");
  REQUIRE(hits.size() >= 2);
  CHECK(hits[0].triggerPoint == "tibialis_anterior_trp1");
  CHECK(hits[0].keyword == "front of ankle");
  CHECK(hits[0].whole);
  CHECK_FALSE(hits[1].whole);
}

TEST_CASE("synonyms match, below exact keywords") {
  const auto calcaneus = search("calcaneus");
  REQUIRE(calcaneus.size() == 2); // soleus_trp1 and tibialis_posterior_trp1 refer to the heel
  CHECK(calcaneus[0].triggerPoint == "soleus_trp1");
  CHECK_FALSE(calcaneus[0].exact);
  CHECK(calcaneus[0].keyword == "heel");

  const auto popliteal = search("popliteal");
  REQUIRE(popliteal.size() == 6);
  CHECK(ids(popliteal)[0] == "gastrocnemius_trp3");
  CHECK_FALSE(popliteal[0].exact);

  const auto si = search("SI joint");
  REQUIRE_FALSE(si.empty());
  CHECK(si[0].triggerPoint == "soleus_trp3");

  const auto behind = search("behind the knee");
  CHECK(ids(behind) == ids(popliteal));
}

TEST_CASE("calf finds essential calf zones first, ties in the atlas's order") {
  const auto& points = test::bundledClinical().triggerPoints;
  const auto atlasIndex = [&](const std::string& id) {
    return std::find_if(points.begin(), points.end(),
                        [&](const ResolvedTriggerPoint& p) { return p.point.id == id; }) -
           points.begin();
  };
  const auto hits = search("calf");
  REQUIRE(hits.size() >= 3);
  for (std::size_t i = 1; i < hits.size(); ++i) {
    const bool essentialBefore = hits[i - 1].kind == ZoneKind::Essential;
    const bool essentialNow = hits[i].kind == ZoneKind::Essential;
    CHECK((essentialBefore || !essentialNow));
    if (essentialBefore == essentialNow && hits[i - 1].exact == hits[i].exact &&
        hits[i - 1].whole == hits[i].whole) {
      CHECK(atlasIndex(hits[i - 1].triggerPoint) < atlasIndex(hits[i].triggerPoint));
    }
  }
  CHECK(hits.front().kind == ZoneKind::Essential);
}

TEST_CASE("nothing for an empty or unknown place") {
  CHECK(search("").empty());
  CHECK(search("  ,. ").empty());
  CHECK(search("elbow").empty());
  CHECK(search("the").empty());
}

TEST_CASE("a hit as JSON names the zone") {
  const auto hits = search("heel");
  REQUIRE_FALSE(hits.empty());
  const nlohmann::json j = toJson(hits.front());
  CHECK(j["trigger_point"] == "soleus_trp1");
  CHECK(j["kind"] == "essential");
  CHECK(j["keyword"] == "heel");
  CHECK(j["exact"] == true);
  const ResolvedTriggerPoint* tp = test::bundledClinical().find("soleus_trp1");
  REQUIRE(tp != nullptr);
  const auto& keywords = tp->zones.at(j["zone"].get<std::size_t>()).zone.keywords;
  CHECK(std::find(keywords.begin(), keywords.end(), "heel") != keywords.end());
}
