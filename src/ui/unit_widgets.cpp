#include "ui/unit_widgets.h"

#include "ui/theme.h"
#include "ui/widget_registry.h"

#include <cfloat>

namespace portal::ui {

namespace {
constexpr ImU32 kSuccess = IM_COL32(30, 130, 70, 255);
constexpr ImU32 kPending = IM_COL32(190, 120, 10, 255);
} // namespace

void screen_heading(const char* title, const char* subtitle) {
    ImGui::PushFont(nullptr, kSectionFontSize);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    if (subtitle != nullptr) {
        muted_text(subtitle);
    }
    ImGui::Separator();
    ImGui::Spacing();
}

void form_label(const char* label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    if (compact_layout()) {
        ImGui::SetNextItemWidth(-FLT_MIN);
    } else {
        ImGui::SameLine(kFormLabelWidth);
        ImGui::SetNextItemWidth(kFormFieldWidth);
    }
}

void field_error_beside(const std::string& error) {
    if (error.empty()) {
        return;
    }
    if (compact_layout()) {
        field_error_text(error.c_str());
        return;
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    field_error_text(error.c_str());
}

void muted_text(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kMutedText);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void success_text(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kSuccess);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

bool string_combo(const char* id, int* index, const std::vector<const char*>& items) {
    if (items.empty()) {
        return false;
    }
    if (*index < 0 || *index >= static_cast<int>(items.size())) {
        *index = 0;
    }
    bool changed = false;
    if (begin_combo(id, items[static_cast<size_t>(*index)])) {
        for (int i = 0; i < static_cast<int>(items.size()); ++i) {
            const bool selected = i == *index;
            if (ImGui::Selectable(items[static_cast<size_t>(i)], selected)) {
                *index = i;
                changed = true;
            }
            if (selected) {
                ImGui::SetItemDefaultFocus();
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

int pager(const char* id, int page, int page_count, long long total) {
    int target = 0;
    ImGui::PushID(id);
    ImGui::BeginDisabled(page <= 1);
    if (ImGui::Button("上一页")) {
        target = page - 1;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("第 %d / %d 页，共 %lld 条", page, page_count, total);
    ImGui::SameLine();
    ImGui::BeginDisabled(page >= page_count);
    if (ImGui::Button("下一页")) {
        target = page + 1;
    }
    ImGui::EndDisabled();
    ImGui::PopID();
    return target;
}

bool export_button(const ListExport& exports, const char* id) {
    const std::string label = std::string(exports.busy() ? "正在导出…" : "导出CSV") + "##" + id;
    same_line_if_fits(100);
    ImGui::BeginDisabled(exports.busy());
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(100, 0));
    ImGui::EndDisabled();
    return pressed;
}

void export_outcome(const ListExport& exports) {
    if (!exports.error().empty()) {
        error_text(exports.error().c_str());
    } else if (!exports.notice().empty()) {
        success_text(exports.notice().c_str());
    }
}

ImU32 status_color(const std::string& status) {
    if (status == "approved") {
        return kSuccess;
    }
    if (status == "rejected") {
        return colors::kError;
    }
    if (status == "pending") {
        return kPending;
    }
    return colors::kMutedText;
}

} // namespace portal::ui
