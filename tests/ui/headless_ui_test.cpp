// Drives the real ImGui screens without a GPU: frames are built with a display size and no
// renderer, input goes in through ImGuiIO, and widgets are found through the widget registry.
#include "app/portal_app.h"
#include "ui/portal_ui.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

#include "../support/fake_transport.h"

#include "imgui.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

namespace portal {
namespace {

using testing::FakeTransport;

class HeadlessPortal : public ::testing::Test {
protected:
    void SetUp() override {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 800);
        io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        ASSERT_NE(io.Fonts->AddFontFromFileTTF(PORTAL_TEST_FONT, ui::kBodyFontSize), nullptr);
        ui::apply_theme();
        // A new window measures its content during its first frames before showing it.
        frames(3);
    }

    void TearDown() override { ImGui::DestroyContext(); }

    void frame() {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        ui::begin_widget_frame(ImGui::GetCurrentContext());
        ImGui::NewFrame();
        ui::draw_portal(app);
        ImGui::Render();
        ui::end_widget_frame();
        // ImGui's error recovery shows misuse (a missing End, a cursor moved past the content)
        // as a tooltip with this button instead of aborting.
        ASSERT_FALSE(find(ui::WidgetRole::Button, "Enable Asserts").has_value())
            << "Dear ImGui reported an API misuse";
    }

    void frames(int count) {
        for (int i = 0; i < count; ++i) {
            frame();
        }
    }

    std::optional<ui::WidgetInfo> find(ui::WidgetRole role, const std::string& label) {
        const auto& widgets = ui::last_frame_widgets();
        auto it = std::find_if(widgets.begin(), widgets.end(), [&](const ui::WidgetInfo& w) {
            return w.role == role && w.label == label;
        });
        if (it == widgets.end()) {
            return std::nullopt;
        }
        return *it;
    }

    void click(ui::WidgetRole role, const std::string& label) {
        auto widget = find(role, label);
        ASSERT_TRUE(widget.has_value()) << "no widget " << label;
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(widget->x + widget->width / 2, widget->y + widget->height / 2);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        frames(3);
    }

    void type(const char* text) {
        ImGui::GetIO().AddInputCharactersUTF8(text);
        frames(2);
    }

    FakeTransport transport;
    PortalApp app{PlatformServices{&transport, nullptr, nullptr}};
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
