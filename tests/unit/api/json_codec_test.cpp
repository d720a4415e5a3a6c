// The functions that turn request JSON into core structs, without HTTP around them.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/connection_json.hpp"
#include "api/meter_json.hpp"
#include "api/problem.hpp"
#include "api/secrets.hpp"

namespace jemhead::api {
namespace {

namespace json = boost::json;

// The ApiError a decode throws, or a failure when it does not throw.
template <typename F>
ApiError error_of(F&& decode) {
  try {
    decode();
  } catch (const ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an ApiError";
  return ApiError(0, "none");
}

Meter fresh_meter() {
  Meter m;
  m.identification = default_identification();
  return m;
}

bool names_field(const ApiError& e, const std::string& field) {
  for (const auto& f : e.errors)
    if (f.field == field) return true;
  return false;
}

TEST(DecodeMeter, ReadsEveryField) {
  auto m = decode_meter(R"({"serial":"JS-1","name":"Feeder 4","location":"Sub A","model":"J2M-1",
      "mid":true,"firmware":"4.12","options":["PQ2","ML"],
      "identification":[{"title":"Meter ID","value":"M-77"},{"value":"ops"}],
      "group_id":3,"time_zone":"Europe/Berlin","enabled":false})",
                        fresh_meter());
  EXPECT_EQ(m.serial, "JS-1");
  EXPECT_EQ(m.name, "Feeder 4");
  EXPECT_EQ(m.location, "Sub A");
  EXPECT_EQ(m.model, "J2M-1");
  EXPECT_TRUE(m.mid);
  EXPECT_EQ(m.firmware, "4.12");
  EXPECT_EQ(m.options, (std::vector<std::string>{"PQ2", "ML"}));
  EXPECT_EQ(m.identification[0].title, "Meter ID");
  EXPECT_EQ(m.identification[0].value, "M-77");
  EXPECT_EQ(m.identification[1].title, "Administrator");  // kept from the base
  EXPECT_EQ(m.identification[1].value, "ops");
  EXPECT_EQ(m.identification[5].title, "MV 90 Meter ID");
  EXPECT_EQ(m.group_id, 3);
  EXPECT_EQ(m.time_zone, "Europe/Berlin");
  EXPECT_FALSE(m.enabled);
}

TEST(DecodeMeter, NullGroupClearsIt) {
  Meter base;
  base.serial = std::string(1, 'S');  // not a literal: GCC 12 -Wrestrict false positive
  base.group_id = 4;
  EXPECT_FALSE(decode_meter(R"({"group_id":null})", base).group_id.has_value());
}

TEST(DecodeMeter, NamesUnknownFieldsWrongTypesAndRuleBreaks) {
  auto unknown = error_of([] { decode_meter(R"({"serial":"S","colour":"red"})", Meter{}); });
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(names_field(unknown, "colour"));

  auto nested = error_of([] {
    decode_meter(R"({"serial":"S","identification":[{"title":"a","extra":1}]})", Meter{});
  });
  EXPECT_TRUE(names_field(nested, "identification/0/extra"));

  auto type =
      error_of([] { decode_meter(R"({"serial":"S","mid":"yes","group_id":"7"})", Meter{}); });
  EXPECT_EQ(type.status, 422);
  EXPECT_TRUE(names_field(type, "mid"));
  EXPECT_TRUE(names_field(type, "group_id"));

  auto too_long = error_of([] {
    decode_meter(R"({"serial":"S","identification":[{},{"value":"0123456789012345678901234"}]})",
                 Meter{});
  });
  EXPECT_TRUE(names_field(too_long, "identification/1/value"));

  auto eleven = error_of([] {
    decode_meter(R"({"serial":"S","identification":[{},{},{},{},{},{},{},{},{},{},{}]})", Meter{});
  });
  EXPECT_TRUE(names_field(eleven, "identification"));

  auto empty_serial = error_of([] { decode_meter(R"({"name":"x"})", Meter{}); });
  EXPECT_TRUE(names_field(empty_serial, "serial"));

  auto zone =
      error_of([] { decode_meter(R"({"serial":"S","time_zone":"Mars/Olympus"})", Meter{}); });
  EXPECT_TRUE(names_field(zone, "time_zone"));
}

TEST(DecodeMeter, MalformedJsonAndNonObjectsAre400) {
  EXPECT_EQ(error_of([] { decode_meter("{\"serial\":", Meter{}); }).status, 400);
  EXPECT_EQ(error_of([] { decode_meter("[1,2]", Meter{}); }).status, 400);
  EXPECT_EQ(error_of([] { decode_meter("", Meter{}); }).status, 400);
  // Deep nesting is refused by the parser, not by the stack.
  EXPECT_EQ(error_of([] {
              decode_meter(std::string(10000, '[') + std::string(10000, ']'), Meter{});
            }).status,
            400);
}

TEST(DecodeMeter, ServerAssignedFieldsAreIgnored) {
  Meter base;
  base.id = 9;
  auto m = decode_meter(R"({"id":123,"serial":"S","created_at":"x","updated_at":5})", base);
  EXPECT_EQ(m.id, 9);
}

TEST(DecodeGroup, ReadsAndValidates) {
  auto g = decode_group(R"({"name":"North","description":"feeders"})", Group{});
  EXPECT_EQ(g.name, "North");
  EXPECT_EQ(g.description, "feeders");
  EXPECT_TRUE(names_field(error_of([] { decode_group(R"({"name":""})", Group{}); }), "name"));
  EXPECT_TRUE(names_field(error_of([] { decode_group(R"({"name":"a","x":1})", Group{}); }), "x"));
}

TEST(DecodeConnection, ReadsEveryField) {
  auto p = decode_connection(R"({"name":"rs485-bus","protocol":"modbus","transport":"rs485",
      "is_default":true,"device":"/dev/ttyUSB0","baud":19200,"address":254,"rs485_delay_ms":60,
      "retries":5,"retry_delay_s":30,"timeout_ms":2500,"options":{"crc_order":"swapped"}})",
                             ConnectionProfile{});
  EXPECT_EQ(p.name, "rs485-bus");
  EXPECT_EQ(p.protocol, Protocol::modbus);
  EXPECT_EQ(p.transport, Transport::rs485);
  EXPECT_TRUE(p.is_default);
  EXPECT_EQ(p.device, "/dev/ttyUSB0");
  EXPECT_EQ(p.baud, 19200u);
  EXPECT_EQ(p.address, 254);
  EXPECT_EQ(p.rs485_delay_ms, 60u);
  EXPECT_EQ(p.retries, 5u);
  EXPECT_EQ(p.retry_delay_s, 30u);
  EXPECT_EQ(p.timeout_ms, 2500u);
  EXPECT_EQ(p.options_json, R"({"crc_order":"swapped"})");
}

