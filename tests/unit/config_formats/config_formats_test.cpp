// YAML and XML forms of the configuration document: exact round trips (factory defaults
// and a busy document with lists, numbers that look like text and text that looks like
// numbers, XML special characters, non-ASCII and control characters), hand-written
// files, and hostile or broken input reported as one "syntax" problem.
#include "api/config_formats/config_formats.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "api/config_formats/format_support.hpp"

namespace jemhead::config::test {
namespace {

namespace json = boost::json;

MeterConfiguration busy_configuration() {
  MeterConfiguration c;
  c.hardware.firmware_version = "5.5.2";  // a string that reads like a number
  c.hardware.model_number = "JS2-A <MID> & \"PQ3\"";
  c.hardware.options.dual_load_profile = true;
  c.hardware.options.digital_io = true;
  c.identification.fields[0].value = "Zürich – Straße ✓";
  c.identification.fields[1].value = "a & b < c > d ]]>";
  c.identification.fields[2].value = "  spaced\ttab  ";
  c.identification.fields[3].value = "cr\r\nlf";
  c.identification.fields[4].value = "true";
  c.identification.fields[5].value = "15";
  c.identification.fields[6].value = "\x01 bell \x07";  // not XML 1.0 text: hex
  c.identification.fields[7].value = "";
  c.primary.form = MeterForm::f36;  // enumeration text "36"
  c.primary.connection_type = ConnectionType::four_wire_delta;
  c.primary.vt_primary = 14400;
  c.primary.vt_secondary = 120;
  c.primary.ct_primary = 600.5;
  c.primary.ct_secondary = 5;
  c.primary.nominal_current_secondary = 2.5;
  c.primary.measurement_units.watts_va = UnitScale::kilo;
  c.primary.gain_correction.phase_a.voltage.magnitude_pct = -0.25;
  c.primary.gain_correction.phase_b.current_segments = {{1.0, 0.1, -0.02}, {2.0, 0.2, 0.03}};
  c.load_profile.profiles[0].interval_minutes = 5;
  c.load_profile.profiles[0].freeze_markers = false;
  c.load_profile.profiles[0].channels.resize(3);
  c.load_profile.profiles[0].channels[1].direction = LpDirection::received;
  c.load_profile.profiles[0].channels[2].km = 0.000125;
  c.load_profile.profiles.push_back(LpProfile{});
  c.load_profile.profiles[1].interval_minutes = 60;
  c.load_profile.profiles[1].channels.resize(1);
  c.load_profile.profiles[1].channels[0].km = 1e7;
  c.demands.interval_minutes = 30;
  c.demands.subinterval_minutes = 10;
  c.demands.demand_sync = true;
  DioChannel sync;
  sync.number = 1;
  sync.selection = DioSelection::interval_sync;
  DioChannel pulse;
  pulse.number = 3;
  pulse.input_output = DioMode::output;
  pulse.selection = DioSelection::energy_pulse;
  pulse.energy_pulse.pulse_weight = 0.004833;
  c.input_output.digital_io = {sync, pulse};
  c.display_registers.normal.resize(2);
  c.display_registers.normal[1].id = 1;
  c.display_registers.normal[1].description = "kWh \"del\" <T>";
  c.triggers.triggers[0].enabled = true;
  c.triggers.triggers[0].alarm_threshold = 132.5;
  c.users.admin.password = "p&ss<wörd>";
  return c;
}

using Export = std::function<std::string(const MeterConfiguration&)>;
using Import = std::function<ReadResult(std::string_view)>;

struct Format {
  std::string name;
  Export write;
  Import read;
};

const std::vector<Format>& formats_under_test() {
  static const std::vector<Format> all{{"yaml", to_yaml, from_yaml_text},
                                       {"xml", to_xml, from_xml_text}};
  return all;
}

TEST(ConfigFormats, RoundTripsAreExact) {
  for (const auto& f : formats_under_test()) {
    for (const auto& [what, config] : std::vector<std::pair<std::string, MeterConfiguration>>{
             {"factory defaults", MeterConfiguration{}}, {"busy", busy_configuration()}}) {
      SCOPED_TRACE(f.name + " " + what);
      const auto text = f.write(config);
      const auto back = f.read(text);
      EXPECT_TRUE(back.config == config) << text;
      // The same problems as the JSON document gives (reading and validation).
      EXPECT_EQ(back.problems, from_json(to_json(config)).problems);
      // And writing again gives the same text.
      EXPECT_EQ(f.write(back.config), text);
    }
  }
  EXPECT_TRUE(from_yaml_text(to_yaml(MeterConfiguration{})).problems.empty());
  EXPECT_TRUE(from_xml_text(to_xml(MeterConfiguration{})).problems.empty());
}

// Every class of code point a string may hold comes back byte for byte: quotes and
// backslashes, C0 and C1 controls, DEL, NEL, line and paragraph separators, BOM and
// non-characters, non-ASCII letters and astral symbols.
TEST(ConfigFormats, StringsRoundTripExactly) {
  const std::vector<std::string> texts{
      "plain",
      "\"quoted\" \\ back",
      "\x01\x1b\x7f",
      "\xc2\x80\xc2\x85\xc2\x9f",
      "\xe2\x80\xa8\xe2\x80\xa9",
      "\xef\xbb\xbf bom",
      "\xef\xbf\xbe\xef\xbf\xbf",
      "Gr\xc3\xbc\xc3\x9f \xf0\x9f\x98\x80",
      "# not: a [comment]",
      "- dash",
      "&anchor *alias !tag",
      "",
      " ",
      "\t\n\r",
      "<![CDATA[x]]>",
      "&amp;",
  };
  for (const auto& f : formats_under_test()) {
    for (const auto& text : texts) {
      SCOPED_TRACE(f.name + " " + json::serialize(json::value(text)));
      MeterConfiguration c;
      c.hardware.model_number = text;
      const auto back = f.read(f.write(c));
      EXPECT_EQ(back.config.hardware.model_number, text);
    }
  }
  // Bytes that are not UTF-8: XML keeps them (hex); YAML is Unicode text (U+FFFD).
  MeterConfiguration c;
  c.hardware.model_number =
      "a\xff\xfe"
      "b";
  EXPECT_EQ(from_xml_text(to_xml(c)).config.hardware.model_number,
            "a\xff\xfe"
            "b");
  EXPECT_EQ(from_yaml_text(to_yaml(c)).config.hardware.model_number,
            "a\xef\xbf\xbd\xef\xbf\xbd"
            "b");
  // and a YAML file that is not UTF-8 is refused.
  const auto raw = from_yaml_text("hardware: {model_number: \"\xff\"}\n");
  ASSERT_EQ(raw.problems.size(), 1U);
  EXPECT_NE(raw.problems[0].message.find("UTF-8"), std::string::npos);
}

TEST(ConfigFormats, ExportedTextKeepsTypes) {
  const auto c = busy_configuration();
  const auto yaml = to_yaml(c);
  EXPECT_NE(yaml.find("firmware_version: \"5.5.2\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("form: \"36\""), std::string::npos);
  EXPECT_NE(yaml.find("ct_primary: 600.5"), std::string::npos);
  EXPECT_NE(yaml.find("vt_primary: 14400.0"), std::string::npos);  // a double stays one
  EXPECT_NE(yaml.find("interval_minutes: 30"), std::string::npos);
  const auto xml = to_xml(c);
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0U);
  EXPECT_NE(xml.find("<meter_configuration version=\"1\">"), std::string::npos);
  EXPECT_NE(
      xml.find("<model_number type=\"string\">JS2-A &lt;MID&gt; &amp; \"PQ3\"</model_number>"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<profiles type=\"list\">"), std::string::npos);
  EXPECT_NE(xml.find("<ct_primary type=\"double\">600.5</ct_primary>"), std::string::npos);
  EXPECT_NE(xml.find("<interval_minutes type=\"int\">30</interval_minutes>"), std::string::npos);
  EXPECT_NE(xml.find("<value type=\"string\" encoding=\"hex\">012062656c6c2007</value>"),
            std::string::npos);
  EXPECT_NE(xml.find("cr&#13;\nlf"), std::string::npos);
}

TEST(ConfigFormats, HandWrittenFilesReadLikeJson) {
  MeterConfiguration expected;
  expected.primary.ct_primary = 600;
  expected.primary.form = MeterForm::f36;
  expected.demands.interval_minutes = 30;
  expected.demands.thermal_time_minutes = 20;

  const auto yaml = from_yaml_text(R"(# partial document: missing keys keep factory defaults
primary:
  ct_primary: 600        # an integer where a double is expected
  form: "36"
demands: {interval_minutes: 30, demand_sync: yes_is_not_a_bool}
)");
  // "yes" is not YAML 1.2's bool: the reader reports a wrong type there.
  ASSERT_EQ(yaml.problems.size(), 1U);
  EXPECT_EQ(yaml.problems[0].path, "demands.demand_sync");
  EXPECT_NE(yaml.problems[0].rule, "syntax");

  const auto yaml_ok = from_yaml_text(R"(
primary: {ct_primary: 600, form: "36"}
demands: {interval_minutes: 30, thermal_time_minutes: 20}
)");
  EXPECT_TRUE(yaml_ok.problems.empty());
  const MeterConfiguration& yaml_expected = expected;
  EXPECT_TRUE(yaml_ok.config == yaml_expected);

  // Untyped XML leaves read like plain YAML scalars; typed ones are exact.
  const auto xml = from_xml_text(R"(<?xml version="1.0"?>
<meter_configuration>
  <primary><ct_primary>600</ct_primary><form type="string">36</form></primary>
  <!-- comments are ignored -->
  <demands><interval_minutes>30</interval_minutes><thermal_time_minutes>20</thermal_time_minutes></demands>
</meter_configuration>)");
  EXPECT_TRUE(xml.problems.empty()) << (xml.problems.empty() ? "" : xml.problems[0].message);
  EXPECT_TRUE(xml.config == yaml_expected);

  // A wrong type is a reading problem at its path, not a syntax error.
  const auto wrong = from_xml_text(
      "<meter_configuration><primary><ct_primary type=\"string\">x</ct_primary></primary>"
      "</meter_configuration>");
  ASSERT_EQ(wrong.problems.size(), 1U);
  EXPECT_EQ(wrong.problems[0].path, "primary.ct_primary");
  const auto unknown = from_yaml_text("primary: {no_such_field: 1}\n");
  ASSERT_EQ(unknown.problems.size(), 1U);
  EXPECT_EQ(unknown.problems[0].path, "primary.no_such_field");
}

std::string nested(std::string_view open, std::string_view close, int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += open;
  for (int i = 0; i < depth; ++i) out += close;
  return out;
}

std::string billion_laughs_yaml() {
  std::string out = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    out += c;
    out += ": &";
    out += c;
    out += " [";
    for (int i = 0; i < 9; ++i) {
      out += i ? ", *" : "*";
      out += prev;
    }
    out += "]\n";
    prev = c;
  }
  return out;
}

