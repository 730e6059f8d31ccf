#include "ui/portal_ui.h"

#include "app/portal_app.h"
#include "ui/form_fields.h"
#include "ui/home.h"
#include "ui/login.h"
#include "ui/person_screens.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/widget_registry.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>

namespace portal::ui {

namespace {

constexpr float kHeaderHeight = 68.0f;
constexpr const char* kSiteTitle = "福建12333公共服务平台";

// Right-aligned header buttons: the login entrances, or the user's name and logout.
void header_actions(PortalApp& app, float right_edge) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kOnBrand);
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(255, 255, 255, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(255, 255, 255, 40));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(255, 255, 255, 70));
    ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(255, 255, 255, 150));

    const ImGuiStyle& style = ImGui::GetStyle();
    if (app.session()) {
        const std::string greeting = "您好，" + app.session()->user.name;
        const float width = ImGui::CalcTextSize(greeting.c_str()).x + style.ItemSpacing.x +
                            ImGui::CalcTextSize("退出").x + style.FramePadding.x * 2;
        ImGui::SameLine(right_edge - width);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(greeting.c_str());
        ImGui::SameLine();
        if (ImGui::Button("退出")) {
            app.logout();
        }
    } else {
        const float width = ImGui::CalcTextSize("个人登录").x + ImGui::CalcTextSize("单位登录").x +
                            style.FramePadding.x * 4 + style.ItemSpacing.x;
        ImGui::SameLine(right_edge - width);
        if (ImGui::Button("个人登录")) {
            app.open_login(UserKind::Person);
        }
        ImGui::SameLine();
        if (ImGui::Button("单位登录")) {
            app.open_login(UserKind::Agent);
        }
    }
    ImGui::PopStyleColor(5);
}

void draw_header(PortalApp& app, float left, float content_width) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    draw->AddRectFilled(origin, ImVec2(origin.x + ImGui::GetWindowWidth(), origin.y + kHeaderHeight),
                        colors::kBrand);

    // On a phone the title shrinks so the login buttons still fit beside it.
    const float title_size = compact_layout() ? kSectionFontSize : kTitleFontSize;
    ImGui::SetCursorPos(ImVec2(left, (kHeaderHeight - title_size) * 0.5f));
    ImGui::PushFont(nullptr, title_size);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kOnBrand);
    ImGui::TextUnformatted(kSiteTitle);
    ImGui::PopStyleColor();
    ImGui::PopFont();

    ImGui::SameLine();
    ImGui::SetCursorPosY((kHeaderHeight - ImGui::GetFrameHeight()) * 0.5f);
    header_actions(app, left + content_width);
}

void draw_message(PortalApp& app) {
    const auto& message = app.message();
    if (!begin_dialog("##消息", message.has_value(), 420.0f)) {
        return;
    }
    if (message) {
        dialog_title(message->title.c_str());
        ImGui::TextWrapped("%s", message->text.c_str());
        ImGui::Spacing();
    }
    if (!message || primary_button("确定", ImVec2(120, 0)) ||
        ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        app.dismiss_message();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// Dear ImGui's text field drops the edit made since it was activated when Escape is pressed.
// The portal keeps what the user typed: the field only loses focus, and Escape goes on to the
// dialog around it, which closes as with its cancel button.
void leave_text_field_on_escape() {
    const ImGuiContext& context = *ImGui::GetCurrentContext();
    if (context.ActiveId != 0 && context.InputTextState.ID == context.ActiveId &&
        ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        ImGui::ClearActiveID();
    }
}

void draw_footer(float left) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::SetCursorPosX(left);
    ImGui::TextDisabled("福建省人力资源和社会保障厅 主办　咨询电话 12333");
}

} // namespace

void draw_portal(PortalApp& app) {
    leave_text_field_on_escape();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoSavedSettings;
    ImGui::Begin("##门户", nullptr, flags);
    ImGui::PopStyleVar(3);

    const float margin = compact_layout() ? 12.0f : 24.0f;
    const float content_width = std::min(kContentMaxWidth, viewport->WorkSize.x - 2 * margin);
    const float left = std::max(margin, (viewport->WorkSize.x - content_width) * 0.5f);

    draw_header(app, left, content_width);

    ImGui::SetCursorPos(ImVec2(left, kHeaderHeight + 20));
    ImGui::BeginGroup();
    ImGui::PushItemWidth(content_width);
    if (app.offline()) {
        warning_text("网络连接已中断，正在自动重新连接；您填写的内容不会丢失。");
        ImGui::Spacing();
    }
    if (!app.notice().empty()) {
        ImGui::TextUnformatted(app.notice().c_str());
        report_status(app.notice().c_str());
        ImGui::Spacing();
    }
    ImGui::BeginChild("##内容", ImVec2(content_width, 0),
                      ImGuiChildFlags_AutoResizeY, ImGuiWindowFlags_NoBackground);
    switch (app.screen()) {
    case Screen::Home:
        draw_unit_shortcuts(app);
        draw_home(app);
        break;
    case Screen::Registration:
        draw_registration(app);
        break;
    case Screen::Downloads:
        draw_downloads(app);
        break;
    case Screen::Assistant:
        draw_assistant_panel(app);
        break;
    case Screen::PersonRights:
        draw_person_rights(app);
        break;
    default:
        draw_unit_screen(app);
        break;
    }
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    draw_footer(left);
    ImGui::Dummy(ImVec2(0, margin));

    draw_login_dialog(app);
    draw_unit_dialogs(app);
    draw_message(app);
    ImGui::End();
}

} // namespace portal::ui
