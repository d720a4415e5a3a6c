#include "core/meter.hpp"

#include <date/tz.h>

namespace jemhead {

std::array<IdentificationField, kIdentificationFields> default_identification() {
  std::array<IdentificationField, kIdentificationFields> ids{};
  const char* titles[] = {"Meter ID",         "Administrator", "Location",
                          "Configuration ID", "Account",       "MV 90 Meter ID"};
  for (std::size_t i = 0; i < std::size(titles); ++i) ids[i].title = titles[i];
  return ids;
}

namespace {

bool printable_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

bool known_time_zone(const std::string& name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

Validation validate(const Meter& m) {
  Validation v;
  v.not_empty("serial", m.serial);
  v.max_length("serial", m.serial, 32);
  if (!printable_ascii(m.serial)) v.fail("serial", "must be printable ASCII");
  v.max_length("name", m.name, 128);
  v.max_length("location", m.location, 128);
  v.max_length("model", m.model, 32);
  v.max_length("firmware", m.firmware, 32);
  if (m.options.size() > 32) v.fail("options", "at most 32 options");
  for (std::size_t i = 0; i < m.options.size(); ++i)
    v.max_length("options/" + std::to_string(i), m.options[i], 16);
  for (std::size_t i = 0; i < m.identification.size(); ++i) {
    const auto base = "identification/" + std::to_string(i);
    v.max_length(base + "/title", m.identification[i].title, kIdentificationMaxChars);
    v.max_length(base + "/value", m.identification[i].value, kIdentificationMaxChars);
    if (!printable_ascii(m.identification[i].value))
      v.fail(base + "/value", "must be printable ASCII");
  }
  if (!known_time_zone(m.time_zone)) v.fail("time_zone", "unknown time zone '" + m.time_zone + "'");
  return v;
}

Validation validate(const Group& g) {
  Validation v;
  v.not_empty("name", g.name);
  v.max_length("name", g.name, 64);
  v.max_length("description", g.description, 512);
  return v;
}

}  // namespace jemhead
