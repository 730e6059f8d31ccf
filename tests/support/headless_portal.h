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

namespace portal::testing {

class HeadlessPortal {
public:
    // Creates the ImGui context with the portal's theme and `font_path` as its only font.
    // font_loaded() is false when the font could not be read.
    explicit HeadlessPortal(const char* font_path, ImVec2 display_size = ImVec2(1280, 900)) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = display_size;
        io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
        font_loaded_ = io.Fonts->AddFontFromFileTTF(font_path, ui::kBodyFontSize) != nullptr;
        ui::apply_theme();
    }

    ~HeadlessPortal() { ImGui::DestroyContext(); }

    HeadlessPortal(const HeadlessPortal&) = delete;
    HeadlessPortal& operator=(const HeadlessPortal&) = delete;

    bool font_loaded() const { return font_loaded_; }

    // Builds one frame. Returns false if Dear ImGui reported an API misuse, which its error
    // recovery shows as a window with an "Enable Asserts" button.
    bool frame() {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ui::begin_widget_frame(ImGui::GetCurrentContext());
        ImGui::NewFrame();
        ui::draw_portal(app);
        ImGui::Render();
        ui::end_widget_frame();
        return !find(ui::WidgetRole::Button, "Enable Asserts").has_value();
    }

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

    FakeTransport transport;
    PortalApp app{PlatformServices{&transport, nullptr, nullptr}};

private:
    bool font_loaded_ = false;
};

} // namespace portal::testing
