// The kernel registry: every entry is well-formed (id, names, entry points, family,
// description), and the look-ups (FindKernel, MatchKernels, SimilarIds, GlobMatch) and the
// actbench-kernels listing binary behave as documented.
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kernel_params.h"

namespace actbench::tests {
namespace {

std::vector<std::string_view> SplitId(std::string_view id) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = id.find('/', start);
    parts.push_back(id.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) return parts;
    start = slash + 1;
  }
}

std::vector<std::string_view> Ids(const std::vector<const Kernel*>& kernels) {
  std::vector<std::string_view> ids;
  for (const Kernel* k : kernels) ids.push_back(k->id);
  return ids;
}

template <class Pred>
std::vector<std::string_view> IdsWhere(Pred pred) {
  std::vector<std::string_view> ids;
  for (const Kernel& k : AllKernels())
    if (pred(k)) ids.push_back(k.id);
  return ids;
}

// ---- whole-registry properties ----

TEST(Registry, IsNotEmpty) { EXPECT_FALSE(AllKernels().empty()); }

TEST(Registry, IdsAreUnique) {
  std::set<std::string_view> seen;
  for (const Kernel& k : AllKernels())
    EXPECT_TRUE(seen.insert(k.id).second) << "duplicate id " << k.id;
}

// Test names are derived from ids; two ids that differ only in punctuation would collide.
TEST(Registry, TestNamesAreUnique) {
  std::set<std::string> seen;
  for (const Kernel& k : AllKernels())
    EXPECT_TRUE(seen.insert(SanitizedId(k.id)).second)
        << k.id << " gives the same test name as another id: " << SanitizedId(k.id);
}

TEST(Registry, ScalarIsaRunsEverywhere) { EXPECT_TRUE(CpuSupports(Isa::kScalar)); }

// ---- per-kernel properties ----

class RegistryEntry : public ::testing::TestWithParam<Kernel> {};

TEST_P(RegistryEntry, IdHasActivationTokensIsaDtype) {
  const Kernel& k = GetParam();
  const auto parts = SplitId(k.id);
  ASSERT_EQ(parts.size(), 4u) << k.id << ": expected activation/tokens/isa/dtype";
  EXPECT_EQ(parts[0], Name(k.activation)) << k.id;
  EXPECT_EQ(parts[2], Name(k.isa)) << k.id;
  EXPECT_EQ(parts[3], Name(k.dtype)) << k.id;
  // Ids are the join key of CSV reports and file names: lower-case, digits, '-' and '.' only.
  for (std::string_view part : parts) {
    EXPECT_FALSE(part.empty()) << k.id << ": empty part";
    for (char c : part) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      EXPECT_TRUE(ok) << k.id << ": character '" << c << "' not allowed in an id";
    }
  }
}

TEST_P(RegistryEntry, OpsMatchDeclaredDtype) {
  const Kernel& k = GetParam();
  VisitDType(k.dtype, [&](auto zero) {
    const Ops<decltype(zero)> ops = k.ops<decltype(zero)>();
    EXPECT_NE(ops.forward, nullptr) << k.id;
    EXPECT_NE(ops.backward_x, nullptr) << k.id;
    EXPECT_EQ(k.has_backward_y(), ops.backward_y != nullptr) << k.id;
  });
  EXPECT_TRUE(k.id.ends_with("/" + std::string(Name(k.dtype)))) << k.id;
}

TEST_P(RegistryEntry, HasDescriptionAndKnownFamily) {
  const Kernel& k = GetParam();
  EXPECT_FALSE(k.description.empty()) << k.id;
  EXPECT_NE(std::find(std::begin(kFamilies), std::end(kFamilies), k.family), std::end(kFamilies))
      << k.id << ": unknown family '" << k.family << "'";
}

