// The configuration REST (issue 8): versions written and read, 422 with every problem,
// diff section by section, validation, impact, overrides, group templates applied with
// overrides, masked passwords, roles and YAML/XML export and import.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/config/meter_configuration.hpp"
#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

// The factory-default document with the admin password and CT primary set.
json::object document(double ct_primary, const std::string& admin_password = "s3cret-admin") {
  auto d = config::to_json(config::MeterConfiguration{});
  d["primary"].as_object()["ct_primary"] = ct_primary;
  d["users"].as_object()["admin"].as_object()["password"] = admin_password;
  return d;
}

std::string put_body(const json::value& doc, const std::string& reason = "test") {
  return json::serialize(json::object{{"document", doc}, {"reason", reason}});
}

class ConfigApiTest : public ApiTest {
 protected:
  std::string config_url(std::int64_t meter, const std::string& tail = "") {
    return "/api/v1/meters/" + std::to_string(meter) + "/config" + tail;
  }
  Reply put_config(std::int64_t meter, const json::value& doc,
                   const std::string& token = kOperator) {
    return call("PUT", config_url(meter), token, put_body(doc));
  }
  // The stored (unmasked) document of the meter's latest version.
  json::value stored_latest(std::int64_t meter) {
    auto v = repo_->latest_config_version(meter);
    EXPECT_TRUE(v.has_value());
    return v ? json::parse(v->document_json) : json::value();
  }
  // The problems' paths and rules of a 422 body.
  static std::vector<std::pair<std::string, std::string>> problems(const Reply& r) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto body = r.json();
    for (const auto& p : body.at("problems").as_array())
      out.emplace_back(std::string(p.at("path").as_string()),
                       std::string(p.at("rule").as_string()));
    return out;
  }
};

TEST_F(ConfigApiTest, PutCreatesAVersionAndGetReturnsItWithPasswordsMasked) {
  const auto meter = create_meter(R"({"serial":"CFG-A"})");
  EXPECT_EQ(call("GET", config_url(meter), kViewer).status, 404);

  const auto audits = audit_count();
  auto r = put_config(meter, document(200.0));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("location"), config_url(meter, "/versions/1"));
  auto body = r.json();
  EXPECT_EQ(body.at("version"), 1);
  EXPECT_EQ(body.at("source"), "operator");
  EXPECT_EQ(body.at("author"), "otto");
  EXPECT_EQ(body.at("reason"), "test");
  EXPECT_TRUE(body.at("template_version").is_null());

  auto got = call("GET", config_url(meter), kViewer);
  ASSERT_EQ(got.status, 200) << got.body;
  body = got.json();
  EXPECT_EQ(body.at("version"), 1);
  EXPECT_EQ(body.at("document").at("primary").at("ct_primary").to_number<double>(), 200.0);
  EXPECT_EQ(body.at("document").at("users").at("admin").at("password"), "********");
  for (const auto& u : body.at("document").at("users").at("users").as_array())
    EXPECT_EQ(u.at("password"), "********");
  EXPECT_TRUE(body.at("problems").as_array().empty());
  const auto stored = stored_latest(meter);
  const auto& primary = stored.at("primary");
  const double ratio = 200.0 / primary.at("ct_secondary").to_number<double>();
  EXPECT_DOUBLE_EQ(body.at("derived").at("primary").at("ct_ratio").to_number<double>(), ratio);
  EXPECT_EQ(stored_latest(meter).at("users").at("admin").at("password"), "s3cret-admin");

  // Audited, without values (documents hold passwords).
  ASSERT_EQ(audit_count(), audits + 1);
  const auto entry = repo_->audit({}, storage::Page{0, 1000}).back();
  EXPECT_EQ(entry.action, "config.update");
  EXPECT_EQ(entry.target, "meter/" + std::to_string(meter));
  EXPECT_EQ(entry.actor, "otto");
  EXPECT_EQ(entry.detail_json.find("s3cret"), std::string::npos);
  const auto detail = json::parse(entry.detail_json);
  EXPECT_EQ(detail.at("version"), 1);
  EXPECT_NE(detail.at("changed_sections").as_array().size(), 0u);
}

