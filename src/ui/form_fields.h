// Form widgets shared by the login dialog and the registration screen: a labelled text field
// with its error and warning, the SMS code button with its countdown, and the password rules
// shown while a new password is typed.
#pragma once

#include "imgui.h"

#include <string>

namespace portal {
class PortalApp;
class SmsCodeSender;
} // namespace portal

namespace portal::ui {

// Column geometry of a form: labels on the left, fields beside them; on a phone labels go
// above full-width fields.
struct FormLayout {
    float label_width = 170.0f;
    float field_width = 300.0f;
};

// Events of one field in the current frame.
struct FieldEvents {
    bool entered = false;      // Enter pressed in it
    bool edited = false;       // its text changed
    bool deactivated = false;  // it lost focus
};

// Draws `label` and its text field on one row (or two, on a phone). The field is found in
// tests by `label`; `hint` shows while it is empty. `trailing_width` leaves room for a button
// drawn right after it on the same row.
FieldEvents labeled_input(const FormLayout& layout, const char* label, std::string& value,
                          ImGuiInputTextFlags flags = 0, const char* hint = nullptr,
                          float trailing_width = 0.0f);

// The x offset of the field column, where messages under a field start.
float field_column(const FormLayout& layout);

// The error (red) and warning (amber) under a field, either of them empty.
void field_messages(const FormLayout& layout, const std::string& error, const std::string& warning);

// Amber text for findings that do not block.
void warning_text(const char* text);

// Muted grey wrapped text for hints and notes.
void note_text(const char* text);

// The width the SMS button takes beside the code field.
float sms_button_width();

// Draws the "获取验证码" button after the code field with its countdown, and under the field
// the sender's status, warning or error. Returns true when the button was pressed. Keeps
// frames coming once a second while a countdown runs.
bool sms_button(PortalApp& app, const FormLayout& layout, const SmsCodeSender& sender,
                const std::string& mobile_input, const char* id);

// The password rules with a filled (met) or hollow (not met) mark each, for `password`.
void password_rules(const FormLayout& layout, const std::string& password);

// A white bordered card around what is drawn until end_card(), `width` wide and as tall as its
// content. Unlike an auto-resizing child window it has its height in the same frame, so a
// screen shows completely on its first frame. Cards do not nest.
void begin_card(float width);
void end_card();

// The width left from the cursor to the right edge of the current card, or of the content
// region outside a card.
float available_width();

// A horizontal rule across the card (or the content region) with spacing around it.
void divider();

// A section title in the larger font.
void section_heading(const char* title);

} // namespace portal::ui
