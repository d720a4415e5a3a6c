// GET /api/v1/meters/{id}/events through a real HTTP server: the stored log entries oldest
// first with every field, keyset paging (after, limit, next_after), the log filter (also
// across pages it has to scan past, and bounded when a huge other log is in the way), the
// from/to window, and the errors: unknown meter 404, bad parameters 400.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

using namespace std::chrono_literals;

const UtcTime kT0 = from_unix_micros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z

class EventsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    Meter m;
    m.serial = "EV-API-1";
    meter_ = repo_->insert_meter(m);
    m.serial = "EV-API-2";
    other_ = repo_->insert_meter(m);
  }

  LogEvent entry(std::int64_t meter, const std::string& log, UtcTime at, const std::string& code) {
    LogEvent e;
    e.meter_id = meter;
    e.log = log;
    e.event_time = at;
    e.code = code;
    e.description = log == "ethernet" ? "Ethernet " + code : code + " set";
    e.raw = R"({"c":")" + code + R"("})";
    return e;
  }

  // ethernet C1 D1 at kT0 (same time, like a meter's second stamps), a status edge, then
  // ethernet C2 D2 at +1 h, and another meter's entry in between.
  void store_sample() {
    repo_->insert_events(std::vector<LogEvent>{
        entry(meter_, "ethernet", kT0, "C1"), entry(meter_, "ethernet", kT0, "D1"),
        entry(meter_, "status", kT0 + 30min, "S1"), entry(other_, "ethernet", kT0, "X1"),
        entry(meter_, "ethernet", kT0 + 1h, "C2"), entry(meter_, "ethernet", kT0 + 1h, "D2")});
  }

  std::string path(std::int64_t meter, const std::string& query = "") {
    std::string p = "/api/v1/meters/" + std::to_string(meter) + "/events";
    if (!query.empty()) p += "?" + query;
    return p;
  }

  static std::vector<std::string> codes(const boost::json::value& body) {
    std::vector<std::string> out;
    for (const auto& item : body.at("items").as_array())
      out.emplace_back(item.at("code").as_string());
    return out;
  }

  std::int64_t meter_ = 0;
  std::int64_t other_ = 0;
};

using Codes = std::vector<std::string>;

TEST_F(EventsApiTest, ListsTheMetersEntriesOldestFirstWithEveryField) {
  store_sample();
  const auto r = call("GET", path(meter_), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  EXPECT_EQ(codes(body), (Codes{"C1", "D1", "S1", "C2", "D2"}));
  EXPECT_TRUE(body.at("next_after").is_null());
  const auto& first = body.at("items").as_array().at(0).as_object();
  EXPECT_GT(first.at("id").as_int64(), 0);
  EXPECT_EQ(first.at("log").as_string(), "ethernet");
  EXPECT_EQ(first.at("time").as_string(), format_iso8601(kT0));
  EXPECT_EQ(first.at("code").as_string(), "C1");
  EXPECT_EQ(first.at("description").as_string(), "Ethernet C1");
  EXPECT_EQ(first.at("raw").as_string(), R"({"c":"C1"})");
  const auto& third = body.at("items").as_array().at(2).as_object();
  EXPECT_EQ(third.at("log").as_string(), "status");
  EXPECT_EQ(third.at("time").as_string(), format_iso8601(kT0 + 30min));

  const auto theirs = call("GET", path(other_), kViewer);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(codes(theirs.json()), (Codes{"X1"}));
}

TEST_F(EventsApiTest, PagesWithAfterAndLimitUntilNextAfterIsNull) {
  store_sample();
  Codes all;
  std::string query = "limit=2";
  std::vector<std::size_t> sizes;
  for (int pages = 0; pages < 10; ++pages) {
    const auto r = call("GET", path(meter_, query), kViewer);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    const auto page = codes(body);
    sizes.push_back(page.size());
    all.insert(all.end(), page.begin(), page.end());
    if (body.at("next_after").is_null()) break;
    const auto next = body.at("next_after").as_int64();
    // next_after is the last item's id: the next page starts right after it.
    EXPECT_EQ(next, body.at("items").as_array().back().at("id").as_int64());
    query = "limit=2&after=" + std::to_string(next);
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 1}));
  EXPECT_EQ(all, (Codes{"C1", "D1", "S1", "C2", "D2"}));
}

