// The "获取验证码" button's state, shared by the logins and the registrations: the client-side
// check that a number is registered in Fujian, the request, the 5-minute resend countdown and
// the 10-minute validity of the code sent.
#pragma once

#include "core/http.h"
#include "core/mobile.h"

#include <functional>
#include <string>
#include <string_view>

namespace portal {

// Seconds between two codes to one number, and how long a code stays valid, as the server
// enforces them. The server's response overrides both when it names its own values.
inline constexpr int kSmsResendSeconds = 300;
inline constexpr int kSmsValiditySeconds = 600;

// Formats a countdown as minutes and seconds, e.g. "4:05".
std::string format_countdown(int seconds);

// A region lookup for when no prefix table is loaded: every number is of unknown region, so the
// client warns that the code may not arrive and lets the server decide.
class UnknownRegionLookup : public MobileRegionLookup {
public:
    MobileRegion lookup(std::string_view) const override { return {}; }
};

class SmsCodeSender {
public:
    // `purpose` is the contract's "login" or "register".
    explicit SmsCodeSender(std::string purpose) : purpose_(std::move(purpose)) {}

    // Checks `mobile_input` and, unless it is rejected or a countdown for the same number still
    // runs, requests a code. Returns whether a request was sent. `now` is in seconds on a
    // monotonic clock; `changed` runs when the response has been recorded.
    bool send(HttpTransport& transport, const MobileRegionLookup& regions,
              std::string_view mobile_input, double now, std::function<void()> changed);

    bool busy() const { return busy_; }

    // Seconds until another code may be requested for `mobile_input`; 0 when it may now.
    int seconds_until_resend(std::string_view mobile_input, double now) const;
    // Seconds the last code sent stays valid; 0 when none was sent or it has expired.
    int seconds_until_expiry(double now) const;

    // The button's label: "获取验证码", "发送中…" or "重新获取(4:59)".
    std::string button_label(std::string_view mobile_input, double now) const;

    // What the last attempt produced: a status line after sending, the reason for a rejection
    // (the client's or the server's), and a warning that does not stop sending.
    const std::string& error() const { return error_; }
    const std::string& warning() const { return warning_; }
    std::string status(double now) const;

    // Forgets the countdowns and messages, e.g. after a successful login.
    void reset();

private:
    std::string purpose_;
    bool busy_ = false;
    std::string sent_mobile_;    // the normalized number of the last request
    std::string masked_mobile_;  // as the server returned it, e.g. "138****0001"
    double resend_at_ = 0;
    double expires_at_ = 0;
    std::string error_;
    std::string warning_;
};

} // namespace portal
