// The `pqdif` section of the configuration: drop directories, checked when loading.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/unit/service/config_test_support.hpp"

namespace jemhead::service {
namespace {

namespace fs = std::filesystem;
using testing::error_lines;
using testing::load;

class PqdifDropConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root / "scp");
    fs::create_directories(root / "ftp");
  }
  void TearDown() override { fs::remove_all(root); }
  std::string dir(const std::string& name) const { return (root / name).string(); }

  const fs::path root =
      fs::temp_directory_path() / ("jemhead-pqdif-config-" + std::to_string(::getpid()));
};

TEST_F(PqdifDropConfig, NoSectionWatchesNothing) {
  const auto r = load("threads: 2\n");
  ASSERT_TRUE(r.ok()) << error_lines(r);
  EXPECT_TRUE(r.config.pqdif.drop.directories.empty());
  EXPECT_EQ(r.config.pqdif.drop.settle, std::chrono::milliseconds(1000));
}

TEST_F(PqdifDropConfig, DirectoriesWithSourceAndWhatHappensAfterwards) {
  const auto r = load(
      "pqdif:\n"
      "  drop_settle_ms: 2500\n"
      "  drop_directories:\n"
      "    - {path: " +
      dir("scp") + "}\n" + "    - path: " + dir("ftp") + "/\n" +
      "      source: ftp\n"
      "      after_ingest: delete\n");
  ASSERT_TRUE(r.ok()) << error_lines(r);
  const auto& d = r.config.pqdif.drop;
  EXPECT_EQ(d.settle, std::chrono::milliseconds(2500));
  ASSERT_EQ(d.directories.size(), 2u);
  EXPECT_EQ(d.directories[0].path, root / "scp");
  EXPECT_EQ(d.directories[0].source, PqdifSource::scp);
  EXPECT_EQ(d.directories[0].after_ingest, PqdifAfterIngest::move);
  EXPECT_EQ(d.directories[1].path, root / "ftp" / "");  // as written, normalised
  EXPECT_EQ(d.directories[1].source, PqdifSource::ftp);
  EXPECT_EQ(d.directories[1].after_ingest, PqdifAfterIngest::remove);
}

TEST_F(PqdifDropConfig, EveryMistakeIsReportedWithItsLineAndKey) {
  const auto r = load(
      "pqdif:\n"
      "  drop_settle_ms: 700000\n"
      "  drop_directories:\n"
      "    - {path: " +
      dir("scp") + ", source: http}\n" + "    - {path: " + dir("scp") +
      "/., after_ingest: archive}\n" +
      "    - {path: relative/drop}\n"
      "    - {path: " +
      dir("missing") + ", keep: true}\n" + "    - {source: ftp}\n");
  EXPECT_EQ(
      error_lines(r),
      "t.yaml:2: pqdif.drop_settle_ms: must be an integer between 0 and 600000 (got 700000)\n"
      "t.yaml:4: pqdif.drop_directories[0].source: must be scp or ftp (how meters push "
      "files into this directory)\n"
      "t.yaml:5: pqdif.drop_directories[1].after_ingest: must be one of move, delete, "
      "keep (got 'archive')\n"
      "t.yaml:5: pqdif.drop_directories[1].path: '" +
          dir("scp") + "/.' is listed twice\n" +
          "t.yaml:6: pqdif.drop_directories[2].path: 'relative/drop' is not an absolute path\n"
          "t.yaml:7: pqdif.drop_directories[3].keep: unknown key (allowed: path, source, "
          "after_ingest)\n"
          "t.yaml:7: pqdif.drop_directories[3].path: '" +
          dir("missing") + "' does not exist\n" +
          "t.yaml:8: pqdif.drop_directories[4].path: is required: the directory meters push "
          "PQDIF files into\n");
}

}  // namespace
}  // namespace jemhead::service
