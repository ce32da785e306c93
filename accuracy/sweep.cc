// The accuracy sweep engine (see sweep.h): the shared per-block reference and the per-kernel
// scoring (score.h) over an input plan (plan.cc), spread over threads with results that do
// not depend on the thread count (maxima tie-break on input order; sums are added block by
// block in order); the claims; the run over groups of kernels.
#include "accuracy/sweep.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>

#include "accuracy/fpenv.h"
#include "accuracy/progress.h"
#include "accuracy/score.h"
#include "actbench/ftz.h"
#include "actbench/registry.h"

namespace actbench::acc {

std::string_view Name(Mode m) { return m == Mode::kSample ? "sample" : "exhaustive"; }

std::string_view Name(Quantity q) {
  switch (q) {
    case Quantity::kValue: return "value";
    case Quantity::kGradX: return "grad_x";
    case Quantity::kGradY: return "grad_y";
  }
  return "?";
}

std::string_view Name(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kSkipped: return "skipped";
    case Status::kNoBackwardY: return "no-backward-y";
  }
  return "?";
}

double ClaimFor(const Kernel& k, Quantity q, FpEnv env) {
  const Claim c = env == FpEnv::kDefault ? k.claim : FtzDeclared(k).claim;
  switch (q) {
    case Quantity::kValue: return c.value;
    case Quantity::kGradX: return c.grad_x;
    case Quantity::kGradY: return c.grad_y;
  }
  return kNoClaim;
}

bool ClaimOk(const KernelResult& r, Quantity q) {
  const QuantityResult& m = r[q];
  if (m.status != Status::kOk) return true;
  const double claim = ClaimFor(*r.kernel, q, r.fp_env);
  if (!(m.max_ulp_normal <= claim)) return false;
  return claim == kNoClaim || (m.nan_mismatch == 0 && m.inf_mismatch == 0);
}

namespace {

using namespace detail;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kBlock = std::size_t{1} << 16;  // magnitudes per block
constexpr std::size_t kChunk = 2048;                  // magnitudes per kernel call (x2 signs)
constexpr int kKeyShift = 20;                         // key = block << 20 | position

// ---- blocks -----------------------------------------------------------------------------

struct BlockRef {
  int list;  // index into plan.lists, or -1 for the bit range
  std::uint64_t begin, count;
};

template <class T>
std::vector<BlockRef> MakeBlocks(const InputPlan<T>& plan) {
  // 16-bit sweeps (32,768 magnitudes) in smaller blocks, so that every thread gets some.
  constexpr std::uint64_t kSize = DTypeTraits<T>::kBits <= 16 ? kBlock / 16 : kBlock;
  std::vector<BlockRef> blocks;
  for (std::size_t l = 0; l < plan.lists.size(); ++l)
    for (std::uint64_t b = 0; b < plan.lists[l].size(); b += kSize)
      blocks.push_back(
          {static_cast<int>(l), b, std::min<std::uint64_t>(kSize, plan.lists[l].size() - b)});
  for (std::uint64_t b = plan.range_begin; b < plan.range_end; b += kSize)
    blocks.push_back({-1, b, std::min<std::uint64_t>(kSize, plan.range_end - b)});
  return blocks;
}

QuantityResult ToResult(Activation act_, const Acc& a, double sum, Quantity q) {
  QuantityResult r;
  r.quantity = q;
  r.points = a.points;
  if (a.points > 0) {
    r.max_ulp = a.ulp.v, r.max_ulp_x = a.ulp.x;
    if (a.ulp_normal.v >= 0)
      r.max_ulp_normal = a.ulp_normal.v, r.max_ulp_normal_x = a.ulp_normal.x;
    if (a.numbers > 0) {
      r.mean_ulp = sum / static_cast<double>(a.numbers);
      r.max_abs = a.abs.v, r.max_abs_x = a.abs.x;
      r.max_rel = a.rel.v, r.max_rel_x = a.rel.x;
    }
    r.correctly_rounded =
        static_cast<double>(a.correctly_rounded) / static_cast<double>(a.points);
  }
  r.nan_mismatch = a.nan_mismatch, r.inf_mismatch = a.inf_mismatch;
  r.subnormal_flushed = a.flushed;
  r.double_rounding = a.double_rounded;
  auto check = [](const Failures& f, bool applies) {
    QuantityResult::Check c;
    c.applies = applies;
    c.failures = applies ? f.n : 0;
    c.first_x = applies ? f.x : kNaN;
    return c;
  };
  r.range = check(a.range, q == Quantity::kValue);
  r.monotonic =
      check(a.monotonic, q == Quantity::kValue && !std::isnan(Info(act_).monotonic_from));
  r.specials = check(a.specials, true);
  r.nan_propagation = check(a.nan_propagation, a.nan_inputs > 0);
  r.nan_inputs = a.nan_inputs;
  r.symmetry_applies = ref::SymmetryOf(act_) != Symmetry::kNone;
  if (r.symmetry_applies && a.symmetry.v >= 0)
    r.symmetry_max_ulp = a.symmetry.v, r.symmetry_x = a.symmetry.x;
  if (!r.symmetry_applies) r.symmetry_max_ulp = kNaN;
  r.near_root_applies = q != Quantity::kValue && !Info(act_).grad_zeros.empty();
  if (r.near_root_applies && a.root_ulp.v >= 0)
    r.near_root_max_ulp = a.root_ulp.v, r.near_root_max_ulp_x = a.root_ulp.x;
  if (r.near_root_applies && a.root_abs.v >= 0)
    r.near_root_max_abs = a.root_abs.v, r.near_root_max_abs_x = a.root_abs.x;
  return r;
}

// The kernels' floating-point environment for a scope: nothing to do in the default one, which
// every worker thread sets when it starts.
class KernelEnv {
 public:
  explicit KernelEnv(FpEnv e) {
    if (e != FpEnv::kDefault) scoped_.emplace(e);
  }

