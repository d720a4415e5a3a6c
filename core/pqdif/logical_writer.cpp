#include "core/pqdif/logical_writer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/pqdif/pqdif_error.hpp"
#include "core/pqdif/record_tags.hpp"
#include "core/pqdif/tags.hpp"
#include "core/pqdif/timestamp.hpp"

namespace jemhead::pqdif {

namespace {

std::string message(std::string_view what, std::size_t a, std::string_view middle = {},
                    std::size_t b = 0) {
  std::string s(what);
  s += std::to_string(a);
  if (!middle.empty()) {
    s += middle;
    s += std::to_string(b);
  }
  return s;
}

Element u32(const Guid& tag, std::uint32_t v) {
  return Element::scalar(tag, Values::of_scalar_unsigned4(v));
}
Element real8(const Guid& tag, double v) {
  return Element::scalar(tag, Values::of_scalar_real8(v));
}
Element guid(const Guid& tag, const Guid& v) {
  return Element::scalar(tag, Values::of_guid(v));
}
Element text(const Guid& tag, std::string_view v) {
  return Element::vector(tag, Values::of_text(v));
}
Element time(const Guid& tag, UtcTime t) {
  return Element::scalar(tag, Values::of_timestamp(from_utc(t)));
}
Element boolean(const Guid& tag, bool v) {
  return Element::scalar(tag, Values::of_scalar_boolean4(v));
}

template <typename T, typename F>
void add_optional(std::vector<Element>& out, const Guid& tag, const std::optional<T>& v, F make) {
  if (v) out.push_back(make(tag, *v));
}

Element encode_series_definition(const SeriesDefinition& s) {
  std::vector<Element> e;
  e.push_back(guid(kTagValueTypeID, s.value_type));
  e.push_back(u32(kTagQuantityUnitsID, s.quantity_units));
  e.push_back(guid(kTagQuantityCharacteristicID, s.characteristic));
  e.push_back(u32(kTagStorageMethodID, s.storage_method));
  add_optional(e, kTagSeriesNominalQuantity, s.nominal_quantity, real8);
  if (s.value_type_name) e.push_back(text(kTagValueTypeName, *s.value_type_name));
  add_optional(e, kTagHintGreekPrefixID, s.greek_prefix, u32);
  add_optional(e, kTagQuantitySignificantDigitsID, s.significant_digits, u32);
  add_optional(e, kTagQuantityResolutionID, s.resolution, real8);
  return Element::collection(kTagOneSeriesDefn, std::move(e));
}

Element encode_channel_definition(const ChannelDefinition& c) {
  std::vector<Element> e;
  e.push_back(text(kTagChannelName, c.name));
  e.push_back(u32(kTagPhaseID, c.phase));
  e.push_back(guid(kTagQuantityTypeID, c.quantity_type));
  add_optional(e, kTagQuantityMeasuredID, c.quantity_measured, u32);
  if (c.quantity_name) e.push_back(text(kTagQuantityName, *c.quantity_name));
  add_optional(e, kTagPhysicalChannel, c.physical_channel, u32);
  std::vector<Element> series;
  for (const auto& s : c.series) series.push_back(encode_series_definition(s));
  e.push_back(Element::collection(kTagSeriesDefns, std::move(series)));
  return Element::collection(kTagOneChannelDefn, std::move(e));
}

// --- Series values ----------------------------------------------------------------------

void check_finite(const std::vector<double>& values) {
  for (double v : values)
    if (!std::isfinite(v)) throw PqdifError("series values must be finite to be written");
}

// One rate: [1, count, step], the first value going into the offset.
void encode_increment(const std::vector<double>& v, std::vector<Element>& out) {
  check_finite(v);
  const double first = v.empty() ? 0.0 : v.front();
  const double step = v.size() < 2 ? 0.0 : (v.back() - v.front()) / double(v.size() - 1);
  const double span = v.empty() ? 0.0 : std::fabs(v.back() - v.front());
  const double tolerance = 1e-9 * std::max(1.0, span);
  for (std::size_t i = 0; i < v.size(); ++i)
    if (std::fabs(v[i] - (first + step * double(i))) > tolerance)
      throw PqdifError(
          message("increment storage needs evenly spaced values; value ", i, " is off the line"));
  const double rate[] = {1.0, double(v.size()), step};
  out.push_back(Element::vector(kTagSeriesValues, Values::of_real8(rate)));
  if (first != 0.0) out.push_back(real8(kTagSeriesOffset, first));
}

// int16 spanning [min, max]: value = stored * scale + offset.
void encode_scaled(const std::vector<double>& v, std::vector<Element>& out) {
  check_finite(v);
  double scale = 1.0;
  double offset = 0.0;
  if (!v.empty()) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    offset = (*lo + *hi) / 2;
    if (*hi > *lo) scale = (*hi - *lo) / 65534.0;
  }
  std::vector<std::int16_t> stored;
  stored.reserve(v.size());
  for (double x : v) {
    const double q = std::round((x - offset) / scale);
    stored.push_back(static_cast<std::int16_t>(std::clamp(q, -32767.0, 32767.0)));
  }
  out.push_back(Element::vector(kTagSeriesValues, Values::of_integer2(stored)));
  out.push_back(real8(kTagSeriesScale, scale));
  out.push_back(real8(kTagSeriesOffset, offset));
}

void encode_plain(const std::vector<double>& v, const SeriesDefinition& definition,
                  const Observation& o, const EncodeOptions& options, std::vector<Element>& out) {
  if (definition.quantity_units == kUnitsTimestamp) {
    // Absolute time axis: TIMESTAMPPQDIF values, as the units promise.
    Values values;
    values.type = PhysicalType::timestamp;
    values.count = static_cast<std::uint32_t>(v.size());
    for (double seconds : v) {
      const Values one = Values::of_timestamp(from_utc(absolute_time(o, seconds)));
      values.bytes.insert(values.bytes.end(), one.bytes.begin(), one.bytes.end());
    }
    out.push_back(Element::vector(kTagSeriesValues, std::move(values)));
    return;
  }
  if (options.values_type == PhysicalType::real4) {
    std::vector<float> f(v.begin(), v.end());
    out.push_back(Element::vector(kTagSeriesValues, Values::of_real4(f)));
  } else {
    out.push_back(Element::vector(kTagSeriesValues, Values::of_real8(v)));
  }
}

Element encode_series_instance(const SeriesInstance& s, const SeriesDefinition& definition,
                               const Observation& o, const EncodeOptions& options) {
  std::vector<Element> e;
  if (s.share_channel_index && s.share_series_index) {
    e.push_back(u32(kTagSeriesShareChannelIdx, *s.share_channel_index));
    e.push_back(u32(kTagSeriesShareSeriesIdx, *s.share_series_index));
  } else if (definition.storage_method & kStorageIncrement) {
    encode_increment(s.values, e);
  } else if (definition.storage_method & kStorageScaled) {
    encode_scaled(s.values, e);
  } else {
    encode_plain(s.values, definition, o, options, e);
  }
  add_optional(e, kTagSeriesBaseQuantity, s.base_quantity, real8);
  return Element::collection(kTagOneSeriesInstance, std::move(e));
}

}  // namespace

