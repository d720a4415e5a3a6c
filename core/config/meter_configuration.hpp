#pragma once
// The configuration document of one meter: the manual's sections, each described once
// (describe()), with every operation derived from those descriptions, plus the meter's
// hardware (standard, firmware, options, MID) that gates them. docs/configuration.md.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/config/communication.hpp"
#include "core/config/config_problem.hpp"
#include "core/config/demands.hpp"
#include "core/config/display.hpp"
#include "core/config/display_registers.hpp"
#include "core/config/identification.hpp"
#include "core/config/input_output.hpp"
#include "core/config/load_profile.hpp"
#include "core/config/loss_compensation.hpp"
#include "core/config/measurement_log.hpp"
#include "core/config/meter_hardware.hpp"
#include "core/config/primary_configuration.hpp"
#include "core/config/protocols.hpp"
#include "core/config/status_word.hpp"
#include "core/config/time_of_use.hpp"
#include "core/config/timekeeping.hpp"
#include "core/config/triggers.hpp"
#include "core/config/users.hpp"

namespace jemhead::config {

// The sections in the manual's order (L626-L640); `hardware` first because every other
// section's gates read it.
struct MeterConfiguration {
  MeterHardware hardware;
  MeterIdentification identification;
  PrimaryConfiguration primary;
  DisplayRegisters display_registers;
  LoadProfile load_profile;
  Demands demands;
  MeasurementLog measurement_log;
  TimeOfUse time_of_use;
  Timekeeping timekeeping;
  InputOutput input_output;
  TriggerSetup triggers;
  StatusWord status_word;
  CommunicationSetup communication;
  ProtocolSetup protocols;
  DisplaySetup display;
  LossCompensation loss_compensation;
  UserManagement users;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("hardware", s.hardware, Seed{"L1339, L2145, L2326"},
              "Meter hardware: standard, firmware, options, MID (not written by a push)");
    v.section("identification", s.identification, Seed{"L2445-L2476"}, "Meter Identification");
    v.section("primary", s.primary, Seed{"L2477-L2684"}, "Primary Configuration");
    v.section("display_registers", s.display_registers, Seed{"L2685-L3301"}, "Display Registers");
    v.section("load_profile", s.load_profile, Seed{"L3302-L3478"}, "Load Profile");
    v.section("demands", s.demands, Seed{"L3479-L3572"}, "Demands");
    v.section("measurement_log", s.measurement_log, Seed{"L3573-L3811"},
              "Measurement Logging (option)");
    v.section("time_of_use", s.time_of_use, Seed{"L3812-L3903"}, "Time of Use Setup");
    v.section("timekeeping", s.timekeeping, Seed{"L3904-L4210"}, "Timekeeping & Scheduled Events");
    v.section("input_output", s.input_output, Seed{"L4211-L4514"}, "Input / Output");
    v.section("triggers", s.triggers, Seed{"L4515-L4733"}, "Trigger Setup");
    v.section("status_word", s.status_word, Seed{"L4734-L4996"}, "Status Word");
    v.section("communication", s.communication, Seed{"L4997-L5886"}, "Communication Setup");
    v.section("protocols", s.protocols, Seed{"L5887-L6629"}, "Protocol Setup");
    v.section("display", s.display, Seed{"L6630-L6737"}, "Display Setup");
    v.section("loss_compensation", s.loss_compensation, Seed{"L6738-L7041"},
              "Transformer Loss Compensation");
    v.section("users", s.users, Seed{"L7042-L7264"}, "User Management");
  }
  bool operator==(const MeterConfiguration&) const = default;
};

// Every field of every section (defaults included).
boost::json::object to_json(const MeterConfiguration& c);

struct ReadResult {
  MeterConfiguration config;
  Problems problems;
};
// Reading only: wrong JSON types, unknown keys and unknown enumeration texts. Missing keys
// keep the factory default.
ReadResult read_json(const boost::json::value& v);
// Reading and validation: every problem of both, in document order per kind.
ReadResult from_json(const boost::json::value& v);
// Parses text first; a syntax error is one problem at path "" with rule "syntax".
ReadResult from_json_text(std::string_view text);

// Field limits and every cross-field rule; all problems at once.
Problems validate(const MeterConfiguration& c);

// The cross-field rules validate() applies, for documentation and the REST API.
std::span<const RuleRef> cross_field_rules();

// JSON Schema (draft 2020-12) of the document, defaults = factory defaults.
boost::json::object json_schema();

// Values the manual computes rather than stores (transformer factor, full-scale watts).
boost::json::object derived_values(const MeterConfiguration& c);

}  // namespace jemhead::config
