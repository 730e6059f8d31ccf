#include "app/portal_app.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace portal {
namespace {

using testing::FakeTransport;

struct LoginFixture : ::testing::Test {
    FakeTransport transport;
    int changes = 0;
    PortalApp app{PlatformServices{&transport, [this] { ++changes; }, nullptr}};

    void fill_person_password(const std::string& account, const std::string& password) {
        app.open_login(UserKind::Person);
        app.login_form().value(LoginField::Account) = account;
        app.login_form().value(LoginField::Password) = password;
    }
};

TEST_F(LoginFixture, EmptyFieldsAreFlaggedWithoutRequest) {
    app.open_login(UserKind::Person);
    app.submit_login();

    EXPECT_TRUE(transport.sent.empty());
    EXPECT_EQ(app.login_form().field_error(LoginField::Account), "请输入用户名/身份证号/手机号");
    EXPECT_EQ(app.login_form().field_error(LoginField::Password), "请输入密码");
}

TEST_F(LoginFixture, SuccessStoresSessionAndClosesDialog) {
    fill_person_password("  linxiaoming ", "Demo@2026");
    app.submit_login();
    ASSERT_EQ(transport.sent.size(), 1u);
    nlohmann::json body = nlohmann::json::parse(transport.sent.front().body);
    EXPECT_EQ(body["account"], "linxiaoming");

    transport.reply(200, R"({"token":"t","user":{"kind":"person","name":"林晓明"}})");
    ASSERT_TRUE(app.session().has_value());
    EXPECT_EQ(app.session()->user.name, "林晓明");
    EXPECT_FALSE(app.login_open());
    EXPECT_TRUE(app.login_form().value(LoginField::Password).empty());
    EXPECT_EQ(changes, 1);
}

TEST_F(LoginFixture, DoubleSubmitSendsOneRequest) {
    fill_person_password("linxiaoming", "Demo@2026");
    app.submit_login();
    app.submit_login();
    EXPECT_EQ(transport.sent.size(), 1u);
    EXPECT_TRUE(app.login_form().busy());
}

TEST_F(LoginFixture, RefusalKeepsTypedValues) {
    fill_person_password("linxiaoming", "wrong-pass");
    app.submit_login();
    transport.reply(401, R"({"error":{"code":"invalid_credentials","message":"账号或密码错误"}})");

    EXPECT_FALSE(app.session().has_value());
    EXPECT_TRUE(app.login_open());
    EXPECT_FALSE(app.login_form().busy());
    EXPECT_EQ(app.login_form().form_error(), "账号或密码错误");
    EXPECT_EQ(app.login_form().value(LoginField::Account), "linxiaoming");
    EXPECT_EQ(app.login_form().value(LoginField::Password), "wrong-pass");
}

TEST_F(LoginFixture, NetworkFailureKeepsTypedValues) {
    fill_person_password("linxiaoming", "Demo@2026");
    app.submit_login();
    transport.fail_network();

    EXPECT_NE(app.login_form().form_error().find("网络"), std::string::npos);
    EXPECT_EQ(app.login_form().value(LoginField::Password), "Demo@2026");
    EXPECT_FALSE(app.login_form().busy());
}

TEST_F(LoginFixture, LogoutClearsSessionAndTellsServer) {
    fill_person_password("linxiaoming", "Demo@2026");
    app.submit_login();
    transport.reply(200, R"({"token":"t","user":{"kind":"person","name":"林晓明"}})");
    app.logout();

    EXPECT_FALSE(app.session().has_value());
    EXPECT_EQ(transport.sent.back().method, "DELETE");
    EXPECT_EQ(app.notice(), "您已安全退出。");
}

TEST(LoginForm, AgentTabStartsWithCreditCodeMethod) {
    LoginForm form;
    form.select_kind(UserKind::Agent);
    EXPECT_EQ(form.method(), LoginMethod::AgentCreditCode);
    EXPECT_STREQ(login_field_label(form.method(), LoginField::Account), "统一社会信用代码");
}

TEST(LoginForm, CreditCodeLengthIsChecked) {
    LoginForm form;
    form.select_kind(UserKind::Agent);
    form.value(LoginField::Account) = "91350100";
    form.value(LoginField::Password) = "secret-123";
    EXPECT_FALSE(form.validate());
    EXPECT_EQ(form.field_error(LoginField::Account), "统一社会信用代码应为18位，当前为8位");
}

TEST(LoginForm, LegalPersonNeedsAllFourFields) {
    LoginForm form;
    form.select_kind(UserKind::LegalPerson);
    EXPECT_TRUE(login_method_uses(form.method(), LoginField::Account));
    EXPECT_TRUE(login_method_uses(form.method(), LoginField::Mobile));
    EXPECT_TRUE(login_method_uses(form.method(), LoginField::SmsCode));
    EXPECT_TRUE(login_method_uses(form.method(), LoginField::Password));
    form.value(LoginField::Account) = "fr_minjiang";
    form.value(LoginField::Mobile) = "1380591234";
    form.value(LoginField::SmsCode) = "12345";
    form.value(LoginField::Password) = "Demo@2026";
    EXPECT_FALSE(form.validate());
    EXPECT_EQ(form.field_error(LoginField::Mobile), "手机号码应为11位数字，当前为10位");
    EXPECT_EQ(form.field_error(LoginField::SmsCode), "短信验证码应为6位数字");
}

TEST(LoginForm, PersonSmsRequestCarriesMobileAndCode) {
    LoginForm form;
    form.select_method(LoginMethod::PersonSms);
    form.value(LoginField::Account) = "ignored";
    form.value(LoginField::Mobile) = "13805912345";
    form.value(LoginField::SmsCode) = "123456";
    ASSERT_TRUE(form.validate());
    LoginRequest request = form.to_request();
    EXPECT_EQ(request.method, "sms");
    EXPECT_EQ(request.mobile, "13805912345");
    EXPECT_EQ(request.smsCode, "123456");
    EXPECT_TRUE(request.account.empty());
}

} // namespace
} // namespace portal
