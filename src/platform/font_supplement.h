// The font supplement: the rare CJK ideographs that the font subset loaded at start leaves out
// (tools/font_subset.py cuts both). It is loaded the first time a text needs it and merged into
// ImGui's font while the app keeps drawing. Until then, and after a failed load, those
// characters draw as ImGui's fallback glyph "?".
#pragma once

#include "core/http.h"

#include <functional>
#include <string_view>

namespace portal::platform {

// Sets the callback that requests frames once the supplement is merged.
void install_font_supplement(std::function<void()> request_frames);

// Starts loading the supplement when the UTF-8 `text` has an ideograph that the loaded font
// lacks. Does nothing while a load runs, after the supplement was merged, and for 30 seconds
// after a failed load.
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
