// Command line of actbench-accuracy: parsing and validation, apart from main() so that tests
// can check what is accepted and what each mistake is told.
#pragma once

#include <string>
#include <vector>

#include "accuracy/sweep.h"

namespace actbench::acc {

struct CliOptions {
  SweepOptions sweep;
  std::string kernels;  // comma-separated globs; empty = every kernel
  std::string out = "reports/accuracy.csv";
  std::string machine;  // machine key in the report; empty = host name
  bool help = false;
  bool quiet = false;         // no progress line
  bool check_claims = false;  // exit status 3 when a measured kernel exceeds its claim
  std::string command;        // the command line, recorded in the report
  bool shard_given = false;   // --shard K/N: write the shard file of that slice to --out
  bool out_given = false;
  bool merge = false;                   // --merge FILE...: the report of those shards
  std::vector<std::string> merge_files;
};

// Parses argv. Returns "" on success, else a message saying what is wrong and what is
// allowed (the caller prints it with the usage and exits with status 2).
std::string ParseCli(const std::vector<std::string>& args, CliOptions* options);

std::string UsageText();

}  // namespace actbench::acc
