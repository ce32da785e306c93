// Property-based fuzzing of every kernel within a fixed wall-time budget: random sizes (0 to a
// few thousand, around SIMD widths and tails), misaligned offsets, in-place calls, random bit
// patterns for x and dy, checked by fuzz_check.h (bounds, position independence bit for bit,
// the special-value rules and declared quirks, symmetry within the claim, linearity in dy).
//
// Environment:
//   ACTBENCH_FUZZ_SECONDS  wall time for all the selected kernels (default 30), split as the
//                          run goes: each kernel gets the time left over the kernels left,
//                          shared between its entry points (each runs at least one case)
//   ACTBENCH_FUZZ_CASES    cases per entry point at most (default 100). On a machine fast
//                          enough for them all within the budget, the run is the same
//                          everywhere; a slower one stops each entry point at its time.
//   ACTBENCH_FUZZ_SEED     base seed (default below); case i of an entry point is drawn from
//                          (seed, kernel id, entry point, i) alone, so a failure message gives
//                          the settings that run that case again
// For a long session raise both limits, e.g. ACTBENCH_FUZZ_SECONDS=3600
// ACTBENCH_FUZZ_CASES=1000000000 ACTBENCH_FUZZ_SEED=$RANDOM.
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_check.h"
#include "kernel_params.h"

