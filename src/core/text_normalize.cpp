#include "core/text_normalize.h"

#include <cstdio>

namespace portal {
namespace {

// Byte offsets of `text` without its leading and trailing spaces, and how many code points the
// leading spaces take.
struct TrimBounds {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t leadingCodePoints = 0;
};

TrimBounds findTrimBounds(std::string_view text) {
    TrimBounds bounds;
    bounds.end = text.size();

    std::size_t offset = 0;
    bool wellFormed = true;
    while (offset < text.size()) {
        const std::size_t start = offset;
        if (!isSpaceCharacter(decodeCodePoint(text, offset, wellFormed))) {
            bounds.begin = start;
            break;
        }
        bounds.begin = offset;
        ++bounds.leadingCodePoints;
    }

    // Decoding backwards is not safe for ill-formed input, so the end is the offset after the
    // last code point that is not a space.
    std::size_t lastContentEnd = bounds.begin;
    offset = bounds.begin;
    while (offset < text.size()) {
        if (!isSpaceCharacter(decodeCodePoint(text, offset, wellFormed))) {
            lastContentEnd = offset;
        }
    }
    bounds.end = lastContentEnd;
    return bounds;
}

char32_t foldFullWidthCodePoint(char32_t codePoint) {
    if (codePoint >= U'\uFF01' && codePoint <= U'\uFF5E') {
        return codePoint - U'\uFF01' + U'!';
    }
    if (codePoint == U'\u3000') {
        return U' ';
    }
    return codePoint;
}

// Normalizes as normalizeIdentifier does, for input that is all ASCII: such input has no
// full-width characters or invalid sequences, and its only spaces are ASCII whitespace. This
// path allocates the result only, which keeps typing into a form field cheap.
void normalizeAsciiIdentifier(std::string_view input, LetterCase letterCase, Verdict& verdict) {
    std::size_t begin = 0;
    std::size_t end = input.size();
    while (begin < end && isSpaceCharacter(static_cast<unsigned char>(input[begin]))) {
        ++begin;
    }
    while (end > begin && isSpaceCharacter(static_cast<unsigned char>(input[end - 1]))) {
        --end;
    }

    verdict.normalized.assign(input.substr(begin, end - begin));
    if (letterCase == LetterCase::upper) {
        for (char& c : verdict.normalized) {
            if (c >= 'a' && c <= 'z') {
                c = static_cast<char>(c - 'a' + 'A');
            }
        }
    }
}

char32_t toUpperAsciiCodePoint(char32_t codePoint) {
    if (codePoint >= U'a' && codePoint <= U'z') {
        return codePoint - U'a' + U'A';
    }
    return codePoint;
}

} // namespace

namespace detail {

char32_t decodeNonAsciiCodePoint(std::string_view text, std::size_t& offset, bool& wellFormed) {
    if (offset >= text.size()) {
        offset = text.size();
        wellFormed = false;
        return kReplacementCharacter;
    }

    const auto lead = static_cast<unsigned char>(text[offset]);
    wellFormed = true;
    if (lead < 0x80) {
        ++offset;
        return lead;
    }

    // Lead bytes and the allowed range of the first continuation byte follow the table of
    // well-formed UTF-8 byte sequences: E0 and F0 exclude overlong forms, ED excludes
    // surrogates and F4 excludes values above U+10FFFF.
    std::size_t length = 0;
    char32_t value = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0Fu;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07u;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        ++offset;
        wellFormed = false;
        return kReplacementCharacter;
    }

    std::size_t next = offset + 1;
    for (std::size_t i = 1; i < length; ++i, ++next) {
        if (next >= text.size()) {
            offset = next;
            wellFormed = false;
            return kReplacementCharacter;
        }
        const auto byte = static_cast<unsigned char>(text[next]);
        if (byte < low || byte > high) {
            offset = next;
            wellFormed = false;
            return kReplacementCharacter;
        }
        value = (value << 6) | (byte & 0x3Fu);
        low = 0x80;
        high = 0xBF;
    }
    offset = next;
    return value;
}

} // namespace detail

bool isAscii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

