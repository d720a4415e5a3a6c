// Configuration management records (issue 8, schema step 10): version numbering and
// sources, group templates, per-meter overrides, pushes with their results, read-backs.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "raw_sqlite.hpp"
#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

class ConfigStoreTest : public StorageTest {
 protected:
  std::int64_t add_group(const std::string& name) {
    Group g;
    g.name = name;
    return repo->insert_group(g);
  }
  std::int64_t add_meter_in(const std::string& serial, std::int64_t group_id) {
    Meter m = sample_meter(serial);
    m.group_id = group_id;
    return repo->insert_meter(m);
  }
  ConfigVersion version_of(std::int64_t meter_id, const std::string& document) {
    ConfigVersion v;
    v.meter_id = meter_id;
    v.author = "alice";
    v.reason = "test";
    v.document_json = document;
    return repo->insert_config_version(v);
  }
  ConfigTemplateVersion template_of(std::int64_t group_id, const std::string& document) {
    ConfigTemplateVersion t;
    t.group_id = group_id;
    t.author = "bob";
    t.reason = "fleet default";
    t.document_json = document;
    return repo->insert_template_version(t);
  }
  static ConfigPush sample_push(std::int64_t meter_id, std::int64_t version) {
    ConfigPush p;
    p.meter_id = meter_id;
    p.version = version;
    p.sections = {"load_profile", "primary"};
    p.confirmed = true;
    p.requested_by = "carol";
    p.requested_at = minute(1);
    p.impact_json = R"({"destructive":true})";
    return p;
  }
};

// Writers on several threads each add versions to two meters; every number 1..N appears
// exactly once per meter (the number is assigned inside the INSERT, under the write lock).
TEST_F(ConfigStoreTest, VersionsAreNumberedPerMeterUnderConcurrency) {
  const std::int64_t m1 = add_meter("CS-N1");
  const std::int64_t m2 = add_meter("CS-N2");
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        ConfigVersion v;
        v.meter_id = (i % 2 == 0) ? m1 : m2;
        v.author = "writer" + std::to_string(t);
        v.document_json = "{}";
        repo->insert_config_version(v);
      }
    });
  for (auto& w : writers) w.join();

  for (const auto meter : {m1, m2}) {
    const auto versions = repo->config_versions(meter);
    ASSERT_EQ(versions.size(), static_cast<std::size_t>(kThreads * kEach / 2));
    for (std::size_t i = 0; i < versions.size(); ++i) {
      EXPECT_EQ(versions[i].version, static_cast<std::int64_t>(i + 1));
      EXPECT_EQ(versions[i].meter_id, meter);
    }
    EXPECT_EQ(repo->latest_config_version(meter)->version, kThreads * kEach / 2);
  }
}

TEST_F(ConfigStoreTest, TemplateVersionsAreNumberedPerGroupUnderConcurrency) {
  const std::int64_t g1 = add_group("CS-G1");
  const std::int64_t g2 = add_group("CS-G2");
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t)
    writers.emplace_back([&] {
      for (int i = 0; i < 6; ++i) {
        ConfigTemplateVersion v;
        v.group_id = (i % 3 == 0) ? g2 : g1;
        v.document_json = "{}";
        repo->insert_template_version(v);
      }
    });
  for (auto& w : writers) w.join();

  const auto first = repo->template_versions(g1);
  ASSERT_EQ(first.size(), 12u);
  for (std::size_t i = 0; i < first.size(); ++i)
    EXPECT_EQ(first[i].version, static_cast<std::int64_t>(i + 1));
  const auto second = repo->template_versions(g2);
  ASSERT_EQ(second.size(), 6u);
  EXPECT_EQ(second.back().version, 6);
  EXPECT_EQ(repo->latest_template_version(g2)->id, second.back().id);
}

