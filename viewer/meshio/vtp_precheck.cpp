// The VTK XML PolyData check: the XML part is read with expat (the parser VTK itself uses),
// so attributes are found however they are quoted or spaced; the binary data (inline base64,
// appended raw or base64, compressed or not) is checked by hand against every size VTK's
// vtkXMLDataParser will trust: header words, block counts and sizes, the bytes present, the
// base64 alphabet, and the element counts of the piece.
#include "atlas/atlas.h"
#include "meshio/mesh_limits.h"
#include "meshio/mesh_precheck.h"

#include <expat.h>
#include <vtkLZ4DataCompressor.h>
#include <vtkLZMADataCompressor.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkZLibDataCompressor.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace sura::precheck {

namespace {

// Far more elements and nesting than any VTP file has; a file beyond them is damage.
constexpr std::size_t kMaxXmlElements = 100'000;
constexpr std::size_t kMaxXmlDepth = 32;
constexpr std::uint64_t kMaxComponents = 16;
// vtkXMLDataParser keeps a few words per block; 2^20 blocks of 32 KiB is 32 GiB of data.
constexpr std::uint64_t kMaxCompressionBlocks = 1u << 20;

struct Problem {
  std::string message;
};

[[noreturn]] void fail(const std::string& message) {
  throw Problem{message};
}

// ---- the XML part ----------------------------------------------------------------------

struct Element {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::size_t contentStart = 0; // the byte after the start tag
  std::vector<std::size_t> children;

  const std::string* attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) {
        return &v;
      }
    }
    return nullptr;
  }
};

struct XmlState {
  XML_Parser parser = nullptr;
  std::vector<Element> elements;
  std::vector<std::size_t> open;
  std::string error;
};

void XMLCALL onStart(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& s = *static_cast<XmlState*>(data);
  if (s.elements.size() >= kMaxXmlElements || s.open.size() >= kMaxXmlDepth) {
    s.error = "too many or too deeply nested XML elements";
    XML_StopParser(s.parser, XML_FALSE);
    return;
  }
  Element e;
  e.name = name;
  for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
    e.attributes.emplace_back(attributes[i], attributes[i + 1]);
  }
  e.contentStart = static_cast<std::size_t>(XML_GetCurrentByteIndex(s.parser)) +
                   static_cast<std::size_t>(XML_GetCurrentByteCount(s.parser));
  const std::size_t index = s.elements.size();
  if (!s.open.empty()) {
    s.elements[s.open.back()].children.push_back(index);
  }
  s.elements.push_back(std::move(e));
  s.open.push_back(index);
}

void XMLCALL onEnd(void* data, const XML_Char*) {
  auto& s = *static_cast<XmlState*>(data);
  if (!s.open.empty()) {
    s.open.pop_back();
  }
}

void XMLCALL onDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto& s = *static_cast<XmlState*>(data);
  s.error = "a DOCTYPE declaration (not part of a VTK file)";
  XML_StopParser(s.parser, XML_FALSE);
}

// Parses the XML part of the file: all of it, or, as vtkXMLDataParser does, up to and
// including the <AppendedData> start tag, after which the data is not XML.
std::vector<Element> parseXml(std::string_view text, std::size_t& appendedTagEnd) {
  XmlState state;
  state.parser = XML_ParserCreate(nullptr);
  if (state.parser == nullptr) {
    fail("out of memory");
  }
  XML_SetUserData(state.parser, &state);
  XML_SetElementHandler(state.parser, onStart, onEnd);
  XML_SetStartDoctypeDeclHandler(state.parser, onDoctype);
  appendedTagEnd = std::string_view::npos;
  const std::size_t appended = text.find("<AppendedData");
  std::size_t length = text.size();
  if (appended != std::string_view::npos) {
    const std::size_t close = text.find('>', appended);
    if (close == std::string_view::npos) {
      XML_ParserFree(state.parser);
      fail("<AppendedData> start tag is not closed");
    }
    length = close + 1;
  }
  const bool final = appended == std::string_view::npos;
  const XML_Status status =
      XML_Parse(state.parser, text.data(), static_cast<int>(length), final ? XML_TRUE : XML_FALSE);
  std::string message;
  if (!state.error.empty()) {
    message = state.error;
  } else if (status != XML_STATUS_OK) {
    message = "not well-formed XML at line " +
              std::to_string(XML_GetCurrentLineNumber(state.parser)) + ", column " +
              std::to_string(XML_GetCurrentColumnNumber(state.parser) + 1) + ": " +
              XML_ErrorString(XML_GetErrorCode(state.parser));
  }
  XML_ParserFree(state.parser);
  if (!message.empty()) {
    fail(message);
  }
  if (state.elements.empty() || state.elements[0].name != "VTKFile") {
    fail("not a VTK XML file (the root element must be <VTKFile>)");
  }
  if (!final) {
    const Element& last = state.elements.back();
    if (last.name != "AppendedData" || last.contentStart != length) {
      fail("<AppendedData> start tag is malformed");
    }
    appendedTagEnd = length;
  }
  return std::move(state.elements);
}

