// Every login method of the three user kinds through PortalApp and a scripted transport: the
// requests they send, the SMS code button, the server's rejections beside the right field and
// an agent's first-login password step.
#include "app/password_policy.h"
#include "app/portal_app.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace portal {
namespace {

using testing::FakeTransport;

// Regions by the first three digits: 138 is Fujian, 139 Zhejiang, anything else unknown.
class StubRegions : public MobileRegionLookup {
public:
    MobileRegion lookup(std::string_view number) const override {
        if (number.substr(0, 3) == "138") {
            return {MobileRegionStatus::fujian, "福建省", "福州市"};
        }
        if (number.substr(0, 3) == "139") {
            return {MobileRegionStatus::other_province, "浙江省", "杭州市"};
        }
        return {};
    }
};

PlatformServices services_for(FakeTransport& transport, double& clock) {
    PlatformServices services;
    services.transport = &transport;
    services.now_seconds = [&clock] { return clock; };
    return services;
}

struct LoginMethods : ::testing::Test {
    FakeTransport transport;
    double clock = 1000.0;
    PortalApp app{services_for(transport, clock)};

    void SetUp() override { app.set_mobile_regions(std::make_unique<StubRegions>()); }

    LoginForm& form() { return app.login_form(); }

    nlohmann::json last_body() { return nlohmann::json::parse(transport.sent.back().body); }

    void open(UserKind kind, LoginMethod method) {
        app.open_login(kind);
        form().select_method(method);
    }
};

constexpr const char* kPersonSession =
    R"({"token":"t","expiresInSeconds":1800,"user":{"kind":"person","name":"林晓明","account":"linxiaoming"}})";
constexpr const char* kAgentSession =
    R"({"token":"a","expiresInSeconds":1800,"user":{"kind":"agent","name":"王志强","account":"ma2y3k7d01"}})";

TEST_F(LoginMethods, PersonPasswordAcceptsIdCardNumber) {
    open(UserKind::Person, LoginMethod::PersonPassword);
    form().value(LoginField::Account) = "350102199003071234";
    form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();

    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(last_body()["kind"], "person");
    EXPECT_EQ(last_body()["method"], "password");
    EXPECT_EQ(last_body()["account"], "350102199003071234");
    transport.reply(200, kPersonSession);
    ASSERT_TRUE(app.session().has_value());
    EXPECT_EQ(app.session()->user.account, "linxiaoming");
}

TEST_F(LoginMethods, PersonPasswordAcceptsMobileNumber) {
    open(UserKind::Person, LoginMethod::PersonPassword);
    form().value(LoginField::Account) = "13805910001";
    form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();

    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(last_body()["account"], "13805910001");
}

TEST_F(LoginMethods, PersonSmsSendsCodeForFujianNumber) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "138 0591 0001";
    app.send_login_sms();

    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent.back().url, "/api/sms-codes");
    EXPECT_EQ(last_body()["mobile"], "13805910001");
    EXPECT_EQ(last_body()["purpose"], "login");
    EXPECT_EQ(form().sms().button_label(form().value(LoginField::Mobile), clock), "发送中…");

    transport.reply(200, R"({"sent":true,"mobile":"138****0001","expiresInSeconds":600,"resendAfterSeconds":300})");
    const std::string& mobile = form().value(LoginField::Mobile);
    EXPECT_EQ(form().sms().button_label(mobile, clock), "重新获取(5:00)");
    EXPECT_EQ(form().sms().status(clock), "验证码已发送至138****0001，有效期还剩10:00");
}

TEST_F(LoginMethods, SmsCountdownRunsDownAndEnds) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "13805910001";
    app.send_login_sms();
    transport.reply(200, R"({"sent":true,"mobile":"138****0001","expiresInSeconds":600,"resendAfterSeconds":300})");
    const std::string& mobile = form().value(LoginField::Mobile);

    clock += 61;
    EXPECT_EQ(form().sms().button_label(mobile, clock), "重新获取(3:59)");
    EXPECT_EQ(form().sms().seconds_until_expiry(clock), 539);
    app.send_login_sms();
    EXPECT_EQ(transport.sent.size(), 1u) << "a second code was requested during the countdown";

    clock += 240;
    EXPECT_EQ(form().sms().button_label(mobile, clock), "重新获取");
    clock += 300;
    EXPECT_EQ(form().sms().status(clock), "发送至138****0001的验证码已过期，请重新获取");
}

