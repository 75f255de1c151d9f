#include "meshio/mesh_precheck.h"

#include "meshio/mesh_limits.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace sura::precheck {

namespace {

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
    }
    const std::size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
    }
    if (i > start) {
      out.push_back(line.substr(start, i - start));
    }
  }
  return out;
}

bool parseInteger(std::string_view word, long long& value) {
  if (word.empty() || word.size() > 30) {
    return false;
  }
  const std::string s(word);
  errno = 0;
  char* end = nullptr;
  value = std::strtoll(s.c_str(), &end, 10);
  return errno == 0 && end == s.c_str() + s.size();
}

bool parseNumber(std::string_view word) {
  if (word.empty() || word.size() > 64) {
    return false;
  }
  const std::string s(word);
  char* end = nullptr;
  (void)std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// vtkPLY splits lines at spaces only, after turning tabs and carriage returns into spaces;
// any other byte (form feed, vertical tab...) is part of a word.
std::vector<std::string_view> plyWords(std::string_view line) {
  std::vector<std::string_view> out;
  auto separator = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && separator(line[i])) {
      ++i;
    }
    const std::size_t start = i;
    while (i < line.size() && !separator(line[i])) {
      ++i;
    }
    if (i > start) {
      out.push_back(line.substr(start, i - start));
    }
  }
  return out;
}

// A finite number that survives conversion to float.
bool isFloat(std::string_view word) {
  const std::string s(word);
  const double d = std::strtod(s.c_str(), nullptr);
  return std::isfinite(d) && std::fabs(d) <= static_cast<double>(std::numeric_limits<float>::max());
}

// Splits text into lines at '\n' as fgets/getline do; the final line may lack a newline.
std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string at(std::size_t lineIndex) {
  return "line " + std::to_string(lineIndex + 1) + ": ";
}

// ---- PLY -------------------------------------------------------------------------------

struct PlyType {
  int size = 0; // bytes; 0 = unknown type name
  bool integer = false;
  bool isSigned = false;
};

PlyType plyType(std::string_view name) {
  // Each PLY scalar type has an old name and a sized one.
  struct Named {
    std::string_view name, sizedName;
    PlyType type;
  };
  static constexpr Named kTypes[] = {
      {"char", "int8", {1, true, true}},      {"uchar", "uint8", {1, true, false}},
      {"short", "int16", {2, true, true}},    {"ushort", "uint16", {2, true, false}},
      {"int", "int32", {4, true, true}},      {"uint", "uint32", {4, true, false}},
      {"float", "float32", {4, false, true}}, {"double", "float64", {8, false, true}}};
  for (const Named& t : kTypes) {
    if (name == t.name || name == t.sizedName) {
      return t.type;
    }
  }
  return {};
}

struct PlyProperty {
  std::string name;
  bool list = false;
  PlyType count; // list length type
  PlyType type;  // value type
};

struct PlyElement {
  std::string name;
  long long count = 0;
  std::vector<PlyProperty> props;
};

// VTK's vtkPLY reads lines into a 4096-byte buffer.
constexpr std::size_t kPlyMaxLine = 4000;
// VTK stores a face's vertex count in an unsigned char.
constexpr long long kPlyMaxFaceVertices = 255;

class BinaryCursor {
public:
  BinaryCursor(std::string_view data, bool bigEndian) : data_(data), bigEndian_(bigEndian) {}
  bool has(std::size_t n) const { return data_.size() - pos_ >= n; }
  void skip(std::size_t n) { pos_ += n; }
  long long integer(const PlyType& t) {
    std::uint64_t u = 0;
    for (int i = 0; i < t.size; ++i) {
      const int byte = bigEndian_ ? i : t.size - 1 - i;
      u = (u << 8) | static_cast<unsigned char>(data_[pos_ + static_cast<std::size_t>(byte)]);
    }
    pos_ += static_cast<std::size_t>(t.size);
    if (t.isSigned) {
      const int bits = t.size * 8;
      if (bits < 64 && (u >> (bits - 1)) != 0) {
        return static_cast<long long>(u) - (1LL << bits);
      }
    }
    return static_cast<long long>(u);
  }

private:
  std::string_view data_;
  std::size_t pos_ = 0;
  bool bigEndian_;
};

