// `sura check`: load and validate an atlas and describe what it holds.
#pragma once

#include "clinical/clinical.h"
#include "meshio/load_atlas.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace sura {

/// Name, version, frame, landmarks (each with where it came from, "missing", and what uses
/// it), then one line per structure: id, group, layer, triangle count and bounds in mm
/// (grouping nodes list their children instead; a generated envelope is marked GENERATED).
void printAtlasReport(const LoadedAtlas& loaded, std::ostream& out);

/// One line per trigger point as resolved on the meshes: id, muscle, t, m, centre in mm; a
/// line saying when they lie on a generated envelope; then everything skipped on this atlas
/// (Atlas::skipped, Clinical::skipped), one line each: field and reason.
void printTriggerPoints(const Atlas& atlas, const Clinical& clinical, std::ostream& out);

/// One line per frame warning: "sura: warning: <manifest>: <field>: <problem>".
void printAtlasWarnings(const Atlas& atlas, std::ostream& err);

/// One line per source that is not a citation of a work (no author or year, or a web
/// address): "sura: warning: <manifest>: sources.<key>: <problem>".
void printSourceWarnings(const Atlas& atlas, std::ostream& err);

/// The atlas as loaded, for other tools: name, version, frame, landmarks (and where each came
/// from), warnings, structures (with triangle counts and bounds; generated or not) and every
/// trigger point with its resolved centre in mm and landmark terms, and those skipped.
nlohmann::json atlasJson(const LoadedAtlas& loaded, const Clinical& clinical);

} // namespace sura