std::string billion_laughs_xml() {
  std::string out =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    out += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) out += "&lol" + std::to_string(i - 1) + ";";
    out += "\">\n";
  }
  out +=
      "]>\n<meter_configuration><hardware><model_number type=\"string\">&lol9;</model_number>"
      "</hardware></meter_configuration>\n";
  return out;
}

struct SyntaxCase {
  std::string name;
  std::string text;
  std::string message_part;
};

void expect_syntax(const Import& read, const std::vector<SyntaxCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = read(c.text);
    ASSERT_EQ(r.problems.size(), 1U);
    EXPECT_EQ(r.problems[0].path, "");
    EXPECT_EQ(r.problems[0].rule, "syntax");
    EXPECT_NE(r.problems[0].message.find(c.message_part), std::string::npos)
        << r.problems[0].message;
    EXPECT_TRUE(r.config == MeterConfiguration{});
  }
}

const std::string kTooBig(formats::kMaxTextBytes + 1, ' ');

TEST(ConfigFormats, BrokenOrHostileYamlIsOneSyntaxProblem) {
  expect_syntax(from_yaml_text,
                {
                    {"empty", "", "no YAML document"},
                    {"unclosed flow sequence", "primary: [1, 2\n", "line"},
                    {"bad indentation", "primary:\n  a: 1\n b: 2\n", "line"},
                    {"not a mapping", "- 1\n- 2\n", "mapping"},
                    {"a scalar", "hello\n", "mapping"},
                    {"two documents", "primary: {}\n---\ndemands: {}\n", "more than one"},
                    {"duplicate key", "demands: {}\ndemands: {}\n", "duplicate key \"demands\""},
                    {"aliases (billion laughs)", billion_laughs_yaml(), "aliases"},
                    {"deep flow nesting", "a: " + nested("[", "]", 200) + "\n", "nested deeper"},
                    {"deep block nesting",
                     [] {
                       std::string s;
                       for (int i = 0; i < 100; ++i) s += std::string(i * 2, ' ') + "k:\n";
                       return s;
                     }(),
                     "nested deeper"},
                    {"map as key", "? {a: 1}\n: 2\n", "key must be text"},
                    {"bad !!int", "demands: {interval_minutes: !!int thirty}\n", "!!int"},
                    {"unknown tag", "demands: !custom {}\n", "tag"},
                    {"too large", kTooBig, "larger than"},
                });
}

