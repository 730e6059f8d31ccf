#include "ui/declaration_form_widgets.h"

#include "ui/theme.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <string>

namespace portal::ui {

void insurance_type_checkboxes(DeclarationForm& form, const AgentPermissions& permissions,
                               const char* form_id, const StaffMember* has_record) {
    const float column = compact_layout() ? ImGui::GetCursorPosX() : kFormLabelWidth;
    for (size_t i = 0; i < 3; ++i) {
        const std::string type = kInsuranceTypes[i];
        std::string refusal = permissions.declare_refusal(type);
        if (refusal.empty() && has_record != nullptr && has_record->active_record(type) == nullptr) {
            refusal = "该人员没有此险种的在保记录";
        }
        if (i > 0) {
            ImGui::SetCursorPosX(column);
        }
        const std::string label = insurance_type_name(type) + "##" + form_id;
        ImGui::BeginDisabled(!refusal.empty());
        if (!refusal.empty()) {
            form.ticked[i] = false;
        }
        ImGui::Checkbox(label.c_str(), &form.ticked[i]);
        ImGui::EndDisabled();
        if (!refusal.empty()) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, colors::kMutedText);
            ImGui::TextWrapped("不可申报：%s", refusal.c_str());
            ImGui::PopStyleColor();
        }
    }
    if (!form.field_error("insuranceTypes").empty()) {
        ImGui::SetCursorPosX(column);
        error_text(form.field_error("insuranceTypes").c_str());
    }
}

void form_failure(const DeclarationForm& form, const char* submit_label) {
    if (form.form_error().empty()) {
        return;
    }
    ImGui::Spacing();
    error_text(form.form_error().c_str());
    const std::string hint = std::string("您填写的内容已保留。核对后可再次点击“") + submit_label +
                             "”，同一份表单重复提交不会产生重复申报。";
    muted_text(hint.c_str());
}

const StaffMember* staff_picker(const char* id, const StaffList& staff,
                                const std::optional<StaffMember>& current) {
    const std::string preview =
        current ? current->name + "  " + current->idCardNumber : std::string("请选择人员");
    const StaffMember* picked = nullptr;
    if (begin_combo(id, preview.c_str())) {
        for (size_t index : staff.order()) {
            const StaffMember& member = staff.page().items[index];
            const std::string label = member.name + "  " + member.idCardNumber + "##" +
                                      std::to_string(member.staffId);
            if (ImGui::Selectable(label.c_str(), current && current->staffId == member.staffId)) {
                picked = &member;
            }
        }
        if (staff.page().items.empty()) {
            ImGui::TextDisabled("人员列表为空");
        }
        ImGui::EndCombo();
    }
    return picked;
}

} // namespace portal::ui
