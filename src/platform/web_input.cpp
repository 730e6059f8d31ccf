#include "platform/web_input.h"

#include "imgui.h"

#include <emscripten/html5.h>

#include <cstring>
#include <string_view>

namespace portal::platform {

namespace {

std::function<void()> input_arrived;

void notify() {
    if (input_arrived) {
        input_arrived();
    }
}

// Maps KeyboardEvent.key (the key's meaning, so shortcuts follow the user's layout) to ImGui.
ImGuiKey key_from_event(const EmscriptenKeyboardEvent& event) {
    struct NamedKey {
        const char* name;
        ImGuiKey key;
    };
    static constexpr NamedKey kNamedKeys[] = {
        {"Tab", ImGuiKey_Tab},         {"Enter", ImGuiKey_Enter},
        {"Escape", ImGuiKey_Escape},   {"Backspace", ImGuiKey_Backspace},
        {"Delete", ImGuiKey_Delete},   {"ArrowLeft", ImGuiKey_LeftArrow},
        {"ArrowRight", ImGuiKey_RightArrow}, {"ArrowUp", ImGuiKey_UpArrow},
        {"ArrowDown", ImGuiKey_DownArrow},   {"Home", ImGuiKey_Home},
        {"End", ImGuiKey_End},         {"PageUp", ImGuiKey_PageUp},
        {"PageDown", ImGuiKey_PageDown}, {"Insert", ImGuiKey_Insert},
        {" ", ImGuiKey_Space},         {"Control", ImGuiKey_LeftCtrl},
        {"Shift", ImGuiKey_LeftShift}, {"Alt", ImGuiKey_LeftAlt},
        {"Meta", ImGuiKey_LeftSuper},
    };
    const std::string_view key(event.key);
    for (const NamedKey& named : kNamedKeys) {
        if (key == named.name) {
            return named.key;
        }
    }
    if (key.size() == 1) {
        char c = key[0];
        if (c >= 'a' && c <= 'z') {
            return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
        }
        if (c >= 'A' && c <= 'Z') {
            return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
        }
        if (c >= '0' && c <= '9') {
            return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
        }
    }
    return ImGuiKey_None;
}

void update_modifiers(ImGuiIO& io, const EmscriptenKeyboardEvent& event) {
    io.AddKeyEvent(ImGuiMod_Ctrl, event.ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, event.shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, event.altKey);
    io.AddKeyEvent(ImGuiMod_Super, event.metaKey);
}

// A printable key without Ctrl or Cmd produces text through the keypress event.
bool produces_text(const EmscriptenKeyboardEvent& event) {
    if (event.ctrlKey || event.metaKey) {
        return false;
    }
    // A single character's UTF-8 form is at most 4 bytes; named keys ("Enter") are longer.
    const size_t length = std::strlen(event.key);
    if (length == 0 || length > 4) {
        return false;
    }
    const unsigned char lead = static_cast<unsigned char>(event.key[0]);
    const size_t expected = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return length == expected;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    update_modifiers(io, *event);
    const ImGuiKey key = key_from_event(*event);
    if (key != ImGuiKey_None) {
        io.AddKeyEvent(key, down);
    }
    notify();
    // Letting a printable keydown through keeps its keypress (the text) coming; every other key
    // is consumed so that Tab stays in the app and Backspace never navigates back.
    return down && produces_text(*event) ? EM_FALSE : EM_TRUE;
}

EM_BOOL on_key_press(int, const EmscriptenKeyboardEvent* event, void*) {
    if (event->charCode >= 32 && !event->ctrlKey && !event->metaKey) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned int>(event->charCode));
        notify();
    }
    return EM_TRUE;
}

int imgui_button(unsigned short dom_button) {
    switch (dom_button) {
    case 0:
        return ImGuiMouseButton_Left;
    case 1:
        return ImGuiMouseButton_Middle;
    case 2:
        return ImGuiMouseButton_Right;
    default:
        return -1;
    }
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(static_cast<float>(event->targetX), static_cast<float>(event->targetY));
    const int button = imgui_button(event->button);
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
        io.AddMouseButtonEvent(button, true);
    } else if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) {
        io.AddMouseButtonEvent(button, false);
    } else if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) {
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    }
    notify();
    // The default action of mousedown focuses the canvas, which keyboard input needs.
    return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
    // Wheel deltas come in pixels, lines or pages; ImGui expects about one unit per notch.
    double scale = 1.0 / 100.0;
    if (event->deltaMode == DOM_DELTA_LINE) {
        scale = 1.0 / 3.0;
    } else if (event->deltaMode == DOM_DELTA_PAGE) {
        scale = 1.0;
    }
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-event->deltaX * scale),
                                      static_cast<float>(-event->deltaY * scale));
    notify();
    return EM_TRUE;
}

EM_BOOL on_blur(int, const EmscriptenFocusEvent*, void*) {
    // Keys held while the page lost focus would otherwise stay down.
    ImGuiIO& io = ImGui::GetIO();
    io.AddFocusEvent(false);
    io.ClearInputKeys();
    notify();
    return EM_FALSE;
}

EM_BOOL on_focus(int, const EmscriptenFocusEvent*, void*) {
    ImGui::GetIO().AddFocusEvent(true);
    notify();
    return EM_FALSE;
}

} // namespace

void install_web_input(const char* canvas, std::function<void()> arrived) {
    input_arrived = std::move(arrived);
    emscripten_set_keydown_callback(canvas, nullptr, EM_TRUE, on_key);
    emscripten_set_keyup_callback(canvas, nullptr, EM_TRUE, on_key);
    emscripten_set_keypress_callback(canvas, nullptr, EM_TRUE, on_key_press);
    emscripten_set_mousedown_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseleave_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_wheel_callback(canvas, nullptr, EM_TRUE, on_wheel);
    emscripten_set_blur_callback(canvas, nullptr, EM_TRUE, on_blur);
    emscripten_set_focus_callback(canvas, nullptr, EM_TRUE, on_focus);
}

} // namespace portal::platform
