#include "core/time.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace jemhead {
namespace {

using namespace std::chrono;

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

UtcTime utc_now() {
  return time_point_cast<Micros>(system_clock::now());
}

std::string format_iso8601(UtcTime t) {
  auto day_point = floor<days>(t);
  year_month_day ymd{day_point};
  hh_mm_ss hms{t - day_point};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                static_cast<long long>(hms.subseconds().count()));
  return buf;
}

std::optional<UtcTime> parse_iso8601(std::string_view s) {
  int y, mo, d, h, mi, sec = 0;
  if (!read_digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !read_digits(s, 5, 2, mo) ||
      s[7] != '-' || !read_digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !read_digits(s, 11, 2, h) || s[13] != ':' || !read_digits(s, 14, 2, mi))
    return std::nullopt;
  std::size_t pos = 16;
  long long micros = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!read_digits(s, pos + 1, 2, sec)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      std::size_t digits = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (digits < 6) micros = micros * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0 || digits > 9) return std::nullopt;
      for (std::size_t i = digits; i < 6; ++i) micros *= 10;
    }
  }
  int offset_minutes = 0;
  if (pos < s.size()) {
    char z = s[pos];
    if (z == 'Z' || z == 'z') {
      ++pos;
    } else if (z == '+' || z == '-') {
      int oh, om = 0;
      if (!read_digits(s, pos + 1, 2, oh)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size()) {
        if (!read_digits(s, pos, 2, om)) return std::nullopt;
        pos += 2;
      }
      if (oh > 23 || om > 59) return std::nullopt;
      offset_minutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  if (pos != s.size()) return std::nullopt;
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + Micros{micros} -
           minutes{offset_minutes};
  return time_point_cast<Micros>(t);
}

UtcTime from_meter_seconds(std::uint32_t s) {
  return UtcTime{Micros{(kMeterEpochUnixSeconds + static_cast<std::int64_t>(s)) * 1'000'000}};
}

std::uint32_t to_meter_seconds(UtcTime t) {
  auto unix_s = duration_cast<seconds>(t.time_since_epoch()).count();
  auto rel = std::clamp<std::int64_t>(unix_s - kMeterEpochUnixSeconds, 0, 0xFFFFFFFFll);
  return static_cast<std::uint32_t>(rel);
}

}  // namespace jemhead
