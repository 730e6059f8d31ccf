// UTF-8 helpers for normalizing what users type or paste into identifier fields.
//
// Every function accepts arbitrary bytes and never reads past the end. Each maximal
// ill-formed subpart of a UTF-8 sequence decodes to one U+FFFD, so "\xE4\xB8" followed by
// "A" is two characters. NUL bytes are ordinary characters (U+0000).
#pragma once

#include "core/validation.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace portal {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

namespace detail {
// Decodes as decodeCodePoint does, without its inline shortcut for ASCII bytes.
char32_t decodeNonAsciiCodePoint(std::string_view text, std::size_t& offset, bool& wellFormed);
} // namespace detail

// Decodes the code point at `offset` and advances `offset` past it. Sets `wellFormed` to false
// and returns U+FFFD for an ill-formed sequence, and also at the end of `text`, where `offset`
// stays at text.size().
inline char32_t decodeCodePoint(std::string_view text, std::size_t& offset, bool& wellFormed) {
    // ASCII is decoded inline, because the validators decode every character they check.
    if (offset < text.size() && static_cast<unsigned char>(text[offset]) < 0x80) {
        wellFormed = true;
        return static_cast<unsigned char>(text[offset++]);
    }
    return detail::decodeNonAsciiCodePoint(text, offset, wellFormed);
}

// Returns whether every byte of `text` is ASCII (below 0x80).
bool isAscii(std::string_view text);

// Appends the UTF-8 encoding of `codePoint` to `out`. Surrogates and values above U+10FFFF
// are written as U+FFFD.
void appendUtf8(std::string& out, char32_t codePoint);

// Counts the code points in `text`, counting each ill-formed subpart as one.
std::size_t countCodePoints(std::string_view text);

// Returns the 1-based code point index of the first ill-formed sequence, or 0 if `text` is
// well-formed UTF-8.
std::size_t findInvalidUtf8(std::string_view text);

// Returns whether `codePoint` is a space that users type or paste around values: ASCII
// whitespace, no-break spaces, the Unicode spaces U+2000..U+200B, the ideographic space
// U+3000 and the byte-order mark U+FEFF.
bool isSpaceCharacter(char32_t codePoint);

// Returns whether `codePoint` is a Han ideograph that a person's name may use: CJK Extension A,
// the Unified Ideographs, the compatibility ideographs and Extensions B to G. serve.py's name
// check (server/registration.py) lists the same ranges.
bool isHanCharacter(char32_t codePoint);

// Removes leading and trailing spaces as defined by isSpaceCharacter.
std::string trimSpaces(std::string_view text);

// Maps full-width ASCII variants (U+FF01..U+FF5E) to ASCII and the ideographic space U+3000
// to an ASCII space, as Chinese input methods in full-width mode produce them.
std::string foldFullWidth(std::string_view text);

// Upper-cases ASCII letters and leaves every other character unchanged.
std::string toUpperAscii(std::string_view text);

// Whether normalizeIdentifier upper-cases ASCII letters.
enum class LetterCase { keep, upper };

// Normalizes an identifier field: folds full-width characters, trims spaces and, unless
// `letterCase` is keep, upper-cases ASCII letters. Ill-formed UTF-8 becomes U+FFFD in `normalized`
// and adds a blocking finding "invalid_utf8" at the position of the first bad sequence.
Verdict normalizeIdentifier(std::string_view input, LetterCase letterCase = LetterCase::upper);

// Normalizes as above into `out`, replacing its value and findings but reusing its memory.
void normalizeIdentifier(std::string_view input, LetterCase letterCase, Verdict& out);

// Formats a character for a user message: “O” for printable characters, 空格 for a space and
// a code point such as 控制字符 U+0000 for control and invalid characters.
std::string describeCharacter(char32_t codePoint);

} // namespace portal
