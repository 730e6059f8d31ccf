#include "core/font_coverage.h"

#include "core/text_normalize.h"

#include <array>
#include <cstddef>
#include <utility>

namespace portal {

bool isSupplementIdeograph(char32_t codePoint) {
    static constexpr std::array<std::pair<char32_t, char32_t>, 4> kRanges{{
        {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},
        {0xF900, 0xFAFF},
        {0x20000, 0x2EBEF},
    }};
    for (const auto& [first, last] : kRanges) {
        if (codePoint >= first && codePoint <= last) {
            return true;
        }
    }
    return false;
}

bool needsFontSupplement(std::string_view text, const std::function<bool(char32_t)>& inBaseFont) {
    std::size_t offset = 0;
    while (offset < text.size()) {
        bool wellFormed = true;
        const char32_t codePoint = decodeCodePoint(text, offset, wellFormed);
        if (wellFormed && isSupplementIdeograph(codePoint) && !inBaseFont(codePoint)) {
            return true;
        }
    }
    return false;
}

} // namespace portal
