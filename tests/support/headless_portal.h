// The whole portal drawn by its real ImGui code without a GPU or a renderer. ImGui builds each
// frame's draw lists and the widget registry records the items. Tests and benchmarks find the
// items by role and label and click or type into them. The backend is a FakeTransport.
#pragma once

#include "app/portal_app.h"
#include "ui/portal_ui.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

#include "fake_transport.h"

#include "imgui.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace portal::testing {

// What a HeadlessPortal fakes besides the network.
struct HeadlessOptions {
    ImVec2 display_size = ImVec2(1280, 900);
    // The app reads the time from HeadlessPortal::clock, which only the test moves.
    bool fake_clock = false;
};

class HeadlessPortal {
public:
    // Creates the ImGui context with the portal's theme, keyboard navigation as in the browser,
    // and `font_path` as its only font. font_loaded() is false when the font could not be read.
    explicit HeadlessPortal(const char* font_path, HeadlessOptions options = {})
        : options_(options) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = options.display_size;
        io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        font_loaded_ = io.Fonts->AddFontFromFileTTF(font_path, ui::kBodyFontSize) != nullptr;
        ui::apply_theme();
    }

    ~HeadlessPortal() { ImGui::DestroyContext(); }

    HeadlessPortal(const HeadlessPortal&) = delete;
    HeadlessPortal& operator=(const HeadlessPortal&) = delete;

    bool font_loaded() const { return font_loaded_; }

    // Builds one frame. Returns false if Dear ImGui reported an API misuse, which its error
    // recovery shows as a window with an "Enable Asserts" button; misuse_seen() then stays true.
    bool frame() {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ui::begin_widget_frame(ImGui::GetCurrentContext());
        ImGui::NewFrame();
        ui::draw_portal(app);
        ImGui::Render();
        ui::end_widget_frame();
        const bool misuse = find(ui::WidgetRole::Button, "Enable Asserts").has_value();
        misuse_seen_ = misuse_seen_ || misuse;
        return !misuse;
    }

    bool misuse_seen() const { return misuse_seen_; }

    bool frames(int count) {
        bool clean = true;
        for (int i = 0; i < count; ++i) {
            clean = frame() && clean;
        }
        return clean;
    }

    // The widget of the last frame with this role and label.
    std::optional<ui::WidgetInfo> find(ui::WidgetRole role, const std::string& label) const {
        const auto& widgets = ui::last_frame_widgets();
        const auto it = std::find_if(widgets.begin(), widgets.end(), [&](const ui::WidgetInfo& w) {
            return w.role == role && w.label == label;
        });
        if (it == widgets.end()) {
            return std::nullopt;
        }
        return *it;
    }

    // Moves the mouse to the middle of the widget and clicks. Returns false if there is none.
    bool click(ui::WidgetRole role, const std::string& label) {
        const std::optional<ui::WidgetInfo> widget = find(role, label);
        if (!widget) {
            return false;
        }
        click_at(widget->x + widget->width / 2, widget->y + widget->height / 2);
        return true;
    }

    void click_at(float x, float y) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(x, y);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        frames(3);
    }

    // Clicks the text box and types `text` into it. Returns false if there is none.
    bool type_into(const std::string& label, const char* text) {
        if (!click(ui::WidgetRole::TextBox, label)) {
            return false;
        }
        ImGui::GetIO().AddInputCharactersUTF8(text);
        frames(2);
        return true;
    }

    // Seconds on the app's clock when the options ask for a fake one.
    double clock = 500.0;
    // "URL NAME" of each download the app started.
    std::vector<std::string> downloads;
    FakeTransport transport;

private:
    PlatformServices services() {
        PlatformServices services;
        services.transport = &transport;
        if (options_.fake_clock) {
            services.now_seconds = [this] { return clock; };
        }
        services.download = [this](const std::string& url, const std::string& name) {
            downloads.push_back(url + " " + name);
        };
        return services;
    }

    HeadlessOptions options_;
    bool font_loaded_ = false;
    bool misuse_seen_ = false;

public:
    // Declared last, because its services use the members above.
    PortalApp app{services()};
};

// Signs an agent in through the login form on the current screen, then replies to the
// requests that follow: the session, the reminders (none) and the insurance-type permissions.
inline void sign_in_agent(HeadlessPortal& portal, const char* permissions_json) {
    portal.app.login_form().select_method(LoginMethod::AgentUsername);
    portal.app.login_form().value(LoginField::Account) = "ma2y3k7d01";
    portal.app.login_form().value(LoginField::Password) = "Demo@2026";
    portal.app.submit_login();
    portal.transport.reply(200, R"({"token":"t","user":{"kind":"agent","name":"王志强"}})");
    portal.transport.reply(200, R"({"user":{"kind":"agent","name":"王志强"}})");
    portal.transport.reply(200, R"({"items":[]})");
    portal.transport.reply(200, permissions_json);
    portal.frames(2);
}

} // namespace portal::testing
