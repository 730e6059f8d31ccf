// Fuzzes PrefixTableRegionLookup::parse. Each input is parsed as it is and once more with a
// valid checksum appended, because random bytes almost never carry a matching CRC-32 and the
// parser would otherwise stop at the checksum.
#include "core/mobile_regions.h"
#include "verdict_checks.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void exerciseTable(const portal::PrefixTableRegionLookup& table) {
    using portal::MobileRegionStatus;
    for (std::uint32_t prefix : {999999u, 1000000u, 1300000u, 1395910u, 1999999u, 2000000u}) {
        const portal::PrefixRegionView region = table.findPrefix(prefix);
        const bool named = region.status == MobileRegionStatus::fujian ||
                           region.status == MobileRegionStatus::other_province;
        portal::fuzz::require(named == !region.province.empty(), "a named region has a province");
        portal::fuzz::require(region.status != MobileRegionStatus::invalid,
                              "a prefix is never invalid");
    }
    table.lookup("13959100000");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace portal;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const Result<PrefixTableRegionLookup> plain = PrefixTableRegionLookup::parse(bytes);
    if (plain.ok()) {
        exerciseTable(plain.value());
    } else {
        fuzz::require(!plain.error().message.empty(), "an error has a message");
    }

    std::string withChecksum(bytes);
    const std::uint32_t checksum = computeCrc32(bytes);
    for (int i = 0; i < 4; ++i) {
        withChecksum.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFFu));
    }
    const Result<PrefixTableRegionLookup> checked = PrefixTableRegionLookup::parse(withChecksum);
    if (checked.ok()) {
        exerciseTable(checked.value());
    }
    return 0;
}
