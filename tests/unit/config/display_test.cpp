// DISPLAY SETUP: appendix C defaults, field limits, the logo's BMP size rule, schema coverage.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "config_test_support.hpp"
#include "core/config/display_rules.hpp"

namespace jemhead::config::test {
namespace {

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t v = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) v |= std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) v |= std::uint32_t(static_cast<unsigned char>(bytes[i + 2]));
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

void put_le(std::string& b, std::uint32_t v, int bytes) {
  for (int k = 0; k < bytes; ++k) b += static_cast<char>((v >> (8 * k)) & 0xFF);
}

// A 24-bit BMP with a BITMAPINFOHEADER (40 bytes) or a BITMAPCOREHEADER (12 bytes), rows of
// zeros.
std::string bmp(std::int32_t width, std::int32_t height, bool core_header = false) {
  const std::uint32_t dib = core_header ? 12 : 40;
  const std::uint32_t row = (static_cast<std::uint32_t>(width) * 3 + 3) / 4 * 4;
  const std::uint32_t pixels = row * static_cast<std::uint32_t>(height < 0 ? -height : height);
  std::string b = "BM";
  put_le(b, 14 + dib + pixels, 4);
  put_le(b, 0, 4);
  put_le(b, 14 + dib, 4);
  put_le(b, dib, 4);
  if (core_header) {
    put_le(b, static_cast<std::uint32_t>(width), 2);
    put_le(b, static_cast<std::uint32_t>(height), 2);
    put_le(b, 1, 2);
    put_le(b, 24, 2);
  } else {
    put_le(b, static_cast<std::uint32_t>(width), 4);
    put_le(b, static_cast<std::uint32_t>(height), 4);
    put_le(b, 1, 2);
    put_le(b, 24, 2);
    for (int k = 0; k < 6; ++k) put_le(b, 0, 4);
  }
  b.append(pixels, '\0');
  return b;
}

auto logo(std::string text) {
  return [text = std::move(text)](MeterConfiguration& c) { c.display.logo_bmp_base64 = text; };
}

TEST(ConfigDisplay, FactoryDefaultsFromAppendixC) {
  const DisplaySetup d;
  EXPECT_TRUE(d.auto_scroll);
  EXPECT_EQ(d.scroll_rate_seconds, 7);
  EXPECT_EQ(d.display_turnoff_seconds, 15);
  EXPECT_FALSE(d.display_always_on);
  EXPECT_EQ(d.date_format, DateFormat::mmddyyyy);
  EXPECT_EQ(d.preset_mode_timeout_minutes, 1);
  EXPECT_EQ(d.test_mode_timeout_minutes, 30);
  EXPECT_EQ(d.demand_reset_lockout_minutes, 5);
  EXPECT_EQ(d.user_menu_timeout_seconds, 120);
  EXPECT_TRUE(d.logo_bmp_base64.empty());
  EXPECT_EQ(summary(validate(MeterConfiguration{})), std::vector<Expected>{});
}

