// The offline demo's state in the browser's localStorage, under kDemoStateKey.
#pragma once

#include "demo/demo_storage.h"

namespace portal::platform {

// localStorage access; a browser that refuses it (private mode, storage disabled) keeps the
// demo working with state that lasts only until the page is closed.
class LocalDemoStorage : public demo::DemoStorage {
public:
    std::optional<std::string> load() override;
    void save(const std::string& text) override;
    void clear() override;
};

} // namespace portal::platform