 private:
  std::optional<ScopedFpEnv> scoped_;
};

// The exact value and f'(x) at n inputs x.
template <class T, class R>
void ComputeRef(Activation act, const T* x, std::size_t n, R* rv, R* rg) {
  for (std::size_t i = 0; i < n; ++i) {
    const R xr(static_cast<typename DTypeTraits<T>::Compute>(x[i]));  // exact
    rv[i] = ref::Value<R>(act, xr);
    rg[i] = ref::GradX<R>(act, xr);
  }
}

template <class R>
struct RefBlock {
  std::vector<R> rv, rg;
};

// The gold reference of 16-bit bit-range blocks, kept for the process: every 16-bit sweep is
// exhaustive, so every kernel of an activation and dtype is scored against the same blocks
// (the claims tests sweep one kernel at a time, in each environment), and the gold tier's cost
// is paid once. The most recent activations' blocks are kept (a few MB each).
template <class T>
class HalfRefCache {
 public:
  using R = typename Traits<T>::Ref;
  static std::shared_ptr<const RefBlock<R>> Get(Activation act, std::uint64_t begin,
                                                const T* x, std::size_t n) {
    static std::mutex mu;
    static std::vector<Entry> entries;  // most recently used last
    const Key key{act, begin, n};
    {
      const std::lock_guard<std::mutex> lock(mu);
      for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].key == key) {
          std::rotate(entries.begin() + static_cast<std::ptrdiff_t>(i),
                      entries.begin() + static_cast<std::ptrdiff_t>(i) + 1, entries.end());
          return entries.back().block;
        }
    }
    auto block = std::make_shared<RefBlock<R>>();
    block->rv.resize(n), block->rg.resize(n);
    ComputeRef<T>(act, x, n, block->rv.data(), block->rg.data());
    const std::lock_guard<std::mutex> lock(mu);
    if (entries.size() == kEntries) entries.erase(entries.begin());
    entries.push_back({key, block});
    return block;
  }

 private:
  static constexpr std::size_t kEntries = 32;  // 16-bit plans have 8 blocks of 4,096 magnitudes
  struct Key {
    Activation act;
    std::uint64_t begin;
    std::size_t n;
    bool operator==(const Key&) const = default;
  };
  struct Entry {
    Key key;
    std::shared_ptr<const RefBlock<R>> block;
  };
};

