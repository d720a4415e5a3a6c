#pragma once
// The live connections of a server (net::HttpServer, smtp::SmtpServer) and their graceful
// stop, written once: a registry with ids that sessions join for as long as they run, the
// count that the connection limit and active_connections() read, and stop(): idle
// connections are interrupted at once, busy ones finish what is under way and then close,
// whatever remains after the grace period is closed, and the caller waits for the
// registry to drain.
//
// For the servers' .cpp files only: it brings in Asio, which public headers keep out.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace jemhead::net {

// What a server's connection offers the registry. All of it is used on the connection's
// own strand (executor()), where its session runs.
template <typename C>
concept StoppableConnection = requires(C c) {
  c.executor();
  { c.idle } -> std::convertible_to<bool>;  // waiting for the peer: safe to interrupt
  c.stop_requested = true;                  // finish what is under way, then close
  c.interrupt();                            // cancel pending I/O (the session says goodbye)
  c.close();                                // end the connection now
};

template <StoppableConnection Connection>
class ConnectionRegistry {
 public:
  // A session's place in the registry, held for as long as the session runs; leaving
  // wakes a stop() waiting for the registry to drain.
  class Membership {
   public:
    Membership(ConnectionRegistry& registry, std::uint64_t id) : registry_(registry), id_(id) {}
    ~Membership() { registry_.remove(id_); }
    Membership(const Membership&) = delete;
    Membership& operator=(const Membership&) = delete;

   private:
    ConnectionRegistry& registry_;
    std::uint64_t id_;
  };

  [[nodiscard]] Membership join(const std::shared_ptr<Connection>& c) {
    std::lock_guard lock(mutex_);
    const auto id = ++next_id_;
    connections_.emplace(id, c);
    return Membership(*this, id);
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
  }

  // True once stop() was called: sessions and accept loops check it.
  bool stopping() const { return stopping_; }

  // Graceful stop; safe from any thread and more than once. The first call marks the
  // registry stopping, runs `stop_accepting`, asks every connection to stop (idle ones are
  // interrupted now, busy ones finish their exchange first) and after `grace` closes those
  // still open; `owner` keeps the registry (and what the connections use) alive until
  // then. Every call then waits, up to grace + 1 s, for the connections to drain, unless
  // waiting would block the very threads that must do the work (or nobody runs `io`).
  template <typename StopAccepting>
  void stop(boost::asio::io_context& io, boost::asio::thread_pool& workers,
            std::chrono::milliseconds grace, std::shared_ptr<void> owner,
            StopAccepting stop_accepting) {
    if (!stopping_.exchange(true)) {
      stop_accepting();
      for (auto& c : live())
        boost::asio::post(c->executor(), [c] {
          c->stop_requested = true;
          if (c->idle) c->interrupt();
        });
      auto timer = std::make_shared<boost::asio::steady_timer>(io, grace);
      timer->async_wait([this, owner = std::move(owner), timer](boost::system::error_code) {
        for (auto& c : live()) boost::asio::post(c->executor(), [c] { c->close(); });
      });
    }
    if (io.stopped() || io.get_executor().running_in_this_thread() ||
        workers.get_executor().running_in_this_thread())
      return;
    std::unique_lock lock(mutex_);
    drained_.wait_for(lock, grace + std::chrono::seconds(1),
                      [this] { return connections_.empty(); });
  }

 private:
  void remove(std::uint64_t id) {
    {
      std::lock_guard lock(mutex_);
      connections_.erase(id);
    }
    drained_.notify_all();
  }

  std::vector<std::shared_ptr<Connection>> live() const {
    std::vector<std::shared_ptr<Connection>> out;
    std::lock_guard lock(mutex_);
    for (const auto& [id, weak] : connections_)
      if (auto c = weak.lock()) out.push_back(std::move(c));
    return out;
  }

  mutable std::mutex mutex_;
  std::condition_variable drained_;
  std::map<std::uint64_t, std::weak_ptr<Connection>> connections_;
  std::uint64_t next_id_ = 0;
  std::atomic<bool> stopping_{false};
};

}  // namespace jemhead::net
