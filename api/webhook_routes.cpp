// Outbound webhooks (issue 7): who receives each new alarm, and how its deliveries went.
//   GET    /api/v1/webhooks                      viewer: every subscription
//   POST   /api/v1/webhooks                      admin, audited: subscribe
//   GET    /api/v1/webhooks/{id}                 viewer
//   PUT    /api/v1/webhooks/{id}                 admin, audited: replace (secret kept
//                                                when absent or "***")
//   DELETE /api/v1/webhooks/{id}                 admin, audited: with its deliveries
//   GET    /api/v1/webhooks/{id}/deliveries      viewer: newest first, ?state=
//   GET    /api/v1/webhooks/dead-letters         viewer: every dead delivery, newest first
//   POST   /api/v1/webhooks/deliveries/{id}/retry  operator, audited: dead -> pending now
// The secret is write-only: answers and audit entries show "***" (api/secrets.hpp).
#include <boost/json.hpp>
#include <limits>

#include "api/alarm_json.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"
#include "engine/webhook_dispatcher.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

std::string webhook_target(std::int64_t id) {
  return "webhook/" + std::to_string(id);
}

WebhookSubscription find_webhook(storage::Store& s, std::int64_t id) {
  auto w = s.find_webhook(id);
  if (!w) throw ApiError(404, "no webhook subscription with id " + std::to_string(id));
  return std::move(*w);
}

// There is no lookup of one delivery by id: the newest one at or below it is it, if any.
std::optional<WebhookDelivery> find_delivery(storage::Store& s, std::int64_t id) {
  if (id == std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  auto rows = s.list_webhook_deliveries(std::nullopt, std::nullopt, storage::Page{id + 1, 1});
  if (rows.empty() || rows.front().id != id) return std::nullopt;
  return std::move(rows.front());
}

net::HttpResponse delivery_page(const std::vector<WebhookDelivery>& rows, std::size_t limit) {
  json::array items;
  for (const auto& d : rows) items.push_back(webhook_delivery_json(d));
  return json_response(200, page_body(std::move(items), rows.empty() ? 0 : rows.back().id, limit));
}

net::HttpResponse list_webhooks(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  json::array items;
  for (const auto& w : ctx.repo.list_webhooks()) items.push_back(webhook_json(w));
  return json_response(200, json::object{{"items", std::move(items)}});
}

net::HttpResponse create_webhook(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  require_json_body(call);
  WebhookSubscription base;
  base.created_at = utc_now();
  const auto wanted = decode_webhook(call.request.body, base);
  WebhookSubscription stored;
  ctx.repo.transact([&](storage::Store& s) {
    const auto id = s.insert_webhook(wanted);
    stored = find_webhook(s, id);
    s.append_audit(audit_entry(call, "webhook.create", webhook_target(id), webhook_json(stored)));
  });
  return created_response(webhook_json(stored), "/api/v1/webhooks/" + std::to_string(stored.id));
}

net::HttpResponse get_webhook(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  return json_response(200, webhook_json(find_webhook(ctx.repo, path_id(call, "id", "webhook"))));
}

net::HttpResponse update_webhook(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  require_json_body(call);
  const auto id = path_id(call, "id", "webhook subscription");
  WebhookSubscription stored;
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = find_webhook(s, id);
    const auto wanted = decode_webhook(call.request.body, existing);
    if (!s.update_webhook(wanted))
      throw ApiError(404, "no webhook subscription with id " + std::to_string(id));
    stored = find_webhook(s, id);
    auto detail = changed_fields(webhook_json(existing), webhook_json(stored));
    // Both sides read "***": say that it changed, never what it was or is (under a name
    // redact_secrets leaves alone: it hides every key containing "secret").
    if (stored.secret != existing.secret) detail["signature_rotated"] = true;
    s.append_audit(audit_entry(call, "webhook.update", webhook_target(id), detail));
  });
  return json_response(200, webhook_json(stored));
}

