#include "service/daemon.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

// GCC 12 at -O2 reports -Wnull-dereference false positives inside Asio's executor
// comparison (io_context.hpp); silence them for Asio's headers only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#pragma GCC diagnostic pop
#include <prometheus/registry.h>

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

#include "api/meter_access.hpp"
#include "api/rest_api.hpp"
#include "drivers/builtin_drivers.hpp"
#include "engine/collection_engine.hpp"
#include "engine/config_push_runner.hpp"
#include "engine/pqdif_parser.hpp"
#include "engine/webhook_dispatcher.hpp"
#include "net/http_server.hpp"
#include "net/open_files.hpp"
#include "service/alarm_receivers.hpp"
#include "service/fleet_apply.hpp"
#include "service/listen_address.hpp"
#include "service/logging.hpp"
#include "service/pqdif_drop_watcher.hpp"
#include "service/process_memory.hpp"
#include "service/ready_file.hpp"
#include "service/version.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace jemhead::service {

namespace asio = boost::asio;

namespace {

net::HttpResponse metrics_disabled() {
  net::HttpResponse r;
  r.status = 404;
  r.content_type = "application/problem+json";
  r.body =
      R"json({"type":"about:blank","title":"Not Found","status":404,)json"
      R"json("detail":"metrics are disabled in the configuration (metrics.enabled: false)"})json";
  return r;
}

}  // namespace

struct Daemon::Impl {
  explicit Impl(Config c) : config(std::move(c)), log(component_logger("service")) {}

  Config config;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<storage::Repository> repo;
  std::shared_ptr<storage::FileStore> pqdif_files;    // PQDIF originals, <data_dir>/pqdif
  std::shared_ptr<engine::PqdifParser> pqdif_parser;  // stored files -> observations, own thread
  std::shared_ptr<prometheus::Registry> registry;
  std::unique_ptr<api::RestApi> api;
  // Declared before the io_context so sessions still unwinding on it never outlive it.
  drivers::DriverRegistry drivers;
  asio::io_context io;
  std::shared_ptr<engine::CollectionEngine> collection;
  std::shared_ptr<engine::ConfigPushRunner> config_push;  // issue 8: pushes and read-backs
  std::unique_ptr<PqdifDropWatcher> pqdif_drop;           // after io: its descriptor lives there
  std::unique_ptr<AlarmReceivers> alarms;                 // after io: its listeners live there
  std::unique_ptr<asio::signal_set> signals;
  std::unique_ptr<net::HttpServer> server;
  std::vector<std::thread> threads;
  std::vector<std::string> urls;
  std::vector<std::string> web_alarm_urls;  // where meters POST alarms, when enabled
  std::vector<std::string> smtp_addresses;  // where meters mail alarms, when enabled
  bool ready_file_written = false;

  std::mutex mutex;
  std::condition_variable changed;
  bool stop_requested = false;

  ~Impl() {
    // Only reached without run_until_stopped(), e.g. when start() failed half-way.
    if (pqdif_drop) pqdif_drop->stop();
    if (collection) collection->stop(std::chrono::milliseconds{0});
    if (config_push) config_push->stop();
    if (server) server->stop(std::chrono::milliseconds{0});
    if (alarms) alarms->stop(std::chrono::milliseconds{0});
    io.stop();
    join_threads();
    // The API holds the engine too; both go before the io_context their timers live on.
    server.reset();
    alarms.reset();
    api.reset();
    collection.reset();
    if (pqdif_parser) pqdif_parser->stop();  // before the repository it writes to
    if (repo) repo->close();
    if (ready_file_written) remove_ready_file(config.ready_file);
  }

  void open_storage() {
    std::filesystem::create_directories(config.data_dir);
    storage::SqliteOptions options;
    options.path = config.sqlite_path();
    options.synchronous_full = config.storage.sqlite.synchronous == SqliteSynchronous::full;
    repo = storage::open_sqlite(options);
    log->info("storage: sqlite {} (schema version {})", options.path, repo->schema_version());
    pqdif_files = std::make_shared<storage::FileStore>(config.data_dir / "pqdif");
  }

  void apply_fleet_section() {
    const auto& fleet = config.fleet;
    if (fleet.groups.empty() && fleet.meters.empty()) return;
    const std::string actor = "config:" + (config.source.empty() ? "defaults" : config.source);
    const auto stats = apply_fleet(*repo, fleet, actor);
    component_logger("fleet")->info("fleet from configuration applied: {}", stats.summary());
    config.fleet = {};  // in the database now; a big fleet section need not stay in memory
  }

  // Meter I/O runs as coroutines on the I/O threads: scheduled collection and the API's
  // reads both go through the same drivers.
  void create_engine() {
    registry = std::make_shared<prometheus::Registry>();
    drivers::register_builtin_drivers(drivers);
    collection = std::make_shared<engine::CollectionEngine>(
        *repo, drivers, io.get_executor(), config.engine, registry, component_logger("engine"));
  }

