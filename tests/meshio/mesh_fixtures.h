// Writes small meshes in every supported format, by hand (not with VTK's writers), so the
// readers are tested against files whose every byte the test controls.
#pragma once

#include "geometry/mesh.h"

#include <glm/geometric.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sura::test {

/// A tetrahedron with outward, counter-clockwise triangles, scaled and moved so that a
/// mix-up of axes or units shows.
inline TriangleMesh tetrahedron() {
  TriangleMesh m;
  m.points = {{10, 20, 30}, {14, 20, 30}, {10, 25, 30}, {10, 20, 36}};
  m.triangles = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
  return m;
}

/// Six times the signed volume: positive when triangles wind counter-clockwise seen from
/// outside, for any closed mesh.
inline double signedVolume6(const TriangleMesh& m) {
  double v = 0;
  for (const auto& t : m.triangles) {
    v += glm::dot(m.points[t.x], glm::cross(m.points[t.y], m.points[t.z]));
  }
  return v;
}

inline std::string vtpText(const TriangleMesh& m) {
  std::ostringstream s;
  s << "<?xml version=\"1.0\"?>\n"
    << "<VTKFile type=\"PolyData\" version=\"1.0\" byte_order=\"LittleEndian\" "
       "header_type=\"UInt64\">\n<PolyData>\n"
    << "<Piece NumberOfPoints=\"" << m.points.size()
    << "\" NumberOfVerts=\"0\" NumberOfLines=\"0\" NumberOfStrips=\"0\" NumberOfPolys=\""
    << m.triangles.size() << "\">\n"
    << "<Points><DataArray type=\"Float64\" NumberOfComponents=\"3\" format=\"ascii\">\n";
  for (const auto& p : m.points) {
    s << p.x << " " << p.y << " " << p.z << "\n";
  }
  s << "</DataArray></Points>\n<Polys>\n"
    << "<DataArray type=\"Int64\" Name=\"connectivity\" format=\"ascii\">\n";
  for (const auto& t : m.triangles) {
    s << t.x << " " << t.y << " " << t.z << "\n";
  }
  s << "</DataArray>\n<DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n";
  for (std::size_t i = 1; i <= m.triangles.size(); ++i) {
    s << 3 * i << " ";
  }
  s << "\n</DataArray>\n</Polys>\n</Piece>\n</PolyData>\n</VTKFile>\n";
  return s.str();
}

inline std::string stlAscii(const TriangleMesh& m) {
  std::ostringstream s;
  s << "solid test\n";
  for (const auto& t : m.triangles) {
    s << " facet normal 0 0 0\n  outer loop\n";
    for (int k = 0; k < 3; ++k) {
      const auto& p = m.points[t[k]];
      s << "   vertex " << p.x << " " << p.y << " " << p.z << "\n";
    }
    s << "  endloop\n endfacet\n";
  }
  s << "endsolid test\n";
  return s.str();
}

template <typename T> void appendBytes(std::string& out, T value, bool bigEndian = false) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  // The test machines are little-endian (x86-64, aarch64).
  if (bigEndian) {
    for (std::size_t i = 0; i < sizeof(T) / 2; ++i) {
      std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
    }
  }
  out.append(bytes, sizeof(T));
}

inline std::string stlBinary(const TriangleMesh& m) {
  std::string s(80, '\0');
  s.replace(0, 11, "binary test");
  appendBytes(s, static_cast<std::uint32_t>(m.triangles.size()));
  for (const auto& t : m.triangles) {
    for (int k = 0; k < 3; ++k) {
      appendBytes(s, 0.0f);
    }
    for (int k = 0; k < 3; ++k) {
      const auto& p = m.points[t[k]];
      appendBytes(s, static_cast<float>(p.x));
      appendBytes(s, static_cast<float>(p.y));
      appendBytes(s, static_cast<float>(p.z));
    }
    appendBytes(s, static_cast<std::uint16_t>(0));
  }
  return s;
}

inline std::string objText(const TriangleMesh& m) {
  std::ostringstream s;
  s << "# test mesh\n";
  for (const auto& p : m.points) {
    s << "v " << p.x << " " << p.y << " " << p.z << "\n";
  }
  for (const auto& t : m.triangles) {
    s << "f " << t.x + 1 << " " << t.y + 1 << " " << t.z + 1 << "\n";
  }
  return s.str();
}

inline std::string plyHeader(const TriangleMesh& m, const std::string& format) {
  std::ostringstream s;
  s << "ply\nformat " << format << " 1.0\ncomment test\nelement vertex " << m.points.size()
    << "\nproperty float x\nproperty float y\nproperty float z\nelement face " << m.triangles.size()
    << "\nproperty list uchar int vertex_indices\nend_header\n";
  return s.str();
}

inline std::string plyAscii(const TriangleMesh& m) {
  std::ostringstream s;
  s << plyHeader(m, "ascii");
  for (const auto& p : m.points) {
    s << p.x << " " << p.y << " " << p.z << "\n";
  }
  for (const auto& t : m.triangles) {
    s << "3 " << t.x << " " << t.y << " " << t.z << "\n";
  }
  return s.str();
}

inline std::string plyBinary(const TriangleMesh& m, bool bigEndian) {
  std::string s = plyHeader(m, bigEndian ? "binary_big_endian" : "binary_little_endian");
  for (const auto& p : m.points) {
    appendBytes(s, static_cast<float>(p.x), bigEndian);
    appendBytes(s, static_cast<float>(p.y), bigEndian);
    appendBytes(s, static_cast<float>(p.z), bigEndian);
  }
  for (const auto& t : m.triangles) {
    appendBytes(s, static_cast<std::uint8_t>(3), bigEndian);
    for (int k = 0; k < 3; ++k) {
      appendBytes(s, static_cast<std::int32_t>(t[k]), bigEndian);
    }
  }
  return s;
}

inline void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

} // namespace sura::test
