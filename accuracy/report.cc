// CSV rows and the human table of the accuracy report (see report.h).
#include "accuracy/report.h"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "util/run_info.h"

namespace actbench::acc {
namespace {

std::string Str(std::string_view s) { return std::string(s); }

// A figure: %.6g, "inf" for infinity, empty for NaN (no value).
std::string Num(double v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// An input: exact in decimal for its type.
std::string Input(double x, DType t) {
  if (std::isnan(x)) return "";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", Info(t).print_digits, x);
  return buf;
}

std::string Count(std::uint64_t n) { return std::to_string(n); }

std::string Flag(const QuantityResult::Check& c) {
  if (!c.applies) return "";
  return c.ok() ? "1" : "0";
}

std::string FailX(const QuantityResult::Check& c, DType t) {
  return c.applies && !c.ok() ? Input(c.first_x, t) : "";
}

}  // namespace

RunMeta CollectRunMeta(const std::string& machine) {
  RunMeta m;
  m.machine = machine.empty() ? runinfo::Hostname() : machine;
  m.cpu = runinfo::CpuModel();
  m.compiler = runinfo::Compiler();
  m.revision = runinfo::GitRevision();
  m.date = runinfo::IsoDateUtc();
  return m;
}

std::string CsvHeader() {
  return "kernel,activation,family,isa,dtype,quantity,mode,status,points,max_ulp,max_ulp_x,"
         "max_ulp_normal,max_ulp_normal_x,mean_ulp,max_abs,max_abs_x,max_rel,correctly_rounded,"
         "nan_mismatch,inf_mismatch,subnormal_flushed,claim_ulp,claim_ok,range_ok,monotonic_ok,"
         "symmetry_max_ulp,specials_ok,nan_propagation_ok,machine,cpu,compiler,revision,date,"
         "seconds,max_rel_x,symmetry_x,range_fail_x,monotonic_fail_x,specials_fail_x,"
         "near_root_max_ulp,near_root_max_ulp_x,near_root_max_abs,near_root_max_abs_x,"
         "double_rounding,seed,command,fp_env,search_from,search_points\n";
}

std::string ToCsv(const std::vector<KernelResult>& results, const RunMeta& meta) {
  std::string out = CsvHeader();
  for (const KernelResult& r : results) {
    const Kernel& k = *r.kernel;
    for (Quantity q : kQuantities) {
      const QuantityResult& m = r[q];
      const bool ok = m.status == Status::kOk;
      std::vector<std::string> f = {Str(k.id),         Str(Name(k.activation)), Str(k.family),
                                    Str(Name(k.isa)),  Str(Name(k.dtype)),      Str(Name(q)),
                                    Str(Name(r.mode)), Str(Name(m.status))};
      if (ok) {
        const DType t = k.dtype;
        const std::vector<std::string> figures = {Count(m.points),
                                                  Num(m.max_ulp),
                                                  Input(m.max_ulp_x, t),
                                                  Num(m.max_ulp_normal),
                                                  Input(m.max_ulp_normal_x, t),
                                                  Num(m.mean_ulp),
                                                  Num(m.max_abs),
                                                  Input(m.max_abs_x, t),
                                                  Num(m.max_rel),
                                                  Num(m.correctly_rounded),
                                                  Count(m.nan_mismatch),
                                                  Count(m.inf_mismatch),
                                                  Count(m.subnormal_flushed),
                                                  Num(ClaimFor(k, q, r.fp_env)),
                                                  ClaimOk(r, q) ? "1" : "0",
                                                  Flag(m.range),
                                                  Flag(m.monotonic),
                                                  m.symmetry_applies ? Num(m.symmetry_max_ulp) : "",
                                                  Flag(m.specials),
                                                  Flag(m.nan_propagation)};
        f.insert(f.end(), figures.begin(), figures.end());
      } else {
        f.insert(f.end(), 20, "");
        f[21] = Num(ClaimFor(k, q, r.fp_env));  // the claim is known even when not measured
      }
      const std::vector<std::string> tail = {meta.machine, meta.cpu, meta.compiler, meta.revision,
                                             meta.date};
      f.insert(f.end(), tail.begin(), tail.end());
      if (ok) {
        const DType t = k.dtype;
        const std::vector<std::string> extra = {Num(r.seconds),
                                                Input(m.max_rel_x, t),
                                                m.symmetry_applies ? Input(m.symmetry_x, t) : "",
                                                FailX(m.range, t),
                                                FailX(m.monotonic, t),
                                                FailX(m.specials, t)};
        f.insert(f.end(), extra.begin(), extra.end());
        const bool root = m.near_root_applies;
        const std::vector<std::string> near = {root ? Num(m.near_root_max_ulp) : "",
                                               root ? Input(m.near_root_max_ulp_x, t) : "",
                                               root ? Num(m.near_root_max_abs) : "",
                                               root ? Input(m.near_root_max_abs_x, t) : ""};
        f.insert(f.end(), near.begin(), near.end());
        f.push_back(Info(t).bits <= 16 ? Count(m.double_rounding) : "");
      } else {
        f.insert(f.end(), 11, "");
      }
      f.push_back(r.mode == Mode::kSample || !Info(k.dtype).exhaustive ? Count(meta.seed) : "");
      f.push_back(meta.command);
      f.push_back(Describe(meta.fp_env));
      const bool searched = ok && !std::isnan(m.search_from);
      f.push_back(searched ? Num(m.search_from) : "");
      f.push_back(searched ? Count(m.search_points) : "");
      for (std::size_t i = 0; i < f.size(); ++i) {
        if (i) out += ',';
        out += runinfo::CsvField(f[i]);
      }
      out += '\n';
    }
  }
  return out;
}

std::string ToTable(const std::vector<KernelResult>& results) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-40s %-6s %9s %10s %10s %9s %9s %7s %6s  %s\n", "kernel",
                "qty", "points", "ulp(norm)", "ulp(all)", "mean_ulp", "max_abs", "claim", "cr%",
                "checks");
  out += line;
  for (const KernelResult& r : results) {
    const Kernel& k = *r.kernel;
    for (Quantity q : kQuantities) {
      const QuantityResult& m = r[q];
      const std::string id(k.id);
      if (m.status != Status::kOk) {
        std::snprintf(line, sizeof line, "%-40s %-6s %s\n", id.c_str(), Str(Name(q)).c_str(),
                      Str(Name(m.status)).c_str());
        out += line;
        continue;
      }
      std::string checks;
      auto note = [&](bool bad, const std::string& what) {
        if (!bad) return;
        if (!checks.empty()) checks += ' ';
        checks += what;
      };
      note(!ClaimOk(r, q), "CLAIM-EXCEEDED");
      note(m.nan_mismatch > 0, "nan=" + Count(m.nan_mismatch));
      note(m.inf_mismatch > 0, "inf=" + Count(m.inf_mismatch));
      note(m.subnormal_flushed > 0, "flushed=" + Count(m.subnormal_flushed));
      note(m.double_rounding > 0, "double-rounded=" + Count(m.double_rounding));
      note(m.range.applies && !m.range.ok(), "range");
      note(m.monotonic.applies && !m.monotonic.ok(), "monotonic");
      note(m.symmetry_applies && m.symmetry_max_ulp > 0, "sym=" + Num(m.symmetry_max_ulp));
      note(m.specials.applies && !m.specials.ok(), "specials");
      note(m.nan_propagation.applies && !m.nan_propagation.ok(), "nan-propagation");
      std::snprintf(line, sizeof line, "%-40s %-6s %9llu %10s %10s %9.3g %9.2g %7s %6.2f  %s\n",
                    id.c_str(), Str(Name(q)).c_str(), static_cast<unsigned long long>(m.points),
                    Num(m.max_ulp_normal).c_str(), Num(m.max_ulp).c_str(), m.mean_ulp, m.max_abs,
                    Num(ClaimFor(k, q, r.fp_env)).c_str(), 100 * m.correctly_rounded,
                    checks.empty() ? "ok" : checks.c_str());
      out += line;
    }
  }
  return out;
}

std::vector<std::string> ClaimViolations(const std::vector<KernelResult>& results) {
  std::vector<std::string> out;
  for (const KernelResult& r : results) {
    for (Quantity q : kQuantities) {
      const QuantityResult& m = r[q];
      if (m.status != Status::kOk || ClaimOk(r, q)) continue;
      out.push_back(Str(r.kernel->id) + " " + Str(Name(q)) + ": max ULP (normal results) " +
                    Num(m.max_ulp_normal) +
                    " at x = " + Input(m.max_ulp_normal_x, r.kernel->dtype) + ", NaN/inf on " +
                    Count(m.nan_mismatch + m.inf_mismatch) + " finite inputs; claim " +
                    Num(ClaimFor(*r.kernel, q, r.fp_env)));
    }
  }
  return out;
}

}  // namespace actbench::acc
