#include "app/sms_code.h"

#include "app/public_request.h"
#include "core/json_decode.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

namespace portal {

namespace {

int seconds_left(double until, double now) {
    return until > now ? static_cast<int>(std::ceil(until - now)) : 0;
}

// Returns the seconds from a response when they lie within a day, else `fallback`. Other
// values are outside the contract, and a huge one would overflow the countdown's int.
long long seconds_or(std::optional<long long> seconds, int fallback) {
    constexpr long long kDay = 24 * 3600;
    return seconds && *seconds >= 0 && *seconds <= kDay ? *seconds : fallback;
}

std::string normalized_mobile(std::string_view input) {
    MobileVerdict verdict = validateMobileNumber(input);
    return verdict.isBlocked() ? std::string() : verdict.normalized;
}

} // namespace

std::string format_countdown(int seconds) {
    char text[16];
    std::snprintf(text, sizeof text, "%d:%02d", seconds / 60, seconds % 60);
    return text;
}

bool SmsCodeSender::send(HttpTransport& transport, const MobileRegionLookup& regions,
                         std::string_view mobile_input, double now,
                         std::function<void()> changed) {
    if (busy_ || seconds_until_resend(mobile_input, now) > 0) {
        return false;
    }
    error_.clear();
    warning_.clear();

    MobileVerdict verdict = validateMobileNumberForSms(mobile_input, regions);
    for (const Finding& finding : verdict.findings) {
        std::string& target = finding.severity == Severity::block ? error_ : warning_;
        if (target.empty()) {
            target = finding.message;
        }
    }
    if (verdict.isBlocked()) {
        return false;
    }

    busy_ = true;
    const std::string mobile = verdict.normalized;
    nlohmann::json body = {{"mobile", mobile}, {"purpose", purpose_}};
    post_public(transport, "/api/sms-codes", body,
                [this, mobile, now, changed = std::move(changed)](PublicResponse response) {
                    busy_ = false;
                    sent_mobile_ = mobile;
                    if (response.ok()) {
                        const nlohmann::json& answer = *response.body;
                        const long long resend = seconds_or(
                            json_decode::integer_member(answer, "resendAfterSeconds"),
                            kSmsResendSeconds);
                        const long long valid = seconds_or(
                            json_decode::integer_member(answer, "expiresInSeconds"),
                            kSmsValiditySeconds);
                        masked_mobile_ = json_decode::string_member(answer, "mobile").value_or("");
                        resend_at_ = now + static_cast<double>(resend);
                        expires_at_ = now + static_cast<double>(valid);
                    } else {
                        const RequestFailure& failure = *response.failure;
                        error_ = failure.error.message;
                        expires_at_ = 0;
                        // A rejection for sending too often carries the wait, which the
                        // button then shows as its countdown.
                        resend_at_ = now + failure.retry_after_seconds;
                        if (failure.retry_after_seconds == 0) {
                            sent_mobile_.clear();
                        }
                    }
                    if (changed) {
                        changed();
                    }
                });
    return true;
}

int SmsCodeSender::seconds_until_resend(std::string_view mobile_input, double now) const {
    if (sent_mobile_.empty() || normalized_mobile(mobile_input) != sent_mobile_) {
        return 0;
    }
    return seconds_left(resend_at_, now);
}

int SmsCodeSender::seconds_until_expiry(double now) const {
    return seconds_left(expires_at_, now);
}

std::string SmsCodeSender::button_label(std::string_view mobile_input, double now) const {
    if (busy_) {
        return "发送中…";
    }
    const int wait = seconds_until_resend(mobile_input, now);
    if (wait > 0) {
        return "重新获取(" + format_countdown(wait) + ")";
    }
    return sent_mobile_.empty() ? "获取验证码" : "重新获取";
}

std::string SmsCodeSender::status(double now) const {
    if (!error_.empty() || sent_mobile_.empty()) {
        return "";
    }
    const int valid = seconds_until_expiry(now);
    const std::string target = masked_mobile_.empty() ? "您的手机" : masked_mobile_;
    if (valid <= 0) {
        return "发送至" + target + "的验证码已过期，请重新获取";
    }
    return "验证码已发送至" + target + "，有效期还剩" + format_countdown(valid);
}

void SmsCodeSender::reset() {
    busy_ = false;
    sent_mobile_.clear();
    masked_mobile_.clear();
    resend_at_ = 0;
    expires_at_ = 0;
    error_.clear();
    warning_.clear();
}

} // namespace portal
