#include "atlas/atlas.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace sura {

namespace {

std::string composeWhat(const std::string& file, const std::string& field,
                        const std::string& message) {
  // Values are shortened where they are quoted; this keeps the whole line bounded and free
  // of control characters whatever a message holds.
  const std::string f = printable(file, 1000);
  const std::string m = printable(message, 600);
  return field.empty() ? f + ": " + m : f + ": " + printable(field, 200) + ": " + m;
}

// Landmark t above the knee joint line: the origins of the gastrocnemius heads and plantaris
// lie up to a fifth of the leg length above it; lower than that is not the lower leg.
constexpr double kLandmarkTMin = -0.25;

const char* typeName(const json& v) {
  if (v.is_number_integer()) {
    return "an integer";
  }
  switch (v.type()) {
  case json::value_t::null:
    return "null";
  case json::value_t::object:
    return "an object";
  case json::value_t::array:
    return "an array";
  case json::value_t::string:
    return "a string";
  case json::value_t::boolean:
    return "a boolean";
  default:
    return "a number";
  }
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

bool isIdentifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Walks a parsed manifest; every check throws one AtlasError naming the JSON path.
class ManifestReader {
public:
  explicit ManifestReader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw AtlasError(file_, field, message);
  }

  void expectObject(const json& v, const std::string& path) const {
    if (!v.is_object()) {
      fail(path, std::string("expected an object, found ") + typeName(v));
    }
  }

  // Unknown keys are refused inside the known objects so that a typo ("opactiy") is not
  // silently ignored.
  void onlyKeys(const json& obj, const std::string& path,
                std::initializer_list<const char*> known) const {
    for (const auto& item : obj.items()) {
      const bool ok =
          std::any_of(known.begin(), known.end(), [&](const char* k) { return item.key() == k; });
      if (!ok) {
        std::string list;
        for (const char* k : known) {
          list += list.empty() ? k : std::string(", ") + k;
        }
        fail(join(path, printable(item.key())), "unknown key (expected one of: " + list + ")");
      }
    }
  }

  const json* optional(const json& obj, const char* key) const {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  const json& required(const json& obj, const std::string& path, const char* key) const {
    const json* v = optional(obj, key);
    if (v == nullptr) {
      fail(join(path, key), "missing required field");
    }
    return *v;
  }

  std::string string(const json& v, const std::string& path, bool allowEmpty) const {
    if (!v.is_string()) {
      fail(path, std::string("expected a string, found ") + typeName(v));
    }
    std::string s = v.get<std::string>();
    if (!allowEmpty && s.empty()) {
      fail(path, "must not be empty");
    }
    // C functions (file names, the terminal) would stop at a NUL and use the rest silently.
    if (s.find('\0') != std::string::npos) {
      fail(path, "holds a NUL character (\\u0000)");
    }
    return s;
  }

  std::string requiredString(const json& obj, const std::string& path, const char* key) const {
    return string(required(obj, path, key), join(path, key), false);
  }

  std::string optionalString(const json& obj, const std::string& path, const char* key) const {
    const json* v = optional(obj, key);
    return v == nullptr ? std::string() : string(*v, join(path, key), true);
  }

  int integer(const json& v, const std::string& path) const {
    if (!v.is_number_integer()) {
      fail(path, std::string("expected an integer, found ") + typeName(v));
    }
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(INT_MAX)) {
        fail(path, "integer out of range");
      }
      return static_cast<int>(u);
    }
    const auto i = v.get<std::int64_t>();
    if (i < INT_MIN || i > INT_MAX) {
      fail(path, "integer out of range");
    }
    return static_cast<int>(i);
  }

  double number(const json& v, const std::string& path) const {
    if (!v.is_number()) {
      fail(path, std::string("expected a number, found ") + typeName(v));
    }
    const double d = v.get<double>();
    if (!std::isfinite(d)) {
      fail(path, "number is not finite");
    }
    return d;
  }

  glm::dvec3 vec3(const json& v, const std::string& path) const {
    if (!v.is_array() || v.size() != 3) {
      fail(path, std::string("expected an array of 3 numbers [x, y, z], found ") +
                     (v.is_array() ? "an array of " + std::to_string(v.size()) : typeName(v)));
    }
    return {number(v[0], index(path, 0)), number(v[1], index(path, 1)),
            number(v[2], index(path, 2))};
  }

  glm::vec3 color(const json& v, const std::string& path) const {
    const std::string s = string(v, path, false);
    const bool shape =
        s.size() == 7 && s[0] == '#' && std::all_of(s.begin() + 1, s.end(), [](char c) {
          return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        });
    if (!shape) {
      fail(path, "bad colour " + shown(s) + " (expected \"#rrggbb\")");
    }
    const unsigned long rgb = std::stoul(s.substr(1), nullptr, 16);
    return glm::vec3(static_cast<float>((rgb >> 16) & 0xffu),
                     static_cast<float>((rgb >> 8) & 0xffu), static_cast<float>(rgb & 0xffu)) /
           255.0f;
  }

