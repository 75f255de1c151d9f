#include "app/user_folders.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string_view>

namespace fs = std::filesystem;

namespace sura {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

bool isFolder(const fs::path& path) {
  std::error_code ec;
  return !path.empty() && fs::is_directory(path, ec);
}

// The value of `XDG_NAME_DIR="$HOME/Documents"` in user-dirs.dirs, $HOME expanded; empty when
// the file has no such line.
fs::path fromUserDirs(const std::string& name) {
  const std::string configHome = environment("XDG_CONFIG_HOME");
  const fs::path config = configHome.empty() ? homeFolder() / ".config" : fs::path(configHome);
  std::ifstream in(config / "user-dirs.dirs");
  const std::string key = "XDG_" + name + "_DIR=";
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) != 0) {
      continue;
    }
    std::string value = line.substr(key.size());
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (value.compare(0, 5, "$HOME") == 0) {
      return homeFolder().string() + value.substr(5);
    }
    return value.empty() || value.front() != '/' ? fs::path() : fs::path(value);
  }
  return {};
}

} // namespace

fs::path homeFolder() {
  const std::string home = environment("HOME");
  std::error_code ec;
  return home.empty() ? fs::current_path(ec) : fs::path(home);
}

fs::path userFolder(const std::string& name) {
  fs::path folder = environment(("XDG_" + name + "_DIR").c_str());
  if (!isFolder(folder)) {
    folder = fromUserDirs(name);
  }
  return isFolder(folder) ? folder : homeFolder();
}

fs::path dataFolder() {
  const std::string dataHome = environment("XDG_DATA_HOME");
  // The specification ignores a relative value.
  const fs::path base = !dataHome.empty() && dataHome.front() == '/'
                            ? fs::path(dataHome)
                            : homeFolder() / ".local" / "share";
  return base / "sura";
}

fs::path nextNumberedFile(const fs::path& folder, const std::string& prefix, int digits,
                          const std::string& extension) {
  long highest = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() + extension.size() || name.compare(0, prefix.size(), prefix) ||
        name.compare(name.size() - extension.size(), extension.size(), extension)) {
      continue;
    }
    const std::string number =
        name.substr(prefix.size(), name.size() - prefix.size() - extension.size());
    if (number.empty() || number.size() > 9 ||
        number.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    highest = std::max(highest, std::stol(number));
  }
  std::string number = std::to_string(highest + 1);
  if (static_cast<int>(number.size()) < digits) {
    number.insert(0, static_cast<std::size_t>(digits) - number.size(), '0');
  }
  fs::path next = folder / (prefix + number + extension);
  // A name taken meanwhile (or a folder by that name): the next one.
  for (long n = highest + 2; fs::exists(next, ec); ++n) {
    number = std::to_string(n);
    if (static_cast<int>(number.size()) < digits) {
      number.insert(0, static_cast<std::size_t>(digits) - number.size(), '0');
    }
    next = folder / (prefix + number + extension);
  }
  return next;
}

fs::path typedPath(const std::string& text, const fs::path& folder) {
  std::string trimmed = text;
  const auto first = trimmed.find_first_not_of(" \t");
  const auto last = trimmed.find_last_not_of(" \t");
  trimmed = first == std::string::npos ? std::string() : trimmed.substr(first, last - first + 1);
  if (trimmed == "~" || trimmed.compare(0, 2, "~/") == 0) {
    return homeFolder() / trimmed.substr(std::min<std::size_t>(2, trimmed.size()));
  }
  const fs::path path(trimmed);
  return path.is_absolute() ? path : folder / path;
}

} // namespace sura
