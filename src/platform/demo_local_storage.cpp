#include "platform/demo_local_storage.h"

#include <emscripten/emscripten.h>

#include <cstdlib>

namespace {

// Returns a malloc'd UTF-8 copy of the stored text, or null when nothing is stored or
// localStorage throws (it does in some privacy modes).
EM_JS(char*, local_storage_get, (const char* key), {
    try {
        const text = window.localStorage.getItem(UTF8ToString(key));
        if (text === null) {
            return 0;
        }
        const size = lengthBytesUTF8(text) + 1;
        const pointer = _malloc(size);
        stringToUTF8(text, pointer, size);
        return pointer;
    } catch (error) {
        console.warn("demo: localStorage is not available", error);
        return 0;
    }
});

EM_JS(void, local_storage_set, (const char* key, const char* text), {
    try {
        window.localStorage.setItem(UTF8ToString(key), UTF8ToString(text));
    } catch (error) {
        console.warn("demo: the state could not be saved", error);
    }
});

EM_JS(void, local_storage_remove, (const char* key), {
    try {
        window.localStorage.removeItem(UTF8ToString(key));
    } catch (error) {
        console.warn("demo: localStorage is not available", error);
    }
});

} // namespace

namespace portal::platform {

std::optional<std::string> LocalDemoStorage::load() {
    char* text = local_storage_get(demo::kDemoStateKey);
    if (text == nullptr) {
        return std::nullopt;
    }
    std::string result(text);
    std::free(text);
    return result;
}

void LocalDemoStorage::save(const std::string& text) {
    local_storage_set(demo::kDemoStateKey, text.c_str());
}

void LocalDemoStorage::clear() {
    local_storage_remove(demo::kDemoStateKey);
}

} // namespace portal::platform
