// The widgets of the last frame (role, label, state, rectangle), collected through Dear ImGui's
// test-engine item hooks. Browser tests locate widgets through it, and it is the source the
// accessibility mirror is built from.
#pragma once

#include <string>
#include <vector>

struct ImGuiContext;

namespace portal::ui {

// Status is a message that confirms success, announced politely; Option is an entry of an open
// combo box's list. A table is followed by its column headers and the text of its drawn cells.
enum class WidgetRole {
    Button,
    TextBox,
    Checkbox,
    Radio,
    Combobox,
    Option,
    Tab,
    Dialog,
    Alert,
    Status,
    Table,
    ColumnHeader,
    Cell,
    Other
};

struct WidgetInfo {
    unsigned int id = 0;
    WidgetRole role = WidgetRole::Other;
    std::string label;  // the visible label, without ImGui's "##id" suffix
    std::string value;  // a combo box's shown choice
    bool checked = false;  // ticked, selected, or for a combo box expanded
    bool focused = false;
    bool disabled = false;
    unsigned int dialog = 0;  // id of the modal dialog the widget belongs to, 0 for none
    unsigned int describes = 0;  // for a field's message, the id of that field; 0 otherwise
    float x = 0, y = 0, width = 0, height = 0;  // in CSS pixels
    unsigned int table = 0;  // id of the table whose cell contains the widget, 0 for none
    int row = -1;  // ImGui's row index in that table (the header row is 0), -1 outside tables
    int column = -1;  // column index in that table, -1 outside tables
    int row_count = -1;  // for a table, its rows including the header row; -1 if unknown
};

// Starts collecting for the frame about to begin on `context`.
void begin_widget_frame(ImGuiContext* context);

// The widgets reported during the last completed frame, in submission order.
const std::vector<WidgetInfo>& last_frame_widgets();

// The same list as a JSON array, for the browser.
std::string last_frame_widgets_json();

// Records a message shown to the user this frame (an error beside a field, a server refusal)
// with the rectangle of the item just drawn, so that screen readers announce it.
void report_message(const char* text);

// Records a message about the field drawn last (a text box, combo box, checkbox or radio
// button), so that screen readers read it with that field.
void report_field_message(const char* text);

// Records a confirmation shown to the user this frame (a declaration was submitted), for
// screen readers to announce politely.
void report_status(const char* text);

// Draws ImGui::RadioButton and records it as a radio button with its state. ImGui reports
// radio buttons like plain buttons, without their state.
bool radio_button(const char* label, bool active);

// Draws ImGui::BeginCombo and records the combo box with its shown `value`. ImGui reports no
// item info for combo boxes. Returns true while the list is open; then call ImGui::EndCombo.
bool begin_combo(const char* label, const char* value);

// Draws ImGui::TableHeadersRow and records the current table, named by the visible part of
// `name`, with its column headers. `data_rows` is the number of rows below the header, drawn
// or not; -1 if unknown.
void table_headers(const char* name, int data_rows);

// Draws `text` in the current table cell with ImGui::TextUnformatted, in `color` unless it is
// 0, and records it as that cell's text.
void cell_text(const char* text, unsigned int color = 0);

// As cell_text, with the text wrapped at the cell's width.
void cell_text_wrapped(const char* text, unsigned int color = 0);

// Marks the end of a frame: the collected list becomes the last frame's list.
void end_widget_frame();

} // namespace portal::ui
