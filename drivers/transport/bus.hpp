#pragma once
// Bus: many slaves (meter addresses 1-254) sharing one half-duplex line (an RS-485 port, or
// a terminal server carrying RTU over TCP). Exactly one request is on the line at a time.
//
// Scheduling: each address has its own FIFO queue and the bus serves the addresses with
// work round-robin, one transaction per turn, so a meter with a deep queue cannot starve
// the others: a request waits at most for the transaction in flight plus one transaction
// of each other active address. Between transactions the line is left quiet for the
// inter-frame gap. Each transaction has its own timeout, so a dead meter costs its timeout
// and nothing more.
//
// A transaction: wait for the turn and the gap, open the link if needed (a failed open
// fails only this request; the next one tries again), discard stale input (a late answer
// from a slave that already timed out), write the request, then hand every received chunk
// to the request's ResponseMatcher until it says the response is complete or the timeout
// passes. Write failures close the link so a half-sent frame cannot run into the next one.
//
// Threads: the bus runs on a strand of its link's executor; transact() may be called
// from any thread or executor. Cancellation: a caller that stops waiting (its coroutine is
// cancelled, e.g. by a parallel group or a cancellation signal) gets TransportErrc::cancelled
// at once. Its request is removed if still queued; if it is already on the line, the bus
// still lets that exchange finish (or time out) before the next one, so the line stays in
// step with the slaves.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "drivers/transport/link.hpp"

namespace jemhead::transport {

// How a transaction recognises its response. `on_bytes` gets each chunk as it arrives and
// every byte of the transaction so far (`received`, ending with `chunk`); it returns true
// when the response is complete. `on_silence` (optional) is called when the line stays
// quiet for BusOptions::silence_timeout after some bytes: an RTU decoder's on_silence().
struct ResponseMatcher {
  using OnBytes = std::function<bool(std::span<const std::uint8_t> chunk,
                                     std::span<const std::uint8_t> received)>;
  OnBytes on_bytes;
  std::function<void()> on_silence;

  // Complete when `complete(received)` is true.
  static ResponseMatcher until(std::function<bool(std::span<const std::uint8_t>)> complete);
  // Complete after exactly `bytes` bytes.
  static ResponseMatcher exact_length(std::size_t bytes);
};

struct BusResult {
  // Empty when the matcher accepted a response. Otherwise a TransportErrc:
  // response_timeout, cancelled, queue_full, bus_closed, invalid_options (bad address), or
  // the link's error (connection_refused, device_open_failed, write_timeout, ...).
  std::error_code error;
  std::string detail;                    // the error's message, naming the link
  std::vector<std::uint8_t> response;    // bytes received in this transaction (capped)
  std::chrono::microseconds queued{0};   // from transact() to the start of the turn
  std::chrono::microseconds on_line{0};  // from the write to the end of the transaction
  bool ok() const { return !error; }
};

struct BusOptions {
  // Quiet time between the end of one transaction and the next request. For RTU use
  // rtu_inter_frame_gap(baud) (see rtu_bus_options).
  std::chrono::microseconds inter_frame_gap{1750};
  // Quiet time after some response bytes that counts as silence (ResponseMatcher::
  // on_silence). Much longer than t3.5 on purpose: operating systems and USB adapters
  // deliver serial bytes in bursts up to ~16 ms apart, so a strict t3.5 would cut real
  // frames. 0 disables.
  std::chrono::milliseconds silence_timeout{50};
  std::size_t max_queued_per_address = 256;
  std::size_t max_response_bytes = 4096;  // bytes kept in BusResult::response
};

// Options for Modbus RTU at `baud`: the gap is t3.5.
BusOptions rtu_bus_options(std::uint32_t baud);

struct BusStats {
  std::uint64_t transactions = 0;  // requests that were written to the line
  std::uint64_t completed = 0;     // ... and got a complete response
  std::uint64_t timeouts = 0;
  std::uint64_t link_errors = 0;  // open / write / read failures
  std::uint64_t cancelled = 0;    // callers that stopped waiting
  std::uint64_t rejected = 0;     // queue_full, invalid address, bus closed
  std::uint64_t stale_bytes_discarded = 0;
  std::uint64_t silences = 0;  // on_silence calls
  std::size_t queued = 0;      // requests waiting now
  std::size_t max_queued = 0;  // high-water mark of `queued`
  LinkStats link;              // the link's counters after the last transaction
};

class Bus {
 public:
  Bus(std::unique_ptr<Link> link, BusOptions options);
  ~Bus();  // close()
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;

  // Queues `request` for slave `address` (1-254) and waits for its turn and its response.
  // `timeout` runs from the start of the write. Never throws for transport failures:
  // they are in BusResult::error.
  boost::asio::awaitable<BusResult> transact(std::uint8_t address,
                                             std::vector<std::uint8_t> request,
                                             ResponseMatcher matcher,
                                             std::chrono::milliseconds timeout);

  // Fails every queued request with bus_closed, aborts the one on the line, closes the
  // link. Idempotent; safe from any thread.
  void close();

  BusStats stats() const;  // thread-safe snapshot
  std::string describe() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace jemhead::transport
