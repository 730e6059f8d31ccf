#include "app/portal_app.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <string>

namespace portal::ui {

namespace {

constexpr float kNavWidth = 190.0f;
constexpr const char* kReminderPopup = "异常数据提醒##弹窗";
constexpr const char* kResultPopup = "申报结果##弹窗";

struct NavEntry {
    const char* group;  // printed above the first entry of each group
    Screen screen;
};

constexpr NavEntry kLegalPersonMenu[] = {
    {"单位管理", Screen::UnitInfo},
    {nullptr, Screen::AgentManagement},
};

constexpr NavEntry kAgentMenu[] = {
    {"业务办理", Screen::PlatformOpening},
    {nullptr, Screen::StaffAddition},
    {nullptr, Screen::StaffRemoval},
    {nullptr, Screen::StaffChange},
    {nullptr, Screen::BatchAddition},
    {nullptr, Screen::BatchRemoval},
    {nullptr, Screen::DeclarationRollback},
    {"人员管理", Screen::StaffList},
    {"相关查询", Screen::DeclarationQuery},
};

template <size_t N> void menu_entries(PortalApp& app, const NavEntry (&entries)[N], bool stacked) {
    bool first = true;
    for (const NavEntry& entry : entries) {
        const ScreenInfo& info = screen_info(entry.screen);
        if (!stacked && entry.group != nullptr) {
            ImGui::Spacing();
            ImGui::TextDisabled("%s", entry.group);
        }
        const bool current = app.screen() == entry.screen;
        if (current) {
            ImGui::PushStyleColor(ImGuiCol_Button, colors::kBrand);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::kBrand);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors::kBrand);
            ImGui::PushStyleColor(ImGuiCol_Text, colors::kOnBrand);
        }
        const float width = stacked ? ImGui::CalcTextSize(info.title).x +
                                          ImGui::GetStyle().FramePadding.x * 2
                                    : -1.0f;
        if (stacked && !first) {
            same_line_if_fits(width);
        }
        if (ImGui::Button(info.title, ImVec2(width, 0)) && !current) {
            app.navigate(entry.screen);
        }
        if (current) {
            ImGui::PopStyleColor(4);
        }
        first = false;
    }
}

void draw_menu(PortalApp& app, bool stacked) {
    const auto& session = app.session();
    if (!session) {
        return;
    }
    if (session->user.kind == UserKind::LegalPerson) {
        menu_entries(app, kLegalPersonMenu, stacked);
    } else if (session->user.kind == UserKind::Agent) {
        menu_entries(app, kAgentMenu, stacked);
    }
}

void draw_current(PortalApp& app) {
    switch (app.screen()) {
    case Screen::UnitInfo:
        draw_unit_info(app);
        break;
    case Screen::AgentManagement:
        draw_agent_management(app);
        break;
    case Screen::PlatformOpening:
        draw_platform_opening(app);
        break;
    case Screen::StaffAddition:
        draw_staff_addition(app);
        break;
    case Screen::StaffRemoval:
        draw_staff_removal(app);
        break;
    case Screen::StaffChange:
        draw_staff_change(app);
        break;
    case Screen::BatchAddition:
        draw_batch_addition(app);
        break;
    case Screen::BatchRemoval:
        draw_batch_removal(app);
        break;
    case Screen::StaffList:
        draw_staff_list(app);
        break;
    case Screen::DeclarationQuery:
        draw_declaration_query(app);
        break;
    case Screen::DeclarationRollback:
        draw_declaration_rollback(app);
        break;
    default:
        break;
    }
}

void draw_reminders(PortalApp& app) {
    UnitWorkspace& unit = app.unit();
    if (!begin_dialog(kReminderPopup, unit.reminder_open(), 520.0f)) {
        return;
    }
    dialog_title("异常数据提醒");

    muted_text("以下申报提交已超过5天，经办机构尚未审核。本提醒仅供知悉，无需重复申报。");
    ImGui::Spacing();
    for (const OverdueReminder& reminder : unit.reminders()) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", reminder.message.c_str());
    }
    ImGui::Spacing();

    bool close = !unit.reminder_open();
    const bool agent = app.session() && app.session()->user.kind == UserKind::Agent;
    if (agent && primary_button("查看待审核申报", ImVec2(160, 0))) {
        close = true;
        unit.query.tab = DeclarationTab::Pending;
        app.navigate(Screen::DeclarationQuery);
    }
    if (agent) {
        ImGui::SameLine();
    }
    if (ImGui::Button("知道了", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        close = true;
    }
    if (close) {
        unit.dismiss_reminders();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

DeclarationForm* form_with_result(UnitWorkspace& unit) {
    for (DeclarationForm* form : {static_cast<DeclarationForm*>(&unit.addition),
                                  static_cast<DeclarationForm*>(&unit.removal),
                                  static_cast<DeclarationForm*>(&unit.change)}) {
        if (form->result_open()) {
            return form;
        }
    }
    return nullptr;
}

} // namespace

void draw_unit_screen(PortalApp& app) {
    if (compact_layout()) {
        draw_menu(app, true);
        ImGui::Separator();
        ImGui::Spacing();
        draw_current(app);
        return;
    }
    ImGui::BeginChild("##单位菜单", ImVec2(kNavWidth, 0),
                      ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY);
    draw_menu(app, false);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##单位业务", ImVec2(0, 0),
                      ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY |
                          ImGuiChildFlags_AlwaysUseWindowPadding);
    draw_current(app);
    ImGui::EndChild();
}

void draw_unit_shortcuts(PortalApp& app) {
    const auto& session = app.session();
    if (!session || session->user.kind == UserKind::Person) {
        return;
    }
    ImGui::BeginChild("##单位业务入口", ImVec2(0, 0),
                      ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY);
    ImGui::PushFont(nullptr, kSectionFontSize);
    ImGui::TextUnformatted(session->user.kind == UserKind::Agent ? "单位经办业务" : "单位法人业务");
    ImGui::PopFont();
    draw_menu(app, true);
    ImGui::EndChild();
    ImGui::Spacing();
}

void draw_unit_dialogs(PortalApp& app) {
    draw_platform_opening_result(app);
    draw_declaration_result(app);
    draw_staff_detail(app);
    draw_declaration_detail(app);
    draw_rollback_confirmation(app);
    draw_reminders(app);
}

void draw_declaration_result(PortalApp& app) {
    DeclarationForm* form = form_with_result(app.unit());
    if (!begin_dialog(kResultPopup, form != nullptr, 480.0f)) {
        return;
    }
    bool close = form == nullptr;
    if (form != nullptr) {
        ImGui::PushFont(nullptr, kSectionFontSize);
        ImGui::TextUnformatted("申报已提交");
        ImGui::PopFont();
        report_status("申报已提交");
        ImGui::Separator();
        for (const Declaration& item : form->created()) {
            const std::string line = "申报编号 " + std::to_string(item.id) + "：" + item.name +
                                     " " + item.insuranceTypeName + item.kindName + "，" +
                                     item.statusName;
            ImGui::Bullet();
            ImGui::TextWrapped("%s", line.c_str());
            report_status(line.c_str());
        }
        muted_text("经办机构审核后，可在“人员申报查询”中查看结果。");
        ImGui::Spacing();
        if (primary_button("查看申报记录", ImVec2(140, 0))) {
            close = true;
            app.unit().query.tab = DeclarationTab::Pending;
            app.navigate(Screen::DeclarationQuery);
        }
        ImGui::SameLine();
        if (ImGui::Button("继续办理", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            close = true;
        }
        if (close) {
            form->close_result();
        }
    }
    if (close) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace portal::ui
