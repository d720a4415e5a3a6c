#pragma once
// ACSE APDUs (BER, IEC 62056-53 / Green Book): AARQ/AARE open an association, RLRQ/RLRE
// release it. Only the fields DLMS uses are modelled; other fields of a received APDU are
// skipped (their TLV structure is still checked). Encoders emit the DLMS field order.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "drivers/protocol/dlms/apdu/apdu_error.hpp"
#include "drivers/protocol/dlms/apdu/initiate.hpp"

namespace jemhead::dlms::apdu {

// The last arc of the DLMS application context name 2.16.756.5.8.1.x.
enum class ApplicationContext : std::uint8_t {
  logical_name_no_ciphering = 1,  // the only context the JEMStar II supports
  short_name_no_ciphering = 2,
  logical_name_with_ciphering = 3,
  short_name_with_ciphering = 4,
};

// The last arc of the mechanism name 2.16.756.5.8.2.x.
enum class AuthenticationMechanism : std::uint8_t {
  lowest = 0,  // public client (SAP 16): no mechanism name is sent
  low = 1,     // LLS password (SAPs 1 and 2)
  high = 2,
  high_md5 = 3,
  high_sha1 = 4,
  high_gmac = 5,
  high_sha256 = 6,
  high_ecdsa = 7,
};

struct Aarq {
  ApplicationContext context = ApplicationContext::logical_name_no_ciphering;
  // Present = LLS: sender-acse-requirements (authentication), mechanism name "low" and the
  // calling authentication value (the password, sent as its raw octets). Absent = lowest.
  std::optional<std::string> password;
  // On decode: the mechanism named, if any (the server checks it is `low`).
  std::optional<std::uint8_t> mechanism;
  InitiateRequest initiate;
  bool operator==(const Aarq&) const = default;
};

enum class AssociationResult : std::uint8_t {
  accepted = 0,
  rejected_permanent = 1,
  rejected_transient = 2,
};

// result-source-diagnostic ::= CHOICE { acse-service-user [1], acse-service-provider [2] }
enum class DiagnosticSource : std::uint8_t { acse_service_user = 1, acse_service_provider = 2 };

enum class AcseServiceUser : std::uint8_t {
  null = 0,
  no_reason_given = 1,
  application_context_name_not_supported = 2,
  calling_ap_title_not_recognized = 3,
  calling_ap_invocation_identifier_not_recognized = 4,
  calling_ae_qualifier_not_recognized = 5,
  calling_ae_invocation_identifier_not_recognized = 6,
  called_ap_title_not_recognized = 7,
  called_ap_invocation_identifier_not_recognized = 8,
  called_ae_qualifier_not_recognized = 9,
  called_ae_invocation_identifier_not_recognized = 10,
  authentication_mechanism_name_not_recognised = 11,
  authentication_mechanism_name_required = 12,
  authentication_failure = 13,
  authentication_required = 14,
};

enum class AcseServiceProvider : std::uint8_t {
  null = 0,
  no_reason_given = 1,
  no_common_acse_version = 2,
};

struct AssociationDiagnostic {
  DiagnosticSource source = DiagnosticSource::acse_service_user;
  std::uint8_t value = 0;  // AcseServiceUser or AcseServiceProvider, by source
  bool operator==(const AssociationDiagnostic&) const = default;
};
std::string_view to_text(AssociationResult result);
std::string_view to_text(AcseServiceUser value);
std::string_view to_text(AcseServiceProvider value);
// "acse-service-user: authentication-failure (13)"
std::string describe(const AssociationDiagnostic& diagnostic);

struct Aare {
  ApplicationContext context = ApplicationContext::logical_name_no_ciphering;
  AssociationResult result = AssociationResult::accepted;
  AssociationDiagnostic diagnostic;
  std::optional<std::uint8_t> mechanism;  // responder's mechanism name, if sent
  // InitiateResponse on success; ConfirmedServiceError when the xDLMS part was refused;
  // nothing when the server sent no user-information (allowed on rejection).
  std::variant<std::monostate, InitiateResponse, ConfirmedServiceError> user_information;
  bool operator==(const Aare&) const = default;
};

// RLRQ reason: 0 normal, 1 urgent, 30 user-defined. RLRE reason: 0 normal,
// 1 not-finished, 30 user-defined.
struct Rlrq {
  std::optional<std::uint8_t> reason = 0;
  bool operator==(const Rlrq&) const = default;
};
struct Rlre {
  std::optional<std::uint8_t> reason = 0;
  std::optional<InitiateResponse> initiate;  // some servers echo one; ignored otherwise
  bool operator==(const Rlre&) const = default;
};

Bytes encode_aarq(const Aarq& aarq);
Bytes encode_aare(const Aare& aare);  // for the simulator
Bytes encode_rlrq(const Rlrq& rlrq);
Bytes encode_rlre(const Rlre& rlre);  // for the simulator

Decoded<Aarq> decode_aarq(ByteView apdu);  // for the simulator
Decoded<Aare> decode_aare(ByteView apdu);
Decoded<Rlrq> decode_rlrq(ByteView apdu);  // for the simulator
Decoded<Rlre> decode_rlre(ByteView apdu);

}  // namespace jemhead::dlms::apdu
