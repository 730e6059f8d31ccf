// 批量增员 and 批量减员: a CSV file picked by the agent becomes a preview of rows, each checked
// by the same rules as the single forms, then the valid rows are declared one by one with a
// result per row.
#pragma once

#include "app/batch_sheet.h"
#include "app/declaration_form.h"
#include "app/platform_opening.h"
#include "app/staff_addition.h"
#include "app/staff_removal.h"
#include "app/unit_context.h"
#include "app/unit_records.h"

#include <memory>
#include <string>
#include <vector>

namespace portal {

enum class BatchKind { Addition, Removal };

// The state of a row: invalid in the file, ready to send, being sent, declared, rejected by the
// server, or not sent because the network failed. A failed row is sent again by the next submit.
enum class BatchRowState { Invalid, Ready, Sending, Created, Rejected, Failed };

// One person of the file as the preview and the results show it.
struct BatchRow {
    std::size_t row = 0; // row number in the file, as the spreadsheet shows it
    std::string name;
    std::string id_card_number;  // masked when valid, as typed otherwise
    std::string insurance_types; // e.g. 企业养老、工伤
    std::string summary;         // e.g. 6000元，2026-01起 or 本人辞职，停保2026-01
    std::vector<std::string> errors;
    BatchRowState state = BatchRowState::Invalid;
    std::string result; // the declaration numbers, or the server's message
};

// "3501**********1234": the first and last four characters, as the server masks lists.
std::string mask_id_card_number(const std::string& number);

class BatchDeclaration {
public:
    BatchDeclaration(UnitContext& context, const AgentPermissions& permissions, BatchKind kind);
    ~BatchDeclaration();

    BatchKind kind() const { return kind_; }
    ContributionBaseBounds bounds;
    BatchLimits limits;

    // Loads the staff list that removal rows are matched against; additions need nothing.
    void prepare();
    // Whether a file can be read now: the permissions (and for removals the staff) are in.
    bool ready_for_file() const;
    // Why ready_for_file() is false: still loading, or the failure to show.
    std::string preparation_status() const;

    // Reads a picked file's text (UTF-8) and checks every row. `encoding` is what the browser
    // detected, e.g. "GB18030" or "UTF-8", shown with the file's name.
    void load_file(const std::string& file_name, const std::string& text,
                   const std::string& encoding);
    // Shows why the picked file could not be read (wrong type, too large, unreadable).
    void reject_file(const std::string& file_name, std::string message);

    const std::string& file_name() const { return file_name_; }
    const std::string& encoding() const { return encoding_; }
    const std::string& file_error() const { return file_error_; }
    const std::vector<BatchRow>& rows() const { return rows_; }

    std::size_t count(BatchRowState state) const;
    // Rows that the next submit sends: ready ones, and those a network failure left unsent.
    std::size_t sendable_count() const;

    // Declares the sendable rows one after another. Invalid rows stay in the preview and are
    // never sent. A network failure pauses the batch and keeps every row and key, so the next
    // submit goes on where it stopped and cannot declare a row twice.
    void submit();
    bool busy() const { return busy_; }
    // Why the batch paused, e.g. after a network failure; empty otherwise.
    const std::string& pause_reason() const { return pause_reason_; }

    // The template file: its name and its UTF-8 contents with a byte-order mark.
    std::string template_file_name() const;
    std::string template_csv() const;

    // Forgets the file, its rows and results.
    void clear();
    // Forgets everything, including the staff list; for the end of a session.
    void reset();

private:
    struct Entry;

    void check_rows(const std::vector<SheetRow>& sheet);
    void check_addition(const SheetRow& sheet, Entry& entry);
    void check_removal(const SheetRow& sheet, Entry& entry);
    std::string check_id_card(const std::string& cell, std::string& normalized) const;
    void send_next();
    void send_removal(std::size_t index);
    void row_finished(std::size_t index);
    void pause(std::size_t index, const std::string& message);

    UnitContext& context_;
    const AgentPermissions& permissions_;
    BatchKind kind_;
    std::vector<StaffMember> staff_;
    bool staff_loaded_ = false;
    bool staff_loading_ = false;
    std::string staff_error_;
    std::string file_name_;
    std::string encoding_;
    std::string file_error_;
    std::vector<BatchRow> rows_;
    std::vector<std::unique_ptr<Entry>> entries_;
    std::size_t cursor_ = 0;
    bool busy_ = false;
    std::string pause_reason_;
};

} // namespace portal
