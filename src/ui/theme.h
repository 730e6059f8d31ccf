// The portal's look: colours, spacing and the ImGui style derived from them.
#pragma once

#include "imgui.h"

namespace portal::ui {

namespace colors {
inline constexpr ImU32 kBrand = IM_COL32(22, 96, 171, 255);        // header and primary buttons
inline constexpr ImU32 kBrandDark = IM_COL32(14, 70, 130, 255);
inline constexpr ImU32 kPage = IM_COL32(243, 246, 250, 255);
inline constexpr ImU32 kCard = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kBorder = IM_COL32(220, 227, 236, 255);
inline constexpr ImU32 kText = IM_COL32(31, 45, 61, 255);
inline constexpr ImU32 kMutedText = IM_COL32(102, 115, 133, 255);
inline constexpr ImU32 kError = IM_COL32(200, 40, 40, 255);
inline constexpr ImU32 kOnBrand = IM_COL32(255, 255, 255, 255);
} // namespace colors

// Font sizes in CSS pixels.
inline constexpr float kBodyFontSize = 16.0f;
inline constexpr float kTitleFontSize = 24.0f;
inline constexpr float kSectionFontSize = 19.0f;

// The widest the page content grows; wider windows get margins.
inline constexpr float kContentMaxWidth = 1120.0f;

// Below this display width (CSS pixels) screens stack their columns and put labels above
// fields, as on a phone.
inline constexpr float kCompactWidth = 640.0f;

// Whether the display is narrow enough for the stacked phone layout.
bool compact_layout();

// Applies the portal style to the current ImGui context.
void apply_theme();

// Continues the current line when an item `next_width` wide still fits beside the last one;
// otherwise the next item starts a new line. Rows of buttons wrap this way on phones.
void same_line_if_fits(float next_width);

// A primary (filled brand colour) button.
bool primary_button(const char* label, const ImVec2& size = ImVec2(0, 0));

// Opens the untitled modal dialog `id` when `open_requested` and it is not open yet, centres it at
// `width` pixels (340 on a phone-width screen) and begins it. Returns whether it shows; the
// caller then ends it with ImGui::EndPopup().
bool begin_dialog(const char* id, bool open_requested, float width);

// Draws the title of a dialog begun by begin_dialog in the section font, with a rule below it.
void dialog_title(const char* title);

// Text in the error colour, wrapped to the available width.
void error_text(const char* text);

// An error about the field drawn last, as error_text; screen readers read it with the field.
void field_error_text(const char* text);

// A failed load: the error, and a button under it that returns true when pressed to load again.
// `button` is the button's label with its ImGui id, e.g. "重新加载##人员".
bool load_error(const char* text, const char* button);

} // namespace portal::ui
