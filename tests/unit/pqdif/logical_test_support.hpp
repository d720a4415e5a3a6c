#pragma once
// Builders shared by the PQDIF logical-layer tests: element trees written by hand (so the
// decoder is tested without the encoder) and a small data source model with one channel
// of each observation kind the simulator writes.
#include <cstdint>
#include <vector>

#include "core/pqdif/element.hpp"
#include "core/pqdif/model.hpp"
#include "core/pqdif/tags.hpp"
#include "core/pqdif/timestamp.hpp"
#include "core/time.hpp"

namespace jemhead::pqdif::test {

inline Element u32_element(const Guid& tag, std::uint32_t v) {
  return Element::scalar(tag, Values::of_scalar_unsigned4(v));
}
inline Element real8_element(const Guid& tag, double v) {
  return Element::scalar(tag, Values::of_scalar_real8(v));
}
inline Element guid_element(const Guid& tag, const Guid& v) {
  return Element::scalar(tag, Values::of_guid(v));
}
inline Element text_element(const Guid& tag, std::string_view v) {
  return Element::vector(tag, Values::of_text(v));
}
inline Element time_element(const Guid& tag, Timestamp t) {
  return Element::scalar(tag, Values::of_timestamp(t));
}

// 2024-03-01T12:00:00Z as PQDIF stores it.
inline constexpr Timestamp kStart{45352, 43200.0};
inline UtcTime start_utc() {
  return *to_utc(kStart);
}

inline Element series_definition_element(const Guid& value_type, std::uint32_t units,
                                         std::uint32_t storage) {
  return Element::collection(
      kTagOneSeriesDefn,
      {guid_element(kTagValueTypeID, value_type), u32_element(kTagQuantityUnitsID, units),
       guid_element(kTagQuantityCharacteristicID, kCharacteristicInstantaneous),
       u32_element(kTagStorageMethodID, storage)});
}

inline Element channel_definition_element(std::string_view name, std::vector<Element> series) {
  return Element::collection(
      kTagOneChannelDefn, {text_element(kTagChannelName, name), u32_element(kTagPhaseID, kPhaseAN),
                           guid_element(kTagQuantityTypeID, kQuantityTypeWaveform),
                           Element::collection(kTagSeriesDefns, std::move(series))});
}

inline Element data_source_element(std::vector<Element> channels) {
  return Element::collection(
      kTagRecordDataSource,
      {guid_element(kTagDataSourceTypeID, kDataSourceMeasure), text_element(kTagNameDS, "ds"),
       Element::collection(kTagChannelDefns, std::move(channels))});
}

inline Element series_instance_element(std::vector<Element> children) {
  return Element::collection(kTagOneSeriesInstance, std::move(children));
}

inline Element share_element(std::uint32_t channel, std::uint32_t series) {
  return series_instance_element({u32_element(kTagSeriesShareChannelIdx, channel),
                                  u32_element(kTagSeriesShareSeriesIdx, series)});
}

inline Element values_element(const std::vector<double>& v) {
  return Element::vector(kTagSeriesValues, Values::of_real8(v));
}

inline Element channel_instance_element(std::uint32_t definition, std::vector<Element> series) {
  return Element::collection(kTagOneChannelInst,
                             {u32_element(kTagChannelDefnIdx, definition),
                              Element::collection(kTagSeriesInstances, std::move(series))});
}

inline Element observation_element(std::vector<Element> channels) {
  return Element::collection(
      kTagRecordObservation,
      {text_element(kTagObservationName, "obs"), time_element(kTagTimeCreate, kStart),
       time_element(kTagTimeStart, kStart), u32_element(kTagTriggerMethodID, kTriggerChannel),
       Element::collection(kTagChannelInstances, std::move(channels))});
}

// --- Models for round trips -------------------------------------------------------------

inline ChannelDefinition channel_def(std::string name, std::uint32_t phase, const Guid& type,
                                     std::uint32_t measured, std::vector<SeriesDefinition> s) {
  ChannelDefinition c;
  c.name = std::move(name);
  c.phase = phase;
  c.quantity_type = type;
  c.quantity_measured = measured;
  c.series = std::move(s);
  return c;
}

// Channel definitions, one per kind of observation a JEMStar II simulator writes:
//   0 waveform VAN   (time: increment, values: scaled int16)
//   1 waveform IA    (time: increment, values: plain)
//   2 value log VAB  (time, min, max, avg: plain)
//   3 phasor VAN     (time, val, phase angle: plain)
//   4 XY sag curve   (x = duration, y = magnitude: plain)
//   5 MagDurTime     (time, magnitude, duration: plain)
inline DataSource jemstar_source() {
  DataSource d;
  d.name = "JEMStar II sim";
  d.type = kDataSourceSimulate;
  d.vendor = kVendorNone;
  d.serial_number = "12345678";
  d.effective = start_utc();
  const auto rms = kCharacteristicRms;
  const auto inst = kCharacteristicInstantaneous;
  d.channels.push_back(channel_def(
      "V A waveform", kPhaseAN, kQuantityTypeWaveform, kMeasuredVoltage,
      {SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, inst, kStorageIncrement),
       SeriesDefinition::of(kValueTypeVal, kUnitsVolts, inst, kStorageValues | kStorageScaled)}));
  d.channels.push_back(
      channel_def("I A waveform", kPhaseAN, kQuantityTypeWaveform, kMeasuredCurrent,
                  {SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, inst, kStorageIncrement),
                   SeriesDefinition::of(kValueTypeVal, kUnitsAmps, inst, kStorageValues)}));
  d.channels.push_back(
      channel_def("V AB log", kPhaseAB, kQuantityTypeValueLog, kMeasuredVoltage,
                  {SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, inst, kStorageValues),
                   SeriesDefinition::of(kValueTypeMin, kUnitsVolts, rms, kStorageValues),
                   SeriesDefinition::of(kValueTypeMax, kUnitsVolts, rms, kStorageValues),
                   SeriesDefinition::of(kValueTypeAvg, kUnitsVolts, rms, kStorageValues)}));
  d.channels.push_back(channel_def(
      "V A phasor", kPhaseAN, kQuantityTypePhasor, kMeasuredVoltage,
      {SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, inst, kStorageValues),
       SeriesDefinition::of(kValueTypeVal, kUnitsVolts, rms, kStorageValues),
       SeriesDefinition::of(kValueTypePhaseAngle, kUnitsDegrees, rms, kStorageValues)}));
  d.channels.push_back(
      channel_def("Sag XY", kPhaseAN, kQuantityTypeXY, kMeasuredVoltage,
                  {SeriesDefinition::of(kValueTypeVal, kUnitsSeconds, rms, kStorageValues),
                   SeriesDefinition::of(kValueTypeVal, kUnitsPercent, rms, kStorageValues)}));
  d.channels.push_back(
      channel_def("Sag MagDurTime", kPhaseAN, kQuantityTypeMagDurTime, kMeasuredVoltage,
                  {SeriesDefinition::of(kValueTypeTime, kUnitsSeconds, inst, kStorageValues),
                   SeriesDefinition::of(kValueTypeVal, kUnitsPercent, rms, kStorageValues),
                   SeriesDefinition::of(kValueTypeDuration, kUnitsSeconds, rms, kStorageValues)}));
  d.channels[1].series[1].nominal_quantity = 5.0;
  d.channels[2].series[3].value_type_name = "avg";
  return d;
}

inline SeriesInstance series(std::vector<double> v) {
  SeriesInstance s;
  s.values = std::move(v);
  return s;
}

inline SeriesInstance shared(std::uint32_t channel, std::uint32_t series_index) {
  SeriesInstance s;
  s.share_channel_index = channel;
  s.share_series_index = series_index;
  return s;
}

inline ChannelInstance channel(std::uint32_t definition, std::vector<SeriesInstance> s) {
  ChannelInstance c;
  c.channel_definition_index = definition;
  c.series = std::move(s);
  return c;
}

inline Observation observation(std::string name, std::vector<ChannelInstance> channels) {
  Observation o;
  o.name = std::move(name);
  o.time_create = start_utc() + std::chrono::hours(1);
  o.time_start = start_utc();
  o.trigger_method = kTriggerChannel;
  o.channels = std::move(channels);
  return o;
}

}  // namespace jemhead::pqdif::test
