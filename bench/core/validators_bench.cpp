// Microbenchmarks of the validation core: each validator and the prefix table lookup per call,
// plus the size of the generated prefix table. Built by the native preset as validators_bench
// and run by hand; docs/performance.md records the figures.
//
//   build/native/bench/validators_bench [--phone-table FILE] [Google Benchmark flags]
#include "core/calendar_date.h"
#include "core/credit_code.h"
#include "core/id_card.h"
#include "core/mobile.h"
#include "core/mobile_regions.h"

#include "../bench_main.h"

#include <benchmark/benchmark.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef PORTAL_PHONE_TABLE
#define PORTAL_PHONE_TABLE "build/generated/phone_prefixes.bin"
#endif

namespace {

using namespace portal;

// Inputs cycle through a few realistic values, so that no single branch pattern is measured.
constexpr std::array<std::string_view, 4> kCreditCodes = {
    "91350100M000100Y43", "914403001922038216", "91330100799655058B", "92350503123456788M"};
constexpr std::array<std::string_view, 4> kIdCards = {"11010519491231002X", "350203200002290045",
                                                      "350102190506020016", "810000199001011230"};
constexpr std::array<std::string_view, 4> kMobiles = {"13959100000", "18950000000", "13800138000",
                                                      "15012345678"};
constexpr std::array<std::string_view, 4> kTypedMobiles = {
    "+86 139 5910 0000", "189-5000-0000", "１３８００１３８０００", "(+86) 150 1234 5678"};

std::string gTablePath = PORTAL_PHONE_TABLE;
std::string gTableBytes;
PrefixTableRegionLookup gTable;

void BM_ValidateCreditCode(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(validateCreditCode(kCreditCodes[i++ % kCreditCodes.size()]));
    }
}
BENCHMARK(BM_ValidateCreditCode);

void BM_ValidateIdCardNumber(benchmark::State& state) {
    const CalendarDate today{2025, 6, 1};
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(validateIdCardNumber(kIdCards[i++ % kIdCards.size()], today));
    }
}
BENCHMARK(BM_ValidateIdCardNumber);

void BM_ValidateMobileNumber(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(validateMobileNumber(kMobiles[i++ % kMobiles.size()]));
    }
}
BENCHMARK(BM_ValidateMobileNumber);

void BM_ValidateTypedMobileNumber(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(validateMobileNumber(kTypedMobiles[i++ % kTypedMobiles.size()]));
    }
}
BENCHMARK(BM_ValidateTypedMobileNumber);

void BM_ValidateMobileNumberForSms(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            validateMobileNumberForSms(kMobiles[i++ % kMobiles.size()], gTable));
    }
}
BENCHMARK(BM_ValidateMobileNumberForSms);

// The same calls into one verdict reused across calls, as a caller that checks many values in a
// row can make them: once its strings have grown, a value without findings allocates nothing.
void BM_ValidateCreditCodeReused(benchmark::State& state) {
    CreditCodeVerdict verdict;
    std::size_t i = 0;
    for (auto _ : state) {
        validateCreditCode(kCreditCodes[i++ % kCreditCodes.size()], verdict);
        benchmark::DoNotOptimize(verdict);
    }
}
BENCHMARK(BM_ValidateCreditCodeReused);

void BM_ValidateIdCardNumberReused(benchmark::State& state) {
    const CalendarDate today{2025, 6, 1};
    IdCardVerdict verdict;
    std::size_t i = 0;
    for (auto _ : state) {
        validateIdCardNumber(kIdCards[i++ % kIdCards.size()], today, verdict);
        benchmark::DoNotOptimize(verdict);
    }
}
BENCHMARK(BM_ValidateIdCardNumberReused);

void BM_ValidateTypedMobileNumberReused(benchmark::State& state) {
    MobileVerdict verdict;
    std::size_t i = 0;
    for (auto _ : state) {
        validateMobileNumber(kTypedMobiles[i++ % kTypedMobiles.size()], verdict);
        benchmark::DoNotOptimize(verdict);
    }
}
BENCHMARK(BM_ValidateTypedMobileNumberReused);

void BM_ValidateMobileNumberForSmsReused(benchmark::State& state) {
    MobileVerdict verdict;
    std::size_t i = 0;
    for (auto _ : state) {
        validateMobileNumberForSms(kMobiles[i++ % kMobiles.size()], gTable, verdict);
        benchmark::DoNotOptimize(verdict);
    }
}
BENCHMARK(BM_ValidateMobileNumberForSmsReused);

// The province lookup without copying names: what a form calls on every keystroke.
void BM_FindRegion(benchmark::State& state) {
    // Numbers spread over the whole table, so that the binary search does not stay in cache
    // lines that one number warms.
    std::vector<std::string> numbers;
    for (std::uint32_t prefix = 1300000; prefix < 2000000; prefix += 7919) {
        numbers.push_back(std::to_string(prefix) + "0000");
    }
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(gTable.findRegion(numbers[i++ % numbers.size()]));
    }
}
BENCHMARK(BM_FindRegion);

// The MobileRegionLookup interface, which returns the names as std::string.
void BM_LookupRegion(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(gTable.lookup(kMobiles[i++ % kMobiles.size()]));
    }
}
BENCHMARK(BM_LookupRegion);

void BM_ParsePrefixTable(benchmark::State& state) {
    for (auto _ : state) {
        benchmark::DoNotOptimize(PrefixTableRegionLookup::parse(gTableBytes));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * gTableBytes.size()));
}
BENCHMARK(BM_ParsePrefixTable)->Unit(benchmark::kMicrosecond);

// Returns the size of `bytes` compressed as gzip -9 would (deflate, plus gzip's 18 bytes of
// header and trailer).
std::size_t gzipSize(const std::string& bytes) {
    uLongf size = compressBound(static_cast<uLong>(bytes.size()));
    std::vector<Bytef> out(size);
    if (compress2(out.data(), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                  static_cast<uLong>(bytes.size()), Z_BEST_COMPRESSION) != Z_OK) {
        return 0;
    }
    // compress2 writes a zlib stream: a 2-byte header and a 4-byte Adler-32 around the deflate
    // data, where gzip has a 10-byte header and an 8-byte trailer.
    return size - 6 + 18;
}

} // namespace

int main(int argc, char** argv) {
    portal::bench::takeOption(argc, argv, "--phone-table", gTablePath);
    std::ifstream file(gTablePath, std::ios::binary);
    if (!file) {
        std::fprintf(stderr,
                     "validators_bench: cannot read %s: build the phone_table target of the "
                     "native preset or pass --phone-table FILE\n",
                     gTablePath.c_str());
        return 1;
    }
    std::ostringstream bytes;
    bytes << file.rdbuf();
    gTableBytes = bytes.str();
    Result<PrefixTableRegionLookup> parsed = PrefixTableRegionLookup::parse(gTableBytes);
    if (!parsed.ok()) {
        std::fprintf(stderr, "validators_bench: %s: %s\n", gTablePath.c_str(),
                     parsed.error().message.c_str());
        return 1;
    }
    gTable = std::move(parsed).value();
    std::printf("prefix table %s: %zu bytes raw, %zu bytes gzip -9, %zu runs, %zu regions\n",
                gTablePath.c_str(), gTableBytes.size(), gzipSize(gTableBytes), gTable.runCount(),
                gTable.regionCount());

    return portal::bench::runBenchmarks(argc, argv);
}
