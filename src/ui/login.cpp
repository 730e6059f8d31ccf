#include "ui/login.h"

#include "app/portal_app.h"
#include "ui/form_fields.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <algorithm>

namespace portal::ui {

namespace {

constexpr const char* kDialogTitle = "用户登录";
constexpr float kDialogWidth = 580.0f;
constexpr FormLayout kLayout{150.0f, 370.0f};

struct KindTab {
    UserKind kind;
    const char* label;
};

constexpr KindTab kKindTabs[] = {
    {UserKind::Person, "个人用户"},
    {UserKind::Agent, "单位经办人"},
    {UserKind::LegalPerson, "单位法人"},
};

// Draws one labelled field with its messages; returns true when Enter was pressed in it.
bool draw_field(PortalApp& app, LoginField field, bool focus_first) {
    LoginForm& form = app.login_form();
    const char* label = login_field_label(form.method(), field);
    if (focus_first) {
        // Applies to the next item drawn, which is the field after its label.
        ImGui::SetKeyboardFocusHere(0);
    }

    ImGuiInputTextFlags flags = 0;
    if (field == LoginField::Password) {
        flags |= ImGuiInputTextFlags_Password;
    }
    if (field == LoginField::Mobile || field == LoginField::SmsCode) {
        flags |= ImGuiInputTextFlags_CharsDecimal;
    }
    const bool with_sms = field == LoginField::SmsCode && login_method_sends_sms(form.method());
    const FieldEvents events = labeled_input(kLayout, label, form.value(field), flags, nullptr,
                                             with_sms ? sms_button_width() : 0.0f);
    if (events.deactivated) {
        form.check_field(field);
    } else if (events.edited) {
        form.field_edited(field);
    }
    if (with_sms && sms_button(app, kLayout, form.sms(), form.value(LoginField::Mobile),
                               "login-sms")) {
        app.send_login_sms();
    }
    field_messages(kLayout, form.field_error(field), form.field_warning(field));
    return events.entered;
}

void draw_method_switch(LoginForm& form) {
    const auto& methods = login_methods(form.kind());
    if (methods.size() < 2) {
        return;
    }
    bool first = true;
    for (LoginMethod method : methods) {
        const char* label = login_method_label(method);
        const float width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                            ImGui::CalcTextSize(label).x;
        if (!first) {
            same_line_if_fits(width);
        }
        if (radio_button(label, form.method() == method)) {
            form.select_method(method);
        }
        first = false;
    }
}

void open_registration(PortalApp& app, RegistrationKind kind) {
    app.person().registration().select_kind(kind);
    app.close_login();
    app.navigate(Screen::Registration);
}

void draw_kind_note(PortalApp& app) {
    LoginForm& form = app.login_form();
    ImGui::Spacing();
    switch (form.kind()) {
    case UserKind::Agent:
        note_text("经办人账号由单位法人通过“单位网报开通/校验”创建，初始密码以短信发送，无需注册。"
                  "单位有多名经办人时，请按提示填写本人的手机号码。");
        break;
    case UserKind::Person:
        ImGui::SetCursorPosX(field_column(kLayout));
        if (ImGui::SmallButton("没有账号？注册个人用户")) {
            open_registration(app, RegistrationKind::Person);
        }
        break;
    case UserKind::LegalPerson:
        ImGui::SetCursorPosX(field_column(kLayout));
        if (ImGui::SmallButton("单位尚未注册？注册单位")) {
            open_registration(app, RegistrationKind::Unit);
        }
        break;
    }
}

void draw_form(PortalApp& app, bool just_opened) {
    LoginForm& form = app.login_form();
    draw_method_switch(form);
    ImGui::Spacing();

    bool submit = false;
    bool first = true;
    for (LoginField field :
         {LoginField::Account, LoginField::Mobile, LoginField::SmsCode, LoginField::Password}) {
        if (!form.uses(field)) {
            continue;
        }
        submit = draw_field(app, field, just_opened && first) || submit;
        first = false;
    }

    if (!form.form_error().empty()) {
        ImGui::Spacing();
        error_text(form.form_error().c_str());
    }

    ImGui::Spacing();
    ImGui::SetCursorPosX(field_column(kLayout));
    ImGui::BeginDisabled(form.busy());
    submit = primary_button(form.busy() ? "正在登录…###登录" : "登录###登录", ImVec2(140, 0)) ||
             submit;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("取消", ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        app.close_login();
    }

    draw_kind_note(app);
    if (submit) {
        app.submit_login();
    }
}

// The first-login step of an agent: a new password in place of the initial one.
void draw_password_step(PortalApp& app) {
    LoginForm& form = app.login_form();
    section_heading("首次登录，请设置新密码");
    note_text("您正在使用单位网报开通时短信发送的初始密码。设置新密码后即可办理业务。");
    ImGui::Spacing();

    bool submit = false;
    struct Row {
        PasswordField field;
        const char* label;
    };
    for (const Row& row : {Row{PasswordField::NewPassword, "新密码"},
                           Row{PasswordField::Confirmation, "确认新密码"}}) {
        const FieldEvents events = labeled_input(kLayout, row.label, form.password_value(row.field),
                                                 ImGuiInputTextFlags_Password);
        if (events.deactivated || (events.edited && !form.password_error(row.field).empty())) {
            form.check_password_field(row.field);
        }
        submit = submit || events.entered;
        field_messages(kLayout, form.password_error(row.field), "");
        if (row.field == PasswordField::NewPassword) {
            password_rules(kLayout, form.password_value(PasswordField::NewPassword));
        }
    }

    if (!form.form_error().empty()) {
        ImGui::Spacing();
        error_text(form.form_error().c_str());
    }
    ImGui::Spacing();
    ImGui::SetCursorPosX(field_column(kLayout));
    ImGui::BeginDisabled(form.busy());
    submit = primary_button(form.busy() ? "正在提交…###设置密码" : "确认设置###设置密码",
                            ImVec2(140, 0)) ||
             submit;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("退出登录", ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        app.close_login();
    }
    if (submit) {
        app.submit_login();
    }
}

} // namespace

void draw_login_dialog(PortalApp& app) {
    static bool was_open = false;
    const bool just_opened = app.login_open() && !was_open;
    was_open = app.login_open();

    if (just_opened) {
        ImGui::OpenPopup(kDialogTitle);
    }
    const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    const float margin = 8.0f;
    ImGui::SetNextWindowSize(
        ImVec2(std::min(kDialogWidth, ImGui::GetMainViewport()->WorkSize.x - 2 * margin), 0));

    bool open = true;
    if (!ImGui::BeginPopupModal(kDialogTitle, &open, ImGuiWindowFlags_NoResize)) {
        if (app.login_open()) {
            app.close_login();
        }
        return;
    }
    if (!app.login_open() || !open) {
        if (app.login_open()) {
            app.close_login();
        }
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }

    LoginForm& form = app.login_form();
    if (form.setting_password()) {
        draw_password_step(app);
        ImGui::EndPopup();
        return;
    }
    if (ImGui::BeginTabBar("登录方式")) {
        for (const KindTab& tab : kKindTabs) {
            ImGuiTabItemFlags flags =
                (just_opened && form.kind() == tab.kind) ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(tab.label, nullptr, flags)) {
                // While opening, the bar still shows the tab selected last time; the requested
                // one takes over from the next frame on.
                if (!just_opened) {
                    form.select_kind(tab.kind);
                }
                ImGui::Spacing();
                draw_form(app, just_opened);
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    ImGui::EndPopup();
}

} // namespace portal::ui
