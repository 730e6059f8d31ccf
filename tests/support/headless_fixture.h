// GoogleTest fixtures for the headless screen tests: a HeadlessPortal whose helpers fail the
// test where the portal finds no such widget or ImGui reports a misuse.
#pragma once

#include "headless_portal.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#ifndef PORTAL_TEST_FONT
#error "PORTAL_TEST_FONT must name a font file with the Chinese characters of the screens"
#endif

namespace portal::testing {

// `Base` is ::testing::Test or a ::testing::TestWithParam<T>.
template <typename Base = ::testing::Test> class HeadlessScreens : public Base {
protected:
    explicit HeadlessScreens(HeadlessOptions options = {}) : portal_(PORTAL_TEST_FONT, options) {}

    void SetUp() override {
        ASSERT_TRUE(portal_.font_loaded()) << "cannot read " << PORTAL_TEST_FONT;
        // A new window measures its content during its first frames before showing it.
        frames(3);
    }

    void frame() { ASSERT_TRUE(portal_.frame()) << "Dear ImGui reported an API misuse"; }

    void frames(int count) {
        for (int i = 0; i < count; ++i) {
            frame();
        }
    }

    std::optional<ui::WidgetInfo> find(ui::WidgetRole role, const std::string& label) const {
        return portal_.find(role, label);
    }

    void click(ui::WidgetRole role, const std::string& label) {
        ASSERT_TRUE(portal_.click(role, label)) << "no widget " << label;
        ASSERT_FALSE(portal_.misuse_seen()) << "Dear ImGui reported an API misuse";
    }

    void type_into(const std::string& label, const char* text) {
        ASSERT_TRUE(portal_.type_into(label, text)) << "no text box " << label;
        ASSERT_FALSE(portal_.misuse_seen()) << "Dear ImGui reported an API misuse";
    }

    HeadlessPortal portal_;
    FakeTransport& transport = portal_.transport;
    PortalApp& app = portal_.app;
};

} // namespace portal::testing