  // Configuration pushes and read-backs (issue 8): the same drivers, I/O threads and
  // session budget as collection; drift alarms go through the alarm store.
  void create_config_push() {
    engine::ConfigPushOptions options;
    options.alarm_files = pqdif_files;
    options.notify_webhooks = [this] {
      if (alarms)
        if (auto w = alarms->webhooks()) w->notify();
    };
    config_push = std::make_shared<engine::ConfigPushRunner>(
        *repo, drivers, io.get_executor(), &collection->budget(), std::move(options),
        component_logger("config"));
    auto pushes = config_push;
    collection->set_status_observer([pushes](std::int64_t meter_id, const StatusSnapshot& s) {
      pushes->status_observed(meter_id, s);
    });
  }

  void start_http() {
    api::ApiOptions api_options;
    api_options.tokens = config.api.tokens;
    api_options.version = kVersion;
    // API handlers wait for meter I/O they start; "run now" hands work to the engine.
    api_options.meter_access = std::make_shared<api::MeterAccess>(
        drivers, io.get_executor(), std::chrono::minutes(2), &collection->budget());
    api_options.engine = collection;
    api_options.pqdif_files = pqdif_files;
    api_options.pqdif_parser = pqdif_parser;
    api_options.webhooks = alarms->webhooks();
    api_options.config_push = config_push;
    api = std::make_unique<api::RestApi>(*repo, std::move(api_options), registry);
    if (config.api.tokens.empty())
      log->warn("no API tokens configured: every route except /health answers 401");

    net::HttpServerOptions options;
    options.listen = config.api.listen;
    options.body_limit = config.api.body_limit_bytes;
    options.handler_threads = config.api.handler_threads;
    const bool metrics_enabled = config.metrics.enabled;
    api::RestApi* rest = api.get();
    auto access_log = component_logger("http");
    auto handler = [rest, metrics_enabled, access_log](const net::HttpRequest& request) {
      const auto started = std::chrono::steady_clock::now();
      net::HttpResponse response = !metrics_enabled && request.path == "/metrics"
                                       ? metrics_disabled()
                                       : rest->handle(request);
      // Method, path and status only: headers carry tokens, bodies may carry secrets.
      if (access_log->should_log(spdlog::level::debug)) {
        const std::chrono::duration<double, std::milli> took =
            std::chrono::steady_clock::now() - started;
        access_log->debug("{} {} {} {} {:.2f} ms", request.peer_address,
                          log_safe(request.method, 16), log_safe(request.path), response.status,
                          took.count());
      }
      return response;
    };
    server = std::make_unique<net::HttpServer>(io, std::move(options), std::move(handler));
    server->start();
    for (const auto& ep : server->bound()) urls.push_back(http_url(ep));
    for (const auto& url : urls) log->info("API listening on {}", url);
  }

  // Files pushed by SCP/FTP into the configured drop directories (issue 6).
  void start_pqdif_drop() {
    if (config.pqdif.drop.directories.empty()) return;
    // A new row wakes the parser (started before, so nothing stored here waits for it).
    auto parser = pqdif_parser;
    pqdif_drop = std::make_unique<PqdifDropWatcher>(io, *repo, *pqdif_files, config.pqdif.drop,
                                                    registry, component_logger("pqdif"),
                                                    [parser](const PqdifStoredFile&, bool created) {
                                                      if (created && parser) parser->notify();
                                                    });
    pqdif_drop->start();
  }

  // Parses stored PQDIF files on its own thread: what was left pending now, then each file
  // as it is ingested (notify()).
  void start_pqdif_parser() {
    pqdif_parser =
        std::make_shared<engine::PqdifParser>(*repo, pqdif_files, component_logger("pqdif"));
    pqdif_parser->start();
  }

  // Scheduled and "run now" PQDIF pulls (SFTP/HTTP) store into the same file store and
  // wake the parser for each new file.
  void wire_pqdif_pull() {
    auto parser = pqdif_parser;
    collection->set_pqdif_retrieval({pqdif_files, [parser] {
                                       if (parser) parser->notify();
                                     }});
  }

  // Web and mail alarm receivers and the webhook dispatcher (issue 7). Created before the
  // API (its webhook routes wake the dispatcher), started after it.
  void create_alarms() {
    AlarmWiring wiring;
    wiring.repo = repo.get();
    wiring.pqdif_files = pqdif_files;
    wiring.engine = collection;
    wiring.drivers = &drivers;
    auto parser = pqdif_parser;
    wiring.pqdif_stored = [parser] {
      if (parser) parser->notify();
    };
    wiring.metrics = registry;
    auto pushes = config_push;
    wiring.config_readback = [pushes](std::int64_t meter_id) {
      return pushes->queue_readback(meter_id, "cfg_alarm");
    };
    alarms = std::make_unique<AlarmReceivers>(io, config.alarms, std::move(wiring));
  }

