#include "meshio/load_atlas.h"

#include "atlas/atlas_fixture.h"
#include "mesh_fixtures.h"

#include <doctest/doctest.h>

#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkSphereSource.h>
#include <vtkXMLPolyDataWriter.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <vector>

namespace fs = std::filesystem;
using sura::AtlasError;
using sura::TriangleMesh;
using sura::test::TempDir;

using sura::test::contains;

namespace {

struct Fixture {
  const char* name;
  const char* ext;
  std::string bytes;
};

enum class VtkLayout { AppendedBase64, AppendedRaw, InlineBinary, AppendedRawUInt64SmallBlocks };

// A small sphere written by VTK's own writer, compressed, in one of its layouts.
std::string vtkWrittenSphere(VtkLayout layout, vtkIdType* triangles = nullptr) {
  TempDir dir;
  vtkNew<vtkSphereSource> sphere;
  sphere->SetThetaResolution(6);
  sphere->SetPhiResolution(5);
  sphere->Update();
  if (triangles != nullptr) {
    *triangles = sphere->GetOutput()->GetNumberOfPolys();
  }
  vtkNew<vtkXMLPolyDataWriter> writer;
  writer->SetInputConnection(sphere->GetOutputPort());
  writer->SetFileName((dir / "s.vtp").c_str());
  writer->SetCompressorTypeToZLib();
  switch (layout) {
  case VtkLayout::AppendedBase64:
    writer->SetDataModeToAppended();
    writer->EncodeAppendedDataOn();
    break;
  case VtkLayout::AppendedRaw:
    writer->SetDataModeToAppended();
    writer->EncodeAppendedDataOff();
    break;
  case VtkLayout::InlineBinary:
    writer->SetDataModeToBinary();
    break;
  case VtkLayout::AppendedRawUInt64SmallBlocks:
    writer->SetDataModeToAppended();
    writer->EncodeAppendedDataOff();
    writer->SetHeaderTypeToUInt64();
    writer->SetBlockSize(64); // several blocks per array
    break;
  }
  REQUIRE(writer->Write() == 1);
  std::ifstream in(dir / "s.vtp", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<Fixture> tetraFixtures() {
  const TriangleMesh t = sura::test::tetrahedron();
  return {
      {"vtk-written vtp (appended, base64, zlib)", ".vtp",
       vtkWrittenSphere(VtkLayout::AppendedBase64)},
      {"vtk-written vtp (appended, raw, zlib)", ".vtp", vtkWrittenSphere(VtkLayout::AppendedRaw)},
      {"vtk-written vtp (inline binary, zlib)", ".vtp", vtkWrittenSphere(VtkLayout::InlineBinary)},
      {"vtk-written vtp (raw, UInt64 headers, small blocks)", ".vtp",
       vtkWrittenSphere(VtkLayout::AppendedRawUInt64SmallBlocks)},
      {"vtp", ".vtp", sura::test::vtpText(t)},
      {"ascii stl", ".stl", sura::test::stlAscii(t)},
      {"binary stl", ".stl", sura::test::stlBinary(t)},
      {"obj", ".obj", sura::test::objText(t)},
      {"ascii ply", ".ply", sura::test::plyAscii(t)},
      {"binary ply (little endian)", ".ply", sura::test::plyBinary(t, false)},
      {"binary ply (big endian)", ".ply", sura::test::plyBinary(t, true)},
  };
}

std::optional<AtlasError> readError(const fs::path& file) {
  try {
    sura::readMesh(file);
  } catch (const AtlasError& e) {
    return e;
  }
  return std::nullopt;
}

std::string errorFor(const TempDir& dir, const std::string& name, const std::string& bytes) {
  const fs::path file = dir / name;
  sura::test::writeBytes(file, bytes);
  const auto e = readError(file);
  REQUIRE_MESSAGE(e.has_value(), name << " was accepted");
  CHECK(e->file == file.string());
  CHECK(e->field.empty());
  return e->message;
}

// Sends the process's stderr (fd 2) to a file while alive, to prove VTK printed nothing.
class StderrCapture {
public:
  explicit StderrCapture(const fs::path& file) : file_(file) {
    std::fflush(stderr);
    saved_ = dup(2);
    const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    close(fd);
  }
  ~StderrCapture() { restore(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  std::string text() {
    restore();
    std::ifstream in(file_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

private:
  void restore() {
    if (saved_ >= 0) {
      std::fflush(stderr);
      dup2(saved_, 2);
      close(saved_);
      saved_ = -1;
    }
  }
  fs::path file_;
  int saved_ = -1;
};

// SURA_FUZZ_ROUNDS raises the number of corrupted copies per format for a longer hunt.
int fuzzRounds() {
  const char* env = std::getenv("SURA_FUZZ_ROUNDS");
  return env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 400;
}

} // namespace

TEST_CASE("compressed VTP files written by VTK read in every layout") {
  TempDir dir;
  for (auto layout : {VtkLayout::AppendedBase64, VtkLayout::AppendedRaw, VtkLayout::InlineBinary,
                      VtkLayout::AppendedRawUInt64SmallBlocks}) {
    CAPTURE(static_cast<int>(layout));
    vtkIdType triangles = 0;
    sura::test::writeBytes(dir / "s.vtp", vtkWrittenSphere(layout, &triangles));
    const TriangleMesh m = sura::readMesh(dir / "s.vtp");
    CHECK(static_cast<vtkIdType>(m.triangles.size()) == triangles);
    CHECK(sura::test::signedVolume6(m) > 0);
    const sura::Aabb box = sura::bounds(m);
    CHECK(box.hi.z == doctest::Approx(0.5));
    CHECK(box.lo.z == doctest::Approx(-0.5));
  }
}

TEST_CASE("damaged compression headers in VTP are refused before VTK reads them") {
  TempDir dir;
  const std::string good = vtkWrittenSphere(VtkLayout::AppendedRaw);
  // The first array's header sits right after the '_' marker: block count, block size,
  // last block size (UInt32 little-endian by default), then one compressed size per block.
  const std::size_t data = good.find('_', good.find("<AppendedData")) + 1;
  auto patched = [&](std::size_t word, std::uint32_t value) {
    std::string bytes = good;
    for (std::size_t k = 0; k < 4; ++k) {
      bytes[data + 4 * word + k] = static_cast<char>((value >> (8 * k)) & 0xffu);
    }
    return bytes;
  };
  CHECK(contains(errorFor(dir, "zero_block.vtp", patched(1, 0)), "compression header"));
  CHECK(contains(errorFor(dir, "big_last.vtp", patched(2, 1u << 30)), "compression header"));
  CHECK(contains(errorFor(dir, "many.vtp", patched(0, 0x7fffffff)), "compression header"));
  CHECK(contains(errorFor(dir, "huge_block.vtp", patched(3, 0x7fffffff)), "compression header"));
  std::string empty = patched(0, 0);
  CHECK(contains(errorFor(dir, "empty_last.vtp", empty), "no blocks"));
}

TEST_CASE("every format reads the same tetrahedron") {
  TempDir dir;
  const TriangleMesh expected = sura::test::tetrahedron();
  const sura::Aabb expectedBox = sura::bounds(expected);
  for (const auto& f : tetraFixtures()) {
    if (std::string(f.name).rfind("vtk-written", 0) == 0) {
      continue; // spheres, checked above
    }
    CAPTURE(f.name);
    const fs::path file = dir / (std::string("tetra") + f.ext);
    sura::test::writeBytes(file, f.bytes);
    const TriangleMesh m = sura::readMesh(file);
    // STL stores every corner separately; the points are merged back to 4.
    CHECK(m.points.size() == 4);
    CHECK(m.triangles.size() == 4);
    const sura::Aabb box = sura::bounds(m);
    CHECK(box.lo == expectedBox.lo);
    CHECK(box.hi == expectedBox.hi);
    CHECK(sura::test::signedVolume6(m) == doctest::Approx(sura::test::signedVolume6(expected)));
    for (const auto& t : m.triangles) {
      for (int k = 0; k < 3; ++k) {
        CHECK(t[k] < m.points.size());
      }
    }
  }
}

TEST_CASE("extensions are case-insensitive and unknown ones are refused") {
  TempDir dir;
  sura::test::writeBytes(dir / "tetra.OBJ", sura::test::objText(sura::test::tetrahedron()));
  CHECK(sura::readMesh(dir / "tetra.OBJ").triangles.size() == 4);
  CHECK(contains(errorFor(dir, "tetra.off", "OFF\n"), "unsupported mesh format '.off'"));
  CHECK(contains(errorFor(dir, "tetra", "v 0 0 0\n"), "unsupported mesh format"));
}

TEST_CASE("polygons are triangulated, lines and vertices dropped, unused points removed") {
  TempDir dir;
  // A unit cube of quads, plus a line, a point element and an unused vertex.
  const std::string obj = "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\n"
                          "v 0 0 1\nv 1 0 1\nv 1 1 1\nv 0 1 1\nv 5 5 5\n"
                          "f 1 4 3 2\nf 5 6 7 8\nf 1 2 6 5\nf 2 3 7 6\nf 3 4 8 7\nf 4 1 5 8\n"
                          "l 1 7\np 9\n";
  sura::test::writeBytes(dir / "cube.obj", obj);
  const TriangleMesh m = sura::readMesh(dir / "cube.obj");
  CHECK(m.triangles.size() == 12);
  CHECK(m.points.size() == 8);
  CHECK(sura::bounds(m).hi == glm::dvec3(1, 1, 1));
  CHECK(sura::test::signedVolume6(m) == doctest::Approx(6.0));
}

TEST_CASE("triangles that collapse when equal points merge are dropped") {
  TempDir dir;
  // Point 4 duplicates point 1, so the last face is degenerate.
  sura::test::writeBytes(dir / "d.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 0 0\n"
                                        "f 1 2 3\nf 1 2 4\n");
  const TriangleMesh m = sura::readMesh(dir / "d.obj");
  CHECK(m.points.size() == 3);
  CHECK(m.triangles.size() == 1);
}

TEST_CASE("empty and unreadable files") {
  TempDir dir;
  for (const char* ext : {".vtp", ".stl", ".obj", ".ply"}) {
    CAPTURE(ext);
    CHECK(contains(errorFor(dir, std::string("empty") + ext, ""), "empty"));
  }
  CHECK(contains(readError(dir / "missing.obj")->message, "not found"));
  fs::create_directory(dir / "folder.obj");
  CHECK(contains(readError(dir / "folder.obj")->message, "not a regular file"));

  sura::test::writeBytes(dir / "locked.obj", sura::test::objText(sura::test::tetrahedron()));
  fs::permissions(dir / "locked.obj", fs::perms::none);
  if (std::ifstream(dir / "locked.obj").good()) {
    MESSAGE("running with rights that ignore file permissions; unreadable-file check skipped");
  } else {
    CHECK(contains(readError(dir / "locked.obj")->message, "cannot open"));
  }
}

TEST_CASE("meshes without triangles are refused") {
  TempDir dir;
  CHECK(contains(errorFor(dir, "points.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n"), "no triangles"));
  CHECK(contains(errorFor(dir, "lines.obj", "v 0 0 0\nv 1 0 0\nl 1 2\n"), "no triangles"));
  CHECK(
      contains(errorFor(dir, "flat.obj", "v 0 0 0\nv 1 0 0\nv 1 0 0\nf 1 2 3\n"), "no triangles"));
  TriangleMesh none = sura::test::tetrahedron();
  none.triangles.clear();
  CHECK(contains(errorFor(dir, "none.vtp", sura::test::vtpText(none)), "no triangles"));
  CHECK(contains(errorFor(dir, "none.ply", sura::test::plyAscii(none)), "no triangles"));
  CHECK(contains(errorFor(dir, "none.stl", sura::test::stlBinary(none)), "no triangles"));
  CHECK(contains(errorFor(dir, "none_ascii.stl", "solid x\nendsolid x\n"), "no triangles"));
}

TEST_CASE("non-finite coordinates are refused in every format") {
  TempDir dir;
  TriangleMesh bad = sura::test::tetrahedron();
  bad.points[2].y = std::numeric_limits<double>::quiet_NaN();
  CHECK(contains(errorFor(dir, "nan.stl", sura::test::stlBinary(bad)), "non-finite"));
  CHECK(contains(errorFor(dir, "nan.ply", sura::test::plyBinary(bad, false)), "non-finite"));
  bad.points[2].y = std::numeric_limits<double>::infinity();
  CHECK(contains(errorFor(dir, "inf.stl", sura::test::stlBinary(bad)), "non-finite"));
  CHECK(contains(errorFor(dir, "inf.ply", sura::test::plyBinary(bad, true)), "non-finite"));
  // Text formats: values too large for VTK's float storage become infinite.
  CHECK(
      contains(errorFor(dir, "big.obj", "v 0 0 0\nv 1e300 0 0\nv 0 1 0\nf 1 2 3\n"), "non-finite"));
  CHECK(contains(errorFor(dir, "nan.obj", "v 0 0 0\nv nan 0 0\nv 0 1 0\nf 1 2 3\n"), "non-finite"));
  CHECK(
      contains(errorFor(dir, "inf.obj", "v 0 0 0\nv 0 -inf 0\nv 0 1 0\nf 1 2 3\n"), "non-finite"));
  CHECK(contains(errorFor(dir, "big.ply",
                          "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
                          "property float y\nproperty float z\nelement face 1\n"
                          "property list uchar int vertex_indices\nend_header\n"
                          "0 0 0\n1e300 0 0\n0 1 0\n3 0 1 2\n"),
                 "non-finite"));
  CHECK(contains(errorFor(dir, "big.stl",
                          "solid s\nfacet normal 0 0 0\nouter loop\nvertex 0 0 0\n"
                          "vertex 1e300 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid s\n"),
                 "non-finite"));
  std::string vtp = sura::test::vtpText(sura::test::tetrahedron());
  vtp.replace(vtp.find("14 20 30"), 8, "14 nan 30");
  CHECK(contains(errorFor(dir, "nan.vtp", vtp), "non-finite"));
}

TEST_CASE("damaged STL") {
  TempDir dir;
  const std::string good = sura::test::stlBinary(sura::test::tetrahedron());
  CHECK(contains(errorFor(dir, "short.stl", good.substr(0, 60)), "84-byte header"));
  CHECK(contains(errorFor(dir, "cut.stl", good.substr(0, good.size() - 7)), "84 + 50 x 4"));
  CHECK(contains(errorFor(dir, "long.stl", good + "xx"), "84 + 50 x 4"));
  std::string lies = good;
  lies[80] = 9; // declares 9 triangles, holds 4
  CHECK(contains(errorFor(dir, "lies.stl", lies), "declares 9 triangles"));
  const std::string ascii = sura::test::stlAscii(sura::test::tetrahedron());
  CHECK(
      contains(errorFor(dir, "cut_ascii.stl", ascii.substr(0, ascii.size() / 2)), "Premature EOF"));
  CHECK(contains(errorFor(dir, "word.stl",
                          "solid x\nfacet normal 0 0 0\nouter loop\n"
                          "vertex a b c\n"),
                 "STL vertex"));
}

TEST_CASE("damaged PLY") {
  TempDir dir;
  const TriangleMesh t = sura::test::tetrahedron();
  const std::string header = sura::test::plyHeader(t, "ascii");
  const std::string body = "10 20 30\n14 20 30\n10 25 30\n10 20 36\n";
  CHECK(contains(errorFor(dir, "magic.ply", "plx\n" + header.substr(4) + body), "not a PLY"));
  CHECK(contains(errorFor(dir, "noend.ply", header.substr(0, header.find("end_header"))),
                 "end_header"));
  CHECK(contains(errorFor(dir, "index.ply", header + body + "3 0 1 2\n3 0 1 3\n3 0 3 2\n3 1 2 4\n"),
                 "out of range"));
  CHECK(contains(
      errorFor(dir, "negative.ply", header + body + "3 0 1 2\n3 0 1 3\n3 0 3 2\n3 1 2 -1\n"),
      "out of range"));
  CHECK(contains(errorFor(dir, "count.ply", header + body + "3 0 1 2\n3 0 1 3\n3 0 3 2\n2 1 2\n"),
                 "expected 3..255"));
  CHECK(contains(errorFor(dir, "short_face.ply", header + body + "3 0 1 2\n3 0 1 3\n3 0 3\n"),
                 "too few values"));
  CHECK(contains(errorFor(dir, "missing_faces.ply", header + body + "3 0 1 2\n"), "truncated"));
  CHECK(
      contains(errorFor(dir, "blank.ply", header + body + "\n3 0 1 2\n3 0 1 3\n3 0 3 2\n3 1 2 3\n"),
               "empty line"));
  CHECK(contains(errorFor(dir, "word.ply", header + "10 20 x\n"), "not a number"));
  const std::string ascii = sura::test::plyAscii(t);
  CHECK(contains(errorFor(dir, "no_newline.ply", ascii.substr(0, ascii.size() - 1)), "newline"));

  const std::string binary = sura::test::plyBinary(t, false);
  CHECK(contains(errorFor(dir, "cut.ply", binary.substr(0, binary.size() - 3)), "truncated"));
  const std::size_t data = binary.find("end_header\n") + 11;
  CHECK(contains(errorFor(dir, "cut_vertices.ply", binary.substr(0, data + 20)), "vertex data"));
  std::string badIndex = binary;
  badIndex[badIndex.size() - 4] = 100; // last index of the last face, little endian low byte
  CHECK(contains(errorFor(dir, "bad_index.ply", badIndex), "refers to vertex 100"));
  std::string bigList = binary;
  bigList[data + 4 * 12] = static_cast<char>(200); // first face says 200 vertices
  CHECK_FALSE(errorFor(dir, "big_list.ply", bigList).empty());

  // Layouts VTK's reader would misread.
  std::string faceFirst = "ply\nformat ascii 1.0\nelement face 0\n"
                          "property list uchar int vertex_indices\nelement vertex 0\n"
                          "property float x\nproperty float y\nproperty float z\nend_header\n";
  CHECK(contains(errorFor(dir, "face_first.ply", faceFirst), "first element must be 'vertex'"));
  std::string noZ = header;
  noZ.replace(noZ.find("property float z\n"), 17, "");
  CHECK(contains(errorFor(dir, "no_z.ply", noZ + body), "no property 'z'"));
  std::string wrongName = header;
  wrongName.replace(wrongName.find("vertex_indices"), 14, "corners");
  CHECK(contains(errorFor(dir, "name.ply", wrongName + body), "'corners' is not supported"));
  std::string badType = header;
  badType.replace(badType.find("property float x"), 16, "property real x");
  CHECK(contains(errorFor(dir, "type.ply", badType + body), "unknown type 'real'"));
  CHECK(
      contains(errorFor(dir, "orphan.ply", "ply\nformat ascii 1.0\nproperty float x\nend_header\n"),
               "property before any element"));

  // vertex_index is the other common spelling and is read.
  std::string alt = sura::test::plyAscii(t);
  alt.replace(alt.find("vertex_indices"), 14, "vertex_index");
  sura::test::writeBytes(dir / "alt.ply", alt);
  CHECK(sura::readMesh(dir / "alt.ply").triangles.size() == 4);
}

TEST_CASE("damaged OBJ") {
  TempDir dir;
  const std::string v = "v 0 0 0\nv 1 0 0\nv 0 1 0\n";
  CHECK(contains(errorFor(dir, "index.obj", v + "f 1 2 4\n"), "vertex index 4 out of range"));
  CHECK(contains(errorFor(dir, "zero.obj", v + "f 0 1 2\n"), "out of range"));
  CHECK(contains(errorFor(dir, "relative.obj", v + "f -1 -2 -4\n"), "out of range"));
  CHECK(contains(errorFor(dir, "tex.obj", v + "vt 0 0\nf 1/1 2/2 3/1\n"), "texture index 2"));
  CHECK(
      contains(errorFor(dir, "normal.obj", v + "vn 0 0 1\nf 1//1 2//1 3//2\n"), "normal index 2"));
  CHECK(contains(errorFor(dir, "word.obj", v + "f 1 2 x\n"), "bad vertex reference 'x'"));
  CHECK(contains(errorFor(dir, "slash.obj", v + "f 1/ 2 3\n"), "bad vertex reference"));
  CHECK(contains(errorFor(dir, "two.obj", v + "f 1 2\n"), "at least 3"));
  CHECK(contains(errorFor(dir, "vertex.obj", "v 0 0\n"), "three numbers"));
  CHECK(contains(errorFor(dir, "mtl.obj", v + "usemtl " + std::string(150, 'm') + "\nf 1 2 3\n"),
                 "usemtl"));
  CHECK(contains(errorFor(dir, "cont.obj", v + "f 1 2 \\\n3\n"), "continuation"));
  CHECK(contains(errorFor(dir, "binary.obj", std::string("v 0 0 0\n\0\x01\x02", 11)), "NUL"));
  CHECK(contains(errorFor(dir, "long.obj", "# " + std::string(300000, 'x') + "\n"), "too long"));

  // Relative indices, texture and normal references that are in range are read.
  sura::test::writeBytes(dir / "ok.obj", v + "vt 0 0\nvt 1 0\nvn 0 0 1\nf -3/1/1 -2/2/1 -1/1/1\n");
  CHECK(sura::readMesh(dir / "ok.obj").triangles.size() == 1);
}

TEST_CASE("damaged VTP") {
  TempDir dir;
  const std::string good = sura::test::vtpText(sura::test::tetrahedron());
  std::string ids = good;
  ids.replace(ids.find("1 2 3\n</DataArray>"), 5, "1 2 7");
  CHECK(contains(errorFor(dir, "ids.vtp", ids), "refers to point 7"));
  std::string offsets = good;
  offsets.replace(offsets.find("3 6 9 12"), 8, "3 9 6 12");
  CHECK_FALSE(errorFor(dir, "offsets.vtp", offsets).empty());
  CHECK_FALSE(errorFor(dir, "cut.vtp", good.substr(0, good.size() / 2)).empty());
  CHECK_FALSE(errorFor(dir, "garbage.vtp", "this is not XML at all").empty());
  std::string grid = good;
  for (auto at = grid.find("PolyData"); at != std::string::npos; at = grid.find("PolyData")) {
    grid.replace(at, 8, "ImageData");
  }
  CHECK_FALSE(errorFor(dir, "grid.vtp", grid).empty());
}

TEST_CASE("truncated and corrupted files never crash and VTK prints nothing") {
  TempDir dir;
  StderrCapture quiet(dir / "stderr.txt");
  std::mt19937 random(static_cast<unsigned>(fuzzRounds()));
  int read = 0;
  int refused = 0;
  auto attempt = [&](const Fixture& f, const std::string& bytes) {
    const fs::path file = dir / (std::string("fuzz") + f.ext);
    sura::test::writeBytes(file, bytes);
    try {
      const TriangleMesh m = sura::readMesh(file);
      for (const auto& t : m.triangles) {
        for (int k = 0; k < 3; ++k) {
          REQUIRE(t[k] < m.points.size());
        }
      }
      ++read;
    } catch (const AtlasError& e) {
      CHECK(e.file == file.string());
      CHECK_FALSE(e.message.empty());
      ++refused;
    }
  };
  for (const auto& f : tetraFixtures()) {
    CAPTURE(f.name);
    for (std::size_t n = 0; n < f.bytes.size(); ++n) {
      attempt(f, f.bytes.substr(0, n));
    }
    for (int round = 0; round < fuzzRounds(); ++round) {
      std::string bytes = f.bytes;
      const int changes = 1 + static_cast<int>(random() % 4);
      for (int c = 0; c < changes; ++c) {
        bytes[random() % bytes.size()] = static_cast<char>(random() % 256);
      }
      attempt(f, bytes);
    }
    std::string noise(f.bytes.size(), '\0');
    for (char& c : noise) {
      c = static_cast<char>(random() % 256);
    }
    attempt(f, noise);
  }
  const std::string printed = quiet.text();
  CHECK_MESSAGE(printed.empty(), "VTK printed: " << printed.substr(0, 500));
  // Both outcomes happened, so the loop exercised the readers and the checks.
  CHECK(read > 0);
  CHECK(refused > 0);
}
