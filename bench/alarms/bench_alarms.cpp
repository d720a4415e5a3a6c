// Alarm ingestion benchmark (issue 7):
//
//   bench_alarms [--seconds S] [--clients N]
//
// Sustained alarms per second into a real jemhead (SQLite, its web-alarm receiver and SMTP
// listener on loopback), each acknowledged only once durable, with the p50/p99
// acknowledgement latency; next to a baseline measured in the same run: the same requests,
// from the same clients, to a server in this process whose handler only reads the body and
// answers (net::HttpServer, smtp::SmtpServer). Three loads, S seconds each (default 3),
// N clients each (default 8), in this order:
// - alarms.http_json: the manual's sample-2 JSON, one event per POST;
// - alarms.smtp: one e-mail per event;
// - alarms.http_multipart_300k: a PQD notification with a ~300 KB PQDIF file. Last, because
//   jemhead goes on parsing the files it stored after the load ends (its parser thread
//   shares the database and the two cores), which would slow whatever ran next.
// Latency lines are "lower is better": their ratio is baseline / value.
// Afterwards every acknowledged alarm must be in jemhead's database (exit 1 otherwise).
// Targets: >= 1,000 JSON alarms/s and >= 300 SMTP messages/s on a 2-core machine.
#include <stdlib.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#pragma GCC diagnostic pop

#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

#include "api/smtp/smtp_server.hpp"
#include "bench/alarms/alarm_payloads.hpp"
#include "bench/alarms/http_load.hpp"
#include "bench/alarms/smtp_load.hpp"
#include "bench/flags.hpp"
#include "bench/report.hpp"
#include "net/http_server.hpp"
#include "storage/repository.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/loopback_port.hpp"

