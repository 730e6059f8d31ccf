// Server responses that are valid JSON but carry numbers or text outside the contract of
// docs/api.md: the client falls back to its own limits instead of overflowing an integer or
// splitting a character.
#include "app/list_export.h"
#include "app/sms_code.h"
#include "app/unit_records.h"
#include "core/api_client.h"
#include "core/text_normalize.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <climits>
#include <string>

namespace portal {
namespace {

using testing::FakeTransport;

constexpr const char* kMobile = "13805912001";

TEST(SmsCodeResponse, HugeResendWaitFallsBackToDefault) {
    FakeTransport transport;
    SmsCodeSender sender("login");
    ASSERT_TRUE(sender.send(transport, UnknownRegionLookup(), kMobile, 1000, nullptr));
    transport.reply(200, R"({"sent":true,"resendAfterSeconds":100000000000000})");
    EXPECT_EQ(sender.seconds_until_resend(kMobile, 1000), kSmsResendSeconds);
}

TEST(SmsCodeResponse, NegativeValidityFallsBackToDefault) {
    FakeTransport transport;
    SmsCodeSender sender("login");
    ASSERT_TRUE(sender.send(transport, UnknownRegionLookup(), kMobile, 1000, nullptr));
    transport.reply(200, R"({"sent":true,"expiresInSeconds":-5})");
    EXPECT_EQ(sender.seconds_until_expiry(1000), kSmsValiditySeconds);
}

TEST(PageDecoding, OutOfRangeNumbersFallBackToDefaults) {
    const Page<StaffMember> page = decode_staff_page(
        nlohmann::json{{"items", nlohmann::json::array()}, {"page", -3}, {"pageSize", 1000000}});
    EXPECT_EQ(page.page, 1);
    EXPECT_EQ(page.pageSize, 20);
}

TEST(PageDecoding, PageTooLargeToNumberRowsFallsBackToFirst) {
    // The staff list numbers its rows from (page - 1) * pageSize, computed in int.
    const Page<StaffMember> page =
        decode_staff_page(nlohmann::json{{"page", 100000000}, {"pageSize", 100}});
    EXPECT_EQ(page.page, 1);
}

TEST(PageDecoding, HugeTotalGivesLargestPageCount) {
    Page<StaffMember> page;
    page.total = LLONG_MAX;
    page.pageSize = 20;
    EXPECT_EQ(page.page_count(), INT_MAX);
}

TEST(MomentFormatting, KeepsTextThatIsNotAsciiTime) {
    const std::string text = "2026-01-01T08:3\xe4\xb8\xad";  // ends in 中, cut by a fixed width
    EXPECT_EQ(format_moment(text), text);
    EXPECT_EQ(findInvalidUtf8(format_moment(text)), 0u);
}

TEST(PageWalk, StopsWhenPageSizeTimesPageExceedsTotal) {
    FakeTransport transport;
    ApiClient api(transport);
    UnitContext context(api, nullptr);
    bool done = false;
    fetch_all_pages(
        context, [](int page) { return "/api/staff?page=" + std::to_string(page); },
        [&done](Result<std::vector<nlohmann::json>> pages) {
            done = true;
            EXPECT_TRUE(pages.ok());
        });
    // Page 2 of pages of 5e18 ends past 6e18, and 2 * 5e18 does not fit in a long long.
    const std::string body =
        R"({"items":[],"total":6000000000000000000,"pageSize":5000000000000000000})";
    while (!transport.pending.empty() && transport.sent.size() <= kExportMaxPages) {
        transport.reply(200, body);
    }
    EXPECT_TRUE(done);
    EXPECT_EQ(transport.sent.size(), 2u);
}

} // namespace
} // namespace portal
