#include "storage/sqlite/load_profile_blob.hpp"

#include <bit>
#include <cstdio>

namespace jemhead::storage::sqlite {

namespace {

// Byte by byte, so the format is little-endian whatever the host's order.
void put_le(std::uint8_t* out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint64_t get_le(const std::uint8_t* in, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(in[i]) << (8 * i);
  return v;
}

bool uniform_status(const IntervalValues& interval) {
  bool seen = false;
  std::uint32_t first = 0;
  for (int c = 1; c <= kLoadProfileChannels; ++c) {
    if (!interval.has(c)) continue;
    auto s = interval.statuses[static_cast<std::size_t>(c - 1)];
    if (!seen) {
      first = s;
      seen = true;
    } else if (s != first) {
      return false;
    }
  }
  return true;
}

}  // namespace

void IntervalValues::merge(const IntervalValues& newer) {
  for (int c = 1; c <= kLoadProfileChannels; ++c) {
    if (!newer.has(c)) continue;
    auto i = static_cast<std::size_t>(c - 1);
    set(c, newer.values[i], newer.statuses[i]);
  }
}

std::uint32_t IntervalValues::status() const {
  std::uint32_t all = 0;
  for (int c = 1; c <= kLoadProfileChannels; ++c)
    if (has(c)) all |= statuses[static_cast<std::size_t>(c - 1)];
  return all;
}

IntervalBlob encode_interval(const IntervalValues& interval) {
  IntervalBlob blob;
  std::uint8_t* out = blob.bytes.data();
  put_le(out, interval.mask, 2);
  std::size_t at = 2;
  for (int c = 1; c <= kLoadProfileChannels; ++c) {
    if (!interval.has(c)) continue;
    put_le(out + at, std::bit_cast<std::uint64_t>(interval.values[static_cast<std::size_t>(c - 1)]),
           8);
    at += 8;
  }
  if (!uniform_status(interval)) {
    for (int c = 1; c <= kLoadProfileChannels; ++c) {
      if (!interval.has(c)) continue;
      put_le(out + at, interval.statuses[static_cast<std::size_t>(c - 1)], 4);
      at += 4;
    }
  }
  blob.size = at;
  return blob;
}

bool decode_interval(std::span<const std::uint8_t> blob, std::uint32_t row_status,
                     IntervalValues& out, std::string& why) {
  out = IntervalValues{};
  if (blob.size() < 2) {
    why = std::to_string(blob.size()) + " bytes, shorter than the 2-byte channel mask";
    return false;
  }
  const auto mask = static_cast<std::uint16_t>(get_le(blob.data(), 2));
  const auto n = static_cast<std::size_t>(std::popcount(mask));
  const bool per_channel = blob.size() == 2 + 12 * n;
  if (n == 0 || (blob.size() != 2 + 8 * n && !per_channel)) {
    char text[120];
    std::snprintf(text, sizeof text,
                  "%zu bytes, but channel mask 0x%04x (%zu channels) needs %zu or %zu", blob.size(),
                  static_cast<unsigned>(mask), n, 2 + 8 * n, 2 + 12 * n);
    why = n == 0 ? "channel mask is 0 (no channels)" : text;
    return false;
  }
  const std::uint8_t* values = blob.data() + 2;
  const std::uint8_t* statuses = values + 8 * n;
  std::size_t k = 0;
  for (int c = 1; c <= kLoadProfileChannels; ++c) {
    if (!((mask >> (c - 1)) & 1u)) continue;
    double value = std::bit_cast<double>(get_le(values + 8 * k, 8));
    auto status =
        per_channel ? static_cast<std::uint32_t>(get_le(statuses + 4 * k, 4)) : row_status;
    out.set(c, value, status);
    ++k;
  }
  return true;
}

}  // namespace jemhead::storage::sqlite
