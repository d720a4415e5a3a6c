#pragma once
// DISPLAY SETUP (manual L6630-L6737): how the meter's LCD shows registers. Factory
// defaults: appendix C (L13862-L13876).
#include <string>

#include "core/config/display_enums.hpp"
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

// Base64 of a 150 × 35 BMP is at most about 28,200 characters at 32 bits per pixel; the
// limit keeps documents bounded, the rule display_logo_bmp_150x35 checks the picture.
inline constexpr std::size_t kMaxLogoBase64Length = 28 * 1024;

struct DisplaySetup {
  // "No" in the Scroll Rate pull-down (L6644-L6646) is auto_scroll = false; the rate is
  // kept so turning scrolling back on restores it.
  bool auto_scroll = true;
  int scroll_rate_seconds = 7;
  // The screen says minutes for both timeouts (L6650, L6656) but appendix C gives them in
  // seconds (120 s, 15 s, L13866, L13876) and 15 s is not a whole minute: stored in seconds.
  // The manual gives no range: 1 s .. 1 h chosen.
  int user_menu_timeout_seconds = 120;
  int display_turnoff_seconds = 15;
  bool display_always_on = false;  // 'Always on' (L6661-L6662)
  DateFormat date_format = DateFormat::mmddyyyy;
  int preset_mode_timeout_minutes = 1;
  int test_mode_timeout_minutes = 30;
  int demand_reset_lockout_minutes = 5;
  // Neither range nor default in the manual (L6717-L6721, appendix C silent): seconds like
  // the user menu timeout, same default.
  int user_menu_security_timeout_seconds = 120;
  // "Select to use secure commands when transmitted measurement data" (L6725-L6727) is all
  // the manual says; appendix C silent, off chosen.
  bool user_secure_commands = false;
  // Customize Meter Logo (L6731-L6737): the BMP file, base64; empty keeps the meter's logo.
  // Uploading needs an online connection (a push concern, not the document's).
  std::string logo_bmp_base64;
  // Background/Foreground Color are "(Future)" with no listed values (L6666-L6674): left out.

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("auto_scroll", s.auto_scroll, Seed{"L6638-L6646"},
            "Scroll through the registers; false = 'No' (only the selected register is shown)");
    v.field("scroll_rate_seconds", s.scroll_rate_seconds, Range{1, 20}, Seed{"L6638-L6646, L13864"},
            "Display Scroll Rate: seconds each register is shown");
    v.field("user_menu_timeout_seconds", s.user_menu_timeout_seconds, Range{1, 3600},
            Seed{"L6650-L6652, L13876"}, "User Menu Timeout, seconds");
    v.field("display_turnoff_seconds", s.display_turnoff_seconds, Range{1, 3600},
            Seed{"L6656-L6662, L13866"},
            "Display Turnoff: idle time before the LCD blanks, seconds");
    v.field("display_always_on", s.display_always_on, Seed{"L6656-L6662"},
            "Display Turnoff 'Always on': the LCD never blanks");
    v.field("date_format", s.date_format, Seed{"L6678-L6683, L13868"},
            "Date Format of the display, meter events and meter data");
    v.field("preset_mode_timeout_minutes", s.preset_mode_timeout_minutes, Range{1, 60},
            Seed{"L6687-L6691, L13870"}, "Preset Mode Timeout, minutes");
    v.field("test_mode_timeout_minutes", s.test_mode_timeout_minutes, Range{1, 1000},
            Seed{"L6695-L6699, L13872"}, "Test Mode Timeout, minutes");
    v.field("demand_reset_lockout_minutes", s.demand_reset_lockout_minutes, Range{0, 60},
            Seed{"L6703-L6713, L13874"},
            "Demand (Billing Period) Reset Lockout for front-panel BPRs, minutes");
    v.field("user_menu_security_timeout_seconds", s.user_menu_security_timeout_seconds,
            Range{1, 3600}, Seed{"L6717-L6721"},
            "User Menu Security Timeout: idle time before the display asks for the password again");
    v.field("user_secure_commands", s.user_secure_commands, Seed{"L6725-L6727"},
            "User Secure Commands");
    v.field("logo_bmp_base64", s.logo_bmp_base64, MaxLength{kMaxLogoBase64Length},
            Seed{"L6731-L6737"},
            "Customize Meter Logo: BMP 150 x 35 pixels, base64; empty keeps the meter's logo");
  }
  bool operator==(const DisplaySetup&) const = default;
};

}  // namespace jemhead::config