Element encode_container(const Container& c) {
  std::vector<Element> e;
  e.push_back(Element::vector(kTagVersionInfo, Values::of_unsigned4(c.version)));
  e.push_back(text(kTagFileName, c.file_name));
  e.push_back(time(kTagCreation, c.creation));
  add_optional(e, kTagLastSaved, c.last_saved, time);
  add_optional(e, kTagTimesSaved, c.times_saved, u32);
  e.push_back(u32(kTagCompressionStyleID, static_cast<std::uint32_t>(c.compression_style)));
  e.push_back(u32(kTagCompressionAlgorithmID, static_cast<std::uint32_t>(c.compression_algorithm)));
  for (const auto& [tag, value] : {std::pair{kTagLanguage, &c.language},
                                   {kTagTitle, &c.title},
                                   {kTagSubject, &c.subject},
                                   {kTagAuthor, &c.author},
                                   {kTagApplication, &c.application},
                                   {kTagNotes, &c.notes}})
    if (*value) e.push_back(text(tag, **value));
  return Element::collection(kTagContainer, std::move(e));
}

Element encode_data_source(const DataSource& d) {
  std::vector<Element> e;
  e.push_back(guid(kTagDataSourceTypeID, d.type));
  add_optional(e, kTagVendorID, d.vendor, guid);
  add_optional(e, kTagEquipmentID, d.equipment, guid);
  e.push_back(text(kTagNameDS, d.name));
  for (const auto& [tag, value] : {std::pair{kTagSerialNumberDS, &d.serial_number},
                                   {kTagVersionDS, &d.version},
                                   {kTagOwnerDS, &d.owner},
                                   {kTagLocationDS, &d.location},
                                   {kTagTimeZoneDS, &d.time_zone}})
    if (*value) e.push_back(text(tag, **value));
  add_optional(e, kTagEffective, d.effective, time);
  std::vector<Element> channels;
  for (const auto& c : d.channels) channels.push_back(encode_channel_definition(c));
  e.push_back(Element::collection(kTagChannelDefns, std::move(channels)));
  return Element::collection(kTagRecordDataSource, std::move(e));
}

Element encode_monitor_settings(const MonitorSettings& m) {
  std::vector<Element> e;
  e.push_back(time(kTagEffective, m.effective));
  add_optional(e, kTagTimeInstalled, m.installed, time);
  add_optional(e, kTagTimeRemoved, m.removed, time);
  e.push_back(boolean(kTagUseCalibration, m.use_calibration));
  e.push_back(boolean(kTagUseTransducer, m.use_transducer));
  add_optional(e, kTagNominalFrequency, m.nominal_frequency, real8);
  add_optional(e, kTagSettingPhysicalConnection, m.physical_connection, u32);
  std::vector<Element> settings;
  for (const auto& s : m.channel_settings) {
    std::vector<Element> one;
    one.push_back(u32(kTagChannelDefnIdx, s.channel_definition_index));
    add_optional(one, kTagXDSystemSideRatio, s.system_side_ratio, real8);
    add_optional(one, kTagXDMonitorSideRatio, s.monitor_side_ratio, real8);
    add_optional(one, kTagFullScale, s.full_scale, real8);
    add_optional(one, kTagTriggerLow, s.trigger_low, real8);
    add_optional(one, kTagTriggerHigh, s.trigger_high, real8);
    settings.push_back(Element::collection(kTagOneChannelSetting, std::move(one)));
  }
  e.push_back(Element::collection(kTagChannelSettingsArray, std::move(settings)));
  return Element::collection(kTagRecordMonitorSettings, std::move(e));
}

