// The safety map's cache: a shortcut that is read only when it holds exactly the map of these
// meshes and settings, and passed over otherwise.
#include "app/safety_map_cache.h"
#include "app/user_folders.h"

#include "atlas/atlas_fixture.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

using namespace sura;
using sura::test::TempDir;

namespace {

std::map<std::string, TriangleMesh> someMeshes() {
  TriangleMesh skin;
  skin.points = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
  skin.triangles = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
  TriangleMesh nerve = skin;
  for (glm::dvec3& p : nerve.points) {
    p *= 0.2;
  }
  return {{"skin", skin}, {"tibial_nerve", nerve}};
}

} // namespace

TEST_CASE("the cache file is named by everything the map depends on") {
  const std::filesystem::path folder = "/cache";
  const auto meshes = someMeshes();
  const auto file = safetyMapCacheFile(folder, meshes, 5.0, 0.3);
  CHECK(file.parent_path() == folder);
  CHECK(file == safetyMapCacheFile(folder, meshes, 5.0, 0.3));  // the same every time
  CHECK(file != safetyMapCacheFile(folder, meshes, 6.0, 0.3));  // margin
  CHECK(file != safetyMapCacheFile(folder, meshes, 5.0, 0.25)); // gauge
  auto moved = meshes;
  moved["tibial_nerve"].points[1].x += 0.001; // a nerve a micrometre away
  CHECK(file != safetyMapCacheFile(folder, moved, 5.0, 0.3));
  auto renamed = meshes;
  renamed["sural_nerve"] = renamed["tibial_nerve"];
  renamed.erase("tibial_nerve");
  CHECK(file != safetyMapCacheFile(folder, renamed, 5.0, 0.3));
}

TEST_CASE("depths saved are read back; a damaged, short or foreign file is passed over") {
  TempDir dir;
  const auto file = dir.path() / "sub" / "map.bin"; // the folder is made
  const std::vector<float> depths = {0.0f, 12.5f, 40.0f, 75.0f};
  REQUIRE(writeSafetyMapCache(file, depths));
  const auto read = readSafetyMapCache(file, depths.size());
  REQUIRE(read);
  CHECK(*read == depths);

  CHECK_FALSE(readSafetyMapCache(file, depths.size() + 1)); // another skin
  CHECK_FALSE(readSafetyMapCache(dir.path() / "none.bin", depths.size()));

  auto bytes = [&] {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  auto rewrite = [&](const std::string& content) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
  };
  rewrite(bytes.substr(0, bytes.size() - 1)); // cut short
  CHECK_FALSE(readSafetyMapCache(file, depths.size()));
  std::string foreign = bytes;
  foreign[0] = 'X'; // not ours
  rewrite(foreign);
  CHECK_FALSE(readSafetyMapCache(file, depths.size()));
  std::string wrongCount = bytes;
  wrongCount[8] = 3; // says 3 depths in a file of 4
  rewrite(wrongCount);
  CHECK_FALSE(readSafetyMapCache(file, depths.size()));
  REQUIRE(writeSafetyMapCache(file, {1.0f, -2.0f, 3.0f, 4.0f})); // not a depth the map gives
  CHECK_FALSE(readSafetyMapCache(file, 4));
  REQUIRE(writeSafetyMapCache(file, {1.0f, std::nanf(""), 3.0f, 4.0f}));
  CHECK_FALSE(readSafetyMapCache(file, 4));
}

TEST_CASE("a cache that cannot be written is skipped without a word") {
  TempDir dir;
  const auto blocker = dir.path() / "file";
  std::ofstream(blocker) << "x";
  CHECK_FALSE(writeSafetyMapCache(blocker / "map.bin", {1.0f})); // a file where a folder goes
}

TEST_CASE("the cache folder follows XDG_CACHE_HOME, else ~/.cache") {
  const char* old = std::getenv("XDG_CACHE_HOME");
  const std::string saved = old ? old : "";
  setenv("XDG_CACHE_HOME", "/tmp/xdg-cache-test", 1);
  CHECK(cacheFolder() == std::filesystem::path("/tmp/xdg-cache-test/sura"));
  setenv("XDG_CACHE_HOME", "relative/ignored", 1);
  CHECK(cacheFolder() == homeFolder() / ".cache" / "sura");
  if (old) {
    setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  } else {
    unsetenv("XDG_CACHE_HOME");
  }
}
