#include "ui/home.h"

#include "app/portal_app.h"
#include "ui/theme.h"

#include "imgui.h"

#include <initializer_list>

namespace portal::ui {

namespace {

constexpr float kCardHeight = 230.0f;

void section_title(const char* title) {
    ImGui::PushFont(nullptr, kSectionFontSize);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
}

struct ServiceCard {
    const char* id;
    const char* title;
    const char* description;
    std::initializer_list<const char*> services;
    UserKind login_kind;
    const char* login_label;
    // The registration offered beside the login, and its button label.
    RegistrationKind register_kind;
    const char* register_label;
};

// One service-hall card: a title, a line of description, what can be done there and its
// login entrance.
void service_card(PortalApp& app, const ServiceCard& card, float width) {
    ImGui::BeginChild(card.id, ImVec2(width, kCardHeight), ImGuiChildFlags_Borders);
    section_title(card.title);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kMutedText);
    ImGui::TextWrapped("%s", card.description);
    ImGui::PopStyleColor();
    ImGui::Spacing();
    for (const char* service : card.services) {
        ImGui::Bullet();
        ImGui::TextUnformatted(service);
    }
    if (!app.session()) {
        ImGui::SetCursorPosY(kCardHeight - ImGui::GetFrameHeight() -
                             ImGui::GetStyle().WindowPadding.y);
        if (primary_button(card.login_label, ImVec2(160, 0))) {
            app.open_login(card.login_kind);
        }
        ImGui::SameLine();
        if (ImGui::Button(card.register_label, ImVec2(130, 0))) {
            app.person().registration().select_kind(card.register_kind);
            app.navigate(Screen::Registration);
        }
    }
    ImGui::EndChild();
}

void notices_card(PortalApp& app, float width) {
    ImGui::BeginChild("通知公告", ImVec2(width, 0), ImGuiChildFlags_Borders |
                                                      ImGuiChildFlags_AutoResizeY);
    section_title("通知公告");
    ImGui::Separator();
    const auto& notices = app.settings().notices;
    if (notices.empty()) {
        ImGui::TextDisabled("暂无公告");
    }
    for (const Notice& notice : notices) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", notice.title.c_str());
        if (compact_layout()) {
            // On a phone the date goes under the title, aligned with it.
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetTreeNodeToLabelSpacing());
        } else {
            ImGui::SameLine(width - 110);
        }
        ImGui::TextDisabled("%s", notice.date.c_str());
    }
    ImGui::EndChild();
}

void quick_links(PortalApp& app) {
    section_title("便民服务");
    const ImVec2 size(compact_layout() ? 150.0f : 170.0f, 44);
    if (ImGui::Button("下载中心", size)) {
        app.navigate(Screen::Downloads);
    }
    same_line_if_fits(size.x);
    if (ImGui::Button("小易智能客服", size)) {
        app.navigate(Screen::Assistant);
    }
    same_line_if_fits(size.x);
    if (ImGui::Button("政策法规", size)) {
        app.open_link(app.settings().policySiteUrl);
    }
    same_line_if_fits(size.x);
    if (ImGui::Button("返回旧版网厅", size)) {
        app.open_link(app.settings().legacyHallUrl);
    }
}

void signed_in_panel(PortalApp& app, float width) {
    const Session& session = *app.session();
    ImGui::BeginChild("我的服务", ImVec2(width, 0),
                      ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY);
    section_title("我的服务");
    ImGui::Text("欢迎您，%s。", session.user.name.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kMutedText);
    ImGui::TextWrapped("%s", "您已登录，可办理与您身份相符的业务。");
    ImGui::PopStyleColor();
    if (session.user.kind == UserKind::Person) {
        if (primary_button("我的社保权益", ImVec2(160, 0))) {
            app.navigate(Screen::PersonRights);
        }
    }
    ImGui::EndChild();
}

} // namespace

void draw_home(PortalApp& app) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;

    if (app.session()) {
        signed_in_panel(app, width);
        ImGui::Spacing();
    }

    section_title("服务大厅");
    const bool stacked = compact_layout();
    const float card_width = stacked ? width : (width - gap) * 0.5f;
    service_card(app,
                 {"##个人服务", "个人服务", "面向参保个人，登录后可办理：",
                  {"社会保险参保状态查询", "个人缴费记录查询", "个人用户注册"},
                  UserKind::Person, "个人登录", RegistrationKind::Person, "个人注册"},
                 card_width);
    if (!stacked) {
        ImGui::SameLine();
    }
    service_card(app,
                 {"##单位服务", "单位服务", "面向参保单位的经办人和法人，登录后可办理：",
                  {"开通多险平台，办理增员、减员、人员信息变更", "人员申报查询与申报业务回退",
                   "单位法人：单位信息确认、经办人管理"},
                  UserKind::Agent, "单位登录", RegistrationKind::Unit, "单位注册"},
                 card_width);

    ImGui::Spacing();
    notices_card(app, width);
    ImGui::Spacing();
    quick_links(app);
}

} // namespace portal::ui
