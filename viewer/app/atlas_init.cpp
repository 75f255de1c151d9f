#include "app/atlas_init.h"

#include "app/atomic_file.h"
#include "atlas/atlas.h"
#include "meshio/load_atlas.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace sura {

namespace {

const char kAxisNames[3] = {'x', 'y', 'z'};
// A lower leg spans about this much (knee to sole, mm): the units are guessed to bring the
// meshes nearest to it.
constexpr double kTypicalExtentMm = 450.0;
// The gastrocnemius heads and plantaris arise this far above the knee joint line (on the
// femur's condyles; Gray's Anatomy): the top of such meshes is that much above the line.
constexpr double kHeadsAboveKneeMm = 30.0;

bool contains(const std::string& id, const char* word) {
  return id.find(word) != std::string::npos;
}

bool containsAny(const std::string& id, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return contains(id, w); });
}

std::string groupOf(const std::string& id) {
  if (contains(id, "skin")) {
    return "skin";
  }
  if (containsAny(id, {"tendon", "achilles"})) {
    return "tendons";
  }
  if (containsAny(id, {"nerve", "artery", "arteries", "vein", "vessel"})) {
    return "nerves_vessels";
  }
  if (id == "tibia" || id == "fibula" ||
      containsAny(id, {"femur", "patella", "talus", "calcane", "navicular", "cuboid", "cuneiform",
                       "metatars", "phalan", "bone"})) {
    return "bones";
  }
  return "muscles";
}

struct GroupLook {
  const char* id;
  const char* name;
  int order;
  int layer;
  const char* color;
};

const std::array<GroupLook, 5> kGroups = {
    {{"skin", "Skin", 0, 0, "#e9bd9c"},
     {"muscles", "Muscles", 1, 2, "#b5302a"},
     {"tendons", "Tendons", 2, 3, "#e8e0c8"},
     {"bones", "Bones", 3, 6, "#efe6cc"},
     {"nerves_vessels", "Nerves and vessels", 4, 4, "#f2d04a"}}};

std::string nameOf(const std::string& id) {
  std::string name = id;
  std::replace(name.begin(), name.end(), '_', ' ');
  if (!name.empty()) {
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  }
  return name;
}

// Area-weighted centroid of a mesh (its surface's centre of mass).
glm::dvec3 centroid(const TriangleMesh& mesh) {
  glm::dvec3 sum(0.0);
  double area = 0;
  for (const auto& t : mesh.triangles) {
    const glm::dvec3 a = mesh.points[t.x], b = mesh.points[t.y], c = mesh.points[t.z];
    const double w = glm::length(glm::cross(b - a, c - a));
    sum += (a + b + c) * (w / 3.0);
    area += w;
  }
  if (area > 0) {
    return sum / area;
  }
  return bounds(mesh).center();
}

std::string fixed(double v, int digits = 1) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << v;
  return s.str();
}

std::string axisName(int axis, double sign) {
  return std::string(sign > 0 ? "+" : "-") + kAxisNames[axis];
}

// The mean centroid of the meshes whose ids `pick` accepts; nothing when none does.
template <class Pick>
std::optional<glm::dvec3> meanCentroid(const std::vector<InitMesh>& meshes, Pick pick,
                                       std::vector<std::string>* ids = nullptr) {
  glm::dvec3 sum(0.0);
  int n = 0;
  for (const InitMesh& m : meshes) {
    if (pick(m.id)) {
      sum += centroid(m.mesh);
      ++n;
      if (ids) {
        ids->push_back(m.id);
      }
    }
  }
  return n == 0 ? std::nullopt : std::optional<glm::dvec3>(sum / double(n));
}

std::string joinIds(const std::vector<std::string>& ids) {
  std::string s;
  for (const std::string& id : ids) {
    s += (s.empty() ? "" : ", ") + id;
  }
  return s;
}

} // namespace

std::string idFromFileName(const fs::path& file) {
  std::string id;
  for (const char c : file.stem().string()) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      id += static_cast<char>(std::tolower(u));
    } else if (!id.empty() && id.back() != '_') {
      id += '_';
    }
  }
  while (!id.empty() && id.back() == '_') {
    id.pop_back();
  }
  return id.empty() ? "structure" : id;
}