  void start_alarms() {
    alarms->start();
    for (const auto& url : alarms->web_urls()) web_alarm_urls.push_back(url);
    for (const auto& a : alarms->smtp_addresses()) smtp_addresses.push_back(a);
  }

  void watch_signals() {
    signals = std::make_unique<asio::signal_set>(io, SIGINT, SIGTERM);
    signals->async_wait([this](const boost::system::error_code& ec, int signal_number) {
      if (ec) return;  // cancelled during shutdown
      log->info("received {}, shutting down", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
      request_stop();
    });
  }

  void start_threads() {
    for (std::size_t i = 0; i < config.threads; ++i) {
      threads.emplace_back([this] {
        try {
          io.run();
        } catch (const std::exception& e) {
          // A handler escaping with an exception is a bug; stop rather than limp on.
          log->critical("I/O thread failed: {}", e.what());
          request_stop();
        }
      });
    }
  }

  void write_ready() {
    if (config.ready_file.empty()) return;
    write_ready_file(config.ready_file,
                     ready_file_json(::getpid(), kVersion, urls,
                                     {{"web_alarms", web_alarm_urls}, {"smtp", smtp_addresses}}));
    ready_file_written = true;
    log->info("ready file written: {}", config.ready_file);
  }

  void request_stop() {
    std::lock_guard lock(mutex);
    stop_requested = true;
    changed.notify_all();
  }

  // The server closes its listeners in handlers it posts; io.stop() may have come first.
  // Run whatever is ready (not the timers) so no socket stays open, accepting into the
  // backlog, until the process exits.
  void close_listeners_now() {
    try {
      signals.reset();
      io.restart();
      io.poll();
    } catch (const std::exception& e) {
      log->warn("while closing listeners: {}", e.what());
    }
  }

  void join_threads() {
    for (auto& t : threads)
      if (t.joinable()) t.join();
    threads.clear();
  }

  void shutdown(std::chrono::milliseconds grace) {
    log->info("stopping: no new jobs, finishing the ones running");
    // Jobs still running commit what they read within the grace period (needs the I/O
    // threads); what is cut short is collected again after the restart.
    if (collection) collection->stop(grace);
    // Pushes and read-backs running finish (bounded by their deadline); queued ones stay
    // queued in storage and resume at the next start.
    if (config_push) config_push->stop();
    // The file being stored finishes; the rest stays in the drop directory for the next start.
    if (pqdif_drop) pqdif_drop->stop();
    log->info("stopping: no new connections, finishing requests in flight");
    // From this (non-I/O) thread: stop() closes the listeners and returns once every
    // connection has written its last response (or the grace period is over), which
    // needs the I/O threads still running.
    if (server) {
      server->stop(grace);
      if (const auto open = server->active_connections())
        log->warn("{} connection(s) still open after the grace period; closing them", open);
    }
    // Alarms being stored finish and are answered; then the webhook dispatcher stops.
    if (alarms) alarms->stop(grace);
    // Nothing is in flight any more; what is left on the io_context (the signal wait,
    // the server's grace timer) can be dropped.
    io.stop();
    join_threads();
    close_listeners_now();
    server.reset();
    alarms.reset();
    api.reset();
    collection.reset();
    if (pqdif_parser) pqdif_parser->stop();  // before the repository it writes to
    if (repo) repo->close();
    if (ready_file_written) {
      remove_ready_file(config.ready_file);
      ready_file_written = false;
    }
    log->info("stopped");
    log->flush();
  }
};

Daemon::Daemon(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}

Daemon::~Daemon() = default;

void Daemon::start() {
  impl_->log->info("jemhead {} starting (data_dir {}, {} I/O threads)", kVersion,
                   impl_->config.data_dir.string(), impl_->config.threads);
  limit_malloc_arenas(2);
  net::raise_open_file_limit();
  impl_->open_storage();
  impl_->apply_fleet_section();
  return_free_memory();  // what parsing and applying a large fleet section left behind
  impl_->create_engine();
  impl_->start_pqdif_parser();
  impl_->wire_pqdif_pull();
  impl_->create_config_push();
  impl_->create_alarms();
  impl_->start_http();
  impl_->start_alarms();
  impl_->watch_signals();
  impl_->start_threads();
  impl_->collection->start();
  impl_->config_push->start();
  impl_->start_pqdif_drop();
  return_free_memory();  // and what building the collection plan for the fleet did
  impl_->write_ready();
}

std::vector<std::string> Daemon::api_urls() const {
  return impl_->urls;
}

void Daemon::request_stop() {
  impl_->request_stop();
}

void Daemon::run_until_stopped(std::chrono::milliseconds grace) {
  {
    std::unique_lock lock(impl_->mutex);
    impl_->changed.wait(lock, [&] { return impl_->stop_requested; });
  }
  impl_->shutdown(grace);
}

}  // namespace jemhead::service