void appendUtf8(std::string& out, char32_t codePoint) {
    if ((codePoint >= 0xD800 && codePoint <= 0xDFFF) || codePoint > 0x10FFFF) {
        codePoint = kReplacementCharacter;
    }
    if (codePoint < 0x80) {
        out.push_back(static_cast<char>(codePoint));
    } else if (codePoint < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (codePoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else if (codePoint < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (codePoint >> 12)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (codePoint >> 18)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    }
}

std::size_t countCodePoints(std::string_view text) {
    if (isAscii(text)) {
        return text.size();
    }
    std::size_t count = 0;
    std::size_t offset = 0;
    bool wellFormed = true;
    while (offset < text.size()) {
        decodeCodePoint(text, offset, wellFormed);
        ++count;
    }
    return count;
}

std::size_t findInvalidUtf8(std::string_view text) {
    if (isAscii(text)) {
        return 0;
    }
    std::size_t index = 0;
    std::size_t offset = 0;
    bool wellFormed = true;
    while (offset < text.size()) {
        decodeCodePoint(text, offset, wellFormed);
        ++index;
        if (!wellFormed) {
            return index;
        }
    }
    return 0;
}

bool isSpaceCharacter(char32_t codePoint) {
    switch (codePoint) {
    case U'\t':
    case U'\n':
    case U'\v':
    case U'\f':
    case U'\r':
    case U' ':
    case U'\u0085':
    case U'\u00A0':
    case U'\u1680':
    case U'\u2028':
    case U'\u2029':
    case U'\u202F':
    case U'\u205F':
    case U'\u3000':
    case U'\uFEFF':
        return true;
    default:
        return codePoint >= U'\u2000' && codePoint <= U'\u200B';
    }
}

std::string trimSpaces(std::string_view text) {
    const TrimBounds bounds = findTrimBounds(text);
    return std::string(text.substr(bounds.begin, bounds.end - bounds.begin));
}

std::string foldFullWidth(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t offset = 0;
    bool wellFormed = true;
    while (offset < text.size()) {
        appendUtf8(out, foldFullWidthCodePoint(decodeCodePoint(text, offset, wellFormed)));
    }
    return out;
}

std::string toUpperAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return out;
}

Verdict normalizeIdentifier(std::string_view input, LetterCase letterCase) {
    Verdict verdict;
    normalizeIdentifier(input, letterCase, verdict);
    return verdict;
}

void normalizeIdentifier(std::string_view input, LetterCase letterCase, Verdict& verdict) {
    verdict.clear();
    if (isAscii(input)) {
        normalizeAsciiIdentifier(input, letterCase, verdict);
        return;
    }

    // Folding and upper-casing first re-encodes the text, so the trim below works on
    // well-formed UTF-8 and only has to shift the position of the first invalid sequence.
    std::string folded;
    folded.reserve(input.size());
    std::size_t firstInvalid = 0;
    std::size_t index = 0;
    std::size_t offset = 0;
    bool wellFormed = true;
    while (offset < input.size()) {
        const char32_t codePoint = decodeCodePoint(input, offset, wellFormed);
        ++index;
        if (!wellFormed && firstInvalid == 0) {
            firstInvalid = index;
        }
        char32_t normalizedCodePoint = foldFullWidthCodePoint(codePoint);
        if (letterCase == LetterCase::upper) {
            normalizedCodePoint = toUpperAsciiCodePoint(normalizedCodePoint);
        }
        appendUtf8(folded, normalizedCodePoint);
    }

    const TrimBounds bounds = findTrimBounds(folded);
    verdict.normalized.assign(folded, bounds.begin, bounds.end - bounds.begin);
    if (firstInvalid != 0) {
        const std::size_t position = firstInvalid - bounds.leadingCodePoints;
        verdict.block("invalid_utf8",
                      "第" + std::to_string(position) +
                          "位含有无法识别的字符（编码无效），请删除后重新输入",
                      position);
    }
}

bool isHanCharacter(char32_t codePoint) {
    return (codePoint >= 0x3400 && codePoint <= 0x4DBF) ||
           (codePoint >= 0x4E00 && codePoint <= 0x9FFF) ||
           (codePoint >= 0xF900 && codePoint <= 0xFAFF) ||
           (codePoint >= 0x20000 && codePoint <= 0x2EBEF) ||
           (codePoint >= 0x30000 && codePoint <= 0x3134F);
}

std::string describeCharacter(char32_t codePoint) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(codePoint));

    if (codePoint == kReplacementCharacter) {
        return std::string("无法识别的字符 ") + hex;
    }
    if (codePoint == U' ') {
        return "空格";
    }
    if (isSpaceCharacter(codePoint)) {
        return std::string("空白字符 ") + hex;
    }
    if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F)) {
        return std::string("控制字符 ") + hex;
    }

    std::string out = "“";
    appendUtf8(out, codePoint);
    out += "”";
    return out;
}

} // namespace portal
