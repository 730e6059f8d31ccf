#include "platform/font_supplement.h"

#include "core/font_coverage.h"
#include "platform/log.h"
#include "ui/theme.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

namespace portal::platform {

namespace {

enum class SupplementState { absent, loading, merged };

struct Supplement {
    SupplementState state = SupplementState::absent;
    double retry_after_ms = 0;
    std::function<void()> request_frames;
};

Supplement supplement;

// A failed load is retried at the first need after this delay, so that a server without the file
// does not receive a request for it after every response.
constexpr double kRetryDelayMs = 30000;

// Publishes the state for browser tests and for debugging in the console.
EM_JS(void, publish_supplement_state, (const char* state), {
    Module.portalFontSupplementState = UTF8ToString(state);
});

// Hands the supplement's bytes to portal_font_supplement_arrived, or its HTTP status (0 without a
// response or when malloc fails) to portal_font_supplement_failed. The offline demo opens from file://, where fetch()
// cannot read neighbouring files, so its single JS file carries the supplement as base64 text
// that is decoded only here.
EM_JS(void, start_supplement_download, (), {
    function deliver(bytes) {
        const pointer = _malloc(bytes.length);
        if (!pointer) {
            Module.ccall("portal_font_supplement_failed", null, ["number"], [0]);
            return;
        }
        HEAPU8.set(bytes, pointer);
        Module.ccall("portal_font_supplement_arrived", null, ["number", "number"],
                     [pointer, bytes.length]);
    }
    const embedded = Module.portalFontSupplementBase64;
    if (embedded) {
        setTimeout(function () {
            const binary = atob(embedded);
            const bytes = new Uint8Array(binary.length);
            for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
            deliver(bytes);
        }, 0);
        return;
    }
    fetch("fonts/portal-sc-supplement.ttf").then(function (response) {
        if (!response.ok) throw response.status;
        return response.arrayBuffer();
    }).then(function (buffer) {
        deliver(new Uint8Array(buffer));
    }, function (error) {
        const status = typeof error === "number" ? error : 0;
        Module.ccall("portal_font_supplement_failed", null, ["number"], [status]);
    });
});

void set_state(SupplementState state) {
    supplement.state = state;
    switch (state) {
    case SupplementState::absent:
        publish_supplement_state("absent");
        break;
    case SupplementState::loading:
        publish_supplement_state("loading");
        break;
    case SupplementState::merged:
        publish_supplement_state("merged");
        break;
    }
}

void fail(const std::string& reason) {
    log_error("font supplement: " + reason + "; rare characters draw as \"?\"");
    supplement.retry_after_ms = emscripten_get_now() + kRetryDelayMs;
    set_state(SupplementState::absent);
}

// Rejects a response that is no font file, such as an HTML error page sent with status 200,
// before stb_truetype parses it without range checks.
bool looks_like_truetype(const unsigned char* bytes, int size) {
    if (size < 1024) {
        return false;
    }
    static constexpr unsigned char kTrueType[] = {0x00, 0x01, 0x00, 0x00};
    return std::memcmp(bytes, kTrueType, 4) == 0 || std::memcmp(bytes, "true", 4) == 0 ||
           std::memcmp(bytes, "OTTO", 4) == 0;
}

// Adds the supplement as a second source of the portal's only font. Each baked size remembers
// the characters it did not find, so the bakes are discarded and rebuilt on the next frame.
bool merge_into_font(void* bytes, int size) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFontConfig config;
    config.MergeMode = true;
    config.FontDataOwnedByAtlas = true;
    ImFont* font = atlas->AddFontFromMemoryTTF(bytes, size, portal::ui::kBodyFontSize, &config);
    if (font == nullptr) {
        return false;
    }
    ImFontAtlasFontDiscardBakes(atlas, font, 0);
    return true;
}

} // namespace

void install_font_supplement(std::function<void()> request_frames) {
    supplement.request_frames = std::move(request_frames);
    set_state(SupplementState::absent);
}

void load_font_supplement_if_needed(std::string_view text) {
    if (supplement.state != SupplementState::absent ||
        emscripten_get_now() < supplement.retry_after_ms) {
        return;
    }
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) {
        return;
    }
    ImFont* font = atlas->Fonts[0];
    const auto in_base_font = [font](char32_t c) {
        return font->IsGlyphInFont(static_cast<ImWchar>(c));
    };
    if (!needsFontSupplement(text, in_base_font)) {
        return;
    }
    log_info("font supplement: loading");
    set_state(SupplementState::loading);
    start_supplement_download();
}

void FontSupplementTransport::send(HttpRequest request, std::function<void(HttpResponse)> done) {
    inner_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
        load_font_supplement_if_needed(response.body);
        done(std::move(response));
    });
}

} // namespace portal::platform

extern "C" {

// Takes ownership of `bytes` (malloc'd by start_supplement_download).
EMSCRIPTEN_KEEPALIVE void portal_font_supplement_arrived(void* bytes, int size) {
    using namespace portal::platform;
    if (!looks_like_truetype(static_cast<const unsigned char*>(bytes), size)) {
        std::free(bytes);
        fail("the downloaded file is not a TrueType font");
        return;
    }
    // AddFont frees the bytes itself when it rejects them.
    if (!merge_into_font(bytes, size)) {
        fail("the font could not be parsed");
        return;
    }
    log_info("font supplement: merged");
    set_state(SupplementState::merged);
    if (supplement.request_frames) {
        supplement.request_frames();
    }
}

EMSCRIPTEN_KEEPALIVE void portal_font_supplement_failed(int status) {
    if (status == 0) {
        portal::platform::fail("download failed (no response, or out of memory)");
        return;
    }
    portal::platform::fail("download failed (HTTP status " + std::to_string(status) + ")");
}

} // extern "C"