  void readHeader(const json& root, Atlas& atlas) const {
    const std::string format = string(required(root, "", "format"), "format", true);
    if (format != "sura-atlas") {
      fail("format", "expected \"sura-atlas\", found " + shown(format));
    }
    atlas.version = integer(required(root, "", "version"), "version");
    if (atlas.version != kAtlasFormatVersion) {
      fail("version", "unsupported version " + std::to_string(atlas.version) +
                          " (this build reads version " + std::to_string(kAtlasFormatVersion) +
                          ")");
    }
    atlas.name = requiredString(root, "", "name");
  }

  Frame readFrame(const json& root) const {
    const json& f = required(root, "", "frame");
    expectObject(f, "frame");
    onlyKeys(f, "frame", {"axes", "units", "origin", "side"});
    Frame frame;
    frame.axes = requiredString(f, "frame", "axes");
    const std::string pairs[3] = {"RL", "AP", "SI"};
    bool used[3] = {false, false, false};
    bool ok = frame.axes.size() == 3;
    for (std::size_t i = 0; ok && i < 3; ++i) {
      bool found = false;
      for (std::size_t p = 0; p < 3; ++p) {
        if (pairs[p].find(frame.axes[i]) != std::string::npos && !used[p]) {
          used[p] = true;
          found = true;
        }
      }
      ok = found;
    }
    if (!ok) {
      fail("frame.axes", "bad axes " + shown(frame.axes) +
                             " (expected 3 capital letters, one of R/L, one of A/P and one of "
                             "S/I, e.g. \"RAS\" or \"LPS\")");
    }
    const std::string units = requiredString(f, "frame", "units");
    if (units == "mm") {
      frame.unitScale = 1.0;
    } else if (units == "cm") {
      frame.unitScale = 10.0;
    } else if (units == "m") {
      frame.unitScale = 1000.0;
    } else {
      fail("frame.units", "bad units " + shown(units) + " (expected \"mm\", \"cm\" or \"m\")");
    }
    frame.origin = vec3(required(f, "frame", "origin"), "frame.origin");
    frame.side = requiredString(f, "frame", "side");
    if (frame.side != "right" && frame.side != "left") {
      fail("frame.side", "bad side " + shown(frame.side) + " (expected \"right\" or \"left\")");
    }
    return frame;
  }

  // Every landmark is optional: a feature needs only those it uses (landmarkUses), and the
  // loader derives what the meshes can give (meshio/atlas_checks.h).
  Landmarks readLandmarks(const json& root) const {
    const std::string p = "landmarks";
    Landmarks lm;
    const json* section = optional(root, "landmarks");
    if (section == nullptr) {
      section = &emptyObject();
    }
    const json& l = *section;
    expectObject(l, p);
    onlyKeys(l, p,
             {"knee_joint_line_z", "leg_length", "medial_malleolus", "lateral_malleolus",
              "fibular_head", "medial_femoral_condyle", "lateral_femoral_condyle",
              "calcaneal_tuberosity"});
    if (const json* v = optional(l, "knee_joint_line_z")) {
      lm.kneeJointLineZ = number(*v, join(p, "knee_joint_line_z"));
      lm.from["knee_joint_line_z"] = "manifest";
    } else {
      // The frame's origin is the centre of the knee joint line, by definition.
      lm.kneeJointLineZ = 0;
      lm.from["knee_joint_line_z"] = "the frame's origin (the centre of the knee joint line)";
    }
    auto point = [&](const char* key, glm::dvec3& value) {
      if (const json* v = optional(l, key)) {
        value = vec3(*v, join(p, key));
        lm.from[key] = "manifest";
      }
    };
    point("medial_malleolus", lm.medialMalleolus);
    point("lateral_malleolus", lm.lateralMalleolus);
    point("fibular_head", lm.fibularHead);
    point("medial_femoral_condyle", lm.medialFemoralCondyle);
    point("lateral_femoral_condyle", lm.lateralFemoralCondyle);
    point("calcaneal_tuberosity", lm.calcanealTuberosity);
    if (const json* v = optional(l, "leg_length")) {
      lm.legLength = number(*v, join(p, "leg_length"));
      if (lm.legLength <= 0) {
        fail(join(p, "leg_length"), "must be positive");
      }
      lm.from["leg_length"] = "manifest";
    } else if (lm.has("medial_malleolus") && lm.kneeJointLineZ > lm.medialMalleolus.z) {
      // Its definition: the knee joint line to the tip of the medial malleolus.
      lm.legLength = lm.kneeJointLineZ - lm.medialMalleolus.z;
      lm.from["leg_length"] = "knee joint line to the medial malleolus";
    }
    return lm;
  }

  static const json& emptyObject() {
    static const json empty = json::object();
    return empty;
  }

  std::map<std::string, std::string> readSources(const json& root) const {
    const json& s = required(root, "", "sources");
    expectObject(s, "sources");
    std::map<std::string, std::string> sources;
    for (const auto& item : s.items()) {
      if (item.key().empty()) {
        fail("sources", "a source key must not be empty");
      }
      sources[item.key()] = string(item.value(), join("sources", printable(item.key())), false);
    }
    return sources;
  }

