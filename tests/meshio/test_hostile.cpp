// Hostile mesh files and atlases (issue 14): each class of damage a tester found is refused
// in one line naming the file and the field, before VTK or an allocation trusts it.
#include "meshio/load_atlas.h"
#include "meshio/mesh_limits.h"

#include "atlas/atlas_fixture.h"
#include "mesh_fixtures.h"

#include <doctest/doctest.h>

#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkSphereSource.h>
#include <vtkXMLPolyDataWriter.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using sura::AtlasError;
using sura::test::TempDir;

using sura::test::contains;

namespace {

bool oneLine(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return false;
    }
  }
  return true;
}

// The error reading `bytes` as file `name`: it must name that file and be one line.
std::string refusal(const TempDir& dir, const std::string& name, const std::string& bytes) {
  const fs::path file = dir / name;
  sura::test::writeBytes(file, bytes);
  try {
    (void)sura::readMesh(file);
  } catch (const AtlasError& e) {
    CHECK(e.file == file.string());
    CHECK(oneLine(e.what()));
    return e.message;
  }
  FAIL(name << " was accepted");
  return {};
}

enum class Layout { AppendedRaw, AppendedBase64, InlineBinary, Ascii };

std::string writtenSphere(Layout layout, int resolution = 6) {
  TempDir dir;
  vtkNew<vtkSphereSource> sphere;
  sphere->SetThetaResolution(resolution);
  sphere->SetPhiResolution(resolution);
  vtkNew<vtkXMLPolyDataWriter> writer;
  writer->SetInputConnection(sphere->GetOutputPort());
  writer->SetFileName((dir / "s.vtp").c_str());
  writer->SetCompressorTypeToZLib();
  if (layout == Layout::InlineBinary) {
    writer->SetDataModeToBinary();
  } else if (layout == Layout::Ascii) {
    writer->SetDataModeToAscii();
  } else {
    writer->SetDataModeToAppended();
    writer->SetEncodeAppendedData(layout == Layout::AppendedBase64);
  }
  REQUIRE(writer->Write() == 1);
  std::ifstream in(dir / "s.vtp", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  text.replace(at, from.size(), to);
  return text;
}

// Rewrites every attribute of the XML part as name = 'value' (valid XML, read by VTK).
std::string requoted(const std::string& vtp) {
  const std::size_t xmlEnd = vtp.find("<AppendedData");
  std::string head = vtp.substr(0, xmlEnd == std::string::npos ? vtp.size() : xmlEnd);
  std::string out;
  bool inTag = false;
  bool inValue = false;
  for (std::size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (!inTag) {
      inTag = c == '<';
      out += c;
    } else if (inValue) {
      out += c == '"' ? '\'' : c;
      inValue = c != '"';
    } else if (c == '=' && i + 1 < head.size() && head[i + 1] == '"') {
      out += " = '";
      ++i;
      inValue = true;
    } else {
      inTag = c != '>';
      out += c;
    }
  }
  return out + (xmlEnd == std::string::npos ? "" : vtp.substr(xmlEnd));
}

void putWord(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t k = 0; k < 4; ++k) {
    bytes[at + k] = static_cast<char>((value >> (8 * k)) & 0xffu);
  }
}

} // namespace

TEST_CASE("hostile VTP: attributes VTK reads are found however they are quoted or spaced") {
  TempDir dir;
  for (const Layout layout :
       {Layout::AppendedRaw, Layout::AppendedBase64, Layout::InlineBinary, Layout::Ascii}) {
    CAPTURE(static_cast<int>(layout));
    const std::string odd = requoted(writtenSphere(layout));
    REQUIRE(contains(odd, "NumberOfPolys = '"));
    sura::test::writeBytes(dir / "odd.vtp", odd);
    CHECK(sura::readMesh(dir / "odd.vtp").triangles.size() > 0);
  }
  // The damage a name="value" search missed: a block count of 2^32-1, a block size of 0
  // (VTK divides by it), both behind single quotes.
  const std::string raw = requoted(writtenSphere(Layout::AppendedRaw));
  const std::size_t data = raw.find('_', raw.find("<AppendedData")) + 1;
  std::string many = raw;
  putWord(many, data, 0xffffffffu);
  const std::string m = refusal(dir, "many.vtp", many);
  CHECK(contains(m, "compression header"));
  CHECK(contains(m, "Piece[0]."));
  std::string zero = raw;
  putWord(zero, data + 4, 0);
  CHECK(contains(refusal(dir, "zero.vtp", zero), "compression header"));
  // A compressed size beyond the bytes present.
  std::string past = raw;
  putWord(past, data + 12, 0x7fffffffu);
  CHECK(contains(refusal(dir, "past.vtp", past), "does not fit in the file"));
}