std::string checkFaceList(long long n, const PlyProperty& p) {
  if (p.name == "vertex_indices" && (n < 3 || n > kPlyMaxFaceVertices)) {
    return "a face has " + std::to_string(n) + " vertices (expected 3.." +
           std::to_string(kPlyMaxFaceVertices) + ")";
  }
  return {};
}

std::string plyBinaryData(std::string_view data, bool bigEndian, const PlyElement& vertex,
                          const PlyElement* face) {
  BinaryCursor cur(data, bigEndian);
  std::size_t rowBytes = 0;
  for (const auto& p : vertex.props) {
    rowBytes += static_cast<std::size_t>(p.type.size);
  }
  const auto count = static_cast<std::size_t>(vertex.count);
  if (rowBytes > 0 && count > data.size() / rowBytes) {
    return "truncated: the file ends inside the vertex data";
  }
  cur.skip(rowBytes * count);
  if (face == nullptr) {
    return {};
  }
  for (long long f = 0; f < face->count; ++f) {
    for (const auto& p : face->props) {
      if (!p.list) {
        if (!cur.has(static_cast<std::size_t>(p.type.size))) {
          return "truncated: the file ends inside face " + std::to_string(f);
        }
        cur.skip(static_cast<std::size_t>(p.type.size));
        continue;
      }
      if (!cur.has(static_cast<std::size_t>(p.count.size))) {
        return "truncated: the file ends inside face " + std::to_string(f);
      }
      const long long n = cur.integer(p.count);
      if (std::string e = checkFaceList(n, p); !e.empty()) {
        return "face " + std::to_string(f) + ": " + e;
      }
      if (!cur.has(static_cast<std::size_t>(n) * static_cast<std::size_t>(p.type.size))) {
        return "truncated: the file ends inside face " + std::to_string(f);
      }
      for (long long k = 0; k < n; ++k) {
        const long long index = cur.integer(p.type);
        if (index < 0 || index >= vertex.count) {
          return "face " + std::to_string(f) + " refers to vertex " + std::to_string(index) +
                 " but there are " + std::to_string(vertex.count);
        }
      }
    }
  }
  return {};
}

std::string plyAsciiData(std::string_view data, const PlyElement& vertex, const PlyElement* face,
                         std::size_t firstLine) {
  const auto rows = lines(data);
  std::size_t row = 0;
  auto nextRow = [&](std::vector<std::string_view>& w, std::string& error) {
    if (row >= rows.size()) {
      error = "truncated: expected more data lines";
      return false;
    }
    if (rows[row].size() > kPlyMaxLine) {
      error = at(firstLine + row) + "line too long";
      return false;
    }
    // vtkPLY stops at a line without its newline as if the file had ended.
    if (rows[row].data() + rows[row].size() == data.data() + data.size()) {
      error = at(firstLine + row) + "truncated: the last line has no newline";
      return false;
    }
    w = plyWords(rows[row]);
    ++row;
    if (w.empty()) {
      error = at(firstLine + row - 1) + "empty line inside the data";
      return false;
    }
    return true;
  };
  std::vector<std::string_view> w;
  std::string error;
  for (long long v = 0; v < vertex.count; ++v) {
    if (!nextRow(w, error)) {
      return error;
    }
    if (w.size() != vertex.props.size()) {
      return at(firstLine + row - 1) + "vertex has " + std::to_string(w.size()) +
             " values, the header declares " + std::to_string(vertex.props.size());
    }
    for (const auto& word : w) {
      if (!parseNumber(word)) {
        return at(firstLine + row - 1) + "'" + std::string(word) + "' is not a number";
      }
    }
  }
  if (face == nullptr) {
    return {};
  }
  for (long long f = 0; f < face->count; ++f) {
    if (!nextRow(w, error)) {
      return error;
    }
    const std::string where = at(firstLine + row - 1);
    std::size_t k = 0;
    for (const auto& p : face->props) {
      if (k >= w.size()) {
        return where + "face has too few values";
      }
      if (!p.list) {
        if (!parseNumber(w[k++])) {
          return where + "'" + std::string(w[k - 1]) + "' is not a number";
        }
        continue;
      }
      long long n = 0;
      if (!parseInteger(w[k++], n)) {
        return where + "bad list length '" + std::string(w[k - 1]) + "'";
      }
      if (std::string e = checkFaceList(n, p); !e.empty()) {
        return where + e;
      }
      if (n < 0 || static_cast<std::size_t>(n) > w.size() - k) {
        return where + "face has too few values";
      }
      for (long long i = 0; i < n; ++i) {
        long long index = 0;
        if (!parseInteger(w[k++], index)) {
          return where + "bad vertex index '" + std::string(w[k - 1]) + "'";
        }
        if (index < 0 || index >= vertex.count) {
          return where + "vertex index " + std::to_string(index) + " out of range (there are " +
                 std::to_string(vertex.count) + " vertices)";
        }
      }
    }
    if (k != w.size()) {
      return where + "face has more values than the header declares";
    }
  }
  return {};
}

} // namespace

