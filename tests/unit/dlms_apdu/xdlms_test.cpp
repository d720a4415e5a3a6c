// GET/SET/exception PDUs against byte vectors. The clock GET-Request-Normal
// (C0 01 C1 00 08 00 00 01 00 00 FF 02 00) is the common textbook example; the other
// vectors are constructed from the Green Book's ASDU definitions and checked field by field.
#include "drivers/protocol/dlms/apdu/xdlms.hpp"

#include <gtest/gtest.h>

#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "tests/unit/dlms_apdu/apdu_test_support.hpp"

namespace jemhead::dlms::apdu {
namespace {

using test::error_of;
using test::hex;
using test::value_of;

constexpr Obis kClock{0, 0, 1, 0, 0, 255};
constexpr Obis kLoadProfile1{1, 0, 99, 1, 0, 255};
// date-time 2026-11-01 00:00:00.00, day of week not specified, deviation not specified,
// status 0, as an A-XDR octet-string Data element.
const Bytes kFrom = hex("09 0C 07 EA 0B 01 FF 00 00 00 00 80 00 00");
const Bytes kTo = hex("09 0C 07 EA 0B 02 FF 00 00 00 00 80 00 00");

template <typename T>
T request_as(ByteView bytes) {
  const XdlmsRequest request = value_of(decode_request(bytes));
  EXPECT_TRUE(std::holds_alternative<T>(request));
  return std::holds_alternative<T>(request) ? std::get<T>(request) : T{};
}
template <typename T>
T response_as(ByteView bytes) {
  const XdlmsResponse response = value_of(decode_response(bytes));
  EXPECT_TRUE(std::holds_alternative<T>(response));
  return std::holds_alternative<T>(response) ? std::get<T>(response) : T{};
}

TEST(DlmsApduGetRequest, NormalClockTimeWithoutSelectiveAccess) {
  const Bytes expected = hex("C0 01 C1 00 08 00 00 01 00 00 FF 02 00");
  const GetRequestNormal get{{}, {8, kClock, 2}, std::nullopt};
  EXPECT_EQ(encode_request(get), expected);
  const auto back = request_as<GetRequestNormal>(expected);
  EXPECT_EQ(back.invoke.invoke_id, 1);
  EXPECT_TRUE(back.invoke.confirmed);
  EXPECT_TRUE(back.invoke.high_priority);
  EXPECT_EQ(back.attribute.class_id, 8);
  EXPECT_EQ(back.attribute.instance_id, kClock);
  EXPECT_EQ(back.attribute.attribute_id, 2);
  EXPECT_FALSE(back.access.has_value());
}

TEST(DlmsApduGetRequest, InvokeIdAndPriorityBits) {
  EXPECT_EQ((InvokeIdAndPriority{5, true, false}.to_byte()), 0x45);
  EXPECT_EQ((InvokeIdAndPriority{15, false, true}.to_byte()), 0x8F);
  EXPECT_EQ(InvokeIdAndPriority::from_byte(0x81), (InvokeIdAndPriority{1, false, true}));
  EXPECT_THROW(encode_request(GetRequestNormal{{16, true, true}, {8, kClock, 2}, {}}),
               std::invalid_argument);
}

TEST(DlmsApduGetRequest, LoadProfileBufferByDateRangeAllColumns) {
  // Constructed: profile 1.0.99.1.0.255 attribute 2 (buffer), selector 1 with the clock
  // time as restricting object, from/to date-times and an empty selected_values array.
  const Bytes expected =
      hex("C0 01 C1 00 07 01 00 63 01 00 FF 02 01 01"
          " 02 04"
          " 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00"
          " 09 0C 07 EA 0B 01 FF 00 00 00 00 80 00 00"
          " 09 0C 07 EA 0B 02 FF 00 00 00 00 80 00 00"
          " 01 00");
  const GetRequestNormal get{
      {}, {7, kLoadProfile1, 2}, make_range_access({kClockTimeCaptureObject, kFrom, kTo, {}})};
  EXPECT_EQ(encode_request(get), expected);
  const auto back = request_as<GetRequestNormal>(expected);
  ASSERT_TRUE(back.access.has_value());
  EXPECT_EQ(back.access->selector, kRangeDescriptorSelector);
  const RangeDescriptor range = value_of(decode_range_descriptor(back.access->parameters));
  EXPECT_EQ(range.restricting_object, kClockTimeCaptureObject);
  EXPECT_EQ(range.from_value, kFrom);
  EXPECT_EQ(range.to_value, kTo);
  EXPECT_TRUE(range.selected_values.empty());
}

TEST(DlmsApduGetRequest, RangeWithSelectedColumnsAndEntryDescriptor) {
  const CaptureObjectDefinition energy{3, {1, 0, 1, 29, 0, 255}, 2, 0};
  const RangeDescriptor range{
      kClockTimeCaptureObject, kFrom, kTo, {kClockTimeCaptureObject, energy}};
  const AccessSelection access = make_range_access(range);
  EXPECT_EQ(value_of(decode_range_descriptor(access.parameters)), range);
  EXPECT_THROW(make_range_access({kClockTimeCaptureObject, hex("09 0C 07"), kTo, {}}),
               std::invalid_argument);

  const AccessSelection entries = make_entry_access({1, 96, 1, 0});
  EXPECT_EQ(entries.selector, kEntryDescriptorSelector);
  EXPECT_EQ(entries.parameters, hex("02 04 06 00 00 00 01 06 00 00 00 60 12 00 01 12 00 00"));
  EXPECT_EQ(value_of(decode_entry_descriptor(entries.parameters)), (EntryDescriptor{1, 96, 1, 0}));
  EXPECT_EQ(error_of(decode_entry_descriptor(hex("02 03 06 00 00 00 01"))).code,
            ApduError::bad_value);
  EXPECT_EQ(error_of(decode_range_descriptor(entries.parameters)).code, ApduError::unexpected_tag);
}

TEST(DlmsApduGetRequest, NextAcknowledgesTheLastBlock) {
  const Bytes expected = hex("C0 02 C1 00 00 00 03");
  EXPECT_EQ(encode_request(GetRequestNext{{}, 3}), expected);
  EXPECT_EQ(request_as<GetRequestNext>(expected).block_number, 3u);
}

TEST(DlmsApduGetRequest, ServerSideRejectsWhatTheMeterDoesNotOffer) {
  EXPECT_EQ(error_of(decode_request(hex("C0 03 C1 01 00 08 00 00 01 00 00 FF 02 00"))).code,
            ApduError::unsupported_choice);
  EXPECT_EQ(error_of(decode_request(hex("C3 01 C1 00 08 00 00 01 00 00 FF 06 00"))).code,
            ApduError::unsupported_choice);
  EXPECT_EQ(error_of(decode_request(hex("C1 02 C1"))).code, ApduError::unsupported_choice);
  EXPECT_EQ(error_of(decode_request(hex("C0 07 C1"))).code, ApduError::unexpected_tag);
  EXPECT_EQ(error_of(decode_request(hex("C0 01 C1 00 08 00 00 01 00 00 FF 02 02"))).code,
            ApduError::bad_value);  // access-selection flag 2
  const DecodeError trailing =
      error_of(decode_request(hex("C0 01 C1 00 08 00 00 01 00 00 FF 02 00 00")));
  EXPECT_EQ(trailing.code, ApduError::trailing_bytes);
  EXPECT_EQ(trailing.offset, 13u);
  EXPECT_EQ(error_of(decode_request({})).code, ApduError::empty);
}

TEST(DlmsApduGetResponse, NormalSuccessCarriesOneDataElement) {
  // Constructed: the clock's time as a 12-byte date-time octet string.
  const Bytes expected = hex("C4 01 C1 00 09 0C 07 EA 0B 18 02 01 18 00 00 80 00 00");
  const auto response = response_as<GetResponseNormal>(expected);
  const auto* data = std::get_if<Bytes>(&response.result);
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(*data, hex("09 0C 07 EA 0B 18 02 01 18 00 00 80 00 00"));
  EXPECT_EQ(encode_response(response), expected);
}

TEST(DlmsApduGetResponse, NormalErrorNamesTheDataAccessResult) {
  const auto response = response_as<GetResponseNormal>(hex("C4 01 C1 01 04"));
  const auto* result = std::get_if<DataAccessResult>(&response.result);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(*result, DataAccessResult::object_undefined);
  EXPECT_EQ(to_text(*result), "object-undefined");
  EXPECT_EQ(describe_data_access_result(3), "read-write-denied (3)");
  EXPECT_EQ(describe_data_access_result(77), "unknown (77)");
  EXPECT_FALSE(is_known(77));
  EXPECT_TRUE(is_known(250));
  const DataAccessError error(3, "clock 0.0.1.0.0.255 attribute 2");
  EXPECT_EQ(error.result(), DataAccessResult::read_write_denied);
  EXPECT_STREQ(error.what(), "clock 0.0.1.0.0.255 attribute 2: read-write-denied (3)");
}

TEST(DlmsApduGetResponse, NestedDataIsWalkedToItsEnd) {
  // Constructed: one LP row, structure {date-time, long-unsigned status, float32}.
  const Bytes row =
      hex("C4 01 C1 00 01 01 02 03 09 0C 07 EA 0B 01 FF 00 0F 00 00 80 00 00 12 00 08"
          " 17 41 20 00 00");
  EXPECT_EQ(std::get<Bytes>(response_as<GetResponseNormal>(row).result).size(), row.size() - 4);
  Bytes cut = row;
  cut.pop_back();
  EXPECT_EQ(error_of(decode_response(cut)).code, ApduError::truncated);
  Bytes extra = row;
  extra.push_back(0x00);
  EXPECT_EQ(error_of(decode_response(extra)).code, ApduError::trailing_bytes);
  EXPECT_EQ(error_of(decode_response(hex("C4 01 C1 00 07"))).code, ApduError::bad_value);
  // An array claiming more elements than bytes left is refused before looping.
  EXPECT_EQ(error_of(decode_response(hex("C4 01 C1 00 01 84 FF FF FF FF 00"))).code,
            ApduError::bad_length);
  // 17 nested arrays exceed the depth limit.
  Bytes deep = hex("C4 01 C1 00");
  for (int i = 0; i < 17; ++i) deep.insert(deep.end(), {0x01, 0x01});
  deep.push_back(0x00);
  EXPECT_EQ(error_of(decode_response(deep)).code, ApduError::too_deep);
}

TEST(DlmsApduGetResponse, CompactArrayAndBitStringLengthsAreHonoured) {
  // Constructed: compact-array of structure {long-unsigned, float32} with 6 content bytes;
  // a 12-bit bit-string occupies two bytes.
  const Bytes compact = hex("C4 01 C1 00 13 02 02 12 17 06 00 01 3F 80 00 00");
  EXPECT_EQ(std::get<Bytes>(response_as<GetResponseNormal>(compact).result).size(), 12u);
  EXPECT_EQ(error_of(decode_response(hex("C4 01 C1 00 13 02 02 12 63 06 00 01 3F 80 00 00"))).code,
            ApduError::bad_value);  // 0x63 is no type
  const Bytes bits = hex("C4 01 C1 00 04 0C AB C0");
  EXPECT_EQ(std::get<Bytes>(response_as<GetResponseNormal>(bits).result), hex("04 0C AB C0"));
  EXPECT_EQ(error_of(decode_response(hex("C4 01 C1 00 04 0C AB"))).code, ApduError::truncated);
}

TEST(DlmsApduGetResponse, WithDatablockRawDataAndRefusal) {
  const Bytes first = hex("C4 02 C1 00 00 00 00 01 00 05 01 02 02 04 06");
  const auto block = response_as<GetResponseWithDatablock>(first);
  EXPECT_FALSE(block.last_block);
  EXPECT_EQ(block.block_number, 1u);
  EXPECT_EQ(std::get<Bytes>(block.result), hex("01 02 02 04 06"));
  EXPECT_EQ(encode_response(block), first);

  const auto refused = response_as<GetResponseWithDatablock>(hex("C4 02 C1 01 00 00 00 02 01 0E"));
  EXPECT_TRUE(refused.last_block);
  EXPECT_EQ(std::get<DataAccessResult>(refused.result), DataAccessResult::data_block_unavailable);

  // Long-form raw-data length (0x81 0x90 = 144 bytes) round-trips.
  GetResponseWithDatablock big{{}, true, 2, Bytes(144, 0xAB)};
  const Bytes encoded = encode_response(big);
  EXPECT_EQ(encoded[9], 0x81);
  EXPECT_EQ(encoded[10], 0x90);
  EXPECT_EQ(response_as<GetResponseWithDatablock>(encoded), big);
  EXPECT_EQ(error_of(decode_response(hex("C4 02 C1 00 00 00 00 01 00 05 01 02"))).code,
            ApduError::truncated);
  EXPECT_EQ(error_of(decode_response(hex("C4 03 C1 01 00"))).code, ApduError::unsupported_choice);
}

TEST(DlmsApduSet, ClockTimeRequestAndResponses) {
  const Bytes expected =
      hex("C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 EA 0B 18 02 01 18 00 00 80 00 00");
  const SetRequestNormal set{
      {}, {8, kClock, 2}, std::nullopt, hex("09 0C 07 EA 0B 18 02 01 18 00 00 80 00 00")};
  EXPECT_EQ(encode_request(set), expected);
  EXPECT_EQ(request_as<SetRequestNormal>(expected), set);
  EXPECT_THROW(encode_request(SetRequestNormal{{}, {8, kClock, 2}, {}, hex("09 0C")}),
               std::invalid_argument);

  EXPECT_EQ(response_as<SetResponseNormal>(hex("C5 01 C1 00")).result, DataAccessResult::success);
  const auto denied = response_as<SetResponseNormal>(hex("C5 01 C1 03"));
  EXPECT_EQ(denied.result, DataAccessResult::read_write_denied);
  EXPECT_EQ(encode_response(denied), hex("C5 01 C1 03"));
  EXPECT_EQ(error_of(decode_response(hex("C5 01 C1"))).code, ApduError::truncated);
}

TEST(DlmsApduException, ExceptionResponseAndConfirmedServiceError) {
  const auto exception = response_as<ExceptionResponse>(hex("D8 01 02"));
  EXPECT_EQ(describe(exception), "service-not-allowed: service-not-supported");
  EXPECT_FALSE(exception.invocation_counter.has_value());
  EXPECT_EQ(encode_response(exception), hex("D8 01 02"));
  const auto counter = response_as<ExceptionResponse>(hex("D8 01 06 00 00 01 00"));
  EXPECT_EQ(counter.invocation_counter, std::optional<std::uint32_t>(256));
  EXPECT_EQ(error_of(decode_response(hex("D8 01 02 00"))).code, ApduError::trailing_bytes);
  EXPECT_EQ(error_of(decode_response(hex("D8 01"))).code, ApduError::truncated);

  const auto error = response_as<ConfirmedServiceError>(hex("0E 01 06 03"));
  EXPECT_EQ(describe(error), "initiateError: initiate: pdu-size-too-short");
  EXPECT_EQ(encode_response(error), hex("0E 01 06 03"));
  EXPECT_EQ(error_of(decode_response(hex("C7 01 C1 00"))).code, ApduError::unsupported_choice);
  EXPECT_EQ(error_of(decode_response(hex("61 00"))).code, ApduError::unexpected_tag);
}

}  // namespace
}  // namespace jemhead::dlms::apdu
