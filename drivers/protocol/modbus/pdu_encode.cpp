// Encoding side of pdu.hpp: requests (master), responses and exceptions (slave).
#include <stdexcept>
#include <string>

#include "drivers/protocol/modbus/byte_io.hpp"
#include "drivers/protocol/modbus/pdu.hpp"

namespace jemhead::modbus {
namespace {

using detail::put_u16;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("modbus: " + what);
}

void require_quantity(std::size_t quantity, std::size_t max, const char* what) {
  require(quantity >= 1 && quantity <= max, std::string(what) + " quantity " +
                                                std::to_string(quantity) + " outside 1.." +
                                                std::to_string(max));
}

// A read/write may not run past the top of the 16-bit address space.
void require_in_space(std::uint16_t address, std::size_t quantity) {
  require(address + quantity <= 0x10000, "request runs past address 0xFFFF");
}

Bytes encode_one(const ReadBitsRequest& r) {
  require(
      r.function == FunctionCode::read_coils || r.function == FunctionCode::read_discrete_inputs,
      "bit read needs FC01 or FC02");
  require_quantity(r.quantity, spec_limit::max_read_bits, "bit read");
  require_in_space(r.address, r.quantity);
  Bytes out{code_byte(r.function)};
  put_u16(out, r.address);
  put_u16(out, r.quantity);
  return out;
}

Bytes encode_one(const ReadRegistersRequest& r) {
  require(r.function == FunctionCode::read_holding_registers ||
              r.function == FunctionCode::read_input_registers,
          "register read needs FC03 or FC04");
  require_quantity(r.quantity, spec_limit::max_read_registers, "register read");
  require_in_space(r.address, r.quantity);
  Bytes out{code_byte(r.function)};
  put_u16(out, r.address);
  put_u16(out, r.quantity);
  return out;
}

Bytes encode_one(const WriteSingleCoilRequest& r) {
  Bytes out{code_byte(FunctionCode::write_single_coil)};
  put_u16(out, r.address);
  put_u16(out, r.on ? kCoilOn : kCoilOff);
  return out;
}

Bytes encode_one(const WriteMultipleCoilsRequest& r) {
  require_quantity(r.values.size(), spec_limit::max_write_bits, "coil write");
  require_in_space(r.address, r.values.size());
  Bytes out{code_byte(FunctionCode::write_multiple_coils)};
  put_u16(out, r.address);
  put_u16(out, static_cast<std::uint16_t>(r.values.size()));
  const auto packed = detail::pack_bits(r.values);
  out.push_back(static_cast<std::uint8_t>(packed.size()));
  out.insert(out.end(), packed.begin(), packed.end());
  return out;
}

Bytes encode_one(const WriteMultipleRegistersRequest& r) {
  require_quantity(r.values.size(), spec_limit::max_write_registers, "register write");
  require_in_space(r.address, r.values.size());
  Bytes out{code_byte(FunctionCode::write_multiple_registers)};
  put_u16(out, r.address);
  put_u16(out, static_cast<std::uint16_t>(r.values.size()));
  out.push_back(static_cast<std::uint8_t>(r.values.size() * 2));
  for (auto v : r.values) put_u16(out, v);
  return out;
}

Bytes encode_one(const ReadBitsResponse& r) {
  require_quantity(r.bits.size(), spec_limit::max_read_bits, "bit response");
  Bytes out{code_byte(r.function)};
  const auto packed = detail::pack_bits(r.bits);
  out.push_back(static_cast<std::uint8_t>(packed.size()));
  out.insert(out.end(), packed.begin(), packed.end());
  return out;
}

Bytes encode_one(const ReadRegistersResponse& r) {
  require_quantity(r.registers.size(), spec_limit::max_read_registers, "register response");
  Bytes out{code_byte(r.function)};
  out.push_back(static_cast<std::uint8_t>(r.registers.size() * 2));
  for (auto v : r.registers) put_u16(out, v);
  return out;
}

Bytes encode_one(const WriteSingleCoilResponse& r) {
  return encode_one(WriteSingleCoilRequest{r.address, r.on});
}

Bytes encode_one(const WriteMultipleResponse& r) {
  require(r.function == FunctionCode::write_multiple_coils ||
              r.function == FunctionCode::write_multiple_registers,
          "write response needs FC15 or FC16");
  Bytes out{code_byte(r.function)};
  put_u16(out, r.address);
  put_u16(out, r.quantity);
  return out;
}

}  // namespace

