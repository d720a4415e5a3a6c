#include "sim/pqdif/channel_table.hpp"

namespace jemhead::sim {

namespace {

using namespace jemhead::pqdif;

constexpr std::uint32_t kPhases[3] = {kPhaseAN, kPhaseBN, kPhaseCN};
constexpr const char* kPhaseNames[3] = {"A", "B", "C"};

ChannelDefinition channel(std::string name, std::uint32_t phase, const Guid& quantity,
                          std::uint32_t measured) {
  ChannelDefinition c;
  c.name = std::move(name);
  c.phase = phase;
  c.quantity_type = quantity;
  c.quantity_measured = measured;
  return c;
}

SeriesDefinition time_axis() {
  return SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, kCharacteristicNone,
                              kStorageIncrement);
}

struct MlChannel {
  const char* key;
  const char* name;
  std::uint32_t phase, units, measured;
  Guid characteristic;
};

MlChannel ml_channel(const std::string& key) {
  static const MlChannel table[] = {
      {"volts_a", "Volts Phase A", kPhaseAN, kUnitsVolts, kMeasuredVoltage, kCharacteristicRms},
      {"volts_b", "Volts Phase B", kPhaseBN, kUnitsVolts, kMeasuredVoltage, kCharacteristicRms},
      {"volts_c", "Volts Phase C", kPhaseCN, kUnitsVolts, kMeasuredVoltage, kCharacteristicRms},
      {"amps_a", "Amps Phase A", kPhaseAN, kUnitsAmps, kMeasuredCurrent, kCharacteristicRms},
      {"amps_b", "Amps Phase B", kPhaseBN, kUnitsAmps, kMeasuredCurrent, kCharacteristicRms},
      {"amps_c", "Amps Phase C", kPhaseCN, kUnitsAmps, kMeasuredCurrent, kCharacteristicRms},
      {"watts_total", "Watts Total", kPhaseTotal, kUnitsWatts, kMeasuredPower, kCharacteristicP},
      {"vars_total", "VARs Total", kPhaseTotal, kUnitsVars, kMeasuredPower, kCharacteristicQ},
      {"va_total", "VA Total", kPhaseTotal, kUnitsVA, kMeasuredPower, kCharacteristicS},
      {"pf_total", "Power Factor Total", kPhaseTotal, kUnitsNone, kMeasuredPower,
       kCharacteristicPf},
      {"frequency", "Frequency", kPhaseAN, kUnitsHertz, kMeasuredVoltage, kCharacteristicFrequency},
  };
  for (const auto& c : table)
    if (key == c.key) return c;
  return table[0];  // the fleet parser admits only the names above
}

}  // namespace

const std::vector<XyChannel>& xy_channels() {
  static const std::vector<XyChannel> table = [] {
    std::vector<XyChannel> t;
    const char* names[5] = {"Volts", "Amps", "VTHD", "ATHD", "Power Factor"};
    const std::uint32_t units[5] = {kUnitsVolts, kUnitsAmps, kUnitsPercent, kUnitsPercent,
                                    kUnitsNone};
    for (int q = 0; q < 5; ++q)
      for (int p = 0; p < 3; ++p) {
        t.push_back({std::string(names[q]) + " Phase " + kPhaseNames[p], kPhases[p], units[q], q});
      }
    t.push_back({"Frequency Phase A", kPhaseAN, kUnitsHertz, 5});
    return t;
  }();
  return table;
}

DataSource meter_data_source(const std::string& serial, const PqdifSpec& spec, UtcTime effective) {
  DataSource ds;
  ds.name = "JEMStar II " + serial;
  ds.type = kDataSourceMeasure;
  ds.serial_number = serial;
  ds.effective = effective;
  for (const auto& xy : xy_channels()) {
    auto c = channel(xy.name, xy.phase, kQuantityTypeXY,
                     xy.quantity == 1 || xy.quantity == 3 ? kMeasuredCurrent : kMeasuredVoltage);
    c.quantity_name = "Sag/Swell Record";
    const Guid ch = xy.quantity == 2 || xy.quantity == 3 ? kCharacteristicTotalThd
                    : xy.quantity == 4                   ? kCharacteristicPf
                    : xy.quantity == 5                   ? kCharacteristicFrequency
                                                         : kCharacteristicRms;
    for (const Guid& vt : {kValueTypeMin, kValueTypeMax, kValueTypeAvg})
      c.series.push_back(SeriesDefinition::of(vt, xy.units, ch));
    ds.channels.push_back(std::move(c));
  }
  for (int p = 0; p < 3; ++p) {
    auto c = channel(std::string("Volts Phase ") + kPhaseNames[p], kPhases[p],
                     kQuantityTypeMagDurTime, kMeasuredVoltage);
    c.series.push_back(SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, kCharacteristicNone));
    c.series.push_back(SeriesDefinition::of(kValueTypeVal, kUnitsVolts, kCharacteristicRms));
    c.series.push_back(
        SeriesDefinition::of(kValueTypeDuration, kUnitsSeconds, kCharacteristicNone));
    ds.channels.push_back(std::move(c));
  }
  for (int q = 0; q < 2; ++q)
    for (int p = 0; p < 3; ++p) {
      auto c =
          channel(std::string(q == 0 ? "Volts" : "Amps") + " Phase " + kPhaseNames[p], kPhases[p],
                  kQuantityTypeWaveform, q == 0 ? kMeasuredVoltage : kMeasuredCurrent);
      c.quantity_name = "Waveform Capture Record";
      c.series.push_back(time_axis());
      c.series.push_back(SeriesDefinition::of(kValueTypeVal, q == 0 ? kUnitsVolts : kUnitsAmps,
                                              kCharacteristicInstantaneous));
      ds.channels.push_back(std::move(c));
    }
  for (int q = 0; q < 3; ++q)
    for (int p = 0; p < 3; ++p) {
      const char* names[3] = {"Volts", "Amps", "Phase Angle"};
      auto c = channel(std::string(names[q]) + " Phase " + kPhaseNames[p], kPhases[p],
                       kQuantityTypePhasor, q == 1 ? kMeasuredCurrent : kMeasuredVoltage);
      c.quantity_name = "High Speed RMS Recording";
      c.series.push_back(time_axis());
      if (q == 2)
        c.series.push_back(
            SeriesDefinition::of(kValueTypePhaseAngle, kUnitsDegrees, kCharacteristicRms));
      else
        c.series.push_back(SeriesDefinition::of(kValueTypeVal, q == 0 ? kUnitsVolts : kUnitsAmps,
                                                kCharacteristicRms));
      ds.channels.push_back(std::move(c));
    }
  for (const auto& key : spec.ml_channels) {
    const MlChannel m = ml_channel(key);
    auto c = channel(m.name, m.phase, kQuantityTypeValueLog, m.measured);
    c.quantity_name = "Measurement Log";
    c.series.push_back(time_axis());
    c.series.push_back(SeriesDefinition::of(kValueTypeVal, m.units, m.characteristic));
    ds.channels.push_back(std::move(c));
  }
  return ds;
}

}  // namespace jemhead::sim
