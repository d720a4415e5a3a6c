#include "bench/pqdif/generated_file.hpp"

#include <cmath>
#include <sstream>

#include "core/pqdif/logical_writer.hpp"

namespace jemhead::bench {

namespace {

using namespace jemhead::pqdif;

constexpr std::size_t kWaveformPoints = 1536;  // 12 cycles at 128 samples, as the samples
constexpr double kSampleSeconds = 1.0 / 7680.0;
constexpr std::size_t kLogPoints = 144;  // a day of 10-minute measurement-log intervals
constexpr int kLogChannels = 10;

// Six waveform channels (time by increment, shared by all six; values scaled int16 as
// meters store them),
// then measurement-log channels (time, min, max, avg as plain values).
DataSource data_source() {
  DataSource ds;
  ds.name = "JEMStar II (benchmark)";
  const std::pair<const char*, std::uint32_t> waveforms[] = {
      {"Volts A", kUnitsVolts}, {"Volts B", kUnitsVolts}, {"Volts C", kUnitsVolts},
      {"Amps A", kUnitsAmps},   {"Amps B", kUnitsAmps},   {"Amps C", kUnitsAmps}};
  for (const auto& [name, units] : waveforms) {
    ChannelDefinition c;
    c.name = name;
    c.quantity_type = kQuantityTypeWaveform;
    c.series = {
        SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, kCharacteristicInstantaneous,
                             kStorageIncrement),
        SeriesDefinition::of(kValueTypeVal, units, kCharacteristicInstantaneous, kStorageScaled)};
    ds.channels.push_back(std::move(c));
  }
  for (int i = 0; i < kLogChannels; ++i) {
    ChannelDefinition c;
    c.name = "Log " + std::to_string(i + 1);
    c.quantity_type = kQuantityTypeValueLog;
    c.series = {SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, kCharacteristicInstantaneous),
                SeriesDefinition::of(kValueTypeMin, kUnitsVolts, kCharacteristicRms),
                SeriesDefinition::of(kValueTypeMax, kUnitsVolts, kCharacteristicRms),
                SeriesDefinition::of(kValueTypeAvg, kUnitsVolts, kCharacteristicRms)};
    ds.channels.push_back(std::move(c));
  }
  return ds;
}

Observation waveform(UtcTime start, int n) {
  Observation o;
  o.name = "Waveform Capture " + std::to_string(n);
  o.time_create = o.time_start = start;
  o.time_triggered = start;
  o.trigger_method = kTriggerChannel;
  for (std::uint32_t c = 0; c < 6; ++c) {
    ChannelInstance ci;
    ci.channel_definition_index = c;
    SeriesInstance time;
    SeriesInstance value;
    const double peak = c < 3 ? 169.7 : 7.1;
    if (c > 0) {  // one time axis for all six channels, as instruments write it
      time.share_channel_index = 0;
      time.share_series_index = 0;
    }
    for (std::size_t i = 0; i < kWaveformPoints; ++i) {
      if (c == 0) time.values.push_back(static_cast<double>(i) * kSampleSeconds);
      value.values.push_back(
          peak * std::sin(2 * M_PI * 60.0 * static_cast<double>(i) * kSampleSeconds + c * 2.0944));
    }
    ci.series = {std::move(time), std::move(value)};
    o.channels.push_back(std::move(ci));
  }
  return o;
}

Observation measurement_log(UtcTime start, int n) {
  Observation o;
  o.name = "Measurement Log " + std::to_string(n);
  o.time_create = o.time_start = start;
  o.trigger_method = kTriggerPeriodic;
  for (int c = 0; c < kLogChannels; ++c) {
    ChannelInstance ci;
    ci.channel_definition_index = static_cast<std::uint32_t>(6 + c);
    std::vector<SeriesInstance> s(4);
    for (std::size_t i = 0; i < kLogPoints; ++i) {
      const double avg = 120.0 + std::sin(static_cast<double>(i + c)) * 2;
      s[0].values.push_back(static_cast<double>(i) * 600.0);
      s[1].values.push_back(avg - 1.5);
      s[2].values.push_back(avg + 1.5);
      s[3].values.push_back(avg);
    }
    ci.series = std::move(s);
    o.channels.push_back(std::move(ci));
  }
  return o;
}

}  // namespace

std::vector<std::uint8_t> generate_pqdif_file(std::size_t bytes, bool compressed,
                                              const std::string& file_name) {
  std::ostringstream out;
  Container container;
  container.file_name = file_name;
  container.creation = from_unix_micros(1454408745133724);
  WriteOptions options;
  options.style = compressed ? CompressionStyle::record_level : CompressionStyle::none;
  PqdifFileWriter writer(out, container, options, {PhysicalType::real4});
  writer.write_data_source(data_source());
  auto start = container.creation;
  for (int n = 0; static_cast<std::size_t>(out.tellp()) < bytes; ++n) {
    writer.write_observation(n % 4 == 3 ? measurement_log(start, n) : waveform(start, n));
    start += std::chrono::seconds(37);
  }
  writer.finish();
  const std::string text = out.str();
  return {text.begin(), text.end()};
}

}  // namespace jemhead::bench
