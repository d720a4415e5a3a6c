#pragma once
// A meter in the fleet and the group it belongs to. Identity follows the manual: serial
// number (read on connect and checked), model code (which carries the MID option),
// firmware, installed options, and the ten user-titled identification fields (part2 §1).
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/validation.hpp"

namespace jemhead {

struct IdentificationField {
  std::string title;  // user-editable title, e.g. "Meter ID", "MV 90 Meter ID"
  std::string value;  // at most 24 characters (manual L2451)
};

inline constexpr std::size_t kIdentificationFields = 10;  // manual L2451
inline constexpr std::size_t kIdentificationMaxChars = 24;

struct Meter {
  std::int64_t id = 0;
  std::string serial;  // unique in the fleet
  std::string name;
  std::string location;
  std::string model;  // model code as printed on the meter
  bool mid = false;   // MID meter: billing data may not be reset (part1 §7)
  std::string firmware;
  std::vector<std::string> options;  // installed options, e.g. "PQ2", "ML"
  std::array<IdentificationField, kIdentificationFields> identification{};
  std::optional<std::int64_t> group_id;
  std::string time_zone = "UTC";  // IANA name of the meter's local time
  bool enabled = true;            // disabled meters are kept but never polled
  // The meter's own schedules (JSON object: kind -> schedule spec), overriding its
  // group's; validated by the engine, stored as text.
  std::string schedules_json = "{}";
  UtcTime created_at{};
  UtcTime updated_at{};
  // The meter's latest configuration version (issue 8), attached for a session by whoever
  // loads the meter (engine/job_runner.cpp, api/meter_data_support.cpp), never stored with
  // it: drivers take the meter's point maps from it when their profile names none.
  std::int64_t configuration_version = 0;  // 0: the meter has no configuration version
  std::shared_ptr<const std::string> configuration_json;
};

struct Group {
  std::int64_t id = 0;
  std::string name;  // unique
  std::string description;
  std::string schedules_json = "{}";  // JSON object: kind -> schedule spec, for its meters
  UtcTime created_at{};
};

// The manual's default identification titles that appear in its text (the full list is
// in a missing screenshot, part2 §1); the rest start empty.
std::array<IdentificationField, kIdentificationFields> default_identification();

Validation validate(const Meter& m);
Validation validate(const Group& g);

}  // namespace jemhead
