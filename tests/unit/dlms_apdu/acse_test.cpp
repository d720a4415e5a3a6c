// AARQ/AARE/RLRQ/RLRE against byte vectors. Sources: the LLS AARQ and accepted AARE are
// the DLMS UA Green Book's association examples (password "12345678"), widely reproduced
// in public DLMS client code; the rejected AARE (authentication-failure) is a wrong-
// password answer captured from a meter and published in a public repository. Vectors
// marked "constructed" were built by hand from the ASN.1 structure.
#include "drivers/protocol/dlms/apdu/acse.hpp"

#include <gtest/gtest.h>

#include "tests/unit/dlms_apdu/apdu_test_support.hpp"

namespace jemhead::dlms::apdu {
namespace {

using test::error_of;
using test::hex;
using test::value_of;

const Bytes kGreenBookLlsAarq =
    hex("60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01"
        " AC 0A 80 08 31 32 33 34 35 36 37 38"
        " BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
const Bytes kGreenBookAare =
    hex("61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A1 03 02 01 00"
        " BE 10 04 0E 08 00 06 5F 1F 04 00 00 50 1F 01 F4 00 07");
const Bytes kWrongPasswordAare =
    hex("61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 01 A3 05 A1 03 02 01 0D"
        " BE 10 04 0E 08 00 06 5F 1F 04 00 00 18 1D 01 80 00 07");

TEST(DlmsApduAarq, GreenBookLlsExampleEncodesByteForByte) {
  Aarq aarq;
  aarq.password = "12345678";
  aarq.initiate.proposed_conformance = 0x007E1F;
  aarq.initiate.client_max_receive_pdu_size = 1200;
  EXPECT_EQ(encode_aarq(aarq), kGreenBookLlsAarq);
}

TEST(DlmsApduAarq, GreenBookLlsExampleDecodesFieldByField) {
  const Aarq aarq = value_of(decode_aarq(kGreenBookLlsAarq));
  EXPECT_EQ(aarq.context, ApplicationContext::logical_name_no_ciphering);
  ASSERT_TRUE(aarq.mechanism.has_value());
  EXPECT_EQ(*aarq.mechanism, static_cast<std::uint8_t>(AuthenticationMechanism::low));
  EXPECT_EQ(aarq.password, std::optional<std::string>("12345678"));
  EXPECT_FALSE(aarq.initiate.dedicated_key.has_value());
  EXPECT_TRUE(aarq.initiate.response_allowed);
  EXPECT_FALSE(aarq.initiate.proposed_quality_of_service.has_value());
  EXPECT_EQ(aarq.initiate.proposed_dlms_version, 6);
  EXPECT_EQ(aarq.initiate.proposed_conformance, 0x007E1Fu);
  EXPECT_TRUE(has_conformance(aarq.initiate.proposed_conformance, ConformanceBit::get));
  EXPECT_TRUE(has_conformance(aarq.initiate.proposed_conformance, ConformanceBit::action));
  EXPECT_FALSE(has_conformance(aarq.initiate.proposed_conformance, ConformanceBit::access));
  EXPECT_EQ(aarq.initiate.client_max_receive_pdu_size, 1200);
}

TEST(DlmsApduAarq, JemStarConformanceIsGetSetSelectiveAccessAndBlockGet) {
  EXPECT_EQ(kJemStarConformance, 0x00101Cu);
}

TEST(DlmsApduAarq, PublicClientWithoutPasswordSendsNoAuthenticationFields) {
  // Constructed: context name + user-information only, JEMStar conformance, 512 bytes.
  const Bytes expected =
      hex("60 1D A1 09 06 07 60 85 74 05 08 01 01"
          " BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 10 1C 02 00");
  const Aarq aarq;
  EXPECT_EQ(encode_aarq(aarq), expected);
  const Aarq back = value_of(decode_aarq(expected));
  EXPECT_FALSE(back.password.has_value());
  EXPECT_FALSE(back.mechanism.has_value());
  EXPECT_EQ(back.initiate.client_max_receive_pdu_size, 512);
}

TEST(DlmsApduAarq, PublishedPublicClientAarqDecodes) {
  // A public-client AARQ from a published SPODES client log: every conformance bit
  // proposed, 1024-byte receive size.
  const Aarq aarq = value_of(decode_aarq(
      hex("60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 7F FF FF"
          " 04 00")));
  EXPECT_FALSE(aarq.password.has_value());
  EXPECT_EQ(aarq.initiate.proposed_conformance, 0x7FFFFFu);
  EXPECT_EQ(aarq.initiate.client_max_receive_pdu_size, 1024);
}

TEST(DlmsApduAarq, ReadOnlyClientPasswordIsSentAsItsOctets) {
  // Constructed: the manual's default password of client 2 ("ClientId2", 9 octets).
  Aarq aarq;
  aarq.password = "ClientId2";
  const Bytes expected =
      hex("60 37 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01"
          " AC 0B 80 09 43 6C 69 65 6E 74 49 64 32"
          " BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 10 1C 02 00");
  EXPECT_EQ(encode_aarq(aarq), expected);
  EXPECT_EQ(value_of(decode_aarq(expected)), [&] {
    Aarq a = aarq;
    a.mechanism = 1;
    return a;
  }());
}

TEST(DlmsApduAarq, InitiateRequestOptionalFieldsRoundTrip) {
  Aarq aarq;
  aarq.initiate.dedicated_key = Bytes{1, 2, 3};
  aarq.initiate.response_allowed = false;
  aarq.initiate.proposed_quality_of_service = -3;
  const Bytes bytes = encode_aarq(aarq);
  EXPECT_EQ(value_of(decode_aarq(bytes)).initiate, aarq.initiate);
}

TEST(DlmsApduAare, GreenBookAcceptedExampleDecodes) {
  const Aare aare = value_of(decode_aare(kGreenBookAare));
  EXPECT_EQ(aare.context, ApplicationContext::logical_name_no_ciphering);
  EXPECT_EQ(aare.result, AssociationResult::accepted);
  EXPECT_EQ(aare.diagnostic.source, DiagnosticSource::acse_service_user);
  EXPECT_EQ(aare.diagnostic.value, 0);
  const auto* initiate = std::get_if<InitiateResponse>(&aare.user_information);
  ASSERT_NE(initiate, nullptr);
  EXPECT_FALSE(initiate->negotiated_quality_of_service.has_value());
  EXPECT_EQ(initiate->negotiated_dlms_version, 6);
  EXPECT_EQ(initiate->negotiated_conformance, 0x00501Fu);
  EXPECT_EQ(initiate->server_max_receive_pdu_size, 500);
  EXPECT_EQ(initiate->vaa_name, kVaaNameLn);
  EXPECT_EQ(encode_aare(aare), kGreenBookAare);
}

TEST(DlmsApduAare, WrongPasswordIsRejectedPermanentWithAuthenticationFailure) {
  const Aare aare = value_of(decode_aare(kWrongPasswordAare));
  EXPECT_EQ(aare.result, AssociationResult::rejected_permanent);
  EXPECT_EQ(aare.diagnostic.source, DiagnosticSource::acse_service_user);
  EXPECT_EQ(static_cast<AcseServiceUser>(aare.diagnostic.value),
            AcseServiceUser::authentication_failure);
  EXPECT_EQ(describe(aare.diagnostic), "acse-service-user: authentication-failure (13)");
  EXPECT_EQ(to_text(aare.result), "rejected-permanent");
  EXPECT_EQ(encode_aare(aare), kWrongPasswordAare);
}

TEST(DlmsApduAare, RejectionWithConfirmedServiceErrorKeepsTheXdlmsReason) {
  // Constructed: rejected-permanent, no-reason-given, initiateError/initiate/
  // dlms-version-too-low in the user-information.
  const Bytes bytes =
      hex("61 1F A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 01 A3 05 A1 03 02 01 01"
          " BE 06 04 04 0E 01 06 01");
  const Aare aare = value_of(decode_aare(bytes));
  const auto* error = std::get_if<ConfirmedServiceError>(&aare.user_information);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(describe(*error), "initiateError: initiate: dlms-version-too-low");
  EXPECT_EQ(encode_aare(aare), bytes);
}

TEST(DlmsApduAare, ProviderDiagnosticAndUnknownFieldsAreHandled) {
  // Constructed: an acse-service-provider diagnostic, a responder mechanism name (LLS) and
  // an implementation-information field [29] that DLMS ignores.
  const Bytes bytes =
      hex("61 28 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 02 A3 05 A2 03 02 01 02"
          " 88 02 07 80 89 07 60 85 74 05 08 02 01 9D 02 41 42");
  const Aare aare = value_of(decode_aare(bytes));
  EXPECT_EQ(aare.result, AssociationResult::rejected_transient);
  EXPECT_EQ(aare.diagnostic.source, DiagnosticSource::acse_service_provider);
  EXPECT_EQ(describe(aare.diagnostic), "acse-service-provider: no-common-acse-version (2)");
  EXPECT_EQ(aare.mechanism, std::optional<std::uint8_t>(1));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(aare.user_information));
}

TEST(DlmsApduAare, MalformedAaresAreTypedErrorsWithOffsets) {
  EXPECT_EQ(error_of(decode_aare({})).code, ApduError::empty);
  EXPECT_EQ(error_of(decode_aare(kGreenBookLlsAarq)).code, ApduError::unexpected_tag);
  Bytes bad_result = kGreenBookAare;
  bad_result[17] = 0x05;  // association result 5
  const DecodeError e = error_of(decode_aare(bad_result));
  EXPECT_EQ(e.code, ApduError::bad_value);
  EXPECT_EQ(e.offset, 17u);
  Bytes long_length = kGreenBookAare;
  long_length[1] = 0x2A;  // one byte more than there is
  EXPECT_EQ(error_of(decode_aare(long_length)).code, ApduError::truncated);
  Bytes trailing = kGreenBookAare;
  trailing.push_back(0x00);
  EXPECT_EQ(error_of(decode_aare(trailing)).code, ApduError::trailing_bytes);
  Bytes no_result = hex("61 0B A1 09 06 07 60 85 74 05 08 01 01");
  EXPECT_EQ(error_of(decode_aare(no_result)).code, ApduError::truncated);
}

TEST(DlmsApduAare, EveryTruncationOfTheExamplesFailsCleanly) {
  for (const Bytes& full : {kGreenBookAare, kWrongPasswordAare, kGreenBookLlsAarq}) {
    for (std::size_t n = 0; n < full.size(); ++n) {
      const ByteView prefix(full.data(), n);
      const bool is_aare = full[0] == 0x61;
      const DecodeError e = is_aare ? error_of(decode_aare(prefix)) : error_of(decode_aarq(prefix));
      EXPECT_LE(e.offset, n) << "prefix " << n;
    }
  }
}

TEST(DlmsApduRelease, RlrqNormalAndRlreNormal) {
  EXPECT_EQ(encode_rlrq(Rlrq{}), hex("62 03 80 01 00"));
  EXPECT_EQ(value_of(decode_rlrq(hex("62 03 80 01 00"))).reason, std::optional<std::uint8_t>(0));
  const Rlre rlre = value_of(decode_rlre(hex("63 03 80 01 00")));
  EXPECT_EQ(rlre.reason, std::optional<std::uint8_t>(0));
  EXPECT_FALSE(rlre.initiate.has_value());
  EXPECT_EQ(encode_rlre(rlre), hex("63 03 80 01 00"));
}

TEST(DlmsApduRelease, RlreWithoutReasonAndWithInitiateResponse) {
  // Constructed: an empty RLRE, and one echoing an InitiateResponse (some servers do).
  EXPECT_FALSE(value_of(decode_rlre(hex("63 00"))).reason.has_value());
  const Bytes echoed = hex("63 15 80 01 00 BE 10 04 0E 08 00 06 5F 1F 04 00 00 10 1C 02 00 00 07");
  const Rlre rlre = value_of(decode_rlre(echoed));
  ASSERT_TRUE(rlre.initiate.has_value());
  EXPECT_EQ(rlre.initiate->server_max_receive_pdu_size, 512);
  EXPECT_EQ(encode_rlre(rlre), echoed);
}

TEST(DlmsApduRelease, RlreErrors) {
  EXPECT_EQ(error_of(decode_rlre(hex("62 03 80 01 00"))).code, ApduError::unexpected_tag);
  EXPECT_EQ(error_of(decode_rlre(hex("63 04 80 02 00 00"))).code, ApduError::bad_value);
  EXPECT_EQ(error_of(decode_rlre(hex("63 03 80 01"))).code, ApduError::truncated);
}

}  // namespace
}  // namespace jemhead::dlms::apdu
