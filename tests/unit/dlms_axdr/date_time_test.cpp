// COSEM date-time fields, wildcards, clock status, and conversion to and from UTC.
#include "drivers/protocol/dlms/axdr/date_time.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "tests/unit/dlms_axdr/hex.hpp"

namespace jemhead::dlms::axdr {
namespace {

using test::hex;

// A meter timestamp published in a public bug report: 2024-06-15 (Saturday) 20:23:45 local,
// deviation -120 (central European summer time), clock status 0x80 (DST active).
const char* const kSummerCet = "07 E8 06 0F 06 14 17 2D 00 FF 88 80";

TEST(DlmsAxdrDateTime, DecodesEveryField) {
  const CosemDateTime v = decode_date_time(hex(kSummerCet));
  EXPECT_EQ(v.date.year, 2024);
  EXPECT_EQ(v.date.month, 6);
  EXPECT_EQ(v.date.day_of_month, 15);
  EXPECT_EQ(v.date.day_of_week, 6);
  EXPECT_EQ(v.time.hour, 20);
  EXPECT_EQ(v.time.minute, 23);
  EXPECT_EQ(v.time.second, 45);
  EXPECT_EQ(v.time.hundredths, 0);
  EXPECT_EQ(v.deviation_minutes(), std::optional<std::int16_t>(-120));
  EXPECT_TRUE(v.status.daylight_saving_active());
  EXPECT_FALSE(v.status.invalid_value());
  EXPECT_EQ(encode_date_time(v),
            (std::array<std::uint8_t, 12>{0x07, 0xE8, 0x06, 0x0F, 0x06, 0x14, 0x17, 0x2D, 0x00,
                                          0xFF, 0x88, 0x80}));
}

TEST(DlmsAxdrDateTime, BlueBookDeviationGivesUtc) {
  const auto utc = to_utc(decode_date_time(hex(kSummerCet)));
  ASSERT_TRUE(utc);
  EXPECT_EQ(format_iso8601(*utc), "2024-06-15T18:23:45.000000Z");
  // The opposite convention some meters use.
  const auto other = to_utc(decode_date_time(hex(kSummerCet)), DeviationConvention::utc_to_local);
  EXPECT_EQ(format_iso8601(*other), "2024-06-15T22:23:45.000000Z");
}

TEST(DlmsAxdrDateTime, NorthAmericanEasternStandardTime) {
  // 2024-01-10 12:00:00.50 EST: Blue Book deviation +300 (local + 300 min = UTC).
  const auto v = decode_date_time(hex("07 E8 01 0A 03 0C 00 00 32 01 2C 00"));
  EXPECT_EQ(format_iso8601(*to_utc(v)), "2024-01-10T17:00:00.500000Z");
}

TEST(DlmsAxdrDateTime, UnspecifiedFieldsAreNotAnInstant) {
  auto v = decode_date_time(hex("07 E8 06 0F 06 14 17 2D 00 80 00 FF"));
  EXPECT_FALSE(v.deviation_minutes());
  EXPECT_FALSE(v.status.specified());
  EXPECT_FALSE(v.status.daylight_saving_active());
  EXPECT_FALSE(to_utc(v));
  EXPECT_EQ(format_iso8601(*to_utc(v, std::int16_t{0})), "2024-06-15T20:23:45.000000Z");
  EXPECT_FALSE(to_utc(decode_date_time(hex("FF FF 06 0F FF 14 17 2D 00 00 00 00"))));
  EXPECT_FALSE(to_utc(decode_date_time(hex("07 E8 FE 0F FF 14 17 2D 00 00 00 00"))));
  EXPECT_FALSE(to_utc(decode_date_time(hex("07 E8 06 FE FF 14 17 2D 00 00 00 00"))));
  EXPECT_FALSE(to_utc(decode_date_time(hex("07 E8 06 0F FF 14 FF 2D 00 00 00 00"))));
  // Hundredths not specified count as zero; the weekday is informational.
  EXPECT_EQ(format_iso8601(*to_utc(decode_date_time(hex("07 E8 06 0F FF 14 17 2D FF 00 00 00")))),
            "2024-06-15T20:23:45.000000Z");
  const CosemDateTime all_wild = decode_date_time(hex("FF FF FF FF FF FF FF FF FF 80 00 FF"));
  EXPECT_EQ(all_wild, CosemDateTime{});
}

TEST(DlmsAxdrDateTime, ClockStatusBits) {
  const ClockStatus s{0x0F};
  EXPECT_TRUE(s.invalid_value());
  EXPECT_TRUE(s.doubtful_value());
  EXPECT_TRUE(s.different_clock_base());
  EXPECT_TRUE(s.invalid_clock_status());
  EXPECT_FALSE(s.daylight_saving_active());
  const ClockStatus only_doubtful{0x02};
  EXPECT_FALSE(only_doubtful.invalid_value());
  EXPECT_TRUE(only_doubtful.doubtful_value());
}

TEST(DlmsAxdrDateTime, OutOfRangeFieldsThrow) {
  EXPECT_THROW(decode_date_time(hex("07 E8 0D 0F 06 14 17 2D 00 FF 88 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 20 06 14 17 2D 00 FF 88 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 0F 08 14 17 2D 00 FF 88 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 0F 06 18 17 2D 00 FF 88 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 0F 06 14 3C 2D 00 FF 88 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 0F 06 14 17 3C 00 FF 88 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 0F 06 14 17 2D 64 FF 88 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 0F 06 14 17 2D 00 03 20 80")), DateTimeError);
  EXPECT_THROW(decode_date_time(hex("07 E8 06 0F 06 14 17 2D 00 FF 88")), DateTimeError);
  // A valid-looking 30 February fails only when turned into an instant.
  const auto feb30 = decode_date_time(hex("07 E8 02 1E FF 00 00 00 00 00 00 00"));
  EXPECT_THROW((void)to_utc(feb30), DateTimeError);
}

TEST(DlmsAxdrDateTime, FromUtcForClockSet) {
  const UtcTime instant = *parse_iso8601("2024-06-15T18:23:45.678Z");
  const CosemDateTime v = from_utc(instant, -120, ClockStatus{ClockStatus::kDaylightSavingActive});
  EXPECT_EQ(encode_date_time(v),
            (std::array<std::uint8_t, 12>{0x07, 0xE8, 0x06, 0x0F, 0x06, 0x14, 0x17, 0x2D, 0x43,
                                          0xFF, 0x88, 0x80}));
  EXPECT_EQ(format_iso8601(*to_utc(v)), "2024-06-15T18:23:45.670000Z");
  // Clock attribute 2 is written as octet-string(12).
  EXPECT_EQ(encode(to_octet_string_data(v)), hex("09 0C 07 E8 06 0F 06 14 17 2D 43 FF 88 80"));
  EXPECT_EQ(encode(to_date_time_data(v)), hex("19 07 E8 06 0F 06 14 17 2D 43 FF 88 80"));
  // Across midnight and a year boundary, Sunday = 7.
  const auto ny = from_utc(*parse_iso8601("2024-01-01T03:00:00Z"), 300);
  EXPECT_EQ(ny.date.year, 2023);
  EXPECT_EQ(ny.date.month, 12);
  EXPECT_EQ(ny.date.day_of_month, 31);
  EXPECT_EQ(ny.date.day_of_week, 7);
  EXPECT_EQ(ny.time.hour, 22);
  EXPECT_THROW(from_utc(instant, 721), DateTimeError);
  EXPECT_THROW(from_utc(instant, kDeviationNotSpecified), DateTimeError);
}

TEST(DlmsAxdrDateTime, ReadsFromOctetStringOrTag) {
  const Data as_octets = decode(hex(std::string("09 0C ") + kSummerCet));
  const Data as_tag = decode(hex(std::string("19 ") + kSummerCet));
  EXPECT_EQ(date_time_of(as_octets), date_time_of(as_tag));
  EXPECT_THROW(date_time_of(Data::make_octet_string(Bytes(11, 0))), DateTimeError);
  EXPECT_THROW(date_time_of(Data::make_long(1)), TypeMismatch);
}

TEST(DlmsAxdrDateTime, DateAndTimeAlone) {
  const CosemDate d = date_of(decode(hex("1A 07 E8 06 0F 06")));
  EXPECT_EQ(d, (CosemDate{2024, 6, 15, 6}));
  EXPECT_EQ(encode(to_date_data(d)), hex("1A 07 E8 06 0F 06"));
  // DST begin rule as the Clock object carries it: last Sunday of March, any year.
  const CosemDate rule = date_of(Data::make_octet_string(hex("FF FF 03 FE 07")));
  EXPECT_EQ(rule.day_of_month, kDayLastOfMonth);
  const CosemTime t = time_of(decode(hex("1B 14 17 2D FF")));
  EXPECT_EQ(t, (CosemTime{20, 23, 45, kNotSpecified}));
  EXPECT_EQ(encode(to_time_data(t)), hex("1B 14 17 2D FF"));
  EXPECT_THROW(decode_time(hex("18 00 00 00")), DateTimeError);
  EXPECT_THROW(encode_date(CosemDate{2024, 0, 1, 1}), DateTimeError);
}

}  // namespace
}  // namespace jemhead::dlms::axdr
