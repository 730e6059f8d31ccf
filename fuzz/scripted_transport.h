// An HttpTransport whose responses come from a fuzz input, for driving the screens through
// their public API. The script is a list of responses separated by NUL bytes (valid JSON never
// contains a raw NUL). Each response is a status byte followed by the body. Request k gets
// response k, and requests beyond the script get its last response again.
#pragma once

#include "core/http.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portal::fuzz {

// Turns a status byte into a response: bytes below 0x80 are 200, so that most inputs reach
// the decoders, and the others pick one of the failures the client must expect.
inline HttpResponse response_for(unsigned char status_byte, std::string body) {
    // 0 is "no response at all" (network failure) and -1 marks a timeout.
    static constexpr int kOtherStatuses[16] = {201, 204, 299, 302, 400, 401, 403, 404,
                                               409, 413, 429, 500, 503, 599, 0,   -1};
    HttpResponse response;
    response.body = std::move(body);
    if (status_byte < 0x80) {
        response.status = 200;
        return response;
    }
    const int status = kOtherStatuses[status_byte & 0x0F];
    response.status = status < 0 ? 0 : status;
    response.timedOut = status < 0;
    return response;
}

class ScriptedTransport : public HttpTransport {
public:
    // The maximum number of responses for one input. It bounds the page walks of the exports.
    static constexpr std::size_t kMaxAnswers = 200;

    explicit ScriptedTransport(std::string_view script) {
        std::size_t start = 0;
        while (true) {
            const std::size_t end = script.find('\0', start);
            responses_.push_back(script.substr(start, end - start));
            if (end == std::string_view::npos) {
                break;
            }
            start = end + 1;
        }
    }

    void send(HttpRequest request, std::function<void(HttpResponse)> done) override {
        pending_.emplace_back(std::move(request), std::move(done));
    }

    // Delivers a response to each waiting request in order, also to those sent meanwhile, until
    // none is left or kMaxAnswers responses have been delivered for this input.
    void answer_pending() {
        while (!pending_.empty() && answered_ < kMaxAnswers) {
            auto done = std::move(pending_.front().second);
            pending_.pop_front();
            done(next_response());
        }
    }

    // Returns the body of the first response, for the decoders that take text, not a response.
    std::string_view first_body() const {
        return responses_.front().empty() ? std::string_view() : responses_.front().substr(1);
    }

private:
    HttpResponse next_response() {
        const std::string_view text =
            responses_[answered_ < responses_.size() ? answered_ : responses_.size() - 1];
        ++answered_;
        if (text.empty()) {
            return response_for(0, "");
        }
        return response_for(static_cast<unsigned char>(text.front()), std::string(text.substr(1)));
    }

    std::vector<std::string_view> responses_;
    std::deque<std::pair<HttpRequest, std::function<void(HttpResponse)>>> pending_;
    std::size_t answered_ = 0;
};

} // namespace portal::fuzz
