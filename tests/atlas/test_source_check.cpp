// The check `sura check` runs on an atlas's sources: authors and a year, no web addresses.
#include "atlas/source_check.h"

#include <doctest/doctest.h>

using namespace sura;

namespace {

std::vector<SourceWarning> warningsFor(const std::string& text) {
  Atlas atlas;
  atlas.sources["S1"] = text;
  return checkSources(atlas);
}

bool mentions(const std::vector<SourceWarning>& w, const std::string& problem) {
  for (const SourceWarning& one : w) {
    if (one.key == "S1" && one.problem == problem) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("citations of works pass") {
  CHECK(warningsFor("Standring S (ed.). Gray's Anatomy, 42nd ed. Elsevier, 2021. Chapter 'Leg'.")
            .empty());
  CHECK(warningsFor("Brady S, McEvoy J, Dommerholt J, Doody C. Adverse events following trigger "
                    "point dry needling. J Man Manip Ther 2014;22(3):134-140. "
                    "doi:10.1179/2042618613Y.0000000044")
            .empty());
  CHECK(warningsFor("Donnelly JM (ed.), Fernández-de-las-Peñas C. Travell, Simons & Simons' "
                    "Myofascial Pain and Dysfunction, 3rd ed. Wolters Kluwer, 2019.")
            .empty());
  CHECK(warningsFor("FIPAT. Terminologia Anatomica, 2nd ed. Halifax: FIPAT, 2019.").empty());
}

TEST_CASE("a source without authors or without a year is named") {
  CHECK(mentions(warningsFor("popliteal fossa anatomy references"), "no author and no year"));
  CHECK(mentions(warningsFor("Smith J. The calf. J Anat."), "no year"));
  CHECK(mentions(warningsFor("The calf in section, 2019."), "no author"));
}

TEST_CASE("a web address is named, even inside an otherwise complete entry") {
  CHECK(mentions(warningsFor("imaios.com e-Anatomy soleus and gastrocnemius pages"),
                 "a web address, not a citation of a work"));
  CHECK(mentions(warningsFor("Smith J. Calf pain, 2020. https://example.org/calf"),
                 "a web address, not a citation of a work"));
  CHECK(mentions(warningsFor("see www.calfpain.info (2021), Smith J"),
                 "a web address, not a citation of a work"));
  // A DOI is not a web address.
  CHECK(warningsFor("Smith J. Calf pain. BMJ 2020;1:1. doi:10.1136/bmj.m1").empty());
}

TEST_CASE("warnings come in key order, one line each") {
  Atlas atlas;
  atlas.sources = {{"S2", "a blog"}, {"S1", "Smith J. Calf pain. BMJ 2020."}, {"S3", "x.com"}};
  const auto w = checkSources(atlas);
  REQUIRE(w.size() == 3);
  CHECK(w[0].key == "S2");
  CHECK(w[1].key == "S3");
  CHECK(w[2].key == "S3");
}