std::string ply(const std::string& bytes) {
  const std::string_view text(bytes);
  std::size_t pos = 0;
  std::size_t lineNo = 0;
  auto headerLine = [&](std::string_view& line) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      return false;
    }
    line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineNo;
    // vtkPLY handles lines as C strings: a NUL byte would silently cut the line short.
    return line.find('\0') == std::string_view::npos;
  };

  std::string_view line;
  if (!headerLine(line) || plyWords(line).size() != 1 || plyWords(line)[0] != "ply") {
    // (also reached for a NUL byte in the first line)
    return "not a PLY file (the first line must be 'ply')";
  }
  enum { None, Ascii, BinaryLE, BinaryBE } format = None;
  std::vector<PlyElement> elements;
  bool ended = false;
  while (!ended) {
    if (!headerLine(line)) {
      return line.find('\0') == std::string_view::npos ? "truncated header (no 'end_header')"
                                                       : at(lineNo - 1) + "NUL byte in the header";
    }
    const std::string where = at(lineNo - 1);
    if (line.size() > kPlyMaxLine) {
      return where + "header line too long";
    }
    const auto w = plyWords(line);
    if (w.empty()) {
      return where + "empty header line";
    }
    if (w[0] == "comment" || w[0] == "obj_info") {
      continue;
    }
    if (w[0] == "end_header") {
      ended = true;
    } else if (w[0] == "format") {
      if (format != None || w.size() != 3 || !parseNumber(w[2])) {
        return where + "expected one 'format <ascii|binary_little_endian|binary_big_endian> 1.0'";
      }
      if (w[1] == "ascii") {
        format = Ascii;
      } else if (w[1] == "binary_little_endian") {
        format = BinaryLE;
      } else if (w[1] == "binary_big_endian") {
        format = BinaryBE;
      } else {
        return where + "unknown format '" + std::string(w[1]) + "'";
      }
    } else if (w[0] == "element") {
      long long count = 0;
      if (w.size() != 3 || !parseInteger(w[2], count) || count < 0 ||
          count > std::numeric_limits<int>::max()) {
        return where + "expected 'element <name> <count>'";
      }
      elements.push_back({std::string(w[1]), count, {}});
    } else if (w[0] == "property") {
      if (elements.empty()) {
        return where + "property before any element";
      }
      PlyProperty p;
      if (w.size() == 5 && w[1] == "list") {
        p.list = true;
        p.count = plyType(w[2]);
        p.type = plyType(w[3]);
        p.name = std::string(w[4]);
        if (!p.count.integer || !p.type.integer) {
          return where + "list property '" + p.name + "' must have integer types";
        }
      } else if (w.size() == 3) {
        p.type = plyType(w[1]);
        p.name = std::string(w[2]);
        if (p.type.size == 0) {
          return where + "unknown type '" + std::string(w[1]) + "'";
        }
      } else {
        return where + "expected 'property <type> <name>' or 'property list <type> <type> <name>'";
      }
      // vtkPLY renames vertex_index to vertex_indices as it reads.
      if (p.name == "vertex_index") {
        p.name = "vertex_indices";
      }
      elements.back().props.push_back(p);
    } else {
      return where + "unknown header keyword '" + std::string(w[0]) + "'";
    }
  }
  if (format == None) {
    return "header has no 'format' line";
  }
  // vtkPLYReader reads the vertices before the faces and skips the data of any other
  // element, so only this layout is read correctly.
  if (elements.empty() || elements[0].name != "vertex") {
    return "the first element must be 'vertex'";
  }
  if (static_cast<std::uint64_t>(elements[0].count) > kMaxMeshPoints) {
    return "element vertex: " + std::to_string(elements[0].count) +
           " vertices, more than the limit of " + std::to_string(kMaxMeshPoints);
  }
  if (elements.size() == 2 && static_cast<std::uint64_t>(elements[1].count) > kMaxMeshTriangles) {
    return "element face: " + std::to_string(elements[1].count) +
           " faces, more than the limit of " + std::to_string(kMaxMeshTriangles);
  }
  if (elements.size() > 2 || (elements.size() == 2 && elements[1].name != "face")) {
    return "only the elements 'vertex' and then 'face' are supported";
  }
  const PlyElement& vertex = elements[0];
  for (const char* axis : {"x", "y", "z"}) {
    bool found = false;
    for (const auto& p : vertex.props) {
      found = found || p.name == axis;
    }
    if (!found) {
      return std::string("vertex has no property '") + axis + "'";
    }
  }
  for (const auto& p : vertex.props) {
    if (p.list) {
      return "vertex property '" + p.name + "' is a list (not supported)";
    }
  }
  const PlyElement* face = elements.size() == 2 ? &elements[1] : nullptr;
  if (face != nullptr) {
    bool found = false;
    for (const auto& p : face->props) {
      if (p.list && p.name != "vertex_indices") {
        return "face list property '" + p.name + "' is not supported";
      }
      if (!p.list && p.name == "vertex_indices") {
        return "face property 'vertex_indices' must be a list";
      }
      found = found || p.name == "vertex_indices";
    }
    if (!found) {
      return "face has no list property 'vertex_indices'";
    }
  }
  const std::string_view data = text.substr(pos);
  if (format == Ascii && data.find('\0') != std::string_view::npos) {
    return "NUL byte in ASCII data";
  }
  return format == Ascii ? plyAsciiData(data, vertex, face, lineNo)
                         : plyBinaryData(data, format == BinaryBE, vertex, face);
}

