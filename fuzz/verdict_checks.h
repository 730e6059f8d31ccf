// Properties that every verdict must have, whatever the input. A violation aborts, so that
// libFuzzer saves the input as a crash.
#pragma once

#include "core/text_normalize.h"
#include "core/validation.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace portal::fuzz {

[[noreturn]] inline void fail(const char* property, std::string_view detail) {
    std::fprintf(stderr, "property violated: %s (%.*s)\n", property,
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void require(bool condition, const char* property, std::string_view detail = {}) {
    if (!condition) {
        fail(property, detail);
    }
}

// Checks the findings and the normalized value of a verdict.
inline void checkVerdict(const Verdict& verdict) {
    require(findInvalidUtf8(verdict.normalized) == 0, "normalized value is valid UTF-8",
            verdict.normalized);
    const std::size_t length = countCodePoints(verdict.normalized);
    for (const Finding& finding : verdict.findings) {
        require(!finding.code.empty(), "finding has a code");
        require(!finding.message.empty(), "finding has a message", finding.code);
        require(findInvalidUtf8(finding.message) == 0, "message is valid UTF-8", finding.code);
        require(finding.position <= length, "position lies within the normalized value",
                finding.code);
    }
}

// Checks the ASCII fast paths of text_normalize against the general definitions: the composed
// folding, upper-casing and trimming, and a count by decoding one code point at a time.
inline void checkTextFunctions(std::string_view input) {
    const std::string expected = trimSpaces(toUpperAscii(foldFullWidth(input)));
    require(normalizeIdentifier(input).normalized == expected,
            "normalizeIdentifier folds, upper-cases and trims", expected);
    const std::string kept = trimSpaces(foldFullWidth(input));
    require(normalizeIdentifier(input, LetterCase::keep).normalized == kept,
            "normalizeIdentifier keeps the case when asked", kept);

    std::size_t count = 0;
    std::size_t firstInvalid = 0;
    std::size_t offset = 0;
    bool wellFormed = true;
    while (offset < input.size()) {
        detail::decodeNonAsciiCodePoint(input, offset, wellFormed);
        ++count;
        if (!wellFormed && firstInvalid == 0) {
            firstInvalid = count;
        }
    }
    require(countCodePoints(input) == count, "countCodePoints counts decoded code points");
    require(findInvalidUtf8(input) == firstInvalid, "findInvalidUtf8 finds the first bad one");
}

} // namespace portal::fuzz
