#include "app/portal_app.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <string>

namespace portal::ui {

namespace {

void registrations_table(const UnitInfo& unit) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##险种登记", 3, flags)) {
        return;
    }
    ImGui::TableSetupColumn("险种", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("登记的单位名称", ImGuiTableColumnFlags_WidthStretch, 2.5f);
    ImGui::TableSetupColumn("网报开通标志", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    table_headers("##险种登记", static_cast<int>(unit.registrations.size()));
    for (const UnitRegistration& registration : unit.registrations) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        cell_text(registration.insuranceTypeName.c_str());
        ImGui::TableNextColumn();
        if (registration.unitName != unit.name) {
            const std::string text = registration.unitName + "（与单位名称不一致）";
            cell_text_wrapped(text.c_str(), colors::kError);
        } else {
            cell_text_wrapped(registration.unitName.c_str());
        }
        ImGui::TableNextColumn();
        cell_text(registration.onlineDeclaration ? "已开通" : "未开通");
    }
    ImGui::EndTable();
}

} // namespace

void draw_unit_info(PortalApp& app) {
    UnitInfoScreen& screen = app.unit().unit_info;
    screen_heading("单位信息", "核对经办机构登记的单位信息；各险种登记的单位名称一致并确认后，经办人方可开通多险平台。");

    if (!screen.error().empty()) {
        error_text(screen.error().c_str());
        if (ImGui::Button("重新加载##单位信息")) {
            screen.load();
        }
        return;
    }
    if (!screen.unit()) {
        muted_text(screen.loading() ? "正在加载单位信息…" : "暂无单位信息");
        return;
    }
    const UnitInfo& unit = *screen.unit();

    form_label("统一社会信用代码");
    ImGui::TextUnformatted(unit.creditCode.c_str());
    form_label("单位名称");
    ImGui::TextUnformatted(unit.name.c_str());
    form_label("确认状态");
    if (unit.confirmed && unit.nameConsistent) {
        success_text("已确认");
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::kError);
        ImGui::TextUnformatted(unit.nameConsistent ? "未确认" : "未确认：各险种登记的单位名称不一致");
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    registrations_table(unit);
    ImGui::Spacing();

    ImGui::PushFont(nullptr, kSectionFontSize);
    ImGui::TextUnformatted("确认单位名称");
    ImGui::PopFont();
    muted_text("请选择与营业执照一致的单位名称。确认后，单位及其各险种登记均采用该名称。");
    std::vector<std::string> names = screen.candidate_names();
    std::vector<const char*> labels;
    for (const std::string& name : names) {
        labels.push_back(name.c_str());
    }
    form_label("单位名称");
    string_combo("##确认的单位名称", &screen.chosen_name, labels);
    ImGui::SetCursorPosX(compact_layout() ? ImGui::GetCursorPosX() : kFormLabelWidth);
    ImGui::BeginDisabled(screen.confirming());
    if (primary_button(screen.confirming() ? "正在提交…##确认单位信息" : "确认单位信息")) {
        screen.confirm();
    }
    ImGui::EndDisabled();
    if (!screen.confirmation_result().empty()) {
        if (screen.confirmation_failed()) {
            error_text(screen.confirmation_result().c_str());
        } else {
            success_text(screen.confirmation_result().c_str());
        }
    }
}

} // namespace portal::ui
