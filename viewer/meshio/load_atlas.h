// Reading mesh files and whole atlases from disk with VTK's IO readers. Nothing here
// renders; the result is plain TriangleMesh data in the Sura frame.
#pragma once

#include "atlas/atlas.h"
#include "geometry/mesh.h"
#include "meshio/mesh_limits.h"

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

/// parseManifest + resolveMeshPath + readMesh for every structure with a mesh, then the
/// checks against the meshes (meshio/atlas_checks.h): landmarks the manifest leaves out
/// derived, Atlas::warnings filled, and a generated envelope added to an atlas with trigger
/// points but no skin. `atlas` is the folder or its atlas.json (atlasFolderOf).
/// Throws AtlasError: path problems name the manifest, damaged meshes name the mesh file;
/// the field is "structures[<i>].mesh" and the message starts with the structure id.
LoadedAtlas loadAtlas(const std::filesystem::path& atlas);

/// Where the bundled atlas is looked for, in this order.
struct AtlasSearch {
  /// $SURA_ATLAS_DIR: when not empty, the answer, whatever is there (loadAtlas says what
  /// is wrong with it).
  std::string environment;
  /// The installed atlas: <prefix>/share/sura/meshes for a program in <prefix>/bin. Empty
  /// when the program's own path is unknown.
  std::filesystem::path installed;
  /// The source tree's meshes/ (fixed at compile time): a program run from its build folder.
  std::filesystem::path source;
};

/// The first of `search` that holds an atlas.json. Throws AtlasError naming the installed
/// folder (and the source folder) when neither holds one.
std::filesystem::path findBundledAtlas(const AtlasSearch& search);

/// The places this program looks: $SURA_ATLAS_DIR, the installed atlas relative to the
/// running executable (/proc/self/exe), the source tree's meshes/.
AtlasSearch bundledAtlasSearch();

/// findBundledAtlas(bundledAtlasSearch()): the atlas to load when none is named.
std::filesystem::path bundledAtlasDir();

} // namespace sura
