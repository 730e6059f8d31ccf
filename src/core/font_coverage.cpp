#include "core/font_coverage.h"

#include "core/text_normalize.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

namespace portal {

namespace {

constexpr char32_t kUnifiedFirst = 0x4E00;
constexpr char32_t kUnifiedLast = 0x9FFF;
constexpr int kUnifiedChunkCount =
    static_cast<int>((kUnifiedLast - kUnifiedFirst + kSupplementChunkWidth) / kSupplementChunkWidth);
static_assert(kSupplementChunkCount == kUnifiedChunkCount + 1,
              "one chunk per slice of the Unified Ideographs plus one for the other ranges");

// The ranges of the last chunk: Extension A, the compatibility ideographs, Extensions B to F.
bool isOtherIdeograph(char32_t codePoint) {
    static constexpr std::array<std::pair<char32_t, char32_t>, 3> kRanges{{
        {0x3400, 0x4DBF},
        {0xF900, 0xFAFF},
        {0x20000, 0x2EBEF},
    }};
    return std::any_of(kRanges.begin(), kRanges.end(), [codePoint](const auto& range) {
        return codePoint >= range.first && codePoint <= range.second;
    });
}

} // namespace

std::optional<int> supplementChunkOf(char32_t codePoint) {
    if (codePoint >= kUnifiedFirst && codePoint <= kUnifiedLast) {
        return static_cast<int>((codePoint - kUnifiedFirst) / kSupplementChunkWidth);
    }
    if (isOtherIdeograph(codePoint)) {
        return kUnifiedChunkCount;
    }
    return std::nullopt;
}

std::vector<int> supplementChunksNeeded(std::string_view text,
                                        const std::function<bool(char32_t)>& inBaseFont) {
    std::array<bool, kSupplementChunkCount> needed{};
    std::size_t offset = 0;
    while (offset < text.size()) {
        bool wellFormed = true;
        const char32_t codePoint = decodeCodePoint(text, offset, wellFormed);
        const std::optional<int> chunk = wellFormed ? supplementChunkOf(codePoint) : std::nullopt;
        if (chunk && !needed[static_cast<std::size_t>(*chunk)] && !inBaseFont(codePoint)) {
            needed[static_cast<std::size_t>(*chunk)] = true;
        }
    }
    std::vector<int> chunks;
    for (int chunk = 0; chunk < kSupplementChunkCount; ++chunk) {
        if (needed[static_cast<std::size_t>(chunk)]) {
            chunks.push_back(chunk);
        }
    }
    return chunks;
}

} // namespace portal
