#pragma once
// A drivers::Session for one DLMS/COSEM meter: an open association (CosemClient over an
// ApduChannel) turned into the head-end's records. It implements exactly what the DLMS
// driver declares: the registers.
#include <cstdint>
#include <memory>
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
  // Releases the association (RLRQ) and closes the link; never throws.
  drivers::Task<void> close() override;
  std::uint64_t bytes_transferred() const override;

 private:
  std::int64_t meter_id_;
  std::unique_ptr<link::ApduChannel> channel_;
  std::unique_ptr<session::CosemClient> client_;
};

// The object-list entries read_registers asks for, in the manual's order.
std::vector<const cosem::CosemObject*> register_objects();

}  // namespace jemhead::dlms
