// Run metadata and atomic report writes (see run_info.h).
#include "util/run_info.h"

#include <fcntl.h>
#include <gnu/libc-version.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#ifndef ACTBENCH_SOURCE_DIR
#define ACTBENCH_SOURCE_DIR ""
#endif
#ifndef ACTBENCH_GIT_REVISION
#define ACTBENCH_GIT_REVISION ""
#endif

namespace actbench::runinfo {
namespace {

std::string Trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Runs a shell command and returns its first line of output; false if it failed.
bool CommandOutput(const std::string& command, std::string* out) {
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return false;
  char buf[256];
  std::string text;
  while (std::fgets(buf, sizeof buf, pipe)) text += buf;
  const int status = pclose(pipe);
  if (status != 0) return false;
  *out = Trim(text.substr(0, text.find('\n')));
  return true;
}

std::string ShellQuote(std::string_view s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

std::string Hostname() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "unknown";
  return buf;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) return Trim(line.substr(colon + 1));
  }
  return "unknown";
}

std::string Compiler() {
#if defined(__clang__)
  return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("gcc ") + __VERSION__;
#else
  return "unknown";
#endif
}

std::string GitRevision() {
  const std::string dir = ACTBENCH_SOURCE_DIR;
  if (!dir.empty()) {
    const std::string git = "git -C " + ShellQuote(dir) + " ";
    std::string rev;
    if (CommandOutput(git + "rev-parse --short=12 HEAD 2>/dev/null", &rev) && !rev.empty()) {
      std::string ignored;
      // diff-index exits 1 when tracked files differ from HEAD.
      if (!CommandOutput(git + "diff-index --quiet HEAD -- 2>/dev/null", &ignored)) rev += "-dirty";
      return rev;
    }
  }
  const std::string configured = ACTBENCH_GIT_REVISION;
  return configured.empty() ? "unknown" : configured;
}

namespace {
// The first line of a small /sys file, or "unknown".
std::string SysValue(const char* path) {
  std::ifstream f(path);
  std::string line;
  if (!f || !std::getline(f, line)) return "unknown";
  line = Trim(line);
  return line.empty() ? "unknown" : line;
}
}  // namespace

std::string CpuList(const std::vector<int>& cpus) {
  std::string out;
  for (std::size_t i = 0; i < cpus.size();) {
    std::size_t j = i;
    while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(cpus[i]);
    if (j > i) {  // appended piece by piece: GCC 12's -Wrestrict misfires on "-" + string
      out += '-';
      out += std::to_string(cpus[j]);
    }
    i = j + 1;
  }
  return out.empty() ? "none" : out;
}

std::vector<std::pair<std::string, std::string>> MachineState() {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("glibc", gnu_get_libc_version());
  utsname u{};
  std::string os = "unknown";
  if (uname(&u) == 0) {
    os = u.sysname;
    os += ' ';
    os += u.release;
  }
  out.emplace_back("os_kernel", os);
  out.emplace_back("cpufreq_governor",
                   SysValue("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
  // acpi-cpufreq exposes boost globally; amd-pstate and intel_pstate their own switches.
  std::string boost = SysValue("/sys/devices/system/cpu/cpufreq/boost");
  if (boost == "unknown") {
    const std::string no_turbo = SysValue("/sys/devices/system/cpu/intel_pstate/no_turbo");
    if (no_turbo != "unknown") boost.assign(1, no_turbo == "1" ? '0' : '1');
  }
  out.emplace_back("cpufreq_boost", boost);
  out.emplace_back("smt_active", SysValue("/sys/devices/system/cpu/smt/active"));
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) == 0)
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &set)) cpus.push_back(c);
  out.emplace_back("cpu_affinity", CpuList(cpus));
  return out;
}

std::string IsoDateUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

