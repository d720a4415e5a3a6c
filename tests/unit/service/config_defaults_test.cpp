// Defaults (no file at all) and the shipped example file.
#include <gtest/gtest.h>

#include "service/config_loader.hpp"
#include "tests/unit/service/config_test_support.hpp"

namespace jemhead::service {
namespace {

using testing::error_lines;
using testing::load;

void expect_defaults(const Config& c) {
  EXPECT_EQ(c.data_dir, std::filesystem::path("./var"));
  EXPECT_EQ(c.threads, 2u);
  EXPECT_EQ(c.ready_file, "");
  ASSERT_EQ(c.api.listen.size(), 1u);
  EXPECT_EQ(c.api.listen[0].address, "127.0.0.1");
  EXPECT_EQ(c.api.listen[0].port, 8080);
  EXPECT_EQ(c.api.body_limit_bytes, 1048576u);
  EXPECT_EQ(c.api.handler_threads, 4u);
  EXPECT_TRUE(c.api.tokens.empty());
  EXPECT_EQ(c.storage.backend, StorageBackend::sqlite);
  EXPECT_EQ(c.storage.sqlite.synchronous, SqliteSynchronous::normal);
  EXPECT_EQ(c.sqlite_path(), "./var/jemhead.db");
  EXPECT_EQ(c.logging.format, LogFormat::text);
  EXPECT_EQ(c.logging.level, LogLevel::info);
  EXPECT_TRUE(c.log_file_path().empty());
  EXPECT_TRUE(c.metrics.enabled);
  EXPECT_TRUE(c.fleet.groups.empty());
  EXPECT_TRUE(c.fleet.meters.empty());
}

TEST(ServiceConfigDefaults, NoFileMeansDocumentedDefaults) {
  expect_defaults(Config{});
}

TEST(ServiceConfigDefaults, EmptyAndCommentOnlyFilesKeepEveryDefault) {
  for (const char* text : {"", "# nothing configured\n", "---\n"}) {
    auto r = load(text);
    ASSERT_TRUE(r.ok()) << error_lines(r);
    expect_defaults(r.config);
    EXPECT_EQ(r.config.source, "t.yaml");
  }
}

TEST(ServiceConfigDefaults, KeysWithoutValueKeepTheirDefault) {
  auto r = load("threads:\napi:\n  listen:\nlogging:\n");
  ASSERT_TRUE(r.ok()) << error_lines(r);
  expect_defaults(r.config);
}

TEST(ServiceConfigDefaults, RelativePathsResolveAgainstDataDir) {
  auto r = load(
      "data_dir: /srv/jh\nstorage: {sqlite: {path: db/x.db}}\nlogging: {file: log/jemhead.log}\n");
  ASSERT_TRUE(r.ok()) << error_lines(r);
  EXPECT_EQ(r.config.sqlite_path(), "/srv/jh/db/x.db");
  EXPECT_EQ(r.config.log_file_path(), std::filesystem::path("/srv/jh/log/jemhead.log"));

  auto absolute = load("storage: {sqlite: {path: /tmp/a.db}}\nlogging: {file: /tmp/j.log}\n");
  ASSERT_TRUE(absolute.ok());
  EXPECT_EQ(absolute.config.sqlite_path(), "/tmp/a.db");
  EXPECT_EQ(absolute.config.log_file_path(), std::filesystem::path("/tmp/j.log"));

  auto memory = load("storage: {sqlite: {path: \":memory:\"}}\n");
  ASSERT_TRUE(memory.ok());
  EXPECT_EQ(memory.config.sqlite_path(), ":memory:");
}

TEST(ServiceConfigDefaults, ExampleFileLoadsWithItsValues) {
  const std::string path = std::string(JEMHEAD_SOURCE_DIR) + "/config/jemhead.example.yaml";
  auto r = load_config_file(path);
  ASSERT_TRUE(r.ok()) << error_lines(r);
  const Config& c = r.config;
  EXPECT_EQ(c.source, path);
  EXPECT_EQ(c.data_dir, std::filesystem::path("./var"));
  EXPECT_EQ(c.threads, 2u);
  ASSERT_EQ(c.api.listen.size(), 1u);
  EXPECT_EQ(c.api.listen[0].address, "127.0.0.1");
  EXPECT_EQ(c.api.listen[0].port, 8080);
  ASSERT_EQ(c.api.tokens.size(), 1u);
  EXPECT_EQ(c.api.tokens[0].name, "ops-admin");
  EXPECT_EQ(c.api.tokens[0].role, api::Role::admin);
  EXPECT_EQ(c.api.tokens[0].sha256_hex,
            "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b");
  EXPECT_EQ(c.sqlite_path(), "./var/jemhead.db");
  EXPECT_EQ(c.logging.format, LogFormat::text);
  EXPECT_TRUE(c.metrics.enabled);

  ASSERT_EQ(c.fleet.groups.size(), 1u);
  EXPECT_EQ(c.fleet.groups[0].name, "north-substation");
  EXPECT_EQ(c.fleet.groups[0].description, "Feeders 1-4");

  ASSERT_EQ(c.fleet.meters.size(), 1u);
  const FleetMeter& fm = c.fleet.meters[0];
  EXPECT_EQ(fm.group, "north-substation");
  EXPECT_EQ(fm.meter.serial, "50123456");
  EXPECT_EQ(fm.meter.name, "Feeder 1");
  EXPECT_EQ(fm.meter.location, "North substation, bay 1");
  EXPECT_EQ(fm.meter.model, "JS2-7-A-5-N");
  EXPECT_FALSE(fm.meter.mid);
  EXPECT_EQ(fm.meter.time_zone, "America/New_York");
  EXPECT_EQ(fm.meter.identification[0].title, "Meter ID");
  EXPECT_EQ(fm.meter.identification[0].value, "F1-MAIN");
  // Entries the file does not give keep the manual's default titles.
  EXPECT_EQ(fm.meter.identification[1].title, default_identification()[1].title);
  EXPECT_EQ(fm.meter.identification[1].value, "");

  ASSERT_EQ(fm.connections.size(), 2u);
  const ConnectionProfile& dlms = fm.connections[0];
  EXPECT_EQ(dlms.name, "ethernet-dlms");
  EXPECT_EQ(dlms.protocol, Protocol::dlms);
  EXPECT_EQ(dlms.transport, Transport::tcp);
  EXPECT_EQ(dlms.host, "127.0.0.1");
  EXPECT_EQ(dlms.port, 4059);
  EXPECT_TRUE(dlms.is_default);
  const ConnectionProfile& modbus = fm.connections[1];
  EXPECT_EQ(modbus.protocol, Protocol::modbus);
  EXPECT_EQ(modbus.transport, Transport::rs485);
  EXPECT_EQ(modbus.device, "/dev/ttyUSB0");
  EXPECT_EQ(modbus.baud, 9600u);
  EXPECT_EQ(modbus.address, 17);
  EXPECT_EQ(modbus.rs485_delay_ms, 40u);
  EXPECT_EQ(modbus.retries, 3u);
  EXPECT_EQ(modbus.retry_delay_s, 5u);
  EXPECT_FALSE(modbus.is_default);
}

TEST(ServiceConfigDefaults, MissingFileIsOneErrorNamingIt) {
  auto r = load_config_file("/nonexistent/dir/jemhead.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].to_string(),
            "/nonexistent/dir/jemhead.yaml: cannot open the file for reading");
}

TEST(ServiceConfigDefaults, EngineLoadProfileChunkAndFirstReadAreRead) {
  auto defaults = load("");
  ASSERT_TRUE(defaults.ok()) << error_lines(defaults);
  EXPECT_EQ(defaults.config.engine.load_profile_chunk, std::chrono::hours(24));
  EXPECT_EQ(defaults.config.engine.load_profile_first_read, std::chrono::hours(24 * 400));
  auto set = load("engine: {load_profile_chunk_hours: 6, load_profile_first_days: 35}\n");
  ASSERT_TRUE(set.ok()) << error_lines(set);
  EXPECT_EQ(set.config.engine.load_profile_chunk, std::chrono::hours(6));
  EXPECT_EQ(set.config.engine.load_profile_first_read, std::chrono::hours(24 * 35));
  auto bad = load("engine: {load_profile_chunk_hours: 0}\n");
  ASSERT_EQ(bad.errors.size(), 1u) << error_lines(bad);
  EXPECT_EQ(bad.errors[0].key, "engine.load_profile_chunk_hours");
}

}  // namespace
}  // namespace jemhead::service
