// Where the offline demo keeps its state between page loads: the browser's localStorage in the
// web build (src/platform/demo_local_storage.*), memory in native tests.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace portal::demo {

// Key of the demo state in localStorage. The suffix changes when the stored format changes,
// so an old page's state is ignored instead of misread.
inline constexpr const char* kDemoStateKey = "portal-demo-state-v1";

// A single text slot that survives a reload.
class DemoStorage {
public:
    virtual ~DemoStorage() = default;

    // Returns the stored text, or nullopt when nothing is stored.
    virtual std::optional<std::string> load() = 0;

    // Replaces the stored text.
    virtual void save(const std::string& text) = 0;

    // Removes the stored text.
    virtual void clear() = 0;
};

// Storage in process memory, for native tests: a second backend on the same object sees what
// the first one saved, as a reloaded page does.
class MemoryDemoStorage : public DemoStorage {
public:
    std::optional<std::string> load() override { return text_; }
    void save(const std::string& text) override { text_ = text; }
    void clear() override { text_.reset(); }

private:
    std::optional<std::string> text_;
};

} // namespace portal::demo
