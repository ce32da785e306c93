// Shard files of the accuracy sweep (see shard.h).
#include "accuracy/shard.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "actbench/registry.h"

namespace actbench::acc {
namespace {

constexpr const char* kMagic = "actbench-accuracy-shard";
constexpr int kVersion = 1;

std::string Hex(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

void PutMax(std::string& out, const detail::MaxAt& m) {
  out += '\t' + Hex(m.v) + '\t' + Hex(m.x) + '\t' + std::to_string(m.key);
}

void PutFailures(std::string& out, const detail::Failures& f) {
  out += '\t' + std::to_string(f.n) + '\t' + std::to_string(f.key) + '\t' + Hex(f.x);
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> f;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return f;
    start = tab + 1;
  }
}

bool ToU64(const std::string& s, std::uint64_t* v) {
  if (s.empty() || s[0] == '-' || s[0] == '+') return false;
  char* end = nullptr;
  errno = 0;
  *v = std::strtoull(s.c_str(), &end, 10);
  return errno == 0 && *end == '\0';
}

bool ToDouble(const std::string& s, double* v) {
  if (s.empty()) return false;
  char* end = nullptr;
  *v = std::strtod(s.c_str(), &end);
  return *end == '\0';
}

}  // namespace

std::string ToShardFile(const std::vector<KernelResult>& results, const ShardHeader& h) {
  std::string out = std::string(kMagic) + '\t' + std::to_string(kVersion) + '\n';
  out += "shard\t" + std::to_string(h.shard.index) + '\t' + std::to_string(h.shard.count) + '\n';
  out += "mode\t" + std::string(Name(h.mode)) + '\n';
  out += "points\t" + std::to_string(h.points) + '\n';
  out += "seed\t" + std::to_string(h.seed) + '\n';
  out += "revision\t" + h.revision + '\n';
  out += "selection\t" + h.selection + '\n';
  out += "fp_env\t" + std::string(Name(h.fp_env)) + '\n';
  out += "search_rounds\t" + std::to_string(h.search_rounds) + '\n';
  for (const KernelResult& r : results) {
    out += "kernel\t" + std::string(r.kernel->id) + '\t' + (r.skipped ? "1" : "0") + '\t' +
           Hex(r.seconds) + '\t' + std::string(Name(r.mode)) + '\n';
    for (const KernelResult::Raw& raw : r.raw) {
      const detail::Acc& a = raw.acc;
      out += "q";
      for (std::uint64_t c : {a.points, a.numbers, a.correctly_rounded, a.nan_mismatch,
                              a.inf_mismatch, a.flushed, a.nan_inputs, a.double_rounded})
        out += '\t' + std::to_string(c);
      for (const detail::MaxAt* m :
           {&a.ulp, &a.ulp_normal, &a.abs, &a.rel, &a.symmetry, &a.root_ulp, &a.root_abs})
        PutMax(out, *m);
      for (const detail::Failures* f : {&a.range, &a.monotonic, &a.specials, &a.nan_propagation})
        PutFailures(out, *f);
      out += '\t' + raw.ulp_sum.ToHex() + '\n';
    }
  }
  out += "end\t" + std::to_string(results.size()) + '\n';
  return out;
}

bool ParseShardFile(const std::string& path, const std::string& text, ShardFile* out,
                    std::string* error) {
  out->path = path;
  out->results.clear();
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  auto fail = [&](const std::string& what) {
    *error = path + ":" + std::to_string(lineno) + ": " + what;
    return false;
  };
  auto next = [&](std::vector<std::string>* f) {
    if (!std::getline(in, line)) return false;
    ++lineno;
    *f = SplitTabs(line);
    return true;
  };
  std::vector<std::string> f;
  if (!next(&f) || f.size() != 2 || f[0] != kMagic)
    return fail("not an actbench-accuracy shard file (written by actbench-accuracy --shard K/N)");
  if (f[1] != std::to_string(kVersion))
    return fail("shard file version " + f[1] + ", this binary reads version " +
                std::to_string(kVersion));
  ShardHeader& h = out->header;
  const char* keys[] = {"shard",     "mode",   "points",       "seed",
                        "revision",  "selection", "fp_env", "search_rounds"};
  for (const char* key : keys) {
    if (!next(&f) || f.empty() || f[0] != key)
      return fail(std::string("expected the '") + key + "' line");
    std::uint64_t a = 0, b = 0;
    const std::string k = key;
    if (k == "shard") {
      if (f.size() != 3 || !ToU64(f[1], &a) || !ToU64(f[2], &b) || a < 1 || a > b || b > 1000000)
        return fail("bad shard line");
      h.shard = {static_cast<unsigned>(a), static_cast<unsigned>(b)};
    } else if (k == "mode") {
      if (f.size() != 2 || (f[1] != "sample" && f[1] != "exhaustive")) return fail("bad mode");
      h.mode = f[1] == "sample" ? Mode::kSample : Mode::kExhaustive;
    } else if (k == "points") {
      if (f.size() != 2 || !ToU64(f[1], &a) || a > (1u << 20)) return fail("bad points");
      h.points = static_cast<std::uint32_t>(a);
    } else if (k == "seed") {
      if (f.size() != 2 || !ToU64(f[1], &a)) return fail("bad seed");
      h.seed = a;
    } else if (k == "search_rounds") {
      if (f.size() != 2 || !ToU64(f[1], &a) || a > 100) return fail("bad search_rounds");
      h.search_rounds = static_cast<unsigned>(a);
    } else if (k == "fp_env") {
      if (f.size() != 2 || (f[1] != "default" && f[1] != "ftz")) return fail("bad fp_env");
      h.fp_env = f[1] == "ftz" ? FpEnv::kFtz : FpEnv::kDefault;
    } else if (k == "revision") {
      h.revision = f.size() > 1 ? f[1] : "";
    } else {
      h.selection = f.size() > 1 ? f[1] : "";
    }
  }
  for (;;) {
    if (!next(&f)) return fail("the file ends before its 'end' line (cut short?)");
    if (f[0] == "end") {
      std::uint64_t n = 0;
      if (f.size() != 2 || !ToU64(f[1], &n) || n != out->results.size())
        return fail("the 'end' line does not match the " + std::to_string(out->results.size()) +
                    " kernels read");
      return true;
    }
    if (f[0] != "kernel" || f.size() != 5) return fail("expected a 'kernel' line");
    const Kernel* k = FindKernel(f[1]);
    if (k == nullptr)
      return fail("kernel '" + f[1] + "' is not in this build's registry (another revision?)");
    KernelResult r;
    r.kernel = k;
    r.skipped = f[2] == "1";
    r.mode = f[4] == "exhaustive" ? Mode::kExhaustive : Mode::kSample;
    if ((f[2] != "0" && f[2] != "1") || !ToDouble(f[3], &r.seconds) ||
        (f[4] != "sample" && f[4] != "exhaustive"))
      return fail("bad kernel line");
    for (KernelResult::Raw& raw : r.raw) {
      // q, 8 counts, 7 maxima of 3, 4 failure sets of 3, the sum
      if (!next(&f) || f.size() != 1 + 8 + 21 + 12 + 1 || f[0] != "q")
        return fail("expected a 'q' line of 43 fields for " + std::string(k->id));
      detail::Acc& a = raw.acc;
      std::size_t i = 1;
      bool ok = true;
      for (std::uint64_t* c : {&a.points, &a.numbers, &a.correctly_rounded, &a.nan_mismatch,
                               &a.inf_mismatch, &a.flushed, &a.nan_inputs, &a.double_rounded})
        ok = ok && ToU64(f[i++], c);
      for (detail::MaxAt* m :
           {&a.ulp, &a.ulp_normal, &a.abs, &a.rel, &a.symmetry, &a.root_ulp, &a.root_abs}) {
        ok = ok && ToDouble(f[i], &m->v) && ToDouble(f[i + 1], &m->x) && ToU64(f[i + 2], &m->key);
        i += 3;
      }
      for (detail::Failures* fs : {&a.range, &a.monotonic, &a.specials, &a.nan_propagation}) {
        ok = ok && ToU64(f[i], &fs->n) && ToU64(f[i + 1], &fs->key) && ToDouble(f[i + 2], &fs->x);
        i += 3;
      }
      ok = ok && raw.ulp_sum.FromHex(f[i]);
      if (!ok) return fail("a field of the 'q' line of " + std::string(k->id) + " is not a number");
    }
    Finalize(r);
    out->results.push_back(r);
  }
}

bool MergeShards(const std::vector<ShardFile>& shards, std::vector<KernelResult>* results,
                 ShardHeader* header, std::string* error) {
  if (shards.empty()) {
    *error = "--merge needs the shard files";
    return false;
  }
  const ShardFile& first = shards[0];
  const ShardHeader& h0 = first.header;
  std::map<unsigned, std::string> seen;  // K -> file
  for (const ShardFile& s : shards) {
    const ShardHeader& h = s.header;
    auto differs = [&](const std::string& what, const std::string& a, const std::string& b) {
      *error = s.path + " is not a shard of the sweep of " + first.path + ": " + what + " " + b +
               " against " + a;
      return false;
    };
    if (h.shard.count != h0.shard.count)
      return differs("N", std::to_string(h0.shard.count), std::to_string(h.shard.count));
    if (h.mode != h0.mode)
      return differs("mode", std::string(Name(h0.mode)), std::string(Name(h.mode)));
    if (h.points != h0.points || h.seed != h0.seed)
      return differs("sample (points, seed)",
                     std::to_string(h0.points) + ", " + std::to_string(h0.seed),
                     std::to_string(h.points) + ", " + std::to_string(h.seed));
    if (h.revision != h0.revision) return differs("revision", h0.revision, h.revision);
    if (h.selection != h0.selection) return differs("kernel selection", h0.selection, h.selection);
    if (h.search_rounds != h0.search_rounds)
      return differs("search_rounds", std::to_string(h0.search_rounds),
                     std::to_string(h.search_rounds));
    if (h.fp_env != h0.fp_env)
      return differs("fp_env", std::string(Name(h0.fp_env)), std::string(Name(h.fp_env)));
    if (s.results.size() != first.results.size())
      return differs("kernel count", std::to_string(first.results.size()),
                     std::to_string(s.results.size()));
    for (std::size_t i = 0; i < s.results.size(); ++i)
      if (s.results[i].kernel != first.results[i].kernel)
        return differs("kernel list", std::string(first.results[i].kernel->id),
                       std::string(s.results[i].kernel->id));
    const auto [it, fresh] = seen.emplace(h.shard.index, s.path);
    if (!fresh) {
      *error = "shard " + std::to_string(h.shard.index) + "/" + std::to_string(h.shard.count) +
               " given twice: " + it->second + " and " + s.path;
      return false;
    }
  }
  std::string missing;
  for (unsigned k = 1; k <= h0.shard.count; ++k)
    if (!seen.count(k)) missing += (missing.empty() ? "" : ", ") + std::to_string(k);
  if (!missing.empty()) {
    *error = "shards missing: " + missing + " of " + std::to_string(h0.shard.count) +
             " (every shard 1.." + std::to_string(h0.shard.count) + " is needed)";
    return false;
  }
  *results = first.results;
  for (std::size_t i = 0; i < results->size(); ++i) {
    KernelResult& r = (*results)[i];
    for (std::size_t s = 1; s < shards.size(); ++s) {
      const KernelResult& o = shards[s].results[i];
      if (o.skipped != r.skipped) {
        const ShardFile& skipper = o.skipped ? shards[s] : shards[0];
        *error = std::string(r.kernel->id) + " was skipped by " + skipper.path +
                 " (its CPU lacks " + std::string(Name(r.kernel->isa)) +
                 ") and measured by another shard: its figures would miss the inputs of the "
                 "skipped shard; run that shard on a CPU with " +
                 std::string(Name(r.kernel->isa));
        return false;
      }
      if (!r.skipped) MergeInto(r, o);
    }
  }
  *header = h0;
  header->shard = Shard{};
  return true;
}

}  // namespace actbench::acc
