#include "platform/web_input.h"

#include "imgui.h"

#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>

namespace portal::platform {

namespace {

std::function<void()> input_arrived;

void notify() {
    if (input_arrived) {
        input_arrived();
    }
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

// Touch: a tap is one click where the finger touched; a drag scrolls what is under it.
struct TouchState {
    long id = -1;
    float start_x = 0, start_y = 0, last_x = 0, last_y = 0;
    bool scrolling = false;
};
TouchState touch;

// Movement in CSS pixels after which a touch is a scroll, not a tap.
constexpr float kTapSlop = 8.0f;
// CSS pixels of finger movement per ImGui wheel unit.
constexpr float kPixelsPerWheelStep = 40.0f;

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const EmscriptenTouchPoint* point = nullptr;
    for (int i = 0; i < event->numTouches; ++i) {
        const EmscriptenTouchPoint& candidate = event->touches[i];
        if (candidate.isChanged && (touch.id < 0 || candidate.identifier == touch.id)) {
            point = &candidate;
            break;
        }
    }
    if (point == nullptr) {
        return EM_TRUE;
    }
    const float x = static_cast<float>(point->targetX);
    const float y = static_cast<float>(point->targetY);
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);

    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        touch = {point->identifier, x, y, x, y, false};
        // Press only once the touch is known to be a tap, so a scroll never clicks.
        io.AddMousePosEvent(x, y);
    } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE && point->identifier == touch.id) {
        if (!touch.scrolling &&
            (std::fabs(x - touch.start_x) > kTapSlop || std::fabs(y - touch.start_y) > kTapSlop)) {
            touch.scrolling = true;
        }
        if (touch.scrolling) {
            io.AddMouseWheelEvent((x - touch.last_x) / kPixelsPerWheelStep,
                                  (y - touch.last_y) / kPixelsPerWheelStep);
        }
        touch.last_x = x;
        touch.last_y = y;
    } else if (point->identifier == touch.id) {
        if (type == EMSCRIPTEN_EVENT_TOUCHEND && !touch.scrolling) {
            io.AddMousePosEvent(touch.start_x, touch.start_y);
            io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
            io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        }
        // No hover is left behind on a touch screen.
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        touch = {};
    }
    notify();
    // Consumed, so the browser neither scrolls the page nor synthesises mouse events.
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
    emscripten_set_mousedown_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseleave_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_wheel_callback(canvas, nullptr, EM_TRUE, on_wheel);
    emscripten_set_touchstart_callback(canvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchmove_callback(canvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchend_callback(canvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchcancel_callback(canvas, nullptr, EM_TRUE, on_touch);
    // The page losing focus matters, not the canvas: the text agent takes focus from the
    // canvas whenever a field is edited.
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_blur);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_focus);
}

} // namespace portal::platform