TEST_F(ConfigStoreTest, VersionSourceAndTemplateVersionRoundTrip) {
  const std::int64_t m = add_meter("CS-SRC");
  ConfigVersion v;
  v.meter_id = m;
  v.created_at = minute(3);
  v.author = "template-apply";
  v.reason = "group template 4";
  v.document_json = R"({"primary":{"ct_ratio":200}})";
  v.source = ConfigSource::template_;
  v.template_version = 4;
  const auto stored = repo->insert_config_version(v);
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.source, ConfigSource::template_);

  ConfigVersion imported = v;
  imported.source = ConfigSource::import_;
  imported.template_version.reset();
  repo->insert_config_version(imported);
  ConfigVersion read_back = v;
  read_back.source = ConfigSource::read_back;
  read_back.template_version.reset();
  repo->insert_config_version(read_back);

  const auto got = repo->config_version(m, 1);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, stored.id);
  EXPECT_EQ(got->meter_id, m);
  EXPECT_EQ(got->created_at, minute(3));
  EXPECT_EQ(got->author, "template-apply");
  EXPECT_EQ(got->reason, "group template 4");
  EXPECT_EQ(got->document_json, R"({"primary":{"ct_ratio":200}})");
  EXPECT_EQ(got->source, ConfigSource::template_);
  EXPECT_EQ(got->template_version, 4);

  EXPECT_EQ(repo->config_version(m, 2)->source, ConfigSource::import_);
  EXPECT_EQ(repo->config_version(m, 2)->template_version, std::nullopt);
  const auto latest = repo->latest_config_version(m);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->version, 3);
  EXPECT_EQ(latest->source, ConfigSource::read_back);
  EXPECT_EQ(repo->config_versions(m)[0].source, ConfigSource::template_);

  // Absent versions and meters without versions are empty, not errors.
  EXPECT_FALSE(repo->config_version(m, 4).has_value());
  EXPECT_FALSE(repo->config_version(m, 0).has_value());
  EXPECT_FALSE(repo->latest_config_version(add_meter("CS-EMPTY")).has_value());
  EXPECT_FALSE(repo->latest_config_version(9999).has_value());
}

TEST_F(ConfigStoreTest, TemplateVersionsRoundTripAndUnknownGroupIsNotFound) {
  const std::int64_t g = add_group("CS-TPL");
  EXPECT_FALSE(repo->latest_template_version(g).has_value());
  ConfigTemplateVersion t;
  t.group_id = g;
  t.created_at = minute(9);
  t.author = "bob";
  t.reason = "first";
  t.document_json = R"({"demands":{"interval_minutes":15}})";
  const auto first = repo->insert_template_version(t);
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(first.version, 1);
  t.reason = "second";
  const auto second = repo->insert_template_version(t);
  EXPECT_EQ(second.version, 2);

  const auto all = repo->template_versions(g);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, first.id);
  EXPECT_EQ(all[0].group_id, g);
  EXPECT_EQ(all[0].created_at, minute(9));
  EXPECT_EQ(all[0].author, "bob");
  EXPECT_EQ(all[0].reason, "first");
  EXPECT_EQ(all[0].document_json, R"({"demands":{"interval_minutes":15}})");
  EXPECT_EQ(repo->latest_template_version(g)->reason, "second");

  t.group_id = 4242;
  EXPECT_THROW(repo->insert_template_version(t), NotFound);
  EXPECT_TRUE(repo->template_versions(4242).empty());
}

TEST_F(ConfigStoreTest, OverridesAreUpsertedAndUnknownMeterIsNotFound) {
  const std::int64_t m = add_meter("CS-OVR");
  const auto none = repo->config_overrides(m);
  EXPECT_EQ(none.meter_id, m);
  EXPECT_EQ(none.patch_json, "{}");
  EXPECT_EQ(none.author, "");

  ConfigOverrides o;
  o.meter_id = m;
  o.patch_json = R"({"identification":{"fields":[{"value":"Bay 3"}]}})";
  o.updated_at = minute(2);
  o.author = "alice";
  repo->put_config_overrides(o);
  auto got = repo->config_overrides(m);
  EXPECT_EQ(got.patch_json, o.patch_json);
  EXPECT_EQ(got.updated_at, minute(2));
  EXPECT_EQ(got.author, "alice");

  o.patch_json = R"({"primary":{"ct_ratio":400}})";
  o.updated_at = minute(5);
  o.author = "bob";
  repo->put_config_overrides(o);
  got = repo->config_overrides(m);
  EXPECT_EQ(got.patch_json, R"({"primary":{"ct_ratio":400}})");
  EXPECT_EQ(got.updated_at, minute(5));
  EXPECT_EQ(got.author, "bob");

  o.meter_id = 31337;
  EXPECT_THROW(repo->put_config_overrides(o), NotFound);
}

