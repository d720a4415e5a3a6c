#pragma once
// An in-memory ApduChannel that behaves like a small JEMStar II COSEM server, built on the
// same apdu/axdr codecs: the three clients with their passwords and rights, the clock,
// registers with scaler_unit, load profiles answered in datablocks and filtered by range,
// and switches for the misbehaviour the client must survive.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"
#include "drivers/protocol/dlms/link/apdu_channel.hpp"

namespace jemhead::dlms::session::testing {

using Bytes = std::vector<std::uint8_t>;

class FakeCosemServer : public link::ApduChannel {
 public:
  // The client SAP the channel is addressed from (16, 2 or 1), as HDLC or the wrapper
  // would tell the meter.
  explicit FakeCosemServer(std::uint8_t client_sap) : client_sap_(client_sap) {}

  // --- the meter's configuration ---
  std::map<std::uint8_t, std::string> passwords{{1, "ClientId1"}, {2, "ClientId2"}};
  std::uint32_t granted_conformance = apdu::kJemStarConformance;
  std::uint16_t server_max_receive_pdu = 256;
  // Raw-data bytes per datablock; 0 = what fits the client's max receive PDU.
  std::size_t block_payload = 0;
  axdr::CosemDateTime clock;
  struct Register {
    axdr::Data value;
    axdr::Data scaler_unit;
  };
  std::map<cosem::Obis, Register> registers;
  // Profile generic buffers (attribute 2), whole. Selective access by range selects the
  // entries whose clock-time column (the first, unless capture_objects names another)
  // lies in [from, to]; a timestamp without deviation counts in the clock's.
  std::map<cosem::Obis, axdr::Data> profiles;
  std::map<cosem::Obis, axdr::Data> capture_objects;     // attribute 3
  std::map<cosem::Obis, std::uint32_t> capture_periods;  // attribute 4, seconds
  std::map<cosem::Obis, axdr::Data> data_objects;        // IC1 attribute 2, public too
  // Bytes sent as the A-XDR value of (object, attribute) whatever the class, for hostile
  // answers (truncated, undecodable); cut into datablocks like any other.
  std::map<std::pair<cosem::Obis, std::int8_t>, Bytes> raw_answers;

  // --- misbehaviour ---
  std::optional<apdu::AcseServiceUser> refuse_every_aarq;  // reject with this diagnostic
  bool wrong_invoke_id = false;                            // answer with invoke id + 1
  bool drop_link_on_rlrq = false;                          // no RLRE: the link just ends
  bool refuse_sets = false;  // read-write-denied to every SET, the manager's too

  // --- what the meter saw ---
  std::vector<Bytes> requests;  // every APDU received, in order
  std::optional<apdu::Aarq> last_aarq;
  std::optional<apdu::GetRequestNormal> last_get;
  int blocks_sent = 0;
  int get_next_received = 0;
  int sets_applied = 0;
  int sets_received = 0;                                  // every SET-Request, refused or not
  std::vector<std::pair<UtcTime, UtcTime>> ranges_asked;  // selective access bounds
  int connects = 0;
  int disconnects = 0;

  // ApduChannel
  boost::asio::awaitable<void> connect() override;
  boost::asio::awaitable<Bytes> exchange(std::span<const std::uint8_t> request_apdu) override;
  boost::asio::awaitable<void> disconnect() override;
  void close() noexcept override { connected_ = false; }
  bool connected() const override { return connected_; }
  link::LinkParameters negotiated() const override { return {}; }
  link::ApduChannelStats stats() const override { return {}; }
  std::string describe() const override { return "fake cosem server"; }

 private:
  Bytes answer(const Bytes& request);
  Bytes answer_aarq(const apdu::Aarq& aarq);
  Bytes answer_get(const apdu::GetRequestNormal& get);
  Bytes answer_next(const apdu::GetRequestNext& next);
  Bytes answer_set(const apdu::SetRequestNormal& set);
  // The attribute's value, or why not.
  std::variant<axdr::Data, apdu::DataAccessResult> read(const apdu::GetRequestNormal& get);
  axdr::Data select_range(const cosem::Obis& profile, const axdr::Data& buffer, UtcTime from,
                          UtcTime to) const;
  apdu::InvokeIdAndPriority reply_invoke(apdu::InvokeIdAndPriority invoke) const;

  std::uint8_t client_sap_;
  bool connected_ = false;
  bool associated_ = false;
  std::uint16_t client_max_receive_pdu_ = 0;
  std::vector<Bytes> pending_blocks_;  // of the GET in progress
  std::uint32_t blocks_done_ = 0;
};

}  // namespace jemhead::dlms::session::testing
