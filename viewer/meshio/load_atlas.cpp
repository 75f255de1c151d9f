#include "meshio/load_atlas.h"

#include <glm/common.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <system_error>
#include <utility>

namespace fs = std::filesystem;

namespace sura {

LoadedAtlas loadAtlas(const fs::path& atlasDir) {
  LoadedAtlas out;
  out.atlas = parseManifest(atlasDir);
  const Atlas& atlas = out.atlas;
  const bool mirror = mirrorsHandedness(atlas.frame);
  // Several structures may share one file; read it once.
  std::map<fs::path, TriangleMesh> cache;
  for (std::size_t i = 0; i < atlas.structures.size(); ++i) {
    const Structure& st = atlas.structures[i];
    if (st.mesh.empty()) {
      continue;
    }
    const std::string field = "structures[" + std::to_string(i) + "].mesh";
    const fs::path file = resolveMeshPath(atlas, i);
    auto cached = cache.find(file);
    if (cached == cache.end()) {
      TriangleMesh mesh;
      try {
        mesh = readMesh(file);
      } catch (const AtlasError& e) {
        throw AtlasError(e.file, field, st.id + ": " + e.message);
      }
      for (auto& p : mesh.points) {
        p = toSuraFrame(atlas.frame, p);
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
          throw AtlasError(file.string(), field,
                           st.id + ": coordinates overflow when converted to millimetres");
        }
      }
      // A mirroring frame turns counter-clockwise triangles clockwise; swap two corners back.
      if (mirror) {
        for (auto& t : mesh.triangles) {
          std::swap(t.y, t.z);
        }
      }
      cached = cache.emplace(file, std::move(mesh)).first;
    }
    out.meshes[st.id] = cached->second;
    out.meshFiles[st.id] = file;
  }
  return out;
}

fs::path findBundledAtlas(const AtlasSearch& search) {
  if (!search.environment.empty()) {
    return fs::path(search.environment);
  }
  std::error_code error;
  for (const fs::path& dir : {search.installed, search.source}) {
    if (!dir.empty() && fs::is_regular_file(dir / "atlas.json", error)) {
      return dir;
    }
  }
  const fs::path first = search.installed.empty() ? search.source : search.installed;
  std::string message = "no atlas.json here";
  if (!search.installed.empty() && !search.source.empty()) {
    message += " nor in " + search.source.string();
  }
  throw AtlasError((first / "atlas.json").string(), "",
                   message + " (reinstall sura, or name an atlas with --atlas DIR or "
                             "SURA_ATLAS_DIR)");
}

AtlasSearch bundledAtlasSearch() {
  AtlasSearch search;
  if (const char* env = std::getenv("SURA_ATLAS_DIR"); env != nullptr) {
    search.environment = env;
  }
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error && !executable.empty()) {
    search.installed =
        (executable.parent_path() / SURA_DATA_FROM_BIN / "meshes").lexically_normal();
  }
  search.source = fs::path(SURA_SOURCE_DIR) / "meshes";
  return search;
}

fs::path bundledAtlasDir() {
  return findBundledAtlas(bundledAtlasSearch());
}

} // namespace sura