template <class T>
struct Workspace {
  using R = typename Traits<T>::Ref;
  std::vector<T> mags, x, y, gx, gy, ones;
  std::vector<R> rv, rg;
  std::vector<Carry> carry;
  // float32: 1/ulp(r) and 1/|r| of a chunk's values (0) and gradients (1).
  std::vector<double> inv_ulp[2], inv_abs[2];
  Workspace() : y(2 * kChunk), gx(2 * kChunk), gy(2 * kChunk), ones(2 * kChunk, T(1)) {}

  RefChunkF32 RefChunk(int q, const double* r, std::size_t n) {
    inv_ulp[q].resize(n), inv_abs[q].resize(n);
    double* iu = inv_ulp[q].data();
    double* ia = inv_abs[q].data();
    for (std::size_t i = 0; i < n; ++i) {
      iu[i] = InvUlpF32(r[i]);
      ia[i] = 1 / std::fabs(r[i]);
    }
    return {r, iu, ia};
  }
};

template <class T>
class Engine {
 public:
  using R = typename Traits<T>::Ref;
  using UInt = typename Traits<T>::UInt;

  Engine(Activation act, std::vector<const Kernel*> kernels, const InputPlan<T>& plan,
         Shard shard, FpEnv env)
      : act_(act), kernels_(std::move(kernels)), plan_(plan), blocks_(MakeBlocks(plan)),
        env_(env) {
    sums_.assign(blocks_.size() * kernels_.size() * 3, 0.0);
    // The shard's blocks: [lo, hi), the index-th of `count` nearly equal runs.
    const std::size_t n = blocks_.size();
    lo_ = n * (shard.index - 1) / shard.count;
    hi_ = n * shard.index / shard.count;
  }

  // Blocks this engine sweeps (its shard's), numbered 0.. for Process.
  std::size_t blocks() const { return hi_ - lo_; }

  struct ThreadState {
    Workspace<T> ws;
    std::vector<Acc> acc;         // [kernel * 3 + quantity]
    std::vector<double> seconds;  // per kernel
  };
  ThreadState NewThreadState() const {
    ThreadState s;
    s.acc.resize(kernels_.size() * 3);
    s.seconds.assign(kernels_.size(), 0.0);
    s.ws.carry.resize(kernels_.size());
    return s;
  }

