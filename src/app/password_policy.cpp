#include "app/password_policy.h"

namespace portal {

namespace {

constexpr const char* kSpaces = " \t\r\n";

// Counts code points, so that a Chinese character counts as one character as on the server.
std::size_t count_characters(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

int count_character_classes(std::string_view password) {
    bool upper = false;
    bool lower = false;
    bool digit = false;
    bool other = false;
    for (unsigned char c : password) {
        if (c >= 'A' && c <= 'Z') {
            upper = true;
        } else if (c >= 'a' && c <= 'z') {
            lower = true;
        } else if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            other = true;
        }
    }
    return int(upper) + int(lower) + int(digit) + int(other);
}

} // namespace

std::vector<PasswordRule> check_password_rules(std::string_view password) {
    const std::size_t length = count_characters(password);
    return {
        {"8至64个字符", length >= kMinPasswordLength && length <= kMaxPasswordLength},
        {"包含大写字母、小写字母、数字、其他字符中的至少三类", count_character_classes(password) >= 3},
        {"不含空格", !password.empty() && password.find_first_of(kSpaces) == std::string_view::npos},
    };
}

std::string password_policy_error(std::string_view password) {
    if (password.empty()) {
        return "请设置密码";
    }
    const std::size_t length = count_characters(password);
    if (length < kMinPasswordLength) {
        return "密码至少8个字符，当前为" + std::to_string(length) + "个";
    }
    if (length > kMaxPasswordLength) {
        return "密码最多64个字符，当前为" + std::to_string(length) + "个";
    }
    if (count_character_classes(password) < 3) {
        return "密码需包含大写字母、小写字母、数字、其他字符中的至少三类";
    }
    if (password.find_first_of(kSpaces) != std::string_view::npos) {
        return "密码不能包含空格";
    }
    return "";
}

} // namespace portal
