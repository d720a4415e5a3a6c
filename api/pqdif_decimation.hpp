#pragma once
// Thinning PQDIF series for plotting (GET /api/v1/pqdif/{id}/observations/{index}?max_points)
// without losing what a plot is for: the peaks. Series of one channel instance that have
// the same length (its time series and its value series: min, max, average...) are thinned
// at the same indexes, so every value keeps its time. The indexes are those of each
// bucket's minimum and maximum in each value series, so a sag's bottom or a swell's top
// survives any max_points.
#include <cstddef>
#include <span>
#include <vector>

namespace jemhead::api {

// Indexes (ascending, distinct) to keep of `n` points so that at most `max_points` remain.
// `value_series` are the series whose extremes must survive (each of n values; NaNs are
// never picked as an extreme unless a bucket holds nothing else), plus the first and the
// last index. All indexes when n <= max_points. When max_points is too small for that (two
// points per value series and the ends), or there is no value series, evenly spaced
// indexes (first and last included) are kept instead. max_points 0 keeps nothing.
std::vector<std::size_t> decimation_indexes(std::size_t n,
                                            std::span<const std::span<const double>> value_series,
                                            std::size_t max_points);

}  // namespace jemhead::api
