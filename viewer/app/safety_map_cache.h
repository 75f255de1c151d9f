// The safety map kept between runs. Working it out takes seconds on two cores, and it depends
// only on the skin, the nerves, vessels and bones, the margin and the gauge: the depths are
// saved in the user's cache folder under a digest of all of these, and read back when they
// match. A cache file is only ever a shortcut: one that is missing, damaged, or for other
// meshes is passed over (the map is worked out again), never an error. No VTK.
#pragma once

#include "atlas/atlas.h"
#include "geometry/mesh.h"
#include "picking/safety_map.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sura {

/// The file in `folder` (cacheFolder(), user_folders.h) for a map of these meshes (by structure id,
/// atlas frame: what the map traces over), margin and gauge: a digest of every coordinate,
/// triangle, id and setting.
std::filesystem::path safetyMapCacheFile(const std::filesystem::path& folder,
                                         const std::map<std::string, TriangleMesh>& meshes,
                                         double marginMm, double gaugeMm);

/// The depths saved in `file` when it holds exactly `vertices` of them, each a depth the map
/// can give (0 to kSafetyMaxDepthMm); else nothing.
std::optional<std::vector<float>> readSafetyMapCache(const std::filesystem::path& file,
                                                     std::size_t vertices);

/// Saves the depths (atomically; the folder is made). A cache that cannot be written is left
/// unwritten: returns false, says nothing.
bool writeSafetyMapCache(const std::filesystem::path& file, const std::vector<float>& depthMm);

/// The meshes a safety map traces over, by structure id: the skin, nerves, vessels and bones.
std::map<std::string, TriangleMesh>
safetyMapMeshes(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes);

/// The safety map at `marginMm` over `traced` (safetyMapMeshes), read from the cache in
/// cacheFolder() when it holds it, else worked out and saved there: seconds of two cores once,
/// not at every run. The viewer, `sura render` and `sura export` all take it from here.
SafetyMap cachedSafetyMap(const Picker& picker, const std::map<std::string, TriangleMesh>& traced,
                          double marginMm);

} // namespace sura
