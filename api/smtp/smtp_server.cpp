#include "api/smtp/smtp_server.hpp"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include "api/smtp/smtp_session.hpp"
#include "net/connection_registry.hpp"
#include "net/listeners.hpp"

namespace jemhead::smtp {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {

// A client refused for want of a slot, or told we are going down, gets this long to read
// its 421 before the socket is closed anyway.
constexpr auto kFarewellTime = std::chrono::seconds(5);
constexpr std::size_t kReadChunk = 16 * 1024;

// One accepted socket. The plain and the TLS phase share one stream object: before
// STARTTLS the socket under the ssl::stream is used directly, afterwards the ssl::stream,
// so the conversation has a single code path. Everything here runs on the socket's strand.
struct Connection : std::enable_shared_from_this<Connection> {
  Connection(tcp::socket socket, ssl::context& context)
      : stream(std::move(socket), context), timer(stream.get_executor()) {}

  ssl::stream<tcp::socket> stream;
  asio::steady_timer timer;
  std::uint64_t timer_generation = 0;
  bool tls = false;
  bool timed_out = false;       // the last deadline expired (and cancelled the I/O)
  bool idle = false;            // waiting for a command: safe to interrupt at stop()
  bool stop_requested = false;  // finish what is under way, say 421, close

  tcp::socket& socket() { return stream.next_layer(); }
  auto executor() { return stream.get_executor(); }
  void interrupt() {
    error_code ignored;
    socket().cancel(ignored);
  }

  // The deadline cancels (not closes) the socket's I/O, so a 421 can still be written.
  void arm(Clock::time_point deadline) {
    const auto generation = ++timer_generation;
    timed_out = false;
    timer.expires_at(deadline);
    timer.async_wait([self = shared_from_this(), generation](error_code ec) {
      if (ec || generation != self->timer_generation) return;
      self->timed_out = true;
      error_code ignored;
      self->socket().cancel(ignored);
    });
  }
  void disarm() {
    ++timer_generation;
    timer.cancel();
  }
  void close() {
    disarm();
    error_code ignored;
    socket().shutdown(tcp::socket::shutdown_both, ignored);
    socket().close(ignored);
  }
};

asio::awaitable<std::size_t> read_some(std::shared_ptr<Connection> c, asio::mutable_buffer buffer,
                                       Clock::time_point deadline, error_code* ec) {
  c->arm(deadline);
  std::size_t n = 0;
  if (c->tls) {
    auto op = c->stream.async_read_some(buffer, asio::redirect_error(asio::use_awaitable, *ec));
    n = co_await std::move(op);
  } else {
    auto op = c->socket().async_read_some(buffer, asio::redirect_error(asio::use_awaitable, *ec));
    n = co_await std::move(op);
  }
  c->disarm();
  co_return n;
}

asio::awaitable<void> write_all(std::shared_ptr<Connection> c, std::string bytes,
                                Clock::time_point deadline, error_code* ec) {
  c->arm(deadline);
  if (c->tls) {
    auto op = asio::async_write(c->stream, asio::buffer(bytes),
                                asio::redirect_error(asio::use_awaitable, *ec));
    co_await std::move(op);
  } else {
    auto op = asio::async_write(c->socket(), asio::buffer(bytes),
                                asio::redirect_error(asio::use_awaitable, *ec));
    co_await std::move(op);
  }
  c->disarm();
}

asio::awaitable<void> handshake(std::shared_ptr<Connection> c, Clock::time_point deadline,
                                error_code* ec) {
  c->arm(deadline);
  auto op = c->stream.async_handshake(ssl::stream_base::server,
                                      asio::redirect_error(asio::use_awaitable, *ec));
  co_await std::move(op);
  c->disarm();
}

// The sink may block on the database: it runs on the worker pool, never on an io thread.
// A sink that throws has not made the message durable, so the client is asked to retry.
asio::awaitable<MailVerdict> run_sink(const MailSink* sink, std::shared_ptr<ReceivedMail> mail) {
  try {
    co_return (*sink)(*mail);
  } catch (...) {
    co_return MailVerdict{451, "Local error in processing"};
  }
}

}  // namespace

struct SmtpServer::Impl : std::enable_shared_from_this<SmtpServer::Impl> {
  Impl(asio::io_context& context, SmtpServerOptions opts, MailSink s)
      : io(context),
        options(std::move(opts)),
        sink(std::move(s)),
        workers(std::max<std::size_t>(1, options.sink_threads)),
        acceptor_strand(asio::make_strand(context)),
        tls_context(ssl::context::tls_server) {}