namespace actbench::tests {
namespace {

using fuzz::Direction;
using fuzz::Inputs;
using fuzz::Layout;
using fuzz::Placement;
using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kDefaultSeed = 0x5eedf022;
constexpr double kDefaultSeconds = 30;
constexpr long kDefaultCases = 100;

// ---- settings ----------------------------------------------------------------------------

struct Settings {
  double seconds = kDefaultSeconds;
  std::uint64_t seed = kDefaultSeed;
  long cases = kDefaultCases;  // per entry point, at most
  std::string error;    // an unparsable variable
};

const Settings& GetSettings() {
  static const Settings s = [] {
    Settings r;
    auto read = [&](const char* name, auto parse) {
      const char* v = std::getenv(name);
      if (v == nullptr || *v == '\0') return;
      char* end = nullptr;
      errno = 0;
      if (!parse(v, &end) || errno != 0 || end == v || *end != '\0')
        r.error += std::string(name) + "='" + v + "' is not valid; ";
    };
    read("ACTBENCH_FUZZ_SECONDS", [&](const char* v, char** end) {
      r.seconds = std::strtod(v, end);
      return r.seconds > 0 && r.seconds < 1e7;
    });
    read("ACTBENCH_FUZZ_SEED", [&](const char* v, char** end) {
      r.seed = std::strtoull(v, end, 0);
      return true;
    });
    read("ACTBENCH_FUZZ_CASES", [&](const char* v, char** end) {
      r.cases = std::strtol(v, end, 10);
      return r.cases > 0;
    });
    return r;
  }();
  return s;
}

// ---- inputs ------------------------------------------------------------------------------

std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  SplitMix64 m{a ^ (b * 0x9e3779b97f4a7c15ull)};
  return m.Next();
}

std::uint64_t HashId(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

template <class T>
T RandomBits(SplitMix64& rng) {
  return std::bit_cast<T>(static_cast<BitsOf<T>>(rng.Next()));
}

// d in T, saturating at +-max instead of converting an out-of-range double.
template <class T>
T ToT(double d) {
  const double max = static_cast<double>(std::numeric_limits<T>::max());
  if (d > max) return std::numeric_limits<T>::max();
  if (d < -max) return std::numeric_limits<T>::lowest();
  return static_cast<T>(d);
}

// Where an activation's inputs are interesting: its special-value probes (the subnormal-result
// bands, huge inputs, zeros), its bends and the roots of f', computed once per (activation,
// dtype).
template <class T>
struct InputSpace {
  std::vector<T> probes;
  std::vector<double> points;
  double radius;
};

template <class T>
const InputSpace<T>& SpaceOf(Activation act) {
  static std::mutex mu;
  static std::map<Activation, InputSpace<T>> cache;
  const std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(act);
  if (it != cache.end()) return it->second;
  InputSpace<T> s;
  for (const auto& p : special::Probes<T>(act)) s.probes.push_back(p.x);
  const ActivationInfo& info = Info(act);
  s.points.assign(info.bend_points.begin(), info.bend_points.end());
  s.points.insert(s.points.end(), info.grad_zeros.begin(), info.grad_zeros.end());
  s.points.push_back(0);
  s.radius = std::max(info.bend_radius, 1.0);
  return cache.emplace(act, std::move(s)).first->second;
}

// x: a mix of fully random bits, probes, probes moved by a few ULP, the bend region, points
// where f bends or f' vanishes, and every binade.
template <class T>
T RandomX(SplitMix64& rng, const InputSpace<T>& s) {
  using B = BitsOf<T>;
  switch (rng.Below(16)) {
    case 0: case 1: case 2: case 3: return RandomBits<T>(rng);
    case 4: case 5: return s.probes[rng.Below(s.probes.size())];
    case 6: case 7: {
      const B b = Bits(s.probes[rng.Below(s.probes.size())]);
      const B step = static_cast<B>(rng.Below(B{1} << rng.Below(20)));
      return std::bit_cast<T>(static_cast<B>(rng.Below(2) ? b + step : b - step));
    }
    case 8: case 9: case 10: case 11: return ToT<T>((2 * rng.Unit() - 1) * 2 * s.radius);
    case 12: {
      const double p = s.points[rng.Below(s.points.size())];
      return ToT<T>(p + (rng.Unit() - 0.5) * std::ldexp(1.0, -static_cast<int>(rng.Below(24))));
    }
    default: {  // any finite magnitude: random sign, exponent and mantissa
      constexpr int emin = std::numeric_limits<T>::min_exponent - 1;
      constexpr int emax = std::numeric_limits<T>::max_exponent - 1;
      const int e = emin + static_cast<int>(rng.Below(emax - emin + 1));
      const double d = std::ldexp(1 + rng.Unit(), e) * (rng.Below(2) ? 1 : -1);
      return ToT<T>(d);
    }
  }
}

// dy: what a framework passes (moderate values, ones, zeros) and anything at all.
template <class T>
T RandomDy(SplitMix64& rng) {
  using L = std::numeric_limits<T>;
  switch (rng.Below(10)) {
    case 0: case 1: case 2: return RandomBits<T>(rng);
    case 3: case 4: case 5: return ToT<T>(8 * rng.Unit() - 4);
    case 6: return ToT<T>(std::ldexp(rng.Below(2) ? 1.0 : -1.0, static_cast<int>(rng.Below(21)) - 10));
    case 7: {
      const T specials[] = {T(0),          -T(0),        T(1),           -T(1),
                            L::infinity(), -L::infinity(), L::quiet_NaN(), L::denorm_min(),
                            L::min(),      -L::min(),     L::max(),       -L::max()};
      return specials[rng.Below(std::size(specials))];
    }
    default:
      return ToT<T>(std::ldexp(1 + rng.Unit(), static_cast<int>(rng.Below(61)) - 30) *
                    (rng.Below(2) ? 1 : -1));
  }
}

// n: rarely 0, often small, often near a multiple of a vector width (remainder loops), up to a
// few thousand.
template <class T>
std::size_t RandomSize(SplitMix64& rng) {
  const std::uint64_t r = rng.Below(100);
  if (r < 3) return 0;
  if (r < 20) return 1 + rng.Below(16);
  if (r < 55) {
    const std::size_t width = std::size_t{4} << rng.Below(5);  // 4 .. 64 elements
    const long n = static_cast<long>(width * (1 + rng.Below(8))) + static_cast<long>(rng.Below(7)) - 3;
    return static_cast<std::size_t>(std::max(n, 1L));
  }
  if (r < 85) return 1 + rng.Below(600);
  return 1 + rng.Below(4500);
}

// One case, drawn from (seed, kernel, entry point, index) alone.
template <class T>
void DrawCase(const Kernel& k, Direction dir, std::uint64_t seed, long index, Layout& c,
              Inputs<T>& in) {
  SplitMix64 rng{Mix(Mix(Mix(seed, HashId(k.id)), static_cast<std::uint64_t>(dir)),
                     static_cast<std::uint64_t>(index))};
  const InputSpace<T>& space = SpaceOf<T>(k.activation);
  c.dir = dir;
  c.n = RandomSize<T>(rng);
  c.off_v = rng.Below(fuzz::kLanes<T>);
  c.off_dy = rng.Below(fuzz::kLanes<T>);
  c.off_out = rng.Below(fuzz::kLanes<T>);
  const std::uint64_t p = rng.Below(20);
  c.placement = p < 14 ? Placement::kOutOfPlace : p < 17 ? Placement::kOverV : Placement::kOverDy;
  if (dir == Direction::kForward && c.placement == Placement::kOverDy)
    c.placement = Placement::kOverV;
  c.slicing = rng.Next();
  in.v.resize(c.n);
  in.x.clear();
  in.dy.clear();
  if (dir != Direction::kForward) {
    in.dy.resize(c.n);
    for (T& d : in.dy) d = RandomDy<T>(rng);
  }
  if (dir == Direction::kBackwardY && rng.Below(10) < 7) {
    // y as the kernel's own forward computes it from x: what backward_y is given in training.
    in.x.resize(c.n);
    for (T& x : in.x) x = RandomX<T>(rng, space);
    if (c.n) k.ops<T>().forward(in.x.data(), in.v.data(), c.n);
  } else if (dir == Direction::kBackwardY) {
    // Any y at all: values in the range, beyond it, and random bits.
    const double lo = std::max(Info(k.activation).range_lo, -8.0);
    const double hi = std::min(Info(k.activation).range_hi, 8.0);
    for (T& v : in.v) {
      switch (rng.Below(3)) {
        case 0: v = RandomBits<T>(rng); break;
        case 1: v = ToT<T>(lo + (hi - lo) * rng.Unit()); break;
        default: v = RandomX<T>(rng, space); break;
      }
    }
  } else {
    for (T& v : in.v) v = RandomX<T>(rng, space);
  }
}

// ---- running -----------------------------------------------------------------------------

struct Outcome {
  long cases = 0;
  std::size_t elements = 0;
  std::vector<std::string> failures;
  long failing_case = -1;
};

// Cases 0, 1, ... of one entry point until `deadline` (at least one, so that every kernel is
// fuzzed however late in the run) or `max_cases`, whichever comes first; stops at the first
// failing case.
template <class T>
Outcome FuzzEntry(const Kernel& k, Direction dir, std::uint64_t seed, Clock::time_point deadline,
                  long max_cases) {
  Outcome o;
  Layout c;
  Inputs<T> in;
  for (long i = 0;; ++i) {
    if (i >= max_cases || (i >= 1 && Clock::now() >= deadline)) break;
    DrawCase<T>(k, dir, seed, i, c, in);
    fuzz::CheckCase<T>(k, c, in, o.failures);
    ++o.cases;
    o.elements += c.n;
    if (!o.failures.empty()) {
      o.failing_case = i;
      break;
    }
  }
  return o;
}

// The budget of the whole run, handed out as it goes: the time left over the kernels left.
struct Budget {
  std::optional<Clock::time_point> start;
  int started = 0;
  long cases = 0;
  std::size_t elements = 0;

  double NextShare(double total, int selected) {
    const Clock::time_point now = Clock::now();
    if (!start) start = now;
    const double left = total - std::chrono::duration<double>(now - *start).count();
    const int kernels_left = std::max(selected - started, 1);
    ++started;
    return std::max(left, 0.0) / kernels_left;
  }
};
Budget& TheBudget() {
  static Budget b;
  return b;
}

template <class T>
void FuzzKernel(const Kernel& k, double share) {
  const Settings& s = GetSettings();
  const std::vector<Direction> dirs = fuzz::DirectionsOf(k);
  const Clock::time_point start = Clock::now();
  for (std::size_t j = 0; j < dirs.size(); ++j) {
    // Each entry point gets an equal part of what is left of the kernel's share.
    const double spent = std::chrono::duration<double>(Clock::now() - start).count();
    const double part = std::max(share - spent, 0.0) / static_cast<double>(dirs.size() - j);
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(part));
    const Outcome o = FuzzEntry<T>(k, dirs[j], s.seed, deadline, s.cases);
    TheBudget().cases += o.cases;
    TheBudget().elements += o.elements;
    if (o.failures.empty()) continue;
    std::string msg;
    for (const std::string& f : o.failures) msg += f + "\n";
    ADD_FAILURE() << msg << "seed " << s.seed << ", case " << o.failing_case << " of "
                  << fuzz::Name(dirs[j]) << "; reproduce with ACTBENCH_FUZZ_SEED=" << s.seed
                  << " ACTBENCH_FUZZ_CASES=" << o.failing_case + 1
                  << " ACTBENCH_FUZZ_SECONDS=1e6"
                  << " fuzz_tests --gtest_filter='Kernels/Fuzz.RandomCases/" << SanitizedId(k.id)
                  << "'";
  }
}

class Fuzz : public ::testing::TestWithParam<Kernel> {
 protected:
  static void TearDownTestSuite() {
    const Budget& b = TheBudget();
    if (!b.start) return;
    const double took = std::chrono::duration<double>(Clock::now() - *b.start).count();
    std::printf("fuzz: %ld cases, %zu elements over %d kernels in %.1f s (seed %llu, budget %g s)\n",
                b.cases, b.elements, b.started, took,
                static_cast<unsigned long long>(GetSettings().seed), GetSettings().seconds);
  }
};

TEST_P(Fuzz, RandomCases) {
  const Kernel& k = GetParam();
  const Settings& s = GetSettings();
  ASSERT_TRUE(s.error.empty()) << s.error;
  const int selected = ::testing::UnitTest::GetInstance()->current_test_suite()->test_to_run_count();
  const double share = TheBudget().NextShare(s.seconds, selected);
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  VisitDType(k.dtype, [&](auto zero) { FuzzKernel<decltype(zero)>(k, share); });
}

INSTANTIATE_TEST_SUITE_P(Kernels, Fuzz, RegistryKernels(), KernelTestName);

// ---- the checks themselves, on kernels broken on purpose ----------------------------------

// ReLU done right (NaN kept), and variants with one defect each.
enum class Defect { kNone, kTail, kStrayWrite, kIgnoresDy, kDropsNan };

template <Defect kDefect>
struct Relu {
  static float Value(float x) { return x > 0 || x != x ? x : 0.0f; }
  static void Forward(const float* x, float* y, std::size_t n) {
    std::size_t body = n / 8 * 8;
    for (std::size_t i = 0; i < n; ++i) {
      y[i] = Value(x[i]);
      if constexpr (kDefect == Defect::kTail)  // the remainder loop forgets the clamp
        if (i >= body && x[i] < -1) y[i] = x[i];
      if constexpr (kDefect == Defect::kDropsNan)
        if (x[i] != x[i]) y[i] = 0;
    }
    if constexpr (kDefect == Defect::kStrayWrite)
      if (n % 8 == 5) y[n] = 0;  // one element past the end
  }
  static void BackwardX(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const float d = kDefect == Defect::kIgnoresDy ? 1.0f : dy[i];
      dx[i] = x[i] != x[i] ? x[i] : x[i] > 0 ? d : d * 0.0f;
    }
  }
};