// ---- values ----------------------------------------------------------------------------

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

// A decimal integer, nothing else ("12", "-3"; not "0x10", "1e3", "12abc").
bool decimal(std::string_view s, long long& value) {
  if (s.empty() || s.size() > 19) {
    return false;
  }
  std::size_t i = s.front() == '-' ? 1 : 0;
  if (i == s.size()) {
    return false;
  }
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] < '0' || s[k] > '9') {
      return false;
    }
  }
  const std::string copy(s);
  errno = 0;
  value = std::strtoll(copy.c_str(), nullptr, 10);
  return errno == 0;
}

bool realNumber(std::string_view s) {
  if (s.empty() || s.size() > 64) {
    return false;
  }
  const std::string copy(s);
  char* end = nullptr;
  (void)std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

struct ScalarType {
  std::size_t size = 0; // 0: unknown
  bool integer = false;
  bool isSigned = false;
};

ScalarType scalarType(std::string_view name) {
  struct Named {
    std::string_view name;
    ScalarType type;
  };
  static constexpr Named kTypes[] = {
      {"Int8", {1, true, true}},     {"UInt8", {1, true, false}},  {"Int16", {2, true, true}},
      {"UInt16", {2, true, false}},  {"Int32", {4, true, true}},   {"UInt32", {4, true, false}},
      {"Int64", {8, true, true}},    {"UInt64", {8, true, false}}, {"Float32", {4, false, true}},
      {"Float64", {8, false, true}},
  };
  for (const Named& t : kTypes) {
    if (name == t.name) {
      return t.type;
    }
  }
  return {};
}

std::uint64_t word(std::string_view bytes, std::size_t at, std::size_t size, bool bigEndian) {
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < size; ++k) {
    const std::size_t byte = bigEndian ? k : size - 1 - k;
    v = (v << 8) | static_cast<unsigned char>(bytes[at + byte]);
  }
  return v;
}

long long integerValue(std::string_view bytes, const ScalarType& type, bool bigEndian) {
  const std::uint64_t u = word(bytes, 0, type.size, bigEndian);
  if (type.isSigned && type.size < 8 && (u >> (type.size * 8 - 1)) != 0) {
    return static_cast<long long>(u) - (1LL << (type.size * 8));
  }
  if (!type.isSigned && u > static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
    return std::numeric_limits<long long>::max();
  }
  return static_cast<long long>(u);
}

int base64Value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  return c == '+' ? 62 : c == '/' ? 63 : -1;
}

std::uint64_t base64Chars(std::uint64_t bytes) {
  return (bytes + 2) / 3 * 4;
}

// ---- the check -------------------------------------------------------------------------

struct ArrayData {
  std::uint64_t values = 0;
  long long last = 0; // the last value, when asked for (integer arrays)
};

class VtpCheck {
public:
  explicit VtpCheck(std::string_view text) : text_(text) {}

