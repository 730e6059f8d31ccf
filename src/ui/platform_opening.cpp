#include "app/portal_app.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"

#include "imgui.h"

namespace portal::ui {

namespace {
constexpr const char* kResultPopup = "开通结果##多险平台";
}

void draw_platform_opening(PortalApp& app) {
    PlatformOpening& screen = app.unit().platform;
    const AgentPermissions& permissions = app.unit().permissions;
    screen_heading("开通多险平台",
                   "勾选要办理的险种后点击“立即开通”。能否办理由各险种在经办机构的参保登记决定：须登记本单位统一社会信用代码、经办人手机号码，并开通网报标志。");

    if (!permissions.error().empty()) {
        if (load_error(permissions.error().c_str(), "重新加载##险种")) {
            screen.load();
        }
        return;
    }
    if (!permissions.loaded()) {
        muted_text("正在加载可办理的险种…");
        return;
    }

    const auto& items = permissions.items();
    for (size_t i = 0; i < items.size(); ++i) {
        const InsurancePermission& item = items[i];
        ImGui::PushID(static_cast<int>(i));
        bool ticked = screen.ticked(i);
        ImGui::BeginDisabled(!item.allowed);
        if (ImGui::Checkbox(item.name.c_str(), &ticked)) {
            screen.set_ticked(i, ticked);
        }
        ImGui::EndDisabled();
        ImGui::SameLine(compact_layout() ? 0.0f : 140.0f);
        if (!item.allowed) {
            ImGui::PushStyleColor(ImGuiCol_Text, colors::kError);
            ImGui::TextWrapped("不可办理：%s", item.reason.c_str());
            ImGui::PopStyleColor();
        } else if (item.opened) {
            success_text("已开通");
        } else {
            muted_text("可开通");
        }
        ImGui::PopID();
    }

    ImGui::Spacing();
    ImGui::BeginDisabled(screen.opening());
    if (primary_button(screen.opening() ? "正在开通…##立即开通" : "立即开通", ImVec2(140, 0))) {
        screen.open();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!screen.platform_open());
    if (ImGui::Button("前往申报", ImVec2(140, 0))) {
        app.navigate(Screen::StaffAddition);
    }
    ImGui::EndDisabled();
    if (!screen.form_error().empty()) {
        error_text(screen.form_error().c_str());
    }
}

void draw_platform_opening_result(PortalApp& app) {
    PlatformOpening& screen = app.unit().platform;
    if (!begin_dialog(kResultPopup, screen.result_open(), 480.0f)) {
        return;
    }
    dialog_title(screen.unit_mismatch().empty() ? "开通结果" : "单位信息错误");

    if (!screen.unit_mismatch().empty()) {
        error_text(screen.unit_mismatch().c_str());
        muted_text("请联系单位法人登录本平台，在“单位信息”中确认单位名称后，再开通多险平台。");
    }
    for (const PlatformOpeningResult& result : screen.results()) {
        ImGui::Bullet();
        ImGui::TextUnformatted(result.name.c_str());
        ImGui::SameLine(140);
        if (result.opened) {
            success_text(result.message.c_str());
        } else {
            error_text(result.message.c_str());
        }
    }
    ImGui::Spacing();

    bool close = false;
    if (screen.platform_open() && screen.unit_mismatch().empty()) {
        if (primary_button("前往增员申报", ImVec2(120, 0))) {
            close = true;
            app.navigate(Screen::StaffAddition);
        }
        ImGui::SameLine();
    }
    if (ImGui::Button("关闭##开通结果", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        close = true;
    }
    if (close) {
        screen.close_result();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace portal::ui
