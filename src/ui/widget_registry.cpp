#include "ui/widget_registry.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <nlohmann/json.hpp>

#include <cstring>

namespace portal::ui {

namespace {

std::vector<WidgetInfo> collecting;
std::vector<WidgetInfo> completed;
struct AddedItem {
    ImRect rect;
    bool disabled = false;
};

// Items reported by the item-add hook this frame. A widget's info usually follows its own
// rectangle at once, but a tab bar reports its tabs' info after the tab contents.
ImPool<AddedItem> items_this_frame;

// The combo box whose list is open. Its shown value marks the selected option, and its modal
// dialog, if any, contains the options too.
struct OpenCombo {
    std::string value;
    unsigned int dialog = 0;
};
OpenCombo open_combo;

// The id of the modal dialog that the window being drawn belongs to, 0 for none.
unsigned int enclosing_dialog(ImGuiContext* context) {
    ImGuiWindow* window = context->CurrentWindow;
    if (window == nullptr || window->RootWindow == nullptr) {
        return 0;
    }
    return (window->RootWindow->Flags & ImGuiWindowFlags_Modal) ? window->RootWindow->ID : 0;
}

WidgetRole role_from(ImGuiItemStatusFlags flags) {
    if (flags & ImGuiItemStatusFlags_Inputable) {
        return WidgetRole::TextBox;
    }
    if (flags & ImGuiItemStatusFlags_Checkable) {
        return WidgetRole::Checkbox;
    }
    return WidgetRole::Button;
}

// The tab of the current tab bar with `id`, if `id` is a tab. Tabs report no status flag of
// their own, and their info arrives after the tab contents, so they are found through the bar.
const ImGuiTabItem* find_tab(ImGuiContext* context, ImGuiID id) {
    ImGuiTabBar* tab_bar = context->CurrentTabBar;
    return tab_bar == nullptr ? nullptr : ImGui::TabBarFindTabByID(tab_bar, id);
}

std::string visible_label(const char* label) {
    if (label == nullptr) {
        return "";
    }
    const char* hidden = std::strstr(label, "##");
    if (hidden == nullptr) {
        return label;
    }
    if (hidden != label) {
        return std::string(label, hidden);
    }
    const char* name = label;
    for (const char* next = label; (next = std::strstr(next, "##")) != nullptr; next += 2) {
        name = next + 2;
    }
    while (*name == '#') {
        ++name;
    }
    return name;
}

const char* role_name(WidgetRole role) {
    switch (role) {
    case WidgetRole::Button:
        return "button";
    case WidgetRole::TextBox:
        return "textbox";
    case WidgetRole::Checkbox:
        return "checkbox";
    case WidgetRole::Radio:
        return "radio";
    case WidgetRole::Combobox:
        return "combobox";
    case WidgetRole::Option:
        return "option";
    case WidgetRole::Tab:
        return "tab";
    case WidgetRole::Dialog:
        return "dialog";
    case WidgetRole::Alert:
        return "alert";
    case WidgetRole::Status:
        return "status";
    case WidgetRole::Table:
        return "table";
    case WidgetRole::ColumnHeader:
        return "columnheader";
    case WidgetRole::Cell:
        return "cell";
    case WidgetRole::Other:
        break;
    }
    return "other";
}

} // namespace

void begin_widget_frame(ImGuiContext* context) {
    collecting.clear();
    items_this_frame.Clear();
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
                        {"value", widget.value},
                        {"checked", widget.checked},
                        {"focused", widget.focused},
                        {"disabled", widget.disabled},
                        {"dialog", widget.dialog},
                        {"describes", widget.describes},
                        {"x", widget.x},
                        {"y", widget.y},
                        {"width", widget.width},
                        {"height", widget.height},
                        {"table", widget.table},
                        {"row", widget.row},
                        {"column", widget.column},
                        {"rowCount", widget.row_count}});
    }
    return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

void record_message(WidgetRole role, const char* text, unsigned int describes) {
    if (text == nullptr || *text == '\0') {
        return;
    }
    ImGuiContext* context = ImGui::GetCurrentContext();
    WidgetInfo message;
    message.role = role;
    message.label = text;
    message.id = ImHashStr(text);
    message.dialog = enclosing_dialog(context);
    message.describes = describes;
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    message.x = min.x;
    message.y = min.y;
    message.width = max.x - min.x;
    message.height = max.y - min.y;
    collecting.push_back(std::move(message));
}

