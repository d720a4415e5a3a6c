#pragma once
// How many driver sessions may be open at once (issue 4, manual part1 §4): per meter and
// protocol (DLMS 1, Modbus TCP 2, DNP3 5, JEM binary 4), 12 per meter Ethernet port, a
// modem pool and a global cap. The engine asks before opening a session and never waits
// here: a refused job stays queued and the `why` text says which limit was full.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/connection_profile.hpp"
#include "core/protocol.hpp"

namespace jemhead::engine {

// Each value is a count of sessions open at once; 0 allows none.
struct BudgetLimits {
  std::size_t global = 256;    // whole head-end
  std::size_t modem_pool = 4;  // dial-up sessions
  // Sessions to one meter's Ethernet port (the manual's 12 per port). Counted per meter and
  // host, not per host alone: meters behind one gateway address (NAT, port forwarding,
  // the simulator on loopback) each have their own port.
  std::size_t per_network_host = 12;
  // Per meter and protocol; a protocol not listed is unlimited per meter.
  std::map<Protocol, std::size_t> per_meter_protocol{
      {Protocol::dlms, 1},
      {Protocol::modbus, 2},
      {Protocol::dnp3, 5},
      {Protocol::jem_binary, 4},
  };
};

// What one driver session occupies.
struct SessionClaim {
  std::int64_t meter_id = 0;
  Protocol protocol = Protocol::dlms;
  std::string network_host;  // empty when not a network transport
  bool modem = false;
};

// meter id and protocol; host (lower-cased, so two spellings of one host share its port
// budget) for network transports; modem for dial-up profiles.
SessionClaim claim_for(const ConnectionProfile& profile);

class ResourceBudget;

// Holds one acquired claim and releases it on destruction; movable, not copyable. A
// default-constructed or moved-from lease holds nothing.
class BudgetLease {
 public:
  BudgetLease() = default;
  BudgetLease(BudgetLease&& other) noexcept;
  BudgetLease& operator=(BudgetLease&& other) noexcept;
  BudgetLease(const BudgetLease&) = delete;
  BudgetLease& operator=(const BudgetLease&) = delete;
  ~BudgetLease();

  bool held() const { return budget_ != nullptr; }
  const SessionClaim& claim() const { return claim_; }
  void release();  // early release; idempotent

 private:
  friend class ResourceBudget;
  BudgetLease(ResourceBudget& budget, SessionClaim claim)
      : budget_(&budget), claim_(std::move(claim)) {}

  ResourceBudget* budget_ = nullptr;
  SessionClaim claim_;
};

// Thread-safe and non-blocking. Per-meter and per-host counters exist only while sessions
// are open, so memory follows open sessions, not fleet size.
class ResourceBudget {
 public:
  explicit ResourceBudget(BudgetLimits limits = {});
  ResourceBudget(const ResourceBudget&) = delete;
  ResourceBudget& operator=(const ResourceBudget&) = delete;

  // True and counted when every limit has room; false with nothing counted otherwise,
  // `why` then names the full limit, widest first: "global cap 256", "modem pool 4",
  // "sessions to the Ethernet port of meter 7 at 10.0.0.7 (12)", "modbus sessions of meter 7 (2)".
  bool try_acquire(const SessionClaim& claim, std::string* why = nullptr);
  // Undoes one try_acquire of an equal claim. Counters never go below zero.
  void release(const SessionClaim& claim);

  // try_acquire wrapped in a lease; nullopt when refused. `budget` must outlive the lease.
  static std::optional<BudgetLease> try_lease(ResourceBudget& budget, SessionClaim claim,
                                              std::string* why = nullptr);

  std::size_t in_use() const;  // global
  // Only protocols with sessions open (for the sessions-in-use metric).
  std::map<Protocol, std::size_t> in_use_by_protocol() const;
  std::size_t modem_in_use() const;
  // Sessions to one meter's Ethernet port (the meter at that host).
  std::size_t port_in_use(std::int64_t meter_id, const std::string& host) const;
  std::size_t meter_in_use(std::int64_t meter_id, Protocol protocol) const;
  // Per-meter and per-host counters currently held (0 once every session is released).
  std::size_t tracked_counters() const;
  const BudgetLimits& limits() const { return limits_; }

 private:
  std::optional<std::size_t> meter_limit(Protocol protocol) const;

  const BudgetLimits limits_;
  mutable std::mutex mutex_;
  std::size_t global_ = 0;
  std::size_t modem_ = 0;
  std::map<Protocol, std::size_t> by_protocol_;
  std::map<std::pair<std::int64_t, std::string>, std::size_t> by_port_;
  std::map<std::pair<std::int64_t, Protocol>, std::size_t> by_meter_;
};

}  // namespace jemhead::engine
