#include "demo/demo_backend.h"

#include "core/text_normalize.h"
#include "demo/demo_service.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

namespace portal::demo {
namespace {

using Handler = ApiReply (*)(DemoService&, const ApiRequest&);

struct Route {
    const char* method;
    const char* path;
    Handler handler;
};

// Every route of docs/api.md.
const Route kRoutes[] = {
    {"POST", "/api/sessions", createSession},
    {"GET", "/api/session", getSession},
    {"DELETE", "/api/session", deleteSession},
    {"POST", "/api/session/password", changePassword},
    {"POST", "/api/sms-codes", createSmsCode},
    {"POST", "/api/persons", registerPerson},
    {"POST", "/api/units", registerUnit},
    {"GET", "/api/unit", getUnit},
    {"POST", "/api/unit/confirmation", confirmUnit},
    {"GET", "/api/unit/agents", listAgents},
    {"POST", "/api/unit/agents/sync", syncAgents},
    {"GET", "/api/agent/insurance-types", getInsuranceTypes},
    {"GET", "/api/agent/platform", getPlatform},
    {"POST", "/api/agent/platform", openPlatform},
    {"GET", "/api/staff", listStaff},
    {"GET", "/api/staff/{staffId}", getStaff},
    {"GET", "/api/declarations", listDeclarations},
    {"POST", "/api/declarations", createDeclarations},
    {"GET", "/api/declarations/{id}", getDeclaration},
    {"POST", "/api/declarations/{id}/rollback", rollbackDeclaration},
    {"GET", "/api/reminders", listReminders},
    {"GET", "/api/me/rights", getRights},
    {"GET", "/api/me/contributions", getContributions},
    {"GET", "/api/downloads", listDownloads},
    {"GET", "/api/faq", searchFaq},
};

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (end > start) {
            segments.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return segments;
}

bool matchRoute(const char* pattern, const std::vector<std::string>& segments,
                std::map<std::string, std::string>& params) {
    const std::vector<std::string> expected = splitPath(pattern);
    if (expected.size() != segments.size()) {
        return false;
    }
    params.clear();
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const std::string& part = expected[i];
        if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
            params[part.substr(1, part.size() - 2)] = segments[i];
        } else if (part != segments[i]) {
            return false;
        }
    }
    return true;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percentDecode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
                   hexValue(text[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Splits "/api/faq?q=x" (or a URL with scheme and host) into path and decoded query.
void splitUrl(const std::string& url, std::string& path, std::map<std::string, std::string>& query) {
    std::string rest = url;
    const std::size_t scheme = rest.find("://");
    if (scheme != std::string::npos) {
        const std::size_t slash = rest.find('/', scheme + 3);
        rest = slash == std::string::npos ? "/" : rest.substr(slash);
    }
    const std::size_t mark = rest.find('?');
    path = rest.substr(0, mark);
    if (mark == std::string::npos) {
        return;
    }
    const std::string text = rest.substr(mark + 1);
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('&', start), text.size());
        const std::string pair = text.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        if (!pair.empty()) {
            const std::string name = percentDecode(pair.substr(0, equals));
            query.emplace(name,
                          equals == std::string::npos ? "" : percentDecode(pair.substr(equals + 1)));
        }
        start = end + 1;
    }
}

std::string lowerAscii(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

bool isApiPath(const std::string& path) {
    return path == "/api" || path.rfind("/api/", 0) == 0;
}

std::int64_t currentTime(const DemoOptions& options) {
    if (options.now) {
        return options.now();
    }
    const auto since = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::seconds>(since).count();
}

std::string seedSecret() {
    std::random_device device;
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%08x%08x", device(), device());
    return buffer;
}

} // namespace

DemoBackend::DemoBackend(DemoStorage& storage, DemoContent content, HttpTransport* fallback,
                         DemoOptions options)
    : storage_(storage), fallback_(fallback), options_(std::move(options)) {
    std::optional<DemoState> state;
    if (std::optional<std::string> stored = storage_.load()) {
        state = parseState(*stored);
    }
    const bool seeded = !state.has_value();
    if (seeded) {
        state = makeSeedState(currentTime(options_), seedSecret());
    }
    service_ = std::make_unique<DemoService>(std::move(*state), std::move(content), options_);
    if (seeded) {
        storage_.save(serializeState(service_->state));
    }
}

DemoBackend::~DemoBackend() = default;

void DemoBackend::send(HttpRequest request, std::function<void(HttpResponse)> done) {
    std::string path;
    std::map<std::string, std::string> query;
    splitUrl(request.url, path, query);
    if (!isApiPath(path)) {
        std::string name = path;
        while (!name.empty() && (name.front() == '/' || name.rfind("./", 0) == 0)) {
            name.erase(0, name.front() == '/' ? 1 : 2);
        }
        if (service_->content.files.count(name) == 0 && fallback_ != nullptr) {
            fallback_->send(std::move(request), std::move(done));
            return;
        }
        respond(serveFile(name), std::move(done));
        return;
    }
    respond(handleApi(request), std::move(done));
}

void DemoBackend::respond(HttpResponse response, std::function<void(HttpResponse)> done) const {
    if (options_.defer) {
        options_.defer([done, response]() { done(response); });
    } else {
        done(response);
    }
}

HttpResponse DemoBackend::serveFile(const std::string& path) const {
    HttpResponse response;
    const auto found = service_->content.files.find(path);
    if (found == service_->content.files.end()) {
        response.status = 404;
        response.body = "not found";
        return response;
    }
    response.status = 200;
    response.body = found->second;
    return response;
}

HttpResponse DemoBackend::handleApi(const HttpRequest& request) {
    ApiRequest call;
    call.method = request.method;
    call.body = request.body;
    splitUrl(request.url, call.path, call.query);
    for (const auto& [name, value] : request.headers) {
        call.headers[lowerAscii(name)] = value;
    }

    ApiReply reply = notFound();
    const std::vector<std::string> segments = splitPath(call.path);
    std::vector<std::string> allowed;
    const Route* chosen = nullptr;
    for (const Route& route : kRoutes) {
        std::map<std::string, std::string> params;
        if (!matchRoute(route.path, segments, params)) {
            continue;
        }
        // Routes of one path are listed together, so the first matching path decides.
        if (!allowed.empty() && splitPath(route.path) != splitPath(chosen->path)) {
            break;
        }
        allowed.push_back(route.method);
        if (chosen == nullptr) {
            chosen = &route;
        }
        if (call.method == route.method) {
            call.params = std::move(params);
            chosen = &route;
            allowed.clear();
            reply = route.handler(*service_, call);
            break;
        }
    }
    if (!allowed.empty()) {
        std::sort(allowed.begin(), allowed.end());
        std::string list;
        for (const std::string& method : allowed) {
            list += (list.empty() ? "" : "、") + method;
        }
        reply = errorReply(405, "method_not_allowed", "该地址不支持此请求方法，支持的方法：" + list);
    }

    if (service_->changed) {
        service_->changed = false;
        storage_.save(serializeState(service_->state));
    }
    HttpResponse response;
    response.status = reply.status;
    response.body = reply.body.dump(-1, ' ', false, json::error_handler_t::replace);
    return response;
}

void DemoBackend::reset() {
    DemoContent content = std::move(service_->content);
    const std::int64_t now = service_->now();
    service_ = std::make_unique<DemoService>(makeSeedState(now, seedSecret()), std::move(content),
                                             options_);
    storage_.save(serializeState(service_->state));
}

std::string DemoBackend::latestSms(const std::string& mobile) const {
    const auto found = service_->outbox.find(mobile);
    return found == service_->outbox.end() ? std::string() : found->second;
}

// DemoService ----------------------------------------------------------------------------------

DemoService::DemoService(DemoState initial, DemoContent initialContent, DemoOptions initialOptions)
    : state(std::move(initial)),
      content(std::move(initialContent)),
      options(std::move(initialOptions)),
      random_(std::random_device{}()) {
    const json faq = json::parse(content.faqJson, nullptr, false);
    if (!faq.is_discarded() && faq.is_array()) {
        faqEntries = faq;
    }
    if (!content.phoneTable.empty()) {
        Result<PrefixTableRegionLookup> table = PrefixTableRegionLookup::parse(content.phoneTable);
        if (table.ok()) {
            regions = std::make_unique<PrefixTableRegionLookup>(std::move(table).value());
        }
    }
}

std::int64_t DemoService::now() const {
    return currentTime(options);
}

std::string DemoService::randomToken(std::size_t length) {
    static const char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string token;
    for (std::size_t i = 0; i < length; ++i) {
        token += kAlphabet[random_() % 64];
    }
    return token;
}

std::string DemoService::randomDigits(int digits) {
    std::string code;
    for (int i = 0; i < digits; ++i) {
        code += static_cast<char>('0' + random_() % 10);
    }
    return code;
}

DemoAccount* DemoService::findAccount(const std::function<bool(const DemoAccount&)>& match) {
    for (DemoAccount& account : state.accounts) {
        if (!account.disabled && match(account)) {
            return &account;
        }
    }
    return nullptr;
}

bool DemoService::jsonObject(const ApiRequest& request, json& out, ApiReply& error) const {
    if (request.body.empty()) {
        error = invalidRequest("请求内容为空，应为 JSON 对象", "");
        return false;
    }
    out = json::parse(request.body, nullptr, false);
    if (out.is_discarded()) {
        error = errorReply(400, "invalid_json", "请求内容不是有效的 JSON，请检查格式");
        return false;
    }
    if (!out.is_object()) {
        error = errorReply(400, "invalid_json", "请求内容应为 JSON 对象");
        return false;
    }
    return true;
}

} // namespace portal::demo
