"""Public content: the download centre's documents and the FAQ search used by 小易."""

import functools
import json
import os

from server import clock, errors

# The download centre's documents and the assistant's knowledge base are the front-end's own
# assets, so the API and the page list the same documents and search the same entries.
ASSETS_FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "assets")
DOWNLOAD_INDEX_PATH = os.path.join(ASSETS_FOLDER, "downloads", "index.json")
FAQ_PATH = os.path.join(ASSETS_FOLDER, "faq.json")
# Documents are served as static files from DOWNLOAD_FOLDER under the web root.
DOWNLOAD_FOLDER = "downloads"
MAX_FAQ_RESULTS = 10


@functools.lru_cache(maxsize=1)
def download_documents():
    """Return the documents of assets/downloads/index.json as id, title, description, fileName."""
    with open(DOWNLOAD_INDEX_PATH, encoding="utf-8") as file:
        index = json.load(file)
    return [{"id": document["id"], "title": document["title"],
             "description": document.get("description", ""), "fileName": document["file"]}
            for document in index["documents"]]


def list_downloads(portal, request):
    items = []
    for document in download_documents():
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
    """Return the knowledge base entries of assets/faq.json in their order."""
    with open(FAQ_PATH, encoding="utf-8") as file:
        return json.load(file)["entries"]


def _bigrams(text):
    text = "".join(char for char in text.lower() if char.isalnum())
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


@functools.lru_cache(maxsize=1)
def faq_index():
    """Return (entry, title bigrams, answer bigrams) for every FAQ entry, built once.

    The title bigrams cover the question and the keywords.
    """
    index = []
    for entry in faq_entries():
        title_bigrams = _bigrams(entry["question"])
        for keyword in entry.get("keywords", []):
            title_bigrams |= _bigrams(keyword)
        index.append((entry, frozenset(title_bigrams), frozenset(_bigrams(entry["answer"]))))
    return index


def faq_score(query_bigrams, title_bigrams, answer_bigrams):
    """Score an entry for a query by shared character bigrams.

    A bigram found in the question or a keyword counts double, one found only in the answer
    once.
    """
    in_title = query_bigrams & title_bigrams
    in_answer = (query_bigrams - in_title) & answer_bigrams
    return 2 * len(in_title) + len(in_answer)


def search_faq(portal, request):
    query = request.query.get("q", "").strip()
    if len(query) > 200:
        raise errors.invalid_request("搜索内容过长，最多200个字符", field="q")
    if not query:
        return {"items": [_public_entry(entry) for entry in faq_entries()]}
    query_bigrams = _bigrams(query)
    scored = [(faq_score(query_bigrams, title, answer), position, entry)
              for position, (entry, title, answer) in enumerate(faq_index())]
    matches = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))
    return {"items": [dict(_public_entry(entry), score=score)
                      for score, _, entry in matches[:MAX_FAQ_RESULTS]]}


def _public_entry(entry):
    return {"id": entry["id"], "question": entry["question"], "answer": entry["answer"]}


def register(router):
    router.add("GET", "/api/downloads", list_downloads)
    router.add("GET", "/api/faq", search_faq)