  void run() {
    std::size_t appendedTagEnd = 0;
    elements_ = parseXml(text_, appendedTagEnd);
    const Element& root = elements_[0];
    const std::string* type = root.attribute("type");
    if (type == nullptr || *type != "PolyData") {
      fail("<VTKFile> type: expected \"PolyData\", found " +
           (type == nullptr ? std::string("none") : sura::shown(*type)));
    }
    if (const std::string* h = root.attribute("header_type")) {
      if (*h == "UInt64") {
        headerWord_ = 8;
      } else if (*h != "UInt32") {
        fail("<VTKFile> header_type: " + sura::shown(*h) + " is not UInt32 or UInt64");
      }
    }
    if (const std::string* b = root.attribute("byte_order")) {
      if (*b != "LittleEndian" && *b != "BigEndian") {
        fail("<VTKFile> byte_order: " + sura::shown(*b) + " is not LittleEndian or BigEndian");
      }
      bigEndian_ = *b == "BigEndian";
    }
    if (const std::string* c = root.attribute("compressor")) {
      if (*c == "vtkZLibDataCompressor") {
        compressor_ = vtkSmartPointer<vtkZLibDataCompressor>::New();
      } else if (*c == "vtkLZ4DataCompressor") {
        compressor_ = vtkSmartPointer<vtkLZ4DataCompressor>::New();
      } else if (*c == "vtkLZMADataCompressor") {
        compressor_ = vtkSmartPointer<vtkLZMADataCompressor>::New();
      } else {
        fail("<VTKFile> compressor: unknown compressor " + sura::shown(*c));
      }
    }
    if (appendedTagEnd != std::string_view::npos) {
      const Element& appended = elements_.back();
      const std::string* encoding = appended.attribute("encoding");
      if (encoding == nullptr || (*encoding != "raw" && *encoding != "base64")) {
        fail("<AppendedData> encoding: expected \"raw\" or \"base64\"");
      }
      appendedBase64_ = *encoding == "base64";
      std::size_t at = appendedTagEnd;
      while (at < text_.size() && std::isspace(static_cast<unsigned char>(text_[at]))) {
        ++at;
      }
      if (at >= text_.size() || text_[at] != '_') {
        fail("<AppendedData>: the data does not start with its '_' marker");
      }
      appendedStart_ = at + 1;
    }

    const Element* polyData = child(root, "PolyData");
    if (polyData == nullptr) {
      fail("<VTKFile> has no <PolyData> element");
    }
    if (const Element* fieldData = child(*polyData, "FieldData")) {
      for (const std::size_t a : fieldData->children) {
        const Element& e = elements_[a];
        const std::string* tuples = e.attribute("NumberOfTuples");
        long long n = 0;
        if (tuples == nullptr || !decimal(trimmed(*tuples), n) || n < 0 ||
            static_cast<std::uint64_t>(n) > kMaxMeshPoints) {
          fail("FieldData." + arrayName(e) + " NumberOfTuples: missing or not a count from 0 to " +
               std::to_string(kMaxMeshPoints));
        }
        checkArray(e, "FieldData." + arrayName(e), static_cast<std::uint64_t>(n), false, false);
      }
    }
    std::size_t piece = 0;
    for (const std::size_t p : polyData->children) {
      if (elements_[p].name == "Piece") {
        checkPiece(elements_[p], "Piece[" + std::to_string(piece++) + "]");
      }
    }
  }

private:
  const Element* child(const Element& parent, std::string_view name) const {
    const Element* found = nullptr;
    for (const std::size_t c : parent.children) {
      if (elements_[c].name == name) {
        if (found != nullptr) {
          fail("<" + parent.name + "> holds more than one <" + std::string(name) + ">");
        }
        found = &elements_[c];
      }
    }
    return found;
  }

  std::string arrayName(const Element& e) const {
    const std::string* name = e.attribute("Name");
    return name == nullptr ? std::string("(unnamed)") : sura::shown(*name);
  }

  std::uint64_t count(const Element& piece, const std::string& where, const char* attribute,
                      bool required, std::uint64_t limit) {
    const std::string* value = piece.attribute(attribute);
    if (value == nullptr) {
      if (required) {
        fail(where + " " + attribute + ": missing");
      }
      return 0;
    }
    long long n = 0;
    if (!decimal(trimmed(*value), n) || n < 0) {
      fail(where + " " + attribute + ": " + sura::shown(*value) + " is not a count");
    }
    if (static_cast<std::uint64_t>(n) > limit) {
      fail(where + " " + attribute + ": " + std::to_string(n) + " is more than the limit of " +
           std::to_string(limit) + " per mesh");
    }
    return static_cast<std::uint64_t>(n);
  }