  void Process(std::size_t shard_block, ThreadState& ts) {
    const std::size_t b = lo_ + shard_block;  // the plan's block number: keys are global
    const BlockRef& blk = blocks_[b];
    Workspace<T>& ws = ts.ws;
    const std::size_t n = blk.count;
    ws.mags.resize(n);
    bool has_prev = false;
    T prev{};
    if (blk.list >= 0) {
      const auto& list = plan_.lists[static_cast<std::size_t>(blk.list)];
      std::copy_n(list.begin() + static_cast<std::ptrdiff_t>(blk.begin), n, ws.mags.begin());
      if (blk.begin > 0) has_prev = true, prev = list[blk.begin - 1];
    } else {
      for (std::size_t i = 0; i < n; ++i)
        ws.mags[i] = FromBits<T>(static_cast<UInt>(blk.begin + i));
      if (blk.begin > plan_.range_begin)
        has_prev = true, prev = FromBits<T>(static_cast<UInt>(blk.begin - 1));
    }
    // Layout per chunk j of c magnitudes: c inputs +m, then c inputs -m.
    ws.x.resize(2 * n);
    for (std::size_t s = 0; s < n; s += kChunk) {
      const std::size_t c = std::min(kChunk, n - s);
      for (std::size_t k = 0; k < c; ++k) {
        ws.x[2 * s + k] = ws.mags[s + k];
        ws.x[2 * s + c + k] = -ws.mags[s + k];
      }
    }
    // The reference of the block: computed here, or for a 16-bit dtype's bit range (the same
    // blocks in every sweep of the activation) taken from the process's cache.
    std::shared_ptr<const RefBlock<R>> cached;
    if constexpr (kIsHalf16<T>) {
      if (blk.list < 0) cached = HalfRefCache<T>::Get(act_, blk.begin, ws.x.data(), 2 * n);
    }
    if (!cached) {
      ws.rv.resize(2 * n);
      ws.rg.resize(2 * n);
      ComputeRef<T>(act_, ws.x.data(), 2 * n, ws.rv.data(), ws.rg.data());
    }
    const R* rv_block = cached ? cached->rv.data() : ws.rv.data();
    const R* rg_block = cached ? cached->rg.data() : ws.rg.data();

    for (std::size_t ki = 0; ki < kernels_.size(); ++ki) {
      ws.carry[ki] = Carry{};
      if (!has_prev) continue;
      T px[2] = {prev, -prev}, py[2];
      {
        const KernelEnv env(env_);
        kernels_[ki]->template ops<T>().forward(px, py, 2);
      }
      // Only a point inside the monotonic domain may start the comparison chain.
      const double from = Info(act_).monotonic_from;
      if (!std::isnan(py[0]) && static_cast<double>(px[0]) >= from)
        ws.carry[ki].pos = static_cast<double>(py[0]), ws.carry[ki].pos_valid = true;
      if (!std::isnan(py[1]) && static_cast<double>(px[1]) >= from)
        ws.carry[ki].neg = static_cast<double>(py[1]), ws.carry[ki].neg_valid = true;
    }

    const Symmetry sym = ref::SymmetryOf(act_);
    const ref::Range range = ref::ValueRange(act_);
    const double monotonic_from = Info(act_).monotonic_from;
    const std::span<const double> zeros = Info(act_).grad_zeros;
    const bool odd = sym == Symmetry::kOdd;
    for (std::size_t s = 0; s < n; s += kChunk) {
      const std::size_t c = std::min(kChunk, n - s);
      const T* x = ws.x.data() + 2 * s;
      const T* mags = ws.mags.data() + s;
      const R* rv = rv_block + 2 * s;
      const R* rg = rg_block + 2 * s;
      const std::uint64_t key0 = (static_cast<std::uint64_t>(b) << kKeyShift) + 2 * s;
      // float32: what scoring needs of the reference, once for every kernel of the chunk.
      [[maybe_unused]] bool plain = false;
      [[maybe_unused]] RefChunkF32 ref_v{}, ref_g{};
      if constexpr (std::is_same_v<T, float>) {
        plain = PlainInputs(x, 2 * c);
        if (plain) {
          ref_v = ws.RefChunk(0, rv, 2 * c);
          ref_g = ws.RefChunk(1, rg, 2 * c);
        }
      }
      const SymmetryForm form_v = FormOf(sym, false), form_g = FormOf(sym, true);
      const SymmetryForm* pv = sym != Symmetry::kNone ? &form_v : nullptr;
      const SymmetryForm* pg = sym != Symmetry::kNone ? &form_g : nullptr;
      // One quantity: the plain pass when it applies, the general scorers otherwise.
      auto score = [&](const T* y, const R* r, const RefChunkF32& ref, const SymmetryForm* form,
                       bool gradient, bool odd_zero, Acc& acc, double& block_sum) {
        if constexpr (std::is_same_v<T, float>) {
          double sum = 0;
          if (plain && ScorePairsF32(x, mags, y, ref, c, form, key0, acc, sum)) {
            block_sum += sum;
            return;
          }
        }
        block_sum += ScoreErrors(odd_zero, x, y, r, 2 * c, key0, acc);
        if (form != nullptr) ScoreSymmetry(sym, gradient, mags, y, y + c, c, key0, acc);
      };
      for (std::size_t ki = 0; ki < kernels_.size(); ++ki) {
        const auto t0 = Clock::now();
        const Ops<T>& ops = kernels_[ki]->template ops<T>();
        T* y = ws.y.data();
        T* gx = ws.gx.data();
        T* gy = ws.gy.data();
        {
          const KernelEnv env(env_);  // the kernels in the run's environment, scoring in IEEE's
          ops.forward(x, y, 2 * c);
          ops.backward_x(x, ws.ones.data(), gx, 2 * c);
        }
        Acc* acc = &ts.acc[ki * 3];
        double* sums = &sums_[(ki * 3) * blocks_.size()];
        score(y, rv, ref_v, pv, false, odd, acc[0], sums[b]);
        ScoreValueShape(range, monotonic_from, x, y, c, key0, ws.carry[ki], acc[0]);
        score(gx, rg, ref_g, pg, true, false, acc[1], sums[blocks_.size() + b]);
        if (!zeros.empty()) ScoreNearRoots(zeros, x, gx, rg, 2 * c, key0, acc[1]);
        if (ops.backward_y) {
          {
            const KernelEnv env(env_);
            ops.backward_y(y, ws.ones.data(), gy, 2 * c);
          }
          score(gy, rg, ref_g, pg, true, false, acc[2], sums[2 * blocks_.size() + b]);
          if (!zeros.empty()) ScoreNearRoots(zeros, x, gy, rg, 2 * c, key0, acc[2]);
        }
        ts.seconds[ki] += std::chrono::duration<double>(Clock::now() - t0).count();
      }
    }
  }

