#include "atlas/source_check.h"

#include <regex>

namespace sura {

namespace {

// "Standring S", "Donnelly JM", "Fernández-de-las-Peñas C": a surname and initials, as
// citations write authors and editors; or an issuing body written in capitals ("FIPAT").
bool namesAuthor(const std::string& text) {
  static const std::regex person(R"((^|[\s,(])[A-Z][^\s,.;:()]+ [A-Z]{1,3}(?=[\s,.;:()]|$))");
  static const std::regex body(R"((^|\s)[A-Z]{3,}(?=[\s,.;:()]|$))");
  return std::regex_search(text, person) || std::regex_search(text, body);
}

bool namesYear(const std::string& text) {
  static const std::regex year(R"((^|[^0-9])(1[89]|20)[0-9]{2}([^0-9]|$))");
  return std::regex_search(text, year);
}

// http://, https://, www., or a host name such as imaios.com or fipat.library.dal.ca.
bool holdsWebAddress(const std::string& text) {
  static const std::regex address(
      R"((https?://|www\.|\b[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.(com|org|net|info|io|edu|gov|ca|au|uk|de|fr)\b))",
      std::regex::icase);
  return std::regex_search(text, address);
}

} // namespace

std::vector<SourceWarning> checkSources(const Atlas& atlas) {
  std::vector<SourceWarning> warnings;
  for (const auto& [key, text] : atlas.sources) {
    const bool author = namesAuthor(text);
    const bool year = namesYear(text);
    if (!author || !year) {
      warnings.push_back({key, !author && !year ? "no author and no year"
                               : !author        ? "no author"
                                                : "no year"});
    }
    if (holdsWebAddress(text)) {
      warnings.push_back({key, "a web address, not a citation of a work"});
    }
  }
  return warnings;
}

} // namespace sura
