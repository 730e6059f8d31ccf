// Browser input for ImGui through emscripten's html5.h callbacks: keys, text, mouse and wheel,
// all registered on the canvas element so keys typed elsewhere on a host page stay there.
#pragma once

#include <functional>

namespace portal::platform {

// Registers the callbacks on `canvas_selector`; `input_arrived` is called after each event
// has been queued into ImGui's IO, so the main loop can draw.
void install_web_input(const char* canvas_selector, std::function<void()> input_arrived);

} // namespace portal::platform
