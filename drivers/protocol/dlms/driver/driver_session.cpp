#include "drivers/protocol/dlms/driver/driver_session.hpp"

#include "drivers/protocol/dlms/cosem/object_list.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"

namespace jemhead::dlms {

namespace {

constexpr const char* kSource = "dlms";

}  // namespace

std::vector<const cosem::CosemObject*> register_objects() {
  std::vector<const cosem::CosemObject*> out;
  for (const auto& object : cosem::meter_objects())
    if (object.class_id == cosem::class_id::register_) out.push_back(&object);
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

drivers::Task<std::vector<RegisterReading>> DlmsSession::read_registers() {
  std::vector<RegisterReading> out;
  for (const auto* object : register_objects()) {
    session::RegisterReading reading;
    try {
      auto read = client_->read_register(object->obis);
      reading = co_await std::move(read);
    } catch (const session::DataAccessFailed& e) {
      // AccessDenied is a DataAccessFailed too, but calls for another client: not skipped.
      if (e.result() != apdu::DataAccessResult::object_undefined || e.kind() != "data_access")
        throw;
      continue;
    }
    RegisterReading r;
    r.meter_id = meter_id_;
    r.register_id = object->obis.to_string();
    r.description = std::string(object->description);
    r.value = reading.scaled.value;
    r.unit = reading.scaled.unit;
    r.source = kSource;
    out.push_back(std::move(r));
  }
  // One time for the whole read, as every driver stamps it: the API's "latest registers"
  // are the readings sharing the newest read time.
  const auto read_at = utc_now();
  for (auto& r : out) r.read_at = read_at;
  co_return out;
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