  std::vector<Group> readGroups(const json& root) const {
    const json& g = required(root, "", "groups");
    if (!g.is_array() || g.empty()) {
      fail("groups", std::string("expected a non-empty array of groups, found ") +
                         (g.is_array() ? "an empty array" : typeName(g)));
    }
    limitCount(g, "groups", "groups", kMaxGroups);
    std::vector<Group> groups;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < g.size(); ++i) {
      const std::string p = index("groups", i);
      expectObject(g[i], p);
      onlyKeys(g[i], p, {"id", "name", "order"});
      Group group;
      group.id = requiredString(g[i], p, "id");
      if (!isIdentifier(group.id)) {
        fail(join(p, "id"), "bad id " + shown(group.id) + " (use a-z, 0-9 and _)");
      }
      if (!ids.insert(group.id).second) {
        fail(join(p, "id"), "duplicate group id " + shown(group.id) + "");
      }
      group.name = requiredString(g[i], p, "name");
      group.order = integer(required(g[i], p, "order"), join(p, "order"));
      groups.push_back(group);
    }
    return groups;
  }

  InfoCard readInfo(const json& info, const std::string& p,
                    const std::map<std::string, std::string>& sources) const {
    expectObject(info, p);
    onlyKeys(info, p,
             {"origin", "insertion", "action", "innervation", "blood_supply", "notes", "sources"});
    InfoCard card;
    card.origin = optionalString(info, p, "origin");
    card.insertion = optionalString(info, p, "insertion");
    card.action = optionalString(info, p, "action");
    card.innervation = optionalString(info, p, "innervation");
    card.bloodSupply = optionalString(info, p, "blood_supply");
    card.notes = optionalString(info, p, "notes");
    if (const json* s = optional(info, "sources")) {
      const std::string sp = join(p, "sources");
      if (!s->is_array()) {
        fail(sp, std::string("expected an array of source keys, found ") + typeName(*s));
      }
      for (std::size_t k = 0; k < s->size(); ++k) {
        const std::string key = string((*s)[k], index(sp, k), false);
        if (sources.count(key) == 0) {
          fail(index(sp, k), "unknown source key " + shown(key) + " (not in \"sources\")");
        }
        card.sources.push_back(key);
      }
    }
    return card;
  }

  void checkMeshSyntax(const std::string& mesh, const std::string& p) const {
    if (mesh.empty()) {
      fail(p, "must not be empty (leave \"mesh\" out for a grouping node)");
    }
    if (std::any_of(mesh.begin(), mesh.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
      fail(p, "mesh path " + shown(mesh) + " holds a control character");
    }
    const fs::path path(mesh);
    if (path.is_absolute() || path.has_root_name() || path.has_root_directory()) {
      fail(p, "mesh path " + shown(mesh) + " must be relative to the atlas folder");
    }
    for (const auto& part : path) {
      if (part == "..") {
        fail(p, "mesh path " + shown(mesh) +
                    " must not contain '..' (it would leave the atlas folder)");
      }
    }
  }

  // The "id" of entry i of an array section: an identifier not used by an earlier entry.
  // `ids` maps the ids seen so far to their entries.
  std::string uniqueId(const json& e, const std::string& p, const std::string& what,
                       const std::string& section, std::size_t i,
                       std::map<std::string, std::size_t>& ids) const {
    std::string id = requiredString(e, p, "id");
    if (!isIdentifier(id)) {
      fail(join(p, "id"), "bad id " + shown(id) + " (use a-z, 0-9 and _)");
    }
    if (const auto [at, added] = ids.emplace(id, i); !added) {
      fail(join(p, "id"), "duplicate " + what + " id " + shown(id) + " (first at " + section + "[" +
                              std::to_string(at->second) + "])");
    }
    return id;
  }

  std::vector<Structure> readStructures(const json& root, const std::vector<Group>& groups,
                                        const std::map<std::string, std::string>& sources) const {
    const json& s = required(root, "", "structures");
    if (!s.is_array() || s.empty()) {
      fail("structures", std::string("expected a non-empty array of structures, found ") +
                             (s.is_array() ? "an empty array" : typeName(s)));
    }
    limitCount(s, "structures", "structures", kMaxStructures);
    std::set<std::string> groupIds;
    for (const Group& g : groups) {
      groupIds.insert(g.id);
    }
    std::vector<Structure> structures;
    std::map<std::string, std::size_t> ids;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::string p = index("structures", i);
      const json& e = s[i];
      expectObject(e, p);
      onlyKeys(
          e, p,
          {"id", "name", "latin", "group", "parent", "layer", "color", "opacity", "mesh", "info"});
      Structure st;
      st.id = uniqueId(e, p, "structure", "structures", i, ids);
      st.name = requiredString(e, p, "name");
      st.latin = optionalString(e, p, "latin");
      st.group = requiredString(e, p, "group");
      if (groupIds.count(st.group) == 0) {
        fail(join(p, "group"), "unknown group " + shown(st.group) + " (not in \"groups\")");
      }
      if (const json* parent = optional(e, "parent")) {
        st.parent = string(*parent, join(p, "parent"), false);
      }
      st.layer = integer(required(e, p, "layer"), join(p, "layer"));
      if (st.layer < 0) {
        fail(join(p, "layer"), "must be 0 (outermost) or more");
      }
      st.color = color(required(e, p, "color"), join(p, "color"));
      if (const json* o = optional(e, "opacity")) {
        const double opacity = number(*o, join(p, "opacity"));
        if (opacity < 0.0 || opacity > 1.0) {
          std::ostringstream msg;
          msg << "opacity " << opacity << " is outside 0..1";
          fail(join(p, "opacity"), msg.str());
        }
        st.opacity = static_cast<float>(opacity);
      }
      if (const json* m = optional(e, "mesh")) {
        st.mesh = string(*m, join(p, "mesh"), true);
        checkMeshSyntax(st.mesh, join(p, "mesh"));
      }
      if (const json* info = optional(e, "info")) {
        st.info = readInfo(*info, join(p, "info"), sources);
      }
      structures.push_back(st);
    }
    checkParents(structures, ids);
    return structures;
  }

  void checkParents(const std::vector<Structure>& structures,
                    const std::map<std::string, std::size_t>& ids) const {
    for (std::size_t i = 0; i < structures.size(); ++i) {
      const Structure& st = structures[i];
      if (!st.parent.empty() && ids.count(st.parent) == 0) {
        fail(join(index("structures", i), "parent"),
             "unknown parent " + shown(st.parent) + " (no structure has this id)");
      }
    }
    // Each structure has at most one parent, so the links form chains that end at a root
    // or run into a cycle. Every structure is walked once: a walk stops at a structure
    // already known to lead to a root, or at one on its own path (a cycle), so the whole
    // check takes linear time however long the chains.
    enum class Mark { Unvisited, OnPath, Done };
    std::vector<Mark> mark(structures.size(), Mark::Unvisited);
    std::vector<std::size_t> path;
    for (std::size_t start = 0; start < structures.size(); ++start) {
      path.clear();
      std::size_t current = start;
      bool cycle = false;
      while (mark[current] != Mark::Done) {
        if (mark[current] == Mark::OnPath) {
          cycle = true; // earlier walks are all Done: this one came round to itself
          break;
        }
        mark[current] = Mark::OnPath;
        path.push_back(current);
        const std::string& parent = structures[current].parent;
        if (parent.empty()) {
          break;
        }
        current = ids.at(parent);
      }
      if (cycle) {
        reportCycle(structures, ids, current);
      }
      for (const std::size_t i : path) {
        mark[i] = Mark::Done;
      }
    }
  }

  // The cycle through structures[first], named from its lowest index, a few links shown.
  [[noreturn]] void reportCycle(const std::vector<Structure>& structures,
                                const std::map<std::string, std::size_t>& ids,
                                std::size_t member) const {
    std::vector<std::size_t> cycle{member};
    for (std::size_t k = ids.at(structures[member].parent); k != member;
         k = ids.at(structures[k].parent)) {
      cycle.push_back(k);
    }
    const auto lowest = std::min_element(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), lowest, cycle.end());
    std::string chain;
    for (std::size_t k = 0; k <= cycle.size() && k < 6; ++k) {
      chain += (k == 0 ? "" : " -> ") + structures[cycle[k % cycle.size()]].id;
    }
    if (cycle.size() > 5) {
      chain += " -> ... (" + std::to_string(cycle.size()) + " structures)";
    }
    fail(join(index("structures", cycle.front()), "parent"), "parent cycle: " + chain);
  }

  std::vector<TriggerPoint> readTriggerPoints(const json& root, Atlas& atlas) const {
    std::vector<TriggerPoint> points;
    const json* list = optional(root, "trigger_points");
    if (list == nullptr) {
      return points;
    }
    if (!list->is_array()) {
      fail("trigger_points",
           std::string("expected an array of trigger points, found ") + typeName(*list));
    }
    limitCount(*list, "trigger_points", "trigger points", kMaxTriggerPoints);
    // Looked up by id for every point: a map, so that many points stay fast.
    std::map<std::string, const Structure*> structureById;
    for (const Structure& st : atlas.structures) {
      structureById.emplace(st.id, &st);
    }
    auto findStructure = [&](const std::string& id) -> const Structure* {
      const auto it = structureById.find(id);
      return it == structureById.end() ? nullptr : it->second;
    };
    std::map<std::string, std::size_t> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = index("trigger_points", i);
      const json& e = (*list)[i];
      expectObject(e, p);
      onlyKeys(e, p,
               {"id", "muscle", "label", "location", "radius_mm", "description", "referred_pain",
                "palpation", "needling", "structures_at_risk", "sources", "body_part"});
      TriggerPoint tp;
      tp.index = i;
      tp.id = uniqueId(e, p, "trigger point", "trigger_points", i, ids);
      tp.muscle = requiredString(e, p, "muscle");
      // A muscle this atlas does not hold (with a mesh) leaves the point out, said in
      // Atlas::skipped: the same points serve an atlas of a few muscles. The rest of the point
      // is still checked, so a mistake in it is found on any atlas.
      const Structure* muscle = findStructure(tp.muscle);
      std::string skip;
      if (muscle == nullptr) {
        skip = "muscle " + shown(tp.muscle) + " is not in this atlas: point left out";
      } else if (muscle->mesh.empty()) {
        skip = "structure " + shown(tp.muscle) +
               " has no mesh to place the point on (name the muscle or head it lies in): "
               "point left out";
      }
      tp.label = requiredString(e, p, "label");
      tp.location = readLocation(required(e, p, "location"), join(p, "location"));
      tp.radiusMm = number(required(e, p, "radius_mm"), join(p, "radius_mm"));
      if (!(tp.radiusMm > 0.0 && tp.radiusMm <= 50.0)) {
        fail(join(p, "radius_mm"), "radius " + show(tp.radiusMm) + " mm is outside (0, 50]");
      }
      tp.description = requiredString(e, p, "description");
      const json& zones = required(e, p, "referred_pain");
      const std::string zp = join(p, "referred_pain");
      if (!zones.is_array() || zones.empty()) {
        fail(zp, std::string("expected a non-empty array of referred-pain zones, found ") +
                     (zones.is_array() ? "an empty array" : typeName(zones)));
      }
      for (std::size_t k = 0; k < zones.size(); ++k) {
        tp.referredPain.push_back(readZone(zones[k], index(zp, k)));
      }
      if (const json* part = optional(e, "body_part")) {
        tp.bodyPart = string(*part, join(p, "body_part"), false);
        static const std::regex plain("[a-z]+( [a-z]+){0,3}");
        if (tp.bodyPart.size() > 30 || !std::regex_match(tp.bodyPart, plain)) {
          fail(join(p, "body_part"),
               "expected a few lower-case words such as \"shin\", at most 30 characters");
        }
      }
      tp.palpation = optionalString(e, p, "palpation");
      tp.needling = optionalString(e, p, "needling");
      if (const json* risk = optional(e, "structures_at_risk")) {
        const std::string rp = join(p, "structures_at_risk");
        for (const std::string& id : stringList(*risk, rp, "structure ids")) {
          if (!isIdentifier(id)) {
            fail(index(rp, tp.structuresAtRisk.size()),
                 "bad structure id " + shown(id) + " (use a-z, 0-9 and _)");
          }
          // Kept: the card still names it (a nerve at risk matters whether drawn or not).
          if (findStructure(id) == nullptr && skip.empty()) {
            atlas.skipped.push_back(
                {file_, index(rp, tp.structuresAtRisk.size()),
                 tp.id + ": structure at risk " + shown(id) +
                     " is not in this atlas: named on the card by its id, not drawn"});
          }
          tp.structuresAtRisk.push_back(id);
        }
      }
      const std::string sp = join(p, "sources");
      for (const std::string& key : stringList(required(e, p, "sources"), sp, "source keys")) {
        if (atlas.sources.count(key) == 0) {
          fail(index(sp, tp.sources.size()),
               "unknown source key " + shown(key) + " (not in \"sources\")");
        }
        tp.sources.push_back(key);
      }
      if (!skip.empty()) {
        atlas.skipped.push_back({file_, join(p, "muscle"), tp.id + ": " + skip});
        continue;
      }
      points.push_back(std::move(tp));
    }
    return points;
  }

