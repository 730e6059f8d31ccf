// Dear ImGui compile-time configuration of the portal (see imconfig.h for the options).
#pragma once

// People's names use rare characters, some beyond U+FFFF.
#define IMGUI_USE_WCHAR32

// A long Chinese table can exceed 65,535 vertices in one draw list; WebGL2 draws 32-bit indices.
#define ImDrawIdx unsigned int

#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_DEMO_WINDOWS
// The portal always loads its own CJK font, so ImGui's built-in bitmap font is dead weight.
#define IMGUI_DISABLE_DEFAULT_FONT

// Item hooks feed the widget registry that browser tests and the accessibility mirror read.
#define IMGUI_ENABLE_TEST_ENGINE