TEST_P(RegistryEntry, QuirksAreKnownBits) {
  const Kernel& k = GetParam();
  constexpr std::uint32_t kAll = kNanDropped | kNanFromFinite | kInfWrong | kSignedZeroLost |
                                 kSubnormalFlushed | kInfFromFinite | kSubnormalWrongSign |
                                 kOutOfRange | kZeroInexact | kDyNanDropped | kDyInfWrong |
                                 kPositionDependent;
  EXPECT_EQ(k.quirks & ~kAll, 0u) << k.id;
}

TEST_P(RegistryEntry, FindKernelReturnsThisEntry) {
  const Kernel& k = GetParam();
  const Kernel* found = FindKernel(k.id);
  ASSERT_NE(found, nullptr) << k.id;
  EXPECT_EQ(found->id, k.id);
  EXPECT_GE(found, AllKernels().data());
  EXPECT_LT(found, AllKernels().data() + AllKernels().size());
}

TEST_P(RegistryEntry, ExactIdMatchesOnlyItself) {
  const Kernel& k = GetParam();
  EXPECT_EQ(Ids(MatchKernels(k.id)), std::vector<std::string_view>{k.id});
  const auto similar = SimilarIds(k.id);
  ASSERT_FALSE(similar.empty());
  EXPECT_EQ(similar.front(), k.id);
}

INSTANTIATE_TEST_SUITE_P(Kernels, RegistryEntry, RegistryKernels(), KernelTestName);

// ---- look-ups ----

TEST(FindKernel, UnknownIdsGiveNull) {
  EXPECT_EQ(FindKernel(""), nullptr);
  EXPECT_EQ(FindKernel("sigmoid"), nullptr);    // a prefix is not an id
  EXPECT_EQ(FindKernel("sigmoid/*"), nullptr);  // nor is a glob
  EXPECT_EQ(FindKernel("no/such/kernel/f32"), nullptr);
  const std::string_view first = AllKernels().front().id;
  EXPECT_EQ(FindKernel(std::string(first) + " "), nullptr);
  EXPECT_EQ(FindKernel(first.substr(0, first.size() - 1)), nullptr);
}

TEST(MatchKernels, EmptyPatternAndStarMatchEverything) {
  const auto all = IdsWhere([](const Kernel&) { return true; });
  EXPECT_EQ(Ids(MatchKernels("")), all);
  EXPECT_EQ(Ids(MatchKernels("*")), all);
  EXPECT_EQ(Ids(MatchKernels("*/*/*/*")), all);
}

