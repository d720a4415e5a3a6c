#include "drivers/transport/bus.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <deque>
#include <map>
#include <mutex>

#include "drivers/transport/deadline_io.hpp"
#include "drivers/transport/silence.hpp"

namespace jemhead::transport {

namespace asio = boost::asio;
using std::chrono::duration_cast;
using std::chrono::microseconds;

ResponseMatcher ResponseMatcher::until(
    std::function<bool(std::span<const std::uint8_t>)> complete) {
  return {[complete = std::move(complete)](std::span<const std::uint8_t>,
                                           std::span<const std::uint8_t> received) {
            return complete(received);
          },
          {}};
}

ResponseMatcher ResponseMatcher::exact_length(std::size_t bytes) {
  return until(
      [bytes](std::span<const std::uint8_t> received) { return received.size() >= bytes; });
}

BusOptions rtu_bus_options(std::uint32_t baud) {
  BusOptions o;
  o.inter_frame_gap = rtu_inter_frame_gap(baud);
  return o;
}

namespace {

// Signals the waiting caller; thread-safe (the caller may run on another executor).
using DoneChannel = asio::experimental::concurrent_channel<void(boost::system::error_code)>;

struct Pending {
  Pending(asio::any_io_executor waiter, std::uint8_t a, std::vector<std::uint8_t> r,
          ResponseMatcher m, std::chrono::milliseconds t)
      : address(a), request(std::move(r)), matcher(std::move(m)), timeout(t), done(waiter, 1) {}

  std::uint8_t address;
  std::vector<std::uint8_t> request;
  ResponseMatcher matcher;
  std::chrono::milliseconds timeout;
  Clock::time_point enqueued = Clock::now();
  bool finished = false;  // on the strand: the result is final
  BusResult result;
  DoneChannel done;
};

using PendingPtr = std::shared_ptr<Pending>;

BusResult failure(TransportErrc code, std::string detail) {
  BusResult r;
  r.error = make_error_code(code);
  r.detail = std::move(detail);
  return r;
}

}  // namespace

struct Bus::Impl : std::enable_shared_from_this<Impl> {
  Impl(std::unique_ptr<Link> l, BusOptions o)
      : link(std::move(l)),
        options(o),
        description(link->describe()),
        strand(asio::make_strand(link->get_executor())),
        wake(strand) {}

  // ---- everything below runs on `strand` ----

  void enqueue(const PendingPtr& p) {
    if (closed) return finish(p, failure(TransportErrc::bus_closed, description));
    auto& queue = queues[p->address];
    if (queue.size() >= options.max_queued_per_address) {
      if (queue.empty()) queues.erase(p->address);
      return finish(p, failure(TransportErrc::queue_full,
                               description + ": address " + std::to_string(p->address)));
    }
    if (queue.empty()) turn_order.push_back(p->address);
    queue.push_back(p);
    update_queued(+1);
    wake.cancel();
  }

  // The caller stopped waiting. A queued request is dropped; one on the line finishes.
  void abandon(const PendingPtr& p) {
    {
      std::lock_guard lock(stats_mutex);
      ++counters.cancelled;
    }
    if (p->finished) return;
    auto it = queues.find(p->address);
    if (it == queues.end()) return;
    auto& queue = it->second;
    auto pos = std::find(queue.begin(), queue.end(), p);
    if (pos == queue.end()) return;  // on the line
    queue.erase(pos);
    update_queued(-1);
    p->finished = true;
    if (queue.empty()) {
      queues.erase(it);
      turn_order.erase(std::find(turn_order.begin(), turn_order.end(), p->address));
    }
  }

  void shut_down() {
    if (closed) return;
    closed = true;
    for (auto& [address, queue] : queues) {
      for (auto& p : queue) finish(p, failure(TransportErrc::bus_closed, description));
    }
    queues.clear();
    turn_order.clear();
    update_queued(-static_cast<long>(queued_now));
    link->close();
    wake.cancel();
  }

