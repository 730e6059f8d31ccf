#include "core/mobile.h"

#include "core/text_normalize.h"

namespace portal {
namespace {

constexpr std::size_t kMobileLength = 11;

// Characters users put between digit groups: spaces, ASCII and Unicode dashes, and the
// brackets of "(+86)". Full-width forms are folded to ASCII before this check.
bool isSeparator(char32_t c) {
    return isSpaceCharacter(c) || c == U'-' || c == U'(' || c == U')' ||
           (c >= U'\u2010' && c <= U'\u2015') || c == U'\u2212';
}

bool isDigit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

// Removes the country code of mainland China. Returns false if `digits` starts with another
// country code (a leading + or 00 that is not followed by 86).
bool stripCountryCode(std::string& digits, bool hadPlus) {
    if (hadPlus) {
        if (digits.compare(0, 2, "86") != 0) {
            return false;
        }
        digits.erase(0, 2);
        return true;
    }
    if (digits.compare(0, 4, "0086") == 0) {
        digits.erase(0, 4);
        return true;
    }
    if (digits.compare(0, 2, "00") == 0) {
        return false;
    }
    // "86" without + or 00 is a country code only where it leaves an 11-digit mobile number.
    if (digits.size() == kMobileLength + 2 && digits.compare(0, 3, "861") == 0) {
        digits.erase(0, 2);
    }
    return true;
}

// Collects the digits of `trimmed`, dropping separators and one leading +. Blocks on the
// first other character. Returns false if one was found.
bool collectDigits(const std::string& trimmed, std::string& digits, bool& hadPlus,
                   MobileVerdict& verdict) {
    std::size_t offset = 0;
    std::size_t position = 0;
    bool wellFormed = true;
    while (offset < trimmed.size()) {
        const char32_t c = decodeCodePoint(trimmed, offset, wellFormed);
        ++position;
        if (isDigit(c)) {
            digits.push_back(static_cast<char>(c));
            continue;
        }
        if (isSeparator(c)) {
            continue;
        }
        if (c == U'+' && digits.empty() && !hadPlus) {
            hadPlus = true;
            continue;
        }
        verdict.block("invalid_character",
                      "第" + std::to_string(position) + "位的" + describeCharacter(c) +
                          "不是数字，请只输入手机号码",
                      position);
        return false;
    }
    return true;
}

std::string describeRegion(const MobileRegion& region) {
    return region.province + region.city;
}

} // namespace

// NOTE: segments are accepted whole, and libphonenumber 8.12.57 calls part of them invalid:
// 146, 148 and 149 (data-only cards) and 174 outside 1740 (satellite).
bool isAllocatedMobileSegment(std::string_view number) {
    if (number.size() < 3 || number[0] != '1') {
        return false;
    }
    const char second = number[1];
    const char third = number[2];
    switch (second) {
    case '3':
    case '8':
        return third >= '0' && third <= '9';
    case '4':
        // 140-144 carry 13-digit machine-to-machine numbers, not 11-digit mobile numbers.
        return third >= '5' && third <= '9';
    case '5':
        return third >= '0' && third <= '9' && third != '4';
    case '6':
        return third == '2' || third == '5' || third == '6' || third == '7';
    case '7':
        return third >= '0' && third <= '8';
    case '9':
        return third >= '0' && third <= '9' && third != '4';
    default:
        return false;
    }
}

MobileVerdict validateMobileNumber(std::string_view input) {
    MobileVerdict verdict;
    validateMobileNumber(input, verdict);
    return verdict;
}

void validateMobileNumber(std::string_view input, MobileVerdict& verdict) {
    verdict.region = {};
    normalizeIdentifier(input, LetterCase::keep, verdict);
    if (verdict.isBlocked()) {
        return;
    }

    // A typed number with its separators and country code fits the short-string buffer, so
    // collecting its digits does not allocate.
    std::string digits;
    bool hadPlus = false;
    if (!collectDigits(verdict.normalized, digits, hadPlus, verdict)) {
        return;
    }
    if (digits.empty()) {
        verdict.normalized.clear();
        verdict.block("empty", "请输入手机号码");
        return;
    }
    if (!stripCountryCode(digits, hadPlus)) {
        verdict.block("not_mainland_number", "仅支持中国大陆手机号码（国家代码 +86）");
        return;
    }

    verdict.normalized.assign(digits);
    if (digits.size() != kMobileLength) {
        verdict.block("wrong_length",
                      "手机号码应为11位数字，当前为" + std::to_string(digits.size()) + "位");
        return;
    }
    if (digits[0] != '1') {
        verdict.block("not_mobile_number", "手机号码应以 1 开头，第1位是 " + digits.substr(0, 1),
                      1);
        return;
    }
    if (!isAllocatedMobileSegment(digits)) {
        verdict.block("unallocated_segment",
                      "号段 " + digits.substr(0, 3) + " 不是已分配的手机号段，请核对前3位", 1);
    }
}

MobileVerdict validateMobileNumberForSms(std::string_view input, const MobileRegionLookup& lookup) {
    MobileVerdict verdict;
    validateMobileNumberForSms(input, lookup, verdict);
    return verdict;
}

void validateMobileNumberForSms(std::string_view input, const MobileRegionLookup& lookup,
                                MobileVerdict& verdict) {
    validateMobileNumber(input, verdict);
    if (verdict.isBlocked()) {
        return;
    }

    verdict.region = lookup.lookup(verdict.normalized);
    switch (verdict.region.status) {
    case MobileRegionStatus::fujian:
        break;
    case MobileRegionStatus::other_province:
        verdict.block("region_outside_fujian", "该号码归属地为 " + describeRegion(verdict.region) +
                                                   "，短信验证码仅支持福建省内手机号码");
        break;
    case MobileRegionStatus::unknown:
        verdict.warn("region_unknown",
                     "无法确定该号码的归属地，短信验证码仅发送给福建省内手机号码，可能无法收到");
        break;
    case MobileRegionStatus::invalid:
        verdict.block("region_invalid", "该号码不是有效的手机号码，无法发送短信验证码，请核对");
        break;
    }
}

} // namespace portal