Element encode_observation(const Observation& o, const DataSource& source,
                           const EncodeOptions& options) {
  std::vector<Element> e;
  e.push_back(text(kTagObservationName, o.name));
  e.push_back(time(kTagTimeCreate, o.time_create));
  e.push_back(time(kTagTimeStart, o.time_start));
  e.push_back(u32(kTagTriggerMethodID, o.trigger_method));
  add_optional(e, kTagTimeTriggered, o.time_triggered, time);
  if (!o.channel_trigger_indexes.empty())
    e.push_back(
        Element::vector(kTagChannelTriggerIdx, Values::of_unsigned4(o.channel_trigger_indexes)));
  add_optional(e, kTagObservationSerial, o.serial, u32);
  add_optional(e, kTagDisturbanceCategoryID, o.disturbance_category, guid);
  std::vector<Element> channels;
  for (std::size_t ci = 0; ci < o.channels.size(); ++ci) {
    const ChannelInstance& c = o.channels[ci];
    if (c.channel_definition_index >= source.channels.size())
      throw PqdifError(message("channel instance ", ci, " names a channel definition beyond ",
                               source.channels.size()));
    const auto& definitions = source.channels[c.channel_definition_index].series;
    if (c.series.size() > definitions.size())
      throw PqdifError(message("channel instance ", ci,
                               " has more series than definitions: ", definitions.size()));
    std::vector<Element> one;
    one.push_back(u32(kTagChannelDefnIdx, c.channel_definition_index));
    if (c.channel_group_id) {
      if (*c.channel_group_id < std::numeric_limits<std::int16_t>::min() ||
          *c.channel_group_id > std::numeric_limits<std::int16_t>::max())
        throw PqdifError(message("channel group id does not fit INT2 in channel instance ", ci));
      const std::int16_t group = static_cast<std::int16_t>(*c.channel_group_id);
      one.push_back(Element::scalar(kTagChannelGroupID, Values::of_integer2(std::span(&group, 1))));
    }
    add_optional(one, kTagChannelFrequency, c.channel_frequency, real8);
    std::vector<Element> series;
    for (std::size_t si = 0; si < c.series.size(); ++si)
      series.push_back(encode_series_instance(c.series[si], definitions[si], o, options));
    one.push_back(Element::collection(kTagSeriesInstances, std::move(series)));
    channels.push_back(Element::collection(kTagOneChannelInst, std::move(one)));
  }
  e.push_back(Element::collection(kTagChannelInstances, std::move(channels)));
  return Element::collection(kTagRecordObservation, std::move(e));
}

// --- PqdifFileWriter --------------------------------------------------------------------

PqdifFileWriter::PqdifFileWriter(std::ostream& out, const Container& container,
                                 WriteOptions write_options, EncodeOptions encode_options)
    : records_(out, write_options), encode_options_(encode_options) {
  Container c = container;
  const bool compressed = write_options.style == CompressionStyle::record_level;
  c.compression_style = write_options.style;
  c.compression_algorithm = compressed ? CompressionAlgorithm::zlib : CompressionAlgorithm::none;
  records_.write(kTagContainer, encode_container(c));
}

void PqdifFileWriter::write_data_source(const DataSource& source) {
  records_.write(kTagRecordDataSource, encode_data_source(source));
  latest_source_ = source;
}

void PqdifFileWriter::write_monitor_settings(const MonitorSettings& settings) {
  records_.write(kTagRecordMonitorSettings, encode_monitor_settings(settings));
}

void PqdifFileWriter::write_observation(const Observation& observation) {
  if (!latest_source_) throw PqdifError("an observation needs a data source written before it");
  records_.write(kTagRecordObservation,
                 encode_observation(observation, *latest_source_, encode_options_));
}

void PqdifFileWriter::finish() {
  records_.finish();
}

void write_pqdif(std::ostream& out, const Container& container,
                 const std::vector<DataSource>& sources,
                 const std::vector<Observation>& observations, WriteOptions write_options,
                 EncodeOptions encode_options) {
  for (std::size_t i = 0; i < observations.size(); ++i)
    if (observations[i].data_source_index >= sources.size())
      throw PqdifError(
          message("observation ", i, " names data source ", observations[i].data_source_index));
  PqdifFileWriter writer(out, container, write_options, encode_options);
  for (std::size_t s = 0; s < sources.size(); ++s) {
    writer.write_data_source(sources[s]);
    for (const auto& o : observations)
      if (o.data_source_index == s) writer.write_observation(o);
  }
  writer.finish();
}

}  // namespace jemhead::pqdif