net::HttpResponse delete_webhook(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "webhook subscription");
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = find_webhook(s, id);
    if (!s.delete_webhook(id))
      throw ApiError(404, "no webhook subscription with id " + std::to_string(id));
    s.append_audit(audit_entry(call, "webhook.delete", webhook_target(id),
                               json::object{{"name", existing.name}, {"url", existing.url}}));
  });
  return no_content();
}

net::HttpResponse list_deliveries(ApiContext& ctx, Call& call) {
  allow_query(call, {"state", "after", "limit"});
  const auto id = path_id(call, "id", "webhook subscription");
  find_webhook(ctx.repo, id);
  std::optional<WebhookDeliveryState> state;
  if (auto it = call.request.query.find("state"); it != call.request.query.end()) {
    state = from_text<WebhookDeliveryState>(it->second);
    if (!state) {
      const auto message = "must be one of " + allowed_texts<WebhookDeliveryState>();
      throw ApiError(422, "query parameter state: " + message, {{"state", message}});
    }
  }
  const auto page = page_from_query(call);
  return delivery_page(ctx.repo.list_webhook_deliveries(id, state, page), page.limit);
}

net::HttpResponse dead_letters(ApiContext& ctx, Call& call) {
  allow_query(call, {"after", "limit"});
  const auto page = page_from_query(call);
  return delivery_page(
      ctx.repo.list_webhook_deliveries(std::nullopt, WebhookDeliveryState::dead, page), page.limit);
}

// A dead delivery gets one more try now (its attempts are kept: if that try fails too it
// is dead again, with the new error). Anything not dead is a conflict: a pending one is
// already queued, a delivered one must not be sent twice.
net::HttpResponse retry_delivery(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "webhook delivery");
  WebhookDelivery updated;
  ctx.repo.transact([&](storage::Store& s) {
    auto d = find_delivery(s, id);
    if (!d) throw ApiError(404, "no webhook delivery with id " + std::to_string(id));
    if (d->state != WebhookDeliveryState::dead)
      throw ApiError(409, "webhook delivery " + std::to_string(id) + " is " +
                              std::string(to_text(d->state)) + "; only dead ones are retried");
    d->state = WebhookDeliveryState::pending;
    d->next_attempt_at = utc_now();
    if (!s.update_webhook_delivery(*d))
      throw ApiError(404, "no webhook delivery with id " + std::to_string(id));
    updated = *d;
    s.append_audit(audit_entry(call, "webhook.retry", "webhook-delivery/" + std::to_string(id),
                               json::object{{"subscription_id", d->subscription_id},
                                            {"alarm_id", d->alarm_id},
                                            {"last_error", d->last_error}}));
  });
  if (ctx.options.webhooks) ctx.options.webhooks->notify();
  return json_response(200, webhook_delivery_json(updated));
}

}  // namespace

void add_webhook_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  // The router takes the first match: fixed segments before {id}.
  router.add({"GET", "/api/v1/webhooks", Role::viewer, bind(list_webhooks)});
  router.add({"POST", "/api/v1/webhooks", Role::admin, bind(create_webhook)});
  router.add({"GET", "/api/v1/webhooks/dead-letters", Role::viewer, bind(dead_letters)});
  router.add(
      {"POST", "/api/v1/webhooks/deliveries/{id}/retry", Role::operator_, bind(retry_delivery)});
  router.add({"GET", "/api/v1/webhooks/{id}", Role::viewer, bind(get_webhook)});
  router.add({"PUT", "/api/v1/webhooks/{id}", Role::admin, bind(update_webhook)});
  router.add({"DELETE", "/api/v1/webhooks/{id}", Role::admin, bind(delete_webhook)});
  router.add({"GET", "/api/v1/webhooks/{id}/deliveries", Role::viewer, bind(list_deliveries)});
}

}  // namespace jemhead::api
