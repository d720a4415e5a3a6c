// Connection profiles of a meter through the real server.
#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

TEST_F(ApiTest, ConnectionCrudValueByValue) {
  const auto meter = create_meter(R"({"serial":"C-1"})");
  const auto base = "/api/v1/meters/" + std::to_string(meter) + "/connections";
  auto created = call("POST", base, kOperator,
                      R"({"name":"bus","protocol":"modbus","transport":"rs485","is_default":true,
                          "device":"/dev/ttyUSB0","baud":19200,"address":17,"rs485_delay_ms":80,
                          "retries":4,"retry_delay_s":9,"timeout_ms":1500,
                          "options":{"crc_order":"swapped","word_order":"big"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto c = created.json().as_object();
  const auto id = c.at("id").as_int64();
  EXPECT_EQ(created.header("location"), base + "/" + std::to_string(id));
  EXPECT_EQ(c.at("meter_id"), meter);
  EXPECT_EQ(c.at("name"), "bus");
  EXPECT_EQ(c.at("protocol"), "modbus");
  EXPECT_EQ(c.at("transport"), "rs485");
  EXPECT_EQ(c.at("is_default"), true);
  EXPECT_EQ(c.at("host"), "");
  EXPECT_EQ(c.at("port"), 0);
  EXPECT_EQ(c.at("device"), "/dev/ttyUSB0");
  EXPECT_EQ(c.at("baud"), 19200);
  EXPECT_EQ(c.at("address"), 17);
  EXPECT_EQ(c.at("rs485_delay_ms"), 80);
  EXPECT_EQ(c.at("modem_init"), "ATZ");
  EXPECT_EQ(c.at("phone"), "");
  EXPECT_EQ(c.at("retries"), 4);
  EXPECT_EQ(c.at("retry_delay_s"), 9);
  EXPECT_EQ(c.at("timeout_ms"), 1500);
  EXPECT_EQ(c.at("options"), (json::value{{"crc_order", "swapped"}, {"word_order", "big"}}));

  auto stored = repo_->find_connection(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->protocol, Protocol::modbus);
  EXPECT_EQ(stored->address, 17);
  EXPECT_EQ(json::parse(stored->options_json).at("crc_order"), "swapped");

  const auto item = base + "/" + std::to_string(id);
  EXPECT_EQ(call("GET", item, kViewer).json(), created.json());
  auto list = call("GET", base, kViewer);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(list.json().at("items").as_array()[0], created.json());

  auto put =
      call("PUT", item, kOperator,
           R"({"name":"eth","protocol":"dlms","transport":"tcp","host":"127.0.0.1","port":4059})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().at("transport"), "tcp");
  EXPECT_EQ(put.json().at("host"), "127.0.0.1");
  EXPECT_EQ(put.json().at("port"), 4059);
  EXPECT_EQ(put.json().at("device"), "");
  EXPECT_EQ(put.json().at("address"), 1);  // back to its default
  EXPECT_EQ(put.json().at("options"), json::value(json::object{}));
  EXPECT_EQ(repo_->find_connection(id)->transport, Transport::tcp);

  EXPECT_EQ(call("DELETE", item, kOperator).status, 204);
  EXPECT_EQ(call("GET", item, kViewer).status, 404);
  EXPECT_TRUE(repo_->list_connections(meter).empty());
}

TEST_F(ApiTest, ConnectionsAreReachedOnlyThroughTheirMeter) {
  const auto a = create_meter(R"({"serial":"C-A"})");
  const auto b = create_meter(R"({"serial":"C-B"})");
  auto created = call("POST", "/api/v1/meters/" + std::to_string(a) + "/connections", kOperator,
                      R"({"name":"eth","transport":"tcp","host":"127.0.0.1"})");
  ASSERT_EQ(created.status, 201);
  const auto id = std::to_string(created.json().at("id").as_int64());
  EXPECT_EQ(
      call("GET", "/api/v1/meters/" + std::to_string(b) + "/connections/" + id, kViewer).status,
      404);
  EXPECT_EQ(call("DELETE", "/api/v1/meters/" + std::to_string(b) + "/connections/" + id, kOperator)
                .status,
            404);
  EXPECT_EQ(call("GET", "/api/v1/meters/999/connections", kViewer).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/meters/999/connections", kOperator,
                 R"({"name":"eth","transport":"tcp","host":"127.0.0.1"})")
                .status,
            404);
  // Names are unique per meter.
  EXPECT_EQ(call("POST", "/api/v1/meters/" + std::to_string(a) + "/connections", kOperator,
                 R"({"name":"eth","transport":"tcp","host":"127.0.0.2"})")
                .status,
            409);
  EXPECT_EQ(repo_->list_connections(a).size(), 1u);
}

TEST_F(ApiTest, SecretsInOptionsAreNeverShownAndSurviveARoundTrip) {
  const auto meter = create_meter(R"({"serial":"SEC-1"})");
  const auto base = "/api/v1/meters/" + std::to_string(meter) + "/connections";
  auto created = call("POST", base, kOperator,
                      R"({"name":"dlms","transport":"tcp","host":"127.0.0.1",
                          "options":{"client_sap":1,"password":"hunter2"}})");
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(created.json().at("options").at("password"), "***");
  const auto id = created.json().at("id").as_int64();
  const auto item = base + "/" + std::to_string(id);

  // GET, change one thing, PUT back: the stored password stays.
  auto body = call("GET", item, kViewer).json().as_object();
  EXPECT_EQ(body.at("options").at("password"), "***");
  body["retries"] = 7;
  auto put = call("PUT", item, kOperator, json::serialize(body));
  ASSERT_EQ(put.status, 200) << put.body;
  auto stored = repo_->find_connection(id);
  EXPECT_EQ(stored->retries, 7u);
  EXPECT_EQ(json::parse(stored->options_json).at("password"), "hunter2");

  // The audit log never holds it either.
  for (const auto& e : repo_->audit({}, storage::Page{0, 1000}))
    EXPECT_EQ(e.detail_json.find("hunter2"), std::string::npos)
        << e.action << ": " << e.detail_json;
}

}  // namespace
}  // namespace jemhead::testing