void set_rect(WidgetInfo& widget, const ImRect& rect) {
    widget.x = rect.Min.x;
    widget.y = rect.Min.y;
    widget.width = rect.GetWidth();
    widget.height = rect.GetHeight();
}

// Places `widget` in the cell of the current table that is being drawn, if any. Items drawn in
// another window while a table is open (a popup, a tooltip) belong to no cell.
void set_cell(ImGuiContext* context, WidgetInfo& widget) {
    ImGuiTable* table = context->CurrentTable;
    if (table == nullptr || context->CurrentWindow != table->InnerWindow) {
        return;
    }
    widget.table = table->ID;
    widget.row = ImGui::TableGetRowIndex();
    widget.column = ImGui::TableGetColumnIndex();
}

unsigned int cell_id(unsigned int table, int row, int column) {
    const int position[2] = {row, column};
    return ImHashData(position, sizeof(position), table);
}

bool is_field(WidgetRole role) {
    return role == WidgetRole::TextBox || role == WidgetRole::Combobox ||
           role == WidgetRole::Checkbox || role == WidgetRole::Radio;
}

} // namespace

void report_message(const char* text) {
    record_message(WidgetRole::Alert, text, 0);
}

void report_field_message(const char* text) {
    unsigned int field = 0;
    for (auto widget = collecting.rbegin(); widget != collecting.rend(); ++widget) {
        if (is_field(widget->role)) {
            field = widget->id;
            break;
        }
    }
    record_message(WidgetRole::Alert, text, field);
}

void report_status(const char* text) {
    record_message(WidgetRole::Status, text, 0);
}

bool radio_button(const char* label, bool active) {
    const bool pressed = ImGui::RadioButton(label, active);
    if (!collecting.empty() && collecting.back().id == ImGui::GetItemID()) {
        collecting.back().role = WidgetRole::Radio;
        collecting.back().checked = active;
    }
    return pressed;
}

bool begin_combo(const char* label, const char* value) {
    ImGuiContext* context = ImGui::GetCurrentContext();
    // The id and the dialog belong to the window the combo box is drawn in, which is no longer
    // the current one once its list is open.
    const ImGuiID id = ImGui::GetID(label);
    const unsigned int dialog = enclosing_dialog(context);
    const bool open = ImGui::BeginCombo(label, value);

    std::string text = visible_label(label);
    const AddedItem* added = items_this_frame.GetByKey(id);
    if (added != nullptr && !text.empty()) {
        WidgetInfo combo;
        combo.id = id;
        combo.role = WidgetRole::Combobox;
        combo.label = std::move(text);
        combo.value = value != nullptr ? value : "";
        combo.checked = open;
        combo.disabled = added->disabled;
        combo.dialog = dialog;
        combo.focused = context->ActiveId == id || context->NavId == id;
        combo.x = added->rect.Min.x;
        combo.y = added->rect.Min.y;
        combo.width = added->rect.GetWidth();
        combo.height = added->rect.GetHeight();
        collecting.push_back(std::move(combo));
    }
    if (open) {
        open_combo = {value != nullptr ? value : "", dialog};
    }
    return open;
}

void table_headers(const char* name, int data_rows) {
    ImGui::TableHeadersRow();
    ImGuiContext* context = ImGui::GetCurrentContext();
    ImGuiTable* table = context->CurrentTable;
    if (table == nullptr) {
        return;
    }
    WidgetInfo info;
    info.id = table->ID;
    info.role = WidgetRole::Table;
    info.label = visible_label(name);
    info.dialog = enclosing_dialog(context);
    info.row_count = data_rows < 0 ? -1 : data_rows + 1;
    set_rect(info, table->OuterRect);
    collecting.push_back(info);

    for (int column = 0; column < table->ColumnsCount; ++column) {
        if (!(ImGui::TableGetColumnFlags(column) & ImGuiTableColumnFlags_IsEnabled)) {
            continue;
        }
        WidgetInfo header;
        header.role = WidgetRole::ColumnHeader;
        header.label = ImGui::TableGetColumnName(column);
        header.dialog = info.dialog;
        header.table = table->ID;
        header.row = ImGui::TableGetRowIndex();
        header.column = column;
        header.id = cell_id(table->ID, header.row, column);
        const ImGuiTableColumn& bounds = table->Columns[column];
        set_rect(header, ImRect(bounds.MinX, table->RowPosY1, bounds.MaxX, table->RowPosY2));
        collecting.push_back(std::move(header));
    }
}