TEST(ConfigFormats, BrokenOrHostileXmlIsOneSyntaxProblem) {
  expect_syntax(
      from_xml_text,
      {
          {"empty", "", "empty"},
          {"unclosed element", "<meter_configuration><primary></meter_configuration>", "line"},
          {"not XML", "primary: {}\n", "line"},
          {"wrong root", "<configuration/>", "root element"},
          {"other version", "<meter_configuration version=\"2\"/>", "version"},
          {"billion laughs", billion_laughs_xml(), "DOCTYPE"},
          {"external entity (XXE)",
           "<!DOCTYPE m [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
           "<meter_configuration><hardware><model_number>&e;</model_number></hardware>"
           "</meter_configuration>",
           "DOCTYPE"},
          {"external DTD", "<!DOCTYPE m SYSTEM \"http://192.0.2.1/x.dtd\"><meter_configuration/>",
           "DOCTYPE"},
          {"undeclared entity", "<meter_configuration>&e;</meter_configuration>", "line"},
          {"deep nesting",
           "<meter_configuration>" + nested("<a>", "</a>", 100) + "</meter_configuration>",
           "nested deeper"},
          {"list entry not <item>",
           "<meter_configuration><load_profile><profiles type=\"list\"><entry/></profiles>"
           "</load_profile></meter_configuration>",
           "<item>"},
          {"bad int",
           "<meter_configuration><demands><interval_minutes type=\"int\">3O"
           "</interval_minutes></demands></meter_configuration>",
           "not a valid int"},
          {"bad bool",
           "<meter_configuration><demands><demand_sync type=\"bool\">yes"
           "</demand_sync></demands></meter_configuration>",
           "not a valid bool"},
          {"unknown type", "<meter_configuration><demands type=\"map\"/></meter_configuration>",
           "unknown type"},
          {"bad hex",
           "<meter_configuration><hardware><model_number type=\"string\" "
           "encoding=\"hex\">zz</model_number></hardware></meter_configuration>",
           "hex"},
          {"duplicate element", "<meter_configuration><demands/><demands/></meter_configuration>",
           "duplicate"},
          {"text beside elements",
           "<meter_configuration><demands>x<demand_sync>true</demand_sync></demands>"
           "</meter_configuration>",
           "mixes"},
          {"too large", kTooBig, "larger than"},
      });
}

