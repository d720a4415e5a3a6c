#pragma once
// Benchmarks report one JSON object per line on stdout so CI and people can read them:
//   {"name":"storage.lp_upsert","value":1.2e6,"unit":"values/s","baseline":1.4e6,"ratio":0.86}
// The baseline is measured in the same run on the same machine; ratio = value / baseline
// (for "lower is better" units the benchmark says so in the name and inverts the ratio).
#include <optional>
#include <string>

namespace jemhead::bench {

void report(const std::string& name, double value, const std::string& unit,
            std::optional<double> baseline = std::nullopt,
            std::optional<double> ratio = std::nullopt);

}  // namespace jemhead::bench
