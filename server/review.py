"""Reviews of declarations by the insurance agency: list pending ones, approve, reject.

Approval applies the declaration to the staff records. The serve.py review
command calls these functions; there is no HTTP endpoint for reviews.
"""

import json

from server import auth


class ReviewError(Exception):
    """A review that cannot be done, with a message for the operator."""


def pending_declarations(db):
    with db.read() as connection:
        return connection.execute(
            "SELECT * FROM declarations WHERE status = 'pending' ORDER BY created_at, id").fetchall()


def approve(db, now, declaration_id):
    with db.transaction() as connection:
        row = _pending(connection, declaration_id)
        _apply(connection, row)
        connection.execute(
            "UPDATE declarations SET status = 'approved', reviewed_at = ? WHERE id = ?",
            (now, declaration_id))
        auth.audit(connection, now, None, "declaration_approved",
                   f"declaration={declaration_id}")


def reject(db, now, declaration_id, reason):
    if not reason.strip():
        raise ReviewError("a rejection needs a reason (--reason)")
    with db.transaction() as connection:
        _pending(connection, declaration_id)
        connection.execute(
            "UPDATE declarations SET status = 'rejected', review_reason = ?, reviewed_at = ?"
            " WHERE id = ?", (reason.strip(), now, declaration_id))
        auth.audit(connection, now, None, "declaration_rejected",
                   f"declaration={declaration_id}")


def _pending(connection, declaration_id):
    row = connection.execute("SELECT * FROM declarations WHERE id = ?",
                             (declaration_id,)).fetchone()
    if row is None:
        raise ReviewError(f"declaration {declaration_id} not found")
    if row["status"] != "pending":
        raise ReviewError(f"declaration {declaration_id} is {row['status']}, not pending")
    return row


def _apply(connection, row):
    details = json.loads(row["details"])
    key = (row["credit_code"], row["id_card_number"], row["insurance_type"])
    if row["kind"] == "addition":
        connection.execute(
            "INSERT INTO staff_records (credit_code, id_card_number, name, insurance_type,"
            " status, contribution_base, start_month) VALUES (?, ?, ?, ?, 'active', ?, ?)",
            (*key[:2], row["name"], key[2], details["contributionBase"], details["startMonth"]))
    elif row["kind"] == "removal":
        connection.execute(
            "UPDATE staff_records SET status = 'stopped', end_month = ? WHERE credit_code = ?"
            " AND id_card_number = ? AND insurance_type = ? AND status = 'active'",
            (details["endMonth"], *key))
    else:
        changes = details["changes"]
        if "name" in changes:
            connection.execute(
                "UPDATE staff_records SET name = ? WHERE credit_code = ? AND id_card_number = ?",
                (changes["name"], *key[:2]))
        if "contributionBase" in changes:
            connection.execute(
                "UPDATE staff_records SET contribution_base = ? WHERE credit_code = ?"
                " AND id_card_number = ? AND insurance_type = ? AND status = 'active'",
                (changes["contributionBase"], *key))