TEST_F(ConfigApiTest, AMaskedPasswordSentBackKeepsTheStoredOne) {
  const auto meter = create_meter(R"({"serial":"CFG-MASK"})");
  // Nothing stored yet: the mask stands for nothing.
  auto first = put_config(meter, document(100.0, "********"));
  ASSERT_EQ(first.status, 422) << first.body;
  EXPECT_EQ(problems(first), (std::vector<std::pair<std::string, std::string>>{
                                 {"users.admin.password", "masked_secret"}}));

  ASSERT_EQ(put_config(meter, document(100.0, "keep-me")).status, 201);
  auto doc = call("GET", config_url(meter), kViewer).json().at("document");
  doc.as_object()["primary"].as_object()["ct_primary"] = 300.0;
  auto r = put_config(meter, doc);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("version"), 2);
  const auto stored = stored_latest(meter);
  EXPECT_EQ(stored.at("users").at("admin").at("password"), "keep-me");
  EXPECT_EQ(
      stored.at("users").at("users").at(0).at("password"),
      config::to_json(config::MeterConfiguration{}).at("users").at("users").at(0).at("password"));
  EXPECT_EQ(stored.at("primary").at("ct_primary").to_number<double>(), 300.0);

  // A new password replaces it.
  ASSERT_EQ(put_config(meter, document(300.0, "changed")).status, 201);
  EXPECT_EQ(stored_latest(meter).at("users").at("admin").at("password"), "changed");
}

TEST_F(ConfigApiTest, AnInvalidDocumentIs422WithEveryProblemAndStoresNothing) {
  const auto meter = create_meter(R"({"serial":"CFG-BAD"})");
  auto doc = document(-1.0);
  doc["primary"].as_object()["no_such_field"] = 1;
  doc["demands"].as_object()["interval_minutes"] = "fifteen";
  const auto audits = audit_count();
  auto r = put_config(meter, doc);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  const auto found = problems(r);
  auto has = [&](const std::string& path) {
    return std::any_of(found.begin(), found.end(), [&](const auto& p) { return p.first == path; });
  };
  EXPECT_TRUE(has("primary.ct_primary")) << r.body;
  EXPECT_TRUE(has("primary.no_such_field")) << r.body;
  EXPECT_GE(found.size(), 3u) << r.body;
  const auto body = r.json();
  // Each problem names its rule and, for field limits, the manual lines.
  for (const auto& p : body.at("problems").as_array())
    if (p.at("path") == "primary.ct_primary") {
      EXPECT_EQ(p.at("rule"), "range");
      EXPECT_FALSE(p.at("seed").as_string().empty());
      EXPECT_FALSE(p.at("message").as_string().empty());
    }
  EXPECT_EQ(body.at("errors").as_array().size(), found.size());
  EXPECT_FALSE(repo_->latest_config_version(meter).has_value());
  EXPECT_EQ(audit_count(), audits);

  EXPECT_EQ(call("PUT", config_url(meter), kOperator, R"({"reason":"x"})").status, 400);
  EXPECT_EQ(call("PUT", config_url(meter), kOperator,
                 put_body(document(200.0)).insert(1, R"("extra":1,)"))
                .status,
            422);
  EXPECT_EQ(put_config(99999, document(200.0)).status, 404);
}

TEST_F(ConfigApiTest, ViewersReadAndValidateButCannotWrite) {
  const auto meter = create_meter(R"({"serial":"CFG-ROLE"})");
  const auto group = create_group("cfg-role");
  ASSERT_EQ(put_config(meter, document(200.0)).status, 201);
  EXPECT_EQ(put_config(meter, document(250.0), kViewer).status, 403);
  EXPECT_EQ(call("PUT", config_url(meter, "/overrides"), kViewer, "{}").status, 403);
  EXPECT_EQ(call("PUT", "/api/v1/groups/" + std::to_string(group) + "/config-template", kViewer,
                 put_body(document(200.0)))
                .status,
            403);
  EXPECT_EQ(call("POST", config_url(meter, "/import"), kViewer, "a: 1", "application/yaml").status,
            403);
  EXPECT_EQ(call("GET", config_url(meter), "").status, 401);
  EXPECT_EQ(call("GET", config_url(meter), kViewer).status, 200);
  EXPECT_EQ(call("GET", config_url(meter, "/versions"), kViewer).status, 200);
  EXPECT_EQ(call("POST", config_url(meter, "/validate"), kViewer, json::serialize(document(200.0)))
                .status,
            200);
  EXPECT_EQ(repo_->config_versions(meter).size(), 1u);
}

