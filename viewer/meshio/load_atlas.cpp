#include "meshio/load_atlas.h"

#include <glm/common.hpp>

#include <cmath>
#include <cstdlib>
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

} // namespace sura
