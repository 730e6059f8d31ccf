// Retries and connectivity for every request of the portal. Sits between the API client and the
// platform's transport. It resends a request that failed on the way (no response, a timeout, a
// gateway error) when sending it twice cannot do its work twice. It also notifies the
// application when the server becomes unreachable and when it responds again.
#pragma once

#include "core/http.h"

#include <functional>
#include <memory>
#include <string>

namespace portal {

// Runs `task` on the main thread after `seconds`.
using Scheduler = std::function<void(double seconds, std::function<void()> task)>;

struct RetryPolicy {
    // Maximum sends of one request, the first included.
    int max_attempts = 3;
    // Delay before the first resend. Each later resend waits twice as long as the one before.
    double first_delay_seconds = 1.0;
    // Interval of the small request that checks whether an unreachable server is back.
    double probe_interval_seconds = 5.0;
    // URL of that check. Any HTTP status means the server is reachable.
    std::string probe_url = "/api/session";
};

// Whether sending `request` again cannot do its work twice: a read (GET, HEAD), or a write that
// carries an Idempotency-Key, which the server uses to store it once.
bool may_resend(const HttpRequest& request);

// Whether `response` is a transient failure that a later send may not meet: no response, a
// timeout, or 502, 503 or 504 from a gateway or an overloaded server.
bool worth_resending(const HttpResponse& response);

class ResilientTransport : public HttpTransport {
public:
    // Without a scheduler nothing is resent and no probe runs; connectivity is still tracked.
    explicit ResilientTransport(HttpTransport& inner, Scheduler scheduler = nullptr,
                                RetryPolicy policy = {});
    ~ResilientTransport() override;

    void send(HttpRequest request, std::function<void(HttpResponse)> done) override;

    // True from a request that got no response (or the browser going offline) until the next
    // request or probe that gets one.
    bool offline() const;

    // Called with the new state whenever offline() changes.
    void on_connectivity_changed(std::function<void(bool offline)> listener);

    // The browser's online and offline events. Going online only starts a probe: the network
    // being back does not mean the server is reachable.
    void browser_went_offline();
    void browser_went_online();

private:
    struct State;
    struct Attempt;

    static void start(const std::shared_ptr<State>& state, std::shared_ptr<Attempt> attempt);
    static void set_offline(const std::shared_ptr<State>& state, bool offline);
    static void schedule_probe(const std::shared_ptr<State>& state, double seconds);
    static void probe(const std::shared_ptr<State>& state);

    // Shared with the callbacks still waiting, so a transport destroyed first leaves them inert.
    std::shared_ptr<State> state_;
};

} // namespace portal