TEST_F(ConfigApiTest, VersionsAreListedWithoutDocumentsAndReadOneByOne) {
  const auto meter = create_meter(R"({"serial":"CFG-VER"})");
  ASSERT_EQ(put_config(meter, document(200.0)).status, 201);
  ASSERT_EQ(put_config(meter, document(400.0)).status, 201);
  auto list = call("GET", config_url(meter, "/versions"), kViewer);
  ASSERT_EQ(list.status, 200) << list.body;
  const auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("version"), 1);
  EXPECT_EQ(items[1].at("version"), 2);
  EXPECT_FALSE(items[0].as_object().contains("document"));
  EXPECT_EQ(items[1].at("source"), "operator");

  auto one = call("GET", config_url(meter, "/versions/1"), kViewer);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json().at("document").at("primary").at("ct_primary").to_number<double>(), 200.0);
  EXPECT_EQ(call("GET", config_url(meter, "/versions/3"), kViewer).status, 404);
  EXPECT_EQ(call("GET", config_url(meter, "/versions/x"), kViewer).status, 404);
  EXPECT_EQ(call("GET", config_url(424242, "/versions"), kViewer).status, 404);
}

TEST_F(ConfigApiTest, DiffListsChangesSectionBySectionWithPasswordsMasked) {
  const auto meter = create_meter(R"({"serial":"CFG-DIFF"})");
  ASSERT_EQ(put_config(meter, document(200.0, "one")).status, 201);
  ASSERT_EQ(put_config(meter, document(400.0, "two")).status, 201);
  const json::value expected = json::array{
      json::object{
          {"section", "primary"},
          {"changes", json::array{json::object{
                          {"path", "primary.ct_primary"}, {"old", 200.0}, {"new", 400.0}}}}},
      json::object{{"section", "users"},
                   {"changes", json::array{json::object{{"path", "users.admin.password"},
                                                        {"old", "********"},
                                                        {"new", "********"}}}}}};
  auto r = call("GET", config_url(meter, "/diff?from=1&to=2"), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("sections"), expected) << r.body;
  EXPECT_EQ(r.json().at("change_count"), 2);
  // Defaults: the latest version against the one before.
  auto d = call("GET", config_url(meter, "/diff"), kViewer);
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(d.json().at("from"), 1);
  EXPECT_EQ(d.json().at("to"), 2);
  EXPECT_EQ(d.json().at("sections"), expected);
  // Reversed, and a version against itself.
  auto back = call("GET", config_url(meter, "/diff?from=2&to=1"), kViewer).json();
  EXPECT_EQ(back.at("sections").at(0).at("changes").at(0).at("new").to_number<double>(), 200.0);
  EXPECT_TRUE(call("GET", config_url(meter, "/diff?from=2&to=2"), kViewer)
                  .json()
                  .at("sections")
                  .as_array()
                  .empty());
  EXPECT_EQ(call("GET", config_url(meter, "/diff?from=1&to=5"), kViewer).status, 404);
  EXPECT_EQ(call("GET", config_url(meter, "/diff?form=1"), kViewer).status, 400);
}

TEST_F(ConfigApiTest, ValidateReturnsEveryProblemAndStoresNothing) {
  const auto meter = create_meter(R"({"serial":"CFG-VAL"})");
  auto ok = call("POST", config_url(meter, "/validate"), kViewer, json::serialize(document(200.0)));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("valid"), true);
  EXPECT_TRUE(ok.json().at("problems").as_array().empty());

  auto doc = document(-3.0);
  doc["primary"].as_object()["ct_secondary"] = 0.0;
  auto bad = call("POST", config_url(meter, "/validate"), kViewer, json::serialize(doc));
  ASSERT_EQ(bad.status, 200) << bad.body;
  EXPECT_EQ(bad.json().at("valid"), false);
  std::vector<std::string> paths;
  const auto bad_body = bad.json();
  for (const auto& p : bad_body.at("problems").as_array())
    paths.emplace_back(p.at("path").as_string());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "primary.ct_primary"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "primary.ct_secondary"), paths.end());
  EXPECT_FALSE(repo_->latest_config_version(meter).has_value());
}

