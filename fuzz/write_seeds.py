"""Write the seeds of api_response_fuzzer and assistant_fuzzer into SEEDS/TARGET, and the
dictionary of api_response_fuzzer into SEEDS/api_response_fuzzer.dict.

    python3 fuzz/write_seeds.py SEEDS

The response seeds are the example bodies of docs/api.md, chained in the order each scenario
of api_response_fuzzer.cpp sends its requests, plus one error response per scenario. The
assistant seeds are the questions of assets/faq.json and a small knowledge base cut from it.
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Status bytes of scripted_transport.h: below 0x80 is 200, 0x84 is 400, 0x8B is 500 and 0x8E
# is a network failure. NUL separates the responses of one script.
OK, BAD_REQUEST, SERVER_ERROR, NETWORK = b"2", b"\x84", b"\x8b", b"\x8e"


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as file:
        return file.read()


def scenario_numbers():
    """Return {name: index} in the order of kScenarios in api_response_fuzzer.cpp."""
    source = read("fuzz/api_response_fuzzer.cpp")
    table = source[source.index("kScenarios[] = {"):]
    table = table[:table.index("};")]
    names = re.findall(r'\{"(\w+)", \w+\}', table)
    return {name: number for number, name in enumerate(names)}


def api_examples():
    """Return the JSON examples of docs/api.md as (section heading, value) pairs."""
    text = read("docs/api.md")
    examples = []
    for match in re.finditer(r"```json\n(.*?)```", text, re.S):
        headings = re.findall(r"^## (.*)$", text[:match.start()], re.M)
        try:
            value = json.loads(match.group(1))
        except json.JSONDecodeError:
            continue  # the paging sketch, which elides its items
        examples.append((headings[-1] if headings else "", value))
    return examples


def example(examples, heading, key):
    """Return the first example under a heading containing `heading` with the member `key`."""
    for title, value in examples:
        if heading in title and isinstance(value, dict) and key in value:
            return value
    raise SystemExit(f"write_seeds: docs/api.md has no example of {heading} with {key}")


def response_chains(examples):
    """Return {scenario: [response bodies in request order]}."""
    session = example(examples, "Logins", "token")
    agent = {"kind": "agent", "name": "王志强", "account": "ma2y3k7d01"}
    agent_session = dict(session, user=agent)
    limited = example(examples, "The current session", "user")
    limited = dict(limited, mustSetPassword=True)
    password = example(examples, "Password", "ok")

    reminders = example(examples, "Overdue-review reminders", "items")
    unit = example(examples, "Unit information", "unit")
    staff = example(examples, "Staff list", "items")
    staff_detail = {"staff": staff["items"][0]}
    created = example(examples, "Declarations", "declarations")
    declarations = {"items": created["declarations"], "total": len(created["declarations"]),
                    "page": 1, "pageSize": 20}
    declaration = {"declaration": created["declarations"][0]}
    contributions = example(examples, "Contribution history", "items")
    long_staff = dict(staff, total=250, pageSize=100)

    return {
        "login": [session],
        "call": [unit],
        "login_person": [session],
        "login_agent": [agent_session, limited, password, reminders],
        "settings": [json.loads(read("assets/portal-config.json"))],
        "knowledge_base": [json.loads(read("assets/faq.json"))],
        "sms_code": [example(examples, "SMS codes", "sent")],
        "registration": [example(examples, "Registration of a unit", "user")],
        "reminders": [reminders],
        "unit_info": [unit, unit],
        "agents": [example(examples, "Agents of the unit", "items"),
                   example(examples, "Agent sync", "results")],
        "platform": [example(examples, "Insurance types of the agent", "items"),
                     example(examples, "multi-insurance platform", "results")],
        "staff_list": [staff, staff_detail],
        "declaration_query": [declarations, declaration],
        "rollback": [declarations, declaration, declaration, declarations],
        "declaration_submit": [created],
        "exports": [long_staff, long_staff, long_staff, declarations],
        "batch_staff": [long_staff],
        "person_rights": [example(examples, "The person's rights", "person"),
                          contributions, contributions],
        "downloads": [example(examples, "Download centre", "items")],
    }


def encode(value):
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as seed:
        seed.write(data)


def write_response_seeds(folder):
    numbers = scenario_numbers()
    examples = api_examples()
    chains = response_chains(examples)
    missing = set(numbers) ^ set(chains)
    if missing:
        raise SystemExit(f"write_seeds: scenarios without seeds or unknown: {sorted(missing)}")
    error = encode(example(examples, "Conventions", "error"))
    for name, number in numbers.items():
        prefix = bytes([number])
        chain = b"\0".join(OK + encode(body) for body in chains[name])
        write(folder, f"{name}-examples", prefix + chain)
        write(folder, f"{name}-rejected", prefix + BAD_REQUEST + error)
        write(folder, f"{name}-failed", prefix + SERVER_ERROR + b"<html>502</html>\0" + NETWORK)


# JSON values at the edges of what the client reads: wrong types, the ends of the integer
# ranges, a number no double holds, escapes of NUL and of a lone surrogate.
EDGE_TOKENS = ["null", "true", "false", "[]", "{}", '""', "-1", "0", "1e999", "-0.5",
               "2147483648", "9223372036854775807", "-9223372036854775808",
               "18446744073709551615", "\\u0000", "\\ud800", "\\u4e2d"]


def collect_keys(value, keys):
    if isinstance(value, dict):
        for key, member in value.items():
            keys.add(key)
            collect_keys(member, keys)
    elif isinstance(value, list):
        for member in value:
            collect_keys(member, keys)


def write_dictionary(path):
    """Write a libFuzzer dictionary of the member names of the contract and EDGE_TOKENS."""
    keys = set()
    for _, value in api_examples():
        collect_keys(value, keys)
    collect_keys(json.loads(read("assets/portal-config.json")), keys)
    tokens = [f'"{key}":' for key in sorted(keys)] + EDGE_TOKENS
    with open(path, "w", encoding="utf-8") as dictionary:
        for token in tokens:
            escaped = token.replace("\\", "\\\\").replace('"', '\\"')
            dictionary.write(f'"{escaped}"\n')


def write_assistant_seeds(folder):
    knowledge_base = json.loads(read("assets/faq.json"))
    entries = knowledge_base["entries"]
    for number, entry in enumerate(entries):
        write(folder, f"question-{number:02d}", b"\0" + entry["question"].encode("utf-8"))
    # A small knowledge base of the first entries, with the references they keep valid.
    first_entries = entries[:3]
    ids = {entry["id"] for entry in first_entries}
    small = {"featured": [entry["id"] for entry in first_entries[:2]],
             "entries": [dict(entry, related=[i for i in entry.get("related", []) if i in ids])
                         for entry in first_entries]}
    write(folder, "knowledge-base", b"\1" + encode(small))


def main():
    seeds = sys.argv[1]
    for target, writer in (("api_response_fuzzer", write_response_seeds),
                           ("assistant_fuzzer", write_assistant_seeds)):
        folder = os.path.join(seeds, target)
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        writer(folder)
    write_dictionary(os.path.join(seeds, "api_response_fuzzer.dict"))


if __name__ == "__main__":
    main()
