#pragma once
// CosemClient: one DLMS/COSEM association with one meter over an ApduChannel (HDLC or the
// TCP wrapper): AARQ/AARE, GET (normal, with datablocks, with selective access), SET and
// RLRQ/RLRE, plus the conveniences the JEMStar II driver needs (clock, registers, load
// profile ranges). One request at a time; not thread-safe, like the channel underneath.
//
// Errors (all drivers::DriverError):
//   AssociationRefused / AuthenticationFailed   the AARE rejected the association
//   DataAccessFailed / AccessDenied             a data-access-result other than success
//   drivers::Unsupported                        the meter did not grant a service we need,
//                                               or a request exceeds its max PDU size
//   drivers::ProtocolException                  exception-response / confirmed-service-
//                                               error (function = request tag,
//                                               code = service error)
//   drivers::BadResponse                        undecodable or unexpected APDU, invoke-id
//                                               mismatch, datablock sequence broken
//   drivers::ConfigurationError                 role and password do not fit together
//   drivers::Timeout / ConnectionFailed         from the channel
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/cosem_attribute.hpp"
#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"
#include "drivers/protocol/dlms/cosem/scaling.hpp"
#include "drivers/protocol/dlms/link/apdu_channel.hpp"
#include "drivers/protocol/dlms/session/client_role.hpp"

namespace jemhead::dlms::session {

inline constexpr cosem::Obis kClockObis{0, 0, 1, 0, 0, 255};
inline constexpr std::uint16_t kDataClass = 1;
inline constexpr std::uint16_t kRegisterClass = 3;
inline constexpr std::uint16_t kProfileGenericClass = 7;
inline constexpr std::uint16_t kClockClass = 8;

struct CosemClientOptions {
  // Proposed in the AARQ: the largest APDU we accept. Longer answers come in datablocks.
  std::uint16_t max_receive_pdu_size = apdu::kDefaultMaxReceivePduSize;
  // Bound on one reassembled datablock transfer, against a broken or hostile server.
  std::size_t max_reassembled_bytes = 16u * 1024u * 1024u;
  // How the meter signs the date-time deviation (clock reads, clock SET, LP ranges).
  axdr::DeviationConvention deviation_convention = axdr::DeviationConvention::blue_book;
  // Per-meter scaler/unit overrides for read_register (cosem/scaling.hpp).
  cosem::ScalingPolicy scaling;
};

// What the AARE granted.
struct Association {
  ClientRole role = ClientRole::public_client;
  std::uint32_t conformance = 0;             // negotiated conformance block (24 bits)
  std::uint16_t server_max_receive_pdu = 0;  // the largest request the meter accepts; 0 =
                                             // no limit stated
  std::uint8_t dlms_version = 0;
};

// The clock's time attribute as read.
struct ClockReading {
  axdr::CosemDateTime local;  // as the meter sent it
  // The instant it denotes; nullopt when the meter left the deviation (or a field)
  // unspecified, so no instant can be derived without guessing.
  std::optional<UtcTime> utc;
};

// Which deviation a clock SET writes. The meter keeps local time; the deviation tells it
// (and every later reader) how that local time relates to UTC.
struct ClockDeviationPolicy {
  enum class Source {
    fixed,       // `minutes` and `status` as given
    keep_meter,  // read the clock first and keep its deviation and daylight-saving bit
  };
  Source source = Source::keep_meter;
  std::int16_t minutes = 0;
  axdr::ClockStatus status{};

  static ClockDeviationPolicy fixed(std::int16_t deviation_minutes,
                                    axdr::ClockStatus clock_status = {}) {
    return {Source::fixed, deviation_minutes, clock_status};
  }
  static ClockDeviationPolicy keep_meter() { return {}; }
};

// A Register (IC3) read: the raw value and scaler_unit as sent, and the scaled result.
struct RegisterReading {
  axdr::Data value;               // attribute 2
  cosem::ScalerUnit scaler_unit;  // attribute 3
  cosem::ScaledValue scaled;      // after the meter's ScalingPolicy
};

struct ReleaseOutcome {
  bool rlre_received = false;               // the meter answered the RLRQ
  std::optional<std::uint8_t> rlre_reason;  // its reason, when sent (0 = normal)
  bool link_closed_cleanly = false;         // disconnect() completed without error
};

class CosemClient {
 public:
  explicit CosemClient(link::ApduChannel& channel, CosemClientOptions options = {});

  // Connects the channel if needed and opens the association: no authentication for the
  // public client, LLS with `password` for reader and manager (ConfigurationError when
  // the password is missing, or given to the public client). Requires the meter to grant
  // get and block-transfer-with-get (drivers::Unsupported otherwise).
  boost::asio::awaitable<Association> associate(ClientRole role, std::string password = {});

  // One attribute. Answers in datablocks are reassembled with GET-Request-Next.
  boost::asio::awaitable<axdr::Data> get(std::uint16_t class_id, cosem::Obis object,
                                         std::int8_t attribute,
                                         std::optional<apdu::AccessSelection> access = {});

  // Profile generic buffer (attribute 2) restricted to [from, to] by the clock's time,
  // all columns; the result is the buffer as sent (array of structures). From/to are
  // written as the meter's local date-time at `deviation_minutes`.
  boost::asio::awaitable<axdr::Data> get_range(cosem::Obis profile, UtcTime from, UtcTime to,
                                               std::int16_t deviation_minutes = 0);

  // One attribute, SET-Request-Normal; throws unless the meter answers success.
  boost::asio::awaitable<void> set(std::uint16_t class_id, cosem::Obis object,
                                   std::int8_t attribute, axdr::Data value);

  boost::asio::awaitable<ClockReading> read_clock();
  // Writes `instant` to the clock's time attribute; returns the date-time written.
  boost::asio::awaitable<axdr::CosemDateTime> set_clock(UtcTime instant,
                                                        ClockDeviationPolicy policy = {});
  boost::asio::awaitable<RegisterReading> read_register(cosem::Obis object);

  // RLRQ, then the channel's disconnect. Meters that drop the link instead of answering
  // are tolerated: release never throws a DriverError, the outcome says what happened.
  boost::asio::awaitable<ReleaseOutcome> release();

  bool associated() const { return association_.has_value() && channel_.connected(); }
  const std::optional<Association>& association() const { return association_; }
  const CosemClientOptions& options() const { return options_; }

 private:
  apdu::InvokeIdAndPriority next_invoke();
  // Sends one xDLMS request and decodes the response; checks the request against the
  // meter's PDU size and the response's invoke id.
  boost::asio::awaitable<apdu::XdlmsResponse> transact(apdu::XdlmsRequest request,
                                                       std::string what);
  const Association& require_association(const std::string& what) const;

  link::ApduChannel& channel_;
  CosemClientOptions options_;
  std::optional<Association> association_;
  // The meter accepted an AARE: true even when we then found the association unusable
  // (services not granted), so release() still sends the RLRQ.
  bool application_association_open_ = false;
  std::uint8_t invoke_id_ = 0;
};

}  // namespace jemhead::dlms::session