private:
  void limitCount(const json& array, const char* path, const char* what, std::size_t limit) const {
    if (array.is_array() && array.size() > limit) {
      fail(path, std::to_string(array.size()) + " " + what + ", more than the limit of " +
                     std::to_string(limit));
    }
  }

  static std::string show(double d) {
    std::ostringstream out;
    out << d;
    return out.str();
  }

  // A non-empty array of non-empty strings.
  std::vector<std::string> stringList(const json& v, const std::string& path,
                                      const char* what) const {
    if (!v.is_array() || v.empty()) {
      fail(path, std::string("expected a non-empty array of ") + what + ", found " +
                     (v.is_array() ? "an empty array" : typeName(v)));
    }
    std::vector<std::string> out;
    for (std::size_t k = 0; k < v.size(); ++k) {
      out.push_back(string(v[k], index(path, k), false));
    }
    return out;
  }

  // [from, to] with lo <= from <= to <= hi.
  glm::dvec2 range(const json& v, const std::string& path, double lo, double hi) const {
    if (!v.is_array() || v.size() != 2) {
      fail(path, std::string("expected a range [from, to], found ") +
                     (v.is_array() ? "an array of " + std::to_string(v.size()) : typeName(v)));
    }
    const glm::dvec2 r(number(v[0], index(path, 0)), number(v[1], index(path, 1)));
    if (r.x > r.y) {
      fail(path, "range [" + show(r.x) + ", " + show(r.y) + "] runs backwards (from > to)");
    }
    if (r.x < lo || r.y > hi) {
      fail(path,
           "range [" + show(r.x) + ", " + show(r.y) + "] is outside " + show(lo) + ".." + show(hi));
    }
    return r;
  }

  double bounded(const json& obj, const std::string& path, const char* key, double lo,
                 double hi) const {
    const double d = number(required(obj, path, key), join(path, key));
    if (d < lo || d > hi) {
      fail(join(path, key),
           std::string(key) + " " + show(d) + " is outside " + show(lo) + ".." + show(hi));
    }
    return d;
  }

  std::string oneOf(const json& obj, const std::string& path, const char* key,
                    const std::vector<std::string>& names) const {
    const std::string s = requiredString(obj, path, key);
    if (std::find(names.begin(), names.end(), s) == names.end()) {
      fail(join(path, key), "bad " + std::string(key) + " " + shown(s) +
                                " (expected one of: " + joined(names) + ")");
    }
    return s;
  }

  static std::string joined(const std::vector<std::string>& names) {
    std::string list;
    for (const auto& n : names) {
      list += list.empty() ? n : ", " + n;
    }
    return list;
  }

  TriggerPointLocation readLocation(const json& l, const std::string& p) const {
    expectObject(l, p);
    onlyKeys(l, p, {"t", "m", "surface", "depth_mm"});
    TriggerPointLocation loc;
    loc.t = bounded(l, p, "t", kLandmarkTMin, 1.0);
    loc.m = bounded(l, p, "m", -1.0, 1.0);
    loc.surface = oneOf(l, p, "surface", legSurfaceNames());
    loc.depthMm = number(required(l, p, "depth_mm"), join(p, "depth_mm"));
    if (!(loc.depthMm > 0.0 && loc.depthMm <= 100.0)) {
      fail(join(p, "depth_mm"),
           "depth " + show(loc.depthMm) + " mm is outside (0, 100] (below the muscle's surface)");
    }
    return loc;
  }

  std::vector<std::string> surfaceList(const json& v, const std::string& path,
                                       const std::vector<std::string>& names) const {
    std::vector<std::string> out = stringList(v, path, "surface names");
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (std::find(names.begin(), names.end(), out[k]) == names.end()) {
        fail(index(path, k),
             "bad surface " + shown(out[k]) + " (expected one of: " + joined(names) + ")");
      }
    }
    return out;
  }

  SkinRegion readRegion(const json& r, const std::string& p) const {
    expectObject(r, p);
    SkinRegion region;
    const std::string part = oneOf(r, p, "part", {"leg", "foot", "off_model"});
    if (part == "leg") {
      onlyKeys(r, p, {"part", "t", "m", "surface"});
      region.part = SkinRegion::Part::Leg;
      region.t = range(required(r, p, "t"), join(p, "t"), kLandmarkTMin, 1.0);
      region.m = range(required(r, p, "m"), join(p, "m"), -1.0, 1.0);
      region.surfaces =
          surfaceList(required(r, p, "surface"), join(p, "surface"), legSurfaceNames());
    } else if (part == "foot") {
      onlyKeys(r, p, {"part", "u", "v", "surface"});
      region.part = SkinRegion::Part::Foot;
      region.u = range(required(r, p, "u"), join(p, "u"), 0.0, 1.0);
      region.v = range(required(r, p, "v"), join(p, "v"), -1.0, 1.0);
      region.surfaces =
          surfaceList(required(r, p, "surface"), join(p, "surface"), footSurfaceNames());
    } else {
      onlyKeys(r, p, {"part", "where"});
      region.part = SkinRegion::Part::OffModel;
      region.where = requiredString(r, p, "where");
    }
    return region;
  }

  ReferredZone readZone(const json& z, const std::string& p) const {
    expectObject(z, p);
    onlyKeys(z, p, {"kind", "region", "keywords", "description"});
    ReferredZone zone;
    zone.kind = oneOf(z, p, "kind", {"essential", "spillover"}) == "essential"
                    ? ZoneKind::Essential
                    : ZoneKind::Spillover;
    zone.region = readRegion(required(z, p, "region"), join(p, "region"));
    zone.keywords = stringList(required(z, p, "keywords"), join(p, "keywords"), "keywords");
    zone.description = requiredString(z, p, "description");
    return zone;
  }

  std::string file_;
};

