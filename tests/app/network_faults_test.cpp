// The application under network faults: an ended session, lost connections and server errors
// must leave what the user typed in place.
#include "unit_fixture.h"

#include "../support/fake_scheduler.h"

namespace portal {
namespace {

constexpr const char* kSessionExpired =
    R"({"error":{"code":"unauthenticated","message":"登录已失效，请重新登录"}})";

struct ExpiredSessionTest : UnitFixture {
    std::string first_key;

    // Signs in, fills the addition form and submits it into an ended session.
    void SetUp() override {
        UnitFixture::SetUp();
        sign_in(UserKind::Agent);
        app.navigate(Screen::StaffAddition);
        reply_to("/api/agent/insurance-types", 200, kAgentPermissionsJson);
        fill_addition(unit.addition);
        unit.addition.submit();
        first_key = header(transport.sent.back(), "Idempotency-Key");
        reply_to("/api/declarations", 401, kSessionExpired);
    }
};

TEST_F(ExpiredSessionTest, LoginOpensOverTheKeptForm) {
    EXPECT_FALSE(app.session().has_value());
    EXPECT_TRUE(app.login_open());
    EXPECT_EQ(app.screen(), Screen::StaffAddition);
    EXPECT_NE(app.notice().find("已保留"), std::string::npos);
    EXPECT_EQ(unit.addition.name, "张国栋");
    EXPECT_FALSE(unit.addition.busy());
}

TEST_F(ExpiredSessionTest, SameUserResumesFormWithSameKey) {
    sign_in(UserKind::Agent);
    EXPECT_EQ(app.screen(), Screen::StaffAddition);
    reply_to("/api/agent/insurance-types", 200, kAgentPermissionsJson);
    EXPECT_EQ(unit.addition.name, "张国栋");
    EXPECT_EQ(unit.addition.id_card_number, "350205199106114174");
    EXPECT_EQ(unit.addition.contribution_base, "6000");
    EXPECT_TRUE(unit.addition.ticked[0]);
    EXPECT_TRUE(unit.addition.form_error().empty());

    unit.addition.submit();
    ASSERT_FALSE(transport.sent.empty());
    EXPECT_EQ(transport.sent.back().url, "/api/declarations");
    EXPECT_EQ(header(transport.sent.back(), "Idempotency-Key"), first_key);
}

TEST_F(ExpiredSessionTest, AnotherUserFindsNothingOfTheLastOne) {
    sign_in_through_form(app, transport, UserKind::Agent, R"({"items":[]})", "qt7m2x9k03");
    EXPECT_EQ(app.screen(), Screen::Home);
    EXPECT_TRUE(unit.addition.name.empty());
    EXPECT_TRUE(unit.addition.id_card_number.empty());
}

TEST_F(ExpiredSessionTest, ClosingTheLoginSignsOutAndClears) {
    app.close_login();
    EXPECT_FALSE(app.session().has_value());
    EXPECT_EQ(app.screen(), Screen::Home);
    EXPECT_TRUE(unit.addition.name.empty());
}

// A portal whose transport resends, as the browser build's does.
struct ResendingTest : ::testing::Test {
    testing::FakeTransport transport;
    testing::FakeScheduler later;
    PortalApp app{[this] {
        PlatformServices services;
        services.transport = &transport;
        services.run_later = later.scheduler();
        return services;
    }()};
    UnitWorkspace& unit = app.unit();

    void SetUp() override {
        unit.context.clock = [] { return CalendarDate{2026, 1, 15}; };
        sign_in_through_form(app, transport, UserKind::Agent);
    }
};

TEST_F(ResendingTest, FailedReadRecoversWithoutTheUser) {
    app.navigate(Screen::StaffAddition);
    transport.reply(503, "");
    EXPECT_TRUE(unit.permissions.error().empty());
    later.run_waiting();
    ASSERT_EQ(transport.pending.size(), 1u);
    EXPECT_EQ(transport.pending.front().first.url, "/api/agent/insurance-types");
    transport.reply(200, kAgentPermissionsJson);
    EXPECT_TRUE(unit.permissions.error().empty());
    EXPECT_EQ(unit.permissions.items().size(), 3u);
}

TEST_F(ResendingTest, LostConnectionShowsUntilTheServerAnswers) {
    app.navigate(Screen::StaffAddition);
    transport.fail_network();
    EXPECT_TRUE(app.offline());
    // The resend and the probe wait. Both get responses once the server is back.
    later.run_waiting();
    while (!transport.pending.empty()) {
        const std::string url = transport.pending.front().first.url;
        transport.reply(200, url == "/api/agent/insurance-types" ? kAgentPermissionsJson : "{}");
    }
    EXPECT_FALSE(app.offline());
    EXPECT_EQ(unit.permissions.items().size(), 3u);
}

TEST_F(ResendingTest, ServerErrorKeepsTheFormAndItsKey) {
    app.navigate(Screen::StaffAddition);
    transport.reply(200, kAgentPermissionsJson);
    fill_addition(unit.addition);
    unit.addition.submit();
    const std::string key = UnitFixture::header(transport.sent.back(), "Idempotency-Key");
    for (int send = 0; send < 3; ++send) {
        ASSERT_EQ(transport.pending.size(), 1u);
        EXPECT_EQ(UnitFixture::header(transport.pending.front().first, "Idempotency-Key"), key);
        transport.reply(503, "");
        later.run_waiting();
    }
    EXPECT_FALSE(unit.addition.busy());
    EXPECT_NE(unit.addition.form_error().find("已保留"), std::string::npos);
    EXPECT_EQ(unit.addition.name, "张国栋");

    unit.addition.submit();
    EXPECT_EQ(UnitFixture::header(transport.sent.back(), "Idempotency-Key"), key);
}

} // namespace
} // namespace portal
