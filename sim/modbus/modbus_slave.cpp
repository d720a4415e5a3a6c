#include "sim/modbus/modbus_slave.hpp"

#include <stdexcept>
#include <variant>

#include "drivers/protocol/modbus/factory_map.hpp"
#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::sim {

namespace mb = modbus;

namespace {

std::shared_ptr<const mb::PointMap> effective_map(const ModbusSlaveSpec& spec) {
  auto base = spec.map ? spec.map : modbus::factory_default_map();
  if (!spec.allow_register_presets && !spec.allow_output_control) return base;
  auto copy = std::make_shared<mb::PointMap>(*base);
  if (spec.allow_register_presets) copy->allow_register_presets = *spec.allow_register_presets;
  if (spec.allow_output_control) copy->allow_output_control = *spec.allow_output_control;
  return copy;
}

}  // namespace

ModbusSlave::ModbusSlave(SimMeter& meter, std::shared_ptr<const ModbusSlaveSpec> spec, Now now)
    : meter_(meter),
      spec_(spec ? std::move(spec) : std::make_shared<const ModbusSlaveSpec>()),
      map_(effective_map(*spec_)),
      index_(index_addresses(*map_)),
      now_(std::move(now)),
      faults_(spec_->faults),
      random_state_(meter.spec().seed ^ 0x6d6f646275730000ull) {
  for (const auto& point : map_->counters.points) {
    std::string problem;
    auto source = counter_source(point, problem);
    if (!source) throw std::invalid_argument(problem);
    sources_.push_back(std::move(*source));
  }
}

Truth ModbusSlave::truth_now() {
  return meter_.truth_now(now_());
}

ImageContext ModbusSlave::image_context() const {
  return ImageContext{*map_, sources_, meter_.spec().pt_ratio, meter_.spec().ct_ratio,
                      meter_.model().parameters().element_voltage};
}

SlaveImage ModbusSlave::image_now(unsigned tables, Truth& truth) {
  truth = truth_now();
  state_.last_request = truth.simulated;
  return build_image(image_context(), state_, truth, tables);
}

mb::Bytes ModbusSlave::serve(mb::ByteView request_pdu) {
  std::lock_guard lock(mutex_);
  ++state_.counters.requests;
  if (!request_pdu.empty()) ++state_.counters.requests_by_function[request_pdu[0]];
  return serve_locked(request_pdu);
}

mb::Bytes ModbusSlave::exception(std::uint8_t fc, mb::ExceptionCode code) {
  ++state_.counters.exceptions;
  ++state_.counters.exceptions_by_code[static_cast<std::uint8_t>(code)];
  return mb::encode_exception(mb::ExceptionResponse{fc, code});
}

mb::Bytes ModbusSlave::serve_locked(mb::ByteView pdu) {
  auto decoded = mb::decode_request(pdu);
  if (auto* rejected = std::get_if<mb::RequestRejection>(&decoded))
    return exception(rejected->reply.function, rejected->reply.code);
  const auto& request = std::get<mb::Request>(decoded);
  return std::visit(
      [this](const auto& r) -> mb::Bytes {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, mb::ReadBitsRequest>)
          return read_bits(r);
        else if constexpr (std::is_same_v<T, mb::ReadRegistersRequest>)
          return read_registers(r);
        else if constexpr (std::is_same_v<T, mb::WriteSingleCoilRequest>)
          return write_coil(r);
        else if constexpr (std::is_same_v<T, mb::WriteMultipleCoilsRequest>)
          return write_coils(r);
        else
          return preset(r);
      },
      request);
}

mb::Bytes ModbusSlave::read_bits(const mb::ReadBitsRequest& r) {
  const bool coils = r.function == mb::FunctionCode::read_coils;
  const auto& index = coils ? index_.coils : index_.discrete_inputs;
  std::vector<std::size_t> points;
  for (std::uint32_t a = r.address; a < r.address + static_cast<std::uint32_t>(r.quantity); ++a) {
    auto it = index.find(static_cast<std::uint16_t>(a));
    if (it == index.end())
      return exception(mb::code_byte(r.function), mb::ExceptionCode::illegal_data_address);
    points.push_back(it->second);
  }
  Truth truth;
  const SlaveImage image = image_now(coils ? kCoils : kDiscreteInputs, truth);
  const auto& bits = coils ? image.coils : image.discrete_inputs;
  std::vector<bool> out;
  for (auto i : points) out.push_back(bits[i].raw);
  ++state_.counters.responses;
  return mb::encode_response(mb::bits_response(r, std::move(out)));
}

