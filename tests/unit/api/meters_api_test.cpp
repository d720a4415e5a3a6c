// Meter and group CRUD through the real server and a real SQLite repository.
#include <set>

#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const char* kFullMeter = R"({"serial":"JS2-0001","name":"Feeder 4","location":"Substation A",
  "model":"J2M-5A","mid":true,"firmware":"4.12","options":["PQ2","ML"],
  "identification":[{"title":"Meter ID","value":"M-77"},{"title":"Administrator","value":"ops"}],
  "time_zone":"America/Chicago","enabled":false})";

TEST_F(ApiTest, MeterCreateGetUpdatePatchDelete) {
  auto created = call("POST", "/api/v1/meters", kOperator, kFullMeter);
  ASSERT_EQ(created.status, 201) << created.body;
  auto m = created.json().as_object();
  const auto id = m.at("id").as_int64();
  EXPECT_GT(id, 0);
  EXPECT_EQ(created.header("location"), "/api/v1/meters/" + std::to_string(id));
  EXPECT_EQ(m.at("serial"), "JS2-0001");
  EXPECT_EQ(m.at("name"), "Feeder 4");
  EXPECT_EQ(m.at("location"), "Substation A");
  EXPECT_EQ(m.at("model"), "J2M-5A");
  EXPECT_EQ(m.at("mid"), true);
  EXPECT_EQ(m.at("firmware"), "4.12");
  EXPECT_EQ(m.at("options"), json::value(json::array{"PQ2", "ML"}));
  EXPECT_EQ(m.at("group_id"), nullptr);
  EXPECT_EQ(m.at("time_zone"), "America/Chicago");
  EXPECT_EQ(m.at("enabled"), false);
  const auto& ids = m.at("identification").as_array();
  ASSERT_EQ(ids.size(), 10u);
  EXPECT_EQ(ids[0].at("value"), "M-77");
  EXPECT_EQ(ids[1].at("value"), "ops");
  EXPECT_EQ(ids[2].at("title"), "Location");  // manual default title, value empty
  EXPECT_EQ(ids[2].at("value"), "");
  EXPECT_EQ(ids[9].at("title"), "");
  const std::string created_at(m.at("created_at").as_string());
  ASSERT_EQ(created_at.size(), 27u) << created_at;  // 2026-11-23T21:08:10.123456Z
  EXPECT_EQ(created_at.back(), 'Z');
  EXPECT_EQ(created_at[19], '.');

  // What the repository holds is what the API said.
  auto stored = repo_->find_meter(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->serial, "JS2-0001");
  EXPECT_TRUE(stored->mid);
  EXPECT_EQ(stored->identification[0].value, "M-77");
  EXPECT_EQ(format_iso8601(stored->created_at), created_at);

  auto got = call("GET", "/api/v1/meters/" + std::to_string(id), kViewer);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json(), created.json());

  // PUT replaces: fields left out go back to their defaults.
  const auto group = create_group("north");
  auto put =
      call("PUT", "/api/v1/meters/" + std::to_string(id), kOperator,
           R"({"serial":"JS2-0001","name":"Renamed","group_id":)" + std::to_string(group) + "}");
  ASSERT_EQ(put.status, 200) << put.body;
  auto p = put.json().as_object();
  EXPECT_EQ(p.at("name"), "Renamed");
  EXPECT_EQ(p.at("group_id"), group);
  EXPECT_EQ(p.at("location"), "");
  EXPECT_EQ(p.at("mid"), false);
  EXPECT_EQ(p.at("enabled"), true);
  EXPECT_EQ(p.at("time_zone"), "UTC");
  EXPECT_EQ(p.at("identification").as_array()[0].at("value"), "");
  EXPECT_EQ(p.at("created_at").as_string(), created_at);
  EXPECT_GE(std::string(p.at("updated_at").as_string()), created_at);

  // PATCH changes only what it names.
  auto patch = call("PATCH", "/api/v1/meters/" + std::to_string(id), kOperator,
                    R"({"location":"Yard 2","identification":[{"value":"X9"}]})");
  ASSERT_EQ(patch.status, 200) << patch.body;
  auto q = patch.json().as_object();
  EXPECT_EQ(q.at("location"), "Yard 2");
  EXPECT_EQ(q.at("name"), "Renamed");
  EXPECT_EQ(q.at("group_id"), group);
  EXPECT_EQ(q.at("identification").as_array()[0].at("value"), "X9");
  EXPECT_EQ(q.at("identification").as_array()[0].at("title"), "Meter ID");

  auto del = call("DELETE", "/api/v1/meters/" + std::to_string(id), kAdmin);
  EXPECT_EQ(del.status, 204);
  EXPECT_EQ(del.body, "");
  EXPECT_EQ(call("GET", "/api/v1/meters/" + std::to_string(id), kViewer).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/meters/" + std::to_string(id), kAdmin).status, 404);
  EXPECT_FALSE(repo_->find_meter(id));
}

