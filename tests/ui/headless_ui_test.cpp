// Drives the real ImGui screens without a GPU: frames are built with a display size and no
// renderer, input goes in through ImGuiIO, and widgets are found through the widget registry.
#include "../support/headless_fixture.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

class HeadlessPortal : public testing::HeadlessScreens<> {
protected:
    HeadlessPortal() : HeadlessScreens(testing::HeadlessOptions{ImVec2(1280, 800)}) {}

    void type(const char* text) {
        ImGui::GetIO().AddInputCharactersUTF8(text);
        frames(2);
    }
};

TEST_F(HeadlessPortal, HomeShowsBothEntrances) {
    EXPECT_TRUE(find(ui::WidgetRole::Button, "个人登录").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::Button, "单位登录").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::Button, "返回旧版网厅").has_value());
}

TEST_F(HeadlessPortal, LoginDialogHasKindTabsAndFields) {
    click(ui::WidgetRole::Button, "个人登录");
    EXPECT_TRUE(app.login_open());
    EXPECT_TRUE(find(ui::WidgetRole::Tab, "个人用户").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::Tab, "单位经办人").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::Tab, "单位法人").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::TextBox, "用户名/身份证号/手机号").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::TextBox, "密码").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::Radio, "短信验证码登录").has_value());
}

TEST_F(HeadlessPortal, TypedLoginReachesTransport) {
    click(ui::WidgetRole::Button, "个人登录");
    click(ui::WidgetRole::TextBox, "用户名/身份证号/手机号");
    type("linxiaoming");
    click(ui::WidgetRole::TextBox, "密码");
    type("Demo@2026");
    click(ui::WidgetRole::Button, "登录");

    // Settings are not loaded in this fixture, so the login is the only request.
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent.back().url, "/api/sessions");
    EXPECT_NE(transport.sent.back().body.find("\"account\":\"linxiaoming\""), std::string::npos);
    EXPECT_NE(transport.sent.back().body.find("\"password\":\"Demo@2026\""), std::string::npos);
}

TEST_F(HeadlessPortal, SignedInHomeGreetsUser) {
    click(ui::WidgetRole::Button, "个人登录");
    app.login_form().value(LoginField::Account) = "linxiaoming";
    app.login_form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    transport.reply(200, R"({"token":"t","user":{"kind":"person","name":"林晓明"}})");
    frames(3);

    EXPECT_TRUE(find(ui::WidgetRole::Button, "退出").has_value());
    EXPECT_FALSE(find(ui::WidgetRole::Button, "个人登录").has_value());
}

TEST_F(HeadlessPortal, AgentTabShowsCreditCodeField) {
    click(ui::WidgetRole::Button, "单位登录");
    EXPECT_TRUE(find(ui::WidgetRole::TextBox, "统一社会信用代码").has_value());
    click(ui::WidgetRole::Tab, "单位法人");
    EXPECT_TRUE(find(ui::WidgetRole::TextBox, "手机号码").has_value());
    EXPECT_TRUE(find(ui::WidgetRole::TextBox, "短信验证码").has_value());
}

} // namespace
} // namespace portal