  void checkPiece(const Element& piece, const std::string& where) {
    const std::uint64_t points = count(piece, where, "NumberOfPoints", true, kMaxMeshPoints);
    totalPoints_ += points;
    if (totalPoints_ > kMaxMeshPoints) {
      fail(where + " NumberOfPoints: the pieces hold more than the limit of " +
           std::to_string(kMaxMeshPoints) + " points per mesh");
    }
    const char* kinds[] = {"Verts", "Lines", "Strips", "Polys"};
    std::uint64_t cells = 0;
    std::uint64_t counts[4] = {};
    for (int k = 0; k < 4; ++k) {
      const std::string attribute = std::string("NumberOf") + kinds[k];
      counts[k] = count(piece, where, attribute.c_str(), false, kMaxMeshTriangles);
      cells += counts[k];
    }
    totalCells_ += cells;
    if (totalCells_ > 4 * kMaxMeshTriangles) {
      fail(where + ": the pieces hold more than " + std::to_string(4 * kMaxMeshTriangles) +
           " cells");
    }

    const Element* pointsElement = child(piece, "Points");
    if (pointsElement == nullptr) {
      if (points > 0) {
        fail(where + ".Points: missing, but NumberOfPoints is " + std::to_string(points));
      }
    } else {
      if (pointsElement->children.size() != 1) {
        fail(where + ".Points: expected one <DataArray>");
      }
      const Element& array = elements_[pointsElement->children[0]];
      const std::string* components = array.attribute("NumberOfComponents");
      long long c = 0;
      if (components == nullptr || !decimal(trimmed(*components), c) || c != 3) {
        fail(where + ".Points NumberOfComponents: must be 3");
      }
      checkArray(array, where + ".Points", points, false, false);
    }
    for (const auto& [section, tuples] :
         {std::pair<const char*, std::uint64_t>{"PointData", points}, {"CellData", cells}}) {
      if (const Element* data = child(piece, section)) {
        for (const std::size_t a : data->children) {
          const Element& e = elements_[a];
          checkArray(e, where + "." + section + "." + arrayName(e), tuples, false, false);
        }
      }
    }
    for (int k = 0; k < 4; ++k) {
      checkCells(piece, where + "." + kinds[k], kinds[k], counts[k],
                 std::string("NumberOf") + kinds[k]);
    }
  }

  const Element* namedArray(const Element& parent, const char* name) const {
    for (const std::size_t c : parent.children) {
      const std::string* n = elements_[c].attribute("Name");
      if (n != nullptr && *n == name) {
        return &elements_[c];
      }
    }
    return nullptr;
  }

  // A cell array: `cells` offsets (the end of each cell), and as many connectivity entries
  // as the last offset says; no more and no fewer, so that nothing is read partly.
  void checkCells(const Element& piece, const std::string& where, const char* kind,
                  std::uint64_t cells, const std::string& countName) {
    const Element* element = child(piece, kind);
    const Element* offsets = element == nullptr ? nullptr : namedArray(*element, "offsets");
    const Element* connectivity =
        element == nullptr ? nullptr : namedArray(*element, "connectivity");
    if (cells == 0) {
      if (offsets != nullptr) {
        // VTK would skip the data of a piece that says it has no cells of this kind.
        checkArray(*offsets, where + ".offsets", std::uint64_t{0}, true, false);
      }
      return;
    }
    if (offsets == nullptr || connectivity == nullptr) {
      fail(where + ": " + countName + " is " + std::to_string(cells) +
           " but the connectivity or offsets array is missing");
    }
    const ArrayData c =
        checkArray(*connectivity, where + ".connectivity", std::nullopt, true, false);
    if (c.values > 3 * kMaxMeshTriangles) {
      fail(where + ".connectivity: " + std::to_string(c.values) +
           " entries, more than the limit of " + std::to_string(3 * kMaxMeshTriangles));
    }
    const ArrayData o = checkArray(*offsets, where + ".offsets", cells, true, true);
    if (o.last < 0 || static_cast<std::uint64_t>(o.last) != c.values) {
      fail(where + ".offsets: the last offset is " + std::to_string(o.last) +
           " but the connectivity array holds " + std::to_string(c.values) + " entries (" +
           countName + " does not match the data)");
    }
  }

