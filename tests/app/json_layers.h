// The structure ids of a `sura pick` or `sura needle` readout's "layers", outside in.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sura::test {

inline std::vector<std::string> layerIds(const nlohmann::json& result) {
  std::vector<std::string> ids;
  for (const auto& layer : result.at("layers")) {
    ids.push_back(layer.at("structure").get<std::string>());
  }
  return ids;
}

} // namespace sura::test
