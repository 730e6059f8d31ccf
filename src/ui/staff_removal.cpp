#include "app/portal_app.h"
#include "ui/declaration_form_widgets.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

#include <string>

namespace portal::ui {

namespace {

constexpr const char* kSubmitLabel = "提交减员申报";

void reason_row(StaffRemoval& form) {
    form_label("减员原因 *");
    const auto& reasons = removal_reasons();
    const RemovalReason& current = reasons[static_cast<size_t>(form.reason) % reasons.size()];
    const std::string preview = std::string(current.category) + " — " + current.label;
    if (begin_combo("##减员原因", preview.c_str())) {
        const char* category = "";
        for (size_t i = 0; i < reasons.size(); ++i) {
            if (std::string(category) != reasons[i].category) {
                category = reasons[i].category;
                ImGui::SeparatorText(category);
            }
            const std::string label = std::string(reasons[i].label) + "##减员原因" + std::to_string(i);
            if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == form.reason)) {
                form.reason = static_cast<int>(i);
            }
        }
        ImGui::EndCombo();
    }
}

void text_row(StaffRemoval& form, const char* label, const char* field, std::string& value,
              const char* hint) {
    form_label(label);
    const std::string id = std::string("##") + label;
    ImGui::InputTextWithHint(id.c_str(), hint, &value, ImGuiInputTextFlags_CharsNoBlank);
    if (ImGui::IsItemDeactivated()) {
        form.check_field(field);
    }
    field_error_beside(form.field_error(field));
}

} // namespace

void draw_staff_removal(PortalApp& app) {
    StaffRemoval& form = app.unit().removal;
    screen_heading("减员", "为停止参保的职工办理减员申报：暂停缴费（中断）或终止缴费。");

    form_label("人员 *");
    if (const StaffMember* picked = staff_picker("##减员人员", app.unit().staff, form.staff())) {
        form.start_for(*picked);
    }
    ImGui::SameLine();
    if (ImGui::Button("从人员列表选择##减员")) {
        app.navigate(Screen::StaffList);
    }
    field_error_beside(form.field_error("staffId"));
    if (form.staff() && form.staff()->duplicateRecords) {
        ImGui::SetCursorPosX(compact_layout() ? ImGui::GetCursorPosX() : kFormLabelWidth);
        error_text(kDuplicateRecordsMessage);
    }
    if (!form.staff()) {
        return;
    }

    form_label("减员险种 *");
    insurance_type_checkboxes(form, app.unit().permissions, "减员", &*form.staff());
    reason_row(form);
    text_row(form, "停保年月 *", "endMonth", form.end_month, "如 2026-01");
    text_row(form, "发生日期 *", "eventDate", form.event_date, "如 2026-01-15");

    ImGui::Spacing();
    ImGui::SetCursorPosX(compact_layout() ? ImGui::GetCursorPosX() : kFormLabelWidth);
    ImGui::BeginDisabled(form.busy() || form.staff()->duplicateRecords);
    if (primary_button(form.busy() ? "正在提交…##提交减员申报" : kSubmitLabel, ImVec2(160, 0))) {
        form.submit();
    }
    ImGui::EndDisabled();
    form_failure(form, kSubmitLabel);
}

} // namespace portal::ui
