#include "core/schedule/jitter.hpp"

namespace jemhead::schedule {

std::uint64_t stable_hash(std::int64_t meter_id, std::string_view schedule_key) {
  constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
  constexpr std::uint64_t kFnvPrime = 1099511628211ull;
  std::uint64_t h = kFnvOffset;
  const auto id = static_cast<std::uint64_t>(meter_id);
  for (int byte = 0; byte < 8; ++byte) {  // little-endian regardless of the host
    h ^= (id >> (8 * byte)) & 0xffu;
    h *= kFnvPrime;
  }
  for (char c : schedule_key) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  // FNV alone clusters consecutive ids; the splitmix64 finaliser spreads them.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

Micros jitter_offset(std::int64_t meter_id, std::string_view schedule_key, Micros max_jitter) {
  if (max_jitter.count() <= 0) return Micros{0};
  const auto range = static_cast<std::uint64_t>(max_jitter.count());
  return Micros{static_cast<Micros::rep>(stable_hash(meter_id, schedule_key) % range)};
}

}  // namespace jemhead::schedule
