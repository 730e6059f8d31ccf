#include "app/portal_app.h"
#include "ui/declaration_form_widgets.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

namespace portal::ui {

namespace {

constexpr const char* kSubmitLabel = "提交增员申报";

// A text field with its label, hint and error. Returns what ImGui::InputText returns: whether
// the text was edited this frame, or with ImGuiInputTextFlags_EnterReturnsTrue, whether Enter
// was pressed.
bool text_row(StaffAddition& form, const char* label, const char* field, std::string& value,
              const char* hint, ImGuiInputTextFlags flags = 0) {
    form_label(label);
    const std::string id = std::string("##") + label;
    const bool edited = ImGui::InputTextWithHint(id.c_str(), hint, &value, flags);
    if (ImGui::IsItemDeactivated()) {
        form.check_field(field);
    }
    field_error_beside(form.field_error(field));
    return edited;
}

void choice_row(const char* label, int* index, const std::vector<const char*>& items) {
    form_label(label);
    const std::string id = std::string("##") + label;
    string_combo(id.c_str(), index, items);
}

void id_card_rows(StaffAddition& form) {
    form_label("证件类型");
    if (string_combo("##证件类型", &form.document_type, addition_document_types()) &&
        !form.id_card_number.empty()) {
        form.id_card_changed(false);
    }

    form_label("证件号码");
    const bool edited = ImGui::InputTextWithHint("##证件号码", "18位证件号码", &form.id_card_number,
                                                 ImGuiInputTextFlags_CharsNoBlank);
    if (edited) {
        form.id_card_changed(ImGui::IsItemActive());
    }
    if (ImGui::IsItemDeactivated()) {
        form.check_field("idCardNumber");
    }
    field_error_beside(form.field_error("idCardNumber"));

    form_label("性别 / 出生日期");
    if (form.derived_sex().empty()) {
        ImGui::TextDisabled("由证件号码自动识别");
    } else {
        ImGui::Text("%s / %s", form.derived_sex().c_str(), form.derived_birth_date().c_str());
    }
}

void start_month_row(StaffAddition& form) {
    form_label("参保开始年月");
    const std::vector<std::string> months = form.start_month_options();
    const std::string current = "当月 " + months[0] + "##参保开始年月";
    const std::string previous = "上月 " + months[1] + "##参保开始年月";
    if (radio_button(current.c_str(), form.start_month_choice == 0)) {
        form.start_month_choice = 0;
        form.check_field("startMonth");
    }
    ImGui::SameLine();
    if (radio_button(previous.c_str(), form.start_month_choice == 1)) {
        form.start_month_choice = 1;
        form.check_field("startMonth");
    }
    field_error_beside(form.field_error("startMonth"));
    ImGui::SetCursorPosX(compact_layout() ? ImGui::GetCursorPosX() : kFormLabelWidth);
    muted_text("企业养老、失业保险可从当月或上月开始参保，工伤保险只能从当月开始。");
}

void base_row(StaffAddition& form) {
    form_label("月缴费基数（元）");
    const std::string hint = std::to_string(form.bounds.minimum) + " 至 " +
                             std::to_string(form.bounds.maximum);
    ImGui::InputTextWithHint("##月缴费基数（元）", hint.c_str(), &form.contribution_base,
                             ImGuiInputTextFlags_CharsDecimal);
    if (ImGui::IsItemDeactivated()) {
        form.clamp_contribution_base();
        form.check_field("contributionBase");
    }
    if (!form.field_error("contributionBase").empty()) {
        field_error_beside(form.field_error("contributionBase"));
    } else if (!form.base_note().empty()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", form.base_note().c_str());
    }
}

} // namespace

void draw_staff_addition(PortalApp& app) {
    StaffAddition& form = app.unit().addition;
    const AgentPermissions& permissions = app.unit().permissions;
    screen_heading("增员", "为新参保的职工办理增员申报。带 * 的项目必须填写；提交后由经办机构审核。");

    id_card_rows(form);
    text_row(form, "姓名 *", "name", form.name, "与证件一致的姓名");
    choice_row("民族", &form.ethnicity, addition_ethnicities());
    text_row(form, "手机号码 *", "mobile", form.mobile, "11位手机号码",
             ImGuiInputTextFlags_CharsDecimal);
    choice_row("户口性质", &form.household_type, addition_household_types());
    choice_row("用工形式", &form.employment_form, addition_employment_forms());

    form_label("参保险种 *");
    insurance_type_checkboxes(form, permissions, "增员", nullptr);
    start_month_row(form);
    base_row(form);
    // Enter in the last field submits, as in a web form.
    bool submit = text_row(form, "备注", "remark", form.remark, "选填，最多100字",
                           ImGuiInputTextFlags_EnterReturnsTrue);

    ImGui::Spacing();
    ImGui::SetCursorPosX(compact_layout() ? ImGui::GetCursorPosX() : kFormLabelWidth);
    ImGui::BeginDisabled(form.busy());
    submit = primary_button(form.busy() ? "正在提交…##提交增员申报" : kSubmitLabel,
                            ImVec2(160, 0)) ||
             submit;
    if (submit) {
        form.submit();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(form.busy());
    if (ImGui::Button("清空重填##增员", ImVec2(120, 0))) {
        form.clear();
    }
    ImGui::EndDisabled();
    form_failure(form, kSubmitLabel);
}

} // namespace portal::ui