  // Round-robin: the address at the front of the turn order gets one transaction, then
  // goes to the back if it has more.
  PendingPtr next_turn() {
    if (turn_order.empty()) return nullptr;
    const auto address = turn_order.front();
    turn_order.pop_front();
    auto& queue = queues[address];
    auto p = queue.front();
    queue.pop_front();
    update_queued(-1);
    if (queue.empty()) {
      queues.erase(address);
    } else {
      turn_order.push_back(address);
    }
    return p;
  }

  void finish(const PendingPtr& p, BusResult result) {
    if (p->finished) return;
    p->finished = true;
    p->result = std::move(result);
    p->done.try_send(boost::system::error_code{});
  }

  void update_queued(long delta) {
    std::lock_guard lock(stats_mutex);
    queued_now = static_cast<std::size_t>(static_cast<long>(queued_now) + delta);
    counters.queued = queued_now;
    counters.max_queued = std::max(counters.max_queued, queued_now);
  }

  asio::awaitable<void> run() {
    auto keep_alive = shared_from_this();
    while (!closed) {
      auto p = next_turn();
      if (!p) {
        wake.expires_at(Clock::time_point::max());
        co_await wake.async_wait(detail::use_tuple);
        continue;
      }
      auto result = co_await transaction(*p);
      {
        std::lock_guard lock(stats_mutex);
        counters.link = link->stats();
      }
      finish(p, std::move(result));
    }
  }

  asio::awaitable<void> sleep_until(Clock::time_point when) {
    if (when <= Clock::now()) co_return;
    // `wake` doubles as the gap timer: close() cancels it, and enqueue() cancelling it only
    // shortens a wait that the loop below resumes.
    while (!closed && Clock::now() < when) {
      wake.expires_at(when);
      co_await wake.async_wait(detail::use_tuple);
    }
  }

  asio::awaitable<BusResult> transaction(Pending& p) {
    BusResult result;
    result.queued = duration_cast<microseconds>(Clock::now() - p.enqueued);
    co_await sleep_until(last_end + options.inter_frame_gap);
    if (closed) co_return failure(TransportErrc::bus_closed, description);

    try {
      if (!link->is_open()) co_await link->open();
      if (closed) co_return failure(TransportErrc::bus_closed, description);
      co_await discard_stale_input();

      const auto started = Clock::now();
      const Deadline deadline = started + p.timeout;
      {
        std::lock_guard lock(stats_mutex);
        ++counters.transactions;
      }
      co_await link->write_all(p.request, deadline);
      co_await receive(p, deadline, result);
      result.on_line = duration_cast<microseconds>(Clock::now() - started);
    } catch (const TransportError& e) {
      // A frame may be half-written or half-read: start the next turn on a fresh link.
      link->close();
      result.error = closed ? make_error_code(TransportErrc::bus_closed) : e.code();
      result.detail = e.what();
      std::lock_guard lock(stats_mutex);
      ++counters.link_errors;
    } catch (const std::exception& e) {  // a matcher that threw
      link->close();
      result.error = make_error_code(TransportErrc::io_error);
      result.detail = description + ": response matcher failed: " + e.what();
      std::lock_guard lock(stats_mutex);
      ++counters.link_errors;
    }
    last_end = Clock::now();
    co_return result;
  }