TEST_F(ConfigStoreTest, PushInsertUpdateAndResultsRoundTrip) {
  const std::int64_t m = add_meter("CS-PUSH");
  version_of(m, "{}");
  version_of(m, R"({"x":1})");
  ConfigPush p = sample_push(m, 2);
  p.results = {{"clock", "applied", "set to 12:00:00", "dlms"}};
  const auto stored = repo->insert_config_push(p);
  EXPECT_GT(stored.id, 0);
  EXPECT_EQ(stored.requested_at, minute(1));

  auto got = repo->config_push(stored.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->meter_id, m);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->sections, (std::vector<std::string>{"load_profile", "primary"}));
  EXPECT_TRUE(got->confirmed);
  EXPECT_EQ(got->requested_by, "carol");
  EXPECT_EQ(got->requested_at, minute(1));
  EXPECT_EQ(got->started_at, std::nullopt);
  EXPECT_EQ(got->finished_at, std::nullopt);
  EXPECT_EQ(got->status, ConfigPushStatus::queued);
  EXPECT_EQ(got->impact_json, R"({"destructive":true})");
  ASSERT_EQ(got->results.size(), 1u);
  EXPECT_EQ(got->results[0].section, "clock");
  EXPECT_EQ(got->results[0].outcome, "applied");
  EXPECT_EQ(got->results[0].detail, "set to 12:00:00");
  EXPECT_EQ(got->results[0].protocol, "dlms");

  ConfigPush update = *got;
  update.status = ConfigPushStatus::partial;
  update.started_at = minute(2);
  update.finished_at = minute(4);
  update.error = "1 section not deliverable";
  update.results = {{"primary", "verified", "CT 200:5 read back", "modbus"},
                    {"load_profile", "not_deliverable", "no driver writes it", ""},
                    {"clock", "applied", "", "dlms"}};
  // What the request fixed stays even when the update carries other values.
  update.version = 1;
  update.impact_json = "{}";
  EXPECT_TRUE(repo->update_config_push(update));

  got = repo->config_push(stored.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->status, ConfigPushStatus::partial);
  EXPECT_EQ(got->started_at, minute(2));
  EXPECT_EQ(got->finished_at, minute(4));
  EXPECT_EQ(got->error, "1 section not deliverable");
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->impact_json, R"({"destructive":true})");
  ASSERT_EQ(got->results.size(), 3u);
  EXPECT_EQ(got->results[0].section, "primary");
  EXPECT_EQ(got->results[0].outcome, "verified");
  EXPECT_EQ(got->results[0].protocol, "modbus");
  EXPECT_EQ(got->results[1].section, "load_profile");
  EXPECT_EQ(got->results[1].outcome, "not_deliverable");
  EXPECT_EQ(got->results[1].detail, "no driver writes it");
  EXPECT_EQ(got->results[2].section, "clock");

  update.id = stored.id + 100;
  EXPECT_FALSE(repo->update_config_push(update));
  EXPECT_FALSE(repo->config_push(stored.id + 100).has_value());
}

TEST_F(ConfigStoreTest, PushOfUnknownMeterOrVersionIsNotFound) {
  const std::int64_t m = add_meter("CS-PNF");
  version_of(m, "{}");
  EXPECT_THROW(repo->insert_config_push(sample_push(m, 2)), NotFound);
  EXPECT_THROW(repo->insert_config_push(sample_push(8888, 1)), NotFound);
  EXPECT_TRUE(repo->config_pushes(m, {}).empty());
}

TEST_F(ConfigStoreTest, PushesListPerMeterAndUnfinishedOnes) {
  const std::int64_t m1 = add_meter("CS-L1");
  const std::int64_t m2 = add_meter("CS-L2");
  version_of(m1, "{}");
  version_of(m2, "{}");
  auto with_status = [&](std::int64_t meter, ConfigPushStatus status) {
    ConfigPush p = sample_push(meter, 1);
    p.status = status;
    return repo->insert_config_push(p).id;
  };
  const auto a = with_status(m1, ConfigPushStatus::succeeded);
  const auto b = with_status(m1, ConfigPushStatus::running);
  const auto c = with_status(m2, ConfigPushStatus::queued);
  const auto d = with_status(m1, ConfigPushStatus::queued);
  with_status(m2, ConfigPushStatus::refused);
  with_status(m2, ConfigPushStatus::failed);

  const auto unfinished = repo->unfinished_config_pushes();
  std::vector<std::int64_t> ids;
  for (const auto& p : unfinished) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{b, c, d}));
  EXPECT_EQ(unfinished[0].sections, (std::vector<std::string>{"load_profile", "primary"}));

  const auto all = repo->config_pushes(m1, {});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, a);
  EXPECT_EQ(all[2].id, d);
  Page page;
  page.after_id = a;
  page.limit = 1;
  const auto next = repo->config_pushes(m1, page);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].id, b);

  ConfigPush finish = *repo->config_push(b);
  finish.status = ConfigPushStatus::succeeded;
  ASSERT_TRUE(repo->update_config_push(finish));
  EXPECT_EQ(repo->unfinished_config_pushes().size(), 2u);
}

