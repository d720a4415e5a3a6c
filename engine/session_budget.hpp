#pragma once
// Waiting for room in the session budget from a coroutine. Shared by the engine's jobs and
// the API's "read now", so both count against the same per-meter and global limits.
#include <boost/asio/awaitable.hpp>

#include "core/engine/resource_budget.hpp"

namespace jemhead::engine {

// Polls with a growing pause (5 ms up to 250 ms): a saturated budget frees sessions at the
// rate jobs finish. Cancellable (deadline, shutdown) like any Asio wait.
boost::asio::awaitable<BudgetLease> acquire_session(ResourceBudget& budget, SessionClaim claim);

}  // namespace jemhead::engine
