// The kernel contract (DESIGN.md), for forward, backward_x and backward_y of every kernel:
// any n (0..70 and a few large ones); pointers at any element offset from a 64-byte boundary,
// with inputs and output misaligned differently; no write outside [0, n) (canary-filled guard
// zones around every output); no read outside [0, n) (inputs end where their allocation ends
// and are preceded by poisoned memory, so AddressSanitizer reports an over-read); inputs left
// untouched; in-place calls bit-identical to out-of-place; and position independence: every
// element's result is bit-identical to processing that element alone with n = 1, whatever n
// and alignment it is processed with, so vector bodies and tails agree.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "guarded_buffers.h"
#include "kernel_params.h"

namespace actbench::tests {
namespace {

using guarded::GuardedInput;
using guarded::GuardedOutput;
using guarded::kLanes;

// One entry point seen uniformly: out[i] = op(a[i], b[i]); forward ignores b.
template <class T>
struct Entry {
  std::string name;
  bool binary;  // backward: a = v (x or y), b = dy
  std::function<void(const T*, const T*, T*, std::size_t)> call;
};

template <class T>
std::vector<Entry<T>> EntriesOf(const Ops<T>& ops, const std::string& which) {
  std::vector<Entry<T>> out;
  if (which == "forward" && ops.forward) {
    auto f = ops.forward;
    out.push_back(
        {"forward", false, [f](const T* a, const T*, T* o, std::size_t n) { f(a, o, n); }});
  }
  if (which == "backward_x" && ops.backward_x) out.push_back({"backward_x", true, ops.backward_x});
  if (which == "backward_y" && ops.backward_y) out.push_back({"backward_y", true, ops.backward_y});
  return out;
}

// Inputs: mostly uniform in [-30, 30], with about one in eight a special or extreme value.
template <class T>
std::vector<T> MixedInputs(std::size_t n, std::uint32_t seed) {
  using L = std::numeric_limits<T>;
  const T specials[] = {T(0),
                        -T(0),
                        L::infinity(),
                        -L::infinity(),
                        L::quiet_NaN(),
                        -L::quiet_NaN(),
                        L::denorm_min(),
                        -L::denorm_min(),
                        L::min(),
                        -L::min(),
                        // the largest subnormal
                        std::bit_cast<T>(static_cast<BitsOf<T>>(std::bit_cast<BitsOf<T>>(L::min()) - 1)),
                        T(1e-30),
                        -T(1e-30),
                        T(1e30),
                        -T(1e30),
                        L::max(),
                        -L::max(),
                        T(1),
                        -T(1),
                        T(100),
                        -T(100),
                        T(1000),
                        -T(1000)};
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uniform(-30.0, 30.0);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(specials) - 1);
  std::vector<T> v(n);
  for (T& e : v) e = rng() % 8 == 0 ? specials[pick(rng)] : static_cast<T>(uniform(rng));
  return v;
}

constexpr std::size_t kLargeSizes[] = {127, 128, 129, 255, 256, 257, 1000, 4097};
constexpr std::size_t kPool = 5003;  // prime: windows start at varied positions
constexpr int kMaxReports = 12;

template <class T>
class ContractChecker {
 public:
  ContractChecker(const Kernel& k, const Entry<T>& e)
      : k_(k),
        e_(e),
        a_(MixedInputs<T>(kPool, 1234)),
        b_(MixedInputs<T>(kPool, 5678)),
        single_(kPool) {}

  void Run() {
    ComputeSingles();
    for (std::size_t n = 0; n <= 70; ++n)
      for (std::size_t off = 0; off < kLanes<T>; ++off) Case(n, off);
    for (std::size_t n : kLargeSizes)
      for (std::size_t off : {std::size_t{0}, std::size_t{1}, kLanes<T> / 2, kLanes<T> - 1})
        Case(n, off);
  }

 private:
  // The reference for position independence: each pool element processed alone, n = 1.
  void ComputeSingles() {
    for (std::size_t i = 0; i < kPool; ++i) {
      GuardedInput<T> a(&a_[i], 1, 0), b(&b_[i], 1, 0);
      GuardedOutput<T> out(1, 0);
      e_.call(a.data(), b.data(), out.data(), 1);
      single_[i] = out.data()[0];
      CheckGuard(out, "n=1 alone", i);
    }
  }

  void Case(std::size_t n, std::size_t off) {
    if (reports_ >= kMaxReports) return;
    // Inputs and output misaligned differently, and the window moves through the pool.
    const std::size_t off_b = (off + 3) % kLanes<T>, off_out = (off * 5 + 1) % kLanes<T>;
    const std::size_t start = (n * 131 + off * 17) % (kPool - n + 1);
    const T* a_src = &a_[start];
    const T* b_src = &b_[start];
    const std::string where = "n=" + std::to_string(n) + " offset=" + std::to_string(off);

    std::vector<T> outside(n);
    {  // out-of-place
      GuardedInput<T> a(a_src, n, off), b(b_src, n, off_b);
      GuardedOutput<T> out(n, off_out);
      e_.call(a.data(), e_.binary ? b.data() : nullptr, out.data(), n);
      std::copy(out.data(), out.data() + n, outside.begin());
      Compare(out.data(), n, start, where + " out-of-place");
      CheckGuard(out, where + " out-of-place", start);
      if (!a.Unchanged(a_src) || !b.Unchanged(b_src))
        Report(where + ": an input was modified by an out-of-place call");
    }
    {  // in place on the first input: y == x, or dx == v
      GuardedInput<T> b(b_src, n, off_b);
      GuardedOutput<T> buf(n, off);
      buf.Fill(a_src);
      e_.call(buf.data(), e_.binary ? b.data() : nullptr, buf.data(), n);
      const std::string how = e_.binary ? " in-place dx==v" : " in-place y==x";
      Compare(buf.data(), n, start, where + how, outside.data());
      CheckGuard(buf, where + how, start);
    }
    if (e_.binary) {  // in place on dy: dx == dy
      GuardedInput<T> a(a_src, n, off_b);
      GuardedOutput<T> buf(n, off);
      buf.Fill(b_src);
      e_.call(a.data(), buf.data(), buf.data(), n);
      Compare(buf.data(), n, start, where + " in-place dx==dy", outside.data());
      CheckGuard(buf, where + " in-place dx==dy", start);
    }
  }

