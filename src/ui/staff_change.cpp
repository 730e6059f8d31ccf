#include "app/portal_app.h"
#include "ui/declaration_form_widgets.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

#include <string>

namespace portal::ui {

namespace {

constexpr const char* kSubmitLabel = "提交变更申报";

void changes_table(StaffChange& form) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp;
    const float width = compact_layout() ? 0.0f : kFormLabelWidth + kFormFieldWidth + 160.0f;
    if (!ImGui::BeginTable("##变更前后", 3, flags, ImVec2(width, 0))) {
        return;
    }
    ImGui::TableSetupColumn("项目", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("变更前", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("变更后", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();

    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("姓名");
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(form.staff()->name.c_str());
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##变更后姓名", "变更后姓名", &form.new_name);
    if (ImGui::IsItemDeactivated()) {
        form.check_field("name");
    }

    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("月缴费基数（元）");
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%lld", form.current_base());
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##变更后缴费基数", "变更后缴费基数", &form.new_base,
                             ImGuiInputTextFlags_CharsDecimal);
    if (ImGui::IsItemDeactivated()) {
        form.check_field("contributionBase");
    }
    ImGui::EndTable();

    for (const char* field : {"name", "contributionBase"}) {
        if (!form.field_error(field).empty()) {
            error_text(form.field_error(field).c_str());
        }
    }
}

} // namespace

void draw_staff_change(PortalApp& app) {
    StaffChange& form = app.unit().change;
    screen_heading("人员信息变更", "变更职工的姓名或月缴费基数；只填写需要变更的项目。");

    form_label("人员 *");
    if (const StaffMember* picked = staff_picker("##变更人员", app.unit().staff, form.staff())) {
        form.start_for(*picked);
    }
    ImGui::SameLine();
    if (ImGui::Button("从人员列表选择##变更")) {
        app.navigate(Screen::StaffList);
    }
    field_error_beside(form.field_error("staffId"));
    if (!form.staff()) {
        return;
    }

    form_label("变更险种 *");
    insurance_type_checkboxes(form, app.unit().permissions, "变更", &*form.staff());
    ImGui::Spacing();
    changes_table(form);

    ImGui::Spacing();
    ImGui::BeginDisabled(form.busy());
    if (primary_button(form.busy() ? "正在提交…##提交变更申报" : kSubmitLabel, ImVec2(160, 0))) {
        form.submit();
    }
    ImGui::EndDisabled();
    form_failure(form, kSubmitLabel);
}

} // namespace portal::ui
