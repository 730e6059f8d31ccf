// The offline demo's backend: an HttpTransport that implements the REST contract of
// docs/api.md on state kept in the browser, so the page works from file:// with no server at all.
//
// Supported:
// - sessions of the three user kinds with the lockout, and password changes;
// - SMS codes, delivered to a callback instead of a phone, and person registration;
// - the person's rights and contributions, downloads, FAQ search and reminders;
// - unit information and its confirmation, agents and their sync;
// - unit registration, the agent's insurance types and platform, the staff list,
//   declarations and rollback.
// The review command of serve.py has no counterpart, so declarations stay pending. Non-API requests are served from the
// embedded files or passed to the wrapped transport.
#pragma once

#include "core/http.h"
#include "demo/demo_storage.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace portal::demo {

class DemoService;

// Data the demo ships instead of fetching it.
struct DemoContent {
    // The FAQ knowledge base in serve.py's format (server/faq.json): [{id, question, answer}].
    std::string faqJson;
    // The mobile prefix table (format in core/mobile_regions.h); without it no number is
    // placed in Fujian, so no SMS code is sent.
    std::string phoneTable;
    // Static files by path without a leading slash, such as "portal-config.json".
    std::map<std::string, std::string> files;
};

// Hooks into the page that hosts the demo.
struct DemoOptions {
    // Current time in seconds since the Unix epoch; the system clock when empty.
    std::function<std::int64_t()> now;
    // Receives every SMS the demo "sends", with the full number, so the page can show it.
    std::function<void(const std::string& mobile, const std::string& message)> onSms;
    // Runs a response callback later; when empty, send() calls back before it returns.
    std::function<void(std::function<void()>)> defer;
};

class DemoBackend : public HttpTransport {
public:
    // Loads the state from `storage`, or seeds it when nothing valid is stored. `fallback`
    // may be null: non-API requests for files not in `content` then get 404.
    DemoBackend(DemoStorage& storage, DemoContent content, HttpTransport* fallback,
                DemoOptions options = {});
    ~DemoBackend() override;

    void send(HttpRequest request, std::function<void(HttpResponse)> done) override;

    // Handles an API request at once; non-API paths get 404.
    HttpResponse handleApi(const HttpRequest& request);

    // Restores the seed data, ends every session and saves the result.
    void reset();

    // Returns the latest SMS sent to `mobile` in this page load, or an empty string.
    std::string latestSms(const std::string& mobile) const;

private:
    HttpResponse serveFile(const std::string& path) const;

    // Calls `done` with `response` through options_.defer, or at once without it.
    void respond(HttpResponse response, std::function<void(HttpResponse)> done) const;

    DemoStorage& storage_;
    HttpTransport* fallback_;
    DemoOptions options_;
    std::unique_ptr<DemoService> service_;
};

} // namespace portal::demo
