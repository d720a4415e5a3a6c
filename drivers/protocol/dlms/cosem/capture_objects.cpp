#include "drivers/protocol/dlms/cosem/capture_objects.hpp"

#include <string>

#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/axdr/walk.hpp"
#include "drivers/protocol/dlms/cosem/object_list.hpp"

namespace jemhead::dlms::cosem {
namespace {

using axdr::DataType;

inline constexpr Obis kClock{0, 0, 1, 0, 0, 255};

ColumnRole role_of(const CaptureObject& object) {
  if (object.class_id == class_id::clock && object.logical_name == kClock &&
      object.attribute_index == 2)
    return ColumnRole::timestamp;
  if (object.class_id == class_id::data && object.attribute_index == 2)
    return ColumnRole::interval_status;
  if (object.class_id == class_id::register_ && object.attribute_index == 2)
    return ColumnRole::channel;
  return ColumnRole::value;
}

}  // namespace

std::vector<CaptureColumn> decode_capture_objects(const axdr::Data& attribute3) {
  const auto entries =
      axdr::unpack_each<DataType::long_unsigned, DataType::octet_string, DataType::integer,
                        DataType::long_unsigned>(attribute3, "capture_objects");
  std::vector<CaptureColumn> columns;
  columns.reserve(entries.size());
  std::uint16_t channels = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [cls, name, attribute, data_index] = entries[i];
    const auto obis = Obis::from_octet_string(name);
    if (!obis)
      throw axdr::ShapeError(axdr::entry_context("capture_objects", i) + ": logical_name has " +
                             std::to_string(name.size()) + " bytes, expected 6");
    CaptureColumn column;
    column.index = i;
    column.object = {cls, *obis, attribute, data_index};
    column.role = role_of(column.object);
    if (column.role == ColumnRole::channel) column.channel = ++channels;
    const auto matches = count_objects(*obis);
    column.ambiguous = matches > 1;
    column.known = find_object(*obis);
    column.class_mismatch = column.known && column.known->class_id != cls;
    columns.push_back(column);
  }
  return columns;
}

std::vector<const CaptureColumn*> columns_with_role(const std::vector<CaptureColumn>& columns,
                                                    ColumnRole role) {
  std::vector<const CaptureColumn*> out;
  for (const auto& c : columns)
    if (c.role == role) out.push_back(&c);
  return out;
}

}  // namespace jemhead::dlms::cosem
