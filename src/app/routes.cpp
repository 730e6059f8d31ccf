#include "app/routes.h"

#include <iterator>

namespace portal {

namespace {

// One row per screen, in the order of the Screen enum.
const ScreenInfo kScreens[] = {
    {Screen::Home, "#/portal-module/index", "首页", std::nullopt},
};

} // namespace

const ScreenInfo& screen_info(Screen screen) {
    for (const ScreenInfo& info : kScreens) {
        if (info.screen == screen) {
            return info;
        }
    }
    return kScreens[0];
}

std::optional<Screen> screen_from_route(std::string_view route) {
    if (!route.empty() && route.front() == '#') {
        route.remove_prefix(1);
    }
    route = route.substr(0, route.find('?'));
    while (route.size() > 1 && route.back() == '/') {
        route.remove_suffix(1);
    }
    if (route.empty() || route == "/") {
        return Screen::Home;
    }
    for (const ScreenInfo& info : kScreens) {
        if (std::string_view(info.route).substr(1) == route) {
            return info.screen;
        }
    }
    return std::nullopt;
}

} // namespace portal