TEST_CASE("hostile VTP: not-XML, DOCTYPE and entity tricks are refused by the XML parser") {
  TempDir dir;
  const std::string good = sura::test::vtpText(sura::test::tetrahedron());
  CHECK(contains(refusal(dir, "tag.vtp", replaced(good, "<Points>", "<Points")), "XML"));
  const std::string doctype =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE VTKFile [<!ENTITY a \"aaaa\">]>\n" +
      good.substr(good.find("<VTKFile"));
  CHECK(contains(refusal(dir, "doctype.vtp", doctype), "DOCTYPE"));
  CHECK(contains(refusal(dir, "nested.vtp", std::string(100, '<')), "XML"));
}

TEST_CASE("hostile VTP: declared counts must match the data exactly") {
  TempDir dir;
  const std::string good = sura::test::vtpText(sura::test::tetrahedron());
  // NumberOfPolys smaller than the data: VTK would silently read part of the mesh.
  const std::string fewer =
      refusal(dir, "fewer.vtp", replaced(good, "NumberOfPolys=\"4\"", "NumberOfPolys=\"3\""));
  CHECK(contains(fewer, "Piece[0].Polys.offsets"));
  // Offsets that end before the connectivity does.
  const std::string shortOffsets =
      refusal(dir, "offsets.vtp", replaced(good, "3 6 9 12", "3 6 9 11"));
  CHECK(contains(shortOffsets, "last offset is 11"));
  // More points declared than given.
  CHECK(contains(
      refusal(dir, "points.vtp", replaced(good, "NumberOfPoints=\"4\"", "NumberOfPoints=\"5\"")),
      "Piece[0].Points"));
  // Counts that are not decimal numbers.
  CHECK(contains(
      refusal(dir, "hex.vtp", replaced(good, "NumberOfPoints=\"4\"", "NumberOfPoints=\"0x4\"")),
      "NumberOfPoints"));
}

TEST_CASE("hostile VTP: inline base64 with a bad character or the wrong length is refused") {
  TempDir dir;
  const std::string good = writtenSphere(Layout::InlineBinary);
  const std::size_t tag = good.find("<DataArray", good.find("<Points>"));
  const std::size_t data = good.find_first_not_of(" \n", good.find('>', tag) + 1);
  std::string bad = good;
  bad[data + 20] = '*';
  CHECK(contains(refusal(dir, "star.vtp", bad), "base64"));
  std::string cut = good;
  cut.erase(data + 20, 4);
  CHECK_FALSE(refusal(dir, "cut.vtp", cut).empty());
  std::string longer = good;
  longer.insert(data + 20, "AAAA");
  CHECK_FALSE(refusal(dir, "longer.vtp", longer).empty());
}

TEST_CASE("hostile VTP: bombs are refused from their declared sizes") {
  TempDir dir;
  // 200 blocks of 16 MiB (3.3 GB once decompressed) in a file of a few kilobytes.
  std::string bomb = "<?xml version=\"1.0\"?>\n<VTKFile type=\"PolyData\" version=\"1.0\" "
                     "byte_order=\"LittleEndian\" header_type=\"UInt32\" "
                     "compressor=\"vtkZLibDataCompressor\"><PolyData><Piece "
                     "NumberOfPoints=\"4\" NumberOfPolys=\"0\"><Points><DataArray "
                     "type=\"Float32\" NumberOfComponents=\"3\" format=\"appended\" "
                     "offset=\"0\"/></Points></Piece></PolyData><AppendedData "
                     "encoding=\"raw\">_";
  const std::size_t at = bomb.size();
  bomb.append(4 * 203 + 2000, '\0');
  putWord(bomb, at, 200);
  putWord(bomb, at + 4, 16u << 20);
  for (std::size_t b = 0; b < 200; ++b) {
    putWord(bomb, at + 12 + 4 * b, 10);
  }
  bomb += "</AppendedData></VTKFile>";
  const std::string m = refusal(dir, "bomb.vtp", bomb);
  CHECK(contains(m, "decompressed"));
  CHECK(contains(m, "limit"));
  // Counts beyond the limits.
  const std::string good = sura::test::vtpText(sura::test::tetrahedron());
  CHECK(contains(refusal(dir, "points.vtp",
                         replaced(good, "NumberOfPoints=\"4\"", "NumberOfPoints=\"3000000\"")),
                 "limit"));
  // A binary STL declaring more triangles than the limit is refused from its header.
  std::string stl(80, '\0');
  sura::test::appendBytes(stl, static_cast<std::uint32_t>(sura::kMaxMeshTriangles + 1));
  CHECK(contains(refusal(dir, "big.stl", stl), "limit"));
  // PLY counts.
  const std::string ply = sura::test::plyAscii(sura::test::tetrahedron());
  CHECK(
      contains(refusal(dir, "big.ply", replaced(ply, "element vertex 4", "element vertex 3000000")),
               "limit"));
  // A file beyond the size limit is not read at all (a sparse file: no disk used).
  const fs::path huge = dir / "huge.stl";
  sura::test::writeBytes(huge, "x");
  fs::resize_file(huge, sura::kMaxMeshFileBytes + 1);
  try {
    (void)sura::readMesh(huge);
    FAIL("accepted");
  } catch (const AtlasError& e) {
    CHECK(contains(e.message, "limit"));
  }
}

TEST_CASE("hostile OBJ: the most negative index is out of range, not undefined behaviour") {
  TempDir dir;
  const std::string v = "v 0 0 0\nv 1 0 0\nv 0 1 0\n";
  CHECK(contains(refusal(dir, "min.obj", v + "f -9223372036854775808 1 2\n"), "out of range"));
  CHECK(contains(refusal(dir, "min2.obj", v + "f 1 2 -9223372036854775807\n"), "out of range"));
}

TEST_CASE("hostile VTP: VTK's own messages arrive as one line") {
  TempDir dir;
  // Damage inside a compressed block (not its header): only zlib can tell.
  std::string bad = writtenSphere(Layout::AppendedRaw);
  const std::size_t data = bad.find('_', bad.find("<AppendedData")) + 1;
  for (std::size_t k = 0; k < 8; ++k) {
    bad[data + 16 + k] = static_cast<char>(0x55 + k);
  }
  CHECK_FALSE(refusal(dir, "zlib.vtp", bad).empty());
}

TEST_CASE("hostile atlas: one mesh named by many structures counts once per structure") {
  TempDir dir;
  // One sphere of about 8,000 triangles named by 1,000 structures is over 8 million.
  sura::test::writeBytes(dir / "s.vtp", writtenSphere(Layout::AppendedRaw, 65));
  nlohmann::json manifest = sura::test::validManifest();
  manifest["structures"] = nlohmann::json::array();
  for (int i = 0; i < 1000; ++i) {
    manifest["structures"].push_back({{"id", "s" + std::to_string(i)},
                                      {"name", "S"},
                                      {"group", "bones"},
                                      {"layer", 0},
                                      {"color", "#ffffff"},
                                      {"mesh", "s.vtp"}});
  }
  sura::test::writeManifest(dir.path(), manifest);
  try {
    (void)sura::loadAtlas(dir.path());
    FAIL("accepted");
  } catch (const AtlasError& e) {
    CHECK(e.file == (dir.path() / "atlas.json").string());
    CHECK(e.field == "structures[0].mesh");
    CHECK(contains(e.message, "limit"));
  }
}