  // Checks one array element and the data it points to; returns the number of values it
  // holds, which must be exactly `tuples` tuples when given (any number for connectivity).
  ArrayData checkArray(const Element& e, const std::string& where,
                       std::optional<std::uint64_t> tuples, bool integerOnly, bool wantLast) {
    if (e.name != "DataArray" && e.name != "Array") {
      fail(where + ": unexpected element <" + e.name + ">");
    }
    const std::string* typeName = e.attribute("type");
    const ScalarType type = typeName == nullptr ? ScalarType{} : scalarType(*typeName);
    if (type.size == 0) {
      fail(where +
           " type: " + (typeName == nullptr ? std::string("missing") : sura::shown(*typeName)) +
           " is not a numeric type (Int8..UInt64, Float32, Float64)");
    }
    if (integerOnly && !type.integer) {
      fail(where + " type: must be an integer type");
    }
    long long components = 1;
    if (const std::string* c = e.attribute("NumberOfComponents")) {
      if (!decimal(trimmed(*c), components) || components < 1 ||
          static_cast<std::uint64_t>(components) > kMaxComponents) {
        fail(where + " NumberOfComponents: " + sura::shown(*c) + " is not from 1 to " +
             std::to_string(kMaxComponents));
      }
    }
    const std::string* format = e.attribute("format");
    if (format == nullptr || (*format != "ascii" && *format != "binary" && *format != "appended")) {
      fail(where + " format: expected \"ascii\", \"binary\" or \"appended\"");
    }
    ArrayData data;
    if (*format == "ascii") {
      data = asciiValues(e, where, type, wantLast);
    } else {
      std::size_t start = 0;
      std::size_t end = text_.size();
      bool base64 = true;
      bool isInline = *format == "binary";
      if (isInline) {
        start = e.contentStart;
        while (start < end && std::isspace(static_cast<unsigned char>(text_[start]))) {
          ++start;
        }
      } else {
        long long offset = -1;
        const std::string* o = e.attribute("offset");
        if (appendedStart_ == std::string_view::npos) {
          fail(where + " format: \"appended\" but the file has no <AppendedData>");
        }
        if (o == nullptr || !decimal(trimmed(*o), offset) || offset < 0 ||
            static_cast<std::uint64_t>(offset) > text_.size() - appendedStart_) {
          fail(where + " offset: missing or outside the appended data");
        }
        start = appendedStart_ + static_cast<std::size_t>(offset);
        base64 = appendedBase64_;
      }
      data = binaryValues(where, start, end, base64, isInline, type, wantLast);
    }
    if (data.values % static_cast<std::uint64_t>(components) != 0) {
      fail(where + ": " + std::to_string(data.values) + " values is not a whole number of " +
           std::to_string(components) + "-component tuples");
    }
    // Declared counts are limited, so this cannot overflow.
    if (tuples && data.values != *tuples * static_cast<std::uint64_t>(components)) {
      fail(where + ": the data holds " + std::to_string(data.values) + " values, the counts say " +
           std::to_string(*tuples * static_cast<std::uint64_t>(components)));
    }
    decoded_ += data.values * type.size;
    if (decoded_ > kMaxDecompressedBytes) {
      fail(where + ": the arrays hold more than the limit of " +
           std::to_string(kMaxDecompressedBytes) + " bytes once decompressed");
    }
    return data;
  }

  ArrayData asciiValues(const Element& e, const std::string& where, const ScalarType& type,
                        bool wantLast) const {
    const std::size_t end = text_.find('<', e.contentStart);
    const std::string_view content = text_.substr(
        e.contentStart, (end == std::string_view::npos ? text_.size() : end) - e.contentStart);
    ArrayData data;
    std::size_t i = 0;
    std::string_view token;
    while (i < content.size()) {
      while (i < content.size() && std::isspace(static_cast<unsigned char>(content[i]))) {
        ++i;
      }
      const std::size_t s = i;
      while (i < content.size() && !std::isspace(static_cast<unsigned char>(content[i]))) {
        ++i;
      }
      if (i == s) {
        break;
      }
      token = content.substr(s, i - s);
      long long v = 0;
      const bool ok =
          type.integer ? decimal(token, v) && (type.isSigned || v >= 0) : realNumber(token);
      if (!ok) {
        fail(where + ": value " + std::to_string(data.values) + " " + sura::shown(token) +
             " is not a number of its type");
      }
      ++data.values;
      if (data.values > 3 * kMaxMeshTriangles * kMaxComponents) {
        fail(where + ": too many values");
      }
    }
    if (wantLast && data.values > 0) {
      (void)decimal(token, data.last);
    }
    return data;
  }

