#include "sim/load_profile/lp_buffer.hpp"

#include <algorithm>

namespace jemhead::sim {

void LpBuffer::push(std::int64_t end_unix_seconds, std::uint32_t status,
                    std::span<const float> values) {
  if (capacity_ == 0) return;
  if (ends_.size() < capacity_) {
    ends_.push_back(end_unix_seconds);
    status_.push_back(status);
    values_.insert(values_.end(), values.begin(), values.begin() + channels_);
    return;
  }
  // Full: overwrite the oldest, which makes the next slot the oldest.
  ends_[head_] = end_unix_seconds;
  status_[head_] = status;
  std::copy_n(values.begin(), channels_, values_.begin() + head_ * channels_);
  head_ = head_ + 1 == capacity_ ? 0 : head_ + 1;
}

std::size_t LpBuffer::lower_bound(std::int64_t unix_seconds) const {
  std::size_t lo = 0, hi = size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (end(mid) < unix_seconds)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

}  // namespace jemhead::sim
