// AARE: the server's association response.
#include <array>
#include <string>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/acse_ber.hpp"

namespace jemhead::dlms::apdu {

using namespace detail;

namespace {
constexpr std::uint8_t kAareTag = 0x61;

constexpr std::array<std::string_view, 15> kServiceUserNames = {
    "null",
    "no-reason-given",
    "application-context-name-not-supported",
    "calling-AP-title-not-recognized",
    "calling-AP-invocation-identifier-not-recognized",
    "calling-AE-qualifier-not-recognized",
    "calling-AE-invocation-identifier-not-recognized",
    "called-AP-title-not-recognized",
    "called-AP-invocation-identifier-not-recognized",
    "called-AE-qualifier-not-recognized",
    "called-AE-invocation-identifier-not-recognized",
    "authentication-mechanism-name-not-recognised",
    "authentication-mechanism-name-required",
    "authentication-failure",
    "authentication-required"};
constexpr std::array<std::string_view, 3> kServiceProviderNames = {"null", "no-reason-given",
                                                                   "no-common-acse-version"};

void put_small_integer(Bytes& out, std::uint8_t tag, std::uint8_t value) {
  const std::uint8_t integer[] = {0x02, 0x01, value};
  put_tlv(out, tag, integer);
}
}  // namespace

std::string_view to_text(AssociationResult result) {
  switch (result) {
    case AssociationResult::accepted: return "accepted";
    case AssociationResult::rejected_permanent: return "rejected-permanent";
    case AssociationResult::rejected_transient: return "rejected-transient";
  }
  return "unknown";
}
std::string_view to_text(AcseServiceUser value) {
  const auto i = static_cast<std::size_t>(value);
  return i < kServiceUserNames.size() ? kServiceUserNames[i] : "unknown";
}
std::string_view to_text(AcseServiceProvider value) {
  const auto i = static_cast<std::size_t>(value);
  return i < kServiceProviderNames.size() ? kServiceProviderNames[i] : "unknown";
}

std::string describe(const AssociationDiagnostic& d) {
  const bool user = d.source == DiagnosticSource::acse_service_user;
  std::string text = user ? "acse-service-user: " : "acse-service-provider: ";
  text += user ? to_text(static_cast<AcseServiceUser>(d.value))
               : to_text(static_cast<AcseServiceProvider>(d.value));
  return text + " (" + std::to_string(d.value) + ")";
}

Bytes encode_aare(const Aare& aare) {
  Bytes content;
  put_context_name(content, static_cast<std::uint8_t>(aare.context));
  put_small_integer(content, 0xA2, static_cast<std::uint8_t>(aare.result));
  Bytes diagnostic;
  put_small_integer(diagnostic,
                    aare.diagnostic.source == DiagnosticSource::acse_service_user ? 0xA1 : 0xA2,
                    aare.diagnostic.value);
  put_tlv(content, 0xA3, diagnostic);
  if (aare.mechanism) {
    put_tlv(content, 0x88, std::array<std::uint8_t, 2>{0x07, 0x80});
    put_tlv(content, 0x89, dlms_oid(kMechanismArc, *aare.mechanism));
  }
  if (const auto* initiate = std::get_if<InitiateResponse>(&aare.user_information))
    put_user_information(content, encode_initiate_response(*initiate));
  else if (const auto* error = std::get_if<ConfirmedServiceError>(&aare.user_information))
    put_user_information(content, encode_confirmed_service_error(*error));
  Bytes out;
  put_tlv(out, kAareTag, content);
  return out;
}

Decoded<Aare> decode_aare(ByteView apdu) {
  ByteReader r(apdu);
  Tlv envelope;
  if (!open_envelope(r, kAareTag, envelope, "AARE")) return r.take_error();
  ByteReader fields(envelope.value, envelope.value_offset);
  Aare aare;
  bool have_result = false, have_diagnostic = false;
  while (!fields.at_end()) {
    Tlv field;
    if (!read_tlv(fields, field, "AARE field")) return fields.take_error();
    switch (field.tag) {
      case 0xA1: {
        std::uint8_t variant = 0;
        if (!read_context_name(field, variant, fields)) return fields.take_error();
        aare.context = static_cast<ApplicationContext>(variant);
        break;
      }
      case 0xA2: {
        std::uint8_t result = 0;
        if (!read_small_integer(field, result, fields, "association result"))
          return fields.take_error();
        if (result > 2)
          return DecodeError{ApduError::bad_value, field.value_offset + 2,
                             "association result " + std::to_string(result)};
        aare.result = static_cast<AssociationResult>(result);
        have_result = true;
        break;
      }
      case 0xA3: {
        ByteReader choice(field.value, field.value_offset);
        Tlv source;
        if (!read_tlv(choice, source, "result-source-diagnostic") ||
            !choice.expect_end("result-source-diagnostic"))
          return choice.take_error();
        if (source.tag != 0xA1 && source.tag != 0xA2)
          return DecodeError{ApduError::unexpected_tag, field.value_offset,
                             "result-source-diagnostic source tag " + std::to_string(source.tag)};
        aare.diagnostic.source = source.tag == 0xA1 ? DiagnosticSource::acse_service_user
                                                    : DiagnosticSource::acse_service_provider;
        if (!read_small_integer(source, aare.diagnostic.value, fields, "diagnostic"))
          return fields.take_error();
        have_diagnostic = true;
        break;
      }
      case 0x89: {
        std::uint8_t variant = 0;
        if (!read_dlms_oid(field, kMechanismArc, variant, fields, "mechanism-name"))
          return fields.take_error();
        aare.mechanism = variant;
        break;
      }
      case 0xBE: {
        InitiateApdu inner;
        if (!read_user_information(field, inner, fields)) return fields.take_error();
        if (const auto* response = std::get_if<InitiateResponse>(&inner))
          aare.user_information = *response;
        else if (const auto* error = std::get_if<ConfirmedServiceError>(&inner))
          aare.user_information = *error;
        else
          return DecodeError{ApduError::unexpected_tag, field.value_offset,
                             "AARE user-information holds an InitiateRequest"};
        break;
      }
      default:  // protocol-version, responding titles, responding-authentication-value, ...
        break;
    }
  }
  if (!have_result || !have_diagnostic)
    return DecodeError{
        ApduError::truncated, apdu.size(),
        have_result ? "AARE without result-source-diagnostic" : "AARE without result"};
  return aare;
}

}  // namespace jemhead::dlms::apdu
