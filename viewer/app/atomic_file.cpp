#include "app/atomic_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace fs = std::filesystem;

namespace sura {

namespace {

std::string systemMessage(int error) {
  return std::strerror(error);
}

// The temporary file: closed and removed unless released (after the rename).
class TempFile {
public:
  explicit TempFile(const fs::path& target) {
    std::string pattern =
        (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
    fd_ = mkstemp(pattern.data());
    if (fd_ >= 0) {
      path_ = pattern;
    }
  }
  ~TempFile() {
    close();
    if (!path_.empty()) {
      ::unlink(path_.c_str());
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  const fs::path& path() const { return path_; }
  /// Closes the descriptor; the error of close(2), or 0.
  int close() {
    if (fd_ < 0) {
      return 0;
    }
    const int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }
  /// The file has become the target: nothing to remove.
  void release() { path_.clear(); }

private:
  int fd_ = -1;
  fs::path path_;
};

int injected(const WriteFault& fault, WriteStep step, std::size_t written) {
  return fault ? fault(step, written) : 0;
}

} // namespace

FileWriteError::FileWriteError(fs::path file_, const std::string& message_)
    : std::runtime_error(file_.string() + ": " + message_), file(std::move(file_)),
      message(message_) {}

void writeFileAtomically(const fs::path& file, std::string_view content, const WriteFault& fault) {
  const auto fail = [&file](int error) {
    throw FileWriteError(file, "could not save: " + systemMessage(error) +
                                   "; the previous file is unchanged");
  };
  // A link is followed, so that the link stays a link and its target gets the content.
  std::error_code ec;
  fs::path target = file;
  if (fs::is_symlink(file, ec)) {
    target = fs::weakly_canonical(file, ec);
    if (ec) {
      fail(ec.value());
    }
  }
  if (target.parent_path().empty()) {
    target = fs::path(".") / target;
  }

  if (const int error = injected(fault, WriteStep::Create, 0)) {
    fail(error);
  }
  TempFile temp(target);
  if (temp.fd() < 0) {
    fail(errno);
  }
  // Keep the old file's permissions (mkstemp makes 0600); a new file gets 0644 less the umask.
  struct stat old {};
  mode_t mode = 0;
  if (::stat(target.c_str(), &old) == 0) {
    mode = old.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0644 & ~mask;
  }
  if (::fchmod(temp.fd(), mode) != 0) {
    fail(errno);
  }

  std::size_t written = 0;
  while (written < content.size()) {
    if (const int error = injected(fault, WriteStep::Write, written)) {
      fail(error);
    }
    const std::size_t chunk = std::min(kWriteChunkBytes, content.size() - written);
    const ssize_t n = ::write(temp.fd(), content.data() + written, chunk);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail(errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (const int error = injected(fault, WriteStep::Flush, written)) {
    fail(error);
  }
  if (::fsync(temp.fd()) != 0) {
    fail(errno);
  }
  if (const int error = temp.close()) {
    fail(error);
  }
  if (const int error = injected(fault, WriteStep::Rename, written)) {
    fail(error);
  }
  if (::rename(temp.path().c_str(), target.c_str()) != 0) {
    fail(errno);
  }
  temp.release();
  // The rename is durable once the folder is: not every file system can sync a folder, and the
  // new file is in place either way, so a failure here is not reported.
  const int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

} // namespace sura
