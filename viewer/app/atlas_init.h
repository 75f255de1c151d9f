// `sura atlas init DIR`: a starting manifest for a folder of mesh files, for a person to edit.
// Ids come from the file names; the frame (long axis, superior end, units, origin) and the
// side are guessed from the geometry, and every guess is said: printed, and kept in the
// manifest's "notes" (docs/atlas-format.md, "Real meshes to a working atlas").
#pragma once

#include "geometry/mesh.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace sura {

/// One mesh file of the folder, read in its own coordinates.
struct InitMesh {
  std::string file; ///< name inside the folder
  std::string id;   ///< structure id made from the name
  TriangleMesh mesh;
};

/// "Gastrocnemius Medial-Head.STL" -> "gastrocnemius_medial_head": lower case, every run of
/// other characters one '_', none at either end; "structure" when nothing is left.
std::string idFromFileName(const std::filesystem::path& file);

/// The manifest for these meshes (file coordinates), with a line in `said` for every guess
/// (also kept in its "notes"). Pure: no file is read or written.
nlohmann::json guessManifest(const std::vector<InitMesh>& meshes, const std::string& name,
                             std::vector<std::string>& said);

/// Reads every .vtp, .stl, .obj and .ply file directly in `dir` (sorted by name), writes
/// dir/atlas.json and prints what it guessed and what to do next. Throws AtlasError when the
/// folder does not exist, holds no mesh file, holds a damaged one, or already has an
/// atlas.json (never overwritten).
void initAtlas(const std::filesystem::path& dir, std::ostream& out);

} // namespace sura
