// libFuzzer target: any bytes as an atlas manifest. parseManifestText either returns an atlas
// or refuses it with an AtlasError naming atlas.json in one line; anything else (a crash, an
// other exception, a sanitizer report, a leak, a timeout) is a finding.
#include "atlas/atlas.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const sura::Atlas atlas = sura::parseManifestText(text, "/fuzz-atlas");
    // What the rest of Sura relies on in an accepted manifest.
    for (const sura::Structure& s : atlas.structures) {
      if (s.id.empty() || (!s.parent.empty() && atlas.find(s.parent) == nullptr)) {
        std::abort();
      }
    }
    for (const sura::TriggerPoint& tp : atlas.triggerPoints) {
      if (atlas.find(tp.muscle) == nullptr) {
        std::abort();
      }
    }
  } catch (const sura::AtlasError& e) {
    const std::string what = e.what();
    if (e.file != "/fuzz-atlas/atlas.json" || what.find('\n') != std::string::npos) {
      std::abort();
    }
  }
  return 0;
}
