// Where the bundled atlas is: the variable, the installed copy beside the program, the source
// tree's (see bundledAtlasDir in load_atlas.h).
#include "meshio/load_atlas.h"

#include <cstdlib>
#include <string>
#include <system_error>

namespace fs = std::filesystem;

namespace sura {

fs::path findBundledAtlas(const AtlasSearch& search) {
  if (!search.environment.empty()) {
    return fs::path(search.environment);
  }
  std::error_code error;
  for (const fs::path& dir : {search.installed, search.source}) {
    if (!dir.empty() && fs::is_regular_file(dir / "atlas.json", error)) {
      return dir;
    }
  }
  const fs::path first = search.installed.empty() ? search.source : search.installed;
  std::string message = "no atlas.json here";
  if (!search.installed.empty() && !search.source.empty()) {
    message += " nor in " + search.source.string();
  }
  throw AtlasError((first / "atlas.json").string(), "",
                   message + " (reinstall sura, or name an atlas with --atlas DIR or "
                             "SURA_ATLAS_DIR)");
}

AtlasSearch bundledAtlasSearch() {
  AtlasSearch search;
  if (const char* env = std::getenv("SURA_ATLAS_DIR"); env != nullptr) {
    search.environment = env;
  }
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error && !executable.empty()) {
    search.installed =
        (executable.parent_path() / SURA_DATA_FROM_BIN / "meshes").lexically_normal();
  }
  search.source = fs::path(SURA_SOURCE_DIR) / "meshes";
  return search;
}

fs::path bundledAtlasDir() {
  return findBundledAtlas(bundledAtlasSearch());
}

} // namespace sura
