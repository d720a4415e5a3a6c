#pragma once
// A drivers::Session for one DLMS/COSEM meter: an open association (CosemClient over an
// ApduChannel) turned into the head-end's records. It implements exactly what the DLMS
// driver declares: registers, instantaneous values, the clock (read and, for the manager
// client, set), identity, the two load profiles and the Ethernet connection log.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/driver.hpp"
#include "drivers/protocol/dlms/cosem/object_model.hpp"
#include "drivers/protocol/dlms/link/apdu_channel.hpp"
#include "drivers/protocol/dlms/session/cosem_client.hpp"

namespace jemhead::dlms {

class DlmsSession final : public drivers::Session {
 public:
  // `client` talks through `channel`; both are owned here. The association is already
  // open (DlmsDriver::open associates, so a wrong password fails the open).
  DlmsSession(std::int64_t meter_id, std::unique_ptr<link::ApduChannel> channel,
              std::unique_ptr<session::CosemClient> client);
  ~DlmsSession() override;

  // Every Register (IC3) of the meter's object list that the meter serves. A register the
  // meter answers object-undefined for is one its firmware or configuration leaves out:
  // skipped. Any other failure ends the read (access denied, timeouts, broken link).
  drivers::Task<std::vector<RegisterReading>> read_registers() override;
  // The object list's instantaneous registers (W, var, VA, V, A, PF, Hz, phase angles),
  // skipped the same way.
  drivers::Task<std::vector<InstantaneousValue>> read_instantaneous() override;
  // The clock's time in UTC (its own deviation applied), stamped with the head-end's
  // time at the midpoint of request and response. BadResponse when the meter states no
  // deviation: its time is then no instant.
  drivers::Task<ClockReading> read_clock() override;
  // Only the manager client (SAP 1) may set the time (L6567-L6583): any other client gets
  // drivers::Refused before anything is sent. Keeps the meter's deviation and DST bit,
  // takes the head-end's time just before the SET, and returns the clock read back. A
  // meter refusal stays session::AccessDenied.
  drivers::Task<ClockReading> set_clock() override;
  // identity_reader.hpp's objects as (description, value); object-undefined ones are
  // skipped, and for the public client read-write-denied ones too (it may read only the
  // identification objects the meter chooses, L6553-L6593).
  drivers::Task<drivers::MeterIdentity> read_identity() override;
  // Profile 1 (1.0.99.1.0.255) or 2 (1.0.98.1.0.255): the capture objects and period
  // read every time, then the buffer by clock range. NotPresent when the meter has no
  // such profile; Refused for another profile number.
  drivers::Task<drivers::LoadProfileRead> read_load_profile(
      drivers::LoadProfileRequest request) override;
  // The Ethernet connection log (event_log_reader.hpp); NotPresent when the meter has
  // none.
  drivers::Task<std::vector<LogEvent>> read_events(std::optional<UtcTime> after) override;
  // Releases the association (RLRQ) and closes the link; never throws.
  drivers::Task<void> close() override;
  std::uint64_t bytes_transferred() const override;

 private:
  struct ClockSample {
    session::ClockReading meter;
    UtcTime head_end{};  // midpoint of request and response
  };
  drivers::Task<ClockSample> sample_clock();
  // One attribute of a profile generic; object-undefined becomes NotPresent.
  drivers::Task<axdr::Data> get_profile_attribute(cosem::Obis object, std::int8_t attribute,
                                                  std::string what);
  session::ClientRole role() const;

  std::int64_t meter_id_;
  std::unique_ptr<link::ApduChannel> channel_;
  std::unique_ptr<session::CosemClient> client_;
};

// The object-list entries read_registers asks for, in the manual's order.
std::vector<const cosem::CosemObject*> register_objects();
// The registers of kind instantaneous, which read_instantaneous asks for.
std::vector<const cosem::CosemObject*> instantaneous_objects();

}  // namespace jemhead::dlms
