#include "core/pqdif/logical_reader.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <type_traits>

#include "core/pqdif/pqdif_error.hpp"
#include "core/pqdif/record_tags.hpp"
#include "core/pqdif/tags.hpp"

namespace jemhead::pqdif {

namespace {

// Messages are assembled by appending (GCC 12 warns falsely on `"literal" + string`).
void put(std::string& s, std::string_view v) {
  s += v;
}
template <typename T>
requires std::is_arithmetic_v<T>
void put(std::string& s, T v) {
  s += std::to_string(v);
}
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  (put(s, parts), ...);
  return s;
}

std::string label(const Guid& tag) {
  const auto name = tag_name(tag);
  return name.empty() ? tag.to_string() : std::string(name);
}

[[noreturn]] void fail(const std::string& what) {
  throw PqdifError(what);
}

const Element& required(const Element& parent, const Guid& tag) {
  const Element* e = parent.find(tag);
  if (e == nullptr) {
    std::string what = "missing required ";
    what += label(tag);
    what += " in ";
    what += label(parent.tag);
    fail(what);
  }
  return *e;
}

// Scalars are sometimes written as one-value vectors; both are accepted.
const Values& single(const Element& e) {
  if (e.type == ElementType::collection || e.values.count < 1) {
    std::string what = label(e.tag);
    what += " must be a scalar";
    fail(what);
  }
  return e.values;
}

const Element& collection(const Element& e) {
  if (e.type != ElementType::collection) {
    std::string what = label(e.tag);
    what += " must be a collection";
    fail(what);
  }
  return e;
}

// Rethrows a value accessor's complaint with the tag it concerns.
template <typename F>
auto with_tag(const Element& e, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const PqdifError& error) {
    std::string what = label(e.tag);
    what += ": ";
    what += error.what();
    fail(what);
  }
}

std::uint32_t as_u32(const Element& e) {
  return with_tag(e, [&] {
    const std::int64_t v = single(e).integer();
    if (v < 0 || v > std::numeric_limits<std::uint32_t>::max())
      fail(cat("value ", v, " is out of range"));
    return static_cast<std::uint32_t>(v);
  });
}

std::int32_t as_i32(const Element& e) {
  return with_tag(e, [&] {
    const std::int64_t v = single(e).integer();
    if (v < std::numeric_limits<std::int32_t>::min() ||
        v > std::numeric_limits<std::int32_t>::max())
      fail(cat("value ", v, " is out of range"));
    return static_cast<std::int32_t>(v);
  });
}

double as_real(const Element& e) {
  return with_tag(e, [&] { return single(e).real(); });
}

bool as_bool(const Element& e) {
  return with_tag(e, [&] { return single(e).real() != 0.0; });
}

Guid as_guid(const Element& e) {
  return with_tag(e, [&] { return single(e).guid(); });
}

std::string as_text(const Element& e) {
  if (e.type == ElementType::collection) {
    std::string what = label(e.tag);
    what += " must be text";
    fail(what);
  }
  return with_tag(e, [&] { return e.values.text(); });
}

Timestamp as_timestamp(const Element& e) {
  return with_tag(e, [&] { return single(e).timestamp(); });
}

UtcTime as_time(const Element& e) {
  const auto t = to_utc(as_timestamp(e));
  if (!t) {
    std::string what = label(e.tag);
    what += ": timestamp out of range";
    fail(what);
  }
  return *t;
}

template <typename T, typename F>
std::optional<T> optional_of(const Element& parent, const Guid& tag, F&& decode) {
  const Element* e = parent.find(tag);
  if (e == nullptr) return std::nullopt;
  return decode(*e);
}

// Children whose tag is not one the caller models (blank elements are padding).
std::size_t count_unknown(const Element& parent, std::initializer_list<Guid> known) {
  std::size_t n = 0;
  for (const auto& child : parent.children) {
    if (child.tag == kTagBlank) continue;
    if (std::find(known.begin(), known.end(), child.tag) == known.end()) ++n;
  }
  return n;
}

