#include "app/scene_file.h"

#include "app/atomic_file.h"

#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>
#include <utility>

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace sura {

namespace {
// A saved needle is put in again along a ray starting this far outside its entry.
constexpr double kSceneNeedleLeadMm = 2.0;
} // namespace

namespace {

// ---------------------------------------------------------------------------------- writing

Json vec3Json(const glm::dvec3& v) {
  return Json::array({v.x, v.y, v.z});
}

// JSON has no NaN: a depth that does not exist (no skin, a ray that never leaves) is null.
Json numberOrNull(double value) {
  return std::isnan(value) ? Json(nullptr) : Json(value);
}

Json pickJson(const PickedPoint& pick) {
  Json layers = Json::array();
  for (const PickedLayer& layer : pick.layers) {
    layers.push_back({{"structure", layer.structure},
                      {"entry_mm", numberOrNull(layer.entryMm)},
                      {"exit_mm", numberOrNull(layer.exitMm)}});
  }
  return {{"structure", pick.structure},
          {"point", vec3Json(pick.point)},
          {"normal", vec3Json(pick.normal)},
          {"description", pick.description},
          {"depth_mm", numberOrNull(pick.depthMm)},
          {"layers", std::move(layers)},
          {"nearest_trigger_point", pick.nearestTriggerPoint},
          {"trigger_point_distance_mm", pick.triggerPointDistanceMm},
          {"trigger_point_mark", pick.triggerPointMark}};
}

Json toJson(const SavedScene& scene) {
  Json view = {{"preset", std::string(viewPresetName(scene.view))}, {"at_preset", scene.atView}};
  if (scene.camera) {
    view["camera"] = {{"position", vec3Json(scene.camera->position)},
                      {"focal_point", vec3Json(scene.camera->focalPoint)},
                      {"view_up", vec3Json(scene.camera->viewUp)}};
  }
  Json opacity = Json::object();
  for (const auto& [id, value] : scene.opacity) {
    opacity[id] = value;
  }
  Json selection = {{"structure", scene.selected}};
  if (scene.pick) {
    selection["pick"] = pickJson(*scene.pick);
  }
  Json root = {
      {"format", kSceneFormat},
      {"version", kSceneVersion},
      {"atlas", scene.atlas},
      {"notes", scene.notes},
      {"view", std::move(view)},
      {"leg", std::string(sideName(scene.side))},
      {"layers", {{"hidden", scene.hidden}, {"peeled", scene.peeled}, {"opacity", opacity}}},
      {"selection", std::move(selection)},
      {"trigger_points",
       {{"shown", scene.triggerPointsShown},
        {"focus", scene.selectedTriggerPoint},
        {"referred", scene.referredShown}}}};
  if (scene.needle) {
    const SceneNeedle& n = *scene.needle;
    root["needle"] = {{"entry", vec3Json(n.entry)},  {"direction", vec3Json(n.direction)},
                      {"length_mm", n.lengthMm},     {"gauge_mm", n.gaugeMm},
                      {"inserted_mm", n.insertedMm}, {"trigger_point", n.triggerPoint}};
  }
  if (scene.section) {
    root["section"] = {{"z_mm", scene.section->zMm}};
  }
  root["labels_shown"] = scene.labelsShown;
  root["label_language"] = std::string(labelLanguageName(scene.labelLanguage));
  Json labels = Json::array();
  for (const SceneLabel& label : scene.labels) {
    labels.push_back({{"structure", label.structure}, {"text", label.text}});
  }
  root["labels"] = std::move(labels);
  Json pins = Json::array();
  for (const ScenePin& pin : scene.pins) {
    Json p = {{"point", vec3Json(pin.point)},
              {"normal", vec3Json(pin.normal)},
              {"structure", pin.structure},
              {"text", pin.text}};
    if (pin.location) {
      p["location"] = {{"t", pin.location->t},
                       {"degrees", pin.location->degrees},
                       {"from_midline_mm", pin.location->fromMidlineMm}};
    }
    pins.push_back(std::move(p));
  }
  root["pins"] = std::move(pins);
  return root;
}

// ---------------------------------------------------------------------------------- reading

std::string joinField(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string indexField(const std::string& parent, std::size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}

const char* typeName(const Json& v) {
  switch (v.type()) {
  case Json::value_t::null:
    return "null";
  case Json::value_t::object:
    return "an object";
  case Json::value_t::array:
    return "a list";
  case Json::value_t::string:
    return "text";
  case Json::value_t::boolean:
    return "true or false";
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
  case Json::value_t::number_float:
    return "a number";
  default:
    return "something else";
  }
}

// Reads the fields of one scene file; every problem names the file and the field.
class Reader {
public:
  explicit Reader(const fs::path& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw SceneError(file_, field, message);
  }

  void requireType(const Json& v, Json::value_t type, const char* expected,
                   const std::string& field) const {
    const bool number = type == Json::value_t::number_float && v.is_number();
    if (v.type() != type && !number) {
      fail(field, std::string("must be ") + expected + ", not " + typeName(v));
    }
  }

  /// Refuses keys this version does not know: a typo in a hand-written scene is named, not
  /// silently ignored.
  void onlyKeys(const Json& object, const std::string& field,
                std::initializer_list<const char*> known) const {
    for (const auto& item : object.items()) {
      bool ok = false;
      for (const char* key : known) {
        ok = ok || item.key() == key;
      }
      if (!ok) {
        fail(joinField(field, item.key()), "unknown field (scene format " +
                                               std::to_string(kSceneVersion) +
                                               " has no such field)");
      }
    }
  }

  /// The member, or nullptr when it is absent (every field but format and version may be).
  const Json* member(const Json& object, const char* key) const {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  const Json& object(const Json& parent, const std::string& parentField, const char* key,
                     std::initializer_list<const char*> known) const {
    static const Json kEmpty = Json::object();
    const Json* v = member(parent, key);
    if (v == nullptr) {
      return kEmpty;
    }
    requireType(*v, Json::value_t::object, "an object", joinField(parentField, key));
    onlyKeys(*v, joinField(parentField, key), known);
    return *v;
  }

  std::string text(const Json& parent, const std::string& parentField, const char* key,
                   bool required = false) const {
    const Json* v = member(parent, key);
    if (v == nullptr) {
      if (required) {
        fail(joinField(parentField, key), "missing");
      }
      return {};
    }
    requireType(*v, Json::value_t::string, "text", joinField(parentField, key));
    return v->get<std::string>();
  }

  std::string id(const Json& parent, const std::string& parentField, const char* key,
                 bool required = false) const {
    std::string value = text(parent, parentField, key, required);
    if (required && value.empty()) {
      fail(joinField(parentField, key), "must name an id, not be empty");
    }
    return value;
  }

  bool boolean(const Json& parent, const std::string& parentField, const char* key,
               bool fallback) const {
    const Json* v = member(parent, key);
    if (v == nullptr) {
      return fallback;
    }
    requireType(*v, Json::value_t::boolean, "true or false", joinField(parentField, key));
    return v->get<bool>();
  }

  double number(const Json& v, const std::string& field) const {
    requireType(v, Json::value_t::number_float, "a number", field);
    const double value = v.get<double>();
    if (!std::isfinite(value)) {
      fail(field, "must be a finite number");
    }
    return value;
  }

  double number(const Json& parent, const std::string& parentField, const char* key,
                double fallback, bool required = false) const {
    const Json* v = member(parent, key);
    if (v == nullptr) {
      if (required) {
        fail(joinField(parentField, key), "missing");
      }
      return fallback;
    }
    return number(*v, joinField(parentField, key));
  }

  /// A number, or null for "none" (read as NaN).
  double numberOrNull(const Json& parent, const std::string& parentField, const char* key) const {
    const Json* v = member(parent, key);
    if (v == nullptr || v->is_null()) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    return number(*v, joinField(parentField, key));
  }

  glm::dvec3 vec3(const Json& parent, const std::string& parentField, const char* key,
                  const glm::dvec3& fallback, bool required = false) const {
    const std::string field = joinField(parentField, key);
    const Json* v = member(parent, key);
    if (v == nullptr) {
      if (required) {
        fail(field, "missing");
      }
      return fallback;
    }
    if (!v->is_array() || v->size() != 3) {
      fail(field, "must be a list of three numbers [x, y, z] in mm");
    }
    return {number((*v)[0], indexField(field, 0)), number((*v)[1], indexField(field, 1)),
            number((*v)[2], indexField(field, 2))};
  }

  glm::dvec3 direction(const Json& parent, const std::string& parentField, const char* key,
                       const glm::dvec3& fallback, bool required = false) const {
    const glm::dvec3 d = vec3(parent, parentField, key, fallback, required);
    const double length = std::sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
    if (std::abs(length - 1.0) > 1e-6) {
      fail(joinField(parentField, key),
           "must be a unit vector (its length is " + std::to_string(length) + ")");
    }
    return d;
  }

  std::vector<std::string> ids(const Json& v, const std::string& field) const {
    requireType(v, Json::value_t::array, "a list of ids", field);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      requireType(v[i], Json::value_t::string, "an id (text)", indexField(field, i));
      if (v[i].get_ref<const std::string&>().empty()) {
        fail(indexField(field, i), "must name an id, not be empty");
      }
      out.push_back(v[i].get<std::string>());
    }
    return out;
  }

  std::vector<std::string> ids(const Json& parent, const std::string& parentField,
                               const char* key) const {
    const Json* v = member(parent, key);
    return v == nullptr ? std::vector<std::string>{} : ids(*v, joinField(parentField, key));
  }

  const Json& list(const Json& parent, const std::string& parentField, const char* key) const {
    static const Json kEmpty = Json::array();
    const Json* v = member(parent, key);
    if (v == nullptr) {
      return kEmpty;
    }
    requireType(*v, Json::value_t::array, "a list", joinField(parentField, key));
    return *v;
  }

  const Json& element(const Json& list, const std::string& field, std::size_t i,
                      std::initializer_list<const char*> known) const {
    requireType(list[i], Json::value_t::object, "an object", indexField(field, i));
    onlyKeys(list[i], indexField(field, i), known);
    return list[i];
  }

private:
  const fs::path& file_;
};

PickedPoint readPick(const Reader& r, const Json& p, const std::string& field) {
  PickedPoint pick;
  pick.structure = r.id(p, field, "structure", true);
  pick.point = r.vec3(p, field, "point", {}, true);
  pick.normal = r.direction(p, field, "normal", {0.0, 0.0, 1.0});
  pick.description = r.text(p, field, "description");
  pick.depthMm = r.numberOrNull(p, field, "depth_mm");
  const std::string layersField = joinField(field, "layers");
  const Json& layers = r.list(p, field, "layers");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Json& l = r.element(layers, layersField, i, {"structure", "entry_mm", "exit_mm"});
    const std::string at = indexField(layersField, i);
    PickedLayer layer;
    layer.structure = r.id(l, at, "structure", true);
    layer.entryMm = r.numberOrNull(l, at, "entry_mm");
    layer.exitMm = r.numberOrNull(l, at, "exit_mm");
    pick.layers.push_back(std::move(layer));
  }
  pick.nearestTriggerPoint = r.text(p, field, "nearest_trigger_point");
  pick.triggerPointDistanceMm = r.number(p, field, "trigger_point_distance_mm", 0.0);
  pick.triggerPointMark = r.text(p, field, "trigger_point_mark");
  return pick;
}

// The scene format version of the file, once it is known to be one this Sura reads.
int readHeader(const Reader& r, const Json& root) {
  if (!root.is_object()) {
    r.fail("", std::string("not a Sura scene file (the file is ") + typeName(root) +
                   ", not a JSON object)");
  }
  const Json* format = r.member(root, "format");
  if (format == nullptr) {
    r.fail("format", "missing: not a Sura scene file (a scene starts with \"format\": \"" +
                         std::string(kSceneFormat) + "\")");
  }
  if (!format->is_string() || format->get<std::string>() != kSceneFormat) {
    r.fail("format", format->dump() + " is not a Sura scene file (expected \"" +
                         std::string(kSceneFormat) + "\")");
  }
  const Json* version = r.member(root, "version");
  if (version == nullptr) {
    r.fail("version", "missing");
  }
  if (!version->is_number_integer()) {
    r.fail("version", "must be a whole number, not " + version->dump());
  }
  const auto v = version->get<long long>();
  if (v > kSceneVersion) {
    r.fail("version", "made by a newer Sura (scene format " + std::to_string(v) +
                          "; this Sura reads formats up to " + std::to_string(kSceneVersion) +
                          "): update Sura to open it");
  }
  if (v < 1) {
    r.fail("version", std::to_string(v) + " is not a scene format (the first is 1)");
  }
  return static_cast<int>(v);
}

SavedScene readScene(const Reader& r, const Json& root) {
  const int version = readHeader(r, root);
  r.onlyKeys(root, "",
             {"format", "version", "atlas", "notes", "view", "leg", "layers", "selection",
              "trigger_points", "needle", "section", "labels_shown", "label_language", "labels",
              "pins"});
  if (version == 1) {
    for (const char* key : {"labels_shown", "label_language"}) {
      if (r.member(root, key) != nullptr) {
        r.fail(key, "unknown field (scene format 1 has no such field; it came with format 2)");
      }
    }
  }
  SavedScene scene;
  scene.atlas = r.text(root, "", "atlas");
  scene.notes = r.text(root, "", "notes");

  const Json& view = r.object(root, "", "view", {"preset", "at_preset", "camera"});
  if (const Json* preset = r.member(view, "preset")) {
    const std::string name = r.text(view, "view", "preset");
    const std::optional<ViewPreset> parsed = parseViewPreset(name);
    if (!parsed) {
      std::string names;
      for (ViewPreset p : kViewPresets) {
        names += (names.empty() ? "" : ", ") + std::string(viewPresetName(p));
      }
      r.fail("view.preset", preset->dump() + " is not one of " + names);
    }
    scene.view = *parsed;
  }
  scene.atView = r.boolean(view, "view", "at_preset", true);
  if (r.member(view, "camera") != nullptr) {
    const Json& c = r.object(view, "view", "camera", {"position", "focal_point", "view_up"});
    SceneCamera camera;
    camera.position = r.vec3(c, "view.camera", "position", {}, true);
    camera.focalPoint = r.vec3(c, "view.camera", "focal_point", {}, true);
    camera.viewUp = r.direction(c, "view.camera", "view_up", {0.0, 0.0, 1.0});
    if (camera.position == camera.focalPoint) {
      r.fail("view.camera.focal_point", "must differ from the position");
    }
    scene.camera = camera;
  }

  if (const Json* leg = r.member(root, "leg")) {
    const std::string name = r.text(root, "", "leg");
    if (name != "right" && name != "left") {
      r.fail("leg", leg->dump() + " is not \"right\" or \"left\"");
    }
    scene.side = name == "left" ? Side::Left : Side::Right;
  }

  const Json& layers = r.object(root, "", "layers", {"hidden", "peeled", "opacity"});
  for (std::string& id : r.ids(layers, "layers", "hidden")) {
    scene.hidden.insert(std::move(id));
  }
  const Json& peeled = r.list(layers, "layers", "peeled");
  for (std::size_t i = 0; i < peeled.size(); ++i) {
    scene.peeled.push_back(r.ids(peeled[i], indexField("layers.peeled", i)));
  }
  if (const Json* o = r.member(layers, "opacity")) {
    r.requireType(*o, Json::value_t::object, "an object of id: opacity", "layers.opacity");
    for (const auto& item : o->items()) {
      const std::string field = "layers.opacity." + item.key();
      const double value = r.number(item.value(), field);
      if (value < 0.0 || value > 1.0) {
        r.fail(field, "must be from 0 to 1, not " + item.value().dump());
      }
      scene.opacity[item.key()] = static_cast<float>(value);
    }
  }

  const Json& selection = r.object(root, "", "selection", {"structure", "pick"});
  scene.selected = r.text(selection, "selection", "structure");
  if (r.member(selection, "pick") != nullptr) {
    const Json& pick =
        r.object(selection, "selection", "pick",
                 {"structure", "point", "normal", "description", "depth_mm", "layers",
                  "nearest_trigger_point", "trigger_point_distance_mm", "trigger_point_mark"});
    scene.pick = readPick(r, pick, "selection.pick");
    // As in AppState: a clicked point's structure is the one selected.
    if (scene.pick->structure != scene.selected) {
      r.fail("selection.pick.structure", "'" + scene.pick->structure +
                                             "' is not the selected structure '" + scene.selected +
                                             "'");
    }
  }

  const Json& points = r.object(root, "", "trigger_points", {"shown", "focus", "referred"});
  for (std::string& id : r.ids(points, "trigger_points", "shown")) {
    scene.triggerPointsShown.insert(std::move(id));
  }
  scene.selectedTriggerPoint = r.text(points, "trigger_points", "focus");
  scene.referredShown = r.text(points, "trigger_points", "referred");
  // As in AppState: the point in focus is one of those shown.
  if (!scene.selectedTriggerPoint.empty() &&
      !scene.triggerPointsShown.count(scene.selectedTriggerPoint)) {
    r.fail("trigger_points.focus",
           "'" + scene.selectedTriggerPoint + "' is not among trigger_points.shown");
  }

  if (r.member(root, "needle") != nullptr) {
    const Json& n =
        r.object(root, "", "needle",
                 {"entry", "direction", "length_mm", "gauge_mm", "inserted_mm", "trigger_point"});
    SceneNeedle needle;
    needle.entry = r.vec3(n, "needle", "entry", {}, true);
    needle.direction = r.direction(n, "needle", "direction", {}, true);
    needle.lengthMm = r.number(n, "needle", "length_mm", 0.0, true);
    needle.gaugeMm = r.number(n, "needle", "gauge_mm", 0.0, true);
    needle.insertedMm = r.number(n, "needle", "inserted_mm", 0.0);
    needle.triggerPoint = r.text(n, "needle", "trigger_point");
    if (needle.lengthMm <= 0.0) {
      r.fail("needle.length_mm", "must be more than 0");
    }
    if (needle.gaugeMm <= 0.0) {
      r.fail("needle.gauge_mm", "must be more than 0");
    }
    if (needle.insertedMm < 0.0 || needle.insertedMm > needle.lengthMm) {
      r.fail("needle.inserted_mm", "must be from 0 to the needle's length_mm");
    }
    scene.needle = needle;
  }

  if (r.member(root, "section") != nullptr) {
    const Json& s = r.object(root, "", "section", {"z_mm"});
    scene.section = SceneSection{r.number(s, "section", "z_mm", 0.0, true)};
  }

  const Json& labels = r.list(root, "", "labels");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const Json& l = r.element(labels, "labels", i, {"structure", "text"});
    const std::string at = indexField("labels", i);
    scene.labels.push_back({r.id(l, at, "structure", true), r.text(l, at, "text")});
  }
  if (const auto problem = labelListProblem(scene.labels)) {
    r.fail(joinField(indexField("labels", problem->index), problem->field), problem->message);
  }
  // Version 1 said only that the labels listed are shown beside their structures.
  scene.labelsShown = r.boolean(root, "", "labels_shown", version == 1 && !scene.labels.empty());
  if (const Json* language = r.member(root, "label_language")) {
    const std::optional<LabelLanguage> parsed =
        parseLabelLanguage(r.text(root, "", "label_language"));
    if (!parsed) {
      r.fail("label_language", language->dump() + R"( is not "en", "la" or "both")");
    }
    scene.labelLanguage = *parsed;
  }
  const Json& pins = r.list(root, "", "pins");
  for (std::size_t i = 0; i < pins.size(); ++i) {
    const Json& p =
        r.element(pins, "pins", i, {"point", "normal", "structure", "text", "location"});
    const std::string at = indexField("pins", i);
    ScenePin pin;
    pin.point = r.vec3(p, at, "point", {}, true);
    pin.normal = r.direction(p, at, "normal", {0.0, 0.0, 1.0});
    pin.structure = r.id(p, at, "structure", true);
    pin.text = r.text(p, at, "text");
    if (pin.text.size() > kMaxPinTextBytes) {
      r.fail(joinField(at, "text"),
             "a pin's note is at most " + std::to_string(kMaxPinTextBytes) + " bytes");
    }
    if (r.member(p, "location") != nullptr) {
      const std::string field = joinField(at, "location");
      if (version == 1) {
        r.fail(field, "unknown field (scene format 1 has no such field; it came with format 2)");
      }
      const Json& l = r.object(p, at, "location", {"t", "degrees", "from_midline_mm"});
      PinLocation location;
      location.t = r.number(l, field, "t", 0.0, true);
      location.degrees = r.number(l, field, "degrees", 0.0, true);
      location.fromMidlineMm = r.number(l, field, "from_midline_mm", 0.0, true);
      if (location.degrees < 0.0 || location.degrees > 360.0) {
        r.fail(joinField(field, "degrees"),
               "must be from 0 to 360 (round the leg from lateral toward anterior)");
      }
      if (location.fromMidlineMm < 0.0) {
        r.fail(joinField(field, "from_midline_mm"), "must be 0 or more");
      }
      pin.location = location;
    }
    scene.pins.push_back(std::move(pin));
  }
  return scene;
}

// --------------------------------------------------------------------------------- equality

bool sameNumber(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

bool samePick(const PickedPoint& a, const PickedPoint& b) {
  if (a.layers.size() != b.layers.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    if (a.layers[i].structure != b.layers[i].structure ||
        !sameNumber(a.layers[i].entryMm, b.layers[i].entryMm) ||
        !sameNumber(a.layers[i].exitMm, b.layers[i].exitMm)) {
      return false;
    }
  }
  return a.structure == b.structure && a.point == b.point && a.normal == b.normal &&
         a.description == b.description && sameNumber(a.depthMm, b.depthMm) &&
         a.nearestTriggerPoint == b.nearestTriggerPoint &&
         a.triggerPointDistanceMm == b.triggerPointDistanceMm &&
         a.triggerPointMark == b.triggerPointMark;
}

bool sameLocation(const PinLocation& a, const PinLocation& b) {
  return a.t == b.t && a.degrees == b.degrees && a.fromMidlineMm == b.fromMidlineMm;
}

bool sameCamera(const SceneCamera& a, const SceneCamera& b) {
  return a.position == b.position && a.focalPoint == b.focalPoint && a.viewUp == b.viewUp;
}

bool sameNeedle(const SceneNeedle& a, const SceneNeedle& b) {
  return a.entry == b.entry && a.direction == b.direction && a.lengthMm == b.lengthMm &&
         a.gaugeMm == b.gaugeMm && a.insertedMm == b.insertedMm && a.triggerPoint == b.triggerPoint;
}

template <typename T, typename Same>
bool sameOptional(const std::optional<T>& a, const std::optional<T>& b, Same same) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

// The known id of an atlas, or a SceneError naming the field.
class AtlasCheck {
public:
  AtlasCheck(const SavedScene& scene, const Atlas& atlas, const fs::path& file)
      : scene_(scene), atlas_(atlas), file_(file) {}

  void structure(const std::string& id, const std::string& field) const {
    if (atlas_.find(id) == nullptr) {
      unknown("structure", id, field);
    }
  }
  void triggerPoint(const std::string& id, const std::string& field) const {
    if (atlas_.findTriggerPoint(id) == nullptr) {
      unknown("trigger point", id, field);
    }
  }

private:
  [[noreturn]] void unknown(const char* what, const std::string& id,
                            const std::string& field) const {
    std::string message = std::string("unknown ") + what + " id '" + id + "'";
    if (!scene_.atlas.empty() && scene_.atlas != atlas_.name) {
      message += " (the scene was made on the atlas '" + scene_.atlas + "', this is '" +
                 atlas_.name + "')";
    } else {
      message += " (`sura check` lists the ids)";
    }
    throw SceneError(file_, field, message);
  }

  const SavedScene& scene_;
  const Atlas& atlas_;
  const fs::path& file_;
};

} // namespace

std::string lineAndColumn(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

SceneError::SceneError(fs::path file_, std::string field_, const std::string& message_)
    : std::runtime_error(file_.string() + ": " + (field_.empty() ? "" : field_ + ": ") + message_),
      file(std::move(file_)), field(std::move(field_)), message(message_) {}

bool operator==(const SavedScene& a, const SavedScene& b) {
  return a.atlas == b.atlas && a.notes == b.notes && a.view == b.view && a.atView == b.atView &&
         sameOptional(a.camera, b.camera, sameCamera) && a.side == b.side && a.hidden == b.hidden &&
         a.peeled == b.peeled && a.opacity == b.opacity && a.selected == b.selected &&
         sameOptional(a.pick, b.pick, samePick) && a.triggerPointsShown == b.triggerPointsShown &&
         a.selectedTriggerPoint == b.selectedTriggerPoint && a.referredShown == b.referredShown &&
         sameOptional(a.needle, b.needle, sameNeedle) &&
         sameOptional(
             a.section, b.section,
             [](const SceneSection& x, const SceneSection& y) { return x.zMm == y.zMm; }) &&
         a.labelsShown == b.labelsShown && a.labelLanguage == b.labelLanguage &&
         a.labels.size() == b.labels.size() &&
         std::equal(a.labels.begin(), a.labels.end(), b.labels.begin(),
                    [](const SceneLabel& x, const SceneLabel& y) {
                      return x.structure == y.structure && x.text == y.text;
                    }) &&
         a.pins.size() == b.pins.size() &&
         std::equal(a.pins.begin(), a.pins.end(), b.pins.begin(),
                    [](const ScenePin& x, const ScenePin& y) {
                      return x.point == y.point && x.normal == y.normal &&
                             x.structure == y.structure && x.text == y.text &&
                             sameOptional(x.location, y.location, sameLocation);
                    });
}

SavedScene sceneOf(const AppState& state, const Atlas& atlas) {
  SavedScene scene;
  scene.atlas = atlas.name;
  scene.view = state.view;
  scene.atView = state.atView;
  scene.side = state.side;
  scene.hidden = state.hidden;
  scene.peeled = state.peeled;
  scene.opacity = state.opacity;
  scene.selected = state.selected;
  scene.pick = state.pick;
  scene.triggerPointsShown = state.triggerPointsShown;
  scene.selectedTriggerPoint = state.selectedTriggerPoint;
  scene.referredShown = state.referredShown;
  if (state.sectionZ) {
    scene.section = SceneSection{*state.sectionZ};
  }
  scene.labelsShown = state.labels.shown;
  scene.labelLanguage = state.labels.language;
  scene.labels = state.labels.only;
  for (const Pin& pin : state.pins) {
    scene.pins.push_back({pin.point, pin.normal, pin.structure, pin.text, pin.location});
  }
  // The needle as placed (a needle not yet placed has no points to save).
  if (state.needle && state.needle->readout) {
    const NeedleReadout& r = *state.needle->readout;
    const NeedlePlacement& p = r.placement;
    scene.needle = SceneNeedle{asDrawn(p.entry, r.mirrored),
                               asDrawn(p.direction, r.mirrored),
                               p.lengthMm,
                               p.gaugeMm,
                               p.insertedMm,
                               state.needle->request.triggerPoint};
  }
  return scene;
}

AppState stateOf(const SavedScene& scene, const AppState& current) {
  AppState state;
  state.view = scene.view;
  state.atView = scene.atView;
  state.side = scene.side;
  state.hidden = scene.hidden;
  state.peeled = scene.peeled;
  state.opacity = scene.opacity;
  state.selected = scene.selected;
  state.pick = scene.pick;
  state.triggerPointsShown = scene.triggerPointsShown;
  state.selectedTriggerPoint = scene.selectedTriggerPoint;
  state.referredShown = scene.referredShown;
  if (scene.section) {
    state.sectionZ = scene.section->zMm;
  }
  state.labels.shown = scene.labelsShown;
  state.labels.language = scene.labelLanguage;
  state.labels.only = scene.labels;
  // As saved; the app puts them back on this atlas's surfaces (app/pin_placement.h).
  for (const ScenePin& pin : scene.pins) {
    state.pins.push_back({pin.structure, pin.point, pin.normal, pin.text, pin.location});
  }
  state.needleSettings = current.needleSettings;
  if (scene.needle) {
    // Put in again as saved: at its trigger point, or along its direction through its entry,
    // the tip where it was. The app places and reads it for the leg shown.
    const SceneNeedle& n = *scene.needle;
    ShownNeedle needle;
    needle.request.triggerPoint = n.triggerPoint;
    const glm::dvec3 direction = glm::normalize(n.direction);
    needle.request.origin = n.entry - direction * kSceneNeedleLeadMm;
    needle.request.direction = direction;
    if (n.insertedMm < n.lengthMm) {
      needle.request.target = n.entry + direction * n.insertedMm;
    }
    state.needle = needle;
    state.needleSettings.lengthMm = n.lengthMm;
    state.needleSettings.gaugeMm = n.gaugeMm;
    state.needleSettings.byAngles = false;
    state.needleRequest = current.needleRequest + 1;
  }
  // Settings of the room, not of the scene.
  state.uiScale = current.uiScale;
  // The camera goes to the scene's view, as after Reset.
  state.viewRequest = current.viewRequest + 1;
  state.frameRequest = current.frameRequest;
  return state;
}

std::string sceneJson(const SavedScene& scene) {
  return toJson(scene).dump(2) + "\n";
}

SavedScene parseScene(const std::string& text, const fs::path& file) {
  const Reader reader(file);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    reader.fail("", "empty file, not a scene (damaged?)");
  }
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& e) {
    reader.fail("",
                "damaged: not valid JSON at " + lineAndColumn(text, e.byte == 0 ? 0 : e.byte - 1));
  }
  return readScene(reader, root);
}

