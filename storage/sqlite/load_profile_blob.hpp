#pragma once
// One stored load-profile interval: the values of the channels that were written for
// (meter, profile, interval end), kept in one row of `load_profile_intervals` instead of one
// row per channel (a row per value cost ~30 bytes of key and record overhead for an 8-byte
// value). The row's `vals` BLOB is
//
//   mask     u16, little-endian: bit c-1 set = channel c is present (at least one bit)
//   values   one IEEE-754 binary64 per present channel, little-endian, in channel order
//   statuses one u32 per present channel, little-endian, in channel order; ONLY when the
//            channels' statuses differ
//
// so its length is 2 + 8n (one status for the interval) or 2 + 12n (per channel). The row's
// `status` column is the OR of its channels' statuses: with one status for the interval
// (what meters record, so the common case) it is that status and the blob carries none.
// Stored bytes are untrusted: decoding checks every length against the mask.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace jemhead::storage::sqlite {

inline constexpr int kLoadProfileChannels = 16;
inline constexpr std::size_t kMaxIntervalBlobBytes = 2 + 12 * kLoadProfileChannels;

struct IntervalValues {
  std::uint16_t mask = 0;  // bit c-1: channel c present
  std::array<double, kLoadProfileChannels> values{};
  std::array<std::uint32_t, kLoadProfileChannels> statuses{};

  bool has(int channel) const { return (mask >> (channel - 1)) & 1u; }
  // Sets channel 1..16 (the caller has checked the range), replacing what it held.
  void set(int channel, double value, std::uint32_t status) {
    mask = static_cast<std::uint16_t>(mask | (1u << (channel - 1)));
    values[static_cast<std::size_t>(channel - 1)] = value;
    statuses[static_cast<std::size_t>(channel - 1)] = status;
  }
  // Channels present in `newer` replace ours; the others are kept.
  void merge(const IntervalValues& newer);
  // The OR of the present channels' statuses: the row's `status` column.
  std::uint32_t status() const;
};

struct IntervalBlob {
  std::array<std::uint8_t, kMaxIntervalBlobBytes> bytes{};
  std::size_t size = 0;
  std::span<const std::uint8_t> view() const { return {bytes.data(), size}; }
};

// The blob for `interval` (whose mask must not be empty).
IntervalBlob encode_interval(const IntervalValues& interval);

// Decodes a stored blob whose row has `row_status` into `out`. Returns false with `why`
// ("14 bytes, but channel mask 0x0003 (2 channels) needs 18 or 26") when the bytes do not
// form a valid blob; never reads outside `blob`.
bool decode_interval(std::span<const std::uint8_t> blob, std::uint32_t row_status,
                     IntervalValues& out, std::string& why);

}  // namespace jemhead::storage::sqlite