SeriesDefinition decode_series_definition(const Element& e) {
  SeriesDefinition s;
  s.value_type = as_guid(required(e, kTagValueTypeID));
  s.quantity_units = as_u32(required(e, kTagQuantityUnitsID));
  if (const Element* c = e.find(kTagQuantityCharacteristicID)) s.characteristic = as_guid(*c);
  if (const Element* m = e.find(kTagStorageMethodID)) s.storage_method = as_u32(*m);
  s.nominal_quantity = optional_of<double>(e, kTagSeriesNominalQuantity, as_real);
  s.value_type_name = optional_of<std::string>(e, kTagValueTypeName, as_text);
  s.greek_prefix = optional_of<std::uint32_t>(e, kTagHintGreekPrefixID, as_u32);
  s.significant_digits = optional_of<std::uint32_t>(e, kTagQuantitySignificantDigitsID, as_u32);
  s.resolution = optional_of<double>(e, kTagQuantityResolutionID, as_real);
  s.unknown_elements = count_unknown(
      e, {kTagValueTypeID, kTagQuantityUnitsID, kTagQuantityCharacteristicID, kTagStorageMethodID,
          kTagSeriesNominalQuantity, kTagValueTypeName, kTagHintGreekPrefixID,
          kTagQuantitySignificantDigitsID, kTagQuantityResolutionID});
  return s;
}

ChannelDefinition decode_channel_definition(const Element& e) {
  ChannelDefinition c;
  if (const Element* n = e.find(kTagChannelName)) c.name = as_text(*n);
  c.phase = as_u32(required(e, kTagPhaseID));
  c.quantity_type = as_guid(required(e, kTagQuantityTypeID));
  c.quantity_measured = optional_of<std::uint32_t>(e, kTagQuantityMeasuredID, as_u32);
  c.quantity_name = optional_of<std::string>(e, kTagQuantityName, as_text);
  c.physical_channel = optional_of<std::uint32_t>(e, kTagPhysicalChannel, as_u32);
  const Element& series = collection(required(e, kTagSeriesDefns));
  for (const Element* s : series.find_all(kTagOneSeriesDefn))
    c.series.push_back(decode_series_definition(collection(*s)));
  c.unknown_elements =
      count_unknown(e, {kTagChannelName, kTagPhaseID, kTagQuantityTypeID, kTagQuantityMeasuredID,
                        kTagQuantityName, kTagPhysicalChannel, kTagSeriesDefns}) +
      count_unknown(series, {kTagOneSeriesDefn});
  return c;
}

ChannelSetting decode_channel_setting(const Element& e) {
  ChannelSetting s;
  s.channel_definition_index = as_u32(required(e, kTagChannelDefnIdx));
  s.system_side_ratio = optional_of<double>(e, kTagXDSystemSideRatio, as_real);
  s.monitor_side_ratio = optional_of<double>(e, kTagXDMonitorSideRatio, as_real);
  s.full_scale = optional_of<double>(e, kTagFullScale, as_real);
  s.trigger_low = optional_of<double>(e, kTagTriggerLow, as_real);
  s.trigger_high = optional_of<double>(e, kTagTriggerHigh, as_real);
  return s;
}

// --- Series values ----------------------------------------------------------------------

// #rates, then (count, step) per rate; the series starts at 0 (the offset moves it).
std::vector<double> expand_increment(const Values& raw, const DecodeLimits& limits) {
  if (raw.count < 1) fail("increment series without a rate count");
  const double rates_value = raw.real(0);
  if (!(rates_value >= 0) || rates_value != std::trunc(rates_value) ||
      1.0 + 2.0 * rates_value > static_cast<double>(raw.count))
    fail(cat("increment series: bad rate count ", rates_value, " for ", raw.count, " values"));
  const auto rates = static_cast<std::size_t>(rates_value);
  double total = 0;
  for (std::size_t r = 0; r < rates; ++r) {
    const double count = raw.real(1 + 2 * r);
    if (!(count >= 0) || count != std::trunc(count))
      fail(cat("increment series: bad point count ", count));
    total += count;
  }
  if (total > static_cast<double>(limits.max_series_values))
    fail(cat("increment series expands to ", static_cast<std::uint64_t>(total),
             " values, more than the limit of ", limits.max_series_values));
  // Each point is start + i * step (not a running sum, which drifts over long series).
  std::vector<double> out(static_cast<std::size_t>(total));
  double start = 0;
  std::size_t at = 0;
  for (std::size_t r = 0; r < rates; ++r) {
    const auto count = static_cast<std::size_t>(raw.real(1 + 2 * r));
    const double step = raw.real(2 + 2 * r);
    if (!std::isfinite(step)) fail("increment series: step is not finite");
    double* points = out.data() + at;
    for (std::size_t i = 0; i < count; ++i) points[i] = start + static_cast<double>(i) * step;
    start += static_cast<double>(count) * step;
    at += count;
  }
  return out;
}

struct SeriesContext {
  const SeriesDefinition* definition;
  Timestamp start;
  const DecodeLimits& limits;
};

