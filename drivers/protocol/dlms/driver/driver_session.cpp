// DlmsSession: registers, instantaneous values, the clock and the identity. The profile
// generic reads (load profiles, the Ethernet log) are in driver_session_profiles.cpp.
#include "drivers/protocol/dlms/driver/driver_session.hpp"

#include "drivers/protocol/dlms/cosem/object_list.hpp"
#include "drivers/protocol/dlms/driver/identity_reader.hpp"
#include "drivers/protocol/dlms/driver/measurement_text.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"

namespace jemhead::dlms {

namespace {

constexpr const char* kSource = "dlms";

// A meter that answers object-undefined does not have the object (firmware or
// configuration leaves it out). AccessDenied is a DataAccessFailed too, but calls for
// another client: never "absent".
bool object_undefined(const session::DataAccessFailed& e) {
  return e.result() == apdu::DataAccessResult::object_undefined && e.kind() == "data_access";
}

// Every register of `objects` the meter serves, in order; absent ones are left out.
struct RegisterRead {
  const cosem::CosemObject* object;
  session::RegisterReading reading;
};

drivers::Task<std::vector<RegisterRead>> read_served(
    session::CosemClient* client, std::vector<const cosem::CosemObject*> objects) {
  std::vector<RegisterRead> out;
  for (const auto* object : objects) {
    session::RegisterReading reading;
    try {
      auto read = client->read_register(object->obis);
      reading = co_await std::move(read);
    } catch (const session::DataAccessFailed& e) {
      if (!object_undefined(e)) throw;
      continue;
    }
    out.push_back({object, std::move(reading)});
  }
  co_return out;
}

}  // namespace

std::vector<const cosem::CosemObject*> register_objects() {
  std::vector<const cosem::CosemObject*> out;
  for (const auto& object : cosem::meter_objects())
    if (object.class_id == cosem::class_id::register_) out.push_back(&object);
  return out;
}

std::vector<const cosem::CosemObject*> instantaneous_objects() {
  std::vector<const cosem::CosemObject*> out;
  for (const auto* object : register_objects())
    if (object->kind == cosem::Kind::instantaneous) out.push_back(object);
  return out;
}

DlmsSession::DlmsSession(std::int64_t meter_id, std::unique_ptr<link::ApduChannel> channel,
                         std::unique_ptr<session::CosemClient> client)
    : meter_id_(meter_id), channel_(std::move(channel)), client_(std::move(client)) {}

// The client refers to the channel: it goes first.
DlmsSession::~DlmsSession() {
  client_.reset();
  if (channel_) channel_->close();
}

session::ClientRole DlmsSession::role() const {
  const auto& association = client_->association();
  return association ? association->role : session::ClientRole::public_client;
}

drivers::Task<std::vector<RegisterReading>> DlmsSession::read_registers() {
  auto reading = read_served(client_.get(), register_objects());
  const auto reads = co_await std::move(reading);
  // One time for the whole read, as every driver stamps it: the API's "latest registers"
  // are the readings sharing the newest read time.
  const auto read_at = utc_now();
  std::vector<RegisterReading> out;
  for (const auto& [object, reading_] : reads) {
    RegisterReading r;
    r.meter_id = meter_id_;
    r.register_id = object->obis.to_string();
    r.description = std::string(object->description);
    r.value = reading_.scaled.value;
    r.unit = reading_.scaled.unit;
    r.read_at = read_at;
    r.source = kSource;
    out.push_back(std::move(r));
  }
  co_return out;
}

drivers::Task<std::vector<InstantaneousValue>> DlmsSession::read_instantaneous() {
  auto reading = read_served(client_.get(), instantaneous_objects());
  const auto reads = co_await std::move(reading);
  const auto read_at = utc_now();
  std::vector<InstantaneousValue> out;
  for (const auto& [object, reading_] : reads) {
    InstantaneousValue v;
    v.meter_id = meter_id_;
    v.quantity = instantaneous_quantity_text(*object);
    v.phase = phase_text(object->phase);
    v.value = reading_.scaled.value;
    v.unit = reading_.scaled.unit;
    v.read_at = read_at;
    v.source = kSource;
    out.push_back(std::move(v));
  }
  co_return out;
}

drivers::Task<DlmsSession::ClockSample> DlmsSession::sample_clock() {
  const auto sent = utc_now();
  auto reading = client_->read_clock();
  ClockSample sample;
  sample.meter = co_await std::move(reading);
  const auto received = utc_now();
  // The meter read its clock somewhere between the two; the midpoint is the best guess
  // and halves the error a slow link would otherwise add to the offset.
  sample.head_end = sent + (received - sent) / 2;
  co_return sample;
}

drivers::Task<ClockReading> DlmsSession::read_clock() {
  auto sampling = sample_clock();
  const ClockSample sample = co_await std::move(sampling);
  if (!sample.meter.utc)
    throw drivers::BadResponse("clock time " +
                               std::string(sample.meter.local.deviation_minutes()
                                               ? "has unspecified fields"
                                               : "states no deviation from UTC") +
                               ": it is no instant");
  ClockReading out;
  out.meter_id = meter_id_;
  out.meter_time = *sample.meter.utc;
  out.head_end_time = sample.head_end;
  out.source = kSource;
  co_return out;
}

drivers::Task<ClockReading> DlmsSession::set_clock() {
  const auto client_role = role();
  if (client_role != session::ClientRole::manager) {
    std::string message = "set clock: the ";
    message += session::to_text(client_role);
    message +=
        " client may not set the meter's clock; a read/write (manager, SAP 1) client is needed";
    throw drivers::Refused(message);
  }
  // The deviation and daylight-saving bit to keep are read first, so that the time
  // itself can be taken immediately before the SET goes out.
  auto sampling = sample_clock();
  const ClockSample before = co_await std::move(sampling);
  const auto deviation = before.meter.local.deviation_minutes();
  if (!deviation)
    throw drivers::Refused(
        "set clock: the meter's clock reports no deviation from UTC to keep, so the local "
        "time to write is unknown");
  const axdr::ClockStatus status{static_cast<std::uint8_t>(
      before.meter.local.status.daylight_saving_active() ? axdr::ClockStatus::kDaylightSavingActive
                                                         : 0)};
  const auto policy = session::ClockDeviationPolicy::fixed(*deviation, status);
  auto setting = client_->set_clock(utc_now(), policy);
  co_await std::move(setting);
  auto rereading = read_clock();
  co_return co_await std::move(rereading);
}

drivers::Task<drivers::MeterIdentity> DlmsSession::read_identity() {
  const bool public_client = role() == session::ClientRole::public_client;
  drivers::MeterIdentity identity;
  for (const auto* object : identity_objects()) {
    axdr::Data value;
    try {
      auto reading = client_->get(cosem::class_id::data, object->obis, 2);
      value = co_await std::move(reading);
    } catch (const session::DataAccessFailed& e) {
      const bool denied = e.result() == apdu::DataAccessResult::read_write_denied;
      if (!object_undefined(e) && !(public_client && denied)) throw;
      continue;
    }
    identity.fields.emplace_back(std::string(object->description), identity_value_text(value));
  }
  co_return identity;
}

drivers::Task<void> DlmsSession::close() {
  auto release = client_->release();
  co_await std::move(release);
}

std::uint64_t DlmsSession::bytes_transferred() const {
  const auto stats = channel_->stats();
  return stats.bytes_out + stats.bytes_in;
}

}  // namespace jemhead::dlms
