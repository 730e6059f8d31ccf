#include "app/portal_app.h"
#include "ui/form_fields.h"
#include "ui/person_screens.h"
#include "ui/theme.h"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace portal::ui {

namespace {

constexpr float kHistoryHeight = 430.0f;
constexpr float kBubblePadding = 10.0f;
constexpr ImU32 kUserBubble = IM_COL32(22, 96, 171, 255);
constexpr ImU32 kAssistantBubble = IM_COL32(238, 243, 249, 255);

// One message as a rounded bubble: the user's on the right in the brand colour, the
// assistant's on the left.
void draw_bubble(const ChatMessage& message, float width) {
    const bool from_user = message.role == ChatRole::User;
    const float max_text_width = width * (compact_layout() ? 0.85f : 0.7f);
    const ImVec2 text_size =
        ImGui::CalcTextSize(message.text.c_str(), nullptr, false, max_text_width);
    const ImVec2 bubble(text_size.x + kBubblePadding * 2, text_size.y + kBubblePadding * 2);

    const float x = from_user ? ImGui::GetCursorPosX() + width - bubble.x - 4
                              : ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + bubble.x, origin.y + bubble.y),
                        from_user ? kUserBubble : kAssistantBubble, 8.0f);
    draw->AddText(nullptr, 0.0f, ImVec2(origin.x + kBubblePadding, origin.y + kBubblePadding),
                  from_user ? colors::kOnBrand : colors::kText, message.text.c_str(), nullptr,
                  max_text_width);
    ImGui::Dummy(bubble);
}

void draw_history(PortalApp& app, AssistantChat& chat) {
    static std::uint64_t shown_revision = 0;
    const float height = compact_layout() ? 360.0f : kHistoryHeight;
    ImGui::BeginChild("##对话记录", ImVec2(0, height), ImGuiChildFlags_Borders);
    const float width = ImGui::GetContentRegionAvail().x;
    std::string question;
    for (size_t i = 0; i < chat.messages().size(); ++i) {
        const ChatMessage& message = chat.messages()[i];
        ImGui::PushID(static_cast<int>(i));
        draw_bubble(message, width);
        if (!message.suggestions.empty()) {
            ImGui::TextDisabled("您可能还想问：");
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 4));
            for (const std::string& suggestion : message.suggestions) {
                if (ImGui::Button(suggestion.c_str())) {
                    question = suggestion;
                }
            }
            ImGui::PopStyleVar();
        }
        ImGui::PopID();
        ImGui::Spacing();
    }
    // Follows the conversation: a new message scrolls the history to its end.
    if (chat.revision() != shown_revision) {
        shown_revision = chat.revision();
        ImGui::SetScrollHereY(1.0f);
        app.redraw_after(0.05);
    }
    ImGui::EndChild();
    if (!question.empty()) {
        chat.ask(question);
    }
}

} // namespace

void draw_assistant_panel(PortalApp& app) {
    back_home_button(app);
    ImGui::Spacing();
    AssistantChat& chat = app.person().assistant();
    section_heading("小易智能客服");
    note_text("小易根据平台常见问题解答登录、注册、业务办理等操作疑问，不涉及您的个人数据。");
    if (!chat.ready()) {
        ImGui::TextDisabled("小易正在加载知识库…");
    }
    draw_history(app, chat);

    // Enter ends the field's editing; the next frame gives it the focus back for another
    // question.
    static bool refocus = false;
    const float send_width = 90.0f;
    const float clear_width = 100.0f;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - send_width - clear_width -
                            spacing * 2);
    if (refocus) {
        ImGui::SetKeyboardFocusHere();
        refocus = false;
    }
    const bool entered =
        ImGui::InputTextWithHint("##向小易提问", "请输入您的问题，例如：验证码收不到怎么办",
                                 &chat.draft(), ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    const bool send = primary_button("发送", ImVec2(send_width, 0));
    ImGui::SameLine();
    if (ImGui::Button("清空对话", ImVec2(clear_width, 0))) {
        chat.clear();
    }
    if (entered || send) {
        chat.submit_draft();
        refocus = entered;
    }
}

} // namespace portal::ui