  asio::awaitable<void> receive(Pending& p, Deadline deadline, BusResult& result) {
    std::vector<std::uint8_t> received;
    std::array<std::uint8_t, 512> chunk{};
    const bool watch_silence = options.silence_timeout.count() > 0;
    SilenceDetector silence(options.silence_timeout);
    while (true) {
      const auto until = watch_silence ? silence.next_deadline(deadline) : deadline;
      const auto n = co_await link->read_some(chunk, until);
      const auto now = Clock::now();
      if (n > 0) {
        silence.on_bytes(now);
        const std::span<const std::uint8_t> got(chunk.data(), n);
        const auto room =
            options.max_response_bytes - std::min(options.max_response_bytes, received.size());
        received.insert(received.end(), got.begin(), got.begin() + std::min(room, n));
        if (p.matcher.on_bytes && p.matcher.on_bytes(got, received)) {
          result.response = std::move(received);
          std::lock_guard lock(stats_mutex);
          ++counters.completed;
          co_return;
        }
        continue;
      }
      if (now >= deadline) {
        result.response = std::move(received);
        result.error = make_error_code(TransportErrc::response_timeout);
        result.detail = description + ": address " + std::to_string(p.address) +
                        ": no complete response within " + std::to_string(p.timeout.count()) +
                        " ms";
        std::lock_guard lock(stats_mutex);
        ++counters.timeouts;
        co_return;
      }
      if (silence.silent(now)) {
        silence.reset();
        if (p.matcher.on_silence) p.matcher.on_silence();
        std::lock_guard lock(stats_mutex);
        ++counters.silences;
      }
    }
  }

  // Whatever arrived between transactions (a late answer) must not be taken for the next
  // response. Bounded so a babbling line cannot hold the bus here.
  asio::awaitable<void> discard_stale_input() {
    std::array<std::uint8_t, 512> scratch{};
    std::size_t discarded = 0;
    for (int i = 0; i < 16; ++i) {
      const auto n = co_await link->read_some(scratch, Clock::now());
      if (n == 0) break;
      discarded += n;
    }
    if (discarded) {
      std::lock_guard lock(stats_mutex);
      counters.stale_bytes_discarded += discarded;
    }
  }

  std::unique_ptr<Link> link;
  const BusOptions options;
  const std::string description;
  asio::strand<asio::any_io_executor> strand;
  asio::steady_timer wake;  // idle wait for work, and the inter-frame gap
  bool closed = false;
  Clock::time_point last_end{};
  std::map<std::uint8_t, std::deque<PendingPtr>> queues;
  std::deque<std::uint8_t> turn_order;  // addresses with queued requests, in turn order

  mutable std::mutex stats_mutex;  // counters are read from other threads
  BusStats counters;
  std::size_t queued_now = 0;
};

Bus::Bus(std::unique_ptr<Link> link, BusOptions options) {
  if (!link) throw std::invalid_argument("Bus needs a link");
  impl_ = std::make_shared<Impl>(std::move(link), options);
  asio::co_spawn(impl_->strand, impl_->run(), asio::detached);
}

Bus::~Bus() {
  close();
}

void Bus::close() {
  asio::post(impl_->strand, [impl = impl_] { impl->shut_down(); });
}

asio::awaitable<BusResult> Bus::transact(std::uint8_t address, std::vector<std::uint8_t> request,
                                         ResponseMatcher matcher,
                                         std::chrono::milliseconds timeout) {
  auto impl = impl_;
  if (address == 0 || address == 255) {
    {
      std::lock_guard lock(impl->stats_mutex);
      ++impl->counters.rejected;
    }
    co_return failure(
        TransportErrc::invalid_options,
        impl->description + ": address " + std::to_string(address) + " is outside 1-254");
  }
  auto pending = std::make_shared<Pending>(co_await asio::this_coro::executor, address,
                                           std::move(request), std::move(matcher), timeout);
  asio::post(impl->strand, [impl, pending] { impl->enqueue(pending); });
  auto [ec] = co_await pending->done.async_receive(detail::use_tuple);
  if (ec) {
    asio::post(impl->strand, [impl, pending] { impl->abandon(pending); });
    co_return failure(
        TransportErrc::cancelled,
        impl->description + ": address " + std::to_string(address) + ": caller stopped waiting");
  }
  if (pending->result.error == TransportErrc::queue_full ||
      pending->result.error == TransportErrc::bus_closed) {
    std::lock_guard lock(impl->stats_mutex);
    ++impl->counters.rejected;
  }
  co_return std::move(pending->result);
}

BusStats Bus::stats() const {
  std::lock_guard lock(impl_->stats_mutex);
  return impl_->counters;
}

std::string Bus::describe() const {
  return "bus on " + impl_->description;
}

}  // namespace jemhead::transport
