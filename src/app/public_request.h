// POST requests to the public endpoints of the contract (SMS codes, registration). They keep
// more of a rejection than ApiClient::call does: the field it concerns and the seconds to wait
// before a retry, so forms can put the message beside the right field.
#pragma once

#include "core/http.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace portal {

// A rejected or failed request: the Chinese message plus the contract's extra error fields.
struct RequestFailure {
    Error error;
    std::string field;            // the request field the error concerns, e.g. "smsCode"
    int retry_after_seconds = 0;  // of sms_too_frequent; 0 when absent
};

// The outcome of a public request: the decoded 2xx body, or the failure.
struct PublicResponse {
    std::optional<nlohmann::json> body;
    std::optional<RequestFailure> failure;

    bool ok() const { return body.has_value(); }
};

// Decodes a response that is not a 2xx into a RequestFailure.
RequestFailure decode_request_failure(const HttpResponse& response);

// Sends `body` as JSON to `url` without a session token and calls `done` with the outcome.
void post_public(HttpTransport& transport, std::string url, const nlohmann::json& body,
                 std::function<void(PublicResponse)> done);

} // namespace portal
