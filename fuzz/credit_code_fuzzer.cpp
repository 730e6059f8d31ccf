// Fuzzes validateCreditCode with arbitrary bytes, and the text normalization it starts with.
#include "core/credit_code.h"
#include "verdict_checks.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace portal;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    fuzz::checkTextFunctions(input);
    const CreditCodeVerdict verdict = validateCreditCode(input);
    fuzz::checkVerdict(verdict);

    // A value that passed must pass again as normalized, unchanged.
    if (!verdict.isBlocked()) {
        const CreditCodeVerdict again = validateCreditCode(verdict.normalized);
        fuzz::require(again.normalized == verdict.normalized, "normalizing is idempotent",
                      verdict.normalized);
        fuzz::require(!again.isBlocked(), "normalized value passes again", verdict.normalized);
    }
    return 0;
}