TEST_F(LoginMethods, SmsCountdownBelongsToItsNumber) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "13805910001";
    app.send_login_sms();
    transport.reply(200, R"({"sent":true,"mobile":"138****0001","expiresInSeconds":600,"resendAfterSeconds":300})");

    EXPECT_EQ(form().sms().seconds_until_resend("13805910002", clock), 0);
    EXPECT_EQ(form().sms().seconds_until_resend("13805910001", clock), 300);
}

TEST_F(LoginMethods, SmsRejectsOtherProvinceBeforeSending) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "13912345678";
    app.send_login_sms();

    EXPECT_TRUE(transport.sent.empty());
    EXPECT_NE(form().sms().error().find("浙江省"), std::string::npos) << form().sms().error();
    EXPECT_NE(form().sms().error().find("仅支持福建省内手机号码"), std::string::npos);
}

TEST_F(LoginMethods, SmsWarnsForUnknownRegionAndSends) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "15012345678";
    app.send_login_sms();

    EXPECT_EQ(transport.sent.size(), 1u);
    EXPECT_NE(form().sms().warning().find("可能无法收到"), std::string::npos);
    EXPECT_TRUE(form().sms().error().empty());
}

TEST_F(LoginMethods, SmsRejectsMalformedNumberBeforeSending) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "1380591";
    app.send_login_sms();

    EXPECT_TRUE(transport.sent.empty());
    EXPECT_EQ(form().sms().error(), "手机号码应为11位数字，当前为7位");
}

TEST_F(LoginMethods, SmsTooFrequentShowsServerMessageAndWait) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "13805910001";
    app.send_login_sms();
    transport.reply(429, R"({"error":{"code":"sms_too_frequent","message":"验证码发送过于频繁，请于120秒后重试","retryAfterSeconds":120}})");

    EXPECT_EQ(form().sms().error(), "验证码发送过于频繁，请于120秒后重试");
    EXPECT_EQ(form().sms().button_label("13805910001", clock), "重新获取(2:00)");
}

TEST_F(LoginMethods, SmsServerRejectionIsShown) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "13805910001";
    app.send_login_sms();
    transport.reply(400, R"({"error":{"code":"mobile_not_fujian","message":"该手机号码不是福建省内号码","field":"mobile"}})");

    EXPECT_EQ(form().sms().error(), "该手机号码不是福建省内号码");
    EXPECT_EQ(form().sms().button_label("13805910001", clock), "获取验证码");
}

TEST_F(LoginMethods, WrongSmsCodeIsShownBesideCodeField) {
    open(UserKind::Person, LoginMethod::PersonSms);
    form().value(LoginField::Mobile) = "13805910001";
    form().value(LoginField::SmsCode) = "000000";
    app.submit_login();
    EXPECT_EQ(last_body()["method"], "sms");
    transport.reply(400, R"({"error":{"code":"sms_code_invalid","message":"验证码错误，还可输入4次","field":"smsCode"}})");

    EXPECT_EQ(form().field_error(LoginField::SmsCode), "验证码错误，还可输入4次");
    EXPECT_TRUE(form().form_error().empty());
}

TEST_F(LoginMethods, CreditCodeCheckMismatchWarnsWithoutBlocking) {
    open(UserKind::Agent, LoginMethod::AgentCreditCode);
    form().value(LoginField::Account) = "91350100ma2y3k7d3a";
    form().value(LoginField::Password) = "Demo@2026";
    form().check_field(LoginField::Account);

    EXPECT_TRUE(form().field_error(LoginField::Account).empty());
    EXPECT_NE(form().field_warning(LoginField::Account).find("第18位"), std::string::npos)
        << form().field_warning(LoginField::Account);
    app.submit_login();
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(last_body()["method"], "credit_code");
    EXPECT_EQ(last_body()["account"], "91350100MA2Y3K7D3A");
}

TEST_F(LoginMethods, CreditCodeWithLetterOIsBlocked) {
    open(UserKind::Agent, LoginMethod::AgentCreditCode);
    form().value(LoginField::Account) = "91350100MA2Y3K7O3D";
    form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();

    EXPECT_TRUE(transport.sent.empty());
    EXPECT_FALSE(form().field_error(LoginField::Account).empty());
}