  // Validates `chars` base64 characters from `at` as one encoded unit of `bytes` bytes:
  // every character in the alphabet, '=' only as the unit's final padding.
  void checkBase64Unit(const std::string& where, std::size_t at, std::size_t limit,
                       std::uint64_t bytes) const {
    const std::uint64_t chars = base64Chars(bytes);
    if (chars > limit - at) {
      fail(where + ": the base64 data is shorter than its header says");
    }
    const std::uint64_t padding = (3 - bytes % 3) % 3;
    for (std::uint64_t k = 0; k < chars; ++k) {
      const char c = text_[at + k];
      const bool pad = k >= chars - padding;
      if (pad ? c != '=' : base64Value(c) < 0) {
        fail(where + ": bad base64 character " + sura::shown(std::string_view(&text_[at + k], 1)) +
             " at byte " + std::to_string(at + k));
      }
    }
  }

  // `n` bytes from byte `offset` of the base64 unit starting at `at` (already validated).
  std::string base64Bytes(std::size_t at, std::uint64_t offset, std::size_t n) const {
    std::string out;
    std::uint64_t quad = offset / 3;
    std::size_t skip = static_cast<std::size_t>(offset % 3);
    while (out.size() < n) {
      unsigned bits = 0;
      for (int k = 0; k < 4; ++k) {
        const char c = text_[at + 4 * quad + static_cast<std::uint64_t>(k)];
        bits = (bits << 6) | static_cast<unsigned>(c == '=' ? 0 : base64Value(c));
      }
      const char three[3] = {static_cast<char>((bits >> 16) & 0xffu),
                             static_cast<char>((bits >> 8) & 0xffu),
                             static_cast<char>(bits & 0xffu)};
      for (std::size_t k = skip; k < 3 && out.size() < n; ++k) {
        out.push_back(three[k]);
      }
      skip = 0;
      ++quad;
    }
    return out;
  }

  // Bytes [offset, offset + n) of a unit (raw bytes, or base64 from `at`).
  std::string unitBytes(bool base64, std::size_t at, std::uint64_t offset, std::size_t n) const {
    return base64 ? base64Bytes(at, offset, n)
                  : std::string(text_.substr(at + static_cast<std::size_t>(offset), n));
  }

