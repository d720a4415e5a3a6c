#pragma once
// Lookup in the meter's object list: the objects of object_table.hpp and the load-profile
// channel sources of lp_measurement_table.hpp, by OBIS code.
#include <cstddef>
#include <span>
#include <vector>

#include "drivers/protocol/dlms/cosem/lp_measurement_table.hpp"
#include "drivers/protocol/dlms/cosem/object_table.hpp"

namespace jemhead::dlms::cosem {

constexpr std::span<const CosemObject> meter_objects() {
  return kMeterObjects;
}
constexpr std::span<const CosemObject> lp_measurements() {
  return kLoadProfileMeasurements;
}

// How many entries carry this OBIS (2 for the manual's two collisions, see
// lp_measurement_table.hpp).
constexpr std::size_t count_objects(const Obis& obis) {
  std::size_t n = 0;
  for (const auto& o : meter_objects()) n += o.obis == obis ? 1 : 0;
  for (const auto& o : lp_measurements()) n += o.obis == obis ? 1 : 0;
  return n;
}

// The one entry with this OBIS; nullptr when there is none or when the manual gives the
// code to two different quantities (use find_all_objects to see both).
constexpr const CosemObject* find_object(const Obis& obis) {
  if (count_objects(obis) != 1) return nullptr;
  for (const auto& o : meter_objects())
    if (o.obis == obis) return &o;
  for (const auto& o : lp_measurements())
    if (o.obis == obis) return &o;
  return nullptr;
}

// Every entry with this OBIS, in the manual's order.
std::vector<const CosemObject*> find_all_objects(const Obis& obis);

}  // namespace jemhead::dlms::cosem