TEST(CheckSelection, EmptyTermsAndTermsMatchingNothingAreErrors) {
  const std::string some(AllKernels().front().id);
  EXPECT_EQ(CheckSelection(some), "");
  EXPECT_EQ(CheckSelection("*"), "");
  EXPECT_EQ(CheckSelection(some + ",tanh/*"), "");
  // An empty term: a lone comma used to select the whole registry, a stray one was ignored.
  for (const std::string& sel : {std::string(","), some + ",", "," + some, some + ",,tanh/*"})
    EXPECT_NE(CheckSelection(sel).find("empty term"), std::string::npos) << sel;
  // A term matching nothing is named even when another term matches, with close ids ranked
  // on its literal part.
  const std::string msg = CheckSelection("tanh/*," + some.substr(0, 5) + "q*");
  EXPECT_NE(msg.find("no kernel id matches '" + some.substr(0, 5) + "q*'"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("\n  " + std::string(Name(AllKernels().front().activation))),
            std::string::npos)
      << msg;
  // Extra ids (the benchmark's baselines) count as matches.
  const std::string_view extra[] = {"baseline/memcpy"};
  EXPECT_NE(CheckSelection("baseline/*"), "");
  EXPECT_EQ(CheckSelection("baseline/*", extra), "");
}

TEST(MatchKernelsOrExplain, RefusesWhatCheckSelectionRefuses) {
  EXPECT_TRUE(MatchKernelsOrExplain(",", "test").empty());
  EXPECT_TRUE(MatchKernelsOrExplain("tanh/*,nope", "test").empty());
  EXPECT_EQ(MatchKernelsOrExplain("", "test").size(), AllKernels().size());
  EXPECT_EQ(Ids(MatchKernelsOrExplain("tanh/*", "test")), Ids(MatchKernels("tanh/*")));
}

TEST(MatchKernels, GlobsSelectByIdPart) {
  for (std::size_t ai = 0; ai < kAllActivations.size(); ++ai) {
    const auto a = static_cast<Activation>(ai);
    const std::string glob = std::string(Name(a)) + "/*";
    EXPECT_EQ(Ids(MatchKernels(glob)), IdsWhere([&](const Kernel& k) { return k.activation == a; }))
        << glob;
  }
  for (const DTypeInfo& t : kAllDTypes) {
    const std::string glob = "*/" + std::string(t.name);
    EXPECT_EQ(Ids(MatchKernels(glob)), IdsWhere([&](const Kernel& k) { return k.dtype == t.tag; }))
        << glob;
  }
  EXPECT_EQ(Ids(MatchKernels("*/scalar/*")),
            IdsWhere([](const Kernel& k) { return k.isa == Isa::kScalar; }));
  EXPECT_EQ(Ids(MatchKernels("*/f?2")),
            IdsWhere([](const Kernel& k) { return k.dtype == DType::kF32; }));
}

TEST(MatchKernels, CommaListIsUnionInRegistryOrderWithoutDuplicates) {
  // Overlapping globs: relu f32 kernels match both but appear once.
  const auto ids = Ids(MatchKernels("tanh/*,relu/*,relu/*/f32"));
  EXPECT_EQ(ids, IdsWhere([](const Kernel& k) {
              return k.activation == Activation::kTanh || k.activation == Activation::kRelu;
            }));
  // Empty items between commas are ignored.
  EXPECT_EQ(Ids(MatchKernels("tanh/*,,")), Ids(MatchKernels("tanh/*")));
  // An exact id and a glob that matches nothing.
  const std::string_view first = AllKernels().front().id;
  EXPECT_EQ(Ids(MatchKernels(std::string(first) + ",nothing/*")),
            std::vector<std::string_view>{first});
}

TEST(MatchKernels, NoMatchGivesEmpty) {
  EXPECT_TRUE(MatchKernels("nosuchactivation/*").empty());
  EXPECT_TRUE(MatchKernels("*/f128").empty());  // no such dtype
  EXPECT_TRUE(MatchKernels("sigmoid").empty());    // globs match whole ids, not prefixes
  EXPECT_TRUE(MatchKernels("SIGMOID/*").empty());  // case-sensitive
}

TEST(SimilarIds, PartialIdFindsThatActivation) {
  const auto similar = SimilarIds("sigmoid/naive");
  ASSERT_FALSE(similar.empty());
  for (std::string_view id : similar) EXPECT_TRUE(id.starts_with("sigmoid/")) << id;
  for (std::string_view id : SimilarIds("tanh")) EXPECT_TRUE(id.starts_with("tanh/")) << id;
}

TEST(SimilarIds, TypoFindsTheIntendedIdFirst) {
  const std::array<std::pair<std::string_view, std::string_view>, 4> kTypos = {{
      {"sigmoid/exp-dvi/scalar/f32", "sigmoid/exp-div/scalar/f32"},
      {"tanh/expm1-div/scalar/f46", "tanh/expm1-div/scalar/f64"},
      {"relu/selct/scalar/f32", "relu/select/scalar/f32"},
      {"sigmod/split-exp-div/scalar/f64", "sigmoid/split-exp-div/scalar/f64"},
  }};
  for (const auto& [typo, intended] : kTypos) {
    if (!FindKernel(intended)) continue;  // not declared in this build
    const auto similar = SimilarIds(typo);
    ASSERT_FALSE(similar.empty()) << typo;
    EXPECT_EQ(similar.front(), intended) << typo;
  }
}

TEST(SimilarIds, HonoursMaxResults) {
  EXPECT_EQ(SimilarIds("x", 0).size(), 0u);
  EXPECT_EQ(SimilarIds("x", 1).size(), 1u);
  EXPECT_EQ(SimilarIds("x", 3).size(), std::min<std::size_t>(3, AllKernels().size()));
  EXPECT_EQ(SimilarIds("x", AllKernels().size() + 10).size(), AllKernels().size());
}

TEST(GlobMatch, EdgeCases) {
  EXPECT_TRUE(GlobMatch("", ""));
  EXPECT_FALSE(GlobMatch("", "a"));
  EXPECT_FALSE(GlobMatch("a", ""));
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("**", ""));
  EXPECT_FALSE(GlobMatch("?", ""));
  EXPECT_TRUE(GlobMatch("?", "a"));
  EXPECT_FALSE(GlobMatch("?", "ab"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "ac"));
  EXPECT_TRUE(GlobMatch("a*", "a"));
  EXPECT_TRUE(GlobMatch("*a", "ba"));
  EXPECT_FALSE(GlobMatch("*a", "ab"));
  EXPECT_TRUE(GlobMatch("*ab", "aab"));  // needs backtracking past the first 'a'
  EXPECT_TRUE(GlobMatch("a*b*c", "aXbYc"));
  EXPECT_TRUE(GlobMatch("a*b*c", "abbcbc"));
  EXPECT_FALSE(GlobMatch("a*b", "aXbYc"));
  EXPECT_TRUE(GlobMatch("*-*-*", "a-b-c"));
  EXPECT_FALSE(GlobMatch("*-*-*", "a-b"));
  EXPECT_FALSE(GlobMatch("A", "a"));  // case-sensitive
  EXPECT_TRUE(GlobMatch("sse4.2", "sse4.2"));
  EXPECT_FALSE(GlobMatch("sse4.2", "sse4x2"));  // '.' is literal
  EXPECT_FALSE(GlobMatch("abc", "ab"));
  EXPECT_FALSE(GlobMatch("ab", "abc"));
  EXPECT_TRUE(GlobMatch("*/f32", "sigmoid/exp-div/scalar/f32"));
  EXPECT_FALSE(GlobMatch("*/f32", "sigmoid/exp-div/scalar/f64"));
  EXPECT_TRUE(GlobMatch("*****x", "x"));
  // Many stars over a long near-miss text: must terminate quickly and say no.
  EXPECT_FALSE(GlobMatch("*a*a*a*a*a*b", std::string(200, 'a')));
}

