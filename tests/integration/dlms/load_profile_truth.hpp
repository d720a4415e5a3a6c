#pragma once
// Comparing the load profile jemhead stored (GET /api/v1/meters/{id}/load-profile) with the
// simulator's truth (GET /meters/{serial}/load-profile on jemsim): interval by interval,
// flag by flag, value by value. Shared by the DLMS load-profile end-to-end tests.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <utility>

namespace jemhead::testing {

// The manual's status bits (L15080-L15140) and the flag names jemhead reports for them.
inline const std::pair<std::uint32_t, const char*> kLoadProfileStatusFlags[] = {
    {0x0002, "midnight"},      {0x0004, "power_outage"},  {0x0008, "time_set"},
    {0x0010, "dst_change"},    {0x0020, "test_mode"},     {0x0040, "configuration_change"},
    {0x0080, "freeze"},        {0x0100, "billing_reset"}, {0x0200, "register_preset"},
    {0x0400, "recalibration"}, {0x0800, "diagnostic"},
};

inline std::set<std::string> expected_flags(std::uint32_t status) {
  std::set<std::string> out;
  for (const auto& [bit, name] : kLoadProfileStatusFlags)
    if (status & bit) out.insert(name);
  return out;
}

// The flags of one stored interval.
inline std::set<std::string> flags_of(const boost::json::value& interval) {
  std::set<std::string> out;
  for (const auto& f : interval.at("flags").as_array()) out.insert(std::string(f.as_string()));
  return out;
}

// jemhead stores energy and power in kilo units (docs/dlms.md "Units"): the sent Float32
// divided by 1000; everything else as sent. The truth prints each Float32 as a double;
// narrowing it back gives the exact Float32 even where Boost 1.81's parser is 1 ulp off.
inline double stored_value(double sent, const std::string& sent_unit) {
  static const std::set<std::string> kilo = {"Wh", "varh", "VAh", "W", "var", "VA"};
  const double exact = static_cast<float>(sent);
  return kilo.count(sent_unit) ? exact / 1000 : exact;
}

// The truth with only its first `n` intervals: what a collection cut short should hold.
inline boost::json::object truth_prefix(boost::json::object truth, std::size_t n) {
  auto& intervals = truth.at("intervals").as_array();
  if (intervals.size() > n)
    intervals.erase(intervals.begin() + static_cast<std::ptrdiff_t>(n), intervals.end());
  return truth;
}

// Stored equals truth: the same channels and capture period, the same intervals in order
// (none missing, none repeated, none invented), their flags and every channel's value
// (see stored_value; within two ulps of the sent value in the stored unit).
inline void expect_profile_equals_truth(const boost::json::object& stored,
                                        const boost::json::object& truth, const std::string& what) {
  const auto& channels = truth.at("channels").as_array();
  const auto& stored_channels = stored.at("channels").as_array();
  ASSERT_FALSE(channels.empty()) << what;
  ASSERT_EQ(stored_channels.size(), channels.size()) << what;
  for (std::size_t c = 0; c < channels.size(); ++c)
    EXPECT_EQ(stored_channels[c].at("obis"), channels[c].at("obis")) << what << " channel " << c;
  EXPECT_EQ(stored.at("capture_period_s").to_number<std::int64_t>(),
            truth.at("capture_period_s").to_number<std::int64_t>())
      << what;

  const auto& want = truth.at("intervals").as_array();
  const auto& got = stored.at("intervals").as_array();
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& w = want[i].as_object();
    const auto& g = got[i].as_object();
    ASSERT_EQ(g.at("end"), w.at("end")) << what << " interval " << i;
    EXPECT_EQ(flags_of(g), expected_flags(static_cast<std::uint32_t>(w.at("status").as_int64())))
        << what << " at " << w.at("end").as_string();
    const auto& wv = w.at("values").as_array();
    const auto& gv = g.at("values").as_array();
    ASSERT_EQ(gv.size(), wv.size()) << what;
    for (std::size_t c = 0; c < wv.size(); ++c) {
      const std::string unit(channels[c].at("unit").as_string());
      ASSERT_FALSE(gv[c].is_null()) << what << " at " << w.at("end").as_string();
      // Equal but for the last bit: jemhead's JSON number is read back by Boost 1.81's
      // parser, which can be 1 ulp off (no precise mode before 1.83). A unit, scale or
      // rounding error would be many orders of magnitude larger.
      const double expected = stored_value(wv[c].to_number<double>(), unit);
      const double actual = gv[c].to_number<double>();
      EXPECT_LE(std::abs(actual - expected),
                2 * std::numeric_limits<double>::epsilon() * std::abs(expected))
          << what << " at " << w.at("end").as_string() << " channel " << c + 1 << ": stored "
          << actual << ", expected " << expected;
    }
  }
}

}  // namespace jemhead::testing
