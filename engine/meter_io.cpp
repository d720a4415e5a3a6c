#include "engine/meter_io.hpp"

#include "engine/session_budget.hpp"

namespace jemhead::engine {

drivers::Task<std::optional<BudgetLease>> lease_for(ResourceBudget* budget,
                                                    ConnectionProfile profile) {
  if (!budget) co_return std::nullopt;
  auto waiting = acquire_session(*budget, claim_for(profile));
  co_return co_await std::move(waiting);
}

}  // namespace jemhead::engine
