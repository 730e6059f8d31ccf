// Keyboard, text, IME and clipboard input through the text agent (text_agent.js): a hidden
// textarea that takes focus while an ImGui text field is edited.
#pragma once

#include <functional>

namespace portal::platform {

// Installs the text agent next to `canvas_selector`'s canvas and ImGui's platform hooks for
// the IME position and the clipboard. `input_arrived` is called after each event;
// `process_now` runs one frame at once (copying must finish inside the key's event).
void install_text_agent(std::function<void()> input_arrived, std::function<void()> process_now);

// Draws the text being composed in the IME over the caret of the field being edited.
void draw_ime_preedit();

} // namespace portal::platform
