// The `sura` command line: subcommands, flags and exit codes.
#pragma once

#include <iosfwd>

namespace sura {

/// Exit codes of `sura`.
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// Runs `sura` with its arguments. Normal output goes to `out`; every error is ONE line
/// "sura: ..." on `err`. Returns an ExitCode: 0 ok, 1 bad atlas or I/O (or no display),
/// 2 bad usage.
int runCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

} // namespace sura