TEST_F(ConfigApiTest, ImpactComparesTheLatestVersionWithADocumentOrAVersion) {
  const auto meter = create_meter(R"({"serial":"CFG-IMP"})");
  // No version yet: compared with the factory defaults.
  auto first = call("POST", config_url(meter, "/impact"), kViewer,
                    json::serialize(json::object{{"document", document(200.0)}}));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(first.json().at("from_version").is_null());
  ASSERT_EQ(put_config(meter, document(200.0)).status, 201);
  ASSERT_EQ(put_config(meter, document(200.0)).status, 201);

  auto r = call("POST", config_url(meter, "/impact"), kViewer,
                json::serialize(json::object{{"document", document(600.0)}}));
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_EQ(body.at("from_version"), 2);
  EXPECT_TRUE(body.at("to_version").is_null());
  const auto& sections = body.at("sections").as_array();
  ASSERT_EQ(sections.size(), 1u) << r.body;
  EXPECT_EQ(sections[0].at("section"), "primary");
  EXPECT_EQ(sections[0].at("changes").at(0).at("path"), "primary.ct_primary");
  EXPECT_EQ(sections[0].at("changes").at(0).at("new").to_number<double>(), 600.0);
  EXPECT_TRUE(body.at("needs_confirmation").is_bool());

  // A changed password is listed, masked.
  auto secret = call("POST", config_url(meter, "/impact"), kViewer,
                     json::serialize(json::object{{"document", document(200.0, "new-pass")}}));
  ASSERT_EQ(secret.status, 200) << secret.body;
  EXPECT_EQ(secret.body.find("new-pass"), std::string::npos);
  EXPECT_EQ(secret.body.find("s3cret-admin"), std::string::npos);
  const auto secret_body = secret.json();
  ASSERT_EQ(secret_body.at("sections").as_array().size(), 1u) << secret.body;
  EXPECT_EQ(secret_body.at("sections").at(0).at("section"), "users");
  EXPECT_EQ(secret_body.at("sections").at(0).at("changes").at(0).at("new"), "********");

  // Going back to version 1 from version 2 (same documents) changes nothing.
  auto same = call("POST", config_url(meter, "/impact"), kViewer, R"({"version":1})");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_TRUE(same.json().at("sections").as_array().empty());
  EXPECT_EQ(same.json().at("to_version"), 1);

  EXPECT_EQ(call("POST", config_url(meter, "/impact"), kViewer,
                 json::serialize(json::object{{"document", document(-1.0)}}))
                .status,
            422);
  EXPECT_EQ(call("POST", config_url(meter, "/impact"), kViewer, R"({"version":9})").status, 404);
  EXPECT_EQ(
      call("POST", config_url(meter, "/impact"), kViewer, R"({"version":1,"document":{}})").status,
      422);
}

TEST_F(ConfigApiTest, SchemaIsTheDocumentsJsonSchema) {
  auto r = call("GET", "/api/v1/config/schema", kViewer);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  const auto schema = r.json();
  EXPECT_EQ(schema, json::value(config::json_schema()));
  EXPECT_TRUE(schema.at("properties").as_object().contains("primary"));
  EXPECT_EQ(call("GET", "/api/v1/config/schema", "").status, 401);
}

