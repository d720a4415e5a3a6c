#include "drivers/protocol/dlms/cosem/capture_objects.hpp"

#include <gtest/gtest.h>

#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace {

using namespace jemhead::dlms::cosem;
namespace axdr = jemhead::dlms::axdr;

axdr::Data capture(std::uint16_t cls, Obis obis, std::int8_t attribute,
                   std::uint16_t data_index = 0) {
  const auto& b = obis.bytes();
  return axdr::Data::make_structure(
      {axdr::Data::make_long_unsigned(cls), axdr::Data::make_octet_string({b.begin(), b.end()}),
       axdr::Data::make_integer(attribute), axdr::Data::make_long_unsigned(data_index)});
}

const Obis kClock(0, 0, 1, 0, 0, 255);
const Obis kOperatingStatus(0, 0, 96, 5, 0, 255);  // the manual prints no OBIS; any IC1 will do

TEST(DlmsCosemCaptureObjects, DecodesTheWorkedExampleLayout) {
  // Clock, Operating Status, then the example's six channels (L16337-L16353) in the order
  // the meter lists them.
  const auto attr3 = axdr::Data::make_array({
      capture(8, kClock, 2),
      capture(1, kOperatingStatus, 2),
      capture(3, Obis(1, 0, 1, 29, 0, 255), 2),
      capture(3, Obis(1, 0, 2, 29, 0, 255), 2),
      capture(3, Obis(1, 0, 3, 29, 0, 255), 2),
      capture(3, Obis(1, 0, 4, 29, 0, 255), 2),
      capture(3, Obis(1, 0, 191, 27, 0, 255), 2),
      capture(3, Obis(1, 0, 192, 27, 0, 255), 2),
  });
  const auto cols = decode_capture_objects(attr3);
  ASSERT_EQ(cols.size(), 8u);
  EXPECT_EQ(cols[0].role, ColumnRole::timestamp);
  EXPECT_EQ(cols[0].known->kind, Kind::clock);
  EXPECT_EQ(cols[1].role, ColumnRole::interval_status);
  EXPECT_EQ(cols[1].known, nullptr);
  EXPECT_EQ(cols[2].role, ColumnRole::channel);
  EXPECT_EQ(cols[2].channel, 1);
  EXPECT_EQ(cols[2].known->description, "Consumption Watt hours Delivered Poly");
  EXPECT_EQ(cols[5].channel, 4);
  EXPECT_EQ(cols[5].known->description, "Consumption VAR hours Received Poly");
  EXPECT_EQ(cols[7].index, 7u);
  EXPECT_EQ(cols[7].channel, 6);
  EXPECT_EQ(cols[7].known->quantity, Quantity::system_bits);
  EXPECT_EQ(columns_with_role(cols, ColumnRole::channel).size(), 6u);
}

TEST(DlmsCosemCaptureObjects, ColumnOrderComesFromTheMeter) {
  // The same channels listed in another order give other columns: nothing is assumed.
  const auto attr3 = axdr::Data::make_array({
      capture(3, Obis(1, 0, 3, 29, 0, 255), 2),
      capture(8, kClock, 2),
      capture(3, Obis(1, 0, 1, 29, 0, 255), 2),
      capture(1, kOperatingStatus, 2),
  });
  const auto cols = decode_capture_objects(attr3);
  ASSERT_EQ(cols.size(), 4u);
  EXPECT_EQ(cols[0].role, ColumnRole::channel);
  EXPECT_EQ(cols[0].channel, 1);
  EXPECT_EQ(cols[0].known->quantity, Quantity::reactive);
  EXPECT_EQ(cols[1].role, ColumnRole::timestamp);
  EXPECT_EQ(cols[2].channel, 2);
  EXPECT_EQ(cols[2].known->quantity, Quantity::active);
  EXPECT_EQ(cols[3].role, ColumnRole::interval_status);
}

TEST(DlmsCosemCaptureObjects, FlagsAmbiguousAndMismatchedObjects) {
  const auto attr3 = axdr::Data::make_array({
      capture(3, Obis(1, 0, 143, 29, 0, 255), 2),  // VAh vectorial Abs Poly or Qh Del A
      capture(8, Obis(0, 0, 96, 11, 0, 255), 2),   // Ethernet log's "IC=8" (L16727)
      capture(3, Obis(1, 0, 250, 27, 0, 255), 2),  // not in the manual
  });
  const auto cols = decode_capture_objects(attr3);
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_TRUE(cols[0].ambiguous);
  EXPECT_EQ(cols[0].known, nullptr);
  EXPECT_EQ(cols[0].role, ColumnRole::channel);
  EXPECT_EQ(cols[1].role, ColumnRole::value);
  ASSERT_NE(cols[1].known, nullptr);
  EXPECT_TRUE(cols[1].class_mismatch);
  EXPECT_EQ(cols[1].known->description, "AMETEK Meter Serial Number");
  EXPECT_FALSE(cols[2].ambiguous);
  EXPECT_EQ(cols[2].known, nullptr);
  EXPECT_EQ(cols[2].channel, 2);
}

TEST(DlmsCosemCaptureObjects, DecodesFromWireBytes) {
  // array(1) of structure(4){long-unsigned 8, octet-string 00 00 01 00 00 FF, integer 2,
  // long-unsigned 0}.
  const std::vector<std::uint8_t> bytes{0x01, 0x01, 0x02, 0x04, 0x12, 0x00, 0x08, 0x09, 0x06, 0x00,
                                        0x00, 0x01, 0x00, 0x00, 0xFF, 0x0F, 0x02, 0x12, 0x00, 0x00};
  const auto cols = decode_capture_objects(axdr::decode(bytes));
  ASSERT_EQ(cols.size(), 1u);
  EXPECT_EQ(cols[0].object, (CaptureObject{8, kClock, 2, 0}));
  EXPECT_EQ(cols[0].role, ColumnRole::timestamp);
}

TEST(DlmsCosemCaptureObjects, RejectsMalformedDescriptions) {
  // Not an array.
  EXPECT_THROW(decode_capture_objects(axdr::Data::make_structure({})), axdr::TypeMismatch);
  // attribute_index as long instead of integer.
  const auto wrong_type = axdr::Data::make_array({axdr::Data::make_structure(
      {axdr::Data::make_long_unsigned(8), axdr::Data::make_octet_string({0, 0, 1, 0, 0, 255}),
       axdr::Data::make_long(2), axdr::Data::make_long_unsigned(0)})});
  EXPECT_THROW(decode_capture_objects(wrong_type), axdr::TypeMismatch);
  // A five-byte logical name.
  const auto short_name = axdr::Data::make_array({axdr::Data::make_structure(
      {axdr::Data::make_long_unsigned(8), axdr::Data::make_octet_string({0, 0, 1, 0, 0}),
       axdr::Data::make_integer(2), axdr::Data::make_long_unsigned(0)})});
  EXPECT_THROW(decode_capture_objects(short_name), axdr::ShapeError);
  // Three members instead of four.
  const auto three = axdr::Data::make_array({axdr::Data::make_structure(
      {axdr::Data::make_long_unsigned(8), axdr::Data::make_octet_string({0, 0, 1, 0, 0, 255}),
       axdr::Data::make_integer(2)})});
  EXPECT_THROW(decode_capture_objects(three), axdr::ShapeError);
  EXPECT_TRUE(decode_capture_objects(axdr::Data::make_array({})).empty());
}

}  // namespace
