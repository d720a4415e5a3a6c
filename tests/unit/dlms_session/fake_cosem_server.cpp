#include "tests/unit/dlms_session/fake_cosem_server.hpp"

#include <algorithm>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"

namespace jemhead::dlms::session::testing {

namespace {
constexpr cosem::Obis kClock{0, 0, 1, 0, 0, 255};
constexpr std::uint8_t kAarqTag = 0x60, kRlrqTag = 0x62;

// The column holding the clock's time: from the capture objects when given, else 0.
std::size_t clock_column(const axdr::Data* capture_objects) {
  if (capture_objects == nullptr) return 0;
  const auto& objects = capture_objects->as_array();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const auto& o = objects[i].as_structure();
    if (o.at(0).as_long_unsigned() == 8 &&
        cosem::Obis::from_octet_string(o.at(1).as_octet_string()) == kClock)
      return i;
  }
  return 0;
}
}  // namespace

axdr::Data FakeCosemServer::select_range(const cosem::Obis& profile, const axdr::Data& buffer,
                                         UtcTime from, UtcTime to) const {
  const auto shape = capture_objects.find(profile);
  const auto column = clock_column(shape == capture_objects.end() ? nullptr : &shape->second);
  std::vector<axdr::Data> selected;
  for (const auto& entry : buffer.as_array()) {
    const auto stamp_value = axdr::date_time_of(entry.as_structure().at(column));
    const auto stamp = stamp_value.deviation_minutes()
                           ? axdr::to_utc(stamp_value)
                           : axdr::to_utc(stamp_value, clock.deviation_minutes().value_or(0));
    if (stamp && *stamp >= from && *stamp <= to) selected.push_back(entry);
  }
  return axdr::Data::make_array(std::move(selected));
}

boost::asio::awaitable<void> FakeCosemServer::connect() {
  ++connects;
  connected_ = true;
  co_return;
}

boost::asio::awaitable<void> FakeCosemServer::disconnect() {
  ++disconnects;
  connected_ = false;
  associated_ = false;
  co_return;
}

boost::asio::awaitable<Bytes> FakeCosemServer::exchange(
    std::span<const std::uint8_t> request_apdu) {
  if (!connected_) throw drivers::ConnectionFailed("fake: not connected");
  Bytes request(request_apdu.begin(), request_apdu.end());
  requests.push_back(request);
  if (!request.empty() && request[0] == kRlrqTag && drop_link_on_rlrq) {
    connected_ = false;
    associated_ = false;
    throw drivers::ConnectionFailed("fake: meter hung up on the RLRQ");
  }
  co_return answer(request);
}

apdu::InvokeIdAndPriority FakeCosemServer::reply_invoke(apdu::InvokeIdAndPriority invoke) const {
  if (wrong_invoke_id) invoke.invoke_id = static_cast<std::uint8_t>((invoke.invoke_id + 1) & 0x0F);
  return invoke;
}

Bytes FakeCosemServer::answer(const Bytes& request) {
  if (request.at(0) == kAarqTag)
    return answer_aarq(std::get<apdu::Aarq>(apdu::decode_aarq(request)));
  if (request.at(0) == kRlrqTag) {
    associated_ = false;
    return apdu::encode_rlre(apdu::Rlre{});
  }
  if (!associated_) return apdu::encode_response(apdu::ExceptionResponse{1, 1, std::nullopt});
  const auto decoded = std::get<apdu::XdlmsRequest>(apdu::decode_request(request));
  if (const auto* get = std::get_if<apdu::GetRequestNormal>(&decoded)) return answer_get(*get);
  if (const auto* next = std::get_if<apdu::GetRequestNext>(&decoded)) return answer_next(*next);
  return answer_set(std::get<apdu::SetRequestNormal>(decoded));
}

Bytes FakeCosemServer::answer_aarq(const apdu::Aarq& aarq) {
  last_aarq = aarq;
  apdu::Aare aare;
  const auto refuse = [&](apdu::AcseServiceUser why) {
    aare.result = apdu::AssociationResult::rejected_permanent;
    aare.diagnostic = {apdu::DiagnosticSource::acse_service_user, static_cast<std::uint8_t>(why)};
    return apdu::encode_aare(aare);
  };
  if (refuse_every_aarq) return refuse(*refuse_every_aarq);
  const auto expected = passwords.find(client_sap_);
  if (expected == passwords.end()) {  // public: lowest level only
    if (aarq.password)
      return refuse(apdu::AcseServiceUser::authentication_mechanism_name_not_recognised);
  } else {
    if (!aarq.password) return refuse(apdu::AcseServiceUser::authentication_required);
    if (*aarq.password != expected->second)
      return refuse(apdu::AcseServiceUser::authentication_failure);
  }
  associated_ = true;
  client_max_receive_pdu_ = aarq.initiate.client_max_receive_pdu_size;
  apdu::InitiateResponse initiate;
  initiate.negotiated_conformance = aarq.initiate.proposed_conformance & granted_conformance;
  initiate.server_max_receive_pdu_size = server_max_receive_pdu;
  aare.user_information = initiate;
  return apdu::encode_aare(aare);
}

