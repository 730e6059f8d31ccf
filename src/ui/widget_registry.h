// The widgets of the last frame (role, label, state, rectangle), collected through Dear ImGui's
// test-engine item hooks. Browser tests locate widgets through it, and it is the source the
// accessibility mirror is built from.
#pragma once

#include <string>
#include <vector>

struct ImGuiContext;

namespace portal::ui {

enum class WidgetRole { Button, TextBox, Checkbox, Tab, Dialog, Alert, Other };

struct WidgetInfo {
    unsigned int id = 0;
    WidgetRole role = WidgetRole::Other;
    std::string label;  // the visible label, without ImGui's "##id" suffix
    bool checked = false;
    bool focused = false;
    bool disabled = false;
    unsigned int dialog = 0;  // id of the modal dialog the widget belongs to, 0 for none
    float x = 0, y = 0, width = 0, height = 0;  // in CSS pixels
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

// Marks the end of a frame: the collected list becomes the last frame's list.
void end_widget_frame();

} // namespace portal::ui
