// Resends after failures on the way, and the offline state with its probe.
#include "core/resilient_transport.h"

#include "../support/fake_scheduler.h"
#include "../support/fake_transport.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace portal {
namespace {

using testing::FakeScheduler;
using testing::FakeTransport;

HttpRequest request_of(const char* method, const char* url) {
    HttpRequest request;
    request.method = method;
    request.url = url;
    return request;
}

HttpRequest keyed_declaration() {
    HttpRequest request = request_of("POST", "/api/declarations");
    request.body = R"({"kind":"addition"})";
    request.headers.emplace_back("Idempotency-Key", "add-1");
    return request;
}

struct ResilientTransportTest : ::testing::Test {
    FakeTransport inner;
    FakeScheduler clock;
    ResilientTransport network{inner, clock.scheduler()};
    std::optional<HttpResponse> answer;

    void send(HttpRequest request) {
        network.send(std::move(request), [this](HttpResponse response) { answer = response; });
    }
};

TEST(ResendRules, ReadsAndKeyedWritesMayBeResent) {
    EXPECT_TRUE(may_resend(request_of("GET", "/api/staff")));
    EXPECT_TRUE(may_resend(keyed_declaration()));
    EXPECT_FALSE(may_resend(request_of("POST", "/api/sessions")));
    EXPECT_FALSE(may_resend(request_of("DELETE", "/api/session")));
}

TEST(ResendRules, OnlyFailuresOnTheWayAreWorthResending) {
    HttpResponse response;
    EXPECT_TRUE(worth_resending(response));
    for (int status : {502, 503, 504}) {
        response.status = status;
        EXPECT_TRUE(worth_resending(response)) << status;
    }
    for (int status : {200, 400, 401, 404, 409, 429, 500}) {
        response.status = status;
        EXPECT_FALSE(worth_resending(response)) << status;
    }
}

TEST_F(ResilientTransportTest, ReadIsResentWithGrowingWaits) {
    send(request_of("GET", "/api/staff?page=1"));
    inner.reply(503, "");
    EXPECT_FALSE(answer.has_value());
    ASSERT_EQ(clock.run_waiting(), 1u);
    inner.reply(502, "");
    EXPECT_FALSE(answer.has_value());
    ASSERT_EQ(clock.run_waiting(), 1u);
    inner.reply(200, R"({"items":[]})");

    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 200);
    EXPECT_EQ(inner.sent.size(), 3u);
    EXPECT_EQ(clock.delays, (std::vector<double>{1.0, 2.0}));
}

TEST_F(ResilientTransportTest, ReadIsResentAfterLostConnection) {
    send(request_of("GET", "/api/staff?page=1"));
    inner.fail_network();
    EXPECT_FALSE(answer.has_value());
    // The resend and the probe of the offline state both wait. The resend gets the response.
    clock.run_waiting();
    while (inner.pending.size() > 1) {
        inner.fail_network();  // the probe, sent first
    }
    inner.reply(200, R"({"items":[]})");
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 200);
    EXPECT_FALSE(network.offline());
}

TEST_F(ResilientTransportTest, GivesUpAfterThreeSends) {
    send(request_of("GET", "/api/staff?page=1"));
    for (int sent = 0; sent < 3; ++sent) {
        ASSERT_FALSE(answer.has_value());
        inner.reply(504, "");
        clock.run_waiting();
    }
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 504);
    EXPECT_EQ(inner.sent.size(), 3u);
}

TEST_F(ResilientTransportTest, WriteWithoutKeyIsNotResent) {
    send(request_of("POST", "/api/sessions"));
    inner.fail_network();
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 0);
    EXPECT_EQ(inner.sent.size(), 1u);
}

TEST_F(ResilientTransportTest, KeyedWriteIsResentUnchanged) {
    send(keyed_declaration());
    inner.time_out();
    clock.run_waiting();
    ASSERT_EQ(inner.sent.size(), 2u);
    EXPECT_EQ(inner.sent[1].body, inner.sent[0].body);
    EXPECT_EQ(inner.sent[1].headers, inner.sent[0].headers);
    inner.reply(201, R"({"declarations":[]})");
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 201);
}

TEST_F(ResilientTransportTest, RefusalIsAnsweredAtOnce) {
    send(request_of("GET", "/api/staff/3"));
    inner.reply(404, R"({"error":{"code":"not_found","message":"人员不存在"}})");
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 404);
    EXPECT_TRUE(clock.tasks.empty());
}

TEST_F(ResilientTransportTest, EveryRequestGetsATimeout) {
    HttpRequest request = request_of("GET", "/api/staff");
    request.timeoutMs = 0;
    send(request);
    EXPECT_GT(inner.sent.back().timeoutMs, 0);
}

TEST_F(ResilientTransportTest, LostConnectionIsReportedUntilProbeIsAnswered) {
    std::vector<bool> changes;
    network.on_connectivity_changed([&changes](bool offline) { changes.push_back(offline); });
    send(request_of("POST", "/api/sessions"));
    inner.fail_network();
    EXPECT_TRUE(network.offline());

    // The probe finds the server still unreachable and is sent again later.
    ASSERT_EQ(clock.run_waiting(), 1u);
    ASSERT_EQ(inner.pending.size(), 1u);
    EXPECT_EQ(inner.pending.front().first.url, "/api/session");
    inner.fail_network();
    EXPECT_TRUE(network.offline());

    clock.run_waiting();
    inner.reply(401, R"({"error":{"code":"unauthorized","message":"请先登录"}})");
    EXPECT_FALSE(network.offline());
    EXPECT_EQ(changes, (std::vector<bool>{true, false}));
}

TEST_F(ResilientTransportTest, SlowServerIsNotOffline) {
    send(request_of("POST", "/api/sessions"));
    inner.time_out();
    EXPECT_FALSE(network.offline());
}

TEST_F(ResilientTransportTest, AnyAnswerEndsOfflineState) {
    network.browser_went_offline();
    EXPECT_TRUE(network.offline());
    send(request_of("GET", "/api/faq?q=x"));
    inner.reply(200, "{}");
    EXPECT_FALSE(network.offline());
}

TEST_F(ResilientTransportTest, BrowserOnlineStartsProbeAtOnce) {
    network.browser_went_offline();
    clock.tasks.clear();
    network.browser_went_online();
    ASSERT_EQ(inner.pending.size(), 1u);
    inner.reply(401, "");
    EXPECT_FALSE(network.offline());
}

TEST(ResilientTransportWithoutScheduler, NothingIsResent) {
    FakeTransport inner;
    ResilientTransport network(inner);
    std::optional<HttpResponse> answer;
    network.send(request_of("GET", "/api/staff"),
                 [&answer](HttpResponse response) { answer = response; });
    inner.fail_network();
    ASSERT_TRUE(answer.has_value());
    EXPECT_TRUE(network.offline());
}

TEST(ResilientTransportLifetime, AnswerAfterDestructionStillArrives) {
    FakeTransport inner;
    FakeScheduler clock;
    std::optional<HttpResponse> answer;
    {
        ResilientTransport network(inner, clock.scheduler());
        network.send(request_of("GET", "/api/staff"),
                     [&answer](HttpResponse response) { answer = response; });
    }
    inner.reply(200, "{}");
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 200);
}

} // namespace
} // namespace portal
