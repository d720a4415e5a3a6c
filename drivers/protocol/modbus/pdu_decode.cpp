// Decoding side of pdu.hpp: requests (slave) and responses matched to their request
// (master). Input is hostile: sizes are checked before every read.
#include <optional>
#include <string>

#include "drivers/protocol/modbus/byte_io.hpp"
#include "drivers/protocol/modbus/pdu.hpp"

namespace jemhead::modbus {
namespace {

using detail::get_u16;

std::string num(std::size_t n) {
  return std::to_string(n);
}

// ---- requests (slave side) ----

RequestRejection reject(std::uint8_t fc, ExceptionCode code, std::string reason) {
  return {ExceptionResponse{fc, code}, std::move(reason)};
}

using RequestResult = std::variant<Request, RequestRejection>;

// Every fixed-size request (FC01-05) is FC + two 16-bit fields.
constexpr std::size_t kFixedRequestSize = 5;

std::optional<RequestRejection> check_fixed_size(ByteView pdu) {
  if (pdu.size() == kFixedRequestSize) return std::nullopt;
  return reject(pdu[0], ExceptionCode::illegal_data_value,
                "request PDU is " + num(pdu.size()) + " bytes, expected 5");
}

std::optional<RequestRejection> check_quantity(std::uint8_t fc, std::uint16_t address,
                                               std::size_t quantity, std::size_t max) {
  if (quantity < 1 || quantity > max)
    return reject(fc, ExceptionCode::illegal_data_value,
                  "quantity " + num(quantity) + " outside 1.." + num(max));
  if (address + quantity > 0x10000)
    return reject(fc, ExceptionCode::illegal_data_address, "request runs past address 0xFFFF");
  return std::nullopt;
}

RequestResult decode_read(ByteView pdu, FunctionCode fc) {
  if (auto bad = check_fixed_size(pdu)) return *bad;
  const auto address = get_u16(pdu, 1);
  const auto quantity = get_u16(pdu, 3);
  const bool bits = fc == FunctionCode::read_coils || fc == FunctionCode::read_discrete_inputs;
  const auto max = bits ? spec_limit::max_read_bits : spec_limit::max_read_registers;
  if (auto bad = check_quantity(pdu[0], address, quantity, max)) return *bad;
  if (bits) return ReadBitsRequest{fc, address, quantity};
  return ReadRegistersRequest{fc, address, quantity};
}

RequestResult decode_write_single_coil(ByteView pdu) {
  if (auto bad = check_fixed_size(pdu)) return *bad;
  const auto value = get_u16(pdu, 3);
  if (value != kCoilOn && value != kCoilOff)
    return reject(pdu[0], ExceptionCode::illegal_data_value,
                  "coil value must be FF00 or 0000, got " + num(value));
  return WriteSingleCoilRequest{get_u16(pdu, 1), value == kCoilOn};
}

// FC15/FC16: FC, address, quantity, byte count, data.
constexpr std::size_t kMultiHeader = 6;

std::optional<RequestRejection> check_multi_layout(ByteView pdu, std::size_t expected_bytes) {
  if (pdu[5] != expected_bytes || pdu.size() != kMultiHeader + expected_bytes)
    return reject(pdu[0], ExceptionCode::illegal_data_value,
                  "byte count " + num(pdu[5]) + " / PDU size " + num(pdu.size()) +
                      " do not match the quantity");
  return std::nullopt;
}

RequestResult decode_write_multiple(ByteView pdu, FunctionCode fc) {
  if (pdu.size() < kMultiHeader)
    return reject(pdu[0], ExceptionCode::illegal_data_value, "write request truncated");
  const auto address = get_u16(pdu, 1);
  const auto quantity = get_u16(pdu, 3);
  if (fc == FunctionCode::write_multiple_coils) {
    if (auto bad = check_quantity(pdu[0], address, quantity, spec_limit::max_write_bits))
      return *bad;
    if (auto bad = check_multi_layout(pdu, (quantity + 7u) / 8u)) return *bad;
    return WriteMultipleCoilsRequest{address,
                                     detail::unpack_bits(pdu.subspan(kMultiHeader), quantity)};
  }
  if (auto bad = check_quantity(pdu[0], address, quantity, spec_limit::max_write_registers))
    return *bad;
  if (auto bad = check_multi_layout(pdu, quantity * 2u)) return *bad;
  WriteMultipleRegistersRequest out{address, {}};
  out.values.reserve(quantity);
  for (std::size_t i = 0; i < quantity; ++i)
    out.values.push_back(get_u16(pdu, kMultiHeader + 2 * i));
  return out;
}

// ---- responses (master side) ----

using ResponseResult = std::variant<Response, ExceptionResponse, PduProblem>;

PduProblem problem(PduError error, std::string detail) {
  return {error, std::move(detail)};
}

std::optional<PduProblem> check_size(ByteView pdu, std::size_t expected) {
  if (pdu.size() < expected)
    return problem(PduError::truncated,
                   "response is " + num(pdu.size()) + " bytes, expected " + num(expected));
  if (pdu.size() > expected)
    return problem(PduError::trailing_bytes,
                   "response is " + num(pdu.size()) + " bytes, expected " + num(expected));
  return std::nullopt;
}

// Read responses: FC, byte count, data; the byte count must be what the request implies.
std::optional<PduProblem> check_read_layout(ByteView pdu, std::size_t expected_bytes) {
  if (pdu.size() < 2) return problem(PduError::truncated, "read response has no byte count");
  if (pdu[1] != expected_bytes)
    return problem(PduError::byte_count_mismatch,
                   "byte count " + num(pdu[1]) + ", expected " + num(expected_bytes));
  return check_size(pdu, 2 + expected_bytes);
}

ResponseResult decode_answer(const ReadBitsRequest& sent, ByteView pdu) {
  if (auto bad = check_read_layout(pdu, (sent.quantity + 7u) / 8u)) return *bad;
  return Response{
      ReadBitsResponse{sent.function, detail::unpack_bits(pdu.subspan(2), sent.quantity)}};
}

ResponseResult decode_answer(const ReadRegistersRequest& sent, ByteView pdu) {
  if (auto bad = check_read_layout(pdu, sent.quantity * 2u)) return *bad;
  ReadRegistersResponse out{sent.function, {}};
  out.registers.reserve(sent.quantity);
  for (std::size_t i = 0; i < sent.quantity; ++i) out.registers.push_back(get_u16(pdu, 2 + 2 * i));
  return Response{std::move(out)};
}

ResponseResult decode_answer(const WriteSingleCoilRequest& sent, ByteView pdu) {
  if (auto bad = check_size(pdu, 5)) return *bad;
  const auto address = get_u16(pdu, 1);
  const auto value = get_u16(pdu, 3);
  if (address != sent.address || value != (sent.on ? kCoilOn : kCoilOff))
    return problem(PduError::echo_mismatch, "coil write echo differs from the request");
  return Response{WriteSingleCoilResponse{address, sent.on}};
}

ResponseResult decode_write_echo(FunctionCode fc, std::uint16_t sent_address,
                                 std::size_t sent_quantity, ByteView pdu) {
  if (auto bad = check_size(pdu, 5)) return *bad;
  const auto address = get_u16(pdu, 1);
  const auto quantity = get_u16(pdu, 3);
  if (address != sent_address || quantity != sent_quantity)
    return problem(PduError::echo_mismatch, "write echo " + num(address) + "/" + num(quantity) +
                                                " differs from the request " + num(sent_address) +
                                                "/" + num(sent_quantity));
  return Response{WriteMultipleResponse{fc, address, quantity}};
}

ResponseResult decode_answer(const WriteMultipleCoilsRequest& sent, ByteView pdu) {
  return decode_write_echo(FunctionCode::write_multiple_coils, sent.address, sent.values.size(),
                           pdu);
}

ResponseResult decode_answer(const WriteMultipleRegistersRequest& sent, ByteView pdu) {
  return decode_write_echo(FunctionCode::write_multiple_registers, sent.address, sent.values.size(),
                           pdu);
}

}  // namespace

std::variant<Request, RequestRejection> decode_request(ByteView pdu) {
  if (pdu.empty()) return reject(0, ExceptionCode::illegal_function, "empty PDU");
  const auto fc = supported_function(pdu[0]);
  if (!fc)
    return reject(pdu[0], ExceptionCode::illegal_function,
                  "function code " + num(pdu[0]) + " is not supported");
  switch (*fc) {
    case FunctionCode::read_coils:
    case FunctionCode::read_discrete_inputs:
    case FunctionCode::read_holding_registers:
    case FunctionCode::read_input_registers: return decode_read(pdu, *fc);
    case FunctionCode::write_single_coil: return decode_write_single_coil(pdu);
    case FunctionCode::write_multiple_coils:
    case FunctionCode::write_multiple_registers: return decode_write_multiple(pdu, *fc);
  }
  return reject(pdu[0], ExceptionCode::illegal_function, "unreachable");
}

std::variant<Response, ExceptionResponse, PduProblem> decode_response(const Request& sent,
                                                                      ByteView pdu) {
  if (pdu.empty()) return problem(PduError::empty, "empty response PDU");
  const auto sent_fc = code_byte(function_of(sent));
  const std::uint8_t fc = pdu[0] & static_cast<std::uint8_t>(~kExceptionFlag);
  if (fc != sent_fc)
    return problem(PduError::function_mismatch, "response function " + num(pdu[0]) +
                                                    " to a request with function " + num(sent_fc));
  if (pdu[0] & kExceptionFlag) {
    if (auto bad = check_size(pdu, 2)) return *bad;
    return ExceptionResponse{fc, static_cast<ExceptionCode>(pdu[1])};
  }
  return std::visit([&](const auto& r) { return decode_answer(r, pdu); }, sent);
}

}  // namespace jemhead::modbus
