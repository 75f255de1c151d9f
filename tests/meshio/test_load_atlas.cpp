#include "meshio/load_atlas.h"

#include "atlas/atlas_fixture.h"
#include "mesh_fixtures.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>

namespace fs = std::filesystem;
using nlohmann::json;
using sura::AtlasError;
using sura::TriangleMesh;
using sura::test::TempDir;

namespace {

// The fixture manifest's meshes: a.obj, sub/b.obj and bone.obj, all tetrahedra.
void writeMeshes(const TempDir& dir) {
  const TriangleMesh t = sura::test::tetrahedron();
  sura::test::writeBytes(dir / "a.obj", sura::test::objText(t));
  fs::create_directories(dir / "sub");
  sura::test::writeBytes(dir / "sub" / "b.obj", sura::test::objText(t));
  sura::test::writeBytes(dir / "bone.obj", sura::test::objText(t));
}

std::optional<AtlasError> loadError(const fs::path& dir) {
  try {
    sura::loadAtlas(dir);
  } catch (const AtlasError& e) {
    return e;
  }
  return std::nullopt;
}

} // namespace

TEST_CASE("loadAtlas reads every mesh, keyed by structure id") {
  TempDir dir;
  sura::test::writeManifest(dir.path(), sura::test::validManifest());
  writeMeshes(dir);
  const sura::LoadedAtlas loaded = sura::loadAtlas(dir.path());
  CHECK(loaded.atlas.structures.size() == 4);
  CHECK(loaded.meshes.size() == 3); // "calf" is a grouping node without a mesh
  CHECK(loaded.meshes.count("calf") == 0);
  CHECK(loaded.meshFiles.at("head_b") == fs::canonical(dir / "sub" / "b.obj"));
  for (const char* id : {"head_a", "head_b", "bone"}) {
    CAPTURE(id);
    const TriangleMesh& m = loaded.meshes.at(id);
    CHECK(m.triangles.size() == 4);
    CHECK(sura::bounds(m).lo == glm::dvec3(10, 20, 30)); // RAS, mm, origin 0: unchanged
  }
}

TEST_CASE("loadAtlas maps each frame into RAS millimetres and keeps triangles outward") {
  const TriangleMesh t = sura::test::tetrahedron();
  const double volume = sura::test::signedVolume6(t);
  const char* frames[] = {"RAS", "LPS", "LAS", "ASR", "IRP", "SRA"};
  for (const char* axes : frames) {
    CAPTURE(axes);
    TempDir dir;
    json m = sura::test::validManifest();
    m["frame"] = {{"axes", axes}, {"units", "cm"}, {"origin", {10, 20, 30}}, {"side", "right"}};
    sura::test::writeManifest(dir.path(), m);
    writeMeshes(dir);
    const sura::LoadedAtlas loaded = sura::loadAtlas(dir.path());
    const TriangleMesh& mesh = loaded.meshes.at("head_a");
    REQUIRE(mesh.points.size() == t.points.size());
    // Every file point appears, mapped by toSuraFrame (which tests/atlas checks by hand).
    for (const auto& p : t.points) {
      const glm::dvec3 q = sura::toSuraFrame(loaded.atlas.frame, p);
      CHECK(std::count(mesh.points.begin(), mesh.points.end(), q) == 1);
    }
    // The knee joint centre (file origin) maps to 0 and 1 cm to 10 mm.
    CHECK(glm::length(sura::toSuraFrame(loaded.atlas.frame, {10, 20, 30})) == 0.0);
    // Volume scales by 10^3 and stays positive: mirrored frames had their winding flipped.
    CHECK(sura::test::signedVolume6(mesh) == doctest::Approx(volume * 1000.0));
  }
}

TEST_CASE("a shared mesh file is read once and given to each structure") {
  TempDir dir;
  json m = sura::test::validManifest();
  m["structures"][2]["mesh"] = "a.obj";
  sura::test::writeManifest(dir.path(), m);
  writeMeshes(dir);
  const auto loaded = sura::loadAtlas(dir.path());
  CHECK(loaded.meshes.at("head_a").points == loaded.meshes.at("head_b").points);
}

