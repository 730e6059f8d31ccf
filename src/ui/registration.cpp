#include "app/portal_app.h"
#include "ui/form_fields.h"
#include "ui/person_screens.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <algorithm>

namespace portal::ui {

namespace {

constexpr FormLayout kLayout{170.0f, 380.0f};
constexpr float kFormMaxWidth = 720.0f;

constexpr RegistrationField kFieldOrder[] = {
    RegistrationField::CreditCode, RegistrationField::UnitName,     RegistrationField::Username,
    RegistrationField::Name,       RegistrationField::IdCardNumber, RegistrationField::Mobile,
    RegistrationField::SmsCode,    RegistrationField::Password,     RegistrationField::Confirmation,
};

const char* field_hint(RegistrationField field) {
    switch (field) {
    case RegistrationField::CreditCode:
        return "18位统一社会信用代码";
    case RegistrationField::UnitName:
        return "与营业执照一致的单位全称";
    case RegistrationField::Username:
        return "4至20位字母、数字或下划线，字母开头";
    case RegistrationField::Name:
        return "与身份证一致";
    case RegistrationField::IdCardNumber:
        return "18位居民身份证号码";
    case RegistrationField::Mobile:
        return "福建省内手机号码";
    case RegistrationField::SmsCode:
        return "6位数字";
    case RegistrationField::Password:
        return "至少8位，含三类字符";
    case RegistrationField::Confirmation:
        return "再次输入密码";
    case RegistrationField::Count:
        break;
    }
    return nullptr;
}

void draw_kind_switch(RegistrationForm& form) {
    if (radio_button("个人用户注册", form.kind() == RegistrationKind::Person)) {
        form.select_kind(RegistrationKind::Person);
    }
    const char* unit_label = "单位注册（单位法人）";
    same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(unit_label).x + 10);
    if (radio_button(unit_label, form.kind() == RegistrationKind::Unit)) {
        form.select_kind(RegistrationKind::Unit);
    }
}

bool draw_field(PortalApp& app, RegistrationField field) {
    PersonWorkspace& person = app.person();
    RegistrationForm& form = person.registration();
    const char* label = registration_field_label(form.kind(), field);

    ImGuiInputTextFlags flags = 0;
    if (field == RegistrationField::Password || field == RegistrationField::Confirmation) {
        flags |= ImGuiInputTextFlags_Password;
    }
    if (field == RegistrationField::Mobile || field == RegistrationField::SmsCode) {
        flags |= ImGuiInputTextFlags_CharsDecimal;
    }
    const bool with_sms = field == RegistrationField::SmsCode;
    const FieldEvents events = labeled_input(kLayout, label, form.value(field), flags,
                                             field_hint(field),
                                             with_sms ? sms_button_width() : 0.0f);
    const CalendarDate today = local_today();
    if (events.deactivated) {
        form.check_field(field, today);
    } else if (events.edited) {
        form.field_edited(field, today);
    }
    if (with_sms && sms_button(app, kLayout, form.sms(), form.value(RegistrationField::Mobile),
                               "register-sms")) {
        person.send_registration_sms();
    }
    field_messages(kLayout, form.field_error(field), form.field_warning(field));
    if (field == RegistrationField::Password) {
        password_rules(kLayout, form.value(RegistrationField::Password));
    }
    return events.entered;
}

void draw_form(PortalApp& app) {
    RegistrationForm& form = app.person().registration();
    draw_kind_switch(form);
    ImGui::Spacing();
    if (form.kind() == RegistrationKind::Unit) {
        note_text("由单位法人本人注册单位及法人账号。单位须已在经办机构办理参保登记。");
    } else {
        note_text("注册后可使用用户名、身份证号码或手机号码登录，查询本人参保和缴费信息。");
    }
    note_text("单位经办人无需注册：经办人账号由单位法人在“经办人管理”中通过“单位网报开通/校验”"
              "创建，初始密码以短信发送至经办人手机。");
    divider();

    bool submit = false;
    for (RegistrationField field : kFieldOrder) {
        if (registration_uses(form.kind(), field)) {
            submit = draw_field(app, field) || submit;
        }
    }

    if (!form.form_error().empty()) {
        ImGui::Spacing();
        error_text(form.form_error().c_str());
    }
    ImGui::Spacing();
    ImGui::SetCursorPosX(field_column(kLayout));
    ImGui::BeginDisabled(form.busy());
    submit = primary_button(form.busy() ? "正在提交…###提交注册" : "提交注册###提交注册",
                            ImVec2(140, 0)) ||
             submit;
    ImGui::EndDisabled();
    if (submit) {
        app.person().submit_registration();
    }
}

void draw_success(PortalApp& app) {
    RegistrationForm& form = app.person().registration();
    const RegisteredAccount& account = *form.registered();
    section_heading("注册成功");
    ImGui::Spacing();
    if (account.kind == RegistrationKind::Unit) {
        ImGui::TextWrapped("单位“%s”及单位法人账号已注册。", account.unit_name.c_str());
    }
    ImGui::TextWrapped("%s，您的用户名为 %s，请牢记。", account.name.c_str(),
                       account.account.c_str());
    note_text(account.kind == RegistrationKind::Unit
                  ? "单位法人登录需同时使用用户名、手机短信验证码和密码。登录后请先确认单位信息，"
                    "再通过“经办人管理”为经办人开通账号。"
                  : "现在可以使用用户名、身份证号码或手机号码加密码登录。");
    ImGui::Spacing();
    const UserKind kind =
        account.kind == RegistrationKind::Unit ? UserKind::LegalPerson : UserKind::Person;
    if (primary_button("立即登录", ImVec2(140, 0))) {
        form.start_over();
        app.navigate(Screen::Home);
        app.open_login(kind);
    }
    ImGui::SameLine();
    if (ImGui::Button("继续注册", ImVec2(120, 0))) {
        form.start_over();
    }
}

} // namespace

void back_home_button(PortalApp& app) {
    if (ImGui::Button("返回首页")) {
        app.navigate(Screen::Home);
    }
}

void draw_registration(PortalApp& app) {
    back_home_button(app);
    ImGui::Spacing();
    const float width = std::min(kFormMaxWidth, ImGui::GetContentRegionAvail().x);
    begin_card(width);
    if (app.person().registration().registered()) {
        draw_success(app);
    } else {
        section_heading("用户注册");
        ImGui::Spacing();
        draw_form(app);
    }
    end_card();
}

} // namespace portal::ui
