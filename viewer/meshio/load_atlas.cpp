#include "meshio/load_atlas.h"

#include <glm/common.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace sura {

LoadedAtlas loadAtlas(const fs::path& atlasDir) {
  LoadedAtlas out;
  out.atlas = parseManifest(atlasDir);
  const Atlas& atlas = out.atlas;
  const bool mirror = mirrorsHandedness(atlas.frame);
  // Several structures may share one file; read it once. The files are read on two threads
  // (every other one on the second), then taken in the manifest's order, so that the first
  // bad file in that order is the one reported.
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < atlas.structures.size(); ++i) {
    if (!atlas.structures[i].mesh.empty()) {
      const fs::path file = resolveMeshPath(atlas, i);
      if (std::find(files.begin(), files.end(), file) == files.end()) {
        files.push_back(file);
      }
    }
  }
  std::vector<TriangleMesh> read(files.size());
  std::vector<std::exception_ptr> failed(files.size());
  // One after the other: reading on two threads at once crashed `sura pick` now and then
  // under load (VTK's XML readers are not safe to run side by side here). Every file is read
  // before any is reported, so the first bad one in manifest order is the one named.
  for (std::size_t f = 0; f < files.size(); ++f) {
    try {
      read[f] = readMesh(files[f]);
    } catch (...) {
      failed[f] = std::current_exception();
    }
  }

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
      const auto f =
          static_cast<std::size_t>(std::find(files.begin(), files.end(), file) - files.begin());
      TriangleMesh mesh;
      try {
        if (failed[f]) {
          std::rethrow_exception(failed[f]);
        }
        mesh = std::move(read[f]);
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