std::optional<mb::ExceptionCode> ModbusSlave::check_pairs(std::uint16_t address,
                                                          std::uint16_t quantity) const {
  for (std::uint32_t a = address; a < address + static_cast<std::uint32_t>(quantity); ++a)
    if (!index_.holding.contains(static_cast<std::uint16_t>(a)))
      return mb::ExceptionCode::illegal_data_address;  // outside the map
  if (index_.holding.at(address).second) return mb::ExceptionCode::illegal_data_address;  // L12814
  const auto last = static_cast<std::uint16_t>(address + quantity - 1);
  if (!index_.holding.at(last).second) return mb::ExceptionCode::illegal_data_value;  // L12828
  return std::nullopt;
}

mb::Bytes ModbusSlave::read_registers(const mb::ReadRegistersRequest& r) {
  const std::uint8_t fc = mb::code_byte(r.function);
  Truth truth;
  mb::Bytes out;
  if (r.function == mb::FunctionCode::read_holding_registers) {
    if (auto bad = check_pairs(r.address, r.quantity)) return exception(fc, *bad);
    const SlaveImage image = image_now(kCounters, truth);
    std::vector<std::uint16_t> registers;
    for (std::uint32_t a = r.address; a < r.address + static_cast<std::uint32_t>(r.quantity); ++a) {
      const auto [i, low] = index_.holding.at(static_cast<std::uint16_t>(a));
      const auto words = mb::split_words(image.counters[i].raw);
      registers.push_back(low ? words[1] : words[0]);
    }
    ++state_.counters.responses;
    return mb::encode_response(mb::registers_response(r, std::move(registers)));
  }
  std::vector<std::size_t> points;
  for (std::uint32_t a = r.address; a < r.address + static_cast<std::uint32_t>(r.quantity); ++a) {
    auto it = index_.input.find(static_cast<std::uint16_t>(a));
    if (it == index_.input.end()) return exception(fc, mb::ExceptionCode::illegal_data_address);
    points.push_back(it->second);
  }
  const SlaveImage image = image_now(kAnalogs, truth);
  std::vector<std::uint16_t> registers;
  for (auto i : points) registers.push_back(static_cast<std::uint16_t>(image.analogs[i].raw));
  ++state_.counters.responses;
  return mb::encode_response(mb::registers_response(r, std::move(registers)));
}

mb::Bytes ModbusSlave::write_coil(const mb::WriteSingleCoilRequest& r) {
  constexpr auto fc = mb::code_byte(mb::FunctionCode::write_single_coil);
  if (!map_->allow_output_control) return exception(fc, mb::ExceptionCode::illegal_function);
  auto it = index_.coils.find(r.address);
  if (it == index_.coils.end()) return exception(fc, mb::ExceptionCode::illegal_data_address);
  state_.dio[map_->coils.points[it->second].channel - 1u] = r.on;
  state_.last_request = meter_.simulated_now(now_());
  ++state_.counters.responses;
  return mb::encode_response(mb::echo_response(mb::Request{r}));
}

mb::Bytes ModbusSlave::write_coils(const mb::WriteMultipleCoilsRequest& r) {
  constexpr auto fc = mb::code_byte(mb::FunctionCode::write_multiple_coils);
  if (!map_->allow_output_control) return exception(fc, mb::ExceptionCode::illegal_function);
  std::vector<std::uint16_t> channels;
  for (std::size_t k = 0; k < r.values.size(); ++k) {
    auto it = index_.coils.find(static_cast<std::uint16_t>(r.address + k));
    if (it == index_.coils.end()) return exception(fc, mb::ExceptionCode::illegal_data_address);
    channels.push_back(map_->coils.points[it->second].channel);
  }
  for (std::size_t k = 0; k < channels.size(); ++k) state_.dio[channels[k] - 1u] = r.values[k];
  state_.last_request = meter_.simulated_now(now_());
  ++state_.counters.responses;
  return mb::encode_response(mb::echo_response(mb::Request{r}));
}

