// Screens and their URL hash routes, in the style of the platform's existing addresses
// (`#/portal-module/index`). Back and forward move between screens; deep links open them.
#pragma once

#include "core/api_client.h"

#include <optional>
#include <string_view>

namespace portal {

enum class Screen {
    Home,
    // Unit screens: the legal person's, then the agent's.
    UnitInfo,
    AgentManagement,
    PlatformOpening,
    StaffAddition,
    StaffRemoval,
    StaffChange,
    BatchAddition,
    BatchRemoval,
    StaffList,
    DeclarationQuery,
    DeclarationRollback,
    // Visitor and person screens.
    Registration,
    Downloads,
    Assistant,
    PersonRights,
};

struct ScreenInfo {
    Screen screen;
    const char* route;  // e.g. "#/portal-module/index"
    const char* title;  // Chinese page title
    // The user kind that may open the screen; nullopt for screens open to every visitor.
    std::optional<UserKind> audience;
};

const ScreenInfo& screen_info(Screen screen);

// The screen of a route such as "#/portal-module/index" (a leading "#" and a query string are
// optional); nullopt for an unknown route.
std::optional<Screen> screen_from_route(std::string_view route);

} // namespace portal