// ---- the actbench-kernels binary ----

struct RunResult {
  int exit_code = -1;
  std::string output;
};

// Runs actbench-kernels with `args` (already shell-quoted), capturing stdout and stderr.
RunResult RunListBinary(const std::string& args) {
  const std::string cmd = std::string("'") + ACTBENCH_KERNELS_BIN + "' " + args + " 2>&1";
  RunResult r;
  std::FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  std::size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, got);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(ListBinary, ListsEveryId) {
  const RunResult r = RunListBinary("");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const Kernel& k : AllKernels())
    EXPECT_NE(r.output.find(std::string(k.id) + " "), std::string::npos) << "missing " << k.id;
}

TEST(ListBinary, CsvHasHeaderAndOneRowPerKernel) {
  const RunResult r = RunListBinary("--csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.output.starts_with("id,activation,family,isa,dtype,")) << r.output;
  EXPECT_EQ(static_cast<std::size_t>(std::count(r.output.begin(), r.output.end(), '\n')),
            AllKernels().size() + 1);
  for (const Kernel& k : AllKernels())
    EXPECT_NE(r.output.find("\n" + std::string(k.id) + ","), std::string::npos) << k.id;
}

TEST(ListBinary, GlobSelects) {
  const RunResult r = RunListBinary("'tanh/*'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const Kernel& k : AllKernels()) {
    const bool listed = r.output.find(std::string(k.id) + " ") != std::string::npos;
    EXPECT_EQ(listed, k.activation == Activation::kTanh) << k.id;
  }
}

TEST(ListBinary, UnknownPatternFailsAndListsCloseIds) {
  // A typo of a real id: one character inserted into the algorithm tokens.
  std::string typo(AllKernels().front().id);
  typo.insert(typo.find('/') + 2, "q");
  const RunResult r = RunListBinary("'" + typo + "'");
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("no kernel id matches"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(AllKernels().front().id), std::string::npos) << r.output;
}

TEST(ListBinary, JsonHoldsTheVocabularyAndEveryKernel) {
  const RunResult r = RunListBinary("--json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.output.starts_with("{\n  \"activations\": [")) << r.output;
  for (const ActivationInfo& a : kAllActivations) {
    const std::string head = "{\"name\": \"" + std::string(a.name) + "\", \"range\": [";
    EXPECT_NE(r.output.find(head), std::string::npos) << a.name;
  }
  // Infinite bounds are null (JSON has no inf): relu's range is [0, +inf).
  EXPECT_NE(r.output.find("{\"name\": \"relu\", \"range\": [0, null], \"max_grad\": 1,"),
            std::string::npos)
      << r.output;
  for (const DTypeInfo& d : kAllDTypes)
    EXPECT_NE(r.output.find("{\"name\": \"" + std::string(d.name) + "\", \"bits\": " +
                            std::to_string(d.bits) + ", \"bytes\": " + std::to_string(d.bits / 8)),
              std::string::npos)
        << d.name;
  for (const Kernel& k : AllKernels())
    EXPECT_NE(r.output.find("{\"id\": \"" + std::string(k.id) + "\", \"activation\": \"" +
                            std::string(Name(k.activation)) + "\""),
              std::string::npos)
        << k.id;
  EXPECT_NE(RunListBinary("--csv --json").exit_code, 0);
}

TEST(ListBinary, SelectionRuleAndOptionForms) {
  // The selection may be given as --kernels GLOBS, --kernels=GLOBS or alone.
  const RunResult plain = RunListBinary("--csv 'tanh/*'");
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_EQ(RunListBinary("--csv --kernels 'tanh/*'").output, plain.output);
  EXPECT_EQ(RunListBinary("--csv --kernels='tanh/*'").output, plain.output);
  for (const char* bad : {"','", "'tanh/*,'", "''", "'tanh/*,nope/*'"}) {
    const RunResult r = RunListBinary(bad);
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.output;
  }
}

TEST(ListBinary, BadOptionFails) {
  const RunResult r = RunListBinary("--no-such-option");
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("unknown option"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace actbench::tests

namespace actbench {
namespace {

TEST(KernelOps, AskingForAnotherDtypeAborts) {
  const Kernel* k = FindKernel("relu/max/scalar/f32");
  ASSERT_NE(k, nullptr);
  EXPECT_DEATH((void)k->ops<double>(),
               "relu/max/scalar/f32 is f32, asked for its f64 entry points");
}

TEST(DTypeTraits, ListAndTraitsAgree) {
  for (const DTypeInfo& t : kAllDTypes) {
    EXPECT_EQ(ParseDType(t.name), t.tag);
    EXPECT_EQ(Name(t.tag), t.name);
  }
  EXPECT_EQ(ParseDType("f33"), std::nullopt);
  EXPECT_EQ(Info(DType::kF32).p, 24);
  EXPECT_EQ(Info(DType::kF32).emin, -126);
  EXPECT_EQ(Info(DType::kF64).p, 53);
  EXPECT_EQ(Info(DType::kF64).emin, -1022);
}

}  // namespace
}  // namespace actbench