// ---- STL -------------------------------------------------------------------------------

std::string stl(const std::string& bytes, bool vtkSeesText) {
  if (vtkSeesText) {
    // Each facet has three "vertex" lines (VTK reads keywords in either case).
    std::uint64_t vertices = 0;
    for (std::size_t i = 0; i + 6 <= bytes.size(); ++i) {
      if ((bytes[i] | 0x20) == 'v') {
        std::size_t k = 1;
        while (k < 6 && (bytes[i + k] | 0x20) == "vertex"[k]) {
          ++k;
        }
        vertices += k == 6 ? 1 : 0;
      }
    }
    if (vertices / 3 > kMaxMeshTriangles) {
      return "ASCII STL with " + std::to_string(vertices / 3) + " facets, more than the limit of " +
             std::to_string(kMaxMeshTriangles);
    }
    return {};
  }
  if (bytes.size() < 84) {
    return "binary STL shorter than its 84-byte header";
  }
  std::uint64_t n = 0;
  for (int i = 3; i >= 0; --i) {
    n = (n << 8) | static_cast<unsigned char>(bytes[80 + static_cast<std::size_t>(i)]);
  }
  if (n > kMaxMeshTriangles) {
    return "binary STL declares " + std::to_string(n) + " triangles, more than the limit of " +
           std::to_string(kMaxMeshTriangles);
  }
  const std::uint64_t expected = 84 + 50 * n;
  if (bytes.size() != expected) {
    return "binary STL of " + std::to_string(bytes.size()) + " bytes declares " +
           std::to_string(n) + " triangles, which needs 84 + 50 x " + std::to_string(n) + " = " +
           std::to_string(expected) + " bytes";
  }
  return {};
}

// ---- OBJ -------------------------------------------------------------------------------

namespace {

// vtkOBJReader reads lines with fgets into 256 KiB and material names into 100 bytes.
constexpr std::size_t kObjMaxLine = 200000;
constexpr std::size_t kObjMaxName = 99;

struct ObjIndex {
  long long v = 0, t = 0, n = 0;
  bool hasT = false, hasN = false;
};

// Accepts exactly "v", "v/t", "v/t/n" and "v//n", the forms vtkOBJReader understands; any
// other spelling could make its sscanf sequence read across tokens.
bool parseObjIndex(std::string_view word, ObjIndex& out) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = word.find('/', start);
    parts.push_back(word.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  if (parts.size() > 3 || !parseInteger(parts[0], out.v)) {
    return false;
  }
  if (parts.size() >= 2 && !parts[1].empty()) {
    if (!parseInteger(parts[1], out.t)) {
      return false;
    }
    out.hasT = true;
  }
  if (parts.size() == 2 && !out.hasT) {
    return false;
  }
  if (parts.size() == 3) {
    if (!parseInteger(parts[2], out.n)) {
      return false;
    }
    out.hasN = true;
  }
  return true;
}

// OBJ indices are 1-based, or negative = relative to the elements read so far. (Compared
// as index >= -soFar: negating the index would overflow for the most negative one.)
bool inRange(long long index, long long soFar, long long total) {
  if (index > 0) {
    return index <= total;
  }
  return index < 0 && index >= -soFar;
}

} // namespace

