// How a report was produced: machine, CPU, compiler, source revision, date; and the atomic
// file write every report goes through. Shared by the accuracy sweep, the benchmark and any
// other binary that writes under reports/ (CMake target actbench::runinfo).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actbench::runinfo {

// The host name (gethostname), or "unknown".
std::string Hostname();

// The CPU's model name from /proc/cpuinfo ("model name"), or "unknown".
std::string CpuModel();

// The compiler that built this binary, e.g. "gcc 12.2.0".
std::string Compiler();

// The source revision: `git rev-parse --short=12 HEAD` in the source tree this binary was
// configured from, with "-dirty" when tracked files differ from HEAD; if git is unavailable,
// the revision recorded at configure time; else "unknown".
std::string GitRevision();

// What shapes a measurement besides the code, as (key, value) pairs for a report's context:
// glibc's version (the libm kernels are glibc's), the OS kernel, the frequency governor and
// boost (from /sys, where readable; "unknown" otherwise), whether SMT is active, and the CPUs
// this process may run on (its affinity, e.g. "0-1").
std::vector<std::pair<std::string, std::string>> MachineState();

// A CPU set as ranges, "0-3,8".
std::string CpuList(const std::vector<int>& cpus);

// Current UTC time as ISO 8601, e.g. "2026-11-28T01:15:00Z".
std::string IsoDateUtc();

// Writes `contents` to `path` atomically: a temporary file in the same directory, flushed,
// then renamed over `path`, so readers see the old file or the new one, never a part. Creates
// missing parent directories. A symbolic link is followed (the link stays, the file it names
// is replaced); a path that is a device, FIFO or socket (/dev/null, /dev/stdout) is written
// through instead, never replaced; a directory is an error. On failure returns false and sets
// `error` to a message that names the path and the cause; no temporary file is left behind.
bool WriteFileAtomic(const std::string& path, std::string_view contents, std::string* error);

// Whether WriteFileAtomic(path, ...) can succeed, checked before long work rather than after
// it: the path is not a directory, its folder exists (created if missing) and takes a new file
// (one is created and removed), or the device or FIFO it names is writable. Sets `error` as
// WriteFileAtomic would.
bool CheckWritable(const std::string& path, std::string* error);

// A CSV field: quoted (with doubled quotes) when it contains a comma, quote or newline.
std::string CsvField(std::string_view s);

}  // namespace actbench::runinfo
