#include "drivers/protocol/dlms/cosem/object_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace {

using namespace jemhead::dlms::cosem;
using jemhead::dlms::axdr::DataType;

std::size_t count_source(std::span<const CosemObject> objects, ObjectSource source) {
  return static_cast<std::size_t>(std::count_if(objects.begin(), objects.end(),
                                                [&](const auto& o) { return o.source == source; }));
}

const CosemObject& only(const char* text) {
  const auto* o = find_object(*Obis::parse(text));
  if (!o) throw std::runtime_error(std::string("not in the table: ") + text);
  return *o;
}

TEST(DlmsCosemObjectList, CountsMatchTheManualsTables) {
  // 29 data objects (L14108-L14216), 53 registers (L14698-L14871), 2 load profiles
  // (L15077-L15079), the Ethernet log, the clock, the Association LN.
  EXPECT_EQ(meter_objects().size(), 87u);
  EXPECT_EQ(count_source(meter_objects(), ObjectSource::data_objects), 29u);
  EXPECT_EQ(count_source(meter_objects(), ObjectSource::registers), 53u);
  EXPECT_EQ(count_source(meter_objects(), ObjectSource::load_profiles), 2u);
  EXPECT_EQ(count_source(meter_objects(), ObjectSource::ethernet_log), 1u);
  EXPECT_EQ(count_source(meter_objects(), ObjectSource::clock), 1u);
  EXPECT_EQ(count_source(meter_objects(), ObjectSource::association), 1u);
  // Table 2: 278 rows, 276 distinct codes.
  EXPECT_EQ(lp_measurements().size(), 278u);
  std::set<Obis> distinct;
  for (const auto& o : lp_measurements()) distinct.insert(o.obis);
  EXPECT_EQ(distinct.size(), 276u);
}

TEST(DlmsCosemObjectList, MeterObjectsAreUniqueAndDisjointFromLpMeasurements) {
  std::set<Obis> seen;
  for (const auto& o : meter_objects()) EXPECT_TRUE(seen.insert(o.obis).second) << o.description;
  for (const auto& o : lp_measurements()) EXPECT_FALSE(seen.count(o.obis)) << o.description;
}

TEST(DlmsCosemObjectList, DataObjectsAsPrinted) {
  // "AMETEK Meter Serial Number 0 0 96 11 0 255 RO Visible string" (L14138-L14142)
  const auto& serial = only("0.0.96.11.0.255");
  EXPECT_EQ(serial.description, "AMETEK Meter Serial Number");
  EXPECT_EQ(serial.class_id, 1);
  EXPECT_EQ(serial.value_type, DataType::visible_string);
  EXPECT_EQ(serial.kind, Kind::identification);
  // "Metrology firmware signature 0 1 0 2 8 255 RO Octet string" (L14114)
  EXPECT_EQ(only("0.1.0.2.8.255").value_type, DataType::octet_string);
  EXPECT_EQ(only("0.1.0.2.8.255").kind, Kind::firmware);
  // CPLD firmware version prints no type (L14136).
  EXPECT_FALSE(only("0.7.0.2.1.255").value_type);
  // "Ch.0 Transformer ratio - Voltage Primary 1 0 0 4 3 255 RO Double long unsigned"
  const auto& vt = only("1.0.0.4.3.255");
  EXPECT_EQ(vt.description, "Ch.0 Transformer ratio - Voltage Primary");
  EXPECT_EQ(vt.value_type, DataType::double_long_unsigned);
  EXPECT_EQ(vt.kind, Kind::transformer_ratio);
  // "Load Profile Group 2 Scaling Factor (Km) 1 128 104 0 0 255 RO Array" (L14208-L14212)
  EXPECT_EQ(only("1.128.104.0.0.255").value_type, DataType::array);
  EXPECT_EQ(only("1.128.104.0.0.255").kind, Kind::lp_configuration);
  EXPECT_EQ(only("1.0.0.8.4.255").description, "Load Profile Group 1 Recording Interval");
}

