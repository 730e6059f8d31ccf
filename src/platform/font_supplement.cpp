#include "platform/font_supplement.h"

#include "core/font_coverage.h"
#include "platform/log.h"
#include "ui/theme.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <emscripten/emscripten.h>

#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

namespace portal::platform {

namespace {

enum class ChunkState { absent, loading, merged, failed };

struct Chunk {
    ChunkState state = ChunkState::absent;
    double retry_after_ms = 0;
};

struct Supplement {
    std::array<Chunk, kSupplementChunkCount> chunks{};
    std::function<void()> request_frames;
};

Supplement supplement;

// A failed load is retried at the first need after this delay, so that a server without the file
// does not receive a request for it after every response.
constexpr double kRetryDelayMs = 30000;

// Publishes one chunk's state in Module.portalFontSupplementState, an array with one state
// name per chunk, for browser tests and for debugging in the console.
EM_JS(void, publish_chunk_state, (int chunk, int count, const char* state), {
    if (!Array.isArray(Module.portalFontSupplementState)) {
        Module.portalFontSupplementState = new Array(count).fill("absent");
    }
    Module.portalFontSupplementState[chunk] = UTF8ToString(state);
});

// Hands the chunk file's bytes to portal_font_supplement_arrived, or its HTTP status (0 without
// a response or when malloc fails) to portal_font_supplement_failed. The offline demo opens from
// file://, where fetch() cannot read neighbouring files, so its single JS file carries each
// chunk as base64 text, by file name, that is decoded only here.
EM_JS(void, start_chunk_download, (int chunk, const char* file_name), {
    const file = UTF8ToString(file_name);
    function deliver(bytes) {
        const pointer = _malloc(bytes.length);
        if (!pointer) {
            Module.ccall("portal_font_supplement_failed", null, ["number", "number"], [chunk, 0]);
            return;
        }
        HEAPU8.set(bytes, pointer);
        Module.ccall("portal_font_supplement_arrived", null, ["number", "number", "number"],
                     [chunk, pointer, bytes.length]);
    }
    const embedded = Module.portalFontSupplementBase64 && Module.portalFontSupplementBase64[file];
    if (embedded) {
        setTimeout(function () {
            const binary = atob(embedded);
            const bytes = new Uint8Array(binary.length);
            for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
            deliver(bytes);
        }, 0);
        return;
    }
    // A chunk that has not arrived after 30 s counts as failed, like any other failure.
    const controller = new AbortController();
    const timer = setTimeout(function () { controller.abort(); }, 30000);
    fetch(file, { signal: controller.signal }).then(function (response) {
        if (!response.ok) throw response.status;
        return response.arrayBuffer();
    }).then(function (buffer) {
        clearTimeout(timer);
        deliver(new Uint8Array(buffer));
    }, function (error) {
        clearTimeout(timer);
        const status = typeof error === "number" ? error : 0;
        Module.ccall("portal_font_supplement_failed", null, ["number", "number"], [chunk, status]);
    });
});

const char* state_name(ChunkState state) {
    switch (state) {
    case ChunkState::absent:
        return "absent";
    case ChunkState::loading:
        return "loading";
    case ChunkState::merged:
        return "merged";
    case ChunkState::failed:
        return "failed";
    }
    return "absent";
}

void set_state(int chunk, ChunkState state) {
    supplement.chunks[static_cast<std::size_t>(chunk)].state = state;
    publish_chunk_state(chunk, kSupplementChunkCount, state_name(state));
}

// The chunk's file as tools/font_subset.py names it, relative to the page.
std::string chunk_file(int chunk) {
    char name[48];
    std::snprintf(name, sizeof name, "fonts/portal-sc-supplement-%02d.ttf", chunk);
    return name;
}

std::string chunk_label(int chunk) {
    return "font supplement chunk " + std::to_string(chunk);
}

void fail(int chunk, const std::string& reason) {
    log_error(chunk_label(chunk) + ": " + reason + ". Its rare characters draw as \"?\" until a "
              "later text retries the download.");
    supplement.chunks[static_cast<std::size_t>(chunk)].retry_after_ms =
        emscripten_get_now() + kRetryDelayMs;
    set_state(chunk, ChunkState::failed);
}

bool may_start(const Chunk& chunk) {
    return chunk.state == ChunkState::absent ||
           (chunk.state == ChunkState::failed && emscripten_get_now() >= chunk.retry_after_ms);
}

// Rejects a response that is no font file, such as an HTML error page sent with status 200,
// before stb_truetype parses it without range checks. A chunk file without glyphs (from a font
// that lacks all of a chunk's characters) is still a font of about 700 bytes.
bool looks_like_truetype(const unsigned char* bytes, int size) {
    if (size < 512) {
        return false;
    }
    static constexpr unsigned char kTrueType[] = {0x00, 0x01, 0x00, 0x00};
    return std::memcmp(bytes, kTrueType, 4) == 0 || std::memcmp(bytes, "true", 4) == 0 ||
           std::memcmp(bytes, "OTTO", 4) == 0;
}

// Adds a chunk as one more source of the portal's only font. Each baked size remembers the
// characters it did not find, so the bakes are discarded and rebuilt on the next frame.
bool merge_into_font(void* bytes, int size) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFontConfig config;
    config.MergeMode = true;
    config.FontDataOwnedByAtlas = true;
    config.PixelSnapH = kFontPixelSnapH;
    ImFont* font = atlas->AddFontFromMemoryTTF(bytes, size, portal::ui::kBodyFontSize, &config);
    if (font == nullptr) {
        return false;
    }
    ImFontAtlasFontDiscardBakes(atlas, font, 0);
    return true;
}

bool valid_chunk(int chunk) {
    return chunk >= 0 && chunk < kSupplementChunkCount;
}

} // namespace

