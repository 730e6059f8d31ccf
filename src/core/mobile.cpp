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

// Finds the length of the country code of mainland China at the start of `digits`: 0, 2 or 4.
// Returns false if `digits` starts with another country code (a leading + or 00 that is not
// followed by 86).
bool findCountryCodeLength(std::string_view digits, bool hadPlus, std::size_t& length) {
    length = 0;
    if (hadPlus) {
        if (digits.substr(0, 2) != "86") {
            return false;
        }
        length = 2;
        return true;
    }
    if (digits.substr(0, 4) == "0086") {
        length = 4;
        return true;
    }
    if (digits.substr(0, 2) == "00") {
        return false;
    }
    // "86" without + or 00 is a country code only where it leaves an 11-digit mobile number.
    if (digits.size() == kMobileLength + 2 && digits.substr(0, 3) == "861") {
        length = 2;
    }
    return true;
}

// Room for the digits of a typed number: 11, a country code of up to 4 and a few typed by
// mistake. An input with more digits takes the general path.
constexpr std::size_t kMaxPlainDigits = 24;

// Collects the digits of an input made only of ASCII digits, full-width digits, ASCII spaces,
// dashes and brackets, and a + before the first digit, which covers the usual typed forms such
// as "+86 139 5910 0000" and "139-5910-0000". Returns false for any other input or more than kMaxPlainDigits digits, which take
// the general path of normalizeIdentifier and collectDigits. For an input accepted here that
// path collects the same digits, because folding turns full-width digits into ASCII ones and
// collectDigits skips the same characters.
bool collectPlainDigits(std::string_view input, char (&digits)[kMaxPlainDigits],
                        std::size_t& count, bool& hadPlus) {
    count = 0;
    hadPlus = false;
    std::size_t offset = 0;
    while (offset < input.size()) {
        const char c = input[offset];
        ++offset;
        char digit = '\0';
        if (c >= '0' && c <= '9') {
            digit = c;
        } else if (c == '\xEF' && offset + 1 < input.size() && input[offset] == '\xBC' &&
                   input[offset + 1] >= '\x90' && input[offset + 1] <= '\x99') {
            // A full-width digit, U+FF10 to U+FF19, is EF BC 90 to EF BC 99 in UTF-8.
            digit = static_cast<char>('0' + (input[offset + 1] - '\x90'));
            offset += 2;
        } else if (c == ' ' || c == '-' || c == '(' || c == ')' || (c >= '\t' && c <= '\r')) {
            continue;
        } else if (c == '+' && count == 0 && !hadPlus) {
            hadPlus = true;
            continue;
        } else {
            return false;
        }

        if (count == kMaxPlainDigits) {
            return false;
        }
        digits[count++] = digit;
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

// Formats the message that blocks a number registered outside Fujian, e.g. "该号码归属地为
// 浙江省杭州市，…". The text is sized first, so building it allocates once.
std::string describeRegionOutsideFujian(const MobileRegion& region) {
    constexpr std::string_view kBefore = "该号码归属地为 ";
    constexpr std::string_view kAfter = "，短信验证码仅支持福建省内手机号码";
    std::string message;
    message.reserve(kBefore.size() + region.province.size() + region.city.size() + kAfter.size());
    message.append(kBefore);
    message.append(region.province);
    message.append(region.city);
    message.append(kAfter);
    return message;
}

// Resets the region for the next value, keeping the memory of its names.
void clearRegion(MobileRegion& region) {
    region.status = MobileRegionStatus::unknown;
    region.province.clear();
    region.city.clear();
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
    clearRegion(verdict.region);

    char plainDigits[kMaxPlainDigits];
    std::size_t plainDigitCount = 0;
    bool hadPlus = false;
    const bool plain = collectPlainDigits(input, plainDigits, plainDigitCount, hadPlus);
    std::string collectedDigits;
    std::string_view digits;
    if (plain) {
        verdict.clear();
        digits = std::string_view(plainDigits, plainDigitCount);
    } else {
        hadPlus = false;
        normalizeIdentifier(input, LetterCase::keep, verdict);
        if (verdict.isBlocked()) {
            return;
        }
        if (!collectDigits(verdict.normalized, collectedDigits, hadPlus, verdict)) {
            return;
        }
        digits = collectedDigits;
    }
    if (digits.empty()) {
        verdict.normalized.clear();
        verdict.block("empty", "请输入手机号码");
        return;
    }

    std::size_t countryCodeLength = 0;
    if (!findCountryCodeLength(digits, hadPlus, countryCodeLength)) {
        // As on the general path, `normalized` keeps the trimmed input, not the digits.
        if (plain) {
            normalizeIdentifier(input, LetterCase::keep, verdict);
        }
        verdict.block("not_mainland_number", "仅支持中国大陆手机号码（国家代码 +86）");
        return;
    }

    const std::string_view number = digits.substr(countryCodeLength);
    assignNonOverlapping(verdict.normalized, number);
    if (number.size() != kMobileLength) {
        verdict.block("wrong_length",
                      "手机号码应为11位数字，当前为" + std::to_string(number.size()) + "位");
        return;
    }
    if (number[0] != '1') {
        verdict.block("not_mobile_number",
                      "手机号码应以 1 开头，第1位是 " + std::string(number.substr(0, 1)), 1);
        return;
    }
    if (!isAllocatedMobileSegment(number)) {
        verdict.block("unallocated_segment",
                      "号段 " + std::string(number.substr(0, 3)) + " 不是已分配的手机号段，请核对前3位",
                      1);
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

    lookup.lookupInto(verdict.normalized, verdict.region);
    switch (verdict.region.status) {
    case MobileRegionStatus::fujian:
        break;
    case MobileRegionStatus::other_province:
        verdict.block("region_outside_fujian", describeRegionOutsideFujian(verdict.region));
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
