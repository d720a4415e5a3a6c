#include "sim/meter_spec.hpp"

#include <cmath>

namespace jemhead::sim {

int element_count(ServiceType s) {
  switch (s) {
    case ServiceType::four_wire_wye:
    case ServiceType::four_wire_wye_2_5_element:
    case ServiceType::four_wire_delta: return 3;
    default: return 2;
  }
}

bool line_to_line_basis(ServiceType s) {
  return s == ServiceType::three_wire_delta || s == ServiceType::three_wire_open_delta ||
         s == ServiceType::three_wire_wye;
}

std::string MeterSpec::meter_form() const {
  // ANSI transformer-rated socket forms: 9S (3 elements, 4-wire wye), 5S (2 elements),
  // 6S (2.5 elements). The manual lists forms only in a screenshot (part2 open q. 2).
  if (service == ServiceType::four_wire_wye_2_5_element) return "6S";
  return element_count(service) == 3 ? "9S" : "5S";
}

std::string MeterSpec::default_model() const {
  // The ordering code is not documented (part1 §7 says only that MID is part of it); this
  // made-up code carries form, class, frequency and MID so that it is at least consistent.
  std::string code = "JS2-" + meter_form() + "-CL" +
                     std::to_string(static_cast<int>(std::lround(class_amps))) + "-" +
                     std::to_string(frequency) + "HZ";
  if (mid) code += "-MID";
  return code;
}

void fill_default_identification(MeterSpec& spec) {
  for (auto& field : spec.identification)
    if (field.value.empty() && (field.title == "Meter ID" || field.title == "MV 90 Meter ID"))
      field.value = spec.serial.substr(0, kIdentificationMaxChars);
}

}  // namespace jemhead::sim
