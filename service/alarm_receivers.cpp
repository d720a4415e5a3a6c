#include "service/alarm_receivers.hpp"

// GCC 12 reports -Wnull-dereference false positives inside Asio's headers (see daemon.cpp).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#pragma GCC diagnostic pop

#include <spdlog/spdlog.h>

#include "api/alarm_intake.hpp"
#include "api/mail_alarm_sink.hpp"
#include "api/smtp/smtp_server.hpp"
#include "api/web_alarm_endpoint.hpp"
#include "engine/webhook_dispatcher.hpp"
#include "net/http_server.hpp"
#include "service/listen_address.hpp"
#include "service/logging.hpp"

namespace jemhead::service {

struct AlarmReceivers::Impl {
  Impl(boost::asio::io_context& i, AlarmsConfig c, AlarmWiring w)
      : io(i), config(std::move(c)), wiring(std::move(w)), log(component_logger("alarms")) {
    engine::WebhookOptions options;
    options.retry_delays = config.webhooks.retry_delays;
    options.request_timeout = config.webhooks.request_timeout;
    dispatcher = std::make_shared<engine::WebhookDispatcher>(*wiring.repo, options, wiring.metrics);
  }

  boost::asio::io_context& io;
  AlarmsConfig config;
  AlarmWiring wiring;
  std::shared_ptr<spdlog::logger> log;
  std::shared_ptr<engine::WebhookDispatcher> dispatcher;
  std::unique_ptr<api::AlarmIntake> intake;
  std::unique_ptr<api::WebAlarmEndpoint> web_endpoint;
  std::unique_ptr<net::HttpServer> web_server;
  std::unique_ptr<smtp::SmtpServer> smtp_server;
  bool stopped = false;

  void create_intake() {
    api::AlarmIntakeOptions options;
    options.resolver.identity_keys = config.identity_keys;
    options.engine = wiring.engine;
    options.drivers = wiring.drivers;
    auto* d = dispatcher.get();
    options.notify_webhooks = [d] { d->notify(); };
    options.pqdif_stored = wiring.pqdif_stored;
    options.config_readback = wiring.config_readback;
    intake = std::make_unique<api::AlarmIntake>(*wiring.repo, wiring.pqdif_files,
                                                std::move(options), wiring.metrics, log);
  }

  void start_web() {
    const auto& web = config.web;
    api::WebAlarmOptions options;
    options.path = web.path;
    options.senders = web.senders;
    web_endpoint = std::make_unique<api::WebAlarmEndpoint>(*intake, std::move(options));
    net::HttpServerOptions server;
    server.listen = web.listen;
    server.tls = web.tls;
    server.body_limit = web.body_limit_bytes;
    server.handler_threads = web.handler_threads;
    web_server = std::make_unique<net::HttpServer>(io, std::move(server), web_endpoint->handler());
    web_server->start();
    for (const auto& url : web_urls()) log->info("web alarms accepted at POST {}", url);
  }

  void start_mail() {
    const auto& mail = config.mail;
    smtp::SmtpServerOptions options;
    options.listen = mail.listen;
    options.hostname = mail.hostname;
    options.certificate_file = mail.certificate_file;
    options.private_key_file = mail.private_key_file;
    options.require_tls = mail.require_tls;
    options.users = mail.users;
    options.require_auth = mail.require_auth;
    options.max_message_bytes = mail.max_message_bytes;
    options.max_recipients = mail.max_recipients;
    options.max_connections = mail.max_connections;
    smtp_server = std::make_unique<smtp::SmtpServer>(io, std::move(options),
                                                     api::make_mail_alarm_sink(*intake));
    smtp_server->start();
    for (const auto& a : smtp_addresses()) log->info("alarm e-mail accepted by SMTP on {}", a);
  }

  std::vector<std::string> web_urls() const {
    std::vector<std::string> out;
    if (!web_server) return out;
    for (const auto& ep : web_server->bound()) {
      std::string url = config.web.tls ? "https://" : "http://";
      url += listen_address_text(ep);
      url += config.web.path;
      out.push_back(std::move(url));
    }
    return out;
  }

  std::vector<std::string> smtp_addresses() const {
    std::vector<std::string> out;
    if (smtp_server)
      for (const auto& ep : smtp_server->bound()) out.push_back(listen_address_text(ep));
    return out;
  }
};

AlarmReceivers::AlarmReceivers(boost::asio::io_context& io, AlarmsConfig config, AlarmWiring wiring)
    : impl_(std::make_unique<Impl>(io, std::move(config), std::move(wiring))) {}

AlarmReceivers::~AlarmReceivers() {
  stop(std::chrono::milliseconds{0});
}

void AlarmReceivers::start() {
  impl_->dispatcher->start();
  impl_->create_intake();
  if (impl_->config.web.enabled) impl_->start_web();
  if (impl_->config.mail.enabled) impl_->start_mail();
}

std::shared_ptr<engine::WebhookDispatcher> AlarmReceivers::webhooks() const {
  return impl_->dispatcher;
}

std::vector<std::string> AlarmReceivers::web_urls() const {
  return impl_->web_urls();
}

std::vector<std::string> AlarmReceivers::smtp_addresses() const {
  return impl_->smtp_addresses();
}

void AlarmReceivers::stop(std::chrono::milliseconds grace) {
  auto& d = *impl_;
  if (d.stopped) return;
  d.stopped = true;
  if (d.web_server) d.web_server->stop(grace);
  if (d.smtp_server) d.smtp_server->stop(grace);
  if (d.dispatcher) d.dispatcher->stop();
}

}  // namespace jemhead::service
