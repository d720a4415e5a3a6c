#pragma once
// Typed Modbus application PDUs (function code + data, no address or CRC) for the seven
// function codes the meter supports, in both directions: the master encodes requests and
// decodes responses, the simulator's slave decodes requests and encodes responses.
//
// Decoders treat their input as hostile: they never throw and never read past the span;
// every problem is a value. Encoders throw std::invalid_argument only for requests our
// own code built wrongly (e.g. 126 registers), never for anything received.
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "drivers/protocol/modbus/function_code.hpp"

namespace jemhead::modbus {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// ---- requests ----
struct ReadBitsRequest {  // FC01 coils, FC02 discrete inputs
  FunctionCode function = FunctionCode::read_coils;
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
  bool operator==(const ReadBitsRequest&) const = default;
};
struct ReadRegistersRequest {  // FC03 holding (counters), FC04 input (analogs)
  FunctionCode function = FunctionCode::read_holding_registers;
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
  bool operator==(const ReadRegistersRequest&) const = default;
};
struct WriteSingleCoilRequest {  // FC05
  std::uint16_t address = 0;
  bool on = false;
  bool operator==(const WriteSingleCoilRequest&) const = default;
};
struct WriteMultipleCoilsRequest {  // FC15
  std::uint16_t address = 0;
  std::vector<bool> values;
  bool operator==(const WriteMultipleCoilsRequest&) const = default;
};
struct WriteMultipleRegistersRequest {  // FC16: register presets
  std::uint16_t address = 0;
  std::vector<std::uint16_t> values;
  bool operator==(const WriteMultipleRegistersRequest&) const = default;
};
using Request = std::variant<ReadBitsRequest, ReadRegistersRequest, WriteSingleCoilRequest,
                             WriteMultipleCoilsRequest, WriteMultipleRegistersRequest>;

// ---- normal responses ----
struct ReadBitsResponse {
  FunctionCode function = FunctionCode::read_coils;
  std::vector<bool> bits;  // exactly the requested quantity once matched to its request
  bool operator==(const ReadBitsResponse&) const = default;
};
struct ReadRegistersResponse {
  FunctionCode function = FunctionCode::read_holding_registers;
  std::vector<std::uint16_t> registers;
  bool operator==(const ReadRegistersResponse&) const = default;
};
struct WriteSingleCoilResponse {  // an echo of the request
  std::uint16_t address = 0;
  bool on = false;
  bool operator==(const WriteSingleCoilResponse&) const = default;
};
struct WriteMultipleResponse {  // FC15/FC16: start address and quantity written
  FunctionCode function = FunctionCode::write_multiple_registers;
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
  bool operator==(const WriteMultipleResponse&) const = default;
};
using Response = std::variant<ReadBitsResponse, ReadRegistersResponse, WriteSingleCoilResponse,
                              WriteMultipleResponse>;

// An exception response: a distinct, typed outcome, not a decoding failure. `function` is
// the request's FC byte (without the 0x80 flag) and may be one we do not support.
struct ExceptionResponse {
  std::uint8_t function = 0;
  ExceptionCode code = ExceptionCode::illegal_function;
  bool operator==(const ExceptionResponse&) const = default;
};

// Why a received PDU is unusable.
enum class PduError {
  empty,
  unsupported_function,
  truncated,
  trailing_bytes,
  byte_count_mismatch,
  quantity_out_of_range,
  invalid_coil_value,
  function_mismatch,  // response to a different FC than the request in flight
  echo_mismatch,      // write response does not echo the request's address/quantity/value
};

struct PduProblem {
  PduError error = PduError::empty;
  std::string detail;  // human-readable, for job results and logs
};

// The slave's view: a request it can serve, or the exception it must answer with (01 for
// an unsupported FC, 03 for a malformed or out-of-spec quantity, as the spec says) plus
// the reason for its log.
struct RequestRejection {
  ExceptionResponse reply;
  std::string reason;
};

FunctionCode function_of(const Request& request);
FunctionCode function_of(const Response& response);

Bytes encode_request(const Request& request);
Bytes encode_response(const Response& response);
Bytes encode_exception(const ExceptionResponse& exception);

std::variant<Request, RequestRejection> decode_request(ByteView pdu);

// Decodes the answer to `sent` and checks it belongs to it (same FC, byte count for the
// quantity asked, write echoes equal to what was written). Bit responses are trimmed to
// the requested quantity (the padding bits of the last byte are dropped).
std::variant<Response, ExceptionResponse, PduProblem> decode_response(const Request& sent,
                                                                      ByteView pdu);

// Builds the normal response a slave sends to `request`, given the data it read.
ReadBitsResponse bits_response(const ReadBitsRequest& request, std::vector<bool> bits);
ReadRegistersResponse registers_response(const ReadRegistersRequest& request,
                                         std::vector<std::uint16_t> registers);
Response echo_response(const Request& write_request);  // FC05/15/16

std::string describe(
    const ExceptionResponse& exception);  // "read_holding_registers: illegal_data_address (02)"
std::string_view to_text(PduError error);

}  // namespace jemhead::modbus
