#include "drivers/protocol/dlms/axdr/date_time.hpp"

#include <chrono>
#include <string>

#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace jemhead::dlms::axdr {

namespace {

void check_field(std::string_view field, unsigned value, unsigned low, unsigned high,
                 std::initializer_list<unsigned> wildcards) {
  if (value >= low && value <= high) return;
  for (unsigned w : wildcards)
    if (value == w) return;
  throw DateTimeError("COSEM " + std::string(field) + " " + std::to_string(value) +
                      " out of range");
}

void check(const CosemDate& d) {
  check_field("month", d.month, 1, 12,
              {kMonthDaylightSavingsEnd, kMonthDaylightSavingsBegin, kNotSpecified});
  check_field("day of month", d.day_of_month, 1, 31,
              {kDaySecondLastOfMonth, kDayLastOfMonth, kNotSpecified});
  check_field("day of week", d.day_of_week, 1, 7, {kNotSpecified});
}

void check(const CosemTime& t) {
  check_field("hour", t.hour, 0, 23, {kNotSpecified});
  check_field("minute", t.minute, 0, 59, {kNotSpecified});
  check_field("second", t.second, 0, 59, {kNotSpecified});
  check_field("hundredths", t.hundredths, 0, 99, {kNotSpecified});
}

void check_deviation(std::int16_t deviation) {
  if (deviation == kDeviationNotSpecified) return;
  if (deviation < -720 || deviation > 720)
    throw DateTimeError("COSEM deviation " + std::to_string(deviation) + " out of range");
}

void check_size(std::span<const std::uint8_t> bytes, std::size_t size, std::string_view what) {
  if (bytes.size() != size)
    throw DateTimeError(std::string(what) + " needs " + std::to_string(size) + " bytes, got " +
                        std::to_string(bytes.size()));
}

CosemDate read_date(const std::uint8_t* b) {
  return {static_cast<std::uint16_t>((b[0] << 8) | b[1]), b[2], b[3], b[4]};
}
CosemTime read_time(const std::uint8_t* b) {
  return {b[0], b[1], b[2], b[3]};
}

void write_date(const CosemDate& d, std::uint8_t* b) {
  b[0] = static_cast<std::uint8_t>(d.year >> 8);
  b[1] = static_cast<std::uint8_t>(d.year & 0xFF);
  b[2] = d.month;
  b[3] = d.day_of_month;
  b[4] = d.day_of_week;
}
void write_time(const CosemTime& t, std::uint8_t* b) {
  b[0] = t.hour;
  b[1] = t.minute;
  b[2] = t.second;
  b[3] = t.hundredths;
}

// The octet-string form the clock and profile buffers use, or the dedicated tag.
const Bytes& calendar_bytes(const Data& value, DataType tag, std::size_t size) {
  if (value.is(DataType::octet_string)) {
    const auto& bytes = value.as_octet_string();
    if (bytes.size() != size)
      throw DateTimeError("octet-string of " + std::to_string(bytes.size()) + " bytes is not a " +
                          std::string(type_name(tag)) + " (" + std::to_string(size) + " bytes)");
    return bytes;
  }
  if (!value.is(tag)) throw TypeMismatch(tag, value.type(), "COSEM calendar value");
  return tag == DataType::date_time ? value.as_date_time()
         : tag == DataType::date    ? value.as_date()
                                    : value.as_time();
}

}  // namespace

CosemDate decode_date(std::span<const std::uint8_t> bytes) {
  check_size(bytes, 5, "date");
  const CosemDate d = read_date(bytes.data());
  check(d);
  return d;
}

CosemTime decode_time(std::span<const std::uint8_t> bytes) {
  check_size(bytes, 4, "time");
  const CosemTime t = read_time(bytes.data());
  check(t);
  return t;
}

CosemDateTime decode_date_time(std::span<const std::uint8_t> bytes) {
  check_size(bytes, 12, "date-time");
  CosemDateTime v;
  v.date = read_date(bytes.data());
  v.time = read_time(bytes.data() + 5);
  v.deviation = static_cast<std::int16_t>((bytes[9] << 8) | bytes[10]);
  v.status = ClockStatus{bytes[11]};
  check(v.date);
  check(v.time);
  check_deviation(v.deviation);
  return v;
}

std::array<std::uint8_t, 5> encode_date(const CosemDate& date) {
  check(date);
  std::array<std::uint8_t, 5> out{};
  write_date(date, out.data());
  return out;
}

std::array<std::uint8_t, 4> encode_time(const CosemTime& time) {
  check(time);
  std::array<std::uint8_t, 4> out{};
  write_time(time, out.data());
  return out;
}