// "... number overflow parsing '1e999'" -> "line L, column C: number overflow parsing '1e999'".
std::string locateLiteral(const std::string& text, const std::string& what) {
  std::string message = what.substr(what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2);
  const auto open = message.find('\'');
  const auto close = message.rfind('\'');
  if (open == std::string::npos || close <= open + 1) {
    return message;
  }
  const auto at = text.find(message.substr(open + 1, close - open - 1));
  if (at == std::string::npos) {
    return message;
  }
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const auto lineStart = text.rfind('\n', at);
  const auto column = at - (lineStart == std::string::npos ? 0 : lineStart + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

bool isInside(const fs::path& dir, const fs::path& path) {
  auto d = dir.begin();
  auto p = path.begin();
  for (; d != dir.end(); ++d, ++p) {
    if (p == path.end() || *d != *p) {
      return false;
    }
  }
  return p != path.end();
}

} // namespace

std::string printable(std::string_view value, std::size_t max) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  std::size_t shownChars = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    // Count characters, not the continuation bytes of UTF-8 sequences, and never cut one.
    if ((c & 0xc0u) != 0x80u) {
      if (shownChars == max) {
        return out + "...";
      }
      ++shownChars;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xfu];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string shown(std::string_view value) {
  return "'" + printable(value) + "'";
}

AtlasError::AtlasError(std::string file_, std::string field_, const std::string& message_)
    : std::runtime_error(composeWhat(file_, field_, message_)), file(std::move(file_)),
      field(std::move(field_)), message(message_) {}

const TriggerPoint* Atlas::findTriggerPoint(const std::string& id) const {
  for (const auto& tp : triggerPoints) {
    if (tp.id == id) {
      return &tp;
    }
  }
  return nullptr;
}

const std::vector<std::string>& legSurfaceNames() {
  static const std::vector<std::string> names = {"lateral",      "anterolateral", "anterior",
                                                 "anteromedial", "medial",        "posteromedial",
                                                 "posterior",    "posterolateral"};
  return names;
}

const std::vector<std::string>& footSurfaceNames() {
  static const std::vector<std::string> names = {"plantar", "dorsal",    "medial",
                                                 "lateral", "posterior", "anterior"};
  return names;
}

const Structure* Atlas::skin() const {
  for (const auto& s : structures) {
    if (s.group == "skin" && !s.mesh.empty()) {
      return &s;
    }
  }
  return nullptr;
}

const Structure* Atlas::find(const std::string& id) const {
  for (const auto& s : structures) {
    if (s.id == id) {
      return &s;
    }
  }
  return nullptr;
}

fs::path atlasFolderOf(const fs::path& dirOrManifest) {
  std::error_code ec;
  // A manifest named by its path: its folder. Anything else is taken as the folder, and
  // parseManifest says what is wrong with it.
  if (dirOrManifest.filename() == "atlas.json" && !fs::is_directory(dirOrManifest, ec)) {
    const fs::path parent = dirOrManifest.parent_path();
    return parent.empty() ? fs::path(".") : parent;
  }
  return dirOrManifest;
}

const std::vector<std::string>& landmarkKeys() {
  static const std::vector<std::string> keys = {
      "knee_joint_line_z",       "leg_length",          "medial_malleolus",
      "lateral_malleolus",       "fibular_head",        "medial_femoral_condyle",
      "lateral_femoral_condyle", "calcaneal_tuberosity"};
  return keys;
}

std::string landmarkUses(const std::string& key) {
  if (key == "knee_joint_line_z" || key == "leg_length") {
    return "level t everywhere: placing trigger points and leg regions of referred pain, "
           "picking's t, sections by t";
  }
  if (key == "medial_malleolus" || key == "lateral_malleolus") {
    return "foot regions of referred pain (the foot is the skin below both malleoli) and "
           "picking's foot words (sole, top of the foot, heel)";
  }
  return "nothing yet (kept for reference)";
}

std::string AtlasWarning::line() const {
  return composeWhat(file, field, message);
}

Atlas parseManifest(const fs::path& atlasPath) {
  const fs::path atlasDir = atlasFolderOf(atlasPath);
  const fs::path manifest = atlasDir / "atlas.json";
  const std::string file = manifest.string();

  std::error_code ec;
  if (!fs::is_directory(atlasDir, ec)) {
    throw AtlasError(atlasDir.string(), "", "atlas folder does not exist or is not a folder");
  }
  const fs::path canonicalDir = fs::canonical(atlasDir, ec);
  const fs::path canonicalManifest = fs::canonical(manifest, ec);
  if (ec) {
    throw AtlasError(file, "", "manifest not found (" + ec.message() + ")");
  }
  // atlas.json itself may be a symlink; it must not lead out of the folder either.
  if (!isInside(canonicalDir, canonicalManifest)) {
    throw AtlasError(file, "", "manifest is a link to a file outside the atlas folder");
  }
  if (!fs::is_regular_file(canonicalManifest, ec)) {
    throw AtlasError(file, "", "manifest is not a regular file");
  }
  const std::uintmax_t size = fs::file_size(canonicalManifest, ec);
  if (ec || size > kMaxManifestBytes) {
    throw AtlasError(file, "", "manifest is unreadable or larger than 16 MB");
  }
  std::ifstream in(canonicalManifest, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    throw AtlasError(file, "", "cannot read manifest");
  }
  return parseManifestText(text.str(), atlasDir);
}

Atlas parseManifestText(const std::string& all, const fs::path& atlasDir) {
  Atlas atlas;
  atlas.dir = atlasDir;
  atlas.manifest = atlasDir / "atlas.json";
  const std::string file = atlas.manifest.string();
  if (all.size() > kMaxManifestBytes) {
    throw AtlasError(file, "", "manifest is unreadable or larger than 16 MB");
  }

  // A NUL byte would end the text for some readers and the rest would be ignored; JSON text
  // never holds one (inside a string it is written \u0000).
  if (all.find('\0') != std::string::npos) {
    const std::size_t at = all.find('\0');
    const auto line =
        1 + std::count(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    const std::size_t lineStart = all.rfind('\n', at);
    const std::size_t column = at - (lineStart == std::string::npos ? 0 : lineStart + 1) + 1;
    throw AtlasError(file, "",
                     "malformed JSON: NUL byte at line " + std::to_string(line) + ", column " +
                         std::to_string(column));
  }
  json root;
  try {
    root = json::parse(all);
  } catch (const json::parse_error& e) {
    // nlohmann's message already says "parse error at line L, column C: ..."; drop its
    // "[json.exception.parse_error.101] " prefix.
    std::string what = e.what();
    const auto cut = what.find("] ");
    throw AtlasError(file, "",
                     "malformed JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
  } catch (const json::exception& e) {
    // A number literal too large for a double ("1e999"): nlohmann names the literal but
    // not where it is, so find it.
    throw AtlasError(file, "", "malformed JSON: " + locateLiteral(all, e.what()));
  }

  const ManifestReader reader(file);
  reader.expectObject(root, "");
  reader.readHeader(root, atlas);
  atlas.frame = reader.readFrame(root);
  atlas.landmarks = reader.readLandmarks(root);
  atlas.sources = reader.readSources(root);
  atlas.groups = reader.readGroups(root);
  atlas.structures = reader.readStructures(root, atlas.groups, atlas.sources);
  atlas.triggerPoints = reader.readTriggerPoints(root, atlas);
  return atlas;
}

namespace {

// Which Sura axis (0 = x/R, 1 = y/A, 2 = z/S) a frame letter names, and its sign.
std::pair<int, double> suraAxis(char letter) {
  switch (letter) {
  case 'R':
    return {0, 1.0};
  case 'L':
    return {0, -1.0};
  case 'A':
    return {1, 1.0};
  case 'P':
    return {1, -1.0};
  case 'S':
    return {2, 1.0};
  default: // 'I'; axes are validated when the manifest is parsed
    return {2, -1.0};
  }
}

} // namespace

glm::dvec3 toSuraFrame(const Frame& f, const glm::dvec3& filePoint) {
  const glm::dvec3 local = (filePoint - f.origin) * f.unitScale;
  glm::dvec3 out(0.0);
  for (int i = 0; i < 3 && i < static_cast<int>(f.axes.size()); ++i) {
    const auto [axis, sign] = suraAxis(f.axes[static_cast<std::size_t>(i)]);
    out[axis] = sign * local[i];
  }
  return out;
}

bool mirrorsHandedness(const Frame& f) {
  // The axis map is a signed permutation: its determinant is the permutation's parity
  // times the product of the signs.
  int axis[3] = {0, 1, 2};
  double sign = 1.0;
  for (std::size_t i = 0; i < 3 && i < f.axes.size(); ++i) {
    const auto [a, s] = suraAxis(f.axes[i]);
    axis[i] = a;
    sign *= s;
  }
  int inversions = 0;
  for (int i = 0; i < 3; ++i) {
    for (int j = i + 1; j < 3; ++j) {
      inversions += axis[i] > axis[j] ? 1 : 0;
    }
  }
  const double det = (inversions % 2 == 0 ? 1.0 : -1.0) * sign;
  return det < 0.0;
}

fs::path resolveMeshPath(const Atlas& atlas, std::size_t i) {
  const std::string file = atlas.manifest.string();
  const std::string field = "structures[" + std::to_string(i) + "].mesh";
  if (i >= atlas.structures.size()) {
    throw AtlasError(file, field, "no such structure");
  }
  const Structure& st = atlas.structures[i];
  if (st.mesh.empty()) {
    throw AtlasError(file, field, "structure " + shown(st.id) + " has no mesh");
  }
  const fs::path rel(st.mesh);
  if (rel.is_absolute() || rel.has_root_name() || rel.has_root_directory() ||
      std::any_of(rel.begin(), rel.end(), [](const fs::path& part) { return part == ".."; })) {
    throw AtlasError(file, field, "mesh path " + shown(st.mesh) + " leaves the atlas folder");
  }
  std::error_code ec;
  const fs::path dir = fs::canonical(atlas.dir, ec);
  if (ec) {
    throw AtlasError(file, field, "cannot resolve the atlas folder (" + ec.message() + ")");
  }
  const fs::path full = fs::canonical(atlas.dir / rel, ec);
  if (ec) {
    throw AtlasError(file, field,
                     "mesh file " + shown(st.mesh) + " of " + shown(st.id) + " not found (" +
                         ec.message() + ")");
  }
  if (!isInside(dir, full)) {
    throw AtlasError(file, field,
                     "mesh path " + shown(st.mesh) + " of " + shown(st.id) +
                         " resolves outside the atlas folder (symlink?)");
  }
  if (!fs::is_regular_file(full, ec)) {
    throw AtlasError(file, field,
                     "mesh path " + shown(st.mesh) + " of " + shown(st.id) +
                         " is not a regular file");
  }
  return full;
}

} // namespace sura