  ArrayData binaryValues(const std::string& where, std::size_t start, std::size_t end, bool base64,
                         bool isInline, const ScalarType& type, bool wantLast) const {
    const std::size_t hw = headerWord_;
    ArrayData data;
    std::uint64_t bytes = 0;
    std::size_t next = 0; // where the array's encoded data ends
    if (compressor_ == nullptr) {
      if (base64) {
        checkBase64Unit(where + " header", start, end, hw);
      } else if (end - start < hw) {
        fail(where + ": the data header is cut off");
      }
      bytes = word(unitBytes(base64, start, 0, hw), 0, hw, bigEndian_);
      const std::size_t dataAt = start + (base64 ? base64Chars(hw) : hw);
      if (bytes > kMaxDecompressedBytes) {
        fail(where + ": the header declares " + std::to_string(bytes) +
             " bytes, more than the limit of " + std::to_string(kMaxDecompressedBytes));
      }
      if (base64) {
        checkBase64Unit(where, dataAt, end, bytes);
      } else if (bytes > end - dataAt) {
        fail(where + ": the header declares " + std::to_string(bytes) + " bytes but only " +
             std::to_string(end - dataAt) + " follow");
      }
      next = dataAt + (base64 ? base64Chars(bytes) : bytes);
      if (bytes % type.size != 0) {
        fail(where + ": " + std::to_string(bytes) + " bytes is not a whole number of values");
      }
      if (wantLast && bytes >= type.size) {
        data.last =
            integerValue(unitBytes(base64, dataAt, bytes - type.size, type.size), type, bigEndian_);
      }
    } else {
      const std::uint64_t available = base64 ? (end - start) / 4 * 3 : end - start;
      if (available < 3 * hw || (base64 && (end - start) < base64Chars(3 * hw))) {
        fail(where + ": the compression header is cut off");
      }
      if (base64) {
        checkBase64Unit(where + " compression header", start, end, 3 * hw);
      }
      const std::string first = unitBytes(base64, start, 0, 3 * hw);
      const std::uint64_t blocks = word(first, 0, hw, bigEndian_);
      const std::uint64_t blockSize = word(first, hw, hw, bigEndian_);
      const std::uint64_t lastSize = word(first, 2 * hw, hw, bigEndian_);
      const std::string header = "compression header (" + std::to_string(blocks) + " blocks of " +
                                 std::to_string(blockSize) + " bytes, last " +
                                 std::to_string(lastSize) + ")";
      if (blocks == 0) {
        if (lastSize != 0) {
          fail(where + ": damaged " + header + ": no blocks but a last block");
        }
      } else if (blockSize == 0 || blockSize > kMaxCompressionBlockBytes || lastSize > blockSize ||
                 blocks > available / hw || blocks > kMaxCompressionBlocks) {
        fail(where + ": damaged " + header);
      }
      bytes = blocks == 0 ? 0 : (blocks - 1) * blockSize + (lastSize == 0 ? blockSize : lastSize);
      if (bytes > kMaxDecompressedBytes) {
        fail(where + ": the " + header + " declares " + std::to_string(bytes) +
             " bytes once decompressed, more than the limit of " +
             std::to_string(kMaxDecompressedBytes));
      }
      const std::uint64_t headerBytes = (3 + blocks) * hw;
      if (base64) {
        checkBase64Unit(where + " compression header", start, end, headerBytes);
      } else if (headerBytes > end - start) {
        fail(where + ": the compression header is cut off");
      }
      const std::string words = unitBytes(base64, start, 0, static_cast<std::size_t>(headerBytes));
      const std::size_t dataAt =
          start + static_cast<std::size_t>(base64 ? base64Chars(headerBytes) : headerBytes);
      const std::uint64_t room = base64 ? (end - dataAt) / 4 * 3 : end - dataAt;
      std::vector<std::uint64_t> blockStart(static_cast<std::size_t>(blocks) + 1, 0);
      for (std::size_t b = 0; b < blocks; ++b) {
        const std::uint64_t size = word(words, (3 + b) * hw, hw, bigEndian_);
        if (size == 0 || size > room - blockStart[b]) {
          fail(where + ": damaged " + header + ": block " + std::to_string(b) + " of " +
               std::to_string(size) + " bytes does not fit in the file");
        }
        blockStart[b + 1] = blockStart[b] + size;
      }
      if (base64) {
        checkBase64Unit(where, dataAt, end, blockStart[blocks]);
      }
      next = dataAt + static_cast<std::size_t>(base64 ? base64Chars(blockStart[blocks])
                                                      : blockStart[blocks]);
      if (bytes % type.size != 0) {
        fail(where + ": " + std::to_string(bytes) + " bytes is not a whole number of values");
      }
      if (wantLast && bytes >= type.size) {
        // The last value's bytes, from the last block or two.
        std::string tail;
        for (std::uint64_t b = blocks; b-- > 0 && tail.size() < type.size;) {
          const std::uint64_t size = b + 1 == blocks && lastSize != 0 ? lastSize : blockSize;
          const std::string packed =
              unitBytes(base64, dataAt, blockStart[b],
                        static_cast<std::size_t>(blockStart[b + 1] - blockStart[b]));
          std::string plain(static_cast<std::size_t>(size), '\0');
          const std::size_t got = compressor_->Uncompress(
              reinterpret_cast<const unsigned char*>(packed.data()), packed.size(),
              reinterpret_cast<unsigned char*>(plain.data()), plain.size());
          if (got != size) {
            fail(where + ": block " + std::to_string(b) + " does not decompress to its " +
                 std::to_string(size) + " bytes");
          }
          tail = plain + tail;
        }
        data.last = integerValue(std::string_view(tail).substr(tail.size() - type.size, type.size),
                                 type, bigEndian_);
      }
    }
    if (isInline) {
      // After the data, only white space before the closing tag: more is data VTK ignores.
      std::size_t k = next;
      while (k < text_.size() && std::isspace(static_cast<unsigned char>(text_[k]))) {
        ++k;
      }
      if (k < text_.size() && text_[k] != '<') {
        fail(where + ": more data than its header declares (or a bad base64 character at byte " +
             std::to_string(k) + ")");
      }
    }
    data.values = bytes / type.size;
    return data;
  }

  std::string_view text_;
  std::vector<Element> elements_;
  std::size_t headerWord_ = 4;
  bool bigEndian_ = false;
  vtkSmartPointer<vtkDataCompressor> compressor_;
  std::size_t appendedStart_ = std::string_view::npos;
  bool appendedBase64_ = false;
  std::uint64_t totalPoints_ = 0;
  std::uint64_t totalCells_ = 0;
  std::uint64_t decoded_ = 0;
};

} // namespace

std::string vtp(const std::string& bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return "file too large";
  }
  try {
    VtpCheck(bytes).run();
  } catch (const Problem& p) {
    return p.message;
  }
  return {};
}

} // namespace sura::precheck
