// The legal person's agent management: the agents designated at the service window, and the
// "单位网报开通/校验" sync that turns them into online agent accounts.
#pragma once

#include "app/unit_context.h"
#include "app/unit_records.h"

#include <string>
#include <vector>

namespace portal {

// The Chinese label of an agent account status (not_opened, active, disabled).
const char* agent_status_label(const std::string& status);

// The Chinese label of a sync outcome (created, updated, unchanged, disabled).
const char* agent_sync_result_label(const std::string& result);

// What the legal person or the agent should do after a sync outcome.
const char* agent_sync_next_step(const std::string& result);

class AgentManagement {
public:
    explicit AgentManagement(UnitContext& context) : context_(context) {}

    // Fetches GET /api/unit/agents.
    void load();
    void reset();

    // Sends POST /api/unit/agents/sync, then reloads the list.
    void sync();

    bool loading() const { return loading_; }
    bool syncing() const { return syncing_; }
    const std::string& error() const { return error_; }
    const std::vector<AgentRow>& agents() const { return agents_; }
    const std::vector<AgentSyncResult>& sync_results() const { return sync_results_; }
    // True once a sync succeeded, even when it reported no agent.
    bool synced() const { return synced_; }

private:
    UnitContext& context_;
    std::vector<AgentRow> agents_;
    std::vector<AgentSyncResult> sync_results_;
    bool loading_ = false;
    bool syncing_ = false;
    bool synced_ = false;
    std::string error_;
};

} // namespace portal