std::variant<axdr::Data, apdu::DataAccessResult> FakeCosemServer::read(
    const apdu::GetRequestNormal& get) {
  const cosem::Obis object(get.attribute.instance_id);
  const bool public_client = client_sap_ == 16;
  const auto cls = get.attribute.class_id;
  const auto attr = get.attribute.attribute_id;
  if (cls == 8 && object == kClock && attr == 2) return axdr::to_octet_string_data(clock);
  if (const auto reg = registers.find(object); cls == 3 && reg != registers.end()) {
    if (public_client) return apdu::DataAccessResult::read_write_denied;
    if (attr == 2) return reg->second.value;
    if (attr == 3) return reg->second.scaler_unit;
  }
  if (const auto data = data_objects.find(object);
      cls == 1 && data != data_objects.end() && attr == 2)
    return data->second;
  if (const auto shape = capture_objects.find(object);
      cls == 7 && shape != capture_objects.end() && attr == 3) {
    if (public_client) return apdu::DataAccessResult::read_write_denied;
    return shape->second;
  }
  if (const auto period = capture_periods.find(object);
      cls == 7 && period != capture_periods.end() && attr == 4) {
    if (public_client) return apdu::DataAccessResult::read_write_denied;
    return axdr::Data::make_double_long_unsigned(period->second);
  }
  if (const auto profile = profiles.find(object);
      cls == 7 && profile != profiles.end() && attr == 2) {
    if (public_client) return apdu::DataAccessResult::read_write_denied;
    if (!get.access) return profile->second;
    const auto range =
        std::get<apdu::RangeDescriptor>(apdu::decode_range_descriptor(get.access->parameters));
    const auto from = *axdr::to_utc(axdr::date_time_of(axdr::decode(range.from_value)));
    const auto to = *axdr::to_utc(axdr::date_time_of(axdr::decode(range.to_value)));
    ranges_asked.emplace_back(from, to);
    return select_range(object, profile->second, from, to);
  }
  return apdu::DataAccessResult::object_undefined;
}

Bytes FakeCosemServer::answer_get(const apdu::GetRequestNormal& get) {
  last_get = get;
  const auto invoke = reply_invoke(get.invoke);
  Bytes encoded;
  if (const auto raw =
          raw_answers.find({cosem::Obis(get.attribute.instance_id), get.attribute.attribute_id});
      raw != raw_answers.end()) {
    encoded = raw->second;
  } else {
    auto result = read(get);
    if (const auto* refused = std::get_if<apdu::DataAccessResult>(&result))
      return apdu::encode_response(apdu::GetResponseNormal{invoke, *refused});
    encoded = axdr::encode(std::get<axdr::Data>(result));
  }
  const std::size_t payload =
      block_payload != 0 ? block_payload : std::size_t{client_max_receive_pdu_} - 16;
  if (encoded.size() <= payload)
    return apdu::encode_response(apdu::GetResponseNormal{invoke, std::move(encoded)});
  pending_blocks_.clear();
  for (std::size_t at = 0; at < encoded.size(); at += payload) {
    const auto end = std::min(encoded.size(), at + payload);
    pending_blocks_.emplace_back(encoded.begin() + static_cast<std::ptrdiff_t>(at),
                                 encoded.begin() + static_cast<std::ptrdiff_t>(end));
  }
  blocks_done_ = 1;
  ++blocks_sent;
  return apdu::encode_response(
      apdu::GetResponseWithDatablock{invoke, pending_blocks_.size() == 1, 1, pending_blocks_[0]});
}

Bytes FakeCosemServer::answer_next(const apdu::GetRequestNext& next) {
  ++get_next_received;
  const auto invoke = reply_invoke(next.invoke);
  if (next.block_number != blocks_done_ || blocks_done_ >= pending_blocks_.size())
    return apdu::encode_response(apdu::GetResponseWithDatablock{
        invoke, true, blocks_done_ + 1, apdu::DataAccessResult::data_block_number_invalid});
  const std::uint32_t number = ++blocks_done_;
  ++blocks_sent;
  return apdu::encode_response(apdu::GetResponseWithDatablock{
      invoke, number == pending_blocks_.size(), number, pending_blocks_[number - 1]});
}

Bytes FakeCosemServer::answer_set(const apdu::SetRequestNormal& set) {
  ++sets_received;
  const auto invoke = reply_invoke(set.invoke);
  const cosem::Obis object(set.attribute.instance_id);
  const bool clock_time =
      set.attribute.class_id == 8 && object == kClock && set.attribute.attribute_id == 2;
  // Only the read/write client may set, and only the clock's time (manual L6567-L6583).
  if (!clock_time || client_sap_ != 1 || refuse_sets)
    return apdu::encode_response(
        apdu::SetResponseNormal{invoke, apdu::DataAccessResult::read_write_denied});
  clock = axdr::date_time_of(axdr::decode(set.value));
  ++sets_applied;
  return apdu::encode_response(apdu::SetResponseNormal{invoke, apdu::DataAccessResult::success});
}

}  // namespace jemhead::dlms::session::testing