// Decodes a series instance that holds its own values.
void decode_own_values(const Element& e, const Element& values, SeriesInstance& s,
                       const SeriesContext& context) {
  if (values.type == ElementType::collection) fail("tagSeriesValues must be a vector");
  const Values& raw = values.values;
  s.physical_type = raw.type;
  if (const Element* scale = e.find(kTagSeriesScale)) s.scale = as_real(*scale);
  if (const Element* offset = e.find(kTagSeriesOffset)) s.offset = as_real(*offset);

  if (raw.type == PhysicalType::timestamp) {
    // Absolute times become seconds from the observation start, like relative ones.
    s.values.reserve(raw.count);
    for (std::size_t i = 0; i < raw.count; ++i) {
      const Timestamp t = raw.timestamp(i);
      s.values.push_back((static_cast<double>(t.days) - static_cast<double>(context.start.days)) *
                             86'400.0 +
                         (t.seconds - context.start.seconds));
    }
    return;
  }
  with_tag(values, [&] {
    // Scale and offset default to 1 and 0, so applying them whenever present is the
    // standard's reading whatever the storage bits say.
    if (s.storage_method & kStorageIncrement) {
      auto points = expand_increment(raw, context.limits);
      if (s.scale != 1.0 || s.offset != 0.0)
        for (double& v : points) v = v * s.scale + s.offset;
      s.values = std::move(points);
    } else {
      s.values = raw.reals(s.scale, s.offset);
    }
    return 0;
  });
}

SeriesInstance decode_series_instance(const Element& e, const SeriesContext& context) {
  SeriesInstance s;
  if (context.definition) s.storage_method = context.definition->storage_method;
  s.base_quantity = optional_of<double>(e, kTagSeriesBaseQuantity, as_real);
  s.share_channel_index = optional_of<std::uint32_t>(e, kTagSeriesShareChannelIdx, as_u32);
  s.share_series_index = optional_of<std::uint32_t>(e, kTagSeriesShareSeriesIdx, as_u32);
  const Element* values = e.find(kTagSeriesValues);
  if (values != nullptr) {
    if (context.definition == nullptr)
      fail("series instance has no series definition in its channel definition");
    decode_own_values(e, *values, s, context);
    // Values of its own win over a share link (readers agree on this).
    s.share_channel_index.reset();
    s.share_series_index.reset();
  } else if (!s.share_channel_index || !s.share_series_index) {
    fail("series instance has neither tagSeriesValues nor both share indexes");
  }
  s.unknown_elements =
      count_unknown(e, {kTagSeriesValues, kTagSeriesScale, kTagSeriesOffset, kTagSeriesBaseQuantity,
                        kTagSeriesShareChannelIdx, kTagSeriesShareSeriesIdx});
  return s;
}

// Shared series borrow the decoded values of the series they point at (following chains
// of shares); the share index counts channel instances of this observation.
void resolve_shares(Observation& o) {
  std::size_t total = 0;
  for (const auto& c : o.channels) total += c.series.size();
  for (std::size_t ci = 0; ci < o.channels.size(); ++ci) {
    for (std::size_t si = 0; si < o.channels[ci].series.size(); ++si) {
      SeriesInstance& s = o.channels[ci].series[si];
      if (!s.share_channel_index) continue;
      const SeriesInstance* target = &s;
      std::size_t hops = 0;
      while (target->share_channel_index) {
        const auto tc = *target->share_channel_index;
        const auto ts = *target->share_series_index;
        if (tc >= o.channels.size() || ts >= o.channels[tc].series.size())
          fail(cat("channel instance ", ci, " series ", si, " shares series ", ts,
                   " of channel instance ", tc, ", which does not exist"));
        target = &o.channels[tc].series[ts];
        if (++hops > total)
          fail(cat("channel instance ", ci, " series ", si, ": shared series form a cycle"));
      }
      s.values = target->values;  // the same storage, not a copy
      s.physical_type = target->physical_type;
    }
  }
  // Chains were followed through the original links; nothing above cleared them, so every
  // shared series kept its own indexes for the caller.
}

}  // namespace

