// writeFileAtomically: the target holds all of its old content or all of the new, whatever
// fails part way: a full disk, a failing drive, a crash of the process.
#include "app/atomic_file.h"

#include "atlas/atlas_fixture.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace sura;
using sura::test::readAll;
using sura::test::TempDir;
using sura::test::writeText;

namespace {

// Names in a folder, so that a leftover temporary file shows.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Several chunks, each byte telling where it is.
std::string bigText(char tag) {
  std::string text;
  for (std::size_t i = 0; text.size() < 3 * kWriteChunkBytes + 100; ++i) {
    text += tag + std::to_string(i) + "\n";
  }
  return text;
}

mode_t modeOf(const fs::path& file) {
  struct stat s {};
  REQUIRE(::stat(file.c_str(), &s) == 0);
  return s.st_mode & 07777;
}

} // namespace

TEST_CASE("a new file is written whole, with the usual permissions, and nothing else is left") {
  TempDir dir;
  const fs::path file = dir / "scene.json";
  const std::string text = bigText('a');
  writeFileAtomically(file, text);
  CHECK(readAll(file) == text);
  CHECK(listing(dir.path()) == std::vector<std::string>{"scene.json"});
  const mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK(modeOf(file) == (0644 & ~mask));

  // An empty content is a content too.
  writeFileAtomically(file, "");
  CHECK(fs::file_size(file) == 0);
}

TEST_CASE("replacing a file keeps its permissions") {
  TempDir dir;
  const fs::path file = dir / "scene.json";
  writeText(file, "old");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  writeFileAtomically(file, "new");
  CHECK(readAll(file) == "new");
  CHECK(modeOf(file) == 0600);
}

TEST_CASE("a failure at any step leaves the previous file as it was, and no temporary file") {
  TempDir dir;
  const fs::path file = dir / "scene.json";
  const std::string old = bigText('o');
  for (WriteStep failing :
       {WriteStep::Create, WriteStep::Write, WriteStep::Flush, WriteStep::Rename}) {
    CAPTURE(static_cast<int>(failing));
    writeText(file, old);
    int calls = 0;
    // A full disk after the first chunk of the new content has gone out.
    const WriteFault fault = [&](WriteStep step, std::size_t written) {
      ++calls;
      if (step != failing) {
        return 0;
      }
      if (step == WriteStep::Write) {
        return written > 0 ? ENOSPC : 0;
      }
      return EIO;
    };
    try {
      writeFileAtomically(file, bigText('n'), fault);
      FAIL("the save must fail");
    } catch (const FileWriteError& e) {
      const std::string what = e.what();
      CHECK(e.file == file);
      CHECK(what.rfind(file.string() + ": could not save: ", 0) == 0);
      CHECK(what.find(failing == WriteStep::Write ? "No space left on device"
                                                  : "Input/output error") != std::string::npos);
      CHECK(what.find("the previous file is unchanged") != std::string::npos);
      CHECK(what.find('\n') == std::string::npos);
    }
    CHECK(calls > 0);
    CHECK(readAll(file) == old);
    CHECK(listing(dir.path()) == std::vector<std::string>{"scene.json"});
  }
}

TEST_CASE("a process that dies part way through a save leaves the previous file whole") {
  TempDir dir;
  const fs::path file = dir / "scene.json";
  const std::string old = bigText('o');
  writeText(file, old);
  std::fflush(nullptr);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The crash: the process ends between two chunks, with part of the new file written.
    writeFileAtomically(file, bigText('n'), [](WriteStep step, std::size_t written) {
      if (step == WriteStep::Write && written >= 2 * kWriteChunkBytes) {
        ::_exit(42);
      }
      return 0;
    });
    ::_exit(0); // the save finished: the test below fails
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 42);
  CHECK(readAll(file) == old);
  // What the crash left: the partial temporary file beside it, hidden, never the target.
  const std::vector<std::string> names = listing(dir.path());
  REQUIRE(names.size() == 2);
  CHECK(names[0].rfind(".scene.json.", 0) == 0);
  CHECK(fs::file_size(dir / names[0]) == 2 * kWriteChunkBytes);
  // The next save is not disturbed by it.
  writeFileAtomically(file, "after");
  CHECK(readAll(file) == "after");
}

TEST_CASE("a link is followed: its target gets the content and the link stays") {
  TempDir dir;
  fs::create_directories(dir / "real");
  const fs::path target = dir / "real" / "lesson.json";
  const fs::path link = dir / "lesson.json";
  writeText(target, "old");
  fs::create_symlink(target, link);
  writeFileAtomically(link, "new");
  CHECK(fs::is_symlink(link));
  CHECK(readAll(target) == "new");
  CHECK(listing(dir / "real") == std::vector<std::string>{"lesson.json"});
}

TEST_CASE("a folder in the way, or a missing folder, is reported and nothing is changed") {
  TempDir dir;
  fs::create_directories(dir / "taken");
  writeText(dir / "taken" / "inside", "kept");
  try {
    writeFileAtomically(dir / "taken", "new");
    FAIL("writing over a folder must fail");
  } catch (const FileWriteError& e) {
    CHECK(std::string(e.what()).find("Is a directory") != std::string::npos);
  }
  CHECK(readAll(dir / "taken" / "inside") == "kept");
  CHECK(listing(dir.path()) == std::vector<std::string>{"taken"});

  try {
    writeFileAtomically(dir / "missing" / "scene.json", "new");
    FAIL("writing into a missing folder must fail");
  } catch (const FileWriteError& e) {
    CHECK(std::string(e.what()).find("No such file or directory") != std::string::npos);
  }
}