template <Defect kDefect>
Kernel FakeRelu() {
  Ops<float> ops;
  ops.forward = Relu<kDefect>::Forward;
  ops.backward_x = Relu<kDefect>::BackwardX;
  return MakeKernel<float>("relu/test-fake/scalar/f32", Activation::kRelu, "naive", Isa::kScalar,
                           ops, Claim{0, 0, kNoClaim}, kNoQuirks, "a ReLU for the fuzzer's tests");
}

// The failures of 200 cases of each entry point, joined.
std::string FuzzFake(const Kernel& k) {
  std::string all;
  for (Direction d : fuzz::DirectionsOf(k)) {
    const Outcome o = FuzzEntry<float>(k, d, 1, Clock::time_point::max(), 200);
    for (const std::string& f : o.failures) all += f + "\n";
  }
  return all;
}

TEST(FuzzChecks, PassACorrectKernel) { EXPECT_EQ(FuzzFake(FakeRelu<Defect::kNone>()), ""); }

TEST(FuzzChecks, CatchATailBug) {
  EXPECT_NE(FuzzFake(FakeRelu<Defect::kTail>()).find("[position]"), std::string::npos);
}

TEST(FuzzChecks, CatchAWriteOutOfBounds) {
  EXPECT_NE(FuzzFake(FakeRelu<Defect::kStrayWrite>()).find("[bounds]"), std::string::npos);
}