Container decode_container(const Element& body) {
  Container c;
  const Element& version = required(body, kTagVersionInfo);
  with_tag(version, [&] {
    for (std::size_t i = 0; i < c.version.size() && i < version.values.count; ++i)
      c.version[i] = static_cast<std::uint32_t>(version.values.integer(i));
    return 0;
  });
  c.file_name = as_text(required(body, kTagFileName));
  c.creation = as_time(required(body, kTagCreation));
  c.last_saved = optional_of<UtcTime>(body, kTagLastSaved, as_time);
  c.times_saved = optional_of<std::uint32_t>(body, kTagTimesSaved, as_u32);
  if (const Element* s = body.find(kTagCompressionStyleID))
    c.compression_style = static_cast<CompressionStyle>(as_u32(*s));
  if (const Element* a = body.find(kTagCompressionAlgorithmID))
    c.compression_algorithm = static_cast<CompressionAlgorithm>(as_u32(*a));
  c.language = optional_of<std::string>(body, kTagLanguage, as_text);
  c.title = optional_of<std::string>(body, kTagTitle, as_text);
  c.subject = optional_of<std::string>(body, kTagSubject, as_text);
  c.author = optional_of<std::string>(body, kTagAuthor, as_text);
  c.application = optional_of<std::string>(body, kTagApplication, as_text);
  c.notes = optional_of<std::string>(body, kTagNotes, as_text);
  c.unknown_elements = count_unknown(
      body, {kTagVersionInfo, kTagFileName, kTagCreation, kTagLastSaved, kTagTimesSaved,
             kTagCompressionStyleID, kTagCompressionAlgorithmID, kTagLanguage, kTagTitle,
             kTagSubject, kTagAuthor, kTagApplication, kTagNotes});
  return c;
}

DataSource decode_data_source(const Element& body) {
  DataSource d;
  d.type = as_guid(required(body, kTagDataSourceTypeID));
  d.name = as_text(required(body, kTagNameDS));
  d.vendor = optional_of<Guid>(body, kTagVendorID, as_guid);
  d.equipment = optional_of<Guid>(body, kTagEquipmentID, as_guid);
  d.serial_number = optional_of<std::string>(body, kTagSerialNumberDS, as_text);
  d.version = optional_of<std::string>(body, kTagVersionDS, as_text);
  d.owner = optional_of<std::string>(body, kTagOwnerDS, as_text);
  d.location = optional_of<std::string>(body, kTagLocationDS, as_text);
  d.time_zone = optional_of<std::string>(body, kTagTimeZoneDS, as_text);
  d.effective = optional_of<UtcTime>(body, kTagEffective, as_time);
  const Element& channels = collection(required(body, kTagChannelDefns));
  for (const Element* c : channels.find_all(kTagOneChannelDefn))
    d.channels.push_back(decode_channel_definition(collection(*c)));
  d.unknown_elements =
      count_unknown(body, {kTagDataSourceTypeID, kTagNameDS, kTagVendorID, kTagEquipmentID,
                           kTagSerialNumberDS, kTagVersionDS, kTagOwnerDS, kTagLocationDS,
                           kTagTimeZoneDS, kTagEffective, kTagChannelDefns}) +
      count_unknown(channels, {kTagOneChannelDefn});
  return d;
}

MonitorSettings decode_monitor_settings(const Element& body) {
  MonitorSettings m;
  m.effective = as_time(required(body, kTagEffective));
  m.installed = optional_of<UtcTime>(body, kTagTimeInstalled, as_time);
  m.removed = optional_of<UtcTime>(body, kTagTimeRemoved, as_time);
  if (const Element* e = body.find(kTagUseCalibration)) m.use_calibration = as_bool(*e);
  if (const Element* e = body.find(kTagUseTransducer)) m.use_transducer = as_bool(*e);
  m.nominal_frequency = optional_of<double>(body, kTagNominalFrequency, as_real);
  m.physical_connection = optional_of<std::uint32_t>(body, kTagSettingPhysicalConnection, as_u32);
  if (const Element* settings = body.find(kTagChannelSettingsArray)) {
    for (const Element* s : collection(*settings).find_all(kTagOneChannelSetting))
      m.channel_settings.push_back(decode_channel_setting(collection(*s)));
  }
  m.raw = body;
  m.unknown_elements =
      count_unknown(body, {kTagEffective, kTagTimeInstalled, kTagTimeRemoved, kTagUseCalibration,
                           kTagUseTransducer, kTagNominalFrequency, kTagSettingPhysicalConnection,
                           kTagChannelSettingsArray});
  return m;
}