namespace {

using namespace jemhead;
using namespace jemhead::bench;

struct Args {
  double seconds = 3;
  std::size_t clients = 8;
};

Args parse_args(int argc, char** argv) {
  Args args;
  BenchFlags()
      .number("--seconds", args.seconds, 0.1, 3600)
      .number("--clients", args.clients, 1, 1000)
      .parse(argc, argv);
  return args;
}

// The three loads against one (host, ports) pair.
struct Targets {
  std::uint16_t http_port = 0;
  std::string http_path;
  std::uint16_t smtp_port = 0;
};

struct Results {
  LoadResult json, multipart, mail;
};

Results run_loads(const Args& args, const Targets& targets, const std::vector<std::string>& files,
                  std::size_t client_offset) {
  const auto duration = std::chrono::milliseconds(static_cast<std::int64_t>(args.seconds * 1000));
  Results r;
  HttpLoad json;
  json.port = targets.http_port;
  json.target = targets.http_path;
  json.content_type = "application/json";
  json.clients = args.clients;
  json.duration = duration;
  json.body_of = [&](std::size_t c, std::size_t n) { return json_alarm(client_offset + c, n); };
  r.json = run_http_load(json);

  SmtpLoad mail;
  mail.port = targets.smtp_port;
  mail.clients = args.clients;
  mail.duration = duration;
  mail.message_of = [&](std::size_t c, std::size_t n) { return mail_alarm(client_offset + c, n); };
  r.mail = run_smtp_load(mail);

  HttpLoad multipart = json;
  multipart.content_type = multipart_content_type();
  multipart.body_of = [&](std::size_t c, std::size_t n) {
    return multipart_alarm(client_offset + c, n, files);
  };
  r.multipart = run_http_load(multipart);
  return r;
}

Results run_baseline(const Args& args, const std::vector<std::string>& files) {
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  net::HttpServerOptions http_options;
  http_options.body_limit = 4 << 20;
  net::HttpServer http(io, http_options, [](const net::HttpRequest&) {
    net::HttpResponse response;
    response.body = "{}";
    return response;
  });
  http.start();
  smtp::SmtpServerOptions smtp_options;
  smtp_options.listen = {net::Endpoint{"127.0.0.1", 0}};
  smtp::SmtpServer smtp(io, smtp_options,
                        [](const smtp::ReceivedMail&) { return smtp::MailVerdict{}; });
  smtp.start();
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back([&io] { io.run(); });
  Targets targets{http.bound().at(0).port, "/ingest/web-alarm", smtp.bound().at(0).port};
  auto results = run_loads(args, targets, files, 0);
  http.stop();
  smtp.stop();
  work.reset();
  io.stop();
  for (auto& t : threads) t.join();
  return results;
}

std::string jemhead_config(const testing::TempDir& dir, const Targets& targets) {
  std::string extra = "fleet:\n  meters:\n    - {serial: \"";
  extra += kBenchMeterSerial;
  extra += "\", name: \"Bench meter\"}\n";
  extra += "alarms:\n  web:\n    enabled: true\n    listen: [\"127.0.0.1:";
  extra += std::to_string(targets.http_port);
  extra += "\"]\n    path: ";
  extra += targets.http_path;
  extra += "\n    allow_anonymous: true\n    body_limit_bytes: 4194304\n";
  extra += "  mail:\n    enabled: true\n    listen: [\"127.0.0.1:";
  extra += std::to_string(targets.smtp_port);
  extra += "\"]\n";
  return testing::daemon_config(dir, extra);
}

// Every alarm jemhead acknowledged, counted in its database after it stopped.
std::int64_t stored_alarms(const testing::TempDir& dir) {
  storage::SqliteOptions options;
  options.path = dir.path() + "/var/jemhead.db";
  auto repo = storage::open_sqlite(options);
  return repo->count_alarms(AlarmFilter{});
}

void report_pair(const std::string& name, const LoadResult& ours, const LoadResult& baseline,
                 const std::string& unit) {
  report(name, ours.per_second(), unit, baseline.per_second(),
         baseline.per_second() > 0 ? ours.per_second() / baseline.per_second() : 0);
  for (const auto& [label, q] : {std::pair{"ack_p50_ms", 0.5}, std::pair{"ack_p99_ms", 0.99}}) {
    const double value = ours.latency_ms(q);
    const double base = baseline.latency_ms(q);
    report(name + "." + label, value, "ms", base, value > 0 ? base / value : 0);
  }
  if (ours.refused > 0 || baseline.refused > 0)
    std::fprintf(stderr, "%s: %zu refused by jemhead (%s), %zu by the baseline (%s)\n",
                 name.c_str(), ours.refused, ours.first_error.c_str(), baseline.refused,
                 baseline.first_error.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse_args(argc, argv);
    std::fprintf(stderr, "generating PQDIF files for the multipart load...\n");
    const auto files = generate_distinct_pqdif_files(200, 300 * 1024);
    const auto baseline = run_baseline(args, files);

    testing::TempDir dir;
    Targets targets{testing::free_loopback_port(), "/ingest/web-alarm",
                    testing::free_loopback_port()};
    Results ours;
    {
      testing::Jemhead jemhead(dir, jemhead_config(dir, targets));
      // Client numbers distinct from the baseline's do not matter (another database), but
      // keep them apart anyway so a log line names one run.
      ours = run_loads(args, targets, files, 1000);
      if (jemhead.stop() != 0) throw std::runtime_error("jemhead did not stop cleanly");
    }
    report_pair("alarms.http_json", ours.json, baseline.json, "alarms/s");
    report_pair("alarms.http_multipart_300k", ours.multipart, baseline.multipart, "alarms/s");
    report_pair("alarms.smtp", ours.mail, baseline.mail, "messages/s");

    const auto acknowledged = static_cast<std::int64_t>(
        ours.json.acknowledged + ours.multipart.acknowledged + ours.mail.acknowledged);
    const auto stored = stored_alarms(dir);
    report("alarms.stored_of_acknowledged", static_cast<double>(stored), "alarms",
           static_cast<double>(acknowledged),
           acknowledged > 0 ? static_cast<double>(stored) / static_cast<double>(acknowledged) : 0);
    if (stored < acknowledged) {
      std::fprintf(stderr, "jemhead acknowledged %lld alarms but stored %lld\n",
                   static_cast<long long>(acknowledged), static_cast<long long>(stored));
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_alarms: %s\n", e.what());
    return 2;
  }
}
