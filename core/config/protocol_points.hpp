#pragma once
// The point kinds Modbus Slave and DNP Slave maps share (L5980-L6131, L6266-L6434;
// appendices A and B). Lists are sparse: each entry carries its own point number, and a
// point that is not listed is "Unused" (L6095-L6097, L6382-L6384).
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/protocols_enums.hpp"

namespace jemhead::config {

// A counter: one Normal or Alternate display register, reported as a 32-bit unsigned
// integer (Modbus: two holding registers, high-order word first, L12665-L12671, L12875;
// DNP: Object 20/21/23, L12020-L12045). The value carries the display register's own
// units (Primary, "kilo", ... L6022-L6028) times scale_factor, then the DNP digit
// restriction (which also applies to Modbus, L6215-L6219). Time/date registers are seconds
// since 1970, diagnostic and string registers 0, status registers a bit mask (L12069-L12073).
struct CounterPoint {
  int point = 1;
  RegisterSet register_set = RegisterSet::normal;
  int register_id = 0;
  // "scale factor from 1 to 1,000" (L6029-L6031, L12215). Appendix C's "0.001 scaling"
  // (L13700, L13799) is read as factor 1000: one count = 0.001 display unit.
  int scale_factor = 1;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("point", s.point, Range{1, 300}, Seed{"L5984-L5990, L6272-L6276"},
            "Point number 1-300 (Modbus: register pair 2n-1, 2n from the start address)");
    v.field("register_set", s.register_set, Seed{"L5994-L6002, L6280-L6282"},
            "Display register list the value comes from");
    v.field("register_id", s.register_id, Range{0, 149}, Seed{"L6006-L6018"},
            "Display register ID: Normal 0-49, Alternate 100-149");
    v.field("scale_factor", s.scale_factor, Range{1, 1000}, Seed{"L6022-L6031, L12209-L12215"},
            "Value = display register value x scale factor (1-1000)");
  }
  bool operator==(const CounterPoint&) const = default;
};

// What an analog point measures (L6050-L6093, L6337-L6380). Values are secondary
// (L13181-L13183, L12321-L12323). Modbus and DNP points add their own point number and scale
// limits.
struct AnalogMeasurement {
  AnalogCategory category = AnalogCategory::metering;
  AnalogMeasurementType measurement_type = AnalogMeasurementType::instantaneous;
  AnalogQuantity quantity = AnalogQuantity::watts;
  AnalogPhase phase = AnalogPhase::polyphase;
  // "When selecting individual harmonics, this field [Phase] is used for the individual
  // harmonic number" (L6076-L6078): kept apart so the phase stays A/B/C. 0 = not a harmonic.
  int harmonic_number = 0;
  AnalogDirection direction = AnalogDirection::delivered;
  AnalogTlc tlc = AnalogTlc::uncompensated;

  template <class Self, class V>
  static void describe_measurement(Self& s, V& v) {
    v.field("category", s.category, Seed{"L6050-L6052"}, "Category");
    v.field("measurement_type", s.measurement_type, Seed{"L6054-L6062"},
            "Measurement Type; the list depends on the category");
    v.field("quantity", s.quantity, Seed{"L6064-L6066, L13215-L13262"},
            "Quantity; the list depends on the measurement type");
    v.field("phase", s.phase, Seed{"L6068-L6078"}, "Phase (neutral: Amps only)");
    v.field("harmonic_number", s.harmonic_number, Range{0, 64}, Seed{"L6076-L6078, L12302-L12310"},
            "Individual harmonic 2-64 (interharmonic 2-50); 0 for other quantities");
    v.field("direction", s.direction, Seed{"L6079-L6085"}, "Direction (Q1-Q4: VARs only)");
    v.field("tlc", s.tlc, Seed{"L6087-L6093"},
            "Loss compensation (Watt, VAR, VA, Q and PF; ignored otherwise)");
  }
  bool operator==(const AnalogMeasurement&) const = default;
};

// Appendix C's counters, the same for Modbus and DNP (L13700-L13706, L13799-L13805): Wh and
// VARh delivered and received at "0.001 scaling". Appendix C names the quantity, not the
// register: they are the first four Normal registers here.
inline std::vector<CounterPoint> default_counter_points() {
  return {{1, RegisterSet::normal, 0, 1000},
          {2, RegisterSet::normal, 1, 1000},
          {3, RegisterSet::normal, 2, 1000},
          {4, RegisterSet::normal, 3, 1000}};
}

// Appendix C's 18 analogs, the same for Modbus and DNP (L13712-L13745, L13809-L13842):
// Watts, VARs, VA (A, B, C, polyphase), Volts and Amps (A, B, C). Appendix C gives no
// direction: delivered for power, none for volts and amps; uncompensated.
inline std::vector<AnalogMeasurement> default_analog_measurements() {
  std::vector<AnalogMeasurement> out;
  const auto add = [&out](AnalogQuantity q, AnalogPhase ph, AnalogDirection d) {
    AnalogMeasurement m;
    m.quantity = q;
    m.phase = ph;
    m.direction = d;
    out.push_back(m);
  };
  for (auto q : {AnalogQuantity::watts, AnalogQuantity::vars, AnalogQuantity::va_vectorial})
    for (auto ph : {AnalogPhase::a, AnalogPhase::b, AnalogPhase::c, AnalogPhase::polyphase})
      add(q, ph, AnalogDirection::delivered);
  for (auto q : {AnalogQuantity::volts, AnalogQuantity::amps})
    for (auto ph : {AnalogPhase::a, AnalogPhase::b, AnalogPhase::c})
      add(q, ph, AnalogDirection::none);
  return out;
}

// A binary output (Modbus coil FC 01/05/15, DNP Object 10): one digital output channel
// (Digital Out #1-#14, L12951-L12977, L11955-L11981).
struct BinaryOutputPoint {
  int point = 1;
  int output_channel = 1;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("point", s.point, Range{1, 14}, Seed{"L6109-L6115, L6412-L6418"},
            "Point (Modbus coil offset from the start address, DNP index)");
    v.field("output_channel", s.output_channel, Range{1, 14}, Seed{"L12951-L12977"},
            "Digital output channel");
  }
  bool operator==(const BinaryOutputPoint&) const = default;
};

// A binary input (Modbus input status FC 02, DNP Object 2): a digital input (Ch. 1-14), an
// alarm trigger (Ch. 1-64) or a meter status flag (L12941-L13003, L11949-L12009).
struct BinaryInputPoint {
  int point = 1;
  BinaryInputSource source = BinaryInputSource::digital_input;
  int channel = 1;  // digital input or trigger channel; 0 for status flags

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("point", s.point, Range{1, 100}, Seed{"L6117-L6123, L6420-L6426"},
            "Point (Modbus input offset from the start address, DNP index)");
    v.field("source", s.source, Seed{"L12941-L13003"},
            "Digital input, alarm trigger or meter status flag");
    v.field("channel", s.channel, Range{0, 64}, Seed{"L12941-L13003"},
            "Digital input 1-14 or trigger 1-64; 0 for status flags");
  }
  bool operator==(const BinaryInputPoint&) const = default;
};

}  // namespace jemhead::config