mb::Bytes ModbusSlave::preset(const mb::WriteMultipleRegistersRequest& r) {
  constexpr auto fc = mb::code_byte(mb::FunctionCode::write_multiple_registers);
  if (!map_->allow_register_presets) return exception(fc, mb::ExceptionCode::illegal_function);
  // A MID meter's security key locks "Preset Registers" (L380-L411). The manual does not
  // say how the Modbus slave answers then; 01 is what it answers with presets disabled.
  if (meter_.spec().mid) {
    ++state_.counters.presets_refused_mid;
    return exception(fc, mb::ExceptionCode::illegal_function);
  }
  const auto quantity = static_cast<std::uint16_t>(r.values.size());
  if (quantity > kMaxPresetRegisters) return exception(fc, mb::ExceptionCode::illegal_data_value);
  if (auto bad = check_pairs(r.address, quantity)) return exception(fc, *bad);
  const Truth truth = truth_now();
  const EnergyRegisters primary =
      truth.energy.to_primary(meter_.spec().pt_ratio, meter_.spec().ct_ratio);
  for (std::size_t k = 0; k + 1 < r.values.size(); k += 2) {
    const std::size_t i = index_.holding.at(static_cast<std::uint16_t>(r.address + k)).first;
    const auto& point = map_->counters.points[i];
    const CounterSource& source = sources_[i];
    PresetRecord record;
    record.simulated = truth.simulated;
    record.point = point.point;
    record.written = mb::decode_counter(point, r.values[k], r.values[k + 1]);
    record.offset = record.written - display_value(source, primary);
    state_.presets[source.display_name].push_back(record);
  }
  state_.last_request = truth.simulated;
  ++state_.counters.responses;
  return mb::encode_response(mb::echo_response(mb::Request{r}));
}

std::optional<ModbusSlave::Snapshot> ModbusSlave::snapshot(std::optional<UtcTime> at) {
  std::lock_guard lock(mutex_);
  std::optional<Truth> truth;
  if (at)
    truth = meter_.truth_at(*at, now_());
  else
    truth = truth_now();
  if (!truth) return std::nullopt;
  Snapshot out;
  out.image = build_image(image_context(), state_, *truth, kAllTables);
  out.state = state_;
  out.meter_time = truth->meter_time;
  return out;
}

FaultSettings ModbusSlave::faults() const {
  std::lock_guard lock(mutex_);
  return faults_;
}

void ModbusSlave::set_faults(FaultSettings faults) {
  std::lock_guard lock(mutex_);
  faults_ = faults;
}

void ModbusSlave::set_digital_input(std::uint16_t channel, bool on) {
  if (channel < 1 || channel > mb::map_limit::dio_channels)
    throw std::invalid_argument("digital input channel must be 1-14");
  std::lock_guard lock(mutex_);
  state_.dio[channel - 1u] = on;
}

void ModbusSlave::force_trigger(std::uint16_t channel, std::optional<bool> state) {
  if (channel < 1 || channel > mb::map_limit::triggers)
    throw std::invalid_argument("trigger channel must be 1-64");
  std::lock_guard lock(mutex_);
  if (state)
    state_.trigger_overrides[channel] = *state;
  else
    state_.trigger_overrides.erase(channel);
}

void ModbusSlave::force_status(mb::MeterStatus status, std::optional<bool> state) {
  std::lock_guard lock(mutex_);
  if (state)
    state_.status_overrides[status] = *state;
  else
    state_.status_overrides.erase(status);
}

void ModbusSlave::count_swallowed_request() {
  std::lock_guard lock(mutex_);
  ++state_.counters.requests;
  ++state_.counters.faults_applied;
}
void ModbusSlave::count_fault_applied() {
  std::lock_guard lock(mutex_);
  ++state_.counters.faults_applied;
}
void ModbusSlave::count_wrong_unit_id() {
  std::lock_guard lock(mutex_);
  ++state_.counters.wrong_unit_id;
}
void ModbusSlave::count_crc_errors(std::uint64_t n) {
  std::lock_guard lock(mutex_);
  state_.counters.crc_errors += n;
}
void ModbusSlave::count_frame_timeout() {
  std::lock_guard lock(mutex_);
  ++state_.counters.frame_timeouts;
}
void ModbusSlave::count_session_accepted() {
  std::lock_guard lock(mutex_);
  ++state_.counters.sessions_accepted;
  ++state_.counters.sessions_active;
}
void ModbusSlave::count_session_refused() {
  std::lock_guard lock(mutex_);
  ++state_.counters.sessions_refused;
}
void ModbusSlave::count_session_closed() {
  std::lock_guard lock(mutex_);
  if (state_.counters.sessions_active > 0) --state_.counters.sessions_active;
}

std::uint64_t ModbusSlave::next_random() {
  std::lock_guard lock(mutex_);
  return random_state_ = random_state_ * 6364136223846793005ull + 1442695040888963407ull;
}

}  // namespace jemhead::sim
