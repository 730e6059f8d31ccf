#include "platform/a11y_mirror.h"

#include "ui/widget_registry.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <emscripten/emscripten.h>

#include <string>

namespace portal::platform {

namespace {

std::string last_sent;

EM_JS(void, create_mirror, (), {
    Module.portalInstallA11yMirror(Module.canvas);
});

EM_JS(void, send_to_mirror, (const char* json), {
    Module.portalA11yMirror.sync(JSON.parse(UTF8ToString(json)));
});

} // namespace

void install_a11y_mirror() {
    create_mirror();
}

void sync_a11y_mirror() {
    std::string json = ui::last_frame_widgets_json();
    if (json == last_sent) {
        return;
    }
    send_to_mirror(json.c_str());
    last_sent = std::move(json);
}

} // namespace portal::platform

// Defined by the entry point (main.cpp) and the text agent (text_agent.cpp).
extern "C" void portal_request_frames();
extern "C" void portal_process_input_now();

// Activates a widget on behalf of the mirror: a click on a mirrored button, or focus moving
// into a mirrored text box (`prefer_input`), which starts editing the field.
extern "C" EMSCRIPTEN_KEEPALIVE void portal_activate_widget(unsigned int id, int prefer_input) {
    ImGui::ActivateItemByID(id);
    if (prefer_input != 0) {
        ImGui::GetCurrentContext()->NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
    }
    ImGui::GetIO().AddFocusEvent(true);
    if (prefer_input != 0) {
        // Keys typed right after focus arrives must reach the field: finish the activation
        // (queued for the next frame, applied while the field is drawn) before returning to
        // the browser, which then dispatches those keys.
        portal_process_input_now();
        portal_process_input_now();
    }
    portal_request_frames();
}