TEST_F(EventsApiTest, LogFilterKeepsOneLogAcrossPages) {
  store_sample();
  auto r = call("GET", path(meter_, "log=ethernet&limit=3"), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_EQ(codes(body), (Codes{"C1", "D1", "C2"}));  // the status entry between is skipped
  ASSERT_FALSE(body.at("next_after").is_null());
  r = call("GET",
           path(meter_,
                "log=ethernet&limit=3&after=" + std::to_string(body.at("next_after").as_int64())),
           kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  body = r.json();
  EXPECT_EQ(codes(body), (Codes{"D2"}));
  EXPECT_TRUE(body.at("next_after").is_null());

  r = call("GET", path(meter_, "log=status"), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(codes(r.json()), (Codes{"S1"}));
  r = call("GET", path(meter_, "log=security"), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(codes(r.json()).empty());
  EXPECT_TRUE(r.json().at("next_after").is_null());
}

// A huge other log between two entries: one request scans at most 20000 entries and
// says where to continue; the entry after them is not lost.
TEST_F(EventsApiTest, LogFilterScanIsBoundedAndContinuesWithNextAfter) {
  std::vector<LogEvent> many;
  many.push_back(entry(meter_, "ethernet", kT0, "first"));
  for (int i = 0; i < 20500; ++i) many.push_back(entry(meter_, "status", kT0 + 1s, "s"));
  many.push_back(entry(meter_, "ethernet", kT0 + 2s, "last"));
  repo_->insert_events(many);
  Codes found;
  int requests = 0;
  std::string query = "log=ethernet&limit=1000";
  for (; requests < 10; ++requests) {
    const auto r = call("GET", path(meter_, query), kViewer);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    const auto page = codes(body);
    found.insert(found.end(), page.begin(), page.end());
    if (body.at("next_after").is_null()) break;
    query = "log=ethernet&limit=1000&after=" + std::to_string(body.at("next_after").as_int64());
  }
  EXPECT_EQ(found, (Codes{"first", "last"}));
  EXPECT_EQ(requests, 1);  // a second request was needed to get past the status log
}

TEST_F(EventsApiTest, FromIsInclusiveAndToExclusive) {
  store_sample();
  const auto from = format_iso8601(kT0 + 30min);
  const auto to = format_iso8601(kT0 + 1h);
  auto r = call("GET", path(meter_, "from=" + from), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(codes(r.json()), (Codes{"S1", "C2", "D2"}));
  r = call("GET", path(meter_, "to=" + to), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(codes(r.json()), (Codes{"C1", "D1", "S1"}));
  r = call("GET", path(meter_, "from=" + from + "&to=" + to), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(codes(r.json()), (Codes{"S1"}));
  r = call("GET", path(meter_, "log=ethernet&from=" + to), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(codes(r.json()), (Codes{"C2", "D2"}));
}

TEST_F(EventsApiTest, UnknownMeterIs404) {
  store_sample();
  EXPECT_EQ(call("GET", path(other_ + 1000), kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/meters/abc/events", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/meters/0/events", kViewer).status, 404);
}

TEST_F(EventsApiTest, BadParametersAre400NamingTheParameter) {
  store_sample();
  const std::pair<std::string, std::string> cases[] = {{"limit=0", "limit"},
                                                       {"limit=1001", "limit"},
                                                       {"limit=x", "limit"},
                                                       {"after=-1", "after"},
                                                       {"after=abc", "after"},
                                                       {"from=yesterday", "from"},
                                                       {"to=2026-13-45T00:00:00Z", "to"},
                                                       {"colour=red", "colour"}};
  for (const auto& [query, field] : cases) {
    const auto r = call("GET", path(meter_, query), kViewer);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.error_fields(), (Codes{field})) << query;
  }
}

TEST_F(EventsApiTest, NeedsAToken) {
  EXPECT_EQ(call("GET", path(meter_), "").status, 401);
}

}  // namespace
}  // namespace jemhead::testing
