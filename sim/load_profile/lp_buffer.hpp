#pragma once
// A profile's buffer as the meter keeps it: a FIFO of at most `capacity` entries, oldest
// first (sort method 1), the oldest dropped when a new one does not fit. Flat storage
// (timestamps, statuses, and channels x entries floats) so a year of 16-channel entries
// costs 76 bytes each and no allocation per entry.
#include <cstdint>
#include <span>
#include <vector>

namespace jemhead::sim {

class LpBuffer {
 public:
  LpBuffer(std::size_t channels, std::size_t capacity) : channels_(channels), capacity_(capacity) {}

  std::size_t channels() const { return channels_; }
  std::size_t capacity() const { return capacity_; }
  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }

  // `values` has channels() floats.
  void push(std::int64_t end_unix_seconds, std::uint32_t status, std::span<const float> values);

  // Entry i, 0 = oldest.
  std::int64_t end(std::size_t i) const { return ends_[slot(i)]; }
  std::uint32_t status(std::size_t i) const { return status_[slot(i)]; }
  std::span<const float> values(std::size_t i) const {
    return {values_.data() + slot(i) * channels_, channels_};
  }
  std::int64_t newest_end() const { return end(size() - 1); }

  // Index of the first entry whose end is >= `unix_seconds` (size() when none); entries are
  // in increasing end order.
  std::size_t lower_bound(std::int64_t unix_seconds) const;

 private:
  std::size_t slot(std::size_t i) const {
    const std::size_t s = head_ + i;
    return s >= ends_.size() ? s - ends_.size() : s;
  }
  std::size_t channels_;
  std::size_t capacity_;
  std::size_t head_ = 0;  // slot of the oldest entry once the buffer is full
  std::vector<std::int64_t> ends_;
  std::vector<std::uint32_t> status_;
  std::vector<float> values_;
};

}  // namespace jemhead::sim
