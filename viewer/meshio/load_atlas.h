// Reading mesh files and whole atlases from disk with VTK's IO readers. Nothing here
// renders; the result is plain TriangleMesh data in the Sura frame.
#pragma once

#include "atlas/atlas.h"
#include "geometry/mesh.h"

#include <filesystem>
#include <map>
#include <string>

namespace sura {

/// Reads a .vtp, .stl, .obj or .ply file (extension case-insensitive) as triangles in the
/// file's own coordinates: polygons and strips are triangulated, vertices and lines dropped,
/// exactly coincident points merged and unused points removed. Damaged files are checked
/// before VTK sees them and VTK's own messages are captured, never printed.
/// Throws AtlasError(file, "", problem) for an unreadable or damaged file, one with no
/// triangles, or one with non-finite coordinates.
TriangleMesh readMesh(const std::filesystem::path& file);

/// An atlas with every mesh read and mapped into the Sura frame (RAS, mm, origin at the
/// centre of the knee joint line; winding kept counter-clockwise seen from outside).
struct LoadedAtlas {
  Atlas atlas;
  std::map<std::string, TriangleMesh> meshes; ///< by structure id; only structures with a mesh
  std::map<std::string, std::filesystem::path> meshFiles; ///< by structure id; canonical path
};

/// parseManifest + resolveMeshPath + readMesh for every structure with a mesh.
/// Throws AtlasError: path problems name the manifest, damaged meshes name the mesh file;
/// the field is "structures[<i>].mesh" and the message starts with the structure id.
LoadedAtlas loadAtlas(const std::filesystem::path& atlasDir);

/// The repository's meshes/ folder (fixed at compile time), or $SURA_ATLAS_DIR when set.
std::filesystem::path bundledAtlasDir();

} // namespace sura
