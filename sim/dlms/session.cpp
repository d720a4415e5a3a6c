#include "sim/dlms/session.hpp"

#include <algorithm>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "sim/dlms/ethernet_log_object.hpp"
#include "sim/dlms/profile_objects.hpp"

namespace jemhead::sim::dlms_server {

namespace {

using apdu::AcseServiceUser;
using apdu::Bytes;
using apdu::DataAccessResult;

constexpr std::uint8_t kAarqTag = 0x60;
constexpr std::uint8_t kRlrqTag = 0x62;

// ExceptionResponse fields (Green Book).
constexpr std::uint8_t kServiceNotAllowed = 1, kServiceUnknown = 2;
constexpr std::uint8_t kOperationNotPossible = 1, kServiceNotSupported = 2, kOtherReason = 3;

// ConfirmedServiceError initiateError / initiate values.
constexpr std::uint8_t kDlmsVersionTooLow = 1, kIncompatibleConformance = 2, kPduSizeTooShort = 3;

std::optional<DlmsClient> client_of(std::uint16_t sap) {
  switch (sap) {
    case 1: return DlmsClient::manager;
    case 2: return DlmsClient::reader;
    case 16: return DlmsClient::public_client;
    default: return std::nullopt;
  }
}

apdu::Aare rejection(AcseServiceUser reason) {
  apdu::Aare aare;
  aare.result = apdu::AssociationResult::rejected_permanent;
  aare.diagnostic = {apdu::DiagnosticSource::acse_service_user, static_cast<std::uint8_t>(reason)};
  return aare;
}

}  // namespace

DlmsSession::DlmsSession(DlmsMeterServer& server, Now now)
    : server_(server), now_(std::move(now)) {}

std::optional<Bytes> DlmsSession::serve(std::uint16_t client_sap, apdu::ByteView apdu) {
  drop_ = false;
  if (apdu.empty()) return std::nullopt;
  switch (apdu[0]) {
    case kAarqTag: return associate(client_sap, apdu);
    case kRlrqTag: return release();
    default: break;
  }
  auto answer = xdlms(client_sap, apdu);
  if (drop_) return std::nullopt;
  return answer;
}

Bytes DlmsSession::associate(std::uint16_t client_sap, apdu::ByteView bytes) {
  // A new AARQ replaces whatever association this connection had.
  client_.reset();
  long_get_.reset();
  auto& counters = server_.counters();
  const auto decoded = apdu::decode_aarq(bytes);
  const auto client = client_of(client_sap);
  apdu::Aare aare = rejection(AcseServiceUser::no_reason_given);
  const auto* aarq = std::get_if<apdu::Aarq>(&decoded);
  if (!aarq || !client) {
    ++counters.associations_rejected;
    return apdu::encode_aare(aare);
  }
  if (aarq->context != apdu::ApplicationContext::logical_name_no_ciphering) {
    ++counters.associations_rejected;
    return apdu::encode_aare(rejection(AcseServiceUser::application_context_name_not_supported));
  }
  if (*client != DlmsClient::public_client) {
    // LLS (manual L6567-L6583): mechanism "low" and the client's password.
    const auto low = static_cast<std::uint8_t>(apdu::AuthenticationMechanism::low);
    const auto& expected = *client == DlmsClient::manager ? server_.spec().manager_password
                                                          : server_.spec().reader_password;
    std::optional<AcseServiceUser> problem;
    if (!aarq->mechanism)
      problem = AcseServiceUser::authentication_mechanism_name_required;
    else if (*aarq->mechanism != low)
      problem = AcseServiceUser::authentication_mechanism_name_not_recognised;
    else if (!aarq->password || *aarq->password != expected)
      problem = AcseServiceUser::authentication_failure;
    if (problem) {
      ++counters.associations_rejected;
      aare = rejection(*problem);
      aare.mechanism = low;
      return apdu::encode_aare(aare);
    }
    aare.mechanism = low;
  }
  const auto& initiate = aarq->initiate;
  const std::uint32_t conformance = initiate.proposed_conformance & apdu::kJemStarConformance;
  std::optional<std::uint8_t> initiate_error;
  if (initiate.proposed_dlms_version < apdu::kDlmsVersion)
    initiate_error = kDlmsVersionTooLow;
  else if (conformance == 0)
    initiate_error = kIncompatibleConformance;
  else if (initiate.client_max_receive_pdu_size < kMinClientPduSize)
    initiate_error = kPduSizeTooShort;
  if (initiate_error) {
    ++counters.associations_rejected;
    aare.user_information = apdu::ConfirmedServiceError{1, 6, *initiate_error};
    return apdu::encode_aare(aare);
  }
  aare.result = apdu::AssociationResult::accepted;
  aare.diagnostic = {apdu::DiagnosticSource::acse_service_user,
                     static_cast<std::uint8_t>(AcseServiceUser::null)};
  apdu::InitiateResponse response;
  response.negotiated_conformance = conformance;
  response.server_max_receive_pdu_size = server_.spec().max_pdu_size;
  aare.user_information = response;
  client_ = client;
  client_sap_ = client_sap;
  conformance_ = conformance;
  max_response_ =
      std::min<std::size_t>(initiate.client_max_receive_pdu_size, server_.spec().max_pdu_size);
  ++counters.associations_accepted;
  return apdu::encode_aare(aare);
}

Bytes DlmsSession::release() {
  // Any RLRQ ends the association normally; the connection stays open for a new AARQ.
  client_.reset();
  long_get_.reset();
  ++server_.counters().releases;
  return apdu::encode_rlre(apdu::Rlre{});
}

Bytes DlmsSession::exception(std::uint8_t state_error, std::uint8_t service_error) {
  ++server_.counters().exceptions;
  return apdu::encode_response(apdu::ExceptionResponse{state_error, service_error, std::nullopt});
}

Bytes DlmsSession::xdlms(std::uint16_t client_sap, apdu::ByteView bytes) {
  if (!client_ || client_sap != client_sap_)
    return exception(kServiceNotAllowed, kOperationNotPossible);
  const auto decoded = apdu::decode_request(bytes);
  if (const auto* e = std::get_if<apdu::DecodeError>(&decoded)) {
    const bool unknown = e->code == apdu::ApduError::unsupported_choice ||
                         e->code == apdu::ApduError::unexpected_tag;
    return exception(kServiceUnknown, unknown ? kServiceNotSupported : kOtherReason);
  }
  const auto& request = std::get<apdu::XdlmsRequest>(decoded);
  if (const auto* g = std::get_if<apdu::GetRequestNormal>(&request)) {
    if (!apdu::has_conformance(conformance_, apdu::ConformanceBit::get))
      return exception(kServiceNotAllowed, kServiceNotSupported);
    return get(*g);
  }
  if (const auto* n = std::get_if<apdu::GetRequestNext>(&request)) return get_next(*n);
  if (!apdu::has_conformance(conformance_, apdu::ConformanceBit::set))
    return exception(kServiceNotAllowed, kServiceNotSupported);
  return set(std::get<apdu::SetRequestNormal>(request));
}

Bytes DlmsSession::get(const apdu::GetRequestNormal& request) {
  ++server_.counters().get_requests;
  long_get_.reset();  // a new GET abandons an unfinished one
  apdu::GetResponseNormal response{request.invoke, DataAccessResult::other_reason};
  Bytes data;
  if (is_ethernet_log(request.attribute)) {
    auto result = get_ethernet_log_attribute(server_.ethernet_log(), *client_, request.attribute,
                                             request.access.has_value());
    if (auto* refused = std::get_if<DataAccessResult>(&result)) {
      response.result = *refused;
      return apdu::encode_response(response);
    }
    data = std::move(std::get<Bytes>(result));
  } else if (is_load_profile(request.attribute)) {
    // Encoded once, straight to bytes; a long buffer then goes out in datablocks.
    auto result =
        get_profile_attribute(server_.meter(), *client_, request.attribute, request.access, now_());
    if (auto* refused = std::get_if<DataAccessResult>(&result)) {
      response.result = *refused;
      return apdu::encode_response(response);
    }
    data = std::move(std::get<Bytes>(result));
  } else {
    // Only the profiles' buffers take selective access.
    if (request.access) return apdu::encode_response(response);
    auto result = get_attribute(server_.meter(), *client_, request.attribute, now_());
    if (auto* refused = std::get_if<DataAccessResult>(&result)) {
      response.result = *refused;
      return apdu::encode_response(response);
    }
    data = axdr::encode(std::get<axdr::Data>(result));
  }
  response.result = data;
  Bytes encoded = apdu::encode_response(response);
  if (encoded.size() <= max_response_) return encoded;
  long_get_ = LongGet{request.invoke, std::move(data), 0, 0};
  return next_block();
}

Bytes DlmsSession::get_next(const apdu::GetRequestNext& request) {
  ++server_.counters().get_requests;
  apdu::GetResponseWithDatablock refusal{request.invoke, true, request.block_number,
                                         DataAccessResult::no_long_get_in_progress};
  if (!long_get_) return apdu::encode_response(refusal);
  if (request.block_number != long_get_->block) {
    long_get_.reset();
    refusal.result = DataAccessResult::data_block_number_invalid;
    return apdu::encode_response(refusal);
  }
  if (server_.cut_transfer(long_get_->block)) {
    // The line "fails" here: the session is left as a dropped connection leaves it.
    long_get_.reset();
    drop_ = true;
    return {};
  }
  long_get_->invoke = request.invoke;
  return next_block();
}

Bytes DlmsSession::next_block() {
  auto& g = *long_get_;
  const std::size_t chunk = max_response_ - kDatablockOverhead;
  const std::size_t n = std::min(chunk, g.data.size() - g.offset);
  apdu::GetResponseWithDatablock block;
  block.invoke = g.invoke;
  block.block_number = ++g.block;
  block.result = Bytes(g.data.begin() + static_cast<std::ptrdiff_t>(g.offset),
                       g.data.begin() + static_cast<std::ptrdiff_t>(g.offset + n));
  g.offset += n;
  block.last_block = g.offset == g.data.size();
  ++server_.counters().datablocks_sent;
  if (block.last_block) long_get_.reset();
  return apdu::encode_response(block);
}

Bytes DlmsSession::set(const apdu::SetRequestNormal& request) {
  ++server_.counters().set_requests;
  long_get_.reset();
  apdu::SetResponseNormal response{request.invoke, DataAccessResult::read_write_denied};
  if (is_ethernet_log(request.attribute)) {
    // Read-only (L16685-L16710).
    if (request.attribute.attribute_id < 1 || request.attribute.attribute_id > 8)
      response.result = DataAccessResult::object_undefined;
  } else if (!request.access)
    response.result =
        set_attribute(server_.meter(), *client_, request.attribute, request.value, now_());
  return apdu::encode_response(response);
}

}  // namespace jemhead::sim::dlms_server
