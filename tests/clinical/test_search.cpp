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

TEST_CASE("back of knee: the three essential points before the spillover ones") {
  for (const char* query : {"back of knee", "back of the knee", "BACK OF KNEE"}) {
    CAPTURE(query);
    const auto hits = search(query);
    REQUIRE(hits.size() >= 5);
    const auto all = ids(hits);
    const std::vector<std::string> top(all.begin(), all.begin() + 3);
    CHECK(top ==
          std::vector<std::string>{"gastrocnemius_trp3", "gastrocnemius_trp4", "plantaris_trp"});
    for (std::size_t i = 0; i < hits.size(); ++i) {
      CHECK((hits[i].kind == ZoneKind::Essential) == (i < 3));
    }
    CHECK(std::set<std::string>(all.begin() + 3, all.end()) ==
          std::set<std::string>{"gastrocnemius_trp1", "soleus_trp2"});
  }
}

TEST_CASE("synonyms match, below exact keywords") {
  const auto calcaneus = search("calcaneus");
  REQUIRE(calcaneus.size() == 1);
  CHECK(calcaneus[0].triggerPoint == "soleus_trp1");
  CHECK_FALSE(calcaneus[0].exact);
  CHECK(calcaneus[0].keyword == "heel");

  const auto popliteal = search("popliteal");
  REQUIRE(popliteal.size() == 5);
  CHECK(ids(popliteal)[0] == "gastrocnemius_trp3");
  CHECK_FALSE(popliteal[0].exact);

  const auto si = search("SI joint");
  REQUIRE_FALSE(si.empty());
  CHECK(si[0].triggerPoint == "soleus_trp3");

  const auto behind = search("behind the knee");
  CHECK(ids(behind) == ids(popliteal));
}

TEST_CASE("calf finds essential calf zones first, ties by id") {
  const auto hits = search("calf");
  REQUIRE(hits.size() >= 3);
  for (std::size_t i = 1; i < hits.size(); ++i) {
    const bool essentialBefore = hits[i - 1].kind == ZoneKind::Essential;
    const bool essentialNow = hits[i].kind == ZoneKind::Essential;
    CHECK((essentialBefore || !essentialNow));
    if (essentialBefore == essentialNow && hits[i - 1].exact == hits[i].exact) {
      CHECK(hits[i - 1].triggerPoint < hits[i].triggerPoint);
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