TEST_F(ConfigApiTest, OverridesAreAMergePatchValidatedOverTheTemplate) {
  const auto meter = create_meter(R"({"serial":"CFG-OVR"})");
  auto empty = call("GET", config_url(meter, "/overrides"), kViewer);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.json().at("patch"), json::object{});
  EXPECT_TRUE(empty.json().at("updated_at").is_null());

  auto r = call("PUT", config_url(meter, "/overrides"), kOperator,
                R"({"primary":{"ct_primary":400},"users":{"admin":{"password":"meter-own"}}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("patch").at("users").at("admin").at("password"), "********");
  EXPECT_EQ(r.json().at("author"), "otto");
  auto got = call("GET", config_url(meter, "/overrides"), kViewer).json();
  EXPECT_EQ(got.at("patch").at("primary").at("ct_primary"), 400);
  EXPECT_EQ(got.at("patch").at("users").at("admin").at("password"), "********");

  // The masked password sent back keeps the stored one; merge-patch media type accepted.
  auto again = call("PUT", config_url(meter, "/overrides"), kOperator,
                    R"({"primary":{"ct_primary":500},"users":{"admin":{"password":"********"}}})",
                    "application/merge-patch+json");
  ASSERT_EQ(again.status, 200) << again.body;
  const auto stored = json::parse(repo_->config_overrides(meter).patch_json);
  EXPECT_EQ(stored.at("users").at("admin").at("password"), "meter-own");
  EXPECT_EQ(stored.at("primary").at("ct_primary"), 500);

  auto bad = call("PUT", config_url(meter, "/overrides"), kOperator,
                  R"({"primary":{"ct_primary":-5,"typo":1}})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  const auto found = problems(bad);
  EXPECT_NE(std::find(found.begin(), found.end(),
                      std::pair<std::string, std::string>{"primary.ct_primary", "range"}),
            found.end())
      << bad.body;
  EXPECT_EQ(json::parse(repo_->config_overrides(meter).patch_json).at("primary").at("ct_primary"),
            500);
  EXPECT_EQ(call("GET", config_url(5555, "/overrides"), kViewer).status, 404);
  EXPECT_EQ(call("PUT", config_url(5555, "/overrides"), kOperator, "{}").status, 404);
}

TEST_F(ConfigApiTest, TemplateApplyWritesEveryMemberWithItsOverridesAndSkipsInvalidOnes) {
  const auto group = create_group("cfg-fleet");
  const auto other_group = create_group("cfg-other");
  const auto plain = create_meter(R"({"serial":"T-1","group_id":)" + std::to_string(group) + "}");
  const auto custom = create_meter(R"({"serial":"T-2","group_id":)" + std::to_string(group) + "}");
  const auto broken = create_meter(R"({"serial":"T-3","group_id":)" + std::to_string(group) + "}");
  const auto outsider =
      create_meter(R"({"serial":"T-4","group_id":)" + std::to_string(other_group) + "}");
  ASSERT_EQ(
      call("PUT", config_url(custom, "/overrides"), kOperator, R"({"primary":{"ct_primary":800}})")
          .status,
      200);
  // Stored directly: an override that was valid once and no longer is.
  ConfigOverrides invalid;
  invalid.meter_id = broken;
  invalid.patch_json = R"({"primary":{"ct_primary":-1}})";
  repo_->put_config_overrides(invalid);

  const std::string url = "/api/v1/groups/" + std::to_string(group) + "/config-template";
  EXPECT_EQ(call("GET", url, kViewer).status, 404);
  auto body = json::object{
      {"document", document(150.0, "fleet-admin")}, {"reason", "fleet rollout"}, {"apply", true}};
  auto r = call("PUT", url, kOperator, json::serialize(body));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto out = r.json();
  EXPECT_EQ(out.at("version"), 1);
  EXPECT_EQ(out.at("document").at("users").at("admin").at("password"), "********");
  const auto& applied = out.at("applied").as_array();
  ASSERT_EQ(applied.size(), 2u) << r.body;
  EXPECT_EQ(applied[0].at("meter_id"), plain);
  EXPECT_EQ(applied[0].at("version"), 1);
  EXPECT_EQ(applied[1].at("meter_id"), custom);
  const auto& skipped = out.at("skipped").as_array();
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].at("meter_id"), broken);
  EXPECT_EQ(skipped[0].at("serial"), "T-3");
  EXPECT_EQ(skipped[0].at("problems").at(0).at("path"), "primary.ct_primary");

  const auto plain_version = repo_->latest_config_version(plain);
  ASSERT_TRUE(plain_version.has_value());
  EXPECT_EQ(plain_version->source, ConfigSource::template_);
  EXPECT_EQ(plain_version->template_version, 1);
  EXPECT_EQ(plain_version->reason, "fleet rollout");
  EXPECT_EQ(stored_latest(plain).at("primary").at("ct_primary").to_number<double>(), 150.0);
  EXPECT_EQ(stored_latest(plain).at("users").at("admin").at("password"), "fleet-admin");
  EXPECT_EQ(stored_latest(custom).at("primary").at("ct_primary").to_number<double>(), 800.0);
  EXPECT_FALSE(repo_->latest_config_version(broken).has_value());
  EXPECT_FALSE(repo_->latest_config_version(outsider).has_value());
  auto meter_view = call("GET", config_url(custom), kViewer).json();
  EXPECT_EQ(meter_view.at("source"), "template");
  EXPECT_EQ(meter_view.at("template_version"), 1);

  // Without apply: a new template version only; a masked password keeps the template's.
  auto doc = call("GET", url, kViewer).json().at("document");
  doc.as_object()["primary"].as_object()["ct_primary"] = 175.0;
  auto second = call("PUT", url, kOperator,
                     json::serialize(json::object{{"document", doc}, {"reason", "no apply"}}));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json().at("version"), 2);
  EXPECT_TRUE(second.json().at("applied").as_array().empty());
  EXPECT_EQ(repo_->config_versions(plain).size(), 1u);
  EXPECT_EQ(json::parse(repo_->latest_template_version(group)->document_json)
                .at("users")
                .at("admin")
                .at("password"),
            "fleet-admin");
  auto versions = call("GET", url + "/versions", kViewer);
  ASSERT_EQ(versions.status, 200) << versions.body;
  EXPECT_EQ(versions.json().at("items").as_array().size(), 2u);

  // The overrides of a meter are validated over its group's latest template.
  EXPECT_EQ(
      call("PUT", config_url(plain, "/overrides"), kOperator, R"({"primary":{"ct_primary":0}})")
          .status,
      422);
  auto invalid_template = call("PUT", url, kOperator, put_body(document(-2.0)));
  EXPECT_EQ(invalid_template.status, 422);
  EXPECT_EQ(repo_->template_versions(group).size(), 2u);
  EXPECT_EQ(
      call("PUT", "/api/v1/groups/9999/config-template", kOperator, put_body(document(1.0))).status,
      404);
}

