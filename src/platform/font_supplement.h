// The font supplement: the rare CJK ideographs that the font subset loaded at start leaves out
// (tools/font_subset.py cuts both). It is cut into chunks by code point, as
// src/core/font_coverage.h describes. A chunk is loaded the first time a text needs one of its
// characters and merged into ImGui's font while the app keeps drawing. Until then, and after a
// failed load, those characters draw as ImGui's fallback glyph "?".
#pragma once

#include "core/http.h"

#include <functional>
#include <string_view>

namespace portal::platform {

// Whether glyph advances snap to whole pixels, set alike on the base font and on every
// supplement chunk. With it, ImGui 1.92 rasterises each glyph at its size instead of twice as
// wide (its automatic horizontal oversampling below 36 px). The UI step of the home page's first
// frame went from 43 to 31 ms (medians of 7 loads, bench/startup.mjs). CJK advances are whole
// pixels at these sizes.
inline constexpr bool kFontPixelSnapH = true;

// Sets the callback that requests frames once a chunk is merged.
void install_font_supplement(std::function<void()> request_frames);

// Starts loading each supplement chunk that contains an ideograph of the UTF-8 `text` that the
// loaded font lacks. Skips chunks that are loading or merged, and for 30 seconds a chunk whose
// load failed.
void load_font_supplement_if_needed(std::string_view text);

// An HttpTransport that checks each response body with load_font_supplement_if_needed, so that
// names in server data start the load before a screen draws them.
class FontSupplementTransport : public HttpTransport {
public:
    explicit FontSupplementTransport(HttpTransport& inner) : inner_(inner) {}

    void send(HttpRequest request, std::function<void(HttpResponse)> done) override;

private:
    HttpTransport& inner_;
};

} // namespace portal::platform