TEST(FuzzChecks, CatchAGradientThatIgnoresDy) {
  EXPECT_NE(FuzzFake(FakeRelu<Defect::kIgnoresDy>()).find("[dy]"), std::string::npos);
}

TEST(FuzzChecks, CatchAnUndeclaredQuirk) {
  const std::string f = FuzzFake(FakeRelu<Defect::kDropsNan>());
  EXPECT_NE(f.find("[special]"), std::string::npos);
  EXPECT_NE(f.find("nan-dropped"), std::string::npos) << f;
}

// A case depends on the seed, the kernel, the entry point and its index only.
TEST(FuzzChecks, CasesAreDeterministic) {
  const Kernel& k = AllKernels()[0];
  VisitDType(k.dtype, [&](auto zero) {
    using T = decltype(zero);
    for (long i : {0L, 5L, 99L}) {
      Layout a, b;
      Inputs<T> ia, ib;
      DrawCase<T>(k, Direction::kBackwardX, 42, i, a, ia);
      DrawCase<T>(k, Direction::kBackwardX, 42, i, b, ib);
      EXPECT_EQ(fuzz::DescribeLayout(a), fuzz::DescribeLayout(b));
      ASSERT_EQ(ia.v.size(), ib.v.size());
      for (std::size_t j = 0; j < ia.v.size(); ++j) {
        EXPECT_EQ(Bits(ia.v[j]), Bits(ib.v[j]));
        EXPECT_EQ(Bits(ia.dy[j]), Bits(ib.dy[j]));
      }
    }
  });
}

}  // namespace
}  // namespace actbench::tests
