// A real jemsim process: the meters' web servers serve /pqdif over HTTP with Basic users,
// and what a client downloads equals the control endpoint's PQDIF truth (name, size,
// sha256, observations and their first values), read back with the head-end's reader.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <sstream>

#include "core/digest/sha256.hpp"
#include "core/pqdif/logical_reader.hpp"
#include "core/pqdif_file_name.hpp"
#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const std::string kFleet = R"(seed: 11
time_factor: 0
start_time: "2026-01-01T00:00:00Z"
meters:
  pqdif: { events_per_day: 3 }
  web: { listen: "127.0.0.1:0", users: [{ name: pquser, password: "pq pass", read_power_quality: true },
                                        { name: billing, password: b, read_power_quality: false }] }
  list:
    - serial: "1423 00003"
    - serial: "142300004"
      pqdif: { mode: single, compressed: false, measurement_log: { interval_minutes: 0 } }
)";

// "Basic " + base64(user:password), encoded here so the test does not use the sim's decoder.
std::string basic(const std::string& user_password) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "Basic ";
  std::uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : user_password) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += kAlphabet[(bits >> count) & 63];
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63];
  while ((out.size() - 6) % 4 != 0) out += '=';
  return out;
}

class SimPqdifHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = std::make_unique<Jemsim>(dir_, kFleet);
    ASSERT_EQ(sim_->call("POST", "/advance", R"({"seconds": 172800})").status, 200);
  }
  HttpTarget web(const std::string& serial) const {
    const auto doc = sim_->call("GET", "/pqdif").json();
    for (const auto& m : doc.at("meters").as_array())
      if (m.at("serial").as_string() == serial)
        return HttpTarget::parse(json::value_to<std::string>(m.at("web")));
    ADD_FAILURE() << "no web server for " << serial;
    return {};
  }
  json::array truth(const std::string& serial) const {
    std::string path = "/meters/";
    for (char c : serial) path += c == ' ' ? std::string("%20") : std::string(1, c);
    path += "/pqdif";
    auto r = sim_->call("GET", path);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("files").as_array();
  }
  Reply get(const HttpTarget& t, const std::string& path, const std::string& auth) const {
    return t.call("GET", path, {}, {}, {{"Authorization", auth}});
  }

  TempDir dir_;
  std::unique_ptr<Jemsim> sim_;
};

TEST_F(SimPqdifHttp, ListingMatchesTheTruthAndNeedsTheRight) {
  const auto files = truth("1423 00003");
  ASSERT_EQ(files.size(), 2u);  // two midnights
  const HttpTarget w = web("1423 00003");
  EXPECT_EQ(w.call("GET", "/pqdif").status, 401);
  EXPECT_EQ(get(w, "/pqdif", basic("pquser:wrong")).status, 401);
  EXPECT_EQ(get(w, "/pqdif", basic("billing:b")).status, 403);
  const Reply listing = get(w, "/pqdif", basic("pquser:pq pass"));
  ASSERT_EQ(listing.status, 200);
  // Rows: <a href="/pqdif/NAME">NAME</a></td><td>YYYY-MM-DD HH:MM:SS</td><td>SIZE</td>
  const std::regex row(
      R"re(<a href="/pqdif/([^"]+)">[^<]+</a></td><td>([0-9: -]+)</td><td>([0-9]+)</td>)re");
  std::vector<std::pair<std::string, std::int64_t>> rows;
  for (std::sregex_iterator it(listing.body.begin(), listing.body.end(), row), end; it != end; ++it)
    rows.emplace_back((*it)[1].str(), std::stoll((*it)[3].str()));
  ASSERT_EQ(rows.size(), files.size()) << listing.body;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].first, files[i].at("name").as_string());
    EXPECT_EQ(rows[i].second, files[i].at("size").as_int64());
    const auto name = parse_pqdif_file_name(rows[i].first);
    ASSERT_TRUE(name) << rows[i].first;
    EXPECT_EQ(name->serial, "142300003");  // spaces removed
    EXPECT_EQ(name->data_type, 128u);
  }
  const Reply as_json = get(w, "/pqdif?format=json", basic("pquser:pq pass"));
  ASSERT_EQ(as_json.status, 200);
  EXPECT_EQ(as_json.json().at("files").as_array().size(), files.size());
}

