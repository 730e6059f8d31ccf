#include "app/declaration_form.h"

#include <chrono>
#include <cstdio>
#include <random>

namespace portal {

std::string make_idempotency_key(const char* prefix) {
    // random_device alone may be a fixed sequence on some platforms, so the clock is mixed in.
    std::random_device device;
    const auto ticks = static_cast<unsigned long long>(
        std::chrono::steady_clock::now().time_since_epoch().count());
    std::seed_seq seed{device(), device(), static_cast<unsigned>(ticks),
                       static_cast<unsigned>(ticks >> 32)};
    std::mt19937_64 generator(seed);
    char text[64];
    std::snprintf(text, sizeof text, "%s-%016llx%016llx", prefix,
                  static_cast<unsigned long long>(generator()),
                  static_cast<unsigned long long>(generator()));
    return text;
}

const std::string& DeclarationForm::field_error(const std::string& field) const {
    static const std::string none;
    auto it = errors_.find(field);
    return it == errors_.end() ? none : it->second;
}

std::vector<std::string> DeclarationForm::ticked_types() const {
    std::vector<std::string> types;
    for (size_t i = 0; i < 3; ++i) {
        if (ticked[i]) {
            types.push_back(kInsuranceTypes[i]);
        }
    }
    return types;
}

void DeclarationForm::set_error(const std::string& field, std::string message) {
    if (message.empty()) {
        errors_.erase(field);
    } else {
        errors_[field] = std::move(message);
    }
}

void DeclarationForm::clear_errors() {
    errors_.clear();
    form_error_.clear();
}

std::string DeclarationForm::failure_message() const {
    if (!form_error_.empty() || errors_.empty()) {
        return form_error_;
    }
    return errors_.begin()->second;
}

bool DeclarationForm::has_errors() const {
    return !errors_.empty();
}

void DeclarationForm::check_types() {
    const std::vector<std::string> types = ticked_types();
    if (types.empty()) {
        set_error("insuranceTypes", "请至少勾选一个险种");
        return;
    }
    for (const std::string& type : types) {
        std::string refusal = permissions_.declare_refusal(type);
        if (!refusal.empty()) {
            set_error("insuranceTypes", "不能申报" + insurance_type_name(type) + "：" + refusal);
            return;
        }
    }
    set_error("insuranceTypes", "");
}

void DeclarationForm::finished() {
    if (on_finished) {
        on_finished();
    }
}

void DeclarationForm::session_resumed() {
    if (failure_code_ == "unauthenticated") {
        form_error_.clear();
        failure_code_.clear();
    }
}

void DeclarationForm::reset_form() {
    for (bool& tick : ticked) {
        tick = false;
    }
    clear_errors();
    key_.clear();
    created_.clear();
    busy_ = false;
    result_open_ = false;
}

void DeclarationForm::renew() {
    key_ = make_idempotency_key(kind_);
    clear_errors();
}

void DeclarationForm::send(nlohmann::json body, std::function<void()> on_created) {
    if (busy_) {
        return;
    }
    if (key_.empty()) {
        key_ = make_idempotency_key(kind_);
    }
    busy_ = true;
    form_error_.clear();
    failure_code_.clear();
    context_.request(
        "POST", "/api/declarations", std::move(body),
        [this, on_created = std::move(on_created)](Result<nlohmann::json> result) {
            busy_ = false;
            if (!result.ok()) {
                const Error& error = result.error();
                failure_code_ = error.code;
                // The server names the field as "（字段 idCardNumber）" at the end of its message.
                const std::string marker = "字段 ";
                const size_t at = error.message.rfind(marker);
                if (error.code == "invalid_request" && at != std::string::npos) {
                    std::string field = error.message.substr(at + marker.size());
                    field = field.substr(0, field.find("）"));
                    if (field == "changes") {
                        field = "name";
                    }
                    set_error(field, error.message);
                } else if (error.code == "insurance_type_not_allowed") {
                    set_error("insuranceTypes", error.message);
                } else {
                    form_error_ = error.message;
                }
                finished();
                return;
            }
            created_ = decode_declarations(result.value(), "declarations");
            result_open_ = true;
            key_.clear();
            on_created();
            finished();
        },
        {{"Idempotency-Key", key_}});
}

} // namespace portal