TEST_F(ApiTest, UnknownIdsAre404AndWrongMethodsAre405) {
  EXPECT_EQ(call("GET", "/api/v1/meters/999", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/meters/abc", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/meters/-1", kViewer).status, 404);
  EXPECT_EQ(call("PUT", "/api/v1/meters/999", kOperator, R"({"serial":"x"})").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/groups/999", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/nothing", kViewer).status, 404);
  auto r = call("DELETE", "/api/v1/meters", kAdmin);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, POST");
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto j = r.json();
  EXPECT_EQ(j.at("status"), 405);
  EXPECT_EQ(j.at("title"), "Method Not Allowed");
}

TEST_F(ApiTest, DuplicateSerialIsAConflictAndNothingIsWritten) {
  create_meter(R"({"serial":"DUP-1"})");
  const auto meters = meter_count();
  const auto audits = audit_count();
  auto r = call("POST", "/api/v1/meters", kOperator, R"({"serial":"DUP-1","name":"again"})");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.json().at("detail").as_string().find("DUP-1"), std::string::npos);
  EXPECT_EQ(meter_count(), meters);
  EXPECT_EQ(audit_count(), audits);

  const auto other = create_meter(R"({"serial":"DUP-2"})");
  auto put =
      call("PUT", "/api/v1/meters/" + std::to_string(other), kOperator, R"({"serial":"DUP-1"})");
  EXPECT_EQ(put.status, 409);
  EXPECT_EQ(repo_->find_meter(other)->serial, "DUP-2");
}

TEST_F(ApiTest, KeysetPagingVisitsEveryMeterOnce) {
  for (int i = 0; i < 25; ++i) create_meter(R"({"serial":"P-)" + std::to_string(100 + i) + R"("})");
  std::set<std::int64_t> seen;
  std::int64_t after = 0;
  int pages = 0;
  for (;;) {
    auto r = call("GET", "/api/v1/meters?limit=10&after=" + std::to_string(after), kViewer);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json().as_object();
    EXPECT_EQ(body.at("total"), 25);
    std::int64_t previous = after;
    for (const auto& m : body.at("items").as_array()) {
      const auto id = m.at("id").as_int64();
      EXPECT_GT(id, previous);  // ordered by id
      previous = id;
      EXPECT_TRUE(seen.insert(id).second);
    }
    ++pages;
    if (body.at("next_after").is_null()) {
      EXPECT_EQ(body.at("items").as_array().size(), 5u);
      break;
    }
    EXPECT_EQ(body.at("items").as_array().size(), 10u);
    after = body.at("next_after").as_int64();
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 25u);

  EXPECT_EQ(call("GET", "/api/v1/meters?limit=0", kViewer).status, 400);
  auto too_many = call("GET", "/api/v1/meters?limit=1001", kViewer);
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.error_fields(), std::vector<std::string>{"limit"});
  EXPECT_EQ(call("GET", "/api/v1/meters?limit=1000", kViewer).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/meters?after=x", kViewer).status, 400);
  auto typo = call("GET", "/api/v1/meters?serial_prefx=P", kViewer);
  EXPECT_EQ(typo.status, 400);
  EXPECT_EQ(typo.error_fields(), std::vector<std::string>{"serial_prefx"});
}