json guessManifest(const std::vector<InitMesh>& meshes, const std::string& name,
                   std::vector<std::string>& said) {
  Aabb all;
  double area = 0;
  for (const InitMesh& m : meshes) {
    for (const glm::dvec3& p : m.mesh.points) {
      all.add(p);
    }
  }
  const glm::dvec3 size = all.size();

  // The leg's axis: the longest side of the box round everything.
  int longAxis = 0;
  for (int i = 1; i < 3; ++i) {
    if (size[i] > size[longAxis]) {
      longAxis = i;
    }
  }
  const double extent = size[longAxis];

  // Units: those that bring the longest side nearest a lower leg's size.
  struct Unit {
    const char* name;
    double scale;
  };
  const std::array<Unit, 3> units = {{{"mm", 1.0}, {"cm", 10.0}, {"m", 1000.0}}};
  const Unit* unit = &units[0];
  for (const Unit& u : units) {
    if (std::abs(std::log(extent * u.scale / kTypicalExtentMm)) <
        std::abs(std::log(extent * unit->scale / kTypicalExtentMm))) {
      unit = &u;
    }
  }
  said.push_back("units \"" + std::string(unit->name) + "\": the meshes span " + fixed(extent, 3) +
                 " file units along their longest side, " + fixed(extent * unit->scale, 0) +
                 " mm in " + unit->name + ", nearest a lower leg's size (about " +
                 fixed(kTypicalExtentMm, 0) + " mm); change frame.units if they are not");

  // Superior: toward the femur, patella or popliteus and away from the foot (by name), else
  // toward the end where the surfaces are bulkier (the calf's bellies lie high, its tendons low).
  const double middle = all.center()[longAxis];
  double superior = 0;
  std::vector<std::string> cues;
  for (const InitMesh& m : meshes) {
    const double c = centroid(m.mesh)[longAxis];
    if (containsAny(m.id, {"femur", "patella", "popliteus"})) {
      superior += c > middle ? 1 : -1;
      cues.push_back(m.id);
    } else if (containsAny(m.id, {"achilles", "calcane", "talus", "foot", "metatars", "phalan",
                                  "navicular", "cuboid", "cuneiform"})) {
      superior += c > middle ? -1 : 1;
      cues.push_back(m.id);
    }
  }
  std::string superiorWhy;
  if (superior != 0) {
    superiorWhy = "by where " + joinIds(cues) + " lie (by their names)";
  } else {
    glm::dvec3 sum(0.0);
    for (const InitMesh& m : meshes) {
      for (const auto& t : m.mesh.triangles) {
        const glm::dvec3 a = m.mesh.points[t.x], b = m.mesh.points[t.y], c = m.mesh.points[t.z];
        const double w = glm::length(glm::cross(b - a, c - a));
        sum += (a + b + c) * (w / 3.0);
        area += w;
      }
    }
    const double heavy = area > 0 ? sum[longAxis] / area : middle;
    superior = heavy >= middle ? 1 : -1;
    superiorWhy = std::abs(heavy - middle) < 0.02 * extent
                      ? "could not tell (the surfaces are as bulky at both ends): taken as is"
                      : "the surfaces are bulkier that way (the calf's bellies lie high, its "
                        "tendons low)";
  }
  const double sSign = superior > 0 ? 1.0 : -1.0;
  said.push_back("the leg's axis is file " + std::string(1, kAxisNames[longAxis]) +
                 " (the longest side); superior is " + axisName(longAxis, sSign) + ": " +
                 superiorWhy);

  // Anterior: from the structures known to lie behind toward those known to lie in front.
  const auto rank = [](const std::string& id) -> int {
    if (containsAny(id, {"patella", "tibialis_anterior", "extensor"})) {
      return 3;
    }
    if (id == "tibia") {
      return 2;
    }
    if (containsAny(id, {"soleus", "tibialis_posterior", "flexor"})) {
      return 1;
    }
    if (containsAny(id, {"gastrocnemius", "achilles", "sural", "small_saphenous"})) {
      return 0;
    }
    return -1;
  };
  int front = -1, back = 4;
  for (const InitMesh& m : meshes) {
    const int r = rank(m.id);
    if (r >= 0) {
      front = std::max(front, r);
      back = std::min(back, r);
    }
  }
  int other[2] = {(longAxis + 1) % 3, (longAxis + 2) % 3};
  std::sort(std::begin(other), std::end(other));
  int aAxis = other[1];
  double aSign = 1.0;
  std::string anteriorWhy = "not guessed (no structures known to lie in front of others): "
                            "taken as the file's " +
                            std::string(1, kAxisNames[other[1]]) + "; check in the viewer";
  if (front > back) {
    std::vector<std::string> frontIds, backIds;
    const glm::dvec3 f = *meanCentroid(
        meshes, [&](const std::string& id) { return rank(id) == front; }, &frontIds);
    const glm::dvec3 b = *meanCentroid(
        meshes, [&](const std::string& id) { return rank(id) == back; }, &backIds);
    const glm::dvec3 d = f - b;
    aAxis = std::abs(d[other[0]]) > std::abs(d[other[1]]) ? other[0] : other[1];
    aSign = d[aAxis] >= 0 ? 1.0 : -1.0;
    anteriorWhy = joinIds(frontIds) + " in front of " + joinIds(backIds);
  }
  said.push_back("anterior is " + axisName(aAxis, aSign) + ": " + anteriorWhy);

  // Right = anterior x superior, for a file frame that is right-handed as nearly all are.
  glm::dvec3 eA(0.0), eS(0.0);
  eA[aAxis] = aSign;
  eS[longAxis] = sSign;
  const glm::dvec3 eR = glm::cross(eA, eS);
  int rAxis = 0;
  for (int i = 1; i < 3; ++i) {
    if (std::abs(eR[i]) > std::abs(eR[rAxis])) {
      rAxis = i;
    }
  }
  const double rSign = eR[rAxis] > 0 ? 1.0 : -1.0;
  std::string axes(3, '?');
  axes[static_cast<std::size_t>(longAxis)] = sSign > 0 ? 'S' : 'I';
  axes[static_cast<std::size_t>(aAxis)] = aSign > 0 ? 'A' : 'P';
  axes[static_cast<std::size_t>(rAxis)] = rSign > 0 ? 'R' : 'L';
  said.push_back("axes \"" + axes + "\": the patient's right is " + axisName(rAxis, rSign) +
                 " (right-handed file coordinates assumed)");

  // Side: lateral by name (lateral heads, the fibula) against medial (medial heads, the tibia).
  std::vector<std::string> lateralIds, medialIds;
  const auto lateral = meanCentroid(
      meshes,
      [](const std::string& id) {
        return contains(id, "lateral") || id == "fibula" ||
               containsAny(id, {"fibularis", "peroneus"});
      },
      &lateralIds);
  const auto medial = meanCentroid(
      meshes, [](const std::string& id) { return contains(id, "medial") || id == "tibia"; },
      &medialIds);
  std::string side = "right";
  if (lateral && medial && std::abs((*lateral - *medial)[rAxis]) > 1e-9) {
    side = (*lateral - *medial)[rAxis] * rSign > 0 ? "right" : "left";
    said.push_back("side \"" + side + "\": the lateral structures (" + joinIds(lateralIds) +
                   ") lie to the patient's " + side + " of the medial ones (" + joinIds(medialIds) +
                   ")");
  } else {
    said.push_back("side \"right\": not guessed (no structures named medial and lateral, nor a "
                   "tibia and fibula); change frame.side for a left leg");
  }

  // Origin: the centre of the knee joint line.
  glm::dvec3 origin = all.center();
  const auto superiorEnd = [&](const TriangleMesh& m, bool top) {
    double best = top == (sSign > 0) ? -1e300 : 1e300;
    for (const glm::dvec3& p : m.points) {
      best = top == (sSign > 0) ? std::max(best, p[longAxis]) : std::min(best, p[longAxis]);
    }
    return best;
  };
  std::string originWhy;
  const auto byId = [&](const char* id) -> const InitMesh* {
    for (const InitMesh& m : meshes) {
      if (m.id == id) {
        return &m;
      }
    }
    return nullptr;
  };
  if (const InitMesh* femur = byId("femur")) {
    origin[longAxis] = superiorEnd(femur->mesh, false);
    originWhy = "the lowest point of the femur";
  } else if (const InitMesh* tibia = byId("tibia")) {
    origin[longAxis] = superiorEnd(tibia->mesh, true);
    originWhy = "the highest point of the tibia";
  } else {
    double top = sSign > 0 ? all.hi[longAxis] : all.lo[longAxis];
    originWhy = "the top of the meshes";
    if (std::any_of(meshes.begin(), meshes.end(), [](const InitMesh& m) {
          return containsAny(m.id, {"gastrocnemius", "plantaris"});
        })) {
      top -= sSign * kHeadsAboveKneeMm / unit->scale;
      originWhy += " less " + fixed(kHeadsAboveKneeMm, 0) +
                   " mm (the gastrocnemius heads arise about that far above the joint line)";
    }
    origin[longAxis] = top;
  }
  said.push_back("origin [" + fixed(origin.x, 3) + ", " + fixed(origin.y, 3) + ", " +
                 fixed(origin.z, 3) + "] (file coordinates): the knee joint line at " + originWhy +
                 ", centred on the meshes across the leg; move it to the centre of the knee "
                 "joint line if you know it");
  said.push_back("landmarks: none given; leg_length is derived on loading (sura check says "
                 "from what); add medial_malleolus and lateral_malleolus for foot zones");
  said.push_back("groups, colours and layers from the file names; names from the ids: edit "
                 "them, and give each structure an info card and sources");

  json groups = json::array();
  std::set<std::string> used;
  for (const InitMesh& m : meshes) {
    used.insert(groupOf(m.id));
  }
  for (const GroupLook& g : kGroups) {
    if (used.count(g.id)) {
      groups.push_back({{"id", g.id}, {"name", g.name}, {"order", g.order}});
    }
  }
  json structures = json::array();
  for (const InitMesh& m : meshes) {
    const std::string group = groupOf(m.id);
    const GroupLook& look = *std::find_if(kGroups.begin(), kGroups.end(),
                                          [&](const GroupLook& g) { return group == g.id; });
    structures.push_back({{"id", m.id},
                          {"name", nameOf(m.id)},
                          {"group", group},
                          {"layer", look.layer},
                          {"color", look.color},
                          {"mesh", m.file}});
  }
  json notes = json::array();
  notes.push_back("Written by `sura atlas init`: every value below was guessed from the file "
                  "names and the geometry. Check each, then run `sura check` on this folder.");
  for (const std::string& line : said) {
    notes.push_back(line);
  }
  return {{"format", "sura-atlas"},
          {"version", kAtlasFormatVersion},
          {"name", name},
          {"notes", notes},
          {"frame",
           {{"axes", axes},
            {"units", unit->name},
            {"origin", {origin.x, origin.y, origin.z}},
            {"side", side}}},
          {"landmarks", json::object()},
          {"groups", groups},
          {"structures", structures},
          {"sources", json::object()}};
}

