#include "platform/text_agent.h"

#include "platform/font_supplement.h"

#include "imgui.h"

#include <emscripten/emscripten.h>

#include <string>
#include <string_view>

namespace portal::platform {

namespace {

std::function<void()> input_arrived;
std::function<void()> process_now;
std::string preedit;
ImVec2 caret_position;
float caret_line_height = 0;
std::string clipboard;

constexpr int kModCtrl = 1;
constexpr int kModShift = 2;
constexpr int kModAlt = 4;
constexpr int kModMeta = 8;

void notify() {
    if (input_arrived) {
        input_arrived();
    }
}

// Maps KeyboardEvent.key (the key's meaning, so shortcuts follow the user's layout) to ImGui.
ImGuiKey key_from_name(std::string_view key) {
    struct NamedKey {
        const char* name;
        ImGuiKey key;
    };
    static constexpr NamedKey kNamedKeys[] = {
        {"Tab", ImGuiKey_Tab},
        {"Enter", ImGuiKey_Enter},
        {"Escape", ImGuiKey_Escape},
        {"Backspace", ImGuiKey_Backspace},
        {"Delete", ImGuiKey_Delete},
        {"ArrowLeft", ImGuiKey_LeftArrow},
        {"ArrowRight", ImGuiKey_RightArrow},
        {"ArrowUp", ImGuiKey_UpArrow},
        {"ArrowDown", ImGuiKey_DownArrow},
        {"Home", ImGuiKey_Home},
        {"End", ImGuiKey_End},
        {"PageUp", ImGuiKey_PageUp},
        {"PageDown", ImGuiKey_PageDown},
        {"Insert", ImGuiKey_Insert},
        {" ", ImGuiKey_Space},
        {"Control", ImGuiKey_LeftCtrl},
        {"Shift", ImGuiKey_LeftShift},
        {"Alt", ImGuiKey_LeftAlt},
        {"Meta", ImGuiKey_LeftSuper},
    };
    for (const NamedKey& named : kNamedKeys) {
        if (key == named.name) {
            return named.key;
        }
    }
    if (key.size() == 1) {
        const char c = key[0];
        if (c >= 'a' && c <= 'z') {
            return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
        }
        if (c >= 'A' && c <= 'Z') {
            return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
        }
        if (c >= '0' && c <= '9') {
            return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
        }
    }
    return ImGuiKey_None;
}

EM_JS(void, place_text_agent, (int want_text, float x, float y, float line_height), {
    if (Module.portalTextAgent) {
        Module.portalTextAgent.place(want_text != 0, x, y, line_height);
    }
});

EM_JS(void, hand_clipboard_to_page, (const char* text), {
    if (Module.portalTextAgent) {
        Module.portalTextAgent.setClipboard(UTF8ToString(text));
    }
});

EM_JS(void, create_text_agent, (), {
    Module.portalInstallTextAgent(Module.canvas);
});

void set_ime_data(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) {
    caret_position = data->InputPos;
    caret_line_height = data->InputLineHeight;
    place_text_agent(data->WantTextInput || data->WantVisible, data->InputPos.x, data->InputPos.y,
                     data->InputLineHeight);
}

void set_clipboard(ImGuiContext*, const char* text) {
    clipboard = text != nullptr ? text : "";
    hand_clipboard_to_page(clipboard.c_str());
}

const char* get_clipboard(ImGuiContext*) {
    // Pasting from the page arrives as text input through the paste event; ImGui's own paste
    // shortcut is not forwarded, so this serves copy-then-paste inside the app only.
    return clipboard.c_str();
}

} // namespace

void install_text_agent(std::function<void()> arrived, std::function<void()> run_frame) {
    input_arrived = std::move(arrived);
    process_now = std::move(run_frame);
    ImGuiPlatformIO& platform_io = ImGui::GetPlatformIO();
    platform_io.Platform_SetImeDataFn = set_ime_data;
    platform_io.Platform_SetClipboardTextFn = set_clipboard;
    platform_io.Platform_GetClipboardTextFn = get_clipboard;
    create_text_agent();
}

void draw_ime_preedit() {
    if (preedit.empty()) {
        return;
    }
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const float size = caret_line_height > 0 ? caret_line_height : ImGui::GetFontSize();
    const ImVec2 text_size = ImGui::CalcTextSize(preedit.c_str());
    const ImVec2 min = caret_position;
    const ImVec2 max(min.x + text_size.x + 4, min.y + size);
    draw->AddRectFilled(min, max, IM_COL32(255, 255, 225, 255));
    draw->AddText(ImVec2(min.x + 2, min.y), IM_COL32(31, 45, 61, 255), preedit.c_str());
    draw->AddLine(ImVec2(min.x + 2, max.y - 1), ImVec2(max.x - 2, max.y - 1),
                  IM_COL32(22, 96, 171, 255));
}

} // namespace portal::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void portal_key_event(const char* key, int down, int modifiers) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, (modifiers & portal::platform::kModCtrl) != 0);
    io.AddKeyEvent(ImGuiMod_Shift, (modifiers & portal::platform::kModShift) != 0);
    io.AddKeyEvent(ImGuiMod_Alt, (modifiers & portal::platform::kModAlt) != 0);
    io.AddKeyEvent(ImGuiMod_Super, (modifiers & portal::platform::kModMeta) != 0);
    const ImGuiKey imgui_key = portal::platform::key_from_name(key != nullptr ? key : "");
    if (imgui_key != ImGuiKey_None) {
        io.AddKeyEvent(imgui_key, down != 0);
    }
    portal::platform::notify();
}

EMSCRIPTEN_KEEPALIVE void portal_text_input(const char* utf8) {
    if (utf8 == nullptr) {
        return;
    }
    // Control characters (a pasted line break, a tab) would end up inside one-line fields.
    std::string text;
    for (const char* c = utf8; *c != '\0'; ++c) {
        const unsigned char byte = static_cast<unsigned char>(*c);
        text.push_back(byte < 0x20 ? ' ' : *c);
    }
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    portal::platform::load_font_supplement_if_needed(text);
    portal::platform::notify();
}

EMSCRIPTEN_KEEPALIVE void portal_ime_preedit(const char* utf8) {
    portal::platform::preedit = utf8 != nullptr ? utf8 : "";
    portal::platform::load_font_supplement_if_needed(portal::platform::preedit);
    portal::platform::notify();
}

EMSCRIPTEN_KEEPALIVE void portal_process_input_now() {
    if (portal::platform::process_now) {
        portal::platform::process_now();
    }
}

} // extern "C"
