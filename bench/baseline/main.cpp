// The benchmark's baseline page, the smallest Dear ImGui app of the portal's kind. It creates a
// WebGL2 context with emscripten_webgl_create_context and draws one window with a text and a
// button through imgui_impl_opengl3. Like ImGui's own examples, it draws on every animation
// frame. It takes its font from the page as the portal does and reports frames through the
// same Module fields, so bench/measure.mjs reads both apps the same way.
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdio>

namespace {

constexpr const char* kCanvas = "#canvas";

// The portal's body text size (src/ui/theme.h), so both apps rasterise the same glyphs.
constexpr float kFontSize = 16.0f;

int click_count = 0;
int width_px = 0;
int height_px = 0;
ImVec4 published_button_rect;

// The font bytes that the page downloaded before starting the module, copied into wasm memory
// and handed to ImGui, which frees them.
EM_JS(void*, take_font_bytes, (int* size), {
    const bytes = Module.portalFont;
    if (!bytes) {
        HEAP32[size >> 2] = 0;
        return 0;
    }
    const pointer = _malloc(bytes.length);
    HEAPU8.set(bytes, pointer);
    HEAP32[size >> 2] = bytes.length;
    Module.portalFont = null;
    return pointer;
});

EM_JS(void, report_frame_drawn, (), {
    Module.portalFrameCount = (Module.portalFrameCount || 0) + 1;
    if (Module.portalFrameCount === 1 && Module.onPortalFirstFrame) {
        Module.onPortalFirstFrame();
    }
});

// Tells the benchmark where the button is, in CSS pixels of the canvas, so it can click it.
EM_JS(void, publish_button_rect, (float x, float y, float width, float height), {
    Module.baselineButton = { x: x, y: y, width: width, height: height };
});

EM_BOOL on_mouse(int event_type, const EmscriptenMouseEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(static_cast<float>(event->targetX), static_cast<float>(event->targetY));
    // DOM button 0 is the primary button, the only one the baseline handles.
    if (event->button == 0 && event_type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    } else if (event->button == 0 && event_type == EMSCRIPTEN_EVENT_MOUSEUP) {
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    }
    return EM_TRUE;
}

void sync_canvas_size(ImGuiIO& io) {
    double css_width = 0;
    double css_height = 0;
    emscripten_get_element_css_size(kCanvas, &css_width, &css_height);
    const double ratio = emscripten_get_device_pixel_ratio();
    const int new_width_px = static_cast<int>(std::lround(css_width * ratio));
    const int new_height_px = static_cast<int>(std::lround(css_height * ratio));
    if (new_width_px != width_px || new_height_px != height_px) {
        emscripten_set_canvas_element_size(kCanvas, new_width_px, new_height_px);
        width_px = new_width_px;
        height_px = new_height_px;
    }
    io.DisplaySize = ImVec2(static_cast<float>(css_width), static_cast<float>(css_height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(ratio), static_cast<float>(ratio));
}

void draw_window() {
    ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_FirstUseEver);
    ImGui::Begin("你好");
    ImGui::Text("福建12333 基准页面：已点击 %d 次", click_count);
    if (ImGui::Button("点击")) {
        ++click_count;
    }
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const ImVec4 rect(min.x, min.y, max.x - min.x, max.y - min.y);
    if (rect.x != published_button_rect.x || rect.y != published_button_rect.y ||
        rect.z != published_button_rect.z || rect.w != published_button_rect.w) {
        publish_button_rect(rect.x, rect.y, rect.z, rect.w);
        published_button_rect = rect;
    }
    ImGui::End();
}

void draw_frame() {
    ImGuiIO& io = ImGui::GetIO();
    sync_canvas_size(io);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    draw_window();
    ImGui::Render();

    glViewport(0, 0, width_px, height_px);
    glClearColor(0.953f, 0.965f, 0.98f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    report_frame_drawn();
}

bool create_gl_context() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = EM_FALSE;
    attributes.antialias = EM_FALSE;
    attributes.premultipliedAlpha = EM_FALSE;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context =
        emscripten_webgl_create_context(kCanvas, &attributes);
    if (context <= 0) {
        return false;
    }
    emscripten_webgl_make_context_current(context);
    return true;
}

bool load_font(ImGuiIO& io) {
    int size = 0;
    void* bytes = take_font_bytes(&size);
    if (bytes == nullptr || size <= 0) {
        return false;
    }
    ImFontConfig config;
    config.FontDataOwnedByAtlas = true;
    return io.Fonts->AddFontFromMemoryTTF(bytes, size, kFontSize, &config) != nullptr;
}

} // namespace

// The portal's ImGui configuration enables the test-engine item hooks. The baseline never sets
// TestEngineHookItems, so ImGui does not call these, but the linker needs them.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags) {}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}

int main() {
    if (!create_gl_context()) {
        std::fprintf(stderr, "baseline: WebGL2 context creation failed\n");
        return 1;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    if (!load_font(io)) {
        std::fprintf(stderr, "baseline: Module.portalFont is missing or empty\n");
        return 1;
    }
    ImGui::StyleColorsLight();
    ImGui_ImplOpenGL3_Init("#version 300 es");

    emscripten_set_mousemove_callback(kCanvas, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mouseup_callback(kCanvas, nullptr, EM_FALSE, on_mouse);

    // A frame rate of 0 lets requestAnimationFrame drive the loop.
    emscripten_set_main_loop(draw_frame, 0, false);
    return 0;
}