void initAtlas(const fs::path& dir, std::ostream& out) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw AtlasError(dir.string(), "", "folder does not exist or is not a folder");
  }
  const fs::path manifest = dir / "atlas.json";
  if (fs::exists(fs::symlink_status(manifest, ec))) {
    throw AtlasError(manifest.string(), "",
                     "already exists: atlas init never overwrites a manifest (move it away "
                     "first, or edit it and run `sura check`)");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if ((ext == ".vtp" || ext == ".stl" || ext == ".obj" || ext == ".ply") &&
        entry.is_regular_file(ec)) {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    throw AtlasError(dir.string(), "", "cannot list the folder (" + ec.message() + ")");
  }
  if (files.empty()) {
    throw AtlasError(dir.string(), "", "no mesh files here (.vtp, .stl, .obj or .ply)");
  }
  if (files.size() > kMaxStructures) {
    throw AtlasError(dir.string(), "",
                     std::to_string(files.size()) + " mesh files, more than the limit of " +
                         std::to_string(kMaxStructures) + " structures");
  }
  std::sort(files.begin(), files.end());
  std::vector<InitMesh> meshes;
  std::map<std::string, int> seen;
  for (const fs::path& file : files) {
    InitMesh m;
    m.file = file.filename().string();
    m.id = idFromFileName(file);
    if (const int n = ++seen[m.id]; n > 1) {
      m.id += "_" + std::to_string(n);
    }
    m.mesh = readMesh(file);
    meshes.push_back(std::move(m));
  }
  std::vector<std::string> said;
  const std::string name = "Atlas of " + fs::absolute(dir).lexically_normal().filename().string() +
                           " (started by sura atlas init)";
  const json manifestJson = guessManifest(meshes, name, said);
  try {
    writeFileAtomically(manifest, manifestJson.dump(2) + "\n");
  } catch (const FileWriteError& e) {
    throw AtlasError(manifest.string(), "", e.message);
  }
  out << "wrote " << manifest.string() << ": " << meshes.size() << " structures\n"
      << "guessed (also in its \"notes\"):\n";
  for (const std::string& line : said) {
    out << "  " << line << "\n";
  }
  out << "next: edit it, then `sura check " << dir.string()
      << "` (it warns about an implausible frame), then `sura --atlas " << dir.string() << "`\n";
}

} // namespace sura
