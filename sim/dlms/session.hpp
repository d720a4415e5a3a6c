#pragma once
// One DLMS connection's application layer, without sockets: AARQ/AARE (public, or LLS
// for the reader and manager), RLRQ/RLRE, GET-Request-Normal (with datablocks when the
// answer exceeds the client's max receive PDU) and GET-Request-Next, SET-Request-Normal.
// The transport hands it each APDU with the wrapper's source wPort (the client SAP) and
// sends back whatever it answers, from wPort 1 to that SAP.
#include <cstdint>
#include <functional>
#include <optional>

#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "sim/dlms/cosem_objects.hpp"
#include "sim/dlms/meter_server.hpp"

namespace jemhead::sim::dlms_server {

// Below this the datablock header leaves no room for data; such an InitiateRequest is
// refused with pdu-size-too-short.
inline constexpr std::uint16_t kMinClientPduSize = 16;
// GET-Response-With-Datablock without its raw data: tag, choice, invoke, last-block,
// block-number (4), raw-data choice, and a length of up to 3 bytes.
inline constexpr std::size_t kDatablockOverhead = 12;

class DlmsSession {
 public:
  using Now = std::function<RealClock::time_point()>;
  explicit DlmsSession(
      DlmsMeterServer& server, Now now = [] { return RealClock::now(); });

  // The answer to one APDU from client `client_sap`; nullopt = nothing to send.
  std::optional<apdu::Bytes> serve(std::uint16_t client_sap, apdu::ByteView apdu);
  // True when the last serve() cut a long GET (an injected DlmsFault): the transport must
  // drop the connection or link without answering. Deciding it here keeps TCP and HDLC alike.
  bool drop_requested() const { return drop_; }

  bool associated() const { return client_.has_value(); }
  std::optional<DlmsClient> client() const { return client_; }

 private:
  apdu::Bytes associate(std::uint16_t client_sap, apdu::ByteView apdu);
  apdu::Bytes release();
  apdu::Bytes xdlms(std::uint16_t client_sap, apdu::ByteView apdu);
  apdu::Bytes get(const apdu::GetRequestNormal& request);
  apdu::Bytes get_next(const apdu::GetRequestNext& request);
  apdu::Bytes set(const apdu::SetRequestNormal& request);
  apdu::Bytes next_block();
  apdu::Bytes exception(std::uint8_t state_error, std::uint8_t service_error);

  struct LongGet {
    apdu::InvokeIdAndPriority invoke;
    apdu::Bytes data;  // the whole encoded Data
    std::size_t offset = 0;
    std::uint32_t block = 0;  // the last block sent
  };

  DlmsMeterServer& server_;
  Now now_;
  std::optional<DlmsClient> client_;
  std::uint16_t client_sap_ = 0;
  std::uint32_t conformance_ = 0;
  std::size_t max_response_ = 0;  // min(client's max receive PDU, the server's Max APDU)
  std::optional<LongGet> long_get_;
  bool drop_ = false;
};

}  // namespace jemhead::sim::dlms_server
