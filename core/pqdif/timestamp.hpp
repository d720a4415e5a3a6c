#pragma once
// PQDIF's TIMESTAMPPQDIF: whole days plus seconds. The standard names 1900-01-01 as the
// epoch, but instruments (and every reader that agrees with them) count from 1899-12-30,
// the OLE automation date; the seconds part may exceed a day and is simply added.
#include <cstdint>

#include "core/time.hpp"

namespace jemhead::pqdif {

struct Timestamp {
  std::uint32_t days = 0;
  double seconds = 0.0;

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// Days from 1899-12-30 to 1970-01-01.
inline constexpr std::int64_t kPqdifEpochToUnixDays = 25569;

// Rounded to the microsecond. A NaN, infinite or absurd seconds part gives nullopt.
std::optional<UtcTime> to_utc(const Timestamp& t);
// Whole days and the seconds within the day (exact to the microsecond).
Timestamp from_utc(UtcTime t);

}  // namespace jemhead::pqdif