TEST_CASE("loadAtlas names the manifest for path problems and the mesh for damaged meshes") {
  TempDir dir;
  sura::test::writeManifest(dir.path(), sura::test::validManifest());
  writeMeshes(dir);
  const std::string manifest = (dir / "atlas.json").string();

  fs::remove(dir / "bone.obj");
  auto e = loadError(dir.path());
  REQUIRE(e);
  CHECK(e->file == manifest);
  CHECK(e->field == "structures[3].mesh");
  CHECK(e->message.find("not found") != std::string::npos);

  sura::test::writeBytes(dir / "bone.obj", "v 0 0 0\nf 1 2 3\n");
  e = loadError(dir.path());
  REQUIRE(e);
  CHECK(e->file == fs::canonical(dir / "bone.obj").string());
  CHECK(e->field == "structures[3].mesh");
  CHECK(e->message.rfind("bone: ", 0) == 0);
  CHECK(e->message.find("out of range") != std::string::npos);
  CHECK(std::string(e->what()) == e->file + ": structures[3].mesh: " + e->message);

  sura::test::writeBytes(dir / "bone.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n");
  e = loadError(dir.path());
  REQUIRE(e);
  CHECK(e->message == "bone: mesh has no triangles");

  // Outside the folder: nothing there is opened, even though the file is a good mesh.
  TempDir outside;
  sura::test::writeBytes(outside / "good.obj", sura::test::objText(sura::test::tetrahedron()));
  fs::remove(dir / "bone.obj");
  fs::create_symlink(outside / "good.obj", dir / "bone.obj");
  e = loadError(dir.path());
  REQUIRE(e);
  CHECK(e->file == manifest);
  CHECK(e->field == "structures[3].mesh");
  CHECK(e->message.find("outside the atlas folder") != std::string::npos);
}

TEST_CASE("coordinates that overflow when scaled to millimetres are refused") {
  TempDir dir;
  json m = sura::test::validManifest();
  m["frame"]["units"] = "m";
  sura::test::writeManifest(dir.path(), m);
  writeMeshes(dir);
  // 3e38 fits a float; times 1000 it does not fit a float, but it does fit a double, so
  // this mesh is fine...
  sura::test::writeBytes(dir / "a.obj", "v 0 0 0\nv 3e38 0 0\nv 0 1 0\nf 1 2 3\n");
  CHECK(sura::bounds(sura::loadAtlas(dir.path()).meshes.at("head_a")).hi.x ==
        doctest::Approx(3e41).epsilon(1e-6));
  // ...while a manifest whose origin pushes the result past a double is refused.
  m["frame"]["origin"] = {-1.7e308, 0, 0};
  sura::test::writeManifest(dir.path(), m);
  const auto e = loadError(dir.path());
  REQUIRE(e);
  CHECK(e->field == "structures[1].mesh");
  CHECK(e->message.find("overflow") != std::string::npos);
}

TEST_CASE("bundledAtlasDir is the source tree's meshes folder unless SURA_ATLAS_DIR is set") {
  // The tests run from the build folder: no installed atlas beside them.
  const char* old = std::getenv("SURA_ATLAS_DIR");
  const std::string saved = old == nullptr ? "" : old;
  unsetenv("SURA_ATLAS_DIR");
  CHECK(sura::bundledAtlasDir() == fs::path(SURA_SOURCE_DIR) / "meshes");
  CHECK(fs::exists(sura::bundledAtlasDir() / "atlas.json"));
  setenv("SURA_ATLAS_DIR", "/some/where", 1);
  CHECK(sura::bundledAtlasDir() == fs::path("/some/where"));
  setenv("SURA_ATLAS_DIR", "", 1);
  CHECK(sura::bundledAtlasDir() == fs::path(SURA_SOURCE_DIR) / "meshes");
  if (old != nullptr) {
    setenv("SURA_ATLAS_DIR", saved.c_str(), 1);
  } else {
    unsetenv("SURA_ATLAS_DIR");
  }
}

TEST_CASE("the installed atlas is looked for beside the running program, under share/sura") {
  const sura::AtlasSearch search = sura::bundledAtlasSearch();
  const fs::path program = fs::read_symlink("/proc/self/exe");
  CHECK(search.installed ==
        (program.parent_path() / ".." / "share" / "sura" / "meshes").lexically_normal());
  CHECK(search.source == fs::path(SURA_SOURCE_DIR) / "meshes");
}

