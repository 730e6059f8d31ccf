// The assistant 小易. When the first byte of the input is even, the rest is a question for the
// knowledge base of assets/faq.json, the file the page loads. When it is odd, the rest is the
// text of a faq.json, which is parsed and, when valid, ranked against two questions. Besides
// memory safety and undefined behaviour, the checks below hold for every question and file.
#include "response_checks.h"

#include "app/assistant.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#ifndef PORTAL_FAQ_PATH
#error "PORTAL_FAQ_PATH must name the knowledge base file assets/faq.json"
#endif

namespace portal::fuzz {
namespace {

const KnowledgeBase* real_knowledge_base = nullptr;

void checkNormalized(std::string_view question) {
    const std::string normalized = normalize_question(question);
    checkText(normalized, "a normalized question is valid UTF-8");
    require(normalized.empty() || (normalized.front() != ' ' && normalized.back() != ' '),
            "a normalized question is trimmed", normalized);
    require(normalized.find("  ") == std::string::npos,
            "a normalized question has single spaces", normalized);
    require(normalize_question(normalized) == normalized, "normalizing twice changes nothing",
            normalized);
}

void checkRanking(const KnowledgeBase& knowledge_base, std::string_view question) {
    const std::vector<FaqMatch> matches = knowledge_base.rank(question);
    for (std::size_t i = 0; i < matches.size(); ++i) {
        require(matches[i].entry < knowledge_base.entries().size(), "a match names an entry");
        require(std::isfinite(matches[i].score), "a score is finite");
        require(matches[i].score > 0 && matches[i].score <= 1, "a score lies in (0, 1]");
        require(i == 0 || matches[i - 1].score >= matches[i].score, "matches are sorted");
    }

    const AssistantReply reply = knowledge_base.answer(question);
    require(reply.score == (matches.empty() ? 0 : matches.front().score),
            "a reply's score is the best match's");
    require(reply.suggestions.size() <= knowledge_base.options().suggestionCount,
            "a reply has at most suggestionCount suggestions");
    if (!reply.answered()) {
        require(reply.text == kAssistantNoAnswer, "an unanswered question gets the no-answer text");
        require(reply.suggestions.empty(), "an unanswered question gets no suggestions");
        return;
    }
    const FaqEntry* entry = knowledge_base.find(reply.entryId);
    require(entry != nullptr, "an answer's entry id exists", reply.entryId);
    require(reply.text == entry->answer, "an answer is its entry's answer", reply.entryId);
    require(reply.score >= knowledge_base.options().minScore, "an answer scores at least minScore");
    for (const std::string& suggestion : reply.suggestions) {
        bool offered_by_another = false;
        for (const FaqEntry& other : knowledge_base.entries()) {
            offered_by_another = offered_by_another ||
                                 (other.id != entry->id && other.question == suggestion);
        }
        require(offered_by_another, "a suggestion is another entry's question", suggestion);
    }
}

void askQuestion(std::string_view question) {
    checkNormalized(question);
    checkRanking(*real_knowledge_base, question);

    // One chat for all inputs, because copying the knowledge base into a new one costs more
    // than the rest of an input. It is cleared after each question: memory kept from one input
    // to the next makes libFuzzer suspect a leak and scan the heap.
    static AssistantChat chat = [] {
        AssistantChat first;
        first.set_knowledge_base(*real_knowledge_base);
        return first;
    }();
    const bool asked = chat.ask(question);
    require(asked == !trimSpaces(question).empty(), "only a blank question is ignored");
    // The user's own message repeats the question as typed, so only the reply is checked.
    checkText(chat.messages().back().text, "a reply is valid UTF-8");
    chat.clear();
}

void parseKnowledgeBase(std::string_view text) {
    Result<KnowledgeBase> parsed = parse_knowledge_base(text);
    if (!parsed.ok()) {
        checkError(parsed.error());
        return;
    }
    const KnowledgeBase& knowledge_base = parsed.value();
    for (const FaqEntry& entry : knowledge_base.entries()) {
        require(!entry.id.empty(), "an entry has an id");
        require(knowledge_base.find(entry.id) == &entry, "an entry's id is unique", entry.id);
        for (const std::string& related : entry.related) {
            require(knowledge_base.find(related) != nullptr, "a related id exists", related);
        }
    }
    for (const std::string& id : knowledge_base.featured()) {
        require(knowledge_base.find(id) != nullptr, "a featured id exists", id);
    }
    if (!knowledge_base.entries().empty()) {
        checkRanking(knowledge_base, knowledge_base.entries().front().question);
    }
    checkRanking(knowledge_base, "密码输错被锁定了怎么办");
}

} // namespace
} // namespace portal::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::ifstream file(PORTAL_FAQ_PATH, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(file)),
                           std::istreambuf_iterator<char>());
    static portal::Result<portal::KnowledgeBase> parsed = portal::parse_knowledge_base(text);
    portal::fuzz::require(parsed.ok(), "the knowledge base " PORTAL_FAQ_PATH " parses",
                          parsed.ok() ? "" : parsed.error().message);
    portal::fuzz::real_knowledge_base = &parsed.value();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) {
        portal::fuzz::askQuestion(rest);
    } else {
        portal::fuzz::parseKnowledgeBase(rest);
    }
    return 0;
}