FunctionCode function_of(const Request& request) {
  struct {
    FunctionCode operator()(const ReadBitsRequest& r) const { return r.function; }
    FunctionCode operator()(const ReadRegistersRequest& r) const { return r.function; }
    FunctionCode operator()(const WriteSingleCoilRequest&) const {
      return FunctionCode::write_single_coil;
    }
    FunctionCode operator()(const WriteMultipleCoilsRequest&) const {
      return FunctionCode::write_multiple_coils;
    }
    FunctionCode operator()(const WriteMultipleRegistersRequest&) const {
      return FunctionCode::write_multiple_registers;
    }
  } visitor;
  return std::visit(visitor, request);
}

FunctionCode function_of(const Response& response) {
  struct {
    FunctionCode operator()(const ReadBitsResponse& r) const { return r.function; }
    FunctionCode operator()(const ReadRegistersResponse& r) const { return r.function; }
    FunctionCode operator()(const WriteSingleCoilResponse&) const {
      return FunctionCode::write_single_coil;
    }
    FunctionCode operator()(const WriteMultipleResponse& r) const { return r.function; }
  } visitor;
  return std::visit(visitor, response);
}

Bytes encode_request(const Request& request) {
  return std::visit([](const auto& r) { return encode_one(r); }, request);
}

Bytes encode_response(const Response& response) {
  return std::visit([](const auto& r) { return encode_one(r); }, response);
}

Bytes encode_exception(const ExceptionResponse& exception) {
  return {static_cast<std::uint8_t>(exception.function | kExceptionFlag),
          static_cast<std::uint8_t>(exception.code)};
}

ReadBitsResponse bits_response(const ReadBitsRequest& request, std::vector<bool> bits) {
  require(bits.size() == request.quantity, "bit response size differs from the request");
  return {request.function, std::move(bits)};
}

ReadRegistersResponse registers_response(const ReadRegistersRequest& request,
                                         std::vector<std::uint16_t> registers) {
  require(registers.size() == request.quantity, "register response size differs from request");
  return {request.function, std::move(registers)};
}

Response echo_response(const Request& write_request) {
  if (const auto* c = std::get_if<WriteSingleCoilRequest>(&write_request))
    return WriteSingleCoilResponse{c->address, c->on};
  if (const auto* m = std::get_if<WriteMultipleCoilsRequest>(&write_request))
    return WriteMultipleResponse{FunctionCode::write_multiple_coils, m->address,
                                 static_cast<std::uint16_t>(m->values.size())};
  if (const auto* w = std::get_if<WriteMultipleRegistersRequest>(&write_request))
    return WriteMultipleResponse{FunctionCode::write_multiple_registers, w->address,
                                 static_cast<std::uint16_t>(w->values.size())};
  throw std::invalid_argument("modbus: echo_response needs a write request");
}

std::string describe(const ExceptionResponse& exception) {
  const auto fc = supported_function(exception.function);
  std::string out =
      fc ? std::string(jemhead::to_text(*fc)) : "function " + std::to_string(exception.function);
  const auto code = static_cast<unsigned>(exception.code);
  out += ": ";
  out += jemhead::to_text(exception.code);
  out += " (";
  if (code < 10) out += '0';
  out += std::to_string(code) + ")";
  return out;
}

std::string_view to_text(PduError error) {
  switch (error) {
    case PduError::empty: return "empty";
    case PduError::unsupported_function: return "unsupported_function";
    case PduError::truncated: return "truncated";
    case PduError::trailing_bytes: return "trailing_bytes";
    case PduError::byte_count_mismatch: return "byte_count_mismatch";
    case PduError::quantity_out_of_range: return "quantity_out_of_range";
    case PduError::invalid_coil_value: return "invalid_coil_value";
    case PduError::function_mismatch: return "function_mismatch";
    case PduError::echo_mismatch: return "echo_mismatch";
  }
  return "?";
}

}  // namespace jemhead::modbus