TEST(ConfigDisplay, ValidationTable) {
  const std::string logo_rule = "display_logo_bmp_150x35";
  const std::string logo_seed = "L6731-L6737";
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"no scroll at the slowest rate",
       [](MeterConfiguration& c) {
         c.display.auto_scroll = false;
         c.display.scroll_rate_seconds = 20;
       },
       {}},
      {"scroll rate 1", [](MeterConfiguration& c) { c.display.scroll_rate_seconds = 1; }, {}},
      {"scroll rate 0",
       [](MeterConfiguration& c) { c.display.scroll_rate_seconds = 0; },
       {{"display.scroll_rate_seconds", "range", "L6638-L6646, L13864"}}},
      {"scroll rate 21",
       [](MeterConfiguration& c) { c.display.scroll_rate_seconds = 21; },
       {{"display.scroll_rate_seconds", "range", "L6638-L6646, L13864"}}},
      {"timeouts at an hour",
       [](MeterConfiguration& c) {
         c.display.user_menu_timeout_seconds = 3600;
         c.display.display_turnoff_seconds = 3600;
         c.display.user_menu_security_timeout_seconds = 3600;
       },
       {}},
      {"timeouts 0",
       [](MeterConfiguration& c) {
         c.display.user_menu_timeout_seconds = 0;
         c.display.display_turnoff_seconds = 0;
         c.display.user_menu_security_timeout_seconds = 0;
       },
       {{"display.user_menu_timeout_seconds", "range", "L6650-L6652, L13876"},
        {"display.display_turnoff_seconds", "range", "L6656-L6662, L13866"},
        {"display.user_menu_security_timeout_seconds", "range", "L6717-L6721"}}},
      {"timeouts over an hour",
       [](MeterConfiguration& c) {
         c.display.user_menu_timeout_seconds = 3601;
         c.display.display_turnoff_seconds = 3601;
         c.display.user_menu_security_timeout_seconds = 3601;
       },
       {{"display.user_menu_timeout_seconds", "range", "L6650-L6652, L13876"},
        {"display.display_turnoff_seconds", "range", "L6656-L6662, L13866"},
        {"display.user_menu_security_timeout_seconds", "range", "L6717-L6721"}}},
      {"always on", [](MeterConfiguration& c) { c.display.display_always_on = true; }, {}},
      {"date format yyyymmdd",
       [](MeterConfiguration& c) { c.display.date_format = DateFormat::yyyymmdd; },
       {}},
      {"date format out of the list",
       [](MeterConfiguration& c) { c.display.date_format = static_cast<DateFormat>(7); },
       {{"display.date_format", "enum", "L6678-L6683, L13868"}}},
      {"preset 60, test 1000, lockout 0",
       [](MeterConfiguration& c) {
         c.display.preset_mode_timeout_minutes = 60;
         c.display.test_mode_timeout_minutes = 1000;
         c.display.demand_reset_lockout_minutes = 0;
       },
       {}},
      {"preset 0, test 0, lockout -1",
       [](MeterConfiguration& c) {
         c.display.preset_mode_timeout_minutes = 0;
         c.display.test_mode_timeout_minutes = 0;
         c.display.demand_reset_lockout_minutes = -1;
       },
       {{"display.preset_mode_timeout_minutes", "range", "L6687-L6691, L13870"},
        {"display.test_mode_timeout_minutes", "range", "L6695-L6699, L13872"},
        {"display.demand_reset_lockout_minutes", "range", "L6703-L6713, L13874"}}},
      {"preset 61, test 1001, lockout 61",
       [](MeterConfiguration& c) {
         c.display.preset_mode_timeout_minutes = 61;
         c.display.test_mode_timeout_minutes = 1001;
         c.display.demand_reset_lockout_minutes = 61;
       },
       {{"display.preset_mode_timeout_minutes", "range", "L6687-L6691, L13870"},
        {"display.test_mode_timeout_minutes", "range", "L6695-L6699, L13872"},
        {"display.demand_reset_lockout_minutes", "range", "L6703-L6713, L13874"}}},
      {"logo 150 x 35", logo(base64(bmp(150, 35))), {}},
      {"logo 150 x 35 top-down", logo(base64(bmp(150, -35))), {}},
      {"logo 150 x 35 OS/2 header", logo(base64(bmp(150, 35, true))), {}},
      {"logo 151 x 35",
       logo(base64(bmp(151, 35))),
       {{"display.logo_bmp_base64", logo_rule, logo_seed}}},
      {"logo 150 x 36",
       logo(base64(bmp(150, 36))),
       {{"display.logo_bmp_base64", logo_rule, logo_seed}}},
      {"logo not base64", logo("not base64!"), {{"display.logo_bmp_base64", logo_rule, logo_seed}}},
      {"logo a PNG, not a BMP",
       logo(base64(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(40, '\0'))),
       {{"display.logo_bmp_base64", logo_rule, logo_seed}}},
      {"logo longer than the limit",
       logo(std::string(kMaxLogoBase64Length + 4, 'A')),
       {{"display.logo_bmp_base64", "max_length", logo_seed},
        {"display.logo_bmp_base64", logo_rule, logo_seed}}},
  });
}

TEST(ConfigDisplay, BmpSizeOfBase64) {
  EXPECT_EQ(bmp_size_of_base64(base64(bmp(150, 35))), (BmpSize{150, 35}));
  EXPECT_EQ(bmp_size_of_base64(base64(bmp(150, -35))), (BmpSize{150, 35}));
  EXPECT_EQ(bmp_size_of_base64(base64(bmp(7, 3, true))), (BmpSize{7, 3}));
  // Padding in the middle, a missing pad character and a truncated header are refused.
  const auto good = base64(bmp(150, 35));
  std::string padded_first = "Qk0=";
  padded_first += good;
  EXPECT_EQ(bmp_size_of_base64(padded_first), std::nullopt);
  EXPECT_EQ(bmp_size_of_base64(good.substr(0, good.size() - 1)), std::nullopt);
  EXPECT_EQ(bmp_size_of_base64(base64(bmp(150, 35).substr(0, 20))), std::nullopt);
  EXPECT_EQ(bmp_size_of_base64(""), std::nullopt);
  // The largest 150 x 35 BMP we expect (32 bits per pixel, 138-byte header) fits the limit.
  EXPECT_LE((14 + 124 + 150 * 35 * 4 + 2) / 3 * 4, int(kMaxLogoBase64Length));
}

TEST(ConfigDisplay, JsonRoundTrip) {
  MeterConfiguration c;
  c.display.auto_scroll = false;
  c.display.date_format = DateFormat::ddmmyyyy;
  c.display.logo_bmp_base64 = base64(bmp(150, 35));
  const auto doc = to_json(c);
  EXPECT_EQ(doc.at("display").at("date_format"), "ddmmyyyy");
  const auto back = from_json(doc);
  EXPECT_EQ(summary(back.problems), std::vector<Expected>{});
  EXPECT_EQ(back.config.display, c.display);
}

TEST(ConfigDisplay, RulesAreListedWithTheDocumentRules) {
  const auto all = cross_field_rules();
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const RuleRef& r) {
    return r.name == "display_logo_bmp_150x35" && r.seed == "L6731-L6737";
  }));
}

TEST(ConfigDisplay, SchemaCoversEveryField) {
  const MeterConfiguration c;
  EXPECT_EQ(section_leaves(c, "display"), 12);
}

}  // namespace
}  // namespace jemhead::config::test
