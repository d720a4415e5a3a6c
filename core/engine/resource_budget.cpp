#include "core/engine/resource_budget.hpp"

#include <algorithm>
#include <cctype>

namespace jemhead::engine {

namespace {

// Decrements a counter and erases it at zero, so idle meters and hosts cost nothing.
template <typename Map, typename Key>
void decrement(Map& counters, const Key& key) {
  const auto it = counters.find(key);
  if (it == counters.end()) return;
  if (--it->second == 0) counters.erase(it);
}

template <typename Map, typename Key>
std::size_t count_of(const Map& counters, const Key& key) {
  const auto it = counters.find(key);
  return it == counters.end() ? 0 : it->second;
}

}  // namespace

SessionClaim claim_for(const ConnectionProfile& profile) {
  SessionClaim claim;
  claim.meter_id = profile.meter_id;
  claim.protocol = profile.protocol;
  if (is_network(profile.transport)) {
    claim.network_host = profile.host;
    std::transform(claim.network_host.begin(), claim.network_host.end(), claim.network_host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  claim.modem = profile.transport == Transport::modem;
  return claim;
}

BudgetLease::BudgetLease(BudgetLease&& other) noexcept
    : budget_(std::exchange(other.budget_, nullptr)), claim_(std::move(other.claim_)) {}

BudgetLease& BudgetLease::operator=(BudgetLease&& other) noexcept {
  if (this != &other) {
    release();
    budget_ = std::exchange(other.budget_, nullptr);
    claim_ = std::move(other.claim_);
  }
  return *this;
}

BudgetLease::~BudgetLease() {
  release();
}

void BudgetLease::release() {
  if (budget_) std::exchange(budget_, nullptr)->release(claim_);
}

ResourceBudget::ResourceBudget(BudgetLimits limits) : limits_(std::move(limits)) {}

std::optional<std::size_t> ResourceBudget::meter_limit(Protocol protocol) const {
  const auto it = limits_.per_meter_protocol.find(protocol);
  if (it == limits_.per_meter_protocol.end()) return std::nullopt;
  return it->second;
}

bool ResourceBudget::try_acquire(const SessionClaim& claim, std::string* why) {
  const auto refuse = [why](std::string limit) {
    if (why) *why = std::move(limit);
    return false;
  };
  const std::optional<std::size_t> per_meter = meter_limit(claim.protocol);
  const std::pair meter_key{claim.meter_id, claim.protocol};

  std::lock_guard lock(mutex_);
  if (global_ >= limits_.global) return refuse("global cap " + std::to_string(limits_.global));
  if (claim.modem && modem_ >= limits_.modem_pool)
    return refuse("modem pool " + std::to_string(limits_.modem_pool));
  const std::pair port_key{claim.meter_id, claim.network_host};
  if (!claim.network_host.empty() && count_of(by_port_, port_key) >= limits_.per_network_host)
    return refuse("sessions to the Ethernet port of meter " + std::to_string(claim.meter_id) +
                  " at " + claim.network_host + " (" + std::to_string(limits_.per_network_host) +
                  ")");
  if (per_meter && count_of(by_meter_, meter_key) >= *per_meter)
    return refuse(std::string(to_text(claim.protocol)) + " sessions of meter " +
                  std::to_string(claim.meter_id) + " (" + std::to_string(*per_meter) + ")");

  ++global_;
  if (claim.modem) ++modem_;
  if (!claim.network_host.empty()) ++by_port_[port_key];
  ++by_meter_[meter_key];
  ++by_protocol_[claim.protocol];
  return true;
}

void ResourceBudget::release(const SessionClaim& claim) {
  std::lock_guard lock(mutex_);
  if (global_ > 0) --global_;
  if (claim.modem && modem_ > 0) --modem_;
  if (!claim.network_host.empty())
    decrement(by_port_, std::pair{claim.meter_id, claim.network_host});
  decrement(by_meter_, std::pair{claim.meter_id, claim.protocol});
  decrement(by_protocol_, claim.protocol);
}

std::optional<BudgetLease> ResourceBudget::try_lease(ResourceBudget& budget, SessionClaim claim,
                                                     std::string* why) {
  if (!budget.try_acquire(claim, why)) return std::nullopt;
  return BudgetLease(budget, std::move(claim));
}

std::size_t ResourceBudget::in_use() const {
  std::lock_guard lock(mutex_);
  return global_;
}

std::map<Protocol, std::size_t> ResourceBudget::in_use_by_protocol() const {
  std::lock_guard lock(mutex_);
  return by_protocol_;
}

std::size_t ResourceBudget::modem_in_use() const {
  std::lock_guard lock(mutex_);
  return modem_;
}

std::size_t ResourceBudget::port_in_use(std::int64_t meter_id, const std::string& host) const {
  std::lock_guard lock(mutex_);
  return count_of(by_port_, std::pair{meter_id, host});
}

std::size_t ResourceBudget::meter_in_use(std::int64_t meter_id, Protocol protocol) const {
  std::lock_guard lock(mutex_);
  return count_of(by_meter_, std::pair{meter_id, protocol});
}

std::size_t ResourceBudget::tracked_counters() const {
  std::lock_guard lock(mutex_);
  return by_port_.size() + by_meter_.size();
}

}  // namespace jemhead::engine
