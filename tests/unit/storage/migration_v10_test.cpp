// Upgrading a database written by a build that knew schema steps 1-9: step 10 adds the
// configuration versions' source and template columns, and every stored version comes back
// as an operator's version with its number, author, reason and document unchanged.
#include <gtest/gtest.h>

#include "old_schema.hpp"
#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

void write_version_9_database(const std::string& path) {
  RawDb db(path);
  apply_schema_steps(db, 9);
  db.exec(
      "INSERT INTO meters(id, serial, created_at_us, updated_at_us) VALUES (5, 'OLD-5', 1, 1);"
      "INSERT INTO config_versions(id, meter_id, version, created_at_us, author, reason,"
      " document_json) VALUES (11, 5, 1, 1000, 'alice', 'initial', '{\"a\":1}');"
      "INSERT INTO config_versions(id, meter_id, version, created_at_us, author, reason,"
      " document_json) VALUES (12, 5, 2, 2000, 'bob', 'ct change', '{\"a\":2}');");
}

TEST(StorageMigration10, ConfigVersionsAreKeptAsOperatorVersions) {
  TempDir dir;
  SqliteOptions options;
  options.path = dir.file("v9.db");
  write_version_9_database(options.path);

  auto repo = open_sqlite(options);
  EXPECT_EQ(repo->schema_version(), 10);
  const auto versions = repo->config_versions(5);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].id, 11);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].created_at, at_us(1000));
  EXPECT_EQ(versions[0].author, "alice");
  EXPECT_EQ(versions[0].reason, "initial");
  EXPECT_EQ(versions[0].document_json, R"({"a":1})");
  EXPECT_EQ(versions[0].source, ConfigSource::operator_);
  EXPECT_EQ(versions[0].template_version, std::nullopt);
  EXPECT_EQ(versions[1].id, 12);
  EXPECT_EQ(versions[1].author, "bob");
  EXPECT_EQ(versions[1].document_json, R"({"a":2})");

  // Numbering continues after the migrated versions; the new tables are usable.
  ConfigVersion v;
  v.meter_id = 5;
  v.document_json = "{}";
  v.source = ConfigSource::template_;
  v.template_version = 1;
  EXPECT_EQ(repo->insert_config_version(v).version, 3);
  ConfigPush p;
  p.meter_id = 5;
  p.version = 3;
  EXPECT_GT(repo->insert_config_push(p).id, 0);
  repo->close();

  // Reopening does not apply step 10 again.
  auto reopened = open_sqlite(options);
  EXPECT_EQ(reopened->schema_version(), 10);
  EXPECT_EQ(reopened->latest_config_version(5)->source, ConfigSource::template_);
  EXPECT_EQ(reopened->unfinished_config_pushes().size(), 1u);
  reopened->close();
  RawDb raw(options.path);
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM schema_version WHERE version = 10"), 1);
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM config_versions WHERE source = 'operator'"), 2);
}

}  // namespace
}  // namespace jemhead::storage::testing
