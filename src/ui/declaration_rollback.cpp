#include "app/portal_app.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

#include <string>

namespace portal::ui {

namespace {

constexpr const char* kConfirmPopup = "确认回退##弹窗";

void pending_table(DeclarationRollback& screen) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##可回退申报", 7, flags)) {
        return;
    }
    ImGui::TableSetupColumn("编号", 0, 0.4f);
    ImGui::TableSetupColumn("类型", 0, 0.7f);
    ImGui::TableSetupColumn("险种", 0, 0.6f);
    ImGui::TableSetupColumn("姓名", 0, 0.7f);
    ImGui::TableSetupColumn("身份证号码", 0, 1.4f);
    ImGui::TableSetupColumn("提交时间", 0, 1.1f);
    ImGui::TableSetupColumn("操作", 0, 0.6f);
    table_headers("##可回退申报", static_cast<int>(screen.page().items.size()));

    for (const Declaration& item : screen.page().items) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        cell_text(std::to_string(item.id).c_str());
        ImGui::TableNextColumn();
        cell_text(item.kindName.c_str());
        ImGui::TableNextColumn();
        cell_text(item.insuranceTypeName.c_str());
        ImGui::TableNextColumn();
        cell_text(item.name.c_str());
        ImGui::TableNextColumn();
        cell_text(item.idCardNumber.c_str());
        ImGui::TableNextColumn();
        cell_text(format_moment(item.createdAt).c_str());
        ImGui::TableNextColumn();
        const std::string label = "回退##" + std::to_string(item.id);
        if (ImGui::SmallButton(label.c_str())) {
            screen.choose(item);
        }
    }
    ImGui::EndTable();
}

void lookup_row(DeclarationRollback& screen) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("按申报编号查找");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140);
    bool go = ImGui::InputTextWithHint("##申报编号", "申报编号", &screen.lookup_id,
                                       ImGuiInputTextFlags_CharsDecimal |
                                           ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    go = ImGui::Button("查找##回退") || go;
    if (go) {
        screen.lookup();
    }
    if (screen.looked_up()) {
        const Declaration& item = *screen.looked_up();
        ImGui::Text("申报 %lld：%s %s%s，", item.id, item.name.c_str(),
                    item.insuranceTypeName.c_str(), item.kindName.c_str());
        ImGui::SameLine(0, 0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(status_color(item.status)), "%s",
                           item.statusName.c_str());
        if (item.status == "pending") {
            ImGui::SameLine();
            if (ImGui::SmallButton("回退此申报")) {
                screen.choose(item);
            }
        }
    }
    if (!screen.lookup_note().empty()) {
        error_text(screen.lookup_note().c_str());
    }
}

} // namespace

void draw_declaration_rollback(PortalApp& app) {
    DeclarationRollback& screen = app.unit().rollback;
    screen_heading("申报业务回退",
                   "只有经办机构尚未审核（待审核）的申报可以回退；回退后可修改信息重新申报。已审核的申报不能回退。");
    lookup_row(screen);
    ImGui::Spacing();
    if (!screen.outcome().empty()) {
        if (screen.outcome_failed()) {
            error_text(screen.outcome().c_str());
        } else {
            success_text(screen.outcome().c_str());
        }
    }
    if (!screen.error().empty() && load_error(screen.error().c_str(), "重新加载##待审核申报")) {
        screen.load(screen.page().page);
    }
    if (screen.page().items.empty()) {
        muted_text(screen.loading() ? "正在加载…" : "没有可回退的待审核申报");
        return;
    }
    pending_table(screen);
    if (int target = pager("回退分页器", screen.page().page, screen.page().page_count(),
                           screen.page().total)) {
        screen.load(target);
    }
}

void draw_rollback_confirmation(PortalApp& app) {
    DeclarationRollback& screen = app.unit().rollback;
    if (!begin_dialog(kConfirmPopup, screen.chosen().has_value(), 440.0f)) {
        return;
    }
    bool close = !screen.chosen();
    if (screen.chosen()) {
        const Declaration& item = *screen.chosen();
        dialog_title("确认回退");
        ImGui::TextWrapped("确定回退申报 %lld（%s，%s%s）吗？回退后该申报作废，可重新申报。", item.id,
                           item.name.c_str(), item.insuranceTypeName.c_str(),
                           item.kindName.c_str());
        ImGui::Spacing();
        ImGui::BeginDisabled(screen.busy());
        if (primary_button(screen.busy() ? "正在回退…##确认回退" : "确认回退", ImVec2(120, 0))) {
            screen.confirm();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("取消##回退", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            screen.cancel();
            close = true;
        }
    }
    if (close) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace portal::ui
