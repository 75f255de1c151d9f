#include "meshio/load_atlas.h"
#include "meshio/mesh_limits.h"
#include "meshio/mesh_precheck.h"

#include <vtkAlgorithm.h>
#include <vtkCellArray.h>
#include <vtkCellArrayIterator.h>
#include <vtkDataArray.h>
#include <vtkLogger.h>
#include <vtkNew.h>
#include <vtkOBJReader.h>
#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkPLYReader.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkSTLReader.h>
#include <vtkSmartPointer.h>
#include <vtkTriangleFilter.h>
#include <vtkXMLPolyDataReader.h>
#include <vtksys/SystemTools.hxx>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace sura {

namespace {

// Collects everything VTK would print while one file is read. VTK reports reader errors
// through the global output window, also from objects we never see (executives, parsers),
// so the window itself is swapped for the duration of a read.
class CaptureWindow : public vtkOutputWindow {
public:
  static CaptureWindow* New();
  vtkTypeMacro(CaptureWindow, vtkOutputWindow)

      void DisplayText(const char* text) override {
    warnings.push_back(clean(text));
  }
  void DisplayErrorText(const char* text) override { errors.push_back(clean(text)); }
  void DisplayWarningText(const char* text) override { warnings.push_back(clean(text)); }
  void DisplayGenericWarningText(const char* text) override { warnings.push_back(clean(text)); }
  void DisplayDebugText(const char*) override {}

  std::vector<std::string> errors;
  std::vector<std::string> warnings;

private:
  // VTK messages read "ERROR: In <source>, line <n>\n<class> (<address>): <text>\n\n"; only
  // <text> means anything to a user, on one line ("Decompression produced incorrect size.\n
  // Expected 37 and got 36" becomes one sentence after the other).
  static std::string clean(const char* text) {
    std::string s = text == nullptr ? "" : text;
    const auto newline = s.find('\n');
    if (s.rfind("ERROR: In ", 0) == 0 || s.rfind("Warning: In ", 0) == 0 ||
        s.rfind("Generic Warning: In ", 0) == 0) {
      s = newline == std::string::npos ? s : s.substr(newline + 1);
      const auto address = s.find("): ");
      if (address != std::string::npos && address < s.find('\n')) {
        s = s.substr(address + 3);
      }
    }
    std::string line;
    for (const char c : s) {
      if (c == '\n' || c == '\r' || c == '\t') {
        if (!line.empty() && line.back() != ' ') {
          line += ' ';
        }
      } else {
        line += c;
      }
    }
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
      line.pop_back();
    }
    return line;
  }
};

vtkStandardNewMacro(CaptureWindow);

// VTK 9 also sends every error and warning to its logger, which writes to stderr on its
// own; its stderr level is lowered for the read and put back afterwards.
class ScopedCapture {
public:
  ScopedCapture()
      : previous_(vtkOutputWindow::GetInstance()),
        previousVerbosity_(vtkLogger::GetCurrentVerbosityCutoff()) {
    vtkOutputWindow::SetInstance(window_);
    vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_OFF);
  }
  ~ScopedCapture() {
    vtkLogger::SetStderrVerbosity(previousVerbosity_);
    vtkOutputWindow::SetInstance(previous_);
  }
  ScopedCapture(const ScopedCapture&) = delete;
  ScopedCapture& operator=(const ScopedCapture&) = delete;
  CaptureWindow& window() { return *window_; }

private:
  vtkSmartPointer<vtkOutputWindow> previous_;
  vtkLogger::Verbosity previousVerbosity_;
  vtkNew<CaptureWindow> window_;
};

std::string lowerExtension(const fs::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return ext;
}

std::string readBytes(const fs::path& file, const std::string& name) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw AtlasError(name, "", fs::exists(file, ec) ? "not a regular file" : "file not found");
  }
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) {
    throw AtlasError(name, "", "cannot tell the size of the file (" + ec.message() + ")");
  }
  if (size > kMaxMeshFileBytes) {
    throw AtlasError(name, "",
                     "file of " + std::to_string(size) + " bytes is larger than the limit of " +
                         std::to_string(kMaxMeshFileBytes / (1024 * 1024)) + " MiB per mesh");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw AtlasError(name, "", "cannot open file (permission denied?)");
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) {
    throw AtlasError(name, "", "cannot read file");
  }
  return bytes;
}

