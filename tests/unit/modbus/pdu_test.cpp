#include "drivers/protocol/modbus/pdu.hpp"

#include <gtest/gtest.h>

#include "tests/unit/modbus/modbus_test_support.hpp"

namespace jemhead::modbus {
namespace {
using test::hex;

// ---- encoding ----

TEST(PduEncode, ReadRequestsMatchTheManualsQuery) {
  // L12770-12783: read holding registers at 0x0004, 6 registers.
  EXPECT_EQ(encode_request(ReadRegistersRequest{FunctionCode::read_holding_registers, 4, 6}),
            hex("03 00 04 00 06"));
  EXPECT_EQ(encode_request(ReadRegistersRequest{FunctionCode::read_input_registers, 0, 18}),
            hex("04 00 00 00 12"));
  EXPECT_EQ(encode_request(ReadBitsRequest{FunctionCode::read_discrete_inputs, 0, 5}),
            hex("02 00 00 00 05"));
}

TEST(PduEncode, WritesUseFf00ForOnAndPackBitsLsbFirst) {
  EXPECT_EQ(encode_request(WriteSingleCoilRequest{1, true}), hex("05 00 01 FF 00"));
  EXPECT_EQ(encode_request(WriteSingleCoilRequest{1, false}), hex("05 00 01 00 00"));
  // 10 coils starting at 19: 1,0,1,1,0,0,1,1 / 1,0 -> CD 01 (the spec's example).
  EXPECT_EQ(encode_request(WriteMultipleCoilsRequest{
                19, {true, false, true, true, false, false, true, true, true, false}}),
            hex("0F 00 13 00 0A 02 CD 01"));
  EXPECT_EQ(encode_request(WriteMultipleRegistersRequest{0, {0x0001, 0x86A0}}),
            hex("10 00 00 00 02 04 00 01 86 A0"));
}

TEST(PduEncode, RefusesOutOfSpecRequestsBuiltByOurOwnCode) {
  EXPECT_THROW(encode_request(ReadRegistersRequest{FunctionCode::read_holding_registers, 0, 126}),
               std::invalid_argument);
  EXPECT_THROW(encode_request(ReadRegistersRequest{FunctionCode::read_holding_registers, 0, 0}),
               std::invalid_argument);
  EXPECT_THROW(encode_request(ReadBitsRequest{FunctionCode::read_coils, 0, 2001}),
               std::invalid_argument);
  EXPECT_THROW(encode_request(ReadRegistersRequest{FunctionCode::read_coils, 0, 1}),
               std::invalid_argument);
  EXPECT_THROW(encode_request(ReadRegistersRequest{FunctionCode::read_input_registers, 0xFFFF, 2}),
               std::invalid_argument);
  EXPECT_THROW(encode_request(WriteMultipleRegistersRequest{0, std::vector<std::uint16_t>(124)}),
               std::invalid_argument);
  EXPECT_NO_THROW(
      encode_request(ReadRegistersRequest{FunctionCode::read_input_registers, 0xFFFF, 1}));
}

TEST(PduEncode, ExceptionSetsTheHighBitOfTheFunction) {
  EXPECT_EQ(encode_exception({0x03, ExceptionCode::illegal_data_address}), hex("83 02"));
  EXPECT_EQ(encode_exception({0x06, ExceptionCode::illegal_function}), hex("86 01"));
}

// ---- slave side: requests ----

TEST(PduDecodeRequest, RoundTripsEverySupportedRequest) {
  const std::vector<Request> requests = {
      ReadBitsRequest{FunctionCode::read_coils, 0, 2},
      ReadBitsRequest{FunctionCode::read_discrete_inputs, 10, 2000},
      ReadRegistersRequest{FunctionCode::read_holding_registers, 4, 6},
      ReadRegistersRequest{FunctionCode::read_input_registers, 0, 125},
      WriteSingleCoilRequest{1, true},
      WriteMultipleCoilsRequest{3, {true, false, true}},
      WriteMultipleRegistersRequest{2, {0xDEAD, 0xBEEF}},
  };
  for (const auto& r : requests) {
    const auto decoded = decode_request(encode_request(r));
    ASSERT_TRUE(std::holds_alternative<Request>(decoded))
        << std::get<RequestRejection>(decoded).reason;
    EXPECT_EQ(std::get<Request>(decoded), r);
  }
}

ExceptionResponse rejection_of(std::string_view pdu_hex) {
  const auto decoded = decode_request(hex(pdu_hex));
  EXPECT_TRUE(std::holds_alternative<RequestRejection>(decoded)) << pdu_hex;
  if (!std::holds_alternative<RequestRejection>(decoded)) return {};
  return std::get<RequestRejection>(decoded).reply;
}

TEST(PduDecodeRequest, UnsupportedFunctionsGetException01) {
  // FC06 is named in the manual (L12816) but not supported (L12804-12806).
  EXPECT_EQ(rejection_of("06 00 16 00 01"),
            (ExceptionResponse{0x06, ExceptionCode::illegal_function}));
  EXPECT_EQ(rejection_of("2B 0E 01 00"),
            (ExceptionResponse{0x2B, ExceptionCode::illegal_function}));
  EXPECT_EQ(rejection_of("11"), (ExceptionResponse{0x11, ExceptionCode::illegal_function}));
}

TEST(PduDecodeRequest, MalformedOrOutOfSpecRequestsGetException03) {
  EXPECT_EQ(rejection_of("03 00 00 00 7E").code, ExceptionCode::illegal_data_value);  // 126
  EXPECT_EQ(rejection_of("03 00 00 00 00").code, ExceptionCode::illegal_data_value);  // 0
  EXPECT_EQ(rejection_of("01 00 00 07 D1").code, ExceptionCode::illegal_data_value);  // 2001
  EXPECT_EQ(rejection_of("03 00 00 00").code, ExceptionCode::illegal_data_value);     // short
  EXPECT_EQ(rejection_of("03 00 00 00 01 00").code, ExceptionCode::illegal_data_value);
  EXPECT_EQ(rejection_of("05 00 01 12 34").code, ExceptionCode::illegal_data_value);
  EXPECT_EQ(rejection_of("10 00 00 00 02 03 00 01 00").code, ExceptionCode::illegal_data_value);
  EXPECT_EQ(rejection_of("10 00 00 00 02 04 00 01 00").code, ExceptionCode::illegal_data_value);
  EXPECT_EQ(rejection_of("0F 00 00 00 0A 01 FF").code, ExceptionCode::illegal_data_value);
  EXPECT_EQ(rejection_of("10 00 00").code, ExceptionCode::illegal_data_value);
}

TEST(PduDecodeRequest, RunningPastTheAddressSpaceIsAnIllegalAddress) {
  EXPECT_EQ(rejection_of("04 FF FF 00 02").code, ExceptionCode::illegal_data_address);
}

// ---- master side: responses ----

template <typename T>
T expect_response(const Request& sent, std::string_view pdu_hex) {
  const auto decoded = decode_response(sent, hex(pdu_hex));
  if (const auto* p = std::get_if<PduProblem>(&decoded)) ADD_FAILURE() << p->detail;
  EXPECT_TRUE(std::holds_alternative<Response>(decoded)) << pdu_hex;
  if (!std::holds_alternative<Response>(decoded)) return {};
  const auto& r = std::get<Response>(decoded);
  EXPECT_TRUE(std::holds_alternative<T>(r));
  return std::holds_alternative<T>(r) ? std::get<T>(r) : T{};
}

PduError problem_of(const Request& sent, std::string_view pdu_hex) {
  const auto decoded = decode_response(sent, hex(pdu_hex));
  EXPECT_TRUE(std::holds_alternative<PduProblem>(decoded)) << pdu_hex;
  return std::holds_alternative<PduProblem>(decoded) ? std::get<PduProblem>(decoded).error
                                                     : PduError::empty;
}

TEST(PduDecodeResponse, RegistersComeBackInOrder) {
  const ReadRegistersRequest sent{FunctionCode::read_holding_registers, 4, 2};
  const auto r = expect_response<ReadRegistersResponse>(sent, "03 04 00 01 86 A0");
  EXPECT_EQ(r.registers, (std::vector<std::uint16_t>{0x0001, 0x86A0}));
}

TEST(PduDecodeResponse, BitsAreTrimmedToTheRequestedQuantity) {
  const ReadBitsRequest sent{FunctionCode::read_discrete_inputs, 0, 5};
  const auto r = expect_response<ReadBitsResponse>(sent, "02 01 F5");  // 1111 0101
  EXPECT_EQ(r.bits, (std::vector<bool>{true, false, true, false, true}));
}

TEST(PduDecodeResponse, ExceptionsAreATypedOutcome) {
  const ReadRegistersRequest sent{FunctionCode::read_holding_registers, 1, 2};
  const auto decoded = decode_response(sent, hex("83 02"));
  ASSERT_TRUE(std::holds_alternative<ExceptionResponse>(decoded));
  const auto& e = std::get<ExceptionResponse>(decoded);
  EXPECT_EQ(e.code, ExceptionCode::illegal_data_address);
  EXPECT_EQ(describe(e), "read_holding_registers: illegal_data_address (02)");
  const auto failure = decode_response(WriteSingleCoilRequest{0, true}, hex("85 04"));
  ASSERT_TRUE(std::holds_alternative<ExceptionResponse>(failure));
  EXPECT_EQ(std::get<ExceptionResponse>(failure).code, ExceptionCode::slave_device_failure);
  const auto odd = decode_response(WriteSingleCoilRequest{0, true}, hex("85 0B"));
  ASSERT_TRUE(std::holds_alternative<ExceptionResponse>(odd));
  EXPECT_EQ(describe(std::get<ExceptionResponse>(odd)), "write_single_coil: ? (11)");
}

TEST(PduDecodeResponse, WriteEchoesMustMatchTheRequest) {
  const WriteMultipleRegistersRequest preset{0, {1, 2, 3, 4}};
  const auto ok = expect_response<WriteMultipleResponse>(preset, "10 00 00 00 04");
  EXPECT_EQ(ok.quantity, 4);
  EXPECT_EQ(problem_of(preset, "10 00 00 00 02"), PduError::echo_mismatch);
  const WriteSingleCoilRequest coil{1, true};
  EXPECT_TRUE(expect_response<WriteSingleCoilResponse>(coil, "05 00 01 FF 00").on);
  EXPECT_EQ(problem_of(coil, "05 00 01 00 00"), PduError::echo_mismatch);
  const WriteMultipleCoilsRequest coils{2, {true, true}};
  EXPECT_EQ(expect_response<WriteMultipleResponse>(coils, "0F 00 02 00 02").address, 2);
}

TEST(PduDecodeResponse, ShapeProblemsAreNamed) {
  const ReadRegistersRequest sent{FunctionCode::read_input_registers, 0, 2};
  EXPECT_EQ(problem_of(sent, ""), PduError::empty);
  EXPECT_EQ(problem_of(sent, "03 04 00 01 00 02"), PduError::function_mismatch);
  EXPECT_EQ(problem_of(sent, "84"), PduError::truncated);
  EXPECT_EQ(problem_of(sent, "84 02 00"), PduError::trailing_bytes);
  EXPECT_EQ(problem_of(sent, "04"), PduError::truncated);
  EXPECT_EQ(problem_of(sent, "04 02 00 01"), PduError::byte_count_mismatch);
  EXPECT_EQ(problem_of(sent, "04 04 00 01 00"), PduError::truncated);
  EXPECT_EQ(problem_of(sent, "04 04 00 01 00 02 99"), PduError::trailing_bytes);
}

TEST(PduSlaveHelpers, BuildResponsesThatTheMasterAccepts) {
  const ReadRegistersRequest read{FunctionCode::read_input_registers, 0, 3};
  const auto pdu = encode_response(registers_response(read, {1, 2, 0xFFFF}));
  EXPECT_EQ(pdu, hex("04 06 00 01 00 02 FF FF"));
  EXPECT_EQ(expect_response<ReadRegistersResponse>(read, test::to_hex(pdu)).registers[2], 0xFFFF);

  const ReadBitsRequest bits{FunctionCode::read_coils, 0, 2};
  EXPECT_EQ(encode_response(bits_response(bits, {false, true})), hex("01 01 02"));
  EXPECT_THROW(bits_response(bits, {true}), std::invalid_argument);

  const WriteMultipleRegistersRequest preset{8, {0, 1}};
  EXPECT_EQ(encode_response(echo_response(preset)), hex("10 00 08 00 02"));
  EXPECT_EQ(encode_response(echo_response(WriteSingleCoilRequest{0, true})), hex("05 00 00 FF 00"));
  EXPECT_THROW(echo_response(read), std::invalid_argument);
}

TEST(PduNames, FunctionAndErrorNames) {
  EXPECT_EQ(function_of(Request{WriteMultipleCoilsRequest{}}), FunctionCode::write_multiple_coils);
  EXPECT_EQ(to_text(PduError::echo_mismatch), "echo_mismatch");
  EXPECT_EQ(jemhead::to_text(FunctionCode::write_multiple_registers), "write_multiple_registers");
  EXPECT_FALSE(supported_function(0x06).has_value());
  EXPECT_EQ(supported_function(0x0F), FunctionCode::write_multiple_coils);
}

}  // namespace
}  // namespace jemhead::modbus