  asio::io_context& io;
  const SmtpServerOptions options;
  const MailSink sink;
  asio::thread_pool workers;
  asio::strand<asio::io_context::executor_type> acceptor_strand;
  ssl::context tls_context;  // certificate loaded in start() when STARTTLS is configured
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;

  mutable std::mutex mutex;  // guards bound_endpoints
  std::vector<net::Endpoint> bound_endpoints;
  net::ConnectionRegistry<Connection> connections;

  void load_certificate();
  void start();
  void stop(std::chrono::milliseconds grace);

  static asio::awaitable<void> accept_loop(std::shared_ptr<Impl> self, tcp::acceptor* acceptor);
  static asio::awaitable<void> refuse(std::shared_ptr<Connection> c, std::string reply);
  static asio::awaitable<void> serve(std::shared_ptr<Impl> self, std::shared_ptr<Connection> c,
                                     std::string peer);
};

void SmtpServer::Impl::load_certificate() {
  if (options.certificate_file.empty() || options.private_key_file.empty()) return;
  tls_context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                          ssl::context::no_sslv3);
  error_code ec;
  tls_context.use_certificate_chain_file(options.certificate_file, ec);
  if (ec)
    throw std::runtime_error("SMTP: cannot load certificate '" + options.certificate_file +
                             "': " + ec.message());
  tls_context.use_private_key_file(options.private_key_file, ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error("SMTP: cannot load private key '" + options.private_key_file +
                             "': " + ec.message());
}

void SmtpServer::Impl::start() {
  load_certificate();
  auto listeners = net::open_listeners(acceptor_strand, options.listen, "SMTP");
  acceptors = std::move(listeners.acceptors);
  {
    std::lock_guard lock(mutex);
    bound_endpoints = std::move(listeners.bound);
  }
  for (auto& acceptor : acceptors)
    asio::co_spawn(acceptor_strand, accept_loop(shared_from_this(), acceptor.get()),
                   asio::detached);
}

asio::awaitable<void> SmtpServer::Impl::accept_loop(std::shared_ptr<Impl> self,
                                                    tcp::acceptor* acceptor) {
  for (;;) {
    error_code ec;
    auto op = acceptor->async_accept(asio::make_strand(self->io),
                                     asio::redirect_error(asio::use_awaitable, ec));
    tcp::socket socket = co_await std::move(op);
    if (self->connections.stopping() || ec == asio::error::operation_aborted ||
        !acceptor->is_open())
      co_return;
    if (ec) {
      // Out of descriptors or similar: back off instead of spinning.
      asio::steady_timer pause(self->acceptor_strand, std::chrono::milliseconds(50));
      auto wait = pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      co_await std::move(wait);
      continue;
    }
    auto peer_endpoint = socket.remote_endpoint(ec);
    std::string peer = ec ? std::string{} : peer_endpoint.address().to_string();
    auto connection = std::make_shared<Connection>(std::move(socket), self->tls_context);
    const bool full = self->connections.size() >= self->options.max_connections;
    auto executor = connection->stream.get_executor();
    if (full) {
      std::string reply =
          SmtpReply{421, self->options.hostname + " Too many connections, try again later"}.wire();
      asio::co_spawn(executor, refuse(std::move(connection), std::move(reply)), asio::detached);
      continue;
    }
    asio::co_spawn(executor, serve(self, std::move(connection), std::move(peer)), asio::detached);
  }
}

asio::awaitable<void> SmtpServer::Impl::refuse(std::shared_ptr<Connection> c, std::string reply) {
  error_code ec;
  auto op = write_all(c, std::move(reply), Clock::now() + kFarewellTime, &ec);
  co_await std::move(op);
  c->close();
}

asio::awaitable<void> SmtpServer::Impl::serve(std::shared_ptr<Impl> self,
                                              std::shared_ptr<Connection> c, std::string peer) {
  const auto membership = self->connections.join(c);

  const auto& options = self->options;
  SmtpSession session(options, std::move(peer));
  error_code ec;
  SessionOutput out;
  out.replies = session.greeting();
  std::array<char, kReadChunk> buffer{};
  bool in_data = false;
  Clock::time_point data_deadline{};

  for (;;) {
    if (!out.replies.empty()) {
      auto write =
          write_all(c, std::move(out.replies), Clock::now() + options.command_timeout, &ec);
      co_await std::move(write);
      if (ec) break;
    }
    if (out.action == SessionAction::close) break;
    if (out.action == SessionAction::deliver) {
      // The client waits for the verdict: 250 only once the sink made the message durable.
      auto mail = std::make_shared<ReceivedMail>(std::move(*out.mail));
      auto verdict_op = asio::co_spawn(self->workers.get_executor(),
                                       run_sink(&self->sink, std::move(mail)), asio::use_awaitable);
      const MailVerdict verdict = co_await std::move(verdict_op);
      out = session.delivered(verdict);
      continue;
    }
    if (out.action == SessionAction::start_tls) {
      auto op = handshake(c, Clock::now() + options.command_timeout, &ec);
      co_await std::move(op);
      if (ec) break;
      c->tls = true;
      out = session.tls_started();
      continue;
    }

    if (self->connections.stopping() || c->stop_requested) {
      auto bye = write_all(c, session.shutting_down(), Clock::now() + kFarewellTime, &ec);
      co_await std::move(bye);
      break;
    }
    // A command gets command_timeout each; the whole DATA phase gets data_timeout.
    Clock::time_point deadline = Clock::now() + options.command_timeout;
    if (session.in_data()) {
      if (!in_data) data_deadline = Clock::now() + options.data_timeout;
      deadline = data_deadline;
    }
    in_data = session.in_data();
    c->idle = !in_data;
    auto read = read_some(c, asio::buffer(buffer), deadline, &ec);
    const std::size_t n = co_await std::move(read);
    c->idle = false;
    if (ec) {
      std::string farewell;
      if (c->timed_out) {
        farewell = session.timed_out();
      } else if (ec == asio::error::operation_aborted &&
                 (self->connections.stopping() || c->stop_requested)) {
        farewell = session.shutting_down();
      }
      if (!farewell.empty()) {
        auto bye = write_all(c, std::move(farewell), Clock::now() + kFarewellTime, &ec);
        co_await std::move(bye);
      }
      break;
    }
    out = session.feed(std::string_view(buffer.data(), n));
  }
  c->close();
}

// Connections waiting for a command are told 421 now; one in DATA or waiting for the sink
// finishes that message first (its client gets its verdict), then hears 421.
void SmtpServer::Impl::stop(std::chrono::milliseconds grace) {
  auto self = shared_from_this();
  connections.stop(io, workers, grace, self, [self] {
    asio::post(self->acceptor_strand, [self] {
      error_code ec;
      for (auto& a : self->acceptors) a->close(ec);
    });
  });
}

SmtpServer::SmtpServer(boost::asio::io_context& io, SmtpServerOptions options, MailSink sink)
    : impl_(std::make_shared<Impl>(io, std::move(options), std::move(sink))) {}

SmtpServer::~SmtpServer() {
  impl_->stop(std::chrono::milliseconds(0));
  // Sinks still running finish before the objects they use go away.
  impl_->workers.join();
}

void SmtpServer::start() {
  impl_->start();
}

std::vector<net::Endpoint> SmtpServer::bound() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->bound_endpoints;
}

void SmtpServer::stop(std::chrono::milliseconds grace) {
  impl_->stop(grace);
}

std::size_t SmtpServer::active_connections() const {
  return impl_->connections.size();
}

}  // namespace jemhead::smtp
