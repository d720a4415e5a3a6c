// Session budgets: each limit fills, refuses with its reason, and frees on release.
#include "core/engine/resource_budget.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace jemhead::engine {
namespace {

SessionClaim tcp_claim(std::int64_t meter, Protocol protocol, std::string host) {
  return SessionClaim{meter, protocol, std::move(host), false};
}

TEST(EngineResourceBudget, DefaultsAreTheManualsLimits) {
  const BudgetLimits limits;
  EXPECT_EQ(limits.global, 256u);
  EXPECT_EQ(limits.modem_pool, 4u);
  EXPECT_EQ(limits.per_network_host, 12u);
  EXPECT_EQ(limits.per_meter_protocol,
            (std::map<Protocol, std::size_t>{{Protocol::dlms, 1},
                                             {Protocol::modbus, 2},
                                             {Protocol::dnp3, 5},
                                             {Protocol::jem_binary, 4}}));
}

TEST(EngineResourceBudget, PerMeterProtocolLimitsHitAndRelease) {
  ResourceBudget budget;
  const std::vector<std::pair<Protocol, std::size_t>> cases{
      {Protocol::dlms, 1}, {Protocol::modbus, 2}, {Protocol::dnp3, 5}, {Protocol::jem_binary, 4}};
  for (const auto& [protocol, limit] : cases) {
    const SessionClaim claim = tcp_claim(7, protocol, "");
    for (std::size_t i = 0; i < limit; ++i) EXPECT_TRUE(budget.try_acquire(claim));
    EXPECT_EQ(budget.meter_in_use(7, protocol), limit);
    std::string why;
    EXPECT_FALSE(budget.try_acquire(claim, &why));
    EXPECT_EQ(why, std::string(to_text(protocol)) + " sessions of meter 7 (" +
                       std::to_string(limit) + ")");
    // Another meter is not affected.
    EXPECT_TRUE(budget.try_acquire(tcp_claim(8, protocol, "")));
    budget.release(tcp_claim(8, protocol, ""));
    budget.release(claim);
    EXPECT_TRUE(budget.try_acquire(claim));
  }
  EXPECT_EQ(budget.in_use(), 1u + 2u + 5u + 4u);
  EXPECT_EQ(budget.in_use_by_protocol(),
            (std::map<Protocol, std::size_t>{{Protocol::dlms, 1},
                                             {Protocol::modbus, 2},
                                             {Protocol::dnp3, 5},
                                             {Protocol::jem_binary, 4}}));
}

TEST(EngineResourceBudget, UnlistedProtocolIsUnlimitedPerMeter) {
  ResourceBudget budget;
  for (int i = 0; i < 40; ++i) EXPECT_TRUE(budget.try_acquire(tcp_claim(1, Protocol::sftp, "")));
  EXPECT_EQ(budget.meter_in_use(1, Protocol::sftp), 40u);
}

TEST(EngineResourceBudget, TwelveSessionsPerMeterEthernetPort) {
  BudgetLimits limits;
  limits.per_meter_protocol.clear();  // only the port limit applies
  ResourceBudget budget(limits);
  for (int i = 0; i < 12; ++i)
    ASSERT_TRUE(budget.try_acquire(tcp_claim(100, Protocol::dnp3, "10.0.0.7")));
  EXPECT_EQ(budget.port_in_use(100, "10.0.0.7"), 12u);
  std::string why;
  EXPECT_FALSE(budget.try_acquire(tcp_claim(100, Protocol::sftp, "10.0.0.7"), &why));
  EXPECT_EQ(why, "sessions to the Ethernet port of meter 100 at 10.0.0.7 (12)");
  EXPECT_EQ(budget.in_use(), 12u);  // the refusal counted nothing
  EXPECT_EQ(budget.meter_in_use(100, Protocol::sftp), 0u);
  // Another meter behind the same gateway address has a port of its own.
  EXPECT_TRUE(budget.try_acquire(tcp_claim(200, Protocol::dnp3, "10.0.0.7")));
  EXPECT_EQ(budget.port_in_use(200, "10.0.0.7"), 1u);
  budget.release(tcp_claim(100, Protocol::dnp3, "10.0.0.7"));
  EXPECT_TRUE(budget.try_acquire(tcp_claim(100, Protocol::dnp3, "10.0.0.7")));
}

TEST(EngineResourceBudget, ModemPool) {
  ResourceBudget budget;
  const auto dial = [](std::int64_t meter) {
    return SessionClaim{meter, Protocol::modbus, "", true};
  };
  for (int m = 1; m <= 4; ++m) ASSERT_TRUE(budget.try_acquire(dial(m)));
  EXPECT_EQ(budget.modem_in_use(), 4u);
  std::string why;
  EXPECT_FALSE(budget.try_acquire(dial(5), &why));
  EXPECT_EQ(why, "modem pool 4");
  EXPECT_TRUE(budget.try_acquire(tcp_claim(5, Protocol::modbus, "10.0.0.5")));  // not a modem
  budget.release(dial(2));
  EXPECT_EQ(budget.modem_in_use(), 3u);
  EXPECT_TRUE(budget.try_acquire(dial(5)));
}

TEST(EngineResourceBudget, GlobalCap) {
  BudgetLimits limits;
  limits.global = 3;
  ResourceBudget budget(limits);
  for (int m = 1; m <= 3; ++m) ASSERT_TRUE(budget.try_acquire(tcp_claim(m, Protocol::modbus, "")));
  std::string why;
  EXPECT_FALSE(budget.try_acquire(tcp_claim(4, Protocol::modbus, ""), &why));
  EXPECT_EQ(why, "global cap 3");
  EXPECT_EQ(budget.in_use(), 3u);
  budget.release(tcp_claim(1, Protocol::modbus, ""));
  EXPECT_EQ(budget.in_use(), 2u);
  EXPECT_TRUE(budget.try_acquire(tcp_claim(4, Protocol::modbus, "")));
}

TEST(EngineResourceBudget, DefaultGlobalCapIs256) {
  ResourceBudget budget;
  for (int m = 0; m < 256; ++m) ASSERT_TRUE(budget.try_acquire(tcp_claim(m, Protocol::dlms, "")));
  std::string why;
  EXPECT_FALSE(budget.try_acquire(tcp_claim(999, Protocol::dlms, ""), &why));
  EXPECT_EQ(why, "global cap 256");
}

TEST(EngineResourceBudget, RefusalNamesTheWidestFullLimit) {
  BudgetLimits limits;
  limits.global = 1;
  ResourceBudget budget(limits);
  ASSERT_TRUE(budget.try_acquire(tcp_claim(1, Protocol::dlms, "h")));
  std::string why;
  EXPECT_FALSE(budget.try_acquire(tcp_claim(1, Protocol::dlms, "h"), &why));  // both full
  EXPECT_EQ(why, "global cap 1");
}

TEST(EngineResourceBudget, CountersAreErasedWhenReleased) {
  ResourceBudget budget;
  for (int m = 0; m < 200; ++m)
    ASSERT_TRUE(budget.try_acquire(tcp_claim(m, Protocol::modbus, "10.1.0." + std::to_string(m))));
  EXPECT_EQ(budget.tracked_counters(), 400u);  // one per meter, one per host
  for (int m = 0; m < 200; ++m)
    budget.release(tcp_claim(m, Protocol::modbus, "10.1.0." + std::to_string(m)));
  EXPECT_EQ(budget.tracked_counters(), 0u);
  EXPECT_EQ(budget.in_use(), 0u);
  EXPECT_TRUE(budget.in_use_by_protocol().empty());
}

TEST(EngineResourceBudget, ReleasingMoreThanAcquiredNeverUnderflows) {
  ResourceBudget budget;
  const SessionClaim dial{3, Protocol::modbus, "", true};
  budget.release(dial);
  EXPECT_EQ(budget.in_use(), 0u);
  EXPECT_EQ(budget.modem_in_use(), 0u);
  EXPECT_EQ(budget.tracked_counters(), 0u);
  EXPECT_TRUE(budget.try_acquire(dial));
  EXPECT_EQ(budget.in_use(), 1u);
}

TEST(EngineResourceBudget, LeaseReleasesOnDestructionAndMoves) {
  ResourceBudget budget;
  const SessionClaim claim = tcp_claim(7, Protocol::dlms, "10.0.0.7");
  {
    std::optional<BudgetLease> lease = ResourceBudget::try_lease(budget, claim);
    ASSERT_TRUE(lease);
    EXPECT_TRUE(lease->held());
    EXPECT_EQ(lease->claim().meter_id, 7);
    EXPECT_EQ(budget.in_use(), 1u);
    std::string why;
    EXPECT_FALSE(ResourceBudget::try_lease(budget, claim, &why));
    EXPECT_EQ(why, "dlms sessions of meter 7 (1)");

    BudgetLease moved = std::move(*lease);
    EXPECT_FALSE(lease->held());
    EXPECT_TRUE(moved.held());
    lease.reset();  // the moved-from lease releases nothing
    EXPECT_EQ(budget.in_use(), 1u);

    BudgetLease assigned;
    assigned = std::move(moved);
    EXPECT_EQ(budget.in_use(), 1u);
    assigned.release();
    EXPECT_EQ(budget.in_use(), 0u);
    assigned.release();  // idempotent
    EXPECT_EQ(budget.in_use(), 0u);

    BudgetLease last = std::move(*ResourceBudget::try_lease(budget, claim));
    EXPECT_EQ(budget.port_in_use(claim.meter_id, "10.0.0.7"), 1u);
  }
  EXPECT_EQ(budget.in_use(), 0u);
  EXPECT_EQ(budget.tracked_counters(), 0u);
}

TEST(EngineResourceBudget, MoveAssignReleasesTheOverwrittenLease) {
  ResourceBudget budget;
  BudgetLease a = std::move(*ResourceBudget::try_lease(budget, tcp_claim(1, Protocol::dlms, "")));
  BudgetLease b = std::move(*ResourceBudget::try_lease(budget, tcp_claim(2, Protocol::dlms, "")));
  EXPECT_EQ(budget.in_use(), 2u);
  a = std::move(b);
  EXPECT_EQ(budget.in_use(), 1u);
  EXPECT_EQ(budget.meter_in_use(1, Protocol::dlms), 0u);
  EXPECT_EQ(budget.meter_in_use(2, Protocol::dlms), 1u);
  EXPECT_EQ(a.claim().meter_id, 2);
}

TEST(EngineResourceBudget, ConcurrentClaimsNeverExceedALimit) {
  BudgetLimits limits;
  limits.global = 5;
  ResourceBudget budget(limits);
  std::atomic<std::size_t> peak{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        auto lease =
            ResourceBudget::try_lease(budget, tcp_claim(t * 10000 + i, Protocol::dnp3, "gw"));
        if (!lease) {
          ++refused;
          continue;
        }
        std::size_t now = budget.in_use(), seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(peak.load(), 5u);
  EXPECT_GE(peak.load(), 1u);
  EXPECT_EQ(budget.in_use(), 0u);
  EXPECT_EQ(budget.tracked_counters(), 0u);
}

TEST(EngineResourceBudget, ClaimForProfileByTransport) {
  ConnectionProfile p;
  p.meter_id = 42;
  p.protocol = Protocol::modbus;
  p.transport = Transport::tcp;
  p.host = "Meter-7.Example.NET";
  SessionClaim c = claim_for(p);
  EXPECT_EQ(c.meter_id, 42);
  EXPECT_EQ(c.protocol, Protocol::modbus);
  EXPECT_EQ(c.network_host, "meter-7.example.net");
  EXPECT_FALSE(c.modem);

  p.transport = Transport::tls;
  EXPECT_EQ(claim_for(p).network_host, "meter-7.example.net");
  p.transport = Transport::cell;
  EXPECT_EQ(claim_for(p).network_host, "meter-7.example.net");

  p.transport = Transport::modem;
  c = claim_for(p);
  EXPECT_EQ(c.network_host, "");
  EXPECT_TRUE(c.modem);

  for (Transport line : {Transport::serial, Transport::rs485, Transport::optical}) {
    p.transport = line;
    c = claim_for(p);
    EXPECT_EQ(c.network_host, "") << to_text(line);
    EXPECT_FALSE(c.modem) << to_text(line);
  }
}

}  // namespace
}  // namespace jemhead::engine
