// What one mesh file, and one atlas, may hold. Each limit is checked from the sizes a file
// declares, before anything is allocated for it, so that a small hostile file cannot make
// Sura take gigabytes of memory or minutes of time. The limits are far above any anatomical
// mesh (the bundled meshes have tens of thousands of triangles) and are documented in
// docs/atlas-format.md.
#pragma once

#include <cstdint>

namespace sura {

/// A mesh file larger than this is refused before it is read into memory.
inline constexpr std::uint64_t kMaxMeshFileBytes = 256ull * 1024ull * 1024ull;

/// Triangles one mesh file may hold (STL facets, PLY faces, OBJ and VTP polygons and strips,
/// counted as the triangles they become).
inline constexpr std::uint64_t kMaxMeshTriangles = 2'000'000;

/// Points (vertices) one mesh file may hold.
inline constexpr std::uint64_t kMaxMeshPoints = 2'000'000;

/// Bytes the arrays of one VTP file may hold once decoded and decompressed.
inline constexpr std::uint64_t kMaxDecompressedBytes = 256ull * 1024ull * 1024ull;

/// A VTP compression block larger than this is damage, not data (VTK writes 32 KiB blocks).
inline constexpr std::uint64_t kMaxCompressionBlockBytes = 16ull * 1024ull * 1024ull;

/// Triangles a whole atlas may hold, counting a file once for each structure that names it
/// (each structure is drawn and picked on its own).
inline constexpr std::uint64_t kMaxAtlasTriangles = 8'000'000;

} // namespace sura
