#pragma once
// An AlarmIntake over an in-memory SQLite repository and a file store in a temporary
// directory, with a private Prometheus registry, for the endpoint and mail-sink tests.
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "api/alarm_intake.hpp"
#include "tests/data/pqdif_files.hpp"
#include "tests/unit/alarm/manual_samples.hpp"

namespace jemhead::testing {

class IntakeFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("jemhead-intake-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    repo = storage::open_sqlite({":memory:"});
    files = std::make_shared<storage::FileStore>(dir / "pqdif");
    registry = std::make_shared<prometheus::Registry>();
    intake = std::make_unique<api::AlarmIntake>(*repo, files, api::AlarmIntakeOptions{}, registry);
  }
  void TearDown() override {
    intake.reset();
    std::filesystem::remove_all(dir);
  }

  std::int64_t add_meter(const std::string& serial) {
    Meter m;
    m.serial = serial;
    m.name = "meter " + serial;
    return repo->insert_meter(m);
  }
  bool has_metric(const std::string& line) const {
    return prometheus::TextSerializer().Serialize(registry->Collect()).find(line) !=
           std::string::npos;
  }
  std::size_t stored_messages() { return repo->list_alarm_messages("", {}).size(); }
  static std::string sample_pqdif() {
    const auto path = pqdif_test_file("secha-example.pqd");
    std::string bytes(std::filesystem::file_size(path), '\0');
    std::ifstream in(path, std::ios::binary);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return bytes;
  }

  std::filesystem::path dir;
  std::unique_ptr<storage::Repository> repo;
  std::shared_ptr<storage::FileStore> files;
  std::shared_ptr<prometheus::Registry> registry;
  std::unique_ptr<api::AlarmIntake> intake;
};

// The manual's sample 2 body (tests/unit/alarm/manual_samples.hpp).
inline const std::string kSampleTwoJson{test::kManualSample2};

inline const std::string kSampleThreeJson = R"({
  "Administrator": "Ametek Power",
  "EventTime": "2020-07-12T18:15:10.813931Z",
  "EventType": "PQD",
  "MV 90 Meter ID": "JEMStarII ID",
  "Properties": { "PQDIF file": "" },
  "Source": "JEMStarII"
})";

inline constexpr std::int64_t kSampleTwoMicros = 1594577700618369;
inline constexpr std::int64_t kSampleThreeMicros = 1594577710813931;

}  // namespace jemhead::testing
