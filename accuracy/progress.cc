// The sweep's progress line (see progress.h).
#include "accuracy/progress.h"

#include <cmath>
#include <cstdio>

namespace actbench::acc {

std::string Duration(double s) {
  char buf[32];
  const long t = std::lround(s);
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
  else if (t >= 60)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

void PrintProgress(std::string_view label, std::size_t done, std::size_t total, double elapsed,
                   bool tty, bool last) {
  const double pct = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100;
  std::string eta = "?";
  if (done > 0)
    eta = Duration(elapsed * static_cast<double>(total - done) / static_cast<double>(done));
  std::fprintf(stderr, "%s%.*s: %5.1f%% (%zu/%zu blocks), %s elapsed, ETA %s%s", tty ? "\r" : "",
               static_cast<int>(label.size()), label.data(), pct, done, total,
               Duration(elapsed).c_str(), last ? "0s" : eta.c_str(), tty && !last ? "   " : "\n");
  std::fflush(stderr);
}

}  // namespace actbench::acc
