#include "meshio/load_atlas.h"

#include "meshio/atlas_checks.h"
#include "meshio/mesh_limits.h"

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
  std::map<fs::path, std::size_t> fileIndex;
  std::vector<std::size_t> references;     // structures naming each file
  std::vector<std::size_t> firstStructure; // the first of them, in manifest order
  for (std::size_t i = 0; i < atlas.structures.size(); ++i) {
    if (!atlas.structures[i].mesh.empty()) {
      const fs::path file = resolveMeshPath(atlas, i);
      const auto [at, added] = fileIndex.emplace(file, files.size());
      if (added) {
        files.push_back(file);
        references.push_back(0);
        firstStructure.push_back(i);
      }
      ++references[at->second];
    }
  }
  std::vector<TriangleMesh> read(files.size());
  std::vector<std::exception_ptr> failed(files.size());
  // One after the other: reading on two threads at once crashed `sura pick` now and then
  // under load (VTK's XML readers are not safe to run side by side here). Every file is read
  // before any is reported, so the first bad one in manifest order is the one named.
  // Every structure is drawn and picked on its own, so a file counts once per structure
  // that names it; the atlas is refused as soon as the total passes the limit, before more
  // is read.
  std::uint64_t triangles = 0;
  for (std::size_t f = 0; f < files.size(); ++f) {
    try {
      read[f] = readMesh(files[f]);
    } catch (...) {
      failed[f] = std::current_exception();
    }
    triangles += static_cast<std::uint64_t>(read[f].triangles.size()) * references[f];
    if (triangles > kMaxAtlasTriangles) {
      const std::size_t i = firstStructure[f];
      throw AtlasError(atlas.manifest.string(), "structures[" + std::to_string(i) + "].mesh",
                       atlas.structures[i].id + ": the meshes hold more than the limit of " +
                           std::to_string(kMaxAtlasTriangles) +
                           " triangles (a file counts once for each structure naming it; " +
                           std::to_string(references[f]) + " name " +
                           shown(atlas.structures[i].mesh) + ")");
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
      const std::size_t f = fileIndex.at(file);
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
  // What the manifest leaves out, from the meshes; what cannot be right, said; a stand-in for
  // a missing skin, so that trigger points can be placed.
  deriveLandmarks(out.atlas, out.meshes);
  out.atlas.warnings = checkFrame(out.atlas, out.meshes);
  addGeneratedEnvelope(out.atlas, out.meshes);
  return out;
}

} // namespace sura