Observation decode_observation(const Element& body, const DataSource& source,
                               const DecodeLimits& limits) {
  Observation o;
  o.name = as_text(required(body, kTagObservationName));
  o.time_create = as_time(required(body, kTagTimeCreate));
  const Element& start = required(body, kTagTimeStart);
  o.time_start = as_time(start);
  const Timestamp start_stamp = as_timestamp(start);
  if (const Element* t = body.find(kTagTriggerMethodID)) o.trigger_method = as_u32(*t);
  o.time_triggered = optional_of<UtcTime>(body, kTagTimeTriggered, as_time);
  if (const Element* t = body.find(kTagChannelTriggerIdx)) {
    with_tag(*t, [&] {
      for (std::size_t i = 0; i < t->values.count; ++i)
        o.channel_trigger_indexes.push_back(static_cast<std::uint32_t>(t->values.integer(i)));
      return 0;
    });
  }
  o.serial = optional_of<std::uint32_t>(body, kTagObservationSerial, as_u32);
  o.disturbance_category = optional_of<Guid>(body, kTagDisturbanceCategoryID, as_guid);

  const Element& instances = collection(required(body, kTagChannelInstances));
  std::size_t unknown = count_unknown(instances, {kTagOneChannelInst});
  for (const Element* ci : instances.find_all(kTagOneChannelInst)) {
    const Element& e = collection(*ci);
    ChannelInstance c;
    c.channel_definition_index = as_u32(required(e, kTagChannelDefnIdx));
    if (c.channel_definition_index >= source.channels.size())
      fail(cat("channel instance ", o.channels.size(), " refers to channel definition ",
               c.channel_definition_index, " of ", source.channels.size()));
    c.channel_group_id = optional_of<std::int32_t>(e, kTagChannelGroupID, as_i32);
    c.channel_frequency = optional_of<double>(e, kTagChannelFrequency, as_real);
    const Element& series = collection(required(e, kTagSeriesInstances));
    const auto& definitions = source.channels[c.channel_definition_index].series;
    for (const Element* si : series.find_all(kTagOneSeriesInstance)) {
      const std::size_t index = c.series.size();
      const SeriesContext context{index < definitions.size() ? &definitions[index] : nullptr,
                                  start_stamp, limits};
      c.series.push_back(decode_series_instance(collection(*si), context));
    }
    c.unknown_elements = count_unknown(e, {kTagChannelDefnIdx, kTagChannelGroupID,
                                           kTagChannelFrequency, kTagSeriesInstances}) +
                         count_unknown(series, {kTagOneSeriesInstance});
    o.channels.push_back(std::move(c));
  }
  resolve_shares(o);
  o.unknown_elements =
      unknown +
      count_unknown(body, {kTagObservationName, kTagTimeCreate, kTagTimeStart, kTagTriggerMethodID,
                           kTagTimeTriggered, kTagChannelTriggerIdx, kTagObservationSerial,
                           kTagDisturbanceCategoryID, kTagChannelInstances});
  return o;
}

// --- PqdifFileReader --------------------------------------------------------------------

namespace {

[[noreturn]] void fail_in(const Record& record, std::size_t index, const PqdifError& error) {
  std::string what = "record ";
  what += std::to_string(index);
  what += " (";
  what += label(record.header.tag);
  what += "): ";
  what += error.what();
  throw PqdifError(what, index, record.header.offset);
}

}  // namespace

PqdifFileReader::PqdifFileReader(std::istream& in, ReadLimits limits, DecodeLimits decode_limits)
    : records_(in, limits), decode_limits_(decode_limits) {
  auto first = records_.next();
  if (!first) throw PqdifError("empty PQDIF file: no container record", 0, 0);
  if (first->header.tag != kTagContainer)
    throw PqdifError(cat("the first record is ", label(first->header.tag), ", not a container"), 0,
                     first->header.offset);
  container_checksum_ = last_checksum_ = first->checksum;
  if (!first->checksum_ok()) ++checksum_mismatches_;
  try {
    container_ = decode_container(first->body);
  } catch (const PqdifError& error) {
    fail_in(*first, 0, error);
  }
}

std::optional<Observation> PqdifFileReader::next_observation() {
  while (auto record = records_.next()) {
    const std::size_t index = records_.records_read() - 1;
    last_checksum_ = record->checksum;
    if (!record->checksum_ok()) ++checksum_mismatches_;
    const Guid& tag = record->header.tag;
    try {
      if (tag == kTagRecordDataSource) {
        data_sources_.push_back(decode_data_source(record->body));
      } else if (tag == kTagRecordMonitorSettings) {
        monitor_settings_.push_back(decode_monitor_settings(record->body));
      } else if (tag == kTagRecordObservation) {
        if (data_sources_.empty()) fail("observation before any data source");
        Observation o = decode_observation(record->body, data_sources_.back(), decode_limits_);
        o.data_source_index = data_sources_.size() - 1;
        return o;
      } else {
        ++skipped_records_;
      }
    } catch (const PqdifError& error) {
      fail_in(*record, index, error);
    }
  }
  return std::nullopt;
}

}  // namespace jemhead::pqdif
