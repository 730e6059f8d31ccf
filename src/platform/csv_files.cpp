#include "platform/csv_files.h"

#include <emscripten/emscripten.h>

#include <utility>

namespace portal::platform {

namespace {

std::function<void(PickedFile)> pending_pick;

EM_JS(void, files_install, (), { Module.portalFiles.install(); });

EM_JS(void, files_pick, (), { Module.portalFiles.pick(); });

// The contents go over as bytes, because UTF8ToString's TextDecoder drops a leading
// byte-order mark, which Excel needs to read the file as UTF-8.
EM_JS(void, files_save, (const char* name, const char* contents, int size),
      { Module.portalFiles.save(UTF8ToString(name), HEAPU8.slice(contents, contents + size)); });

} // namespace

void install_csv_files() {
    files_install();
}

void pick_csv_file(std::function<void(PickedFile)> done) {
    pending_pick = std::move(done);
    files_pick();
}

void save_text_file(const std::string& file_name, const std::string& contents) {
    files_save(file_name.c_str(), contents.data(), static_cast<int>(contents.size()));
}

} // namespace portal::platform

// Receives a file read by csv_files.js and hands it to the screen that opened the chooser.
// A file that arrives without an open request (the input's files set by other means) is
// dropped, so that it never lands in a screen the user has left.
extern "C" EMSCRIPTEN_KEEPALIVE void portal_csv_file_read(const char* name, const char* text,
                                                          const char* encoding, const char* error) {
    if (!portal::platform::pending_pick) {
        return;
    }
    portal::PickedFile file{name, text, encoding, error};
    const auto done = std::move(portal::platform::pending_pick);
    portal::platform::pending_pick = nullptr;
    done(std::move(file));
}
