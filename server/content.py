"""Public content: the download centre's documents and the FAQ search used by 小易."""

import functools
import json
import os

from server import clock, errors

# Documents of the download centre, served as static files from DOWNLOAD_FOLDER under the
# web root.
DOWNLOAD_FOLDER = "downloads"
DOWNLOADS = [
    {"id": "operation-manual", "title": "网上服务大厅操作手册", "fileName": "operation-manual.pdf"},
    {"id": "upgrade-notes", "title": "系统升级说明", "fileName": "upgrade-notes.md"},
]
FAQ_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "faq.json")
MAX_FAQ_RESULTS = 10


def list_downloads(portal, request):
    items = []
    for document in DOWNLOADS:
        path = os.path.join(portal.static.root, DOWNLOAD_FOLDER, document["fileName"])
        item = dict(document, url=f"/{DOWNLOAD_FOLDER}/{document['fileName']}")
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            item.update(available=False, sizeBytes=None, updatedAt=None)
        else:
            item.update(available=True, sizeBytes=stat.st_size,
                        updatedAt=clock.to_iso(int(stat.st_mtime)))
        items.append(item)
    return {"items": items}


@functools.lru_cache(maxsize=1)
def faq_entries():
    with open(FAQ_PATH, encoding="utf-8") as file:
        return json.load(file)


def _bigrams(text):
    text = "".join(char for char in text.lower() if char.isalnum())
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


def faq_score(query, entry):
    """Score entry for query by shared character bigrams; a question hit counts double."""
    query_bigrams = _bigrams(query)
    return (2 * len(query_bigrams & _bigrams(entry["question"]))
            + len(query_bigrams & _bigrams(entry["answer"])))


def search_faq(portal, request):
    query = request.query.get("q", "").strip()
    if len(query) > 200:
        raise errors.invalid_request("搜索内容过长，最多200个字符", field="q")
    entries = faq_entries()
    if not query:
        return {"items": [dict(entry) for entry in entries]}
    scored = [(faq_score(query, entry), index, entry) for index, entry in enumerate(entries)]
    matches = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))
    return {"items": [dict(entry, score=score) for score, _, entry in matches[:MAX_FAQ_RESULTS]]}


def register(router):
    router.add("GET", "/api/downloads", list_downloads)
    router.add("GET", "/api/faq", search_faq)