TEST(ConfigFormats, NumberText) {
  EXPECT_EQ(formats::number_text(json::value(15)), "15");
  EXPECT_EQ(formats::number_text(json::value(600.0)), "600.0");
  EXPECT_EQ(formats::number_text(json::value(0.000125)), "0.000125");
  EXPECT_EQ(formats::number_text(json::value(1e300)), "1e+300");
  EXPECT_EQ(formats::number_text(json::value(18446744073709551615ULL)), "18446744073709551615");
  EXPECT_EQ(formats::number_text(json::value(std::numeric_limits<double>::infinity())), ".inf");
  EXPECT_EQ(formats::infer_scalar("1e400"), json::value(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(formats::infer_scalar("1e-400"), json::value(0.0));
  EXPECT_EQ(formats::infer_scalar("-.inf"), json::value(-std::numeric_limits<double>::infinity()));
  EXPECT_EQ(formats::infer_scalar(".nan"), json::value(".nan"));  // NaN is no value: text
  EXPECT_EQ(formats::infer_scalar("007"), json::value(7));
  EXPECT_EQ(formats::infer_scalar("5.5.2"), json::value("5.5.2"));
  EXPECT_EQ(formats::infer_scalar("~"), json::value(nullptr));
}

}  // namespace
}  // namespace jemhead::config::test