std::array<std::uint8_t, 12> encode_date_time(const CosemDateTime& value) {
  check(value.date);
  check(value.time);
  check_deviation(value.deviation);
  std::array<std::uint8_t, 12> out{};
  write_date(value.date, out.data());
  write_time(value.time, out.data() + 5);
  const auto deviation = static_cast<std::uint16_t>(value.deviation);
  out[9] = static_cast<std::uint8_t>(deviation >> 8);
  out[10] = static_cast<std::uint8_t>(deviation & 0xFF);
  out[11] = value.status.bits;
  return out;
}

CosemDateTime date_time_of(const Data& value) {
  return decode_date_time(calendar_bytes(value, DataType::date_time, 12));
}
CosemDate date_of(const Data& value) {
  return decode_date(calendar_bytes(value, DataType::date, 5));
}
CosemTime time_of(const Data& value) {
  return decode_time(calendar_bytes(value, DataType::time, 4));
}

Data to_date_time_data(const CosemDateTime& value) {
  return Data::make_date_time(encode_date_time(value));
}
Data to_octet_string_data(const CosemDateTime& value) {
  const auto bytes = encode_date_time(value);
  return Data::make_octet_string(Bytes(bytes.begin(), bytes.end()));
}
Data to_date_data(const CosemDate& value) {
  return Data::make_date(encode_date(value));
}
Data to_time_data(const CosemTime& value) {
  return Data::make_time(encode_time(value));
}

std::optional<UtcTime> to_utc(const CosemDateTime& value, DeviationConvention convention) {
  const auto deviation = value.deviation_minutes();
  if (!deviation) return std::nullopt;
  return to_utc(value, *deviation, convention);
}

std::optional<UtcTime> to_utc(const CosemDateTime& value, std::int16_t deviation_minutes,
                              DeviationConvention convention) {
  check_deviation(deviation_minutes);
  if (deviation_minutes == kDeviationNotSpecified) return std::nullopt;
  const CosemDate& d = value.date;
  const CosemTime& t = value.time;
  if (d.year == kYearNotSpecified || d.month > 12 || d.day_of_month > 31 || t.hour > 23 ||
      t.minute > 59 || t.second > 59)
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{year{d.year}, month{d.month}, day{d.day_of_month}};
  if (!ymd.ok())
    throw DateTimeError("COSEM date " + std::to_string(d.year) + "-" + std::to_string(d.month) +
                        "-" + std::to_string(d.day_of_month) + " does not exist");
  const unsigned hundredths = t.hundredths == kNotSpecified ? 0 : t.hundredths;
  const auto local = sys_days{ymd} + hours{t.hour} + minutes{t.minute} + seconds{t.second} +
                     milliseconds{hundredths * 10};
  const minutes shift{deviation_minutes};
  const auto utc = convention == DeviationConvention::blue_book ? local + shift : local - shift;
  return time_point_cast<Micros>(utc);
}

CosemDateTime from_utc(UtcTime instant, std::int16_t deviation_minutes, ClockStatus status,
                       DeviationConvention convention) {
  if (deviation_minutes == kDeviationNotSpecified)
    throw DateTimeError("from_utc needs a specified deviation");
  check_deviation(deviation_minutes);
  using namespace std::chrono;
  const minutes shift{deviation_minutes};
  const auto local =
      convention == DeviationConvention::blue_book ? instant - shift : instant + shift;
  const auto day_start = floor<days>(local);
  const year_month_day ymd{day_start};
  if (int(ymd.year()) < 0 || int(ymd.year()) > 0xFFFE)
    throw DateTimeError("year " + std::to_string(int(ymd.year())) + " cannot be a COSEM year");
  const hh_mm_ss hms{floor<microseconds>(local - day_start)};
  CosemDateTime out;
  out.date = {static_cast<std::uint16_t>(int(ymd.year())),
              static_cast<std::uint8_t>(unsigned(ymd.month())),
              static_cast<std::uint8_t>(unsigned(ymd.day())),
              static_cast<std::uint8_t>(weekday{day_start}.iso_encoding())};
  out.time = {static_cast<std::uint8_t>(hms.hours().count()),
              static_cast<std::uint8_t>(hms.minutes().count()),
              static_cast<std::uint8_t>(hms.seconds().count()),
              static_cast<std::uint8_t>(hms.subseconds().count() / 10000)};
  out.deviation = deviation_minutes;
  out.status = status;
  return out;
}

}  // namespace jemhead::dlms::axdr
