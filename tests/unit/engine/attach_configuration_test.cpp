// Which meters get their configuration document before a session: only those with a
// profile whose driver reads its point map from it (the lookup runs once per job).
#include "engine/attach_configuration.hpp"

#include <gtest/gtest.h>

namespace jemhead::engine {
namespace {

class AttachConfigurationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    Meter m;
    m.serial = "JS-ATTACH";
    m.name = "attach";
    m.id = repo_->insert_meter(m);
    meter_ = m;
    ConfigVersion v;
    v.meter_id = meter_.id;
    v.author = "test";
    v.document_json = R"({"identification":{}})";
    repo_->insert_config_version(v);
    repo_->insert_config_version(v);  // the latest is version 2
  }
  static ConnectionProfile profile(Protocol p) {
    ConnectionProfile c;
    c.protocol = p;
    return c;
  }
  std::unique_ptr<storage::Repository> repo_;
  Meter meter_;
};

TEST_F(AttachConfigurationTest, AModbusProfileGetsTheLatestVersion) {
  Meter m = meter_;
  attach_configuration(*repo_, m, {profile(Protocol::dlms), profile(Protocol::modbus)});
  EXPECT_EQ(m.configuration_version, 2);
  ASSERT_TRUE(m.configuration_json);
  EXPECT_EQ(*m.configuration_json, R"({"identification":{}})");
}

TEST_F(AttachConfigurationTest, MetersWithoutAPointMapProtocolSkipTheLookup) {
  Meter m = meter_;
  attach_configuration(*repo_, m, {profile(Protocol::dlms), profile(Protocol::sftp)});
  EXPECT_FALSE(m.configuration_json);
}

TEST_F(AttachConfigurationTest, AMeterWithoutAVersionGetsNothing) {
  Meter other;
  other.serial = "JS-NONE";
  other.name = "none";
  other.id = repo_->insert_meter(other);
  attach_configuration(*repo_, other, {profile(Protocol::modbus)});
  EXPECT_FALSE(other.configuration_json);
}

}  // namespace
}  // namespace jemhead::engine
