#pragma once
// COSEM date, time and date-time (IEC 62056-6-2, Blue Book 4.1.6.1): fixed 5/4/12-byte
// layouts where 0xFF (0xFFFF for the year, 0x8000 for the deviation) means "not
// specified". The meter sends timestamps as octet-string(12) (clock time, profile
// buffers) or as the date-time tag; both read through date_time_of().
//
//   date-time = year(2, big-endian) month day day-of-week hour minute second
//               hundredths deviation(int16, minutes) clock-status
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/time.hpp"
#include "drivers/protocol/dlms/axdr/data.hpp"

namespace jemhead::dlms::axdr {

inline constexpr std::uint8_t kNotSpecified = 0xFF;
inline constexpr std::uint16_t kYearNotSpecified = 0xFFFF;
inline constexpr std::int16_t kDeviationNotSpecified = INT16_MIN;  // 0x8000
// Month wildcards (DST begin/end in the Clock object) and day-of-month wildcards.
inline constexpr std::uint8_t kMonthDaylightSavingsEnd = 0xFD;
inline constexpr std::uint8_t kMonthDaylightSavingsBegin = 0xFE;
inline constexpr std::uint8_t kDaySecondLastOfMonth = 0xFD;
inline constexpr std::uint8_t kDayLastOfMonth = 0xFE;

// The clock status byte. Bits 4-6 are reserved; 0xFF as a whole means "not specified".
struct ClockStatus {
  static constexpr std::uint8_t kInvalidValue = 0x01;
  static constexpr std::uint8_t kDoubtfulValue = 0x02;
  static constexpr std::uint8_t kDifferentClockBase = 0x04;
  static constexpr std::uint8_t kInvalidClockStatus = 0x08;
  static constexpr std::uint8_t kDaylightSavingActive = 0x80;

  std::uint8_t bits = 0;

  bool specified() const { return bits != 0xFF; }
  bool invalid_value() const { return specified() && (bits & kInvalidValue); }
  bool doubtful_value() const { return specified() && (bits & kDoubtfulValue); }
  bool different_clock_base() const { return specified() && (bits & kDifferentClockBase); }
  bool invalid_clock_status() const { return specified() && (bits & kInvalidClockStatus); }
  bool daylight_saving_active() const { return specified() && (bits & kDaylightSavingActive); }
  bool operator==(const ClockStatus&) const = default;
};

struct CosemDate {
  std::uint16_t year = kYearNotSpecified;
  std::uint8_t month = kNotSpecified;         // 1..12, 0xFD, 0xFE, 0xFF
  std::uint8_t day_of_month = kNotSpecified;  // 1..31, 0xFD, 0xFE, 0xFF
  std::uint8_t day_of_week = kNotSpecified;   // 1 = Monday .. 7 = Sunday, 0xFF
  bool operator==(const CosemDate&) const = default;
};

struct CosemTime {
  std::uint8_t hour = kNotSpecified;        // 0..23
  std::uint8_t minute = kNotSpecified;      // 0..59
  std::uint8_t second = kNotSpecified;      // 0..59
  std::uint8_t hundredths = kNotSpecified;  // 0..99
  bool operator==(const CosemTime&) const = default;
};

struct CosemDateTime {
  CosemDate date;
  CosemTime time;
  std::int16_t deviation = kDeviationNotSpecified;  // minutes, -720..720
  ClockStatus status{0xFF};

  std::optional<std::int16_t> deviation_minutes() const {
    if (deviation == kDeviationNotSpecified) return std::nullopt;
    return deviation;
  }
  bool operator==(const CosemDateTime&) const = default;
};

// Field layouts both ways. Decoding and encoding check every field's range (0xFF and the
// listed wildcards allowed) and throw DateTimeError naming the field; the day of week is
// not cross-checked against the date (meters get it wrong and it carries no time).
CosemDate decode_date(std::span<const std::uint8_t> five_bytes);
CosemTime decode_time(std::span<const std::uint8_t> four_bytes);
CosemDateTime decode_date_time(std::span<const std::uint8_t> twelve_bytes);
std::array<std::uint8_t, 5> encode_date(const CosemDate& date);
std::array<std::uint8_t, 4> encode_time(const CosemTime& time);
std::array<std::uint8_t, 12> encode_date_time(const CosemDateTime& value);

// From a Data: the date-time tag, or an octet-string of exactly 12 bytes (how the Clock
// and profile buffers carry it). TypeMismatch for other types, DateTimeError for an
// octet-string of another length or out-of-range fields.
CosemDateTime date_time_of(const Data& value);
CosemDate date_of(const Data& value);  // date tag or octet-string(5)
CosemTime time_of(const Data& value);  // time tag or octet-string(4)

Data to_date_time_data(const CosemDateTime& value);     // tag 25
Data to_octet_string_data(const CosemDateTime& value);  // octet-string(12), e.g. clock SET
Data to_date_data(const CosemDate& value);              // tag 26
Data to_time_data(const CosemTime& value);              // tag 27

// Which way the deviation points. The Blue Book defines it as local time to UTC in
// minutes, so UTC = local + deviation (central Europe in summer: -120). Some meters send
// the opposite sign; the choice is per meter, the Blue Book's is the default.
enum class DeviationConvention { blue_book, utc_to_local };

// The instant a date-time denotes, or nullopt when it is not one instant: deviation not
// specified, or year, month, day, hour, minute or second not specified or a wildcard.
// Hundredths "not specified" count as 0. Throws DateTimeError for an impossible calendar
// date (30 February).
std::optional<UtcTime> to_utc(const CosemDateTime& value,
                              DeviationConvention convention = DeviationConvention::blue_book);
// The same with a deviation supplied by the caller, for meters that leave it unspecified.
std::optional<UtcTime> to_utc(const CosemDateTime& value, std::int16_t deviation_minutes,
                              DeviationConvention convention = DeviationConvention::blue_book);

// The local wall time for `instant` at `deviation_minutes`, every field specified
// (weekday computed, hundredths truncated), e.g. the value for a clock SET. Throws
// DateTimeError for a deviation outside -720..720 or a year outside 0..65534.
CosemDateTime from_utc(UtcTime instant, std::int16_t deviation_minutes, ClockStatus status = {},
                       DeviationConvention convention = DeviationConvention::blue_book);

}  // namespace jemhead::dlms::axdr
