#include "app/safety_map_cache.h"

#include "app/atomic_file.h"
#include "app/user_folders.h"
#include "picking/picker.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace sura {

namespace {

// Changed whenever the map's definition changes (safety_map.cpp), so that older files are
// passed over rather than read as if they held today's depths.
constexpr std::uint64_t kDefinition = 1;
constexpr char kMagic[8] = {'S', 'U', 'R', 'A', 'S', 'M', 'A', 'P'};

// FNV-1a, 64 bits: enough to tell meshes and settings apart; it guards nothing.
class Digest {
public:
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash_ = (hash_ ^ p[i]) * 1099511628211ull;
    }
  }
  template <typename T> void value(const T& v) { bytes(&v, sizeof v); }
  void text(const std::string& s) {
    value(s.size());
    bytes(s.data(), s.size());
  }
  std::uint64_t hash() const { return hash_; }

private:
  std::uint64_t hash_ = 14695981039346656037ull;
};

} // namespace

fs::path safetyMapCacheFile(const fs::path& folder,
                            const std::map<std::string, TriangleMesh>& meshes, double marginMm,
                            double gaugeMm) {
  Digest digest;
  digest.value(kDefinition);
  digest.value(marginMm);
  digest.value(gaugeMm);
  digest.value(kSafetyMaxDepthMm);
  for (const auto& [id, mesh] : meshes) {
    digest.text(id);
    digest.value(mesh.points.size());
    for (const glm::dvec3& p : mesh.points) {
      digest.value(p);
    }
    digest.value(mesh.triangles.size());
    for (const glm::u32vec3& t : mesh.triangles) {
      digest.value(t);
    }
  }
  std::ostringstream name;
  name << "safety-map-" << std::hex << std::setw(16) << std::setfill('0') << digest.hash()
       << ".bin";
  return folder / name.str();
}

std::optional<std::vector<float>> readSafetyMapCache(const fs::path& file, std::size_t vertices) {
  std::error_code ec;
  const std::uintmax_t expected = sizeof kMagic + sizeof(std::uint64_t) + vertices * sizeof(float);
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) != expected || ec) {
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  char magic[sizeof kMagic] = {};
  std::uint64_t count = 0;
  in.read(magic, sizeof magic);
  in.read(reinterpret_cast<char*>(&count), sizeof count);
  if (!in || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || count != vertices) {
    return std::nullopt;
  }
  std::vector<float> depths(vertices);
  in.read(reinterpret_cast<char*>(depths.data()),
          static_cast<std::streamsize>(vertices * sizeof(float)));
  if (!in) {
    return std::nullopt;
  }
  for (const float d : depths) {
    if (!(d >= 0.0f && d <= static_cast<float>(kSafetyMaxDepthMm))) {
      return std::nullopt; // not a depth the map gives (NaN included)
    }
  }
  return depths;
}

bool writeSafetyMapCache(const fs::path& file, const std::vector<float>& depthMm) {
  std::string content(kMagic, sizeof kMagic);
  const std::uint64_t count = depthMm.size();
  content.append(reinterpret_cast<const char*>(&count), sizeof count);
  content.append(reinterpret_cast<const char*>(depthMm.data()), depthMm.size() * sizeof(float));
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  try {
    writeFileAtomically(file, content);
  } catch (const FileWriteError&) {
    return false;
  }
  return true;
}

std::map<std::string, TriangleMesh>
safetyMapMeshes(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes) {
  std::map<std::string, TriangleMesh> traced;
  for (const Structure& s : atlas.structures) {
    const auto mesh = meshes.find(s.id);
    if (mesh != meshes.end() &&
        (s.group == "skin" || s.group == "nerves_vessels" || s.group == "bones")) {
      traced.emplace(s.id, mesh->second);
    }
  }
  return traced;
}

SafetyMap cachedSafetyMap(const Picker& picker, const std::map<std::string, TriangleMesh>& traced,
                          double marginMm) {
  const fs::path file = safetyMapCacheFile(cacheFolder(), traced, marginMm, kDefaultNeedleGaugeMm);
  const auto skin = traced.find(picker.skinId());
  if (skin != traced.end()) {
    if (auto depths = readSafetyMapCache(file, skin->second.points.size())) {
      SafetyMap map;
      map.marginMm = marginMm;
      map.depthMm = std::move(*depths);
      return map;
    }
  }
  SafetyMap map = computeSafetyMap(picker, traced, marginMm);
  if (!map.empty()) {
    writeSafetyMapCache(file, map.depthMm);
  }
  return map;
}

} // namespace sura
