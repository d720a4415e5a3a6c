#include "engine/session_budget.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/time.hpp"

namespace jemhead::engine {

boost::asio::awaitable<BudgetLease> acquire_session(ResourceBudget& budget, SessionClaim claim) {
  Micros wait = std::chrono::milliseconds(5);
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  for (;;) {
    if (auto lease = ResourceBudget::try_lease(budget, claim)) co_return std::move(*lease);
    timer.expires_after(wait);
    co_await timer.async_wait(boost::asio::use_awaitable);
    wait = std::min<Micros>(wait * 2, std::chrono::milliseconds(250));
  }
}

}  // namespace jemhead::engine
