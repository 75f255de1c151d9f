// Whether an atlas's sources read as citations a clinician can trust: each names its authors
// (or editors, or the issuing body) and a year, and none is only a web address. `sura check`
// prints what this finds as warnings; an atlas with such sources still loads.
#pragma once

#include "atlas/atlas.h"

#include <string>
#include <vector>

namespace sura {

/// One warning about one entry of Atlas::sources.
struct SourceWarning {
  std::string key;     ///< the source key, e.g. "S12"
  std::string problem; ///< what is missing or wrong, in words
};

/// Every source without an author or without a year, and every source that holds a web
/// address (a citation is a work: authors, title, year, edition or DOI/PMID; an address
/// alone says nothing of who wrote it or whether it was reviewed). In key order.
std::vector<SourceWarning> checkSources(const Atlas& atlas);

} // namespace sura