TEST_F(SimPqdifHttp, DownloadedFilesEqualTheTruthValueByValue) {
  const auto files = truth("1423 00003");
  const HttpTarget w = web("1423 00003");
  ASSERT_FALSE(files.empty());
  for (const auto& f : files) {
    const std::string name(f.at("name").as_string());
    const Reply file = get(w, "/pqdif/" + name, basic("pquser:pq pass"));
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(static_cast<std::int64_t>(file.body.size()), f.at("size").as_int64());
    EXPECT_EQ(digest::sha256_hex(file.body), f.at("sha256").as_string());
    std::istringstream in(file.body);
    pqdif::PqdifFileReader reader(in);
    EXPECT_EQ(reader.container().file_name, name);
    const auto& observations = f.at("observations").as_array();
    std::size_t index = 0;
    while (auto o = reader.next_observation()) {
      ASSERT_LT(index, observations.size());
      const auto& t = observations[index++];
      EXPECT_EQ(o->name, t.at("name").as_string());
      EXPECT_EQ(format_iso8601(o->time_start), t.at("start").as_string());
      EXPECT_EQ(static_cast<std::int64_t>(o->channels.size()), t.at("channel_count").as_int64());
      for (const auto& s : t.at("series").as_array()) {
        const auto& values = o->channels.at(static_cast<std::size_t>(s.at("channel").as_int64()))
                                 .series.at(static_cast<std::size_t>(s.at("series").as_int64()))
                                 .values;
        ASSERT_EQ(static_cast<std::int64_t>(values.size()), s.at("count").as_int64());
        const auto& first = s.at("first").as_array();
        for (std::size_t k = 0; k < first.size(); ++k)
          EXPECT_NEAR(values[k], first[k].to_number<double>(),
                      1e-9 * std::max(1.0, std::fabs(first[k].to_number<double>())));
      }
    }
    EXPECT_EQ(index, observations.size());
    EXPECT_EQ(static_cast<std::int64_t>(index), f.at("observation_count").as_int64());
  }
}

TEST_F(SimPqdifHttp, ATriggeredSagGetsItsOwnFileWhichCanBeDeleted) {
  const std::string serial = "142300004";
  const auto before = truth(serial).size();
  const Reply t = sim_->call("POST", "/meters/" + serial + "/pqdif/trigger", R"({"kind": "sag"})");
  ASSERT_EQ(t.status, 200) << t.body;
  const auto event = t.json();
  EXPECT_EQ(event.at("event").at("kind").as_string(), "sag");
  EXPECT_EQ(event.at("data_type").as_int64(), 7);
  EXPECT_EQ(truth(serial).size(), before);  // still recording
  ASSERT_EQ(sim_->call("POST", "/advance", R"({"seconds": 60})").status, 200);
  const auto after = truth(serial);
  ASSERT_EQ(after.size(), before + 1);
  const auto& file = after.back();
  const std::string name(file.at("name").as_string());
  const auto parsed = parse_pqdif_file_name(name);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(format_iso8601(parsed->time), event.at("event").at("trigger").as_string());
  EXPECT_EQ(file.at("observations").at(0).at("name").as_string(), "Voltage Sag");
  EXPECT_EQ(file.at("observations").at(0).at("channel_count").as_int64(), 16 + 3 + 6 + 9);

  const HttpTarget w = web(serial);
  EXPECT_EQ(
      w.call("DELETE", "/pqdif/" + name, {}, {}, {{"Authorization", basic("billing:b")}}).status,
      403);
  EXPECT_EQ(w.call("DELETE", "/pqdif/" + name, {}, {}, {{"Authorization", basic("pquser:pq pass")}})
                .status,
            204);
  EXPECT_EQ(get(w, "/pqdif/" + name, basic("pquser:pq pass")).status, 404);
  EXPECT_EQ(truth(serial).size(), before);
  EXPECT_EQ(sim_->call("POST", "/meters/" + serial + "/pqdif/trigger", R"({"kind": "dip"})").status,
            400);
}

}  // namespace
}  // namespace jemhead::testing
