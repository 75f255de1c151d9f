// `sura check`: load and validate an atlas and describe what it holds.
#pragma once

#include "meshio/load_atlas.h"

#include <ostream>

namespace sura {

/// Name, version, frame, landmarks, then one line per structure: id, group, layer,
/// triangle count and bounds in mm (grouping nodes list their children instead).
void printAtlasReport(const LoadedAtlas& loaded, std::ostream& out);

} // namespace sura
