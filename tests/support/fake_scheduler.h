// A Scheduler for native tests. It keeps the tasks until the test runs them, and records the
// delay requested for each.
#pragma once

#include "core/resilient_transport.h"

#include <deque>
#include <functional>
#include <utility>
#include <vector>

namespace portal::testing {

class FakeScheduler {
public:
    Scheduler scheduler() {
        return [this](double seconds, std::function<void()> task) {
            delays.push_back(seconds);
            tasks.push_back(std::move(task));
        };
    }

    // Runs the tasks waiting now, oldest first, but not those they schedule in turn. Returns how
    // many ran.
    std::size_t run_waiting() {
        std::deque<std::function<void()>> due;
        due.swap(tasks);
        for (auto& task : due) {
            task();
        }
        return due.size();
    }

    std::vector<double> delays;
    std::deque<std::function<void()>> tasks;
};

} // namespace portal::testing
