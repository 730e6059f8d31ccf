// The portal's browser entry point: a WebGL2 context on the page's canvas, Dear ImGui with the
// OpenGL3 renderer, the project's own input layer, and a main loop that draws only when
// something changed.
#include "app/portal_app.h"
#include "platform/a11y_mirror.h"
#include "platform/csv_files.h"
#include "platform/embedding.h"
#ifdef PORTAL_DEMO
#include "platform/demo_mode.h"
#endif
#include "platform/fetch_transport.h"
#include "platform/font_supplement.h"
#include "platform/log.h"
#include "platform/routes.h"
#include "platform/text_agent.h"
#include "platform/web_input.h"
#include "ui/portal_ui.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>

namespace {

constexpr const char* kCanvas = "#canvas";

// Frames drawn after the last frame that consumed input: ImGui settles hover, popups and
// auto-sized windows over a few frames, after which the loop pauses until the next event.
constexpr int kFramesPerEvent = 3;

struct Runtime {
    portal::platform::FetchTransport transport;
    std::unique_ptr<portal::PortalApp> app;
    int frames_left = kFramesPerEvent;
    bool loop_paused = false;
    double last_frame_ms = 0;
    int width_px = 0;
    int height_px = 0;
    bool was_signed_in = false;
};

Runtime runtime;

// The font bytes that the page downloaded (with a progress bar), or null while they are still
// on the way. The buffer is malloc'd here and handed to ImGui, which frees it.
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

// shell/loader.js starts the module as soon as it is compiled, before the font has arrived,
// and sets Module.portalFontPending until then. The offline demo sets Module.portalFont at once.
EM_JS(int, font_download_pending, (), {
    return Module.portalFontPending ? 1 : 0;
});

// Calls portal_font_arrived once the loader has stored the font in Module.portalFont.
EM_JS(void, continue_when_font_arrives, (), {
    Module.portalOnFont = function () { Module._portal_font_arrived(); };
});

EM_JS(void, report_frame_drawn, (), {
    Module.portalFrameCount = (Module.portalFrameCount || 0) + 1;
    if (Module.portalFrameCount === 1 && Module.onPortalFirstFrame) {
        Module.onPortalFirstFrame();
    }
});

// Marks a start-up step on the page's performance timeline (performance.mark), where
// bench/startup.mjs reads it. Costs a few microseconds, and only the first frames call it.
EM_JS(void, mark_startup_step, (const char* name), {
    if (typeof performance === "object" && performance.mark) {
        performance.mark(UTF8ToString(name));
    }
});

EM_JS(void, report_start_failure, (const char* kind), {
    if (Module.portalFail) {
        Module.portalFail(UTF8ToString(kind));
    }
});

EM_JS(void, open_in_new_tab, (const char* url), {
    window.open(UTF8ToString(url), "_blank", "noopener");
});

// Saves a same-origin file through a temporary link with the download attribute, so the
// browser keeps the page and shows its own download prompt.
EM_JS(void, download_file, (const char* url, const char* file_name), {
    const link = document.createElement("a");
    link.href = UTF8ToString(url);
    link.download = UTF8ToString(file_name);
    link.rel = "noopener";
    document.body.appendChild(link);
    link.click();
    link.remove();
});

// Tells the app when the browser loses or regains its network, through the exported
// portal_browser_online below.
EM_JS(void, watch_browser_network, (), {
    window.addEventListener("offline", function () { Module._portal_browser_online(0); });
    window.addEventListener("online", function () { Module._portal_browser_online(1); });
});

void request_frames() {
    runtime.frames_left = kFramesPerEvent;
    if (runtime.loop_paused) {
        runtime.loop_paused = false;
        emscripten_resume_main_loop();
    }
}

// Keeps the canvas backing store at CSS size x devicePixelRatio, so text is sharp on HiDPI
// screens and after zooming.
void sync_canvas_size(ImGuiIO& io) {
    double css_width = 0;
    double css_height = 0;
    emscripten_get_element_css_size(kCanvas, &css_width, &css_height);
    const double ratio = emscripten_get_device_pixel_ratio();
    const int width_px = static_cast<int>(std::lround(css_width * ratio));
    const int height_px = static_cast<int>(std::lround(css_height * ratio));
    if (width_px != runtime.width_px || height_px != runtime.height_px) {
        emscripten_set_canvas_element_size(kCanvas, width_px, height_px);
        runtime.width_px = width_px;
        runtime.height_px = height_px;
    }
    io.DisplaySize = ImVec2(static_cast<float>(css_width), static_cast<float>(css_height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(ratio), static_cast<float>(ratio));
}

// Keeps an embedding page informed: the height the page needs and the end of a session.
void tell_embedder_about_frame() {
    if (const ImGuiWindow* page = ImGui::FindWindowByName("##门户")) {
        portal::platform::tell_embedder_content_height(page->ContentSize.y);
    }
    const bool signed_in = runtime.app->session().has_value();
    if (runtime.was_signed_in && !signed_in) {
        portal::platform::tell_embedder_logged_out();
    }
    runtime.was_signed_in = signed_in;
}

void draw_frame() {
    // The first two frames are marked. The first rasterises every glyph it shows, and the second
    // shows what the same frame costs without that.
    static int frames_drawn = 0;
    const bool marked = frames_drawn < 2;
    const char* const steps[2][4] = {
        {"portal:frame1-start", "portal:frame1-ui", "portal:frame1-render", "portal:frame1-gl"},
        {"portal:frame2-start", "portal:frame2-ui", "portal:frame2-render", "portal:frame2-gl"},
    };
    if (marked) {
        mark_startup_step(steps[frames_drawn][0]);
    }

    ImGuiIO& io = ImGui::GetIO();
    sync_canvas_size(io);

    const double now = emscripten_get_now();
    io.DeltaTime = runtime.last_frame_ms > 0
                       ? static_cast<float>(std::fmax(now - runtime.last_frame_ms, 1.0) / 1000.0)
                       : 1.0f / 60.0f;
    runtime.last_frame_ms = now;

    // ImGui spreads quick input over several frames (a press and its release land in separate
    // frames), so every frame that still consumes queued input earns the settling frames anew.
    const bool consumed_input = !ImGui::GetCurrentContext()->InputEventsQueue.empty();

    ImGui_ImplOpenGL3_NewFrame();
    portal::ui::begin_widget_frame(ImGui::GetCurrentContext());
    ImGui::NewFrame();
    portal::ui::draw_portal(*runtime.app);
    portal::platform::draw_ime_preedit();
    if (marked) {
        mark_startup_step(steps[frames_drawn][1]);
    }
    ImGui::Render();
    portal::ui::end_widget_frame();
    portal::platform::sync_a11y_mirror();
    tell_embedder_about_frame();
    if (marked) {
        mark_startup_step(steps[frames_drawn][2]);
    }

    glViewport(0, 0, runtime.width_px, runtime.height_px);
    glClearColor(0.953f, 0.965f, 0.98f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (marked) {
        mark_startup_step(steps[frames_drawn][3]);
        ++frames_drawn;
    }
    report_frame_drawn();

    if (consumed_input) {
        runtime.frames_left = kFramesPerEvent;
    }
    if (--runtime.frames_left <= 0) {
        runtime.loop_paused = true;
        emscripten_pause_main_loop();
    }
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    request_frames();
    return EM_FALSE;
}

bool create_gl_context() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = EM_FALSE;
    attributes.antialias = EM_FALSE;
    attributes.premultipliedAlpha = EM_FALSE;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context(kCanvas, &attributes);
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
    config.PixelSnapH = portal::platform::kFontPixelSnapH;
    return io.Fonts->AddFontFromMemoryTTF(bytes, size, portal::ui::kBodyFontSize, &config) !=
           nullptr;
}

} // namespace

// Returns the widgets of the last frame as JSON; browser tests and the accessibility mirror
// read it.
extern "C" EMSCRIPTEN_KEEPALIVE const char* portal_widgets_json() {
    static std::string json;
    json = portal::ui::last_frame_widgets_json();
    return json.c_str();
}

// The browser's online and offline events.
extern "C" EMSCRIPTEN_KEEPALIVE void portal_browser_online(int online) {
    if (!runtime.app) {
        return;
    }
    if (online != 0) {
        runtime.app->network().browser_went_online();
    } else {
        runtime.app->network().browser_went_offline();
    }
    request_frames();
}

// Asks for frames to be drawn, e.g. after the page changed something the app shows.
extern "C" EMSCRIPTEN_KEEPALIVE void portal_request_frames() {
    request_frames();
}

namespace {

// The part of the start that needs the font: the app, its first requests (whose texts are
// checked against the font for the supplement) and the main loop.
void start_app() {
    if (!load_font(ImGui::GetIO())) {
        report_start_failure("font");
        return;
    }
    mark_startup_step("portal:font-added");
    portal::platform::install_font_supplement(request_frames);

    portal::PlatformServices services;
#ifdef PORTAL_DEMO
    // The offline demo serves the API in the page itself, from state kept in localStorage.
    static std::unique_ptr<portal::HttpTransport> demo_transport =
        portal::platform::make_demo_transport(runtime.transport);
    portal::HttpTransport& data_transport = *demo_transport;
#else
    portal::HttpTransport& data_transport = runtime.transport;
#endif
    // Names in responses are checked for characters that need the font supplement.
    static portal::platform::FontSupplementTransport font_checking_transport(data_transport);
    services.transport = &font_checking_transport;
    services.changed = request_frames;
    services.open_url = [](const std::string& url) { open_in_new_tab(url.c_str()); };
    services.show_route = portal::platform::show_route;
    services.wake_after = [](double seconds) {
        emscripten_async_call([](void*) { request_frames(); }, nullptr,
                              static_cast<int>(seconds * 1000));
    };
    services.run_later = [](double seconds, std::function<void()> task) {
        auto* owned = new std::function<void()>(std::move(task));
        emscripten_async_call(
            [](void* argument) {
                std::unique_ptr<std::function<void()>> pending(
                    static_cast<std::function<void()>*>(argument));
                (*pending)();
                request_frames();
            },
            owned, static_cast<int>(seconds * 1000));
    };
    services.download = [](const std::string& url, const std::string& file_name) {
        download_file(url.c_str(), file_name.c_str());
    };
    services.save_file = portal::platform::save_text_file;
    services.pick_csv_file = portal::platform::pick_csv_file;
    runtime.app = std::make_unique<portal::PortalApp>(std::move(services));
    mark_startup_step("portal:app-created");
    runtime.app->load_settings();
    runtime.app->load_mobile_regions();
    portal::platform::install_routes([](const std::string& route) {
        runtime.app->open_route(route);
        request_frames();
    });

    watch_browser_network();
    portal::platform::install_web_input(kCanvas, request_frames);
    portal::platform::install_text_agent(request_frames, draw_frame);
    portal::platform::install_a11y_mirror();
    portal::platform::install_csv_files();
    portal::platform::start_embedding();
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
    portal::platform::log_info("portal started");
    mark_startup_step("portal:main-end");
    emscripten_set_main_loop(draw_frame, 0, false);
}

} // namespace

// Called by the loader once the font has arrived (see continue_when_font_arrives).
extern "C" EMSCRIPTEN_KEEPALIVE void portal_font_arrived() {
    start_app();
}

int main() {
    mark_startup_step("portal:main");
    if (!create_gl_context()) {
        report_start_failure("webgl2");
        return 1;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // A blinking caret would need a frame every half second while a field has focus.
    io.ConfigInputTextCursorBlink = false;
    io.BackendPlatformName = "portal_web";

    GLint max_texture_size = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture_size);
    if (max_texture_size > 0) {
        // Phones often cap textures at 4096 pixels; the glyph atlas must stay within that, and
        // ImGui wants a power of two.
        int limit = 1;
        while (limit * 2 <= max_texture_size && limit < io.Fonts->TexMaxWidth) {
            limit *= 2;
        }
        io.Fonts->TexMaxWidth = limit;
        io.Fonts->TexMaxHeight = limit;
    }
    portal::ui::apply_theme();
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // Compiles the shaders now instead of in the first frame, while the font may still be
    // downloading.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    mark_startup_step("portal:renderer-ready");

    if (font_download_pending() != 0) {
        continue_when_font_arrives();
        return 0;
    }
    start_app();
    return 0;
}
