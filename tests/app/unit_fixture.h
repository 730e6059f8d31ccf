// A PortalApp on a scripted transport with a signed-in unit user and a fixed date, shared by the
// unit screens' tests.
#pragma once

#include "app/portal_app.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace portal {

inline constexpr const char* kAgentPermissionsJson = R"({"items":[
  {"insuranceType":"pension","name":"企业养老","allowed":true,"opened":true},
  {"insuranceType":"work_injury","name":"工伤","allowed":true,"opened":true},
  {"insuranceType":"unemployment","name":"失业","allowed":false,"opened":false,
   "reason":"请到经办机构核实经办人手机号码和网报开通标志"}]})";

// Logs in through the login form of `app` and replies to the login and the reminder requests.
inline void sign_in_through_form(PortalApp& app, testing::FakeTransport& transport, UserKind kind,
                                 const char* reminders = R"({"items":[]})",
                                 const char* account = "ma2y3k7d01") {
    app.open_login(kind);
    if (kind == UserKind::Agent) {
        app.login_form().select_method(LoginMethod::AgentUsername);
        app.login_form().value(LoginField::Account) = account;
    } else {
        app.login_form().value(LoginField::Account) = "chenjianhua";
        app.login_form().value(LoginField::Mobile) = "13805912001";
        app.login_form().value(LoginField::SmsCode) = "123456";
    }
    app.login_form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    ASSERT_FALSE(transport.pending.empty());
    const std::string kind_name = user_kind_name(kind);
    transport.reply(200, R"({"token":"t","user":{"kind":")" + kind_name +
                             R"(","name":"王志强","account":")" + account + R"("}})");
    if (kind == UserKind::Agent) {
        // An agent's login checks whether the session is the limited first-login one.
        ASSERT_FALSE(transport.pending.empty());
        ASSERT_EQ(transport.pending.front().first.url, "/api/session");
        transport.reply(200, R"({"user":{"kind":"agent","name":"王志强"},"expiresInSeconds":1800})");
    }
    ASSERT_TRUE(app.session().has_value());
    ASSERT_FALSE(transport.pending.empty());
    ASSERT_EQ(transport.pending.front().first.url, "/api/reminders");
    transport.reply(200, reminders);
    transport.sent.clear();
}

// Fills the addition form with a valid pension addition of 张国栋.
inline void fill_addition(StaffAddition& form) {
    form.id_card_number = "350205199106114174";
    form.id_card_changed(false);
    form.name = "张国栋";
    form.mobile = "13805913005";
    form.contribution_base = "6000";
    form.ticked[0] = true;
}

struct UnitFixture : ::testing::Test {
    testing::FakeTransport transport;
    PortalApp app{PlatformServices{&transport, nullptr, nullptr}};
    UnitWorkspace& unit = app.unit();

    void SetUp() override {
        unit.context.clock = [] { return CalendarDate{2026, 1, 15}; };
    }

    // Logs in through the login form and replies to the login and the reminder requests.
    void sign_in(UserKind kind, const char* reminders = R"({"items":[]})") {
        sign_in_through_form(app, transport, kind, reminders);
    }

    // Loads the permissions of kAgentPermissionsJson.
    void load_permissions() {
        unit.permissions.load();
        reply_to("/api/agent/insurance-types", 200, kAgentPermissionsJson);
    }

    // Replies to the oldest pending request, which must be for `url`.
    void reply_to(const std::string& url, int status, const std::string& body) {
        ASSERT_FALSE(transport.pending.empty()) << "no request waiting for " << url;
        ASSERT_EQ(transport.pending.front().first.url, url);
        transport.reply(status, body);
    }

    nlohmann::json last_body() const {
        return nlohmann::json::parse(transport.sent.back().body, nullptr, false);
    }

    static std::string header(const HttpRequest& request, const std::string& name) {
        for (const auto& [key, value] : request.headers) {
            if (key == name) {
                return value;
            }
        }
        return "";
    }
};

} // namespace portal
