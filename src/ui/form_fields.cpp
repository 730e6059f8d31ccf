#include "ui/form_fields.h"

#include "app/password_policy.h"
#include "app/portal_app.h"
#include "app/sms_code.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

#include "misc/cpp/imgui_stdlib.h"

namespace portal::ui {

namespace {

constexpr ImU32 kWarning = IM_COL32(176, 104, 0, 255);
constexpr ImU32 kRuleMet = IM_COL32(30, 140, 70, 255);

// The card being drawn: its splitter puts the background below the content drawn first.
struct Card {
    ImDrawListSplitter splitter;
    ImVec2 origin;
    float width = 0;
    bool open = false;
};
Card card;

} // namespace

float available_width() {
    if (!card.open) {
        return ImGui::GetContentRegionAvail().x;
    }
    const float padding = ImGui::GetStyle().WindowPadding.x;
    return card.origin.x + card.width - padding - ImGui::GetCursorScreenPos().x;
}

void begin_card(float width) {
    IM_ASSERT(!card.open && "cards do not nest");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    card.open = true;
    card.width = width;
    card.origin = ImGui::GetCursorScreenPos();
    card.splitter.Split(draw, 2);
    card.splitter.SetCurrentChannel(draw, 1);

    const ImVec2 padding = ImGui::GetStyle().WindowPadding;
    ImGui::SetCursorScreenPos(ImVec2(card.origin.x + padding.x, card.origin.y + padding.y));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - padding.x * 2);
}

void end_card() {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const ImVec2 padding = ImGui::GetStyle().WindowPadding;
    const ImVec2 max(card.origin.x + card.width, ImGui::GetItemRectMax().y + padding.y);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    card.splitter.SetCurrentChannel(draw, 0);
    const float rounding = ImGui::GetStyle().ChildRounding;
    draw->AddRectFilled(card.origin, max, colors::kCard, rounding);
    draw->AddRect(card.origin, max, colors::kBorder, rounding);
    card.splitter.Merge(draw);
    card.open = false;

    ImGui::SetCursorScreenPos(card.origin);
    ImGui::Dummy(ImVec2(card.width, max.y - card.origin.y));
}

float field_column(const FormLayout& layout) {
    // Inside a card the group of the card's content starts the rows; SetCursorPosX, which
    // callers use with this, counts from the window's left edge.
    float left = 0.0f;
    if (card.open) {
        left = card.origin.x + ImGui::GetStyle().WindowPadding.x - ImGui::GetWindowPos().x +
               ImGui::GetScrollX();
    }
    if (compact_layout()) {
        return card.open ? left : ImGui::GetStyle().WindowPadding.x;
    }
    return left + layout.label_width;
}

FieldEvents labeled_input(const FormLayout& layout, const char* label, std::string& value,
                          ImGuiInputTextFlags flags, const char* hint, float trailing_width) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (compact_layout()) {
        const float width = available_width() -
                            (trailing_width > 0 ? trailing_width + spacing : 0.0f);
        ImGui::SetNextItemWidth(width);
    } else {
        ImGui::SameLine(layout.label_width);
        ImGui::SetNextItemWidth(layout.field_width -
                                (trailing_width > 0 ? trailing_width + spacing : 0.0f));
    }

    FieldEvents events;
    // The "##" prefix keeps the label out of the widget while naming it for the registry.
    const std::string id = std::string("##") + label;
    events.entered = ImGui::InputTextWithHint(id.c_str(), hint != nullptr ? hint : label, &value,
                                              flags | ImGuiInputTextFlags_EnterReturnsTrue);
    events.edited = ImGui::IsItemEdited();
    events.deactivated = ImGui::IsItemDeactivated();
    return events;
}

void field_messages(const FormLayout& layout, const std::string& error,
                    const std::string& warning) {
    if (!error.empty()) {
        ImGui::SetCursorPosX(field_column(layout));
        field_error_text(error.c_str());
    }
    if (!warning.empty()) {
        ImGui::SetCursorPosX(field_column(layout));
        warning_text(warning.c_str());
    }
}

void warning_text(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kWarning);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    report_message(text);
}

void note_text(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kMutedText);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

float sms_button_width() {
    return ImGui::CalcTextSize("重新获取(0:00)").x + ImGui::GetStyle().FramePadding.x * 2;
}

bool sms_button(PortalApp& app, const FormLayout& layout, const SmsCodeSender& sender,
                const std::string& mobile_input, const char* id) {
    const double now = app.now_seconds();
    const int wait = sender.seconds_until_resend(mobile_input, now);
    const std::string label = sender.button_label(mobile_input, now) + "###" + id;

    ImGui::SameLine();
    ImGui::BeginDisabled(sender.busy() || wait > 0);
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(sms_button_width(), 0));
    ImGui::EndDisabled();

    const std::string status = sender.status(now);
    if (!status.empty()) {
        ImGui::SetCursorPosX(field_column(layout));
        note_text(status.c_str());
    }
    field_messages(layout, sender.error(), sender.warning());
    if (wait > 0 || sender.seconds_until_expiry(now) > 0) {
        app.redraw_after(1.0);
    }
    return pressed;
}

void password_rules(const FormLayout& layout, const std::string& password) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float radius = ImGui::GetFontSize() * 0.28f;
    for (const PasswordRule& rule : check_password_rules(password)) {
        ImGui::SetCursorPosX(field_column(layout));
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 centre(origin.x + radius + 1, origin.y + ImGui::GetTextLineHeight() * 0.5f);
        if (rule.met) {
            draw->AddCircleFilled(centre, radius, kRuleMet);
        } else {
            draw->AddCircle(centre, radius, colors::kMutedText, 0, 1.5f);
        }
        ImGui::SetCursorPosX(field_column(layout) + radius * 2 + 8);
        ImGui::PushStyleColor(ImGuiCol_Text, rule.met ? kRuleMet : colors::kMutedText);
        ImGui::TextWrapped("%s", rule.label);
        ImGui::PopStyleColor();
    }
}

void divider() {
    ImGui::Spacing();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(start, ImVec2(start.x + available_width(), start.y),
                                        colors::kBorder);
    ImGui::Dummy(ImVec2(0, 1));
    ImGui::Spacing();
}

void section_heading(const char* title) {
    ImGui::PushFont(nullptr, kSectionFontSize);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
}

} // namespace portal::ui