  // Each element against its result alone; for a kernel that declares position-dependent,
  // an in-place call against the out-of-place call of the same window instead (`same_call`),
  // and nothing for the out-of-place call itself (its dependence is PositionDependence's).
  void Compare(const T* got, std::size_t n, std::size_t start, const std::string& where,
               const T* same_call = nullptr) {
    const bool dependent = k_.quirks & kPositionDependent;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t p = start + i;
      if (dependent) {
        if (same_call == nullptr || SameResult(got[i], same_call[i])) continue;
        Report(where + ", element " + std::to_string(i) + ": input " + Show(a_[p]) + ": got " +
               Show(got[i]) + ", but out of place " + Show(same_call[i]));
        return;
      }
      if (SameResult(got[i], single_[p])) continue;
      std::string msg = where + ", element " + std::to_string(i) + ": input " + Show(a_[p]);
      if (e_.binary) msg += ", dy " + Show(b_[p]);
      Report(msg + ": got " + Show(got[i]) + ", but alone (n=1) it gives " + Show(single_[p]));
      return;  // one report per call is enough to locate the problem
    }
  }

  void CheckGuard(GuardedOutput<T>& out, const std::string& where, std::size_t start) {
    const std::string clobbered = out.ClobberedGuard();
    if (!clobbered.empty())
      Report(where + " (pool start " + std::to_string(start) +
             "): wrote outside [0, n): " + clobbered);
  }

  void Report(const std::string& msg) {
    ADD_FAILURE() << k_.id << " " << e_.name << ": " << msg;
    if (++reports_ == kMaxReports) ADD_FAILURE() << k_.id << " " << e_.name << ": stopping here";
  }

  const Kernel& k_;
  const Entry<T>& e_;
  std::vector<T> a_, b_, single_;
  int reports_ = 0;
};

class Contract : public ::testing::TestWithParam<Kernel> {
 protected:
  void RunEntry(const std::string& which) {
    const Kernel& k = GetParam();
    VisitDType(k.dtype, [&](auto zero) {
      using T = decltype(zero);
      for (const Entry<T>& e : EntriesOf(k.ops<T>(), which)) ContractChecker<T>(k, e).Run();
    });
  }
};

TEST_P(Contract, Forward) {
  ACTBENCH_SKIP_IF_UNSUPPORTED(GetParam());
  RunEntry("forward");
}

TEST_P(Contract, BackwardX) {
  ACTBENCH_SKIP_IF_UNSUPPORTED(GetParam());
  RunEntry("backward_x");
}

TEST_P(Contract, BackwardY) {
  const Kernel& k = GetParam();
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  if (!k.has_backward_y()) GTEST_SKIP() << k.id << " has no backward-from-output entry point";
  RunEntry("backward_y");
}

// Whether any entry point gives an element other bits inside a long array than alone, against
// the declaration: a kernel shows position-dependent exactly when it declares it.
TEST_P(Contract, PositionDependence) {
  const Kernel& k = GetParam();
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  std::size_t differ = 0;
  std::string example;
  VisitDType(k.dtype, [&](auto zero) {
    using T = decltype(zero);
    const std::vector<T> a = MixedInputs<T>(kPool, 4321), b = MixedInputs<T>(kPool, 8765);
    for (const std::string which : {"forward", "backward_x", "backward_y"}) {
      for (const Entry<T>& e : EntriesOf(k.ops<T>(), which)) {
        std::vector<T> all(kPool), one(1);
        e.call(a.data(), e.binary ? b.data() : nullptr, all.data(), kPool);
        for (std::size_t i = 0; i < kPool; ++i) {
          e.call(&a[i], e.binary ? &b[i] : nullptr, one.data(), 1);
          if (SameResult(all[i], one[0])) continue;
          if (differ++ == 0)
            example = e.name + " at input " + Show(a[i]) + ": " + Show(all[i]) + " in an array of " +
                      std::to_string(kPool) + ", " + Show(one[0]) + " alone";
        }
      }
    }
  });
  const bool declared = k.quirks & kPositionDependent;
  if (differ > 0 && !declared)
    ADD_FAILURE() << k.id << ": results depend on the position (" << differ
                  << " elements), undeclared position-dependent; e.g. " << example;
  if (differ == 0 && declared)
    ADD_FAILURE() << k.id << ": declares position-dependent but every element matched (stale)";
}

INSTANTIATE_TEST_SUITE_P(Kernels, Contract, RegistryKernels(), KernelTestName);

}  // namespace
}  // namespace actbench::tests