TEST_F(ApiTest, ListFiltersSelectTheRightMeters) {
  const auto g1 = create_group("g1");
  const auto g2 = create_group("g2");
  const auto a = create_meter(R"({"serial":"AB-1","name":"North feeder","group_id":)" +
                              std::to_string(g1) + R"(,"mid":true})");
  const auto b =
      create_meter(R"({"serial":"AB-2","location":"north yard","enabled":false,"group_id":)" +
                   std::to_string(g2) + "}");
  const auto c = create_meter(R"({"serial":"CD-3","name":"South"})");
  auto ids = [&](const std::string& query) {
    auto r = call("GET", "/api/v1/meters?" + query, kViewer);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::int64_t> out;
    const auto body = r.json();
    for (const auto& m : body.at("items").as_array()) out.push_back(m.at("id").as_int64());
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids("group_id=" + std::to_string(g1)), (V{a}));
  EXPECT_EQ(ids("group_id=" + std::to_string(g2)), (V{b}));
  EXPECT_EQ(ids("mid=true"), (V{a}));
  EXPECT_EQ(ids("mid=false"), (V{b, c}));
  EXPECT_EQ(ids("enabled=false"), (V{b}));
  EXPECT_EQ(ids("serial_prefix=AB-"), (V{a, b}));
  EXPECT_EQ(ids("q=South"), (V{c}));
  EXPECT_EQ(ids("serial_prefix=AB&enabled=true"), (V{a}));
  EXPECT_EQ(call("GET", "/api/v1/meters?mid=maybe", kViewer).status, 400);
}

TEST_F(ApiTest, GroupCrudAndGroupInUseConflict) {
  auto created =
      call("POST", "/api/v1/groups", kOperator, R"({"name":"West","description":"feeders"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json().at("id").as_int64();
  EXPECT_EQ(created.header("location"), "/api/v1/groups/" + std::to_string(id));
  EXPECT_EQ(created.json().at("name"), "West");
  EXPECT_EQ(created.json().at("description"), "feeders");
  const auto path = "/api/v1/groups/" + std::to_string(id);
  EXPECT_EQ(call("GET", path, kViewer).json(), created.json());

  auto put = call("PUT", path, kOperator, R"({"name":"West 2"})");
  ASSERT_EQ(put.status, 200);
  EXPECT_EQ(put.json().at("name"), "West 2");
  EXPECT_EQ(put.json().at("description"), "");
  auto patch = call("PATCH", path, kOperator, R"({"description":"d"})");
  EXPECT_EQ(patch.json().at("name"), "West 2");
  EXPECT_EQ(patch.json().at("description"), "d");

  EXPECT_EQ(call("POST", "/api/v1/groups", kOperator, R"({"name":"West 2"})").status, 409);

  auto list = call("GET", "/api/v1/groups", kViewer);
  ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_TRUE(list.json().at("next_after").is_null());

  const auto meter = create_meter(R"({"serial":"G-1","group_id":)" + std::to_string(id) + "}");
  const auto audits = audit_count();
  auto in_use = call("DELETE", path, kAdmin);
  EXPECT_EQ(in_use.status, 409);
  EXPECT_TRUE(repo_->find_group(id));
  EXPECT_EQ(audit_count(), audits);

  EXPECT_EQ(
      call("PATCH", "/api/v1/meters/" + std::to_string(meter), kOperator, R"({"group_id":null})")
          .status,
      200);
  EXPECT_EQ(call("DELETE", path, kAdmin).status, 204);
  EXPECT_FALSE(repo_->find_group(id));
}

}  // namespace
}  // namespace jemhead::testing