TEST_F(ConfigApiTest, ExportAndImportRoundTripAsYamlAndXml) {
  const auto meter = create_meter(R"({"serial":"CFG-X"})");
  EXPECT_EQ(call("GET", config_url(meter, "/export"), kViewer).status, 404);
  ASSERT_EQ(put_config(meter, document(250.0, "exported-secret")).status, 201);

  for (const std::string format : {"yaml", "xml"}) {
    auto out = call("GET", config_url(meter, "/export?format=" + format), kViewer);
    ASSERT_EQ(out.status, 200) << out.body.substr(0, 300);
    EXPECT_EQ(out.header("content-type"), "application/" + format);
    EXPECT_NE(out.header("content-disposition").find("." + format), std::string::npos);
    EXPECT_EQ(out.body.find("exported-secret"), std::string::npos) << format;
    EXPECT_NE(out.body.find("********"), std::string::npos) << format;
    EXPECT_NE(out.body.find("ct_primary"), std::string::npos) << format;

    const auto before = repo_->config_versions(meter).size();
    auto in = call("POST", config_url(meter, "/import?reason=round+trip"), kOperator, out.body,
                   "application/" + format);
    ASSERT_EQ(in.status, 201) << format << ": " << in.body.substr(0, 600);
    EXPECT_EQ(in.json().at("source"), "import");
    EXPECT_EQ(in.json().at("reason"), "round trip");
    ASSERT_EQ(repo_->config_versions(meter).size(), before + 1);
    // The same document, the masked password restored from the latest version.
    const auto versions = repo_->config_versions(meter);
    EXPECT_EQ(json::parse(versions.back().document_json),
              json::parse(versions.front().document_json))
        << format;
  }
  EXPECT_EQ(call("POST", config_url(meter, "/import"), kOperator, "{}", "application/json").status,
            415);
  auto bad = call("POST", config_url(meter, "/import"), kOperator, "primary: [unclosed",
                  "application/yaml");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(call("GET", config_url(meter, "/export?format=csv"), kViewer).status, 400);
}

}  // namespace
}  // namespace jemhead::testing
