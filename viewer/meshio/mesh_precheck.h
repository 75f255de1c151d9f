// Structural checks of mesh files BEFORE they reach VTK's readers. VTK 9.1's STL, PLY and
// OBJ readers trust their input (unchecked indices, fixed-size buffers, size arithmetic
// that underflows), so a damaged file could crash the viewer. Each check walks the whole
// file the way the VTK reader will and reports the first problem; an empty string means
// the reader can be run safely. Private to meshio.
#pragma once

#include <string>

namespace sura::precheck {

/// A binary STL must be exactly 84 + 50 n bytes for its declared n triangles.
/// `vtkSeesText` is VTK's own text/binary guess for the file (ASCII STL is parsed safely).
std::string stl(const std::string& bytes, bool vtkSeesText);

/// PLY: header, element order (vertex with x, y, z, then face with vertex_indices), every
/// list length and index, and that the data is complete (ASCII and both binary flavours).
std::string ply(const std::string& bytes);

/// VTK XML PolyData (vtp_precheck.cpp): the XML part read with expat; every count and every
/// header VTK trusts checked against the limits and the bytes present (element counts,
/// compression block headers, base64 length and alphabet, offsets against connectivity), so
/// that the data VTK reads is exactly the data the file declares. Decompresses at most the
/// last block or two of an offsets array (VTK's messages must be captured by the caller).
std::string vtp(const std::string& bytes);

/// OBJ: text only, bounded lines, every v/vn/vt index of f, l and p in range.
std::string obj(const std::string& bytes);

} // namespace sura::precheck
