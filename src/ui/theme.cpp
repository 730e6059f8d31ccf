#include "ui/theme.h"

#include "ui/widget_registry.h"

namespace portal::ui {

bool compact_layout() {
    return ImGui::GetMainViewport()->WorkSize.x < kCompactWidth;
}

void apply_theme() {
    ImGuiStyle& style = ImGui::GetStyle();
    ImGui::StyleColorsLight(&style);

    style.FontSizeBase = kBodyFontSize;
    style.WindowPadding = ImVec2(16, 16);
    style.FramePadding = ImVec2(10, 7);
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.WindowRounding = 6;
    style.ChildRounding = 6;
    style.FrameRounding = 4;
    style.PopupRounding = 4;
    style.GrabRounding = 4;
    style.TabRounding = 4;
    style.WindowBorderSize = 1;
    style.ChildBorderSize = 1;
    style.FrameBorderSize = 1;
    style.ScrollbarSize = 12;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::kText);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(colors::kMutedText);
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::kPage);
    c[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(colors::kCard);
    c[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(colors::kCard);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(colors::kBorder);
    c[ImGuiCol_Separator] = ImGui::ColorConvertU32ToFloat4(colors::kBorder);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.93f, 0.96f, 1.0f, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.89f, 0.94f, 1.0f, 1);
    c[ImGuiCol_Button] = ImVec4(0.93f, 0.95f, 0.98f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.85f, 0.91f, 0.98f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.76f, 0.86f, 0.97f, 1);
    c[ImGuiCol_Tab] = ImVec4(0.93f, 0.95f, 0.98f, 1);
    c[ImGuiCol_TabHovered] = ImVec4(0.80f, 0.88f, 0.97f, 1);
    c[ImGuiCol_TabSelected] = ImVec4(0.84f, 0.91f, 0.99f, 1);
    c[ImGuiCol_TabSelectedOverline] = ImGui::ColorConvertU32ToFloat4(colors::kBrand);
    c[ImGuiCol_CheckMark] = ImGui::ColorConvertU32ToFloat4(colors::kBrand);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1f, 0.15f, 0.2f, 0.45f);
    c[ImGuiCol_TitleBgActive] = ImGui::ColorConvertU32ToFloat4(colors::kBrand);
    c[ImGuiCol_TitleBg] = ImGui::ColorConvertU32ToFloat4(colors::kBrand);
    c[ImGuiCol_NavCursor] = ImGui::ColorConvertU32ToFloat4(colors::kBrandDark);
}

void same_line_if_fits(float next_width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // After an item the cursor sits on a new line, so this is the right edge of the content.
    const float right_edge = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (ImGui::GetItemRectMax().x + spacing + next_width <= right_edge) {
        ImGui::SameLine();
    }
}

bool primary_button(const char* label, const ImVec2& size) {
    ImGui::PushStyleColor(ImGuiCol_Button, colors::kBrand);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::kBrandDark);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors::kBrandDark);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kOnBrand);
    bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

namespace {

void draw_error(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kError);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

} // namespace

void error_text(const char* text) {
    draw_error(text);
    report_message(text);
}

bool load_error(const char* text, const char* button) {
    error_text(text);
    return ImGui::Button(button);
}

void field_error_text(const char* text) {
    draw_error(text);
    report_field_message(text);
}

bool begin_dialog(const char* id, bool open_requested, float width) {
    if (open_requested && !ImGui::IsPopupOpen(id)) {
        ImGui::OpenPopup(id);
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(compact_layout() ? 340.0f : width, 0));
    return ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar);
}

void dialog_title(const char* title) {
    ImGui::PushFont(nullptr, kSectionFontSize);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::Separator();
}

} // namespace portal::ui
