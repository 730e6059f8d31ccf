// Fuzzes validateIdCardNumber with arbitrary bytes, judged against a fixed date.
#include "core/id_card.h"
#include "verdict_checks.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace portal;
    const CalendarDate today{2025, 6, 1};
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const IdCardVerdict verdict = validateIdCardNumber(input, today);
    fuzz::checkVerdict(verdict);
    if (verdict.details.birthDate) {
        fuzz::require(isValidDate(*verdict.details.birthDate), "birth date exists",
                      verdict.normalized);
        fuzz::require(!(today < *verdict.details.birthDate), "birth date is not in the future",
                      verdict.normalized);
    }

    // A value that passed must pass again as normalized, unchanged. A converted 15-digit
    // number loses its conversion warning, so only the normalized value and the block matter.
    if (!verdict.isBlocked()) {
        const IdCardVerdict again = validateIdCardNumber(verdict.normalized, today);
        fuzz::require(again.normalized == verdict.normalized, "normalizing is idempotent",
                      verdict.normalized);
        fuzz::require(!again.isBlocked(), "normalized value passes again", verdict.normalized);
    }
    return 0;
}