void install_font_supplement(std::function<void()> request_frames) {
    supplement.request_frames = std::move(request_frames);
    for (int chunk = 0; chunk < kSupplementChunkCount; ++chunk) {
        set_state(chunk, ChunkState::absent);
    }
}

void load_font_supplement_if_needed(std::string_view text) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) {
        return;
    }
    ImFont* font = atlas->Fonts[0];
    const auto in_loaded_font = [font](char32_t c) {
        return font->IsGlyphInFont(static_cast<ImWchar>(c));
    };
    for (const int chunk : supplementChunksNeeded(text, in_loaded_font)) {
        if (!may_start(supplement.chunks[static_cast<std::size_t>(chunk)])) {
            continue;
        }
        log_info(chunk_label(chunk) + ": loading");
        set_state(chunk, ChunkState::loading);
        start_chunk_download(chunk, chunk_file(chunk).c_str());
    }
}

void FontSupplementTransport::send(HttpRequest request, std::function<void(HttpResponse)> done) {
    inner_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
        load_font_supplement_if_needed(response.body);
        done(std::move(response));
    });
}

} // namespace portal::platform

extern "C" {

// Takes ownership of `bytes` (malloc'd by start_chunk_download).
EMSCRIPTEN_KEEPALIVE void portal_font_supplement_arrived(int chunk, void* bytes, int size) {
    using namespace portal::platform;
    if (!valid_chunk(chunk)) {
        std::free(bytes);
        return;
    }
    if (!looks_like_truetype(static_cast<const unsigned char*>(bytes), size)) {
        std::free(bytes);
        fail(chunk, "the downloaded file is not a TrueType font");
        return;
    }
    // AddFont frees the bytes itself when it rejects them.
    const double merge_start_ms = emscripten_get_now();
    if (!merge_into_font(bytes, size)) {
        fail(chunk, "the font could not be parsed");
        return;
    }
    const int merge_us = static_cast<int>((emscripten_get_now() - merge_start_ms) * 1000);
    log_info(chunk_label(chunk) + ": merged " + std::to_string(size) + " bytes in " +
             std::to_string(merge_us) + " us");
    set_state(chunk, ChunkState::merged);
    if (supplement.request_frames) {
        supplement.request_frames();
    }
}

EMSCRIPTEN_KEEPALIVE void portal_font_supplement_failed(int chunk, int status) {
    using namespace portal::platform;
    if (!valid_chunk(chunk)) {
        return;
    }
    if (status == 0) {
        fail(chunk, "download failed (no response, or out of memory)");
        return;
    }
    fail(chunk, "download failed (HTTP status " + std::to_string(status) + ")");
}

} // extern "C"
