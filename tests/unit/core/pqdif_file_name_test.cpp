#include "core/pqdif_file_name.hpp"

#include <gtest/gtest.h>

namespace jemhead {
namespace {

using Names = std::vector<std::string>;

TEST(PqdifFileName, ParsesTheManualsExample) {
  // part4 §3.8: 142300003 = 2014, week 23, meter 00003; 07 = sag/swell + WFC + HSRMS.
  const auto n = parse_pqdif_file_name("142300003_1454408745_133724_07.pqd");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->serial, "142300003");
  EXPECT_EQ(format_iso8601(n->time), "2016-02-02T10:25:45.133724Z");
  EXPECT_EQ(n->data_type, 7u);
  EXPECT_EQ(n->data_type_names, (Names{"sag_swell", "waveform_capture", "high_speed_rms"}));
}

TEST(PqdifFileName, ParsesTheMultipartSamplesName) {
  // Its seconds and microseconds equal the alarm's EventTime 2020-07-12T18:15:10.813931Z.
  const auto n = parse_pqdif_file_name("140800001_1594577710_813931_06.pqd");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->serial, "140800001");
  EXPECT_EQ(format_iso8601(n->time), "2020-07-12T18:15:10.813931Z");
  EXPECT_EQ(n->data_type, 6u);
  EXPECT_EQ(n->data_type_names, (Names{"waveform_capture", "high_speed_rms"}));
}

TEST(PqdifFileName, MicrosecondsAreNotZeroPadded) {
  const auto n = parse_pqdif_file_name("142300003_1454408745_5_08.pqd");
  ASSERT_TRUE(n);
  EXPECT_EQ(to_unix_micros(n->time), 1'454'408'745'000'005);
  EXPECT_EQ(n->data_type_names, (Names{"measurement_log"}));
  // "050" is fifty microseconds, not 50 000: the field is a number, not a fraction.
  EXPECT_EQ(to_unix_micros(parse_pqdif_file_name("1_1454408745_050_1.pqd")->time),
            1'454'408'745'000'050);
  EXPECT_EQ(to_unix_micros(parse_pqdif_file_name("1_1454408745_999999_1.pqd")->time),
            1'454'408'745'999'999);
  EXPECT_EQ(to_unix_micros(parse_pqdif_file_name("1_1454408745_0_1.pqd")->time),
            1'454'408'745'000'000);
}

TEST(PqdifFileName, ExtensionIsCaseInsensitive) {
  EXPECT_TRUE(parse_pqdif_file_name("142300003_1454408745_133724_07.PQD"));
  EXPECT_TRUE(parse_pqdif_file_name("142300003_1454408745_133724_07.Pqd"));
}

TEST(PqdifFileName, DataTypeIsABitmaskKeepingUnknownBits) {
  const auto daily = parse_pqdif_file_name("142300003_1454408745_1_128.pqd");
  ASSERT_TRUE(daily);
  EXPECT_EQ(daily->data_type_names, (Names{"daily"}));
  EXPECT_EQ(pqdif_data_type_names(38),
            (Names{"waveform_capture", "high_speed_rms", "voltage_interruption"}));
  EXPECT_EQ(pqdif_data_type_names(22),
            (Names{"waveform_capture", "high_speed_rms", "rapid_voltage_change"}));
  const auto odd = parse_pqdif_file_name("142300003_1454408745_1_321.pqd");  // 256+64+1
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->data_type, 321u);
  EXPECT_EQ(odd->data_type_names, (Names{"sag_swell", "unknown_64", "unknown_256"}));
  EXPECT_EQ(pqdif_data_type_names(0), Names{});
  EXPECT_EQ(pqdif_data_type_names(0x80000000u), Names{"unknown_2147483648"});
}

TEST(PqdifFileName, NamesMapBackToTheirBits) {
  EXPECT_EQ(pqdif_data_type_bit("sag_swell"), 1u);
  EXPECT_EQ(pqdif_data_type_bit("rapid_voltage_change"), 16u);
  EXPECT_EQ(pqdif_data_type_bit("daily"), 128u);
  EXPECT_EQ(pqdif_data_type_bit("unknown_64"), 64u);
  EXPECT_FALSE(pqdif_data_type_bit("unknown_2"));  // has its own name
  EXPECT_FALSE(pqdif_data_type_bit("unknown_6"));  // not a single bit
  EXPECT_FALSE(pqdif_data_type_bit("unknown_0"));
  EXPECT_FALSE(pqdif_data_type_bit("Sag_Swell"));
  EXPECT_FALSE(pqdif_data_type_bit(""));
}

TEST(PqdifFileName, SerialIsOpaqueAndMayHoldUnderscores) {
  const auto n = parse_pqdif_file_name("JS2_A-77_1454408745_133724_1.pqd");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->serial, "JS2_A-77");
}

TEST(PqdifFileName, RejectsNamesThatDoNotFollowTheConvention) {
  const char* bad[] = {
      "",
      ".pqd",
      "142300003_1454408745_133724_07.pqdif",        // wrong extension
      "142300003_1454408745_133724_07",              // none
      "142300003_1454408745_07.pqd",                 // a field missing
      "_1454408745_133724_07.pqd",                   // empty serial
      "14 2300003_1454408745_133724_07.pqd",         // space in serial
      "a/b_1454408745_133724_07.pqd",                // path separator
      "142300003_145440874_133724_07.pqd",           // 9-digit epoch
      "142300003_14544087450_133724_07.pqd",         // 11-digit epoch
      "142300003_14544O8745_133724_07.pqd",          // letter O in epoch
      "142300003_1454408745_1337240_07.pqd",         // 7-digit micros
      "142300003_1454408745__07.pqd",                // empty micros
      "142300003_1454408745_-5_07.pqd",              // sign
      "142300003_1454408745_133724_.pqd",            // empty type
      "142300003_1454408745_133724_0x7.pqd",         // hex type
      "142300003_1454408745_133724_+7.pqd",          // sign
      "142300003_1454408745_133724_4294967296.pqd",  // beyond 32 bits
  };
  for (const char* name : bad) {
    std::string error;
    EXPECT_FALSE(parse_pqdif_file_name(name, &error)) << name;
    EXPECT_FALSE(error.empty()) << name;
  }
}

TEST(PqdifFileName, ErrorsSayWhatIsWrong) {
  std::string error;
  EXPECT_FALSE(parse_pqdif_file_name("report.txt", &error));
  EXPECT_NE(error.find("SERIAL_EPOCHSECONDS_MICROS_DATATYPE.pqd"), std::string::npos) << error;
  EXPECT_FALSE(parse_pqdif_file_name("142300003_145440874_133724_07.pqd", &error));
  EXPECT_NE(error.find("10 digits"), std::string::npos) << error;
  EXPECT_NE(error.find("145440874"), std::string::npos) << error;
  EXPECT_FALSE(parse_pqdif_file_name("142300003_1454408745_1337240_07.pqd", &error));
  EXPECT_NE(error.find("microseconds"), std::string::npos) << error;
  EXPECT_FALSE(parse_pqdif_file_name("142300003_1454408745_1_x.pqd", &error));
  EXPECT_NE(error.find("data type"), std::string::npos) << error;
  // Without an error string the caller just gets nullopt.
  EXPECT_FALSE(parse_pqdif_file_name("x.pqd"));
}

}  // namespace
}  // namespace jemhead
