#include "platform/demo_mode.h"

#include "demo/demo_backend.h"
#include "platform/demo_local_storage.h"
#include "platform/log.h"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <functional>
#include <string>

namespace {

// Returns the names of Module.portalDemoFiles as a malloc'd JSON array.
EM_JS(char*, demo_file_names, (), {
    const names = JSON.stringify(Object.keys(Module.portalDemoFiles || {}));
    const size = lengthBytesUTF8(names) + 1;
    const pointer = _malloc(size);
    stringToUTF8(names, pointer, size);
    return pointer;
});

// Decodes one embedded file into a malloc'd buffer; sets *size to its length.
EM_JS(void*, demo_file_bytes, (const char* name, int* size), {
    const text = (Module.portalDemoFiles || {})[UTF8ToString(name)];
    const binary = text ? atob(text) : "";
    const pointer = _malloc(binary.length + 1);
    for (let i = 0; i < binary.length; i++) {
        HEAPU8[pointer + i] = binary.charCodeAt(i);
    }
    HEAP32[size >> 2] = binary.length;
    return pointer;
});

// Shows a message the demo "sent" by SMS on the page, since no phone receives it.
EM_JS(void, show_demo_sms, (const char* text), {
    if (Module.portalDemoSms) {
        Module.portalDemoSms(UTF8ToString(text));
    }
});

portal::demo::DemoBackend* active_backend = nullptr;

std::string embedded_file(const std::string& name) {
    int size = 0;
    void* bytes = demo_file_bytes(name.c_str(), &size);
    std::string content(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
    std::free(bytes);
    return content;
}

portal::demo::DemoContent embedded_content() {
    portal::demo::DemoContent content;
    char* names_text = demo_file_names();
    const nlohmann::json names = nlohmann::json::parse(names_text, nullptr, false);
    std::free(names_text);
    if (!names.is_array()) {
        return content;
    }
    for (const nlohmann::json& name : names) {
        if (!name.is_string()) {
            continue;
        }
        const std::string& path = name.get_ref<const std::string&>();
        if (path == "demo/faq.json") {
            content.faqJson = embedded_file(path);
        } else if (path == "phone_prefixes.bin") {
            content.phoneTable = embedded_file(path);
            content.files[path] = content.phoneTable;
        } else {
            content.files[path] = embedded_file(path);
        }
    }
    return content;
}

void run_later(std::function<void()> task) {
    auto* pending = new std::function<void()>(std::move(task));
    emscripten_async_call(
        [](void* argument) {
            auto* callback = static_cast<std::function<void()>*>(argument);
            (*callback)();
            delete callback;
        },
        pending, 0);
}

// Owns the storage next to the backend that refers to it.
class DemoTransport : public portal::HttpTransport {
public:
    explicit DemoTransport(portal::HttpTransport& fetch)
        : backend_(storage_, embedded_content(), &fetch, options()) {
        active_backend = &backend_;
    }

    ~DemoTransport() override { active_backend = nullptr; }

    void send(portal::HttpRequest request, std::function<void(portal::HttpResponse)> done) override {
        const double started = emscripten_get_now();
        std::string method = request.method;
        std::string url = request.url;
        backend_.send(std::move(request), [done = std::move(done), method, url,
                                           started](portal::HttpResponse response) {
            portal::platform::log_request(method, url, response.status,
                                          emscripten_get_now() - started);
            done(std::move(response));
        });
    }

private:
    static portal::demo::DemoOptions options() {
        portal::demo::DemoOptions result;
        result.defer = run_later;
        result.onSms = [](const std::string& mobile, const std::string& message) {
            const std::string masked = mobile.size() == 11
                                           ? mobile.substr(0, 3) + "****" + mobile.substr(7)
                                           : mobile;
            show_demo_sms((masked + "：" + message).c_str());
        };
        return result;
    }

    portal::platform::LocalDemoStorage storage_;
    portal::demo::DemoBackend backend_;
};

} // namespace

// Restores the demo's seed data; the page reloads afterwards so no screen shows stale data.
extern "C" EMSCRIPTEN_KEEPALIVE void portal_demo_reset() {
    if (active_backend != nullptr) {
        active_backend->reset();
        portal::platform::log_info("demo data reset");
    }
}

namespace portal::platform {

std::unique_ptr<HttpTransport> make_demo_transport(HttpTransport& fetch) {
    return std::make_unique<DemoTransport>(fetch);
}

} // namespace portal::platform