TEST(DlmsCosemObjectList, RegistersAsPrinted) {
  // "Watts Del Poly 1 0 1 7 0 255 RO Double long unsigned W" (L14707)
  const auto& w = only("1.0.1.7.0.255");
  EXPECT_EQ(w.description, "Watts Del Poly");
  EXPECT_EQ(w.class_id, 3);
  EXPECT_EQ(w.unit, Unit::watt);
  EXPECT_EQ(w.scaler, 0);
  EXPECT_EQ(w.kind, Kind::instantaneous);
  EXPECT_EQ(w.quantity, Quantity::active);
  EXPECT_EQ(w.phase, Phase::polyphase);
  EXPECT_EQ(w.direction, Direction::delivered);
  EXPECT_TRUE(has_attribute(w.attributes, 3));
  EXPECT_FALSE(has_attribute(w.attributes, 4));
  // "Volts RMS Average 1 0 12 4 0 255 ... V" (L14774): D=4, not 7.
  EXPECT_EQ(only("1.0.12.4.0.255").phase, Phase::average);
  EXPECT_EQ(only("1.0.12.4.0.255").unit, Unit::volt);
  // "Fundamental Amps B Phase Angle 1 0 81 7 5 255 ... Deg" (L14845-L14849)
  EXPECT_EQ(only("1.0.81.7.5.255").unit, Unit::degree);
  EXPECT_EQ(only("1.0.81.7.5.255").quantity, Quantity::amps_phase_angle);
  // PF prints no unit (L14791).
  EXPECT_FALSE(only("1.0.33.7.0.255").unit);
  // "Frequency ... HZ" (L14819)
  EXPECT_EQ(only("1.0.34.7.0.255").unit, Unit::hertz);
  // "Watthours C Received 1 0 62 8 0 255 ... Wh" (L14869)
  const auto& wh = only("1.0.62.8.0.255");
  EXPECT_EQ(wh.kind, Kind::energy);
  EXPECT_EQ(wh.unit, Unit::watt_hour);
  EXPECT_EQ(wh.direction, Direction::received);
  EXPECT_EQ(wh.phase, Phase::c);
  for (const auto& o : meter_objects())
    if (o.source == ObjectSource::registers) {
      EXPECT_EQ(o.value_type, DataType::double_long_unsigned) << o.description;
      EXPECT_EQ(o.writable, 0u) << o.description;
    }
}

TEST(DlmsCosemObjectList, ProfilesClockAndAssociation) {
  EXPECT_EQ(only("1.0.99.1.0.255").class_id, 7);
  EXPECT_EQ(only("1.0.99.1.0.255").class_version, 1);
  EXPECT_EQ(only("1.0.98.1.0.255").description, "Load Profile Group 2");
  EXPECT_TRUE(has_attribute(only("1.0.98.1.0.255").attributes, 8));
  EXPECT_EQ(only("0.0.99.98.0.255").kind, Kind::event_log);
  const auto& clock = only("0.0.1.0.0.255");
  EXPECT_EQ(clock.class_id, 8);
  EXPECT_TRUE(has_attribute(clock.attributes, 9));
  // Only the time is writable (L16780-L16826).
  EXPECT_EQ(clock.writable, AttributeMask{1} << 2);
  std::size_t writable = 0;
  for (const auto& o : meter_objects()) writable += o.writable != 0;
  EXPECT_EQ(writable, 1u);
  EXPECT_EQ(only("0.0.40.0.1.255").class_id, 15);
}