TEST_F(LoginMethods, FieldCheckedAsTypedAfterBlur) {
    open(UserKind::Agent, LoginMethod::AgentCreditCode);
    form().value(LoginField::Account) = "9135";
    form().field_edited(LoginField::Account);
    EXPECT_TRUE(form().field_error(LoginField::Account).empty());

    form().check_field(LoginField::Account);
    EXPECT_FALSE(form().field_error(LoginField::Account).empty());
    form().value(LoginField::Account) = "91350100MA2Y3K7D3D";
    form().field_edited(LoginField::Account);
    EXPECT_TRUE(form().field_error(LoginField::Account).empty());
}

TEST_F(LoginMethods, AgentMobileRequiredForSeveralAgents) {
    open(UserKind::Agent, LoginMethod::AgentCreditCode);
    EXPECT_FALSE(form().uses(LoginField::Mobile));
    form().value(LoginField::Account) = "91350100MA2Y3K7D3D";
    form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    EXPECT_FALSE(last_body().contains("mobile"));
    transport.reply(400, R"({"error":{"code":"agent_mobile_required","message":"该单位有多名经办人，请填写经办人手机号码","field":"mobile"}})");

    EXPECT_TRUE(form().uses(LoginField::Mobile));
    EXPECT_EQ(form().field_error(LoginField::Mobile), "该单位有多名经办人，请填写经办人手机号码");
    form().value(LoginField::Mobile) = "13805913001";
    app.submit_login();
    ASSERT_EQ(transport.sent.size(), 2u);
    EXPECT_EQ(last_body()["mobile"], "13805913001");
}

TEST_F(LoginMethods, UnknownUnitUserMessageIsShown) {
    open(UserKind::Agent, LoginMethod::AgentCreditCode);
    form().value(LoginField::Account) = "91350100MA2Y3K7D3D";
    form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    transport.reply(401, R"({"error":{"code":"unit_user_not_found","message":"统一社会信用代码可能有误，或该单位用户不存在"}})");

    EXPECT_EQ(form().form_error(), "统一社会信用代码可能有误，或该单位用户不存在");
}

TEST_F(LoginMethods, LockoutMessageIsShownAsGiven) {
    open(UserKind::Agent, LoginMethod::AgentUsername);
    form().value(LoginField::Account) = "ma2y3k7d01";
    form().value(LoginField::Password) = "Wrong@2026";
    app.submit_login();
    EXPECT_EQ(last_body()["method"], "password");
    transport.reply(423, R"({"error":{"code":"account_locked","message":"密码连续输错5次，账号已锁定，请于08:30后再试","lockedUntil":"2026-01-01T08:30:00+08:00"}})");

    EXPECT_EQ(form().form_error(), "密码连续输错5次，账号已锁定，请于08:30后再试");
    EXPECT_FALSE(app.session().has_value());
}

TEST_F(LoginMethods, LegalPersonSendsAllFourFields) {
    open(UserKind::LegalPerson, LoginMethod::LegalPersonSms);
    form().value(LoginField::Account) = "chenjianhua";
    form().value(LoginField::Mobile) = "13805912001";
    form().value(LoginField::SmsCode) = "123456";
    form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();

    ASSERT_EQ(transport.sent.size(), 1u);
    const nlohmann::json body = last_body();
    EXPECT_EQ(body["kind"], "legal_person");
    EXPECT_EQ(body["method"], "sms_password");
    EXPECT_EQ(body["account"], "chenjianhua");
    EXPECT_EQ(body["mobile"], "13805912001");
    EXPECT_EQ(body["smsCode"], "123456");
    EXPECT_EQ(body["password"], "Demo@2026");
}

TEST_F(LoginMethods, AgentFullSessionSignsIn) {
    open(UserKind::Agent, LoginMethod::AgentUsername);
    form().value(LoginField::Account) = "ma2y3k7d01";
    form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    transport.reply(200, kAgentSession);
    ASSERT_EQ(transport.sent.back().url, "/api/session");
    transport.reply(200, R"({"user":{"kind":"agent","name":"王志强"},"expiresInSeconds":1800})");

    ASSERT_TRUE(app.session().has_value());
    EXPECT_FALSE(app.login_open());
}

