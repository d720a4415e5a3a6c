#include "api/pqdif_decimation.hpp"

#include <algorithm>
#include <cmath>

namespace jemhead::api {

namespace {

std::vector<std::size_t> evenly_spaced(std::size_t n, std::size_t count) {
  std::vector<std::size_t> out;
  if (count == 0 || n == 0) return out;
  if (count == 1) return {0};
  for (std::size_t i = 0; i < count; ++i) out.push_back(i * (n - 1) / (count - 1));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<std::size_t> decimation_indexes(std::size_t n,
                                            std::span<const std::span<const double>> value_series,
                                            std::size_t max_points) {
  std::vector<std::size_t> keep;
  if (n <= max_points) {
    keep.resize(n);
    for (std::size_t i = 0; i < n; ++i) keep[i] = i;
    return keep;
  }
  // Two points per value series per bucket, plus the first and last point so that a plot
  // spans the whole observation (and a time series keeps its extremes too).
  const std::size_t per_bucket = 2 * value_series.size();
  if (value_series.empty() || max_points < per_bucket + 2) return evenly_spaced(n, max_points);
  const std::size_t buckets = (max_points - 2) / per_bucket;

  std::vector<std::size_t> picked;
  keep.push_back(0);
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t begin = b * n / buckets;
    const std::size_t end = (b + 1) * n / buckets;
    if (begin == end) continue;
    picked.clear();
    for (const auto& values : value_series) {
      std::size_t low = begin, high = begin;
      bool any = false;
      for (std::size_t i = begin; i < end && i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        if (!any || values[i] < values[low]) low = i;
        if (!any || values[i] > values[high]) high = i;
        any = true;
      }
      picked.push_back(low);
      picked.push_back(high);
    }
    std::sort(picked.begin(), picked.end());
    picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
    keep.insert(keep.end(), picked.begin(), picked.end());  // buckets are in index order
  }
  keep.push_back(n - 1);
  keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
  return keep;
}

}  // namespace jemhead::api
