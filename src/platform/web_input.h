// Pointer input for ImGui through emscripten's html5.h callbacks: mouse, wheel and touch on the
// canvas, and the page's focus. Keys and text come through the text agent (text_agent.h).
#pragma once

#include <functional>

namespace portal::platform {

// Registers the callbacks on `canvas_selector`; `input_arrived` is called after each event
// has been queued into ImGui's IO, so the main loop can draw.
void install_web_input(const char* canvas_selector, std::function<void()> input_arrived);

} // namespace portal::platform