namespace {

// Draws `text` in the current table cell, wrapped or on one line, and records it as the cell's
// text.
void draw_cell(const char* text, unsigned int color, bool wrap) {
    if (color != 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, color);
    }
    if (wrap) {
        ImGui::TextWrapped("%s", text);
    } else {
        ImGui::TextUnformatted(text);
    }
    if (color != 0) {
        ImGui::PopStyleColor();
    }

    ImGuiContext* context = ImGui::GetCurrentContext();
    WidgetInfo cell;
    set_cell(context, cell);
    if (cell.table == 0 || *text == '\0') {
        return;
    }
    // A second text in the same cell (a marker after a name) joins the first.
    WidgetInfo* last = collecting.empty() ? nullptr : &collecting.back();
    if (last != nullptr && last->role == WidgetRole::Cell && last->table == cell.table &&
        last->row == cell.row && last->column == cell.column) {
        last->label += ' ';
        last->label += text;
        return;
    }
    cell.role = WidgetRole::Cell;
    cell.label = text;
    cell.id = cell_id(cell.table, cell.row, cell.column);
    cell.dialog = enclosing_dialog(context);
    set_rect(cell, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()));
    collecting.push_back(std::move(cell));
}

} // namespace

void cell_text(const char* text, unsigned int color) {
    draw_cell(text, color, false);
}

void cell_text_wrapped(const char* text, unsigned int color) {
    draw_cell(text, color, true);
}

} // namespace portal::ui

// Dear ImGui calls these when built with IMGUI_ENABLE_TEST_ENGINE (declared in imgui_internal.h).

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData* item_data) {
    portal::ui::AddedItem* item = portal::ui::items_this_frame.GetOrAddByKey(id);
    item->rect = bb;
    item->disabled = item_data != nullptr && (item_data->ItemFlags & ImGuiItemFlags_Disabled);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    using namespace portal::ui;
    if (label == nullptr) {
        return;
    }
    const ImGuiTabItem* tab = find_tab(ctx, id);
    ImRect rect;
    bool disabled = false;
    if (tab != nullptr) {
        const ImRect& bar = ctx->CurrentTabBar->BarRect;
        const float left = bar.Min.x + tab->Offset - ctx->CurrentTabBar->ScrollingAnim;
        rect = ImRect(left, bar.Min.y, left + tab->Width, bar.Max.y);
    } else if (const AddedItem* added = items_this_frame.GetByKey(id)) {
        rect = added->rect;
        disabled = added->disabled;
    } else {
        return;
    }

    // Windows report themselves too: of those, only modal dialogs belong in the list.
    WidgetRole role = tab != nullptr ? WidgetRole::Tab : role_from(flags);
    const bool in_combo_list = ctx->BeginComboDepth > 0 && ctx->CurrentWindow != nullptr &&
                               (ctx->CurrentWindow->Flags & ImGuiWindowFlags_Popup);
    if (in_combo_list && role == WidgetRole::Button) {
        role = WidgetRole::Option;
    }
    if (ImGuiWindow* window = ImGui::FindWindowByID(id)) {
        if (!(window->Flags & ImGuiWindowFlags_Modal)) {
            return;
        }
        role = WidgetRole::Dialog;
    }
    std::string text = visible_label(label);
    if (text.empty()) {
        return;
    }
    WidgetInfo widget;
    widget.id = id;
    widget.role = role;
    widget.disabled = disabled;
    widget.dialog = role == WidgetRole::Dialog ? 0 : enclosing_dialog(ctx);
    widget.checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
    if (role == WidgetRole::Option) {
        widget.dialog = open_combo.dialog;
        widget.checked = text == open_combo.value;
    }
    widget.label = std::move(text);
    if (widget.role == WidgetRole::Tab) {
        widget.checked = ctx->CurrentTabBar->SelectedTabId == id;
    }
    widget.focused = ctx->ActiveId == id || ctx->NavId == id;
    set_rect(widget, rect);
    set_cell(ctx, widget);
    collecting.push_back(std::move(widget));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}
