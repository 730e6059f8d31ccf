#include "core/resilient_transport.h"

#include <utility>

namespace portal {

namespace {

// A request that came without a limit gets this one: nothing may wait forever.
constexpr int kDefaultTimeoutMs = 15000;
// The probe is small, so it may give up sooner than a request.
constexpr int kProbeTimeoutMs = 5000;

bool has_header(const HttpRequest& request, const char* name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name && !value.empty()) {
            return true;
        }
    }
    return false;
}

// A connection that could not be made or broke. A timeout only means the server was slow.
bool no_answer(const HttpResponse& response) {
    return response.status == 0 && !response.timedOut;
}

} // namespace

bool may_resend(const HttpRequest& request) {
    return request.method == "GET" || request.method == "HEAD" ||
           has_header(request, "Idempotency-Key");
}

bool worth_resending(const HttpResponse& response) {
    return response.status == 0 || response.status == 502 || response.status == 503 ||
           response.status == 504;
}

struct ResilientTransport::State {
    HttpTransport* inner = nullptr;
    Scheduler scheduler;
    RetryPolicy policy;
    bool offline = false;
    bool probe_scheduled = false;
    std::function<void(bool offline)> listener;
};

struct ResilientTransport::Attempt {
    HttpRequest request;
    std::function<void(HttpResponse)> done;
    int sends = 0;
};

ResilientTransport::ResilientTransport(HttpTransport& inner, Scheduler scheduler,
                                       RetryPolicy policy)
    : state_(std::make_shared<State>()) {
    state_->inner = &inner;
    state_->scheduler = std::move(scheduler);
    state_->policy = std::move(policy);
}

ResilientTransport::~ResilientTransport() = default;

void ResilientTransport::send(HttpRequest request, std::function<void(HttpResponse)> done) {
    if (request.timeoutMs <= 0) {
        request.timeoutMs = kDefaultTimeoutMs;
    }
    auto attempt = std::make_shared<Attempt>();
    attempt->request = std::move(request);
    attempt->done = std::move(done);
    start(state_, std::move(attempt));
}

void ResilientTransport::start(const std::shared_ptr<State>& state,
                               std::shared_ptr<Attempt> attempt) {
    ++attempt->sends;
    std::weak_ptr<State> weak = state;
    state->inner->send(attempt->request, [weak, attempt](HttpResponse response) {
        std::shared_ptr<State> alive = weak.lock();
        if (alive) {
            if (response.status != 0) {
                set_offline(alive, false);
            } else if (no_answer(response)) {
                set_offline(alive, true);
            }
        }
        if (alive && alive->scheduler && attempt->sends < alive->policy.max_attempts &&
            worth_resending(response) && may_resend(attempt->request)) {
            double delay = alive->policy.first_delay_seconds;
            for (int sent = 1; sent < attempt->sends; ++sent) {
                delay *= 2;
            }
            alive->scheduler(delay, [weak, attempt, response] {
                if (std::shared_ptr<State> still = weak.lock()) {
                    start(still, attempt);
                } else {
                    attempt->done(response);
                }
            });
            return;
        }
        attempt->done(std::move(response));
    });
}

void ResilientTransport::set_offline(const std::shared_ptr<State>& state, bool offline) {
    if (state->offline == offline) {
        return;
    }
    state->offline = offline;
    if (offline) {
        schedule_probe(state, state->policy.probe_interval_seconds);
    }
    if (state->listener) {
        state->listener(offline);
    }
}

void ResilientTransport::schedule_probe(const std::shared_ptr<State>& state, double seconds) {
    if (!state->scheduler || state->probe_scheduled) {
        return;
    }
    state->probe_scheduled = true;
    std::weak_ptr<State> weak = state;
    state->scheduler(seconds, [weak] {
        if (std::shared_ptr<State> alive = weak.lock()) {
            alive->probe_scheduled = false;
            probe(alive);
        }
    });
}

void ResilientTransport::probe(const std::shared_ptr<State>& state) {
    if (!state->offline) {
        return;
    }
    HttpRequest request;
    request.method = "GET";
    request.url = state->policy.probe_url;
    request.timeoutMs = kProbeTimeoutMs;
    request.headers.emplace_back("Accept", "application/json");
    std::weak_ptr<State> weak = state;
    state->inner->send(std::move(request), [weak](HttpResponse response) {
        std::shared_ptr<State> alive = weak.lock();
        if (!alive) {
            return;
        }
        if (response.status != 0) {
            set_offline(alive, false);
        } else if (alive->offline) {
            schedule_probe(alive, alive->policy.probe_interval_seconds);
        }
    });
}

bool ResilientTransport::offline() const {
    return state_->offline;
}

void ResilientTransport::on_connectivity_changed(std::function<void(bool offline)> listener) {
    state_->listener = std::move(listener);
}

void ResilientTransport::browser_went_offline() {
    set_offline(state_, true);
}

void ResilientTransport::browser_went_online() {
    if (state_->offline) {
        probe(state_);
    }
}

} // namespace portal
