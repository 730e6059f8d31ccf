// A scripted HttpTransport for native tests: records every request and replies when the test
// calls reply(), like a server that replies later.
#pragma once

#include "core/http.h"

#include <deque>
#include <functional>
#include <utility>

namespace portal::testing {

class FakeTransport : public HttpTransport {
public:
    void send(HttpRequest request, std::function<void(HttpResponse)> done) override {
        sent.push_back(request);
        pending.emplace_back(std::move(request), std::move(done));
    }

    // Replies to the oldest request still waiting.
    void reply(int status, std::string body) {
        HttpResponse response;
        response.status = status;
        response.body = std::move(body);
        deliver(std::move(response));
    }

    void fail_network() { deliver(HttpResponse{}); }

    void time_out() {
        HttpResponse response;
        response.timedOut = true;
        deliver(std::move(response));
    }

    std::deque<HttpRequest> sent;
    std::deque<std::pair<HttpRequest, std::function<void(HttpResponse)>>> pending;

private:
    void deliver(HttpResponse response) {
        auto [request, done] = std::move(pending.front());
        pending.pop_front();
        done(std::move(response));
    }
};

} // namespace portal::testing