// Cell ids out of range would make every later filter read outside the point array.
std::string checkCells(vtkPolyData* pd) {
  const vtkIdType n = pd->GetNumberOfPoints();
  vtkCellArray* arrays[] = {pd->GetVerts(), pd->GetLines(), pd->GetPolys(), pd->GetStrips()};
  for (vtkCellArray* cells : arrays) {
    if (cells == nullptr) {
      continue;
    }
    if (!cells->IsValid()) {
      return "inconsistent cell offsets";
    }
    vtkDataArray* conn = cells->GetConnectivityArray();
    for (vtkIdType i = 0; i < conn->GetNumberOfTuples(); ++i) {
      const double id = conn->GetTuple1(i);
      if (id < 0 || id >= static_cast<double>(n)) {
        std::ostringstream msg;
        msg << "a cell refers to point " << id << " but there are " << n << " points";
        return msg.str();
      }
    }
  }
  for (vtkIdType i = 0; i < n; ++i) {
    double p[3];
    pd->GetPoint(i, p);
    if (!std::isfinite(p[0]) || !std::isfinite(p[1]) || !std::isfinite(p[2])) {
      return "point " + std::to_string(i) + " has a non-finite coordinate";
    }
  }
  return {};
}

vtkSmartPointer<vtkAlgorithm> makeReader(const std::string& ext, const std::string& path) {
  if (ext == ".vtp") {
    auto r = vtkSmartPointer<vtkXMLPolyDataReader>::New();
    r->SetFileName(path.c_str());
    return r;
  }
  if (ext == ".stl") {
    auto r = vtkSmartPointer<vtkSTLReader>::New();
    r->SetFileName(path.c_str());
    // Points are merged below, after the finite check; VTK's locator would meet NaNs first.
    r->MergingOff();
    return r;
  }
  if (ext == ".obj") {
    auto r = vtkSmartPointer<vtkOBJReader>::New();
    r->SetFileName(path.c_str());
    return r;
  }
  auto r = vtkSmartPointer<vtkPLYReader>::New();
  r->SetFileName(path.c_str());
  return r;
}

// Builds the TriangleMesh from triangulated polys: exactly equal points merged, unused
// points dropped, triangles that collapse to an edge or point dropped. Points are numbered
// in the order the triangles first use them.
TriangleMesh toTriangleMesh(vtkPolyData* tris) {
  TriangleMesh mesh;
  // Equal points found by sorting their ids by coordinates (a sort of plain indices is much
  // cheaper than a map keyed by coordinates, on the way to the first frame): each id's
  // representative is the first of its run of equal points.
  const vtkIdType count = tris->GetNumberOfPoints();
  std::vector<std::array<double, 3>> coords(static_cast<std::size_t>(count));
  for (vtkIdType id = 0; id < count; ++id) {
    auto& p = coords[static_cast<std::size_t>(id)];
    tris->GetPoint(id, p.data());
    for (double& c : p) {
      c = c == 0.0 ? 0.0 : c; // -0.0 and 0.0 are one point
    }
  }
  std::vector<vtkIdType> order(static_cast<std::size_t>(count));
  std::iota(order.begin(), order.end(), vtkIdType{0});
  std::sort(order.begin(), order.end(), [&](vtkIdType a, vtkIdType b) {
    return coords[static_cast<std::size_t>(a)] < coords[static_cast<std::size_t>(b)];
  });
  std::vector<vtkIdType> representative(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool sameAsBefore = i > 0 && coords[static_cast<std::size_t>(order[i])] ==
                                           coords[static_cast<std::size_t>(order[i - 1])];
    representative[static_cast<std::size_t>(order[i])] =
        sameAsBefore ? representative[static_cast<std::size_t>(order[i - 1])] : order[i];
  }
  constexpr std::uint32_t kUnused = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> index(static_cast<std::size_t>(count), kUnused);
  auto pointIndex = [&](vtkIdType id) {
    const auto rep = static_cast<std::size_t>(representative[static_cast<std::size_t>(id)]);
    if (index[rep] == kUnused) {
      index[rep] = static_cast<std::uint32_t>(mesh.points.size());
      const auto& p = coords[rep];
      mesh.points.emplace_back(p[0], p[1], p[2]);
    }
    return index[rep];
  };
  vtkCellArray* polys = tris->GetPolys();
  if (polys == nullptr) {
    return mesh;
  }
  auto it = vtk::TakeSmartPointer(polys->NewIterator());
  for (it->GoToFirstCell(); !it->IsDoneWithTraversal(); it->GoToNextCell()) {
    vtkIdType npts = 0;
    const vtkIdType* ids = nullptr;
    it->GetCurrentCell(npts, ids);
    if (npts != 3) {
      continue;
    }
    const glm::u32vec3 t(pointIndex(ids[0]), pointIndex(ids[1]), pointIndex(ids[2]));
    if (t.x != t.y && t.y != t.z && t.x != t.z) {
      mesh.triangles.push_back(t);
    }
  }
  return mesh;
}

} // namespace