  // Folds the thread states into one result per kernel (in kernel order).
  std::vector<KernelResult> Finish(const std::vector<ThreadState>& states, Mode mode) const {
    std::vector<KernelResult> out;
    for (std::size_t ki = 0; ki < kernels_.size(); ++ki) {
      KernelResult kr;
      kr.kernel = kernels_[ki];
      kr.mode = mode;
      for (const ThreadState& s : states) kr.seconds += s.seconds[ki];
      for (std::size_t qi = 0; qi < 3; ++qi) {
        KernelResult::Raw& raw = kr.raw[qi];
        for (const ThreadState& s : states) raw.acc.Merge(s.acc[ki * 3 + qi]);
        const double* sums = &sums_[(ki * 3 + qi) * blocks_.size()];
        for (std::size_t b = lo_; b < hi_; ++b) raw.ulp_sum.Add(sums[b]);
      }
      Finalize(kr);
      out.push_back(kr);
    }
    return out;
  }

 private:
  Activation act_;
  std::vector<const Kernel*> kernels_;
  const InputPlan<T>& plan_;
  std::vector<BlockRef> blocks_;
  std::vector<double> sums_;  // [(kernel * 3 + quantity) * blocks + block]
  std::size_t lo_ = 0, hi_ = 0;  // the shard's blocks
  FpEnv env_ = FpEnv::kDefault;  // the kernels' environment (the worker threads run in default)
};

}  // namespace

void Finalize(KernelResult& r) {
  if (r.skipped) {
    for (std::size_t qi = 0; qi < 3; ++qi) {
      r.q[qi] = QuantityResult{};
      r.q[qi].quantity = kQuantities[qi];
      r.q[qi].status = Status::kSkipped;
    }
    return;
  }
  for (std::size_t qi = 0; qi < 3; ++qi) {
    r.q[qi] = ToResult(r.kernel->activation, r.raw[qi].acc, r.raw[qi].ulp_sum.Value(),
                       kQuantities[qi]);
    r.q[qi].search_from = r.raw[qi].search_from;
    r.q[qi].search_points = r.raw[qi].search_points;
    if (kQuantities[qi] == Quantity::kGradY && !r.kernel->has_backward_y()) {
      r.q[qi] = QuantityResult{};
      r.q[qi].quantity = Quantity::kGradY;
      r.q[qi].status = Status::kNoBackwardY;
    }
  }
}

