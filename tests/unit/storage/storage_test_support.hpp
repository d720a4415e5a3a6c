#pragma once
// Shared helpers for the storage tests: a unique temporary directory per test, a fixture
// with a real file-backed SQLite repository in it, and sample records with every field
// set to a distinct value (so a column mix-up fails an assertion).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/repository.hpp"

namespace jemhead::storage::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "jemhead-storage-XXXXXX");
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline UtcTime at_us(std::int64_t us) {
  return from_unix_micros(us);
}
// 2026-01-01T00:00:00Z plus `minutes`, for readable interval times.
inline UtcTime minute(std::int64_t minutes) {
  return from_unix_micros((1767225600ll + minutes * 60) * 1'000'000);
}

inline Meter sample_meter(const std::string& serial) {
  Meter m;
  m.serial = serial;
  m.name = "Feeder " + serial;
  m.location = "Substation North, bay 3";
  m.model = "JS2-MID-" + serial;
  m.mid = true;
  m.firmware = "3.14.1";
  m.options = {"PQ2", "ML", "quote\"and\\slash"};
  for (std::size_t i = 0; i < m.identification.size(); ++i)
    m.identification[i] = {"Title " + std::to_string(i), serial + "-v" + std::to_string(i)};
  m.time_zone = "Europe/Berlin";
  m.enabled = false;
  m.schedules_json = R"({"registers":{"every_minutes":15},"status":{"cron":"0 */5 * * * *"}})";
  m.created_at = at_us(1'700'000'000'123'456);
  m.updated_at = at_us(1'700'000'100'654'321);
  return m;
}

inline ConnectionProfile sample_profile(std::int64_t meter_id, const std::string& name) {
  ConnectionProfile p;
  p.meter_id = meter_id;
  p.name = name;
  p.protocol = Protocol::modbus;
  p.transport = Transport::rs485;
  p.is_default = false;
  p.host = "127.0.0.1";
  p.port = 1502;
  p.device = "/dev/ttyUSB3";
  p.baud = 19200;
  p.address = 17;
  p.rs485_delay_ms = 55;
  p.probe = "ir-probe-7";
  p.modem_init = "AT&F";
  p.phone = "+49 30 1234567";
  p.retries = 4;
  p.retry_delay_s = 9;
  p.timeout_ms = 2750;
  p.options_json = R"({"crc_order":"swapped"})";
  return p;
}

// Builds a JobFilter field by field: Where().meter(7).kind("status").oldest_first().
// (Designated initializers would trip GCC 12's -Wmissing-field-initializers.)
struct Where {
  JobFilter filter;
  Where& meter(std::int64_t id) {
    filter.meter_id = id;
    return *this;
  }
  Where& kind(const std::string& k) {
    filter.kind = k;
    return *this;
  }
  Where& outcome(const std::string& o) {
    filter.outcome = o;
    return *this;
  }
  Where& trigger(const std::string& t) {
    filter.trigger = t;
    return *this;
  }
  Where& from(UtcTime t) {
    filter.started.from = t;
    return *this;
  }
  Where& to(UtcTime t) {
    filter.started.to = t;
    return *this;
  }
  Where& oldest_first() {
    filter.newest_first = false;
    return *this;
  }
  operator JobFilter() const { return filter; }
};

// A fresh file database per test, opened with readers so reads go through the pool.
class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = dir.file("test.db");
    repo = open_sqlite(options);
  }
  std::int64_t add_meter(const std::string& serial) {
    return repo->insert_meter(sample_meter(serial));
  }

  TempDir dir;
  std::unique_ptr<Repository> repo;
};

}  // namespace jemhead::storage::testing