TriangleMesh readMesh(const fs::path& file) {
  const std::string name = file.string();
  const std::string ext = lowerExtension(file);
  if (ext != ".vtp" && ext != ".stl" && ext != ".obj" && ext != ".ply") {
    throw AtlasError(name, "",
                     "unsupported mesh format '" + ext + "' (use .vtp, .stl, .obj or .ply)");
  }
  const std::string bytes = readBytes(file, name);
  if (bytes.empty()) {
    throw AtlasError(name, "", "file is empty");
  }
  // VTK's messages, also those of the decompressors the VTP check uses, are captured from here.
  ScopedCapture capture;
  std::string problem;
  if (ext == ".stl") {
    const bool text =
        vtksys::SystemTools::DetectFileType(name.c_str()) == vtksys::SystemTools::FileTypeText;
    problem = precheck::stl(bytes, text);
  } else if (ext == ".ply") {
    problem = precheck::ply(bytes);
  } else if (ext == ".obj") {
    problem = precheck::obj(bytes);
  } else {
    problem = precheck::vtp(bytes);
  }
  if (!problem.empty()) {
    throw AtlasError(name, "", problem);
  }

  auto fail = [&](const std::string& fallback) {
    const auto& w = capture.window();
    throw AtlasError(name, "",
                     !w.errors.empty()     ? w.errors.front()
                     : !w.warnings.empty() ? w.warnings.front()
                                           : fallback);
  };
  vtkSmartPointer<vtkAlgorithm> reader = makeReader(ext, name);
  try {
    reader->Update();
  } catch (const std::exception& e) {
    // A size field that slipped past the checks can still make VTK allocate absurdly.
    throw AtlasError(name, "", std::string("cannot read file (") + e.what() + ")");
  }
  auto* raw = vtkPolyData::SafeDownCast(reader->GetOutputDataObject(0));
  if (!capture.window().errors.empty() || raw == nullptr) {
    fail("cannot read file");
  }
  if (std::string e = checkCells(raw); !e.empty()) {
    throw AtlasError(name, "", e);
  }
  vtkNew<vtkTriangleFilter> triangulate;
  triangulate->SetInputData(raw);
  triangulate->PassVertsOff();
  triangulate->PassLinesOff();
  triangulate->Update();
  if (!capture.window().errors.empty()) {
    fail("cannot triangulate");
  }
  if (static_cast<std::uint64_t>(triangulate->GetOutput()->GetNumberOfPolys()) >
      kMaxMeshTriangles) {
    throw AtlasError(name, "",
                     "mesh has " + std::to_string(triangulate->GetOutput()->GetNumberOfPolys()) +
                         " triangles, more than the limit of " + std::to_string(kMaxMeshTriangles));
  }
  TriangleMesh mesh = toTriangleMesh(triangulate->GetOutput());
  if (mesh.triangles.empty()) {
    throw AtlasError(name, "", "mesh has no triangles");
  }
  return mesh;
}

} // namespace sura