void MergeInto(KernelResult& into, const KernelResult& other) {
  into.seconds += other.seconds;
  into.skipped = into.skipped && other.skipped;
  for (std::size_t qi = 0; qi < 3; ++qi) {
    into.raw[qi].acc.Merge(other.raw[qi].acc);
    into.raw[qi].ulp_sum.Merge(other.raw[qi].ulp_sum);
  }
  Finalize(into);
}

// ---- running ----------------------------------------------------------------------------

template <class T>
std::vector<KernelResult> SweepPlan(Activation act, std::span<const Kernel* const> kernels,
                                    const InputPlan<T>& plan, const RunOptions& options) {
  std::vector<const Kernel*> runnable;
  for (const Kernel* k : kernels)
    if (CpuSupports(*k)) runnable.push_back(k);

  std::vector<KernelResult> measured;
  if (!runnable.empty()) {
    Engine<T> engine(act, runnable, plan, options.shard, options.fp_env);
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(
        std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(engine.blocks(), 1)));
    std::vector<typename Engine<T>::ThreadState> states;
    for (unsigned t = 0; t < threads; ++t) states.push_back(engine.NewThreadState());
    std::atomic<std::size_t> next{0}, done{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        const ScopedFpEnv ieee(FpEnv::kDefault);  // whatever the process runs in
        for (std::size_t b; (b = next.fetch_add(1)) < engine.blocks();) {
          engine.Process(b, states[t]);
          done.fetch_add(1);
        }
        if constexpr (std::is_same_v<typename Traits<T>::Ref, Gold>) gold::ReleaseThreadCaches();
      });
    }
    // A log gets ten lines per exhaustive sweep; a terminal gets a live line for any sweep.
    const bool tty = isatty(STDERR_FILENO);
    if (options.progress && (tty || options.mode == Mode::kExhaustive)) {
      const auto start = Clock::now();
      auto last_print = start;
      int next_decile = 1;
      while (done.load() < engine.blocks()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto now = Clock::now();
        const std::size_t d = done.load();
        const bool decile = d * 10 >= static_cast<std::size_t>(next_decile) * engine.blocks();
        if ((tty && now - last_print > std::chrono::milliseconds(500)) ||
            (!tty && decile && d < engine.blocks())) {
          PrintProgress(options.label, d, engine.blocks(),
                        std::chrono::duration<double>(now - start).count(), tty, false);
          last_print = now;
          while (d * 10 >= static_cast<std::size_t>(next_decile) * engine.blocks()) ++next_decile;
        }
      }
      PrintProgress(options.label, engine.blocks(), engine.blocks(),
                    std::chrono::duration<double>(Clock::now() - start).count(), tty, true);
    }
    for (auto& w : workers) w.join();
    measured = engine.Finish(states, options.mode);
    for (KernelResult& r : measured) r.fp_env = options.fp_env;
  }

  std::vector<KernelResult> out;
  std::size_t mi = 0;
  for (const Kernel* k : kernels) {
    if (mi < measured.size() && measured[mi].kernel == k) {
      out.push_back(measured[mi++]);
      continue;
    }
    KernelResult skipped;
    skipped.kernel = k;
    skipped.mode = options.mode;
    skipped.fp_env = options.fp_env;
    skipped.skipped = true;
    for (std::size_t qi = 0; qi < 3; ++qi) {
      skipped.q[qi].quantity = kQuantities[qi];
      skipped.q[qi].status = Status::kSkipped;
    }
    out.push_back(skipped);
  }
  return out;
}

template std::vector<KernelResult> SweepPlan<float>(Activation, std::span<const Kernel* const>,
                                                    const InputPlan<float>&, const RunOptions&);
template std::vector<KernelResult> SweepPlan<double>(Activation, std::span<const Kernel* const>,
                                                     const InputPlan<double>&, const RunOptions&);
