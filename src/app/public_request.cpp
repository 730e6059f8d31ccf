#include "app/public_request.h"

#include "core/api_client.h"
#include "core/json_decode.h"

#include <utility>

namespace portal {

RequestFailure decode_request_failure(const HttpResponse& response) {
    RequestFailure failure;
    failure.error = decode_failure(response);
    auto parsed = json_decode::parse(response.body);
    if (!parsed) {
        return failure;
    }
    if (const nlohmann::json* error = json_decode::object_member(*parsed, "error")) {
        failure.field = json_decode::string_member(*error, "field").value_or("");
        const long long retry = json_decode::integer_member(*error, "retryAfterSeconds").value_or(0);
        failure.retry_after_seconds = retry > 0 && retry < 86400 ? static_cast<int>(retry) : 0;
    }
    return failure;
}

void post_public(HttpTransport& transport, std::string url, const nlohmann::json& body,
                 std::function<void(PublicResponse)> done) {
    HttpRequest request;
    request.method = "POST";
    request.url = std::move(url);
    // Invalid UTF-8 in typed text must not throw: it is replaced, and the server rejects it.
    request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("Content-Type", "application/json");
    transport.send(std::move(request), [done = std::move(done)](HttpResponse response) {
        PublicResponse outcome;
        if (response.status >= 200 && response.status < 300) {
            auto parsed = json_decode::parse(response.body);
            if (parsed && parsed->is_object()) {
                outcome.body = std::move(*parsed);
            } else {
                outcome.failure = RequestFailure{
                    {"malformed_response", "服务器返回的数据无法识别，请稍后重试"}, "", 0};
            }
        } else {
            outcome.failure = decode_request_failure(response);
        }
        done(std::move(outcome));
    });
}

} // namespace portal
