// The customer-service assistant 小易: the knowledge base of the platform's frequently asked
// questions, the ranking of its entries against a question typed in Chinese, and the chat history
// that the assistant panel shows. No ImGui here.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace portal {

// One question of the knowledge base with its answer.
struct FaqEntry {
    std::string id;                    // stable kebab-case name, e.g. "account-locked"
    std::string question;              // as shown to users
    std::string answer;                // one to four sentences
    std::vector<std::string> keywords; // other words users type for the same subject
    std::vector<std::string> related;  // ids of entries to suggest after this answer
};

// Tuning of the ranking, as plain data.
struct AssistantOptions {
    // Minimum share (0 to 1) of the question's weight that the best entry must match for its
    // answer to be given.
    double minScore = 0.3;
    // Exponent applied to each term's inverse document frequency. Above 1 it lets a rare shared
    // word outweigh several common ones.
    double idfExponent = 1.5;
    // Weight of a single shared character, relative to the weight of a shared character pair.
    double unigramWeight = 0.5;
    // Weight of a character pair found only in an entry's answer, relative to one found in its
    // question or keywords.
    double answerWeight = 0.3;
    // Number of follow-up questions offered with each reply.
    std::size_t suggestionCount = 2;
};

// An entry ranked against a question.
struct FaqMatch {
    std::size_t entry = 0; // index into KnowledgeBase::entries()
    double score = 0;      // share of the question's weight that the entry matched, 0 to 1
};

// The assistant's reply to one question.
struct AssistantReply {
    std::string entryId;                  // the answering entry, or empty when none matched enough
    std::string text;                     // the entry's answer or the "no answer" reply
    std::vector<std::string> suggestions; // follow-up questions, as their question text
    double score = 0;                     // the best entry's score, also when it was too low

    bool answered() const { return !entryId.empty(); }
};

// The reply given when no entry matches well enough. It lists what a problem report needs.
extern const char* const kAssistantNoAnswer;

// Folds a question into the form that matching compares. Full-width ASCII becomes ASCII and ASCII
// letters become lower case. Punctuation, spaces, greetings (请问, 您好, 谢谢), question words
// (怎么, 如何, 哪里) and sentence-final particles become single spaces between the other words.
std::string normalize_question(std::string_view text);

// The knowledge base with its search index. Copying or moving keeps the index valid.
class KnowledgeBase {
public:
    KnowledgeBase() = default;

    // Indexes `entries` as they are. parse_knowledge_base checks them first.
    explicit KnowledgeBase(std::vector<FaqEntry> entries, std::vector<std::string> featured = {},
                           AssistantOptions options = {});

    const std::vector<FaqEntry>& entries() const { return entries_; }
    // Ids of the entries offered before the first question.
    const std::vector<std::string>& featured() const { return featured_; }
    const AssistantOptions& options() const { return options_; }

    // Returns the entry with `id`, or nullptr.
    const FaqEntry* find(std::string_view id) const;

    // Ranks the entries that share at least one character with `question`, best first. Equal
    // scores keep the knowledge base's order.
    std::vector<FaqMatch> rank(std::string_view question) const;

    // Answers `question` with the best entry, or with kAssistantNoAnswer when its score is below
    // options().minScore. Suggestions come from the entry's related ids, then from the next best
    // entries.
    AssistantReply answer(std::string_view question) const;

private:
    // The character pairs and single characters of one entry, as sorted term ids.
    struct EntryTerms {
        std::vector<std::uint32_t> bigrams;
        std::vector<std::uint32_t> unigrams;
        std::vector<std::uint32_t> answerBigrams;
    };

    // A term of the question: its id in the index, if any entry uses it, and its weight.
    struct QueryTerm {
        bool known = false;
        std::uint32_t id = 0;
        double weight = 0;
    };
    // A distinct character pair of the question and the unit positions where it starts.
    struct QueryBigram {
        QueryTerm term;
        std::vector<std::size_t> starts;
    };
    // The question split for matching. Segments of one unit (a lone character or word between
    // spaces) have no pairs, so they are matched as single units.
    struct Query {
        std::vector<QueryTerm> units; // the units of segments with two or more units, in order
        std::vector<QueryBigram> bigrams;
        std::vector<QueryTerm> loneUnits;
        double totalWeight = 0;
    };

    void build_index();
    double inverse_document_frequency(std::uint32_t documentCount) const;
    QueryTerm unigram_term(const std::string& unit) const;
    QueryTerm bigram_term(const QueryTerm& first, const QueryTerm& second,
                          const std::string& key) const;
    Query analyze(std::string_view question) const;
    // Returns the share of the question's weight that `entry` matches. `covered` is scratch
    // space, reused across entries.
    double score_entry(const Query& query, std::size_t entry, std::vector<char>& covered) const;

    std::vector<FaqEntry> entries_;
    std::vector<std::string> featured_;
    AssistantOptions options_;
    std::vector<EntryTerms> terms_;
    std::unordered_map<std::string, std::uint32_t> bigramIds_;
    std::unordered_map<std::string, std::uint32_t> unigramIds_;
    std::vector<std::uint32_t> bigramDocumentCounts_;
    std::vector<std::uint32_t> unigramDocumentCounts_;
};

// Decodes faq.json: {"featured": [ids], "entries": [{"id", "question", "answer", "keywords",
// "related"}]}. `keywords`, `related` and `featured` are optional. Malformed JSON, a wrong type,
// an empty or duplicate id and a reference to an unknown id are errors that name the entry.
Result<KnowledgeBase> parse_knowledge_base(std::string_view json_text,
                                           AssistantOptions options = {});

enum class ChatRole { User, Assistant };

// One message of the chat panel.
struct ChatMessage {
    ChatRole role = ChatRole::User;
    std::string text;
    std::vector<std::string> suggestions; // clickable questions shown under an assistant message
    std::string entryId;                  // the answering entry of an assistant message, if any
};

// The chat panel's state: the messages, the text being typed and the knowledge base, which
// arrives after the page has started.
class AssistantChat {
public:
    // The history keeps the latest messages only, so a long session cannot grow it without
    // bound. A question and its reply take roughly 1 KB.
    static constexpr std::size_t kMaxMessages = 200;

    // Starts with the greeting.
    AssistantChat();

    // Installs the loaded knowledge base and refreshes the greeting's suggestions.
    void set_knowledge_base(KnowledgeBase knowledge_base);
    // Records why the knowledge base could not be loaded. The replies to later questions quote it.
    void set_load_error(Error error);
    bool ready() const { return ready_; }
    const KnowledgeBase& knowledge_base() const { return knowledge_base_; }

    // Appends `question` and the reply to it. A blank question is ignored and returns false.
    bool ask(std::string_view question);

    // The input field's text. submit_draft asks it and clears it when it was not blank.
    std::string& draft() { return draft_; }
    bool submit_draft();

    const std::vector<ChatMessage>& messages() const { return messages_; }
    // Counts every change of messages(), so the panel knows when to scroll to the end.
    std::uint64_t revision() const { return revision_; }

    // Clears the conversation and shows the greeting again.
    void clear();

private:
    void push(ChatMessage message);
    ChatMessage greeting() const;

    KnowledgeBase knowledge_base_;
    bool ready_ = false;
    std::string load_error_;
    std::vector<ChatMessage> messages_;
    std::string draft_;
    std::uint64_t revision_ = 0;
};

} // namespace portal