template std::vector<KernelResult> SweepPlan<bf16>(Activation, std::span<const Kernel* const>,
                                                   const InputPlan<bf16>&, const RunOptions&);
template std::vector<KernelResult> SweepPlan<f16>(Activation, std::span<const Kernel* const>,
                                                  const InputPlan<f16>&, const RunOptions&);

namespace {

// Moves every key of r's accumulators past those of any earlier plan: a search round's inputs
// come after the sample in "plan order", so on a tie the sample's input stays the one named.
void ShiftKeys(KernelResult& r, std::uint64_t base) {
  for (KernelResult::Raw& raw : r.raw) {
    detail::Acc& a = raw.acc;
    for (detail::MaxAt* m :
         {&a.ulp, &a.ulp_normal, &a.abs, &a.rel, &a.symmetry, &a.root_ulp, &a.root_abs})
      if (m->key != ~std::uint64_t{0}) m->key += base;
    for (detail::Failures* f : {&a.range, &a.monotonic, &a.specials, &a.nan_propagation})
      if (f->key != ~std::uint64_t{0}) f->key += base;
  }
}

// The candidates of one round around magnitude m (see WorstCaseSearch).
void AddCandidates(double m, std::uint64_t seed, std::vector<double>& out) {
  if (!std::isfinite(m) || m <= 0) return;
  const std::uint64_t b = std::bit_cast<std::uint64_t>(m);
  constexpr std::uint64_t kInfBits = 0x7ff0000000000000ull;
  for (std::uint64_t k = 1; k <= 256; ++k) {
    if (b > k) out.push_back(std::bit_cast<double>(b - k));
    if (b + k < kInfBits) out.push_back(std::bit_cast<double>(b + k));
  }
  for (int s = 1; s <= 52; ++s) {
    out.push_back(m * (1 - std::ldexp(1.0, -s)));
    const double up = m * (1 + std::ldexp(1.0, -s));
    if (std::isfinite(up)) out.push_back(up);
  }
  SplitMix64 rng{seed};
  for (int i = 0; i < 128; ++i) {
    const double u = 2 * rng.Unit() - 1;
    const double v = m * (1 + u * std::ldexp(1.0, -20 - static_cast<int>(rng.Below(32))));
    if (std::isfinite(v) && v > 0) out.push_back(v);
  }
}

}  // namespace