TEST(DecodeConnection, RangesFromTheManualAreEnforced) {
  auto serial = [](const std::string& extra) {
    return R"({"name":"s","protocol":"dnp3","transport":"serial","device":"/dev/ttyS0")" + extra +
           "}";
  };
  EXPECT_TRUE(
      names_field(error_of([&] { decode_connection(serial(R"(,"address":0)"), {}); }), "address"));
  EXPECT_TRUE(names_field(error_of([&] { decode_connection(serial(R"(,"address":255)"), {}); }),
                          "address"));
  EXPECT_TRUE(names_field(error_of([&] { decode_connection(serial(R"(,"address":70000)"), {}); }),
                          "address"));
  EXPECT_TRUE(
      names_field(error_of([&] { decode_connection(serial(R"(,"address":-1)"), {}); }), "address"));
  EXPECT_TRUE(names_field(error_of([&] { decode_connection(serial(R"(,"address":1.5)"), {}); }),
                          "address"));
  EXPECT_TRUE(
      names_field(error_of([&] { decode_connection(serial(R"(,"baud":1234)"), {}); }), "baud"));
  EXPECT_EQ(decode_connection(serial(R"(,"address":254.0)"), {}).address, 254);

  const std::string modem =
      R"({"name":"m","protocol":"dlms","transport":"modem","device":"/dev/ttyACM0","phone":")";
  EXPECT_EQ(decode_connection(modem + std::string(50, '5') + "\"}", {}).phone.size(), 50u);
  EXPECT_TRUE(names_field(
      error_of([&] { decode_connection(modem + std::string(51, '5') + "\"}", {}); }), "phone"));
}

TEST(DecodeConnection, NamesBadEnumsPortsAndOptions) {
  auto e = error_of([] {
    decode_connection(
        R"({"name":"n","protocol":"smoke","transport":7,"host":"h","port":70000,"options":[]})",
        {});
  });
  EXPECT_TRUE(names_field(e, "protocol"));
  EXPECT_TRUE(names_field(e, "transport"));
  EXPECT_TRUE(names_field(e, "port"));
  EXPECT_TRUE(names_field(e, "options"));
  EXPECT_NE(e.detail.find("dlms, dnp3"), std::string::npos) << e.detail;
}

TEST(Secrets, AreRedactedOnOutputAndKeptWhenSentBackRedacted) {
  ConnectionProfile p;
  p.name = "d";
  p.host = "127.0.0.1";
  p.options_json = R"({"client_sap":1,"password":"s3cret","auth":{"api_key":"k"}})";
  auto out = to_json(p);
  EXPECT_EQ(out["options"].at("password"), "***");
  EXPECT_EQ(out["options"].at("auth").at("api_key"), "***");
  EXPECT_EQ(out["options"].at("client_sap"), 1);

  auto back = decode_connection(json::serialize(out), ConnectionProfile{}, p.options_json);
  auto options = json::parse(back.options_json);
  EXPECT_EQ(options.at("password"), "s3cret");
  EXPECT_EQ(options.at("auth").at("api_key"), "k");

  auto changed = decode_connection(R"({"name":"d","host":"h","options":{"password":"new"}})",
                                   ConnectionProfile{}, p.options_json);
  EXPECT_EQ(json::parse(changed.options_json).at("password"), "new");
}

}  // namespace
}  // namespace jemhead::api