std::string obj(const std::string& bytes) {
  if (bytes.find('\0') != std::string::npos) {
    return "not a text file (contains NUL bytes)";
  }
  const auto rows = lines(bytes);
  long long totalV = 0, totalT = 0, totalN = 0;
  for (const auto& row : rows) {
    const auto w = words(row);
    if (!w.empty()) {
      totalV += w[0] == "v" ? 1 : 0;
      totalT += w[0] == "vt" ? 1 : 0;
      totalN += w[0] == "vn" ? 1 : 0;
    }
  }
  for (const auto& [count, what] : {std::pair<long long, const char*>{totalV, "'v' vertices"},
                                    {totalT, "'vt' texture coordinates"},
                                    {totalN, "'vn' normals"}}) {
    if (static_cast<std::uint64_t>(count) > kMaxMeshPoints) {
      return std::to_string(count) + " " + what + ", more than the limit of " +
             std::to_string(kMaxMeshPoints);
    }
  }
  std::uint64_t references = 0;
  long long v = 0, t = 0, n = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string where = at(r);
    if (rows[r].size() > kObjMaxLine) {
      return where + "line too long";
    }
    const auto w = words(rows[r]);
    if (w.empty() || w[0][0] == '#') {
      continue;
    }
    const std::string_view cmd = w[0];
    if (!w.empty() && w.back() == "\\") {
      return where + "line continuations ('\\') are not supported";
    }
    if (cmd == "v" || cmd == "vn") {
      if (w.size() < 4 || !parseNumber(w[1]) || !parseNumber(w[2]) || !parseNumber(w[3])) {
        return where + "'" + std::string(cmd) + "' needs three numbers";
      }
      // vtkOBJReader reads coordinates as float through a stream, which turns NaN into 0
      // and clamps huge values without a word; refuse them here instead.
      if (cmd == "v" && !(isFloat(w[1]) && isFloat(w[2]) && isFloat(w[3]))) {
        return where + "non-finite coordinate (or beyond the float range)";
      }
      (cmd == "v" ? v : n) += 1;
    } else if (cmd == "vt") {
      ++t;
    } else if (cmd == "usemtl") {
      if (w.size() < 2 || w[1].size() > kObjMaxName) {
        return where + "'usemtl' needs a name of at most 99 characters";
      }
    } else if (cmd == "f" || cmd == "l" || cmd == "p") {
      const std::size_t minimum = cmd == "f" ? 3 : cmd == "l" ? 2 : 1;
      if (w.size() - 1 < minimum) {
        return where + "'" + std::string(cmd) + "' needs at least " + std::to_string(minimum) +
               " vertices";
      }
      references += w.size() - 1;
      if (references > 3 * kMaxMeshTriangles) {
        return where + "more than " + std::to_string(3 * kMaxMeshTriangles) +
               " vertex references in faces, lines and points (the limit is " +
               std::to_string(kMaxMeshTriangles) + " triangles)";
      }
      for (std::size_t k = 1; k < w.size(); ++k) {
        ObjIndex idx;
        if (!parseObjIndex(w[k], idx) || (cmd == "p" && (idx.hasT || idx.hasN)) ||
            (cmd == "l" && idx.hasN)) {
          return where + "bad vertex reference '" + std::string(w[k]) + "'";
        }
        if (!inRange(idx.v, v, totalV)) {
          return where + "vertex index " + std::to_string(idx.v) + " out of range (" +
                 std::to_string(totalV) + " vertices)";
        }
        if (idx.hasT && !inRange(idx.t, t, totalT)) {
          return where + "texture index " + std::to_string(idx.t) + " out of range";
        }
        if (idx.hasN && !inRange(idx.n, n, totalN)) {
          return where + "normal index " + std::to_string(idx.n) + " out of range";
        }
      }
    }
  }
  return {};
}

} // namespace sura::precheck
