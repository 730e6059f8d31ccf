// The password policy of every account kind, as the server enforces it: 8 to 64 characters
// from at least three of upper-case letters, lower-case letters, digits and other characters,
// and no spaces. Forms show each rule as met or not while the password is typed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portal {

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 64;

// One rule of the policy and whether a password meets it.
struct PasswordRule {
    const char* label;  // e.g. "8至64个字符"
    bool met = false;
};

// Checks `password` against each rule, in display order.
std::vector<PasswordRule> check_password_rules(std::string_view password);

// The first rule `password` breaks as a message for the field, or an empty string.
std::string password_policy_error(std::string_view password);

} // namespace portal