std::string readSceneText(const fs::path& file, const std::string& kind) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (!fs::exists(status)) {
    throw SceneError(file, "", "no such file");
  }
  if (fs::is_directory(status)) {
    throw SceneError(file, "", "is a folder, not a " + kind + " file");
  }
  const std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > kMaxSceneBytes) {
    throw SceneError(file, "",
                     "too large for a " + kind + " file (" + std::to_string(size) +
                         " bytes; at most " + std::to_string(kMaxSceneBytes) + ")");
  }
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw SceneError(file, "",
                     std::string("cannot be read: ") +
                         (errno != 0 ? std::strerror(errno) : "unknown error"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    throw SceneError(file, "", "cannot be read (input/output error)");
  }
  return text.str();
}

SavedScene loadScene(const fs::path& file) {
  return parseScene(readSceneText(file, "scene"), file);
}

void checkScene(const SavedScene& scene, const Atlas& atlas, const fs::path& file) {
  const AtlasCheck check(scene, atlas, file);
  for (const std::string& id : scene.hidden) {
    check.structure(id, "layers.hidden");
  }
  for (std::size_t step = 0; step < scene.peeled.size(); ++step) {
    for (std::size_t k = 0; k < scene.peeled[step].size(); ++k) {
      check.structure(scene.peeled[step][k], indexField(indexField("layers.peeled", step), k));
    }
  }
  for (const auto& [id, value] : scene.opacity) {
    check.structure(id, "layers.opacity." + id);
  }
  if (!scene.selected.empty()) {
    check.structure(scene.selected, "selection.structure");
  }
  if (scene.pick) {
    const PickedPoint& pick = *scene.pick;
    check.structure(pick.structure, "selection.pick.structure");
    for (std::size_t k = 0; k < pick.layers.size(); ++k) {
      check.structure(pick.layers[k].structure,
                      indexField("selection.pick.layers", k) + ".structure");
    }
    if (!pick.nearestTriggerPoint.empty()) {
      check.triggerPoint(pick.nearestTriggerPoint, "selection.pick.nearest_trigger_point");
    }
    if (!pick.triggerPointMark.empty()) {
      check.triggerPoint(pick.triggerPointMark, "selection.pick.trigger_point_mark");
    }
  }
  for (const std::string& id : scene.triggerPointsShown) {
    check.triggerPoint(id, "trigger_points.shown");
  }
  if (!scene.selectedTriggerPoint.empty()) {
    check.triggerPoint(scene.selectedTriggerPoint, "trigger_points.focus");
  }
  if (!scene.referredShown.empty()) {
    check.triggerPoint(scene.referredShown, "trigger_points.referred");
  }
  if (scene.needle && !scene.needle->triggerPoint.empty()) {
    check.triggerPoint(scene.needle->triggerPoint, "needle.trigger_point");
  }
  for (std::size_t k = 0; k < scene.labels.size(); ++k) {
    check.structure(scene.labels[k].structure, indexField("labels", k) + ".structure");
  }
  for (std::size_t k = 0; k < scene.pins.size(); ++k) {
    const std::string field = indexField("pins", k) + ".structure";
    check.structure(scene.pins[k].structure, field);
    if (const Structure* s = atlas.find(scene.pins[k].structure); s && s->mesh.empty()) {
      throw SceneError(file, field,
                       "'" + s->id + "' has no surface of its own: pin one of its parts");
    }
  }
}

void writeOverReadable(const fs::path& file, const std::string& kind, const std::string& text,
                       const std::function<void(const fs::path&)>& read) {
  std::error_code ec;
  if (fs::exists(file, ec) || fs::is_symlink(file, ec)) {
    // Only a file this Sura can read is replaced: a damaged file may still be rescued by
    // hand, and one from a newer Sura holds what this one would drop.
    try {
      read(file);
    } catch (const SceneError& e) {
      throw SceneError(file, e.field,
                       e.message + "; not overwritten (save the " + kind + " under another name)");
    }
  }
  writeFileAtomically(file, text);
}

void saveScene(const SavedScene& scene, const fs::path& file) {
  writeOverReadable(file, "scene", sceneJson(scene), [](const fs::path& f) { loadScene(f); });
}

} // namespace sura
