// Where a person's files go: the XDG folders (documents, pictures, the data of programs) and
// numbered names that never replace a file already there. Plain C++ and the environment: no
// VTK, no GL, no ImGui.
#pragma once

#include <filesystem>
#include <string>

namespace sura {

/// $HOME, else the current folder.
std::filesystem::path homeFolder();

/// A folder of the XDG user folders by its name in user-dirs.dirs ("DOCUMENTS", "PICTURES"):
/// $XDG_<NAME>_DIR, else the line of $XDG_CONFIG_HOME/user-dirs.dirs (~/.config when unset),
/// else the home folder; a folder that does not exist is replaced by the home folder too.
std::filesystem::path userFolder(const std::string& name);

/// Sura's own data: $XDG_DATA_HOME/sura, else ~/.local/share/sura (not created here).
std::filesystem::path dataFolder();

/// `folder/PREFIX` + the number one above the highest already there, with `digits` digits, +
/// `extension` ("scene-001.json", "sura-0001.png"): a new name after every other, so that
/// files sort in the order they were made and none is ever replaced.
std::filesystem::path nextNumberedFile(const std::filesystem::path& folder,
                                       const std::string& prefix, int digits,
                                       const std::string& extension);

/// A path as typed: "~/" is the home folder; a relative path is taken in `folder`.
std::filesystem::path typedPath(const std::string& text, const std::filesystem::path& folder);

} // namespace sura
