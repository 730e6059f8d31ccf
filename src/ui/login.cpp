#include "ui/login.h"

#include "app/portal_app.h"
#include "ui/theme.h"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

#include <algorithm>
#include <cfloat>

namespace portal::ui {

namespace {

constexpr const char* kDialogTitle = "用户登录";
constexpr float kLabelWidth = 170.0f;
constexpr float kFieldWidth = 300.0f;
constexpr float kDialogWidth = 560.0f;

// The x offset of the field column inside the dialog: beside the labels, or under them on
// a phone.
float field_column() {
    return compact_layout() ? ImGui::GetStyle().WindowPadding.x : kLabelWidth;
}

struct KindTab {
    UserKind kind;
    const char* label;
};

constexpr KindTab kKindTabs[] = {
    {UserKind::Person, "个人用户"},
    {UserKind::Agent, "单位经办人"},
    {UserKind::LegalPerson, "单位法人"},
};

// Draws one labelled field with its error underneath; returns true when Enter was pressed in it.
bool draw_field(LoginForm& form, LoginField field, bool focus_first) {
    const LoginMethod method = form.method();
    const char* label = login_field_label(method, field);

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    if (compact_layout()) {
        ImGui::SetNextItemWidth(-FLT_MIN);
    } else {
        ImGui::SameLine(kLabelWidth);
        ImGui::SetNextItemWidth(kFieldWidth);
    }
    if (focus_first) {
        ImGui::SetKeyboardFocusHere();
    }

    ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
    if (field == LoginField::Password) {
        flags |= ImGuiInputTextFlags_Password;
    }
    if (field == LoginField::Mobile || field == LoginField::SmsCode) {
        flags |= ImGuiInputTextFlags_CharsDecimal;
    }
    // The "##" part keeps the visible label out of the widget while naming it for the registry.
    std::string id = std::string("##") + label;
    bool entered = ImGui::InputTextWithHint(id.c_str(), label, &form.value(field), flags);
    if (ImGui::IsItemDeactivated()) {
        form.check_field(field);
    }

    const std::string& error = form.field_error(field);
    if (!error.empty()) {
        ImGui::SetCursorPosX(field_column());
        error_text(error.c_str());
    }
    return entered;
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
        if (ImGui::RadioButton(label, form.method() == method)) {
            form.select_method(method);
        }
        first = false;
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
        if (!login_method_uses(form.method(), field)) {
            continue;
        }
        submit = draw_field(form, field, just_opened && first) || submit;
        first = false;
    }

    if (!form.form_error().empty()) {
        ImGui::Spacing();
        error_text(form.form_error().c_str());
    }

    ImGui::Spacing();
    ImGui::SetCursorPosX(field_column());
    ImGui::BeginDisabled(form.busy());
    submit = primary_button(form.busy() ? "正在登录…###登录" : "登录###登录", ImVec2(140, 0)) ||
             submit;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("取消", ImVec2(100, 0))) {
        app.close_login();
    }

    if (form.kind() == UserKind::Agent) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", "经办人账号由单位法人通过“单位网报开通/校验”创建，无需注册。");
        ImGui::PopStyleColor();
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