TEST_CASE("findBundledAtlas: the variable, else the installed atlas, else the source tree's") {
  TempDir root;
  const fs::path installed = root / "usr" / "share" / "sura" / "meshes";
  const fs::path source = root / "src" / "meshes";
  fs::create_directories(installed);
  fs::create_directories(source);
  sura::test::writeBytes(source / "atlas.json", "{}");
  sura::AtlasSearch search{"", installed, source};

  // An installed folder without a manifest (a half-removed package) is passed over.
  CHECK(sura::findBundledAtlas(search) == source);
  sura::test::writeBytes(installed / "atlas.json", "{}");
  CHECK(sura::findBundledAtlas(search) == installed);
  // The variable wins even over a folder that does not exist: loadAtlas will name it.
  search.environment = (root / "elsewhere").string();
  CHECK(sura::findBundledAtlas(search) == root / "elsewhere");

  // Neither: one message naming both places and what to do.
  search.environment.clear();
  fs::remove(installed / "atlas.json");
  fs::remove(source / "atlas.json");
  try {
    sura::findBundledAtlas(search);
    FAIL("no atlas anywhere must throw");
  } catch (const AtlasError& e) {
    CHECK(e.file == (installed / "atlas.json").string());
    CHECK(e.message.find(source.string()) != std::string::npos);
    CHECK(e.message.find("--atlas") != std::string::npos);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
  // A program whose own path is unknown still finds the source tree's atlas.
  sura::test::writeBytes(source / "atlas.json", "{}");
  CHECK(sura::findBundledAtlas({"", "", source}) == source);
}

TEST_CASE("the tiny fixture atlas in tests/data loads") {
  const fs::path dir = fs::path(SURA_SOURCE_DIR) / "tests" / "data" / "tiny-atlas";
  const sura::LoadedAtlas loaded = sura::loadAtlas(dir);
  for (const auto& s : loaded.atlas.structures) {
    CAPTURE(s.id);
    if (s.mesh.empty()) {
      continue;
    }
    const TriangleMesh& m = loaded.meshes.at(s.id);
    CHECK(m.triangles.size() >= 4);
    CHECK(sura::test::signedVolume6(m) > 0); // closed and outward
  }
  // Skin encloses the other meshes, as in the real atlas.
  const sura::Aabb skin = sura::bounds(loaded.meshes.at("skin"));
  for (const auto& [id, m] : loaded.meshes) {
    CAPTURE(id);
    const sura::Aabb box = sura::bounds(m);
    CHECK(box.lo.x >= skin.lo.x);
    CHECK(box.lo.z >= skin.lo.z);
    CHECK(box.hi.x <= skin.hi.x);
    CHECK(box.hi.z <= skin.hi.z);
  }
}

TEST_CASE("the shipped atlas loads completely (once the generated meshes exist)") {
  const fs::path dir = fs::path(SURA_SOURCE_DIR) / "meshes";
  if (!fs::exists(dir / "skin.vtp")) {
    MESSAGE("meshes/skin.vtp not generated yet: shipped-atlas mesh checks skipped");
    return;
  }
  const sura::LoadedAtlas loaded = sura::loadAtlas(dir);
  const sura::Landmarks& l = loaded.atlas.landmarks;
  for (const auto& s : loaded.atlas.structures) {
    CAPTURE(s.id);
    if (s.mesh.empty()) {
      CHECK(loaded.meshes.count(s.id) == 0);
      continue;
    }
    const TriangleMesh& m = loaded.meshes.at(s.id);
    CHECK(m.triangles.size() > 100);
    const sura::Aabb box = sura::bounds(m);
    // Everything lies within a generous box around the leg: from above the knee to below
    // the heel, and no wider than a leg.
    CHECK(box.lo.z > -l.legLength - 150.0);
    CHECK(box.hi.z < 250.0);
    CHECK(box.size().x < 200.0);
    CHECK(box.size().y < 300.0);
  }
  const sura::Aabb skin = sura::bounds(loaded.meshes.at("skin"));
  CHECK(skin.lo.z < l.medialMalleolus.z);
  CHECK(skin.hi.z > l.kneeJointLineZ);
}