TEST_F(ConfigStoreTest, ReadbacksAreListedNewestFirst) {
  const std::int64_t m = add_meter("CS-RB");
  const std::int64_t other = add_meter("CS-RB2");
  ConfigReadback r;
  r.meter_id = m;
  r.read_at = minute(10);
  r.compared_version = std::nullopt;
  r.trigger = "manual";
  r.observed_json = R"({"primary":{"ct_ratio":200}})";
  const auto first = repo->insert_config_readback(r);
  EXPECT_GT(first.id, 0);
  r.read_at = minute(20);
  r.compared_version = 3;
  r.trigger = "cfg_alarm";
  r.differences_json = R"([{"path":"primary.ct_ratio","stored":400,"observed":200}])";
  r.drift = true;
  const auto second = repo->insert_config_readback(r);
  r.meter_id = other;
  repo->insert_config_readback(r);

  const auto list = repo->config_readbacks(m, {});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second.id);
  EXPECT_EQ(list[0].meter_id, m);
  EXPECT_EQ(list[0].read_at, minute(20));
  EXPECT_EQ(list[0].compared_version, 3);
  EXPECT_EQ(list[0].trigger, "cfg_alarm");
  EXPECT_EQ(list[0].observed_json, R"({"primary":{"ct_ratio":200}})");
  EXPECT_EQ(list[0].differences_json,
            R"([{"path":"primary.ct_ratio","stored":400,"observed":200}])");
  EXPECT_TRUE(list[0].drift);
  EXPECT_EQ(list[1].id, first.id);
  EXPECT_EQ(list[1].compared_version, std::nullopt);
  EXPECT_EQ(list[1].differences_json, "[]");
  EXPECT_FALSE(list[1].drift);

  Page page;
  page.after_id = second.id;
  const auto older = repo->config_readbacks(m, page);
  ASSERT_EQ(older.size(), 1u);
  EXPECT_EQ(older[0].id, first.id);

  r.meter_id = 777777;
  EXPECT_THROW(repo->insert_config_readback(r), NotFound);
}

TEST_F(ConfigStoreTest, DeletingAMeterOrGroupDeletesItsConfigurationRecords) {
  const std::int64_t g = add_group("CS-DEL");
  const std::int64_t m = add_meter_in("CS-DEL-1", g);
  const std::int64_t keep = add_meter_in("CS-DEL-2", g);
  version_of(m, "{}");
  version_of(keep, "{}");
  template_of(g, "{}");
  ConfigOverrides o;
  o.meter_id = m;
  o.patch_json = R"({"a":1})";
  repo->put_config_overrides(o);
  ConfigPush p = sample_push(m, 1);
  p.results = {{"clock", "applied", "", "dlms"}};
  const auto push = repo->insert_config_push(p);
  ConfigReadback r;
  r.meter_id = m;
  repo->insert_config_readback(r);

  ASSERT_TRUE(repo->delete_meter(m));
  EXPECT_TRUE(repo->config_versions(m).empty());
  EXPECT_EQ(repo->config_overrides(m).patch_json, "{}");
  EXPECT_FALSE(repo->config_push(push.id).has_value());
  EXPECT_TRUE(repo->unfinished_config_pushes().empty());
  EXPECT_TRUE(repo->config_readbacks(m, {}).empty());
  EXPECT_EQ(repo->config_versions(keep).size(), 1u);
  RawDb raw(dir.file("test.db"));
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM config_push_results"), 0);

  // A group with meters cannot be deleted; once empty, its templates go with it.
  ASSERT_TRUE(repo->delete_meter(keep));
  ASSERT_TRUE(repo->delete_group(g));
  EXPECT_TRUE(repo->template_versions(g).empty());
  EXPECT_FALSE(repo->latest_template_version(g).has_value());
}

}  // namespace
}  // namespace jemhead::storage::testing
