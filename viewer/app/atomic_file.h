// Saving a file so that a crash, a full disk or a pulled plug never destroys what was there:
// the new content goes to a temporary file beside the target, is flushed to the disk, and
// only then renamed over the target (a rename within one folder is atomic on POSIX file
// systems). The target holds either all of its old content or all of the new one. Used by
// scene files, and meant for lessons and autosave too. No VTK, no GL.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sura {

/// A save that did not happen. The target is as it was before the save began.
struct FileWriteError : std::runtime_error {
  FileWriteError(std::filesystem::path file, const std::string& message);
  std::filesystem::path file; ///< the file that was to be written
  std::string message;        ///< the problem alone, without the file
};

/// Steps of a save, in order, for fault injection in tests.
enum class WriteStep { Create, Write, Flush, Rename };

/// Test hook: called before each step (and before each chunk of Write, with the bytes written
/// so far). Returning a non-zero errno makes that step fail as if the system had said so
/// (ENOSPC for a full disk, EIO for a failing drive); it may also end the process, as a crash
/// would. Production code passes none.
using WriteFault = std::function<int(WriteStep step, std::size_t bytesWritten)>;

/// Bytes written per write(2) call; a fault can strike between chunks.
inline constexpr std::size_t kWriteChunkBytes = 16 * 1024;

/// Replaces `file` by `content` atomically: writes `.NAME.XXXXXX` in the same folder (mode of
/// the old file, else 0644 less the umask), fsyncs it, renames it over `file`, fsyncs the
/// folder. A symbolic link is followed: its target is replaced, the link kept. On any failure
/// the temporary file is removed, `file` is left untouched and FileWriteError says what went
/// wrong in one line ("/x/a.json: could not save: No space left on device; the previous file
/// is unchanged").
void writeFileAtomically(const std::filesystem::path& file, std::string_view content,
                         const WriteFault& fault = {});

} // namespace sura
