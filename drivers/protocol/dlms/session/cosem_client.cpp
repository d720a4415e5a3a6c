// The association and the three services (GET, SET, release). The object conveniences
// built on them are in cosem_client_objects.cpp.
#include "drivers/protocol/dlms/session/cosem_client.hpp"

#include <type_traits>
#include <utility>
#include <variant>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/apdu/block_reassembler.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"
#include "drivers/protocol/dlms/session/session_failures.hpp"

namespace jemhead::dlms::session {

namespace {

using Bytes = std::vector<std::uint8_t>;

std::uint8_t request_tag(const apdu::XdlmsRequest& request) {
  return std::holds_alternative<apdu::SetRequestNormal>(request) ? apdu::kSetRequestTag
                                                                 : apdu::kGetRequestTag;
}

// ExceptionResponse and ConfirmedServiceError carry no invoke id: they answer whatever
// request is outstanding, and window 1 means there is only one.
std::optional<apdu::InvokeIdAndPriority> invoke_of(const apdu::XdlmsResponse& response) {
  return std::visit(
      [](const auto& r) -> std::optional<apdu::InvokeIdAndPriority> {
        using T = std::decay_t<decltype(r)>;
        if constexpr (requires { r.invoke; }) {
          return r.invoke;
        } else {
          static_assert(std::is_same_v<T, apdu::ExceptionResponse> ||
                        std::is_same_v<T, apdu::ConfirmedServiceError>);
          return std::nullopt;
        }
      },
      response);
}

std::string refusal_text(ClientRole role, const apdu::Aare& aare) {
  std::string text = "association as " + std::string(to_text(role)) +
                     " client refused: " + std::string(apdu::to_text(aare.result)) + ", " +
                     apdu::describe(aare.diagnostic);
  if (const auto* error = std::get_if<apdu::ConfirmedServiceError>(&aare.user_information))
    text += "; " + apdu::describe(*error);
  return text;
}

bool is_authentication_failure(const apdu::AssociationDiagnostic& diagnostic) {
  return diagnostic.source == apdu::DiagnosticSource::acse_service_user &&
         diagnostic.value ==
             static_cast<std::uint8_t>(apdu::AcseServiceUser::authentication_failure);
}

}  // namespace

CosemClient::CosemClient(link::ApduChannel& channel, CosemClientOptions options)
    : channel_(channel), options_(std::move(options)) {}

apdu::InvokeIdAndPriority CosemClient::next_invoke() {
  invoke_id_ = static_cast<std::uint8_t>(invoke_id_ % 15 + 1);  // 1..15, then again
  return apdu::InvokeIdAndPriority{invoke_id_, true, true, 0};
}

const Association& CosemClient::require_association(const std::string& what) const {
  if (!associated())
    throw drivers::ConnectionFailed(what + ": no association with the meter (associate first)");
  return *association_;
}

boost::asio::awaitable<Association> CosemClient::associate(ClientRole role, std::string password) {
  if (uses_lls(role) && password.empty())
    throw drivers::ConfigurationError("the " + std::string(to_text(role)) +
                                      " client authenticates with LLS and needs a password");
  if (!uses_lls(role) && !password.empty())
    throw drivers::ConfigurationError("the public client does not authenticate; no password");
  association_.reset();
  application_association_open_ = false;
  if (!channel_.connected()) {
    auto connecting = channel_.connect();
    co_await std::move(connecting);
  }

  apdu::Aarq aarq;
  if (uses_lls(role)) aarq.password = std::move(password);
  aarq.initiate.client_max_receive_pdu_size = options_.max_receive_pdu_size;
  const Bytes request = apdu::encode_aarq(aarq);
  auto exchanging = channel_.exchange(request);
  const Bytes reply = co_await std::move(exchanging);

  auto decoded = apdu::decode_aare(reply);
  if (const auto* error = std::get_if<apdu::DecodeError>(&decoded))
    throw drivers::BadResponse("AARE: " + apdu::describe(*error));
  const auto& aare = std::get<apdu::Aare>(decoded);
  if (aare.result != apdu::AssociationResult::accepted) {
    if (is_authentication_failure(aare.diagnostic))
      throw AuthenticationFailed(aare.result, aare.diagnostic, refusal_text(role, aare));
    throw AssociationRefused(aare.result, aare.diagnostic, refusal_text(role, aare));
  }
  const auto* initiate = std::get_if<apdu::InitiateResponse>(&aare.user_information);
  if (initiate == nullptr)
    throw drivers::BadResponse("AARE accepted the association without an InitiateResponse");
  application_association_open_ = true;
  if (aare.context != apdu::ApplicationContext::logical_name_no_ciphering ||
      initiate->vaa_name != apdu::kVaaNameLn)
    throw drivers::BadResponse(
        "AARE: the meter did not agree to LN referencing without "
        "ciphering");
  for (const auto bit :
       {apdu::ConformanceBit::get, apdu::ConformanceBit::block_transfer_with_get_or_read}) {
    if (!apdu::has_conformance(initiate->negotiated_conformance, bit))
      throw drivers::Unsupported(
          "the meter did not grant " +
          std::string(bit == apdu::ConformanceBit::get ? "get" : "block-transfer-with-get") +
          " to the " + std::string(to_text(role)) + " client");
  }
  association_ =
      Association{role, initiate->negotiated_conformance, initiate->server_max_receive_pdu_size,
                  initiate->negotiated_dlms_version};
  co_return *association_;
}

boost::asio::awaitable<apdu::XdlmsResponse> CosemClient::transact(apdu::XdlmsRequest request,
                                                                  std::string what) {
  const Association& association = require_association(what);
  const Bytes apdu_bytes = apdu::encode_request(request);
  // The meter has no block transfer for SET: a request it cannot receive whole cannot be
  // sent at all.
  if (association.server_max_receive_pdu != 0 &&
      apdu_bytes.size() > association.server_max_receive_pdu)
    throw drivers::Unsupported(what + ": request of " + std::to_string(apdu_bytes.size()) +
                               " bytes exceeds the meter's max receive PDU size " +
                               std::to_string(association.server_max_receive_pdu));
  auto exchanging = channel_.exchange(apdu_bytes);
  const Bytes reply = co_await std::move(exchanging);

  auto decoded = apdu::decode_response(reply);
  if (const auto* error = std::get_if<apdu::DecodeError>(&decoded))
    throw drivers::BadResponse(what + ": " + apdu::describe(*error));
  auto response = std::get<apdu::XdlmsResponse>(std::move(decoded));
  if (const auto* exception = std::get_if<apdu::ExceptionResponse>(&response))
    throw drivers::ProtocolException(request_tag(request), exception->service_error,
                                     what + ": exception-response " + apdu::describe(*exception));
  if (const auto* error = std::get_if<apdu::ConfirmedServiceError>(&response))
    throw drivers::ProtocolException(request_tag(request), error->value,
                                     what + ": confirmed-service-error " + apdu::describe(*error));
  const auto sent = std::visit([](const auto& r) { return r.invoke; }, request);
  const auto received = invoke_of(response);
  if (received && received->invoke_id != sent.invoke_id)
    throw drivers::BadResponse(what + ": response carries invoke id " +
                               std::to_string(received->invoke_id) + ", request had " +
                               std::to_string(sent.invoke_id));
  co_return response;
}

boost::asio::awaitable<axdr::Data> CosemClient::get(std::uint16_t class_id, cosem::Obis object,
                                                    std::int8_t attribute,
                                                    std::optional<apdu::AccessSelection> access) {
  const std::string what = "GET " + detail::describe_attribute(class_id, object, attribute);
  const auto invoke = next_invoke();
  apdu::GetRequestNormal request{invoke, {class_id, object.bytes(), attribute}, std::move(access)};
  auto first = transact(apdu::XdlmsRequest{std::move(request)}, what);
  apdu::XdlmsResponse response = co_await std::move(first);

  if (auto* normal = std::get_if<apdu::GetResponseNormal>(&response)) {
    if (const auto* refused = std::get_if<apdu::DataAccessResult>(&normal->result))
      detail::throw_data_access(static_cast<std::uint8_t>(*refused), what);
    co_return detail::decode_data(std::get<Bytes>(normal->result), what);
  }
  if (!std::holds_alternative<apdu::GetResponseWithDatablock>(response))
    throw drivers::BadResponse(what + ": answered with a SET-Response");

  // The answer did not fit the PDU size we proposed: collect the blocks, acknowledging
  // each with GET-Request-Next under the same invoke id.
  apdu::DatablockReassembler reassembler(options_.max_reassembled_bytes);
  apdu::GetResponseWithDatablock block =
      std::get<apdu::GetResponseWithDatablock>(std::move(response));
  for (;;) {
    const auto step = reassembler.add(block);
    if (const auto* problem = std::get_if<apdu::ReassemblyProblem>(&step)) {
      if (problem->access_result)
        detail::throw_data_access(static_cast<std::uint8_t>(*problem->access_result), what);
      throw drivers::BadResponse(what + ": datablock transfer broken (" +
                                 std::string(apdu::to_text(problem->error)) +
                                 "): " + problem->detail);
    }
    if (std::get<apdu::DatablockReassembler::Progress>(step) ==
        apdu::DatablockReassembler::Progress::complete)
      break;
    auto next = transact(apdu::XdlmsRequest{reassembler.next_request(invoke)}, what);
    apdu::XdlmsResponse following = co_await std::move(next);
    auto* more = std::get_if<apdu::GetResponseWithDatablock>(&following);
    if (more == nullptr)
      throw drivers::BadResponse(what + ": GET-Request-Next after block " +
                                 std::to_string(reassembler.last_block()) +
                                 " not answered with a datablock");
    block = std::move(*more);
  }
  co_return detail::decode_data(reassembler.data(), what);
}

boost::asio::awaitable<void> CosemClient::set(std::uint16_t class_id, cosem::Obis object,
                                              std::int8_t attribute, axdr::Data value) {
  const std::string what = "SET " + detail::describe_attribute(class_id, object, attribute);
  const Association& association = require_association(what);
  if (!apdu::has_conformance(association.conformance, apdu::ConformanceBit::set))
    throw drivers::Unsupported(what + ": the meter did not grant set to the " +
                               std::string(to_text(association.role)) + " client");
  apdu::SetRequestNormal request{
      next_invoke(), {class_id, object.bytes(), attribute}, std::nullopt, axdr::encode(value)};
  auto setting = transact(apdu::XdlmsRequest{std::move(request)}, what);
  const apdu::XdlmsResponse response = co_await std::move(setting);
  const auto* answer = std::get_if<apdu::SetResponseNormal>(&response);
  if (answer == nullptr) throw drivers::BadResponse(what + ": answered with a GET-Response");
  if (answer->result != apdu::DataAccessResult::success)
    detail::throw_data_access(static_cast<std::uint8_t>(answer->result), what);
}

boost::asio::awaitable<ReleaseOutcome> CosemClient::release() {
  ReleaseOutcome outcome;
  const bool send_rlrq = application_association_open_ && channel_.connected();
  association_.reset();
  application_association_open_ = false;
  if (send_rlrq) {
    // Some meters drop the link instead of answering: whatever comes back (or does not),
    // the association is over and the link is closed below.
    try {
      const Bytes request = apdu::encode_rlrq(apdu::Rlrq{});
      auto exchanging = channel_.exchange(request);
      const Bytes reply = co_await std::move(exchanging);
      const auto decoded = apdu::decode_rlre(reply);
      if (const auto* rlre = std::get_if<apdu::Rlre>(&decoded)) {
        outcome.rlre_received = true;
        outcome.rlre_reason = rlre->reason;
      }
    } catch (const drivers::DriverError&) {
    }
  }
  if (channel_.connected()) {
    try {
      auto disconnecting = channel_.disconnect();
      co_await std::move(disconnecting);
      outcome.link_closed_cleanly = true;
    } catch (const drivers::DriverError&) {
    }
  }
  co_return outcome;
}

}  // namespace jemhead::dlms::session