TEST(DlmsCosemObjectList, LpMeasurementsAsPrinted) {
  // Group 1, first and last rows (L15199-L15261).
  const auto& wh = only("1.0.21.29.0.255");
  EXPECT_EQ(wh.description, "Consumption Watt hours Delivered A");
  EXPECT_EQ(wh.kind, Kind::interval_consumption);
  EXPECT_EQ(wh.value_type, DataType::float32);
  EXPECT_EQ(only("1.0.15.29.0.255").direction, Direction::absolute);
  EXPECT_EQ(only("1.0.15.29.0.255").phase, Phase::polyphase);
  // VAR hours Net uses B=128 (L15263-L15388).
  EXPECT_EQ(only("1.128.3.29.0.255").description, "Consumption VAR hours Net Poly");
  EXPECT_EQ(only("1.0.27.29.0.255").direction, Direction::q3);
  // Watts(Avg) Abs under B=128 (L15453-L15517).
  EXPECT_EQ(only("1.128.55.27.0.255").description, "Instantaneous Watts(Avg) Abs B");
  // The VA arithmetic swap: BiDir is 1.128.30.27, Net is 1.128.29.29 (L15646-L15708).
  EXPECT_EQ(only("1.128.30.27.0.255").direction, Direction::bidirectional);
  EXPECT_EQ(only("1.128.29.29.0.255").direction, Direction::net);
  // Amps RMS(Avg) Neutral (L15729-L15750), Amp squared hours Avg at B=131.
  EXPECT_EQ(only("1.0.91.27.0.255").phase, Phase::neutral);
  EXPECT_EQ(only("1.131.88.29.0.255").phase, Phase::average);
  // THD uses E=124 (L16121-L16149).
  EXPECT_EQ(only("1.0.52.24.124.255").quantity, Quantity::volts_thd);
  // Status input channel 5 and pulse counter channel 2 (L16268-L16314).
  EXPECT_EQ(only("1.5.144.128.0.255").kind, Kind::status_input);
  EXPECT_EQ(only("1.5.144.128.0.255").channel, 5);
  EXPECT_EQ(only("1.2.82.128.0.255").kind, Kind::pulse_count);
  // Status Word System Bit (L16316-L16325).
  EXPECT_EQ(only("1.0.192.27.0.255").quantity, Quantity::system_bits);
  EXPECT_EQ(only("1.0.174.27.0.255").description,
            "Instantaneous Power Factor vectorial BiDir Poly");
}

TEST(DlmsCosemObjectList, CollidingCodesAreAmbiguous) {
  for (const char* text : {"1.0.143.29.0.255", "1.0.143.27.0.255"}) {
    const auto obis = *Obis::parse(text);
    EXPECT_EQ(count_objects(obis), 2u) << text;
    EXPECT_EQ(find_object(obis), nullptr) << text;
    const auto all = find_all_objects(obis);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0]->direction, Direction::absolute);
    EXPECT_EQ(all[1]->quantity, Quantity::q);
    EXPECT_EQ(all[1]->direction, Direction::delivered);
  }
  EXPECT_EQ(find_all_objects(*Obis::parse("1.0.143.29.0.255"))[0]->quantity,
            Quantity::apparent_vectorial);
}

TEST(DlmsCosemObjectList, UnknownCodesAreNotFound) {
  EXPECT_EQ(find_object(Obis(0, 0, 96, 1, 0, 255)), nullptr);  // the Blue Book serial number
  EXPECT_EQ(find_object(Obis(0, 0, 40, 0, 0, 255)), nullptr);  // "current association"
  EXPECT_TRUE(find_all_objects(Obis(1, 0, 99, 2, 0, 255)).empty());
}

TEST(DlmsCosemObjectList, NominalUnitsForLpChannels) {
  EXPECT_EQ(nominal_unit(Quantity::active, Kind::interval_consumption), Unit::watt_hour);
  EXPECT_EQ(nominal_unit(Quantity::active, Kind::interval_average), Unit::watt);
  EXPECT_EQ(nominal_unit(Quantity::amps, Kind::interval_consumption), Unit::ampere_hour);
  EXPECT_EQ(nominal_unit(Quantity::volts_squared_ln, Kind::interval_consumption),
            Unit::volt_squared_hour);
  EXPECT_FALSE(nominal_unit(Quantity::power_factor_arithmetic, Kind::interval_average));
  EXPECT_FALSE(nominal_unit(Quantity::q, Kind::interval_consumption));
  // Registers' stated units agree with the derivation wherever the manual states one.
  for (const auto& o : meter_objects())
    if (o.source == ObjectSource::registers && o.unit) {
      EXPECT_EQ(nominal_unit(o.quantity, o.kind), o.unit) << o.description;
    }
}

TEST(DlmsCosemObjectList, UsableAtCompileTime) {
  static_assert(count_objects(Obis(1, 0, 99, 1, 0, 255)) == 1);
  static_assert(find_object(Obis(1, 0, 1, 8, 0, 255))->unit == Unit::watt_hour);
  static_assert(meter_objects().size() + lp_measurements().size() == 87 + 278);
  SUCCEED();
}

}  // namespace