void WorstCaseSearch(std::vector<KernelResult>& results, const SweepOptions& options) {
  if (options.search_rounds == 0) return;
  // Groups of measured float64 kernels of one activation, swept on a sample.
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const KernelResult& r = results[i];
    if (r.skipped || r.mode != Mode::kSample || r.kernel->dtype != DType::kF64) continue;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return results[g[0]].kernel->activation == r.kernel->activation;
    });
    if (it == groups.end()) it = groups.insert(groups.end(), std::vector<std::size_t>{});
    it->push_back(i);
  }
  for (const std::vector<std::size_t>& g : groups) {
    std::vector<const Kernel*> ks;
    for (std::size_t i : g) ks.push_back(results[i].kernel);
    const Activation act = ks[0]->activation;
    // Where the search starts: each kernel's worst normal-result input per quantity.
    std::vector<std::array<double, 3>> from(g.size());
    for (std::size_t j = 0; j < g.size(); ++j)
      for (std::size_t qi = 0; qi < 3; ++qi) {
        const QuantityResult& q = results[g[j]].q[qi];
        from[j][qi] = q.status == Status::kOk ? q.max_ulp_normal_x : kNaN;
        if (q.status == Status::kOk && std::isnan(results[g[j]].raw[qi].search_from))
          results[g[j]].raw[qi].search_from = q.max_ulp_normal;
      }
    for (unsigned round = 0; round < options.search_rounds; ++round) {
      std::vector<double> cand;
      for (std::size_t j = 0; j < g.size(); ++j)
        for (std::size_t qi = 0; qi < 3; ++qi)
          AddCandidates(std::fabs(from[j][qi]),
                        options.seed ^ (0x9e3779b97f4a7c15ull * (round * 3 + qi + 1)) ^
                            std::hash<std::string_view>{}(ks[j]->id),
                        cand);
      if (cand.empty()) break;
      std::sort(cand.begin(), cand.end());
      cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
      InputPlan<double> plan;
      plan.lists.push_back(cand);
      RunOptions ro;
      ro.threads = options.threads;
      ro.mode = Mode::kSample;
      ro.fp_env = options.fp_env;
      std::vector<KernelResult> part = SweepPlan<double>(act, ks, plan, ro);
      bool moved = false;
      for (std::size_t j = 0; j < g.size(); ++j) {
        ShiftKeys(part[j], std::uint64_t{round + 1} << 58);
        KernelResult& r = results[g[j]];
        std::array<double, 3> before{};
        for (std::size_t qi = 0; qi < 3; ++qi) {
          before[qi] = r.q[qi].max_ulp_normal;
          r.raw[qi].search_points += part[j].raw[qi].acc.points;
        }
        MergeInto(r, part[j]);
        for (std::size_t qi = 0; qi < 3; ++qi)
          if (r.q[qi].status == Status::kOk && r.q[qi].max_ulp_normal > before[qi]) {
            from[j][qi] = r.q[qi].max_ulp_normal_x;
            moved = true;
          } else {
            from[j][qi] = kNaN;  // nothing new to climb from
          }
      }
      if (!moved) break;
    }
  }
}

std::vector<KernelResult> Sweep(std::span<const Kernel* const> kernels,
                                const SweepOptions& options) {
  struct Group {
    Activation act;
    DType dtype;
    std::vector<std::size_t> members;
  };
  std::vector<Group> groups;
  for (std::size_t i = 0; i < kernels.size(); ++i) {
    const Kernel& k = *kernels[i];
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.act == k.activation && g.dtype == k.dtype;
    });
    if (it == groups.end()) it = groups.insert(groups.end(), Group{k.activation, k.dtype, {}});
    it->members.push_back(i);
  }
  std::vector<KernelResult> out(kernels.size());
  for (const Group& g : groups) {
    std::vector<const Kernel*> ks;
    for (std::size_t i : g.members) ks.push_back(kernels[i]);
    // 16-bit dtypes are always swept exhaustively: 65,536 inputs cost less than a sample.
    const bool exhaustive = (options.mode == Mode::kExhaustive && Info(g.dtype).exhaustive) ||
                            Info(g.dtype).bits <= 16;
    const std::string label = std::string(Name(g.act)) + " " + std::string(Name(g.dtype)) + " " +
                              (exhaustive ? "exhaustive" : "sample") + " (" +
                              std::to_string(ks.size()) + " kernels)";
    RunOptions ro{options.threads, options.progress, label,
                  exhaustive ? Mode::kExhaustive : Mode::kSample, options.shard,
                  options.fp_env};
    const std::vector<KernelResult> res = VisitDType(g.dtype, [&](auto zero) {
      using T = decltype(zero);
      InputPlan<T> plan;
      if constexpr (DTypeTraits<T>::kBits <= 16)
        plan = ExhaustivePlan<T>();
      else if constexpr (DTypeTraits<T>::kExhaustive)
        plan =
            exhaustive ? ExhaustivePlan<T>() : SamplePlan<T>(g.act, options.points, options.seed);
      else
        plan = SamplePlan<T>(g.act, options.points, options.seed);
      return SweepPlan<T>(g.act, ks, plan, ro);
    });
    for (std::size_t j = 0; j < g.members.size(); ++j) out[g.members[j]] = res[j];
  }
  // A shard sees part of the sample: the merge runs the search on the whole one.
  if (options.shard.whole()) WorstCaseSearch(out, options);
  return out;
}

}  // namespace actbench::acc