// Writes all of contents to fd, retrying short writes and EINTR; errno on failure.
bool WriteAll(int fd, std::string_view contents) {
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

namespace {

// Where WriteFileAtomic puts `path`'s contents: written through the path itself (a device,
// FIFO or socket), or renamed onto `target` (a regular file, new or behind links) after the
// target's folder has been created. False, with *error set, when the path cannot be written.
struct Destination {
  bool through = false;
  std::filesystem::path target;
};

bool Resolve(const std::string& path, Destination* d, std::string* error) {
  namespace fs = std::filesystem;
  auto fail = [&](const std::string& what, int err) {
    if (error) *error = what + ": " + std::strerror(err);
    return false;
  };
  d->target = fs::path(path);
  if (d->target.filename().empty()) return fail("cannot write '" + path + "'", EISDIR);
  // Only a regular file is replaced by renaming. A device, FIFO or socket (/dev/null,
  // /dev/stdout, a pipe to another program) is written through, as a shell redirection would;
  // a directory is an error. stat follows links, /proc's magic ones included.
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return fail("cannot write '" + path + "'", EISDIR);
    if (!S_ISREG(st.st_mode)) {
      d->through = true;
      return true;
    }
    // A regular file, maybe behind symbolic links: the links stay, the file is replaced.
    std::error_code ec;
    d->target = fs::canonical(d->target, ec);
    if (ec) return fail("cannot resolve '" + path + "'", ec.value());
  } else if (errno == ENOENT) {
    // A dangling link gets the file it names created.
    std::error_code ec;
    for (int hops = 0; fs::is_symlink(fs::symlink_status(d->target, ec)); ++hops) {
      if (hops == 40) return fail("cannot write '" + path + "'", ELOOP);
      const fs::path next = fs::read_symlink(d->target, ec);
      if (ec) return fail("cannot read the link '" + d->target.string() + "'", ec.value());
      d->target = next.is_absolute() ? next : d->target.parent_path() / next;
    }
  } else if (errno != ENOTDIR) {
    return fail("cannot write '" + path + "'", errno);
  }
  const fs::path dir = d->target.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
      return fail("cannot write '" + path + "': cannot create its folder '" + dir.string() + "'",
                  ec.value());
  }
  return true;
}

}  // namespace

bool CheckWritable(const std::string& path, std::string* error) {
  Destination d;
  if (!Resolve(path, &d, error)) return false;
  if (d.through) {
    if (access(path.c_str(), W_OK) == 0) return true;
    if (error) *error = "cannot write '" + path + "': " + std::strerror(errno);
    return false;
  }
  // The same temporary file the write will make, made and removed.
  const std::filesystem::path dir = d.target.parent_path();
  // (Built by appending: GCC 12's -Wrestrict misfires on "." + std::string at -O3.)
  std::string name = ".";
  name += d.target.filename().string();
  name += ".tmp.XXXXXX";
  std::string tmp = (dir / name).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0) {
    if (error)
      *error = "cannot create a file next to '" + path + "': " + std::strerror(errno);
    return false;
  }
  close(fd);
  unlink(tmp.c_str());
  return true;
}

bool WriteFileAtomic(const std::string& path, std::string_view contents, std::string* error) {
  auto fail = [&](const std::string& what, int err) {
    if (error) *error = what + ": " + std::strerror(err);
    return false;
  };
  Destination d;
  if (!Resolve(path, &d, error)) return false;
  if (d.through) {
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return fail("cannot open '" + path + "'", errno);
    const bool ok = WriteAll(fd, contents);
    const int err = errno;
    close(fd);
    return ok ? true : fail("cannot write '" + path + "'", err);
  }
  const std::filesystem::path& target = d.target;
  const std::filesystem::path dir = target.parent_path();
  // A hidden temporary next to the target: rename(2) is atomic only within one file system.
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp.XXXXXX";
  std::string tmp = (dir / name).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0) return fail("cannot create a temporary file next to '" + path + "'", errno);
  if (!WriteAll(fd, contents)) {
    const int err = errno;
    close(fd);
    unlink(tmp.c_str());
    return fail("cannot write '" + tmp + "'", err);
  }
  // mkstemp creates 0600; a report should be readable like any file the user creates.
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  const bool synced = fsync(fd) == 0;
  const int sync_err = errno;
  if (!synced || close(fd) != 0) {
    const int err = synced ? errno : sync_err;
    if (!synced) close(fd);  // a failed close has released the descriptor already
    unlink(tmp.c_str());
    return fail("cannot flush '" + tmp + "'", err);
  }
  if (std::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    unlink(tmp.c_str());
    return fail("cannot rename '" + tmp + "' to '" + target.string() + "'", err);
  }
  return true;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace actbench::runinfo
