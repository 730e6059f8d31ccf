#include "app/portal_app.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <string>

namespace portal::ui {

namespace {

constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;

void agents_table(const std::vector<AgentRow>& agents) {
    if (!ImGui::BeginTable("##经办人列表", 5, kTableFlags)) {
        return;
    }
    ImGui::TableSetupColumn("姓名");
    ImGui::TableSetupColumn("身份证号码");
    ImGui::TableSetupColumn("手机号码");
    ImGui::TableSetupColumn("用户名");
    ImGui::TableSetupColumn("网报账号");
    table_headers("##经办人列表", static_cast<int>(agents.size()));
    for (const AgentRow& agent : agents) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        cell_text(agent.name.c_str());
        ImGui::TableNextColumn();
        cell_text(agent.idCardNumber.c_str());
        ImGui::TableNextColumn();
        cell_text(agent.mobile.c_str());
        ImGui::TableNextColumn();
        cell_text(agent.username.empty() ? "—" : agent.username.c_str());
        ImGui::TableNextColumn();
        cell_text(agent_status_label(agent.status));
    }
    ImGui::EndTable();
}

void sync_results_table(const std::vector<AgentSyncResult>& results) {
    if (!ImGui::BeginTable("##开通校验结果", 4, kTableFlags)) {
        return;
    }
    ImGui::TableSetupColumn("经办人", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("结果", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("说明", ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn("下一步", ImGuiTableColumnFlags_WidthStretch, 2.6f);
    table_headers("##开通校验结果", static_cast<int>(results.size()));
    for (const AgentSyncResult& result : results) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string agent = result.agent.name + "\n" + result.agent.mobile;
        cell_text_wrapped(agent.c_str());
        ImGui::TableNextColumn();
        cell_text_wrapped(agent_sync_result_label(result.result));
        ImGui::TableNextColumn();
        cell_text_wrapped(result.message.c_str());
        ImGui::TableNextColumn();
        cell_text_wrapped(agent_sync_next_step(result.result));
    }
    ImGui::EndTable();
}

} // namespace

void draw_agent_management(PortalApp& app) {
    AgentManagement& screen = app.unit().agents;
    screen_heading("经办人管理",
                   "经办人须先在经办机构窗口登记。点击“单位网报开通/校验”，将窗口登记的经办人开通为网报账号，并校正不一致的信息。");

    ImGui::BeginDisabled(screen.syncing());
    if (primary_button(screen.syncing() ? "正在开通/校验…##单位网报开通/校验"
                                        : "单位网报开通/校验")) {
        screen.sync();
    }
    ImGui::EndDisabled();
    if (!screen.error().empty()) {
        error_text(screen.error().c_str());
    }

    if (screen.synced()) {
        ImGui::Spacing();
        ImGui::PushFont(nullptr, kSectionFontSize);
        ImGui::TextUnformatted("开通/校验结果");
        ImGui::PopFont();
        if (screen.sync_results().empty()) {
            muted_text("窗口没有登记经办人，请先到经办机构办理经办人登记。");
        } else {
            sync_results_table(screen.sync_results());
        }
    }

    ImGui::Spacing();
    ImGui::PushFont(nullptr, kSectionFontSize);
    ImGui::TextUnformatted("窗口登记的经办人");
    ImGui::PopFont();
    if (screen.agents().empty()) {
        muted_text(screen.loading() ? "正在加载…" : "暂无经办人");
    } else {
        agents_table(screen.agents());
    }
}

} // namespace portal::ui
