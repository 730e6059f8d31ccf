#include "ui/widget_registry.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <nlohmann/json.hpp>

#include <cstring>

namespace portal::ui {

namespace {

struct PendingRect {
    ImGuiID id = 0;
    ImRect rect;
};

std::vector<WidgetInfo> collecting;
std::vector<WidgetInfo> completed;
PendingRect last_added;

WidgetRole role_from(ImGuiContext* context, ImGuiID id, ImGuiItemStatusFlags flags) {
    if (flags & ImGuiItemStatusFlags_Inputable) {
        return WidgetRole::TextBox;
    }
    if (flags & ImGuiItemStatusFlags_Checkable) {
        return WidgetRole::Checkbox;
    }
    // Tab items report no status flag of their own: recognise them by their tab bar.
    ImGuiTabBar* tab_bar = context->CurrentTabBar;
    if (tab_bar != nullptr && ImGui::TabBarFindTabByID(tab_bar, id) != nullptr) {
        return WidgetRole::Tab;
    }
    return WidgetRole::Button;
}

std::string visible_label(const char* label) {
    if (label == nullptr) {
        return "";
    }
    const char* end = std::strstr(label, "##");
    return end == nullptr ? std::string(label) : std::string(label, end);
}

const char* role_name(WidgetRole role) {
    switch (role) {
    case WidgetRole::Button:
        return "button";
    case WidgetRole::TextBox:
        return "textbox";
    case WidgetRole::Checkbox:
        return "checkbox";
    case WidgetRole::Tab:
        return "tab";
    case WidgetRole::Other:
        break;
    }
    return "other";
}

} // namespace

void begin_widget_frame(ImGuiContext* context) {
    collecting.clear();
    last_added = {};
    context->TestEngineHookItems = true;
}

void end_widget_frame() {
    completed.swap(collecting);
}

const std::vector<WidgetInfo>& last_frame_widgets() {
    return completed;
}

std::string last_frame_widgets_json() {
    nlohmann::json list = nlohmann::json::array();
    for (const WidgetInfo& widget : completed) {
        list.push_back({{"id", widget.id},
                        {"role", role_name(widget.role)},
                        {"label", widget.label},
                        {"checked", widget.checked},
                        {"focused", widget.focused},
                        {"x", widget.x},
                        {"y", widget.y},
                        {"width", widget.width},
                        {"height", widget.height}});
    }
    return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace portal::ui

// Dear ImGui calls these when built with IMGUI_ENABLE_TEST_ENGINE (declared in imgui_internal.h).

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData*) {
    portal::ui::last_added = {id, bb};
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    using namespace portal::ui;
    if (last_added.id != id || label == nullptr) {
        return;
    }
    std::string text = visible_label(label);
    if (text.empty()) {
        return;
    }
    WidgetInfo widget;
    widget.id = id;
    widget.role = role_from(ctx, id, flags);
    widget.label = std::move(text);
    widget.checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
    if (widget.role == WidgetRole::Tab) {
        widget.checked = ctx->CurrentTabBar->SelectedTabId == id;
    }
    widget.focused = ctx->ActiveId == id || ctx->NavId == id;
    const ImRect& rect = last_added.rect;
    widget.x = rect.Min.x;
    widget.y = rect.Min.y;
    widget.width = rect.GetWidth();
    widget.height = rect.GetHeight();
    collecting.push_back(std::move(widget));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}
