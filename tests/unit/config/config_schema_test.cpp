// The JSON Schema: valid JSON, draft 2020-12, every document field listed with its limits
// and factory default.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "config_test_support.hpp"
#include "core/config/meter_configuration.hpp"

namespace jemhead::config::test {
namespace {

namespace json = boost::json;

const json::object& prop(const json::object& schema, std::string_view name) {
  return schema.at("properties").at(name).as_object();
}

TEST(ConfigSchema, IsValidJsonDraft202012) {
  const auto text = json::serialize(json_schema());
  boost::system::error_code ec;
  const auto parsed = json::parse(text, ec);
  ASSERT_FALSE(ec);
  const auto& s = parsed.as_object();
  EXPECT_EQ(s.at("$schema").as_string(), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(s.at("type").as_string(), "object");
  EXPECT_EQ(s.at("properties").as_object().size(), 17u);
}

TEST(ConfigSchema, ListsEveryFieldOfTheFirstSections) {
  // A document whose lists are non-empty, so list entries are checked too.
  MeterConfiguration c;
  c.primary.gain_correction.phase_a.current_segments.resize(1);
  c.load_profile.profiles[0].channels.resize(1);
  // Counted, so a field missing on one side shows. Hardware 4 own + 11 options;
  // identification 10 x 2; primary 12 own + 5 units + 3 x 2 voltage gain + 3 segment;
  // profile 6 + channel 7; demands 7. Later sections count theirs in their own tests.
  EXPECT_EQ(section_leaves(c, "hardware"), 4 + 11);
  EXPECT_EQ(section_leaves(c, "identification"), 20);
  EXPECT_EQ(section_leaves(c, "primary"), 12 + 5 + 6 + 3);
  EXPECT_EQ(section_leaves(c, "load_profile"), 6 + 7);
  EXPECT_EQ(section_leaves(c, "demands"), 7);
}

TEST(ConfigSchema, SpotChecksLimitsEnumsAndDefaults) {
  const auto s = json_schema();
  const auto& primary = prop(s, "primary");

  const auto& ct = prop(primary, "ct_primary");
  EXPECT_EQ(ct.at("type").as_string(), "number");
  EXPECT_EQ(ct.at("minimum").as_double(), 0.01);
  EXPECT_EQ(ct.at("maximum").as_double(), 1'000'000.0);
  EXPECT_EQ(ct.at("default").as_double(), 1.0);
  EXPECT_NE(ct.at("description").as_string().find("L2536"), json::string::npos);

  const auto& conn = prop(primary, "connection_type");
  ASSERT_EQ(conn.at("enum").as_array().size(), 7u);
  EXPECT_EQ(conn.at("enum").as_array()[4].as_string(), "4_wire_wye");
  EXPECT_EQ(conn.at("default").as_string(), "4_wire_wye");

  const auto& cls = prop(primary, "class_amps");
  EXPECT_EQ(cls.at("type").as_string(), "integer");
  EXPECT_EQ(cls.at("enum"), json::parse("[2, 10, 20]"));
  EXPECT_EQ(cls.at("default").as_int64(), 20);

  const auto& segments =
      prop(prop(prop(primary, "gain_correction"), "phase_a"), "current_segments");
  EXPECT_EQ(segments.at("type").as_string(), "array");
  EXPECT_EQ(segments.at("minItems").as_uint64(), 0u);
  EXPECT_EQ(segments.at("maxItems").as_uint64(), 8u);
  const auto& magnitude = prop(segments.at("items").as_object(), "magnitude_pct");
  EXPECT_EQ(magnitude.at("minimum").as_double(), -10.0);
  EXPECT_EQ(magnitude.at("maximum").as_double(), 10.0);
  EXPECT_EQ(magnitude.at("multipleOf").as_double(), 0.01);

  const auto& fields = prop(prop(s, "identification"), "fields");
  EXPECT_EQ(fields.at("minItems").as_uint64(), 10u);
  EXPECT_EQ(fields.at("maxItems").as_uint64(), 10u);
  EXPECT_EQ(fields.at("default").as_array().size(), 10u);
  EXPECT_EQ(fields.at("default").at(2).at("value").as_string(), "Rochester, New York");
  EXPECT_EQ(prop(fields.at("items").as_object(), "value").at("maxLength").as_uint64(), 24u);

  const auto& profiles = prop(prop(s, "load_profile"), "profiles");
  EXPECT_EQ(profiles.at("maxItems").as_uint64(), 2u);
  const auto& channel = prop(profiles.at("items").as_object(), "channels").at("items").as_object();
  const auto& direction = prop(channel, "direction");
  EXPECT_EQ(direction.at("enum"),
            json::parse(R"(["delivered","received","Q1","Q2","Q3","Q4","none"])"));

  const auto& sub = prop(prop(s, "demands"), "subinterval_minutes");
  EXPECT_EQ(sub.at("minimum").as_int64(), 1);
  EXPECT_EQ(sub.at("maximum").as_int64(), 60);
  EXPECT_EQ(sub.at("default").as_int64(), 5);
}

}  // namespace
}  // namespace jemhead::config::test
