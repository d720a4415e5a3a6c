#pragma once
// xDLMS InitiateRequest/InitiateResponse (carried in the AARQ/AARE user-information), the
// conformance block both sides negotiate, and ConfirmedServiceError, the xDLMS answer to a
// request the server cannot serve at all (e.g. an InitiateRequest with a bad version).
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "drivers/protocol/dlms/apdu/apdu_error.hpp"

namespace jemhead::dlms::apdu {

// Conformance block bit numbers as the Green Book numbers them: bit 0 is the most
// significant bit of the 24-bit block.
enum class ConformanceBit : unsigned {
  general_protection = 1,
  general_block_transfer = 2,
  read = 3,
  write = 4,
  unconfirmed_write = 5,
  attribute0_supported_with_set = 8,
  priority_mgmt_supported = 9,
  attribute0_supported_with_get = 10,
  block_transfer_with_get_or_read = 11,
  block_transfer_with_set_or_write = 12,
  block_transfer_with_action = 13,
  multiple_references = 14,
  information_report = 15,
  data_notification = 16,
  access = 17,
  parameterized_access = 18,
  get = 19,
  set = 20,
  selective_access = 21,
  event_notification = 22,
  action = 23,
};

constexpr std::uint32_t conformance_mask(ConformanceBit bit) {
  return 1u << (23u - static_cast<unsigned>(bit));
}

// What the client proposes to the JEMStar II: exactly the services the manual lists as
// supported ("get", "set (time synchronization only)", "selective-access",
// "block-transfer-with-get"; part7 §4). Nothing else, so a server that grants more cannot
// lure us into services the meter does not have. = 0x00101C.
inline constexpr std::uint32_t kJemStarConformance =
    conformance_mask(ConformanceBit::get) | conformance_mask(ConformanceBit::set) |
    conformance_mask(ConformanceBit::selective_access) |
    conformance_mask(ConformanceBit::block_transfer_with_get_or_read);

constexpr bool has_conformance(std::uint32_t block, ConformanceBit bit) {
  return (block & conformance_mask(bit)) != 0;
}

// The meter's default Max APDU (manual L6486–L6494).
inline constexpr std::uint16_t kDefaultMaxReceivePduSize = 512;
inline constexpr std::uint8_t kDlmsVersion = 6;
inline constexpr std::uint16_t kVaaNameLn = 0x0007;  // LN referencing

struct InitiateRequest {
  std::optional<Bytes> dedicated_key;  // only with ciphering; absent for the JEMStar
  bool response_allowed = true;
  std::optional<std::int8_t> proposed_quality_of_service;
  std::uint8_t proposed_dlms_version = kDlmsVersion;
  std::uint32_t proposed_conformance = kJemStarConformance;  // 24 bits
  std::uint16_t client_max_receive_pdu_size = kDefaultMaxReceivePduSize;
  bool operator==(const InitiateRequest&) const = default;
};

struct InitiateResponse {
  std::optional<std::int8_t> negotiated_quality_of_service;
  std::uint8_t negotiated_dlms_version = kDlmsVersion;
  std::uint32_t negotiated_conformance = 0;
  std::uint16_t server_max_receive_pdu_size = 0;
  std::uint16_t vaa_name = kVaaNameLn;
  bool operator==(const InitiateResponse&) const = default;
};

// ConfirmedServiceError ::= CHOICE { initiateError [1], getStatus [2], ..., write [6] ...}
// each holding a ServiceError CHOICE (application-reference [0] ... other [10]) whose value
// is an enumeration. Kept as the three numbers plus names for the log.
struct ConfirmedServiceError {
  std::uint8_t service = 1;      // 1 = initiateError
  std::uint8_t error_class = 6;  // 6 = initiate
  std::uint8_t value = 0;        // for initiate: 1 dlms-version-too-low, 2 incompatible-
                                 // conformance, 3 pdu-size-too-short, 4 refused-by-the-VDE-Handler
  bool operator==(const ConfirmedServiceError&) const = default;
};
std::string describe(
    const ConfirmedServiceError& error);  // "initiateError: initiate: pdu-size-too-short"

Bytes encode_initiate_request(const InitiateRequest& request);
Bytes encode_initiate_response(const InitiateResponse& response);
Bytes encode_confirmed_service_error(const ConfirmedServiceError& error);

// An xDLMS APDU found in an AARQ/AARE/RLRQ/RLRE user-information field.
using InitiateApdu = std::variant<InitiateRequest, InitiateResponse, ConfirmedServiceError>;
// `base` = offset of bytes[0] within the enclosing APDU, for error offsets.
Decoded<InitiateApdu> decode_initiate_apdu(ByteView bytes, std::size_t base = 0);

}  // namespace jemhead::dlms::apdu
