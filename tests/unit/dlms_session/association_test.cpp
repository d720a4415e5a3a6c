// CosemClient association and release against the fake COSEM server: the three clients,
// wrong passwords, refusals, services not granted, and meters that hang up on the RLRQ.
#include <gtest/gtest.h>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/session/cosem_client.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"
#include "tests/unit/dlms_session/fake_cosem_server.hpp"
#include "tests/unit/dlms_session/run_on_io_context.hpp"

namespace jemhead::dlms::session {
namespace {

using testing::FakeCosemServer;
using testing::run;

TEST(DlmsSessionAssociation, PublicClientAssociatesWithoutPasswordAndKeepsGrantedLimits) {
  FakeCosemServer meter(16);
  meter.granted_conformance = apdu::kJemStarConformance;
  meter.server_max_receive_pdu = 200;
  CosemClient client(meter);
  const Association a = run(client.associate(ClientRole::public_client));
  EXPECT_EQ(meter.connects, 1);
  ASSERT_TRUE(meter.last_aarq.has_value());
  EXPECT_FALSE(meter.last_aarq->password.has_value());  // lowest level: no mechanism
  EXPECT_EQ(meter.last_aarq->initiate.proposed_conformance, apdu::kJemStarConformance);
  EXPECT_EQ(meter.last_aarq->initiate.client_max_receive_pdu_size, 512);
  EXPECT_EQ(a.role, ClientRole::public_client);
  EXPECT_EQ(a.conformance, apdu::kJemStarConformance);
  EXPECT_EQ(a.server_max_receive_pdu, 200);
  EXPECT_TRUE(client.associated());
}

TEST(DlmsSessionAssociation, ReaderWithRightPasswordAssociatesByLls) {
  FakeCosemServer meter(2);
  CosemClient client(meter);
  run(client.associate(ClientRole::reader, "ClientId2"));
  ASSERT_TRUE(meter.last_aarq.has_value());
  EXPECT_EQ(meter.last_aarq->password, std::optional<std::string>("ClientId2"));
  EXPECT_EQ(
      meter.last_aarq->mechanism,
      std::optional<std::uint8_t>(static_cast<std::uint8_t>(apdu::AuthenticationMechanism::low)));
  EXPECT_TRUE(client.associated());
}

TEST(DlmsSessionAssociation, WrongPasswordIsAuthenticationFailed) {
  FakeCosemServer meter(1);
  CosemClient client(meter);
  try {
    run(client.associate(ClientRole::manager, "ClientId2"));
    FAIL() << "association with a wrong password succeeded";
  } catch (const AuthenticationFailed& e) {
    EXPECT_EQ(e.kind(), "authentication_failed");
    EXPECT_EQ(e.result, apdu::AssociationResult::rejected_permanent);
    EXPECT_EQ(e.diagnostic.source, apdu::DiagnosticSource::acse_service_user);
    EXPECT_EQ(e.diagnostic.value, 13);
    EXPECT_NE(std::string(e.what()).find("authentication-failure"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(client.associated());
  // Nothing can be read without an association; the request never reaches the meter.
  const auto before = meter.requests.size();
  EXPECT_THROW(run(client.read_clock()), drivers::ConnectionFailed);
  EXPECT_EQ(meter.requests.size(), before);
}

TEST(DlmsSessionAssociation, OtherRefusalIsAssociationRefusedNotAuthentication) {
  FakeCosemServer meter(16);
  meter.refuse_every_aarq = apdu::AcseServiceUser::application_context_name_not_supported;
  CosemClient client(meter);
  try {
    run(client.associate(ClientRole::public_client));
    FAIL() << "refused association succeeded";
  } catch (const AuthenticationFailed&) {
    FAIL() << "a context refusal is not an authentication failure";
  } catch (const AssociationRefused& e) {
    EXPECT_EQ(e.kind(), "association_refused");
    EXPECT_EQ(e.diagnostic.value, 2);
  }
  EXPECT_FALSE(client.associated());
}

TEST(DlmsSessionAssociation, MissingBlockTransferGrantIsUnsupported) {
  FakeCosemServer meter(16);
  meter.granted_conformance =
      apdu::kJemStarConformance &
      ~apdu::conformance_mask(apdu::ConformanceBit::block_transfer_with_get_or_read);
  CosemClient client(meter);
  EXPECT_THROW(run(client.associate(ClientRole::public_client)), drivers::Unsupported);
  EXPECT_FALSE(client.associated());
  // The meter did accept the AARE, so the release still says goodbye with an RLRQ.
  const ReleaseOutcome outcome = run(client.release());
  EXPECT_TRUE(outcome.rlre_received);
}

TEST(DlmsSessionAssociation, RoleAndPasswordMustAgreeBeforeAnythingIsSent) {
  FakeCosemServer meter(2);
  CosemClient client(meter);
  EXPECT_THROW(run(client.associate(ClientRole::reader, "")), drivers::ConfigurationError);
  EXPECT_THROW(run(client.associate(ClientRole::public_client, "secret")),
               drivers::ConfigurationError);
  EXPECT_TRUE(meter.requests.empty());
  EXPECT_EQ(meter.connects, 0);
}

TEST(DlmsSessionRelease, ReleaseSendsRlrqAndDisconnects) {
  FakeCosemServer meter(2);
  CosemClient client(meter);
  run(client.associate(ClientRole::reader, "ClientId2"));
  const ReleaseOutcome outcome = run(client.release());
  EXPECT_TRUE(outcome.rlre_received);
  EXPECT_EQ(outcome.rlre_reason, std::optional<std::uint8_t>(0));
  EXPECT_TRUE(outcome.link_closed_cleanly);
  ASSERT_EQ(meter.requests.size(), 2u);
  EXPECT_EQ(meter.requests[1].at(0), 0x62);  // RLRQ
  EXPECT_EQ(meter.disconnects, 1);
  EXPECT_FALSE(meter.connected());
  EXPECT_FALSE(client.associated());
}

TEST(DlmsSessionRelease, MeterThatHangsUpOnRlrqIsTolerated) {
  FakeCosemServer meter(2);
  meter.drop_link_on_rlrq = true;
  CosemClient client(meter);
  run(client.associate(ClientRole::reader, "ClientId2"));
  ReleaseOutcome outcome;
  EXPECT_NO_THROW(outcome = run(client.release()));
  EXPECT_FALSE(outcome.rlre_received);
  EXPECT_FALSE(outcome.link_closed_cleanly);  // the link was already gone
  EXPECT_FALSE(meter.connected());
  EXPECT_FALSE(client.associated());
}

}  // namespace
}  // namespace jemhead::dlms::session