struct FirstLogin : LoginMethods {
    void SetUp() override {
        LoginMethods::SetUp();
        open(UserKind::Agent, LoginMethod::AgentUsername);
        form().value(LoginField::Account) = "ma2y3k7d01";
        form().value(LoginField::Password) = "Init#8842";
        app.submit_login();
        transport.reply(200, kAgentSession);
        transport.reply(200, R"({"user":{"kind":"agent","name":"王志强"},"expiresInSeconds":1800,"mustSetPassword":true})");
    }
};

TEST_F(FirstLogin, AsksForNewPassword) {
    EXPECT_TRUE(form().setting_password());
    EXPECT_TRUE(app.login_open());
    EXPECT_FALSE(app.session().has_value());
}

TEST_F(FirstLogin, WeakPasswordIsRejectedLocally) {
    form().password_value(PasswordField::NewPassword) = "abcdefgh";
    form().password_value(PasswordField::Confirmation) = "abcdefgh";
    const size_t sent = transport.sent.size();
    app.submit_login();

    EXPECT_EQ(transport.sent.size(), sent);
    EXPECT_EQ(form().password_error(PasswordField::NewPassword),
              "密码需包含大写字母、小写字母、数字、其他字符中的至少三类");
}

TEST_F(FirstLogin, MismatchedConfirmationIsRejected) {
    form().password_value(PasswordField::NewPassword) = "Wang@2027";
    form().password_value(PasswordField::Confirmation) = "Wang@2028";
    app.submit_login();

    EXPECT_EQ(form().password_error(PasswordField::Confirmation), "两次输入的密码不一致");
}

TEST_F(FirstLogin, NewPasswordCompletesLogin) {
    form().password_value(PasswordField::NewPassword) = "Wang@2027";
    form().password_value(PasswordField::Confirmation) = "Wang@2027";
    app.submit_login();

    EXPECT_EQ(transport.sent.back().url, "/api/session/password");
    EXPECT_EQ(last_body(), nlohmann::json({{"newPassword", "Wang@2027"}}));
    transport.reply(200, R"({"ok":true,"user":{"kind":"agent","name":"王志强"},"expiresInSeconds":1800})");

    ASSERT_TRUE(app.session().has_value());
    EXPECT_EQ(app.session()->user.name, "王志强");
    EXPECT_FALSE(app.login_open());
    EXPECT_FALSE(form().setting_password());
    EXPECT_TRUE(form().value(LoginField::Password).empty());
}

TEST_F(FirstLogin, ServerRejectionOfNewPasswordIsShown) {
    form().password_value(PasswordField::NewPassword) = "Wang@2027";
    form().password_value(PasswordField::Confirmation) = "Wang@2027";
    app.submit_login();
    transport.reply(400, R"({"error":{"code":"weak_password","message":"新密码不能与原密码相同","field":"newPassword"}})");

    EXPECT_EQ(form().password_error(PasswordField::NewPassword), "新密码不能与原密码相同");
    EXPECT_FALSE(app.session().has_value());
}

TEST_F(FirstLogin, CancelEndsLimitedSession) {
    app.close_login();

    EXPECT_EQ(transport.sent.back().method, "DELETE");
    EXPECT_FALSE(form().setting_password());
    EXPECT_FALSE(app.session().has_value());
}

TEST(PasswordPolicy, RulesReportEachCondition) {
    const auto rules = check_password_rules("abc");
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_FALSE(rules[0].met);
    EXPECT_FALSE(rules[1].met);
    EXPECT_TRUE(rules[2].met);
}

TEST(PasswordPolicy, AcceptsThreeClassesOfEightCharacters) {
    EXPECT_EQ(password_policy_error("Demo@2026"), "");
    EXPECT_EQ(password_policy_error("demo@2026"), "");
}

TEST(PasswordPolicy, RejectsShortSpacedAndTwoClassPasswords) {
    EXPECT_EQ(password_policy_error("De@1"), "密码至少8个字符，当前为4个");
    EXPECT_EQ(password_policy_error("Demo 2026"), "密码不能包含空格");
    EXPECT_EQ(password_policy_error("demodemo1"),
              "密码需包含大写字母、小写字母、数字、其他字符中的至少三类");
}

} // namespace
} // namespace portal
