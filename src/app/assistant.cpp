#include "app/assistant.h"

#include "core/json_decode.h"
#include "core/text_normalize.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>
#include <utility>

namespace portal {

const char* const kAssistantNoAnswer =
    "抱歉，小易暂时没有找到与您的问题相关的答案，您可以换一种说法再问。"
    "如需反馈问题，请准备好单位的统一社会信用代码（个人用户提供用户名）、账号绑定的手机号码、"
    "出现问题前的操作步骤和出错页面的截图，拨打12333热线或到经办机构窗口反映。";

namespace {

// Words that carry no subject: greetings, thanks, question words and sentence-final particles.
// Matching treats them as spaces, so "请问怎么增员呢" and "增员" match the same entries, and a
// question made of them alone matches nothing. Longer words come first because "我想问"
// contains "我想". Single characters are listed only where they rarely belong to a longer word.
constexpr const char* kFillerWords[] = {
    "我想问", "问一下", "想知道", "怎么办", "怎么样", "怎么弄", "怎么回事", "可不可以", "能不能",
    "是不是", "要不要", "有没有", "为什么", "请问",   "请教",   "您好",     "你好",     "谢谢",
    "麻烦",   "一下",   "小易",   "我想",   "想问",   "我们",   "你们",     "怎么",     "怎样",
    "如何",   "为啥",   "什么",   "可以",   "是否",   "能否",   "需要",     "这个",     "那个",
    "一直",   "老是",   "总是",   "现在",   "已经",   "干嘛",   "在哪里",   "在哪儿",   "在哪",
    "哪里",   "哪儿",   "问下",   "一个",   "的",     "了",     "吗",       "呢",       "啊",
    "呀",     "吧",     "哦",     "嘛",     "啦",     "哈",     "啥",       "咋",       "我",
    "您",     "你",
};

// Only the first 600 bytes of a question are matched, which is about 200 Chinese characters.
// That is far more than any question needs, and it keeps ranking fast whatever is pasted.
constexpr std::size_t kMaxQuestionBytes = 600;

// Separates the two units in the key of a character pair. No unit contains it.
constexpr char kBigramJoiner = '\x1f';

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_ascii_alphanumeric(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z');
}

char32_t fold_character(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) {
        c = c - 0xFF01 + U'!';
    }
    if (c >= U'A' && c <= U'Z') {
        c = c - U'A' + U'a';
    }
    return c;
}

void replace_all(std::string& text, std::string_view word, char replacement) {
    std::size_t position = text.find(word);
    while (position != std::string::npos) {
        text.replace(position, word.size(), 1, replacement);
        position = text.find(word, position + 1);
    }
}

// Splits normalized text into segments of matching units. A unit is one Han character or one
// run of ASCII letters and digits, so "360浏览器" is the units 360, 浏, 览, 器.
std::vector<std::vector<std::string>> split_units(std::string_view normalized) {
    std::vector<std::vector<std::string>> segments(1);
    std::size_t offset = 0;
    bool previous_was_word = false;
    while (offset < normalized.size()) {
        bool well_formed = true;
        const std::size_t start = offset;
        const char32_t c = decodeCodePoint(normalized, offset, well_formed);
        if (c == U' ') {
            if (!segments.back().empty()) {
                segments.emplace_back();
            }
            previous_was_word = false;
            continue;
        }
        const bool is_word = is_ascii_alphanumeric(c);
        const std::string_view text = normalized.substr(start, offset - start);
        if (is_word && previous_was_word) {
            segments.back().back().append(text);
        } else {
            segments.back().emplace_back(text);
        }
        previous_was_word = is_word;
    }
    if (segments.back().empty()) {
        segments.pop_back();
    }
    return segments;
}

std::string bigram_key(const std::string& first, const std::string& second) {
    std::string key = first;
    key.push_back(kBigramJoiner);
    key.append(second);
    return key;
}

// Adds the character pairs and single characters of `text` to the sets.
void collect_terms(std::string_view text, std::set<std::string>& bigrams,
                   std::set<std::string>* unigrams) {
    for (const std::vector<std::string>& units : split_units(normalize_question(text))) {
        for (std::size_t i = 0; i < units.size(); ++i) {
            if (unigrams != nullptr) {
                unigrams->insert(units[i]);
            }
            if (i + 1 < units.size()) {
                bigrams.insert(bigram_key(units[i], units[i + 1]));
            }
        }
    }
}

// Returns the id of `term` in `table`, adding it with a document count of 0 when it is new.
std::uint32_t intern(std::unordered_map<std::string, std::uint32_t>& table,
                     std::vector<std::uint32_t>& document_counts, const std::string& term) {
    auto [it, inserted] = table.emplace(term, static_cast<std::uint32_t>(document_counts.size()));
    if (inserted) {
        document_counts.push_back(0);
    }
    return it->second;
}

bool contains(const std::vector<std::uint32_t>& sorted_ids, std::uint32_t id) {
    return std::binary_search(sorted_ids.begin(), sorted_ids.end(), id);
}

Error invalid_knowledge_base(const std::string& detail) {
    return {"invalid_faq", "知识库 faq.json 有误：" + detail};
}

// Appends the strings of the optional array member `key` to `out`. Returns false when the
// member exists but is not an array of strings.
bool read_string_array(const nlohmann::json& object, const char* key,
                       std::vector<std::string>& out) {
    auto found = object.find(key);
    if (found == object.end()) {
        return true;
    }
    const nlohmann::json& value = *found;
    if (!value.is_array()) {
        return false;
    }
    for (const nlohmann::json& item : value) {
        if (!item.is_string()) {
            return false;
        }
        out.push_back(item.get<std::string>());
    }
    return true;
}

Result<FaqEntry> decode_entry(const nlohmann::json& item, std::size_t index) {
    const std::string where = "第" + std::to_string(index + 1) + "条";
    if (!item.is_object()) {
        return invalid_knowledge_base(where + "应为对象");
    }

    FaqEntry entry;
    for (auto [key, target] : {std::pair{"id", &entry.id}, std::pair{"question", &entry.question},
                               std::pair{"answer", &entry.answer}}) {
        auto value = json_decode::string_member(item, key);
        if (!value || trimSpaces(*value).empty()) {
            return invalid_knowledge_base(where + "缺少非空字符串 " + key);
        }
        *target = *value;
    }

    const std::string named = where + "（" + entry.id + "）";
    if (!read_string_array(item, "keywords", entry.keywords)) {
        return invalid_knowledge_base(named + "的 keywords 应为字符串数组");
    }
    if (!read_string_array(item, "related", entry.related)) {
        return invalid_knowledge_base(named + "的 related 应为字符串数组");
    }
    return entry;
}

} // namespace

std::string normalize_question(std::string_view text) {
    std::string folded;
    folded.reserve(text.size());
    std::size_t offset = 0;
    while (offset < text.size()) {
        bool well_formed = true;
        const char32_t c = fold_character(decodeCodePoint(text, offset, well_formed));
        if (well_formed && (is_han(c) || is_ascii_alphanumeric(c))) {
            appendUtf8(folded, c);
        } else {
            folded.push_back(' ');
        }
    }

    for (const char* word : kFillerWords) {
        replace_all(folded, word, ' ');
    }

    std::string normalized;
    normalized.reserve(folded.size());
    for (char c : folded) {
        if (c == ' ' && (normalized.empty() || normalized.back() == ' ')) {
            continue;
        }
        normalized.push_back(c);
    }
    if (!normalized.empty() && normalized.back() == ' ') {
        normalized.pop_back();
    }
    return normalized;
}

KnowledgeBase::KnowledgeBase(std::vector<FaqEntry> entries, std::vector<std::string> featured,
                             AssistantOptions options)
    : entries_(std::move(entries)), featured_(std::move(featured)), options_(options) {
    build_index();
}

void KnowledgeBase::build_index() {
    terms_.clear();
    terms_.reserve(entries_.size());
    for (const FaqEntry& entry : entries_) {
        std::set<std::string> bigrams;
        std::set<std::string> unigrams;
        collect_terms(entry.question, bigrams, &unigrams);
        for (const std::string& keyword : entry.keywords) {
            collect_terms(keyword, bigrams, &unigrams);
        }
        std::set<std::string> answer_bigrams;
        collect_terms(entry.answer, answer_bigrams, nullptr);

        // Document counts come from questions and keywords only. A pair that appears only in
        // answers therefore weighs like one that appears nowhere.
        EntryTerms terms;
        for (const std::string& bigram : bigrams) {
            const std::uint32_t id = intern(bigramIds_, bigramDocumentCounts_, bigram);
            ++bigramDocumentCounts_[id];
            terms.bigrams.push_back(id);
        }
        for (const std::string& unigram : unigrams) {
            const std::uint32_t id = intern(unigramIds_, unigramDocumentCounts_, unigram);
            ++unigramDocumentCounts_[id];
            terms.unigrams.push_back(id);
        }
        for (const std::string& bigram : answer_bigrams) {
            terms.answerBigrams.push_back(intern(bigramIds_, bigramDocumentCounts_, bigram));
        }
        std::sort(terms.bigrams.begin(), terms.bigrams.end());
        std::sort(terms.unigrams.begin(), terms.unigrams.end());
        std::sort(terms.answerBigrams.begin(), terms.answerBigrams.end());
        terms_.push_back(std::move(terms));
    }
}

const FaqEntry* KnowledgeBase::find(std::string_view id) const {
    for (const FaqEntry& entry : entries_) {
        if (entry.id == id) {
            return &entry;
        }
    }
    return nullptr;
}

double KnowledgeBase::inverse_document_frequency(std::uint32_t documentCount) const {
    // The weight is ln(1 + N / df) raised to options_.idfExponent, where N is the number of
    // entries. A term that no entry uses counts as if half an entry used it.
    const double count = std::max(0.5, static_cast<double>(documentCount));
    return std::pow(std::log(1.0 + static_cast<double>(entries_.size()) / count),
                    options_.idfExponent);
}

KnowledgeBase::QueryTerm KnowledgeBase::unigram_term(const std::string& unit) const {
    QueryTerm term;
    std::uint32_t documentCount = 0;
    auto found = unigramIds_.find(unit);
    if (found != unigramIds_.end()) {
        term.known = true;
        term.id = found->second;
        documentCount = unigramDocumentCounts_[found->second];
    }
    term.weight = inverse_document_frequency(documentCount);
    return term;
}

KnowledgeBase::QueryTerm KnowledgeBase::bigram_term(const QueryTerm& first, const QueryTerm& second,
                                                    const std::string& key) const {
    QueryTerm term;
    std::uint32_t documentCount = 0;
    auto found = bigramIds_.find(key);
    if (found != bigramIds_.end()) {
        term.known = true;
        term.id = found->second;
        documentCount = bigramDocumentCounts_[found->second];
    }

    // A pair that no question or keyword uses weighs as much as its characters do on average.
    // A pair of everyday characters ("才能") then weighs little and a pair of characters that
    // the knowledge base never uses ("天气") weighs the most, which pulls the score of an
    // off-topic question down without punishing a chatty one.
    if (documentCount == 0) {
        term.weight = (first.weight + second.weight) / 2;
    } else {
        term.weight = inverse_document_frequency(documentCount);
    }
    return term;
}

KnowledgeBase::Query KnowledgeBase::analyze(std::string_view question) const {
    Query query;
    const std::string_view limited = question.substr(0, kMaxQuestionBytes);
    std::unordered_map<std::string, std::size_t> bigram_positions;
    std::unordered_set<std::string> lone_units;

    for (const std::vector<std::string>& segment : split_units(normalize_question(limited))) {
        if (segment.size() == 1) {
            if (lone_units.insert(segment.front()).second) {
                query.loneUnits.push_back(unigram_term(segment.front()));
                query.totalWeight += query.loneUnits.back().weight;
            }
            continue;
        }

        const std::size_t first_position = query.units.size();
        for (const std::string& unit : segment) {
            query.units.push_back(unigram_term(unit));
        }
        for (std::size_t i = 0; i + 1 < segment.size(); ++i) {
            const std::string key = bigram_key(segment[i], segment[i + 1]);
            auto [it, inserted] = bigram_positions.emplace(key, query.bigrams.size());
            if (inserted) {
                const std::size_t position = first_position + i;
                query.bigrams.push_back(
                    {bigram_term(query.units[position], query.units[position + 1], key), {}});
                query.totalWeight += query.bigrams.back().term.weight;
            }
            query.bigrams[it->second].starts.push_back(first_position + i);
        }
    }
    return query;
}

double KnowledgeBase::score_entry(const Query& query, std::size_t entry,
                                  std::vector<char>& covered) const {
    const EntryTerms& terms = terms_[entry];
    double matched = 0;
    covered.assign(query.units.size(), 0);

    for (const QueryBigram& bigram : query.bigrams) {
        if (!bigram.term.known) {
            continue;
        }
        double share = 0;
        if (contains(terms.bigrams, bigram.term.id)) {
            share = 1.0;
        } else if (contains(terms.answerBigrams, bigram.term.id)) {
            share = options_.answerWeight;
        }
        if (share == 0) {
            continue;
        }
        matched += share * bigram.term.weight;
        for (std::size_t start : bigram.starts) {
            covered[start] = 1;
            covered[start + 1] = 1;
        }
    }

    // A character that no shared pair covers still counts a little when the entry uses it, so
    // "锁了" finds "锁定". Each distinct character counts once.
    std::unordered_set<std::uint32_t> counted;
    for (std::size_t position = 0; position < query.units.size(); ++position) {
        const QueryTerm& unit = query.units[position];
        if (covered[position] || !unit.known || !contains(terms.unigrams, unit.id) ||
            !counted.insert(unit.id).second) {
            continue;
        }
        matched += options_.unigramWeight * unit.weight;
    }

    for (const QueryTerm& unit : query.loneUnits) {
        if (unit.known && contains(terms.unigrams, unit.id)) {
            matched += unit.weight;
        }
    }
    return std::min(1.0, matched / query.totalWeight);
}

std::vector<FaqMatch> KnowledgeBase::rank(std::string_view question) const {
    std::vector<FaqMatch> matches;
    const Query query = analyze(question);
    if (query.totalWeight <= 0) {
        return matches;
    }

    std::vector<char> covered;
    for (std::size_t entry = 0; entry < entries_.size(); ++entry) {
        const double score = score_entry(query, entry, covered);
        if (score > 0) {
            matches.push_back({entry, score});
        }
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const FaqMatch& a, const FaqMatch& b) { return a.score > b.score; });
    return matches;
}

AssistantReply KnowledgeBase::answer(std::string_view question) const {
    AssistantReply reply;
    const std::vector<FaqMatch> matches = rank(question);
    if (!matches.empty()) {
        reply.score = matches.front().score;
    }

    const bool answered = !matches.empty() && matches.front().score >= options_.minScore;
    if (!answered) {
        reply.text = kAssistantNoAnswer;
        return reply;
    }

    const FaqEntry& best = entries_[matches.front().entry];
    reply.entryId = best.id;
    reply.text = best.answer;

    std::vector<std::string> offered{best.id};
    auto offer = [&](const FaqEntry& entry) {
        if (reply.suggestions.size() >= options_.suggestionCount ||
            std::find(offered.begin(), offered.end(), entry.id) != offered.end()) {
            return;
        }
        offered.push_back(entry.id);
        reply.suggestions.push_back(entry.question);
    };
    for (const std::string& id : best.related) {
        if (const FaqEntry* entry = find(id)) {
            offer(*entry);
        }
    }
    for (std::size_t i = 1; i < matches.size(); ++i) {
        offer(entries_[matches[i].entry]);
    }
    return reply;
}

Result<KnowledgeBase> parse_knowledge_base(std::string_view json_text, AssistantOptions options) {
    auto root = json_decode::parse(json_text);
    if (!root || !root->is_object()) {
        return invalid_knowledge_base("不是合法的 JSON 对象");
    }
    auto list = root->find("entries");
    if (list == root->end() || !list->is_array()) {
        return invalid_knowledge_base("缺少数组 entries");
    }

    std::vector<FaqEntry> entries;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Result<FaqEntry> entry = decode_entry((*list)[i], i);
        if (!entry.ok()) {
            return entry.error();
        }
        if (!ids.insert(entry.value().id).second) {
            return invalid_knowledge_base("id " + entry.value().id + " 重复出现");
        }
        entries.push_back(std::move(entry).value());
    }

    for (const FaqEntry& entry : entries) {
        for (const std::string& related : entry.related) {
            if (ids.count(related) == 0) {
                return invalid_knowledge_base(entry.id + " 的 related 引用了不存在的 " + related);
            }
        }
    }

    std::vector<std::string> featured;
    if (!read_string_array(*root, "featured", featured)) {
        return invalid_knowledge_base("featured 应为字符串数组");
    }
    for (const std::string& id : featured) {
        if (ids.count(id) == 0) {
            return invalid_knowledge_base("featured 引用了不存在的 " + id);
        }
    }

    return KnowledgeBase(std::move(entries), std::move(featured), options);
}

AssistantChat::AssistantChat() {
    messages_.push_back(greeting());
}

ChatMessage AssistantChat::greeting() const {
    ChatMessage message;
    message.role = ChatRole::Assistant;
    message.text = "您好，我是小易，可以为您解答平台使用中的常见问题。请直接输入您的问题，"
                   "或者点击下面的问题。";
    for (const std::string& id : knowledge_base_.featured()) {
        if (const FaqEntry* entry = knowledge_base_.find(id)) {
            message.suggestions.push_back(entry->question);
        }
    }
    return message;
}

void AssistantChat::set_knowledge_base(KnowledgeBase knowledge_base) {
    knowledge_base_ = std::move(knowledge_base);
    ready_ = true;
    load_error_.clear();
    if (messages_.size() == 1 && messages_.front().role == ChatRole::Assistant) {
        messages_.front() = greeting();
        ++revision_;
    }
}

void AssistantChat::set_load_error(Error error) {
    ready_ = false;
    load_error_ = std::move(error.message);
}

bool AssistantChat::ask(std::string_view question) {
    std::string text = trimSpaces(question);
    if (text.empty()) {
        return false;
    }

    ChatMessage question_message;
    question_message.role = ChatRole::User;
    question_message.text = text;
    push(std::move(question_message));

    ChatMessage reply;
    reply.role = ChatRole::Assistant;
    if (!ready_ && load_error_.empty()) {
        reply.text = "小易正在加载常见问题，请稍后再问。";
    } else if (!ready_) {
        reply.text = "小易暂时无法回答问题（" + load_error_ + "）。您可以拨打12333热线咨询。";
    } else {
        AssistantReply answer = knowledge_base_.answer(text);
        reply.text = std::move(answer.text);
        reply.suggestions = std::move(answer.suggestions);
        reply.entryId = std::move(answer.entryId);
    }
    push(std::move(reply));
    return true;
}

bool AssistantChat::submit_draft() {
    if (!ask(draft_)) {
        return false;
    }
    draft_.clear();
    return true;
}

void AssistantChat::clear() {
    messages_.clear();
    messages_.push_back(greeting());
    ++revision_;
}

void AssistantChat::push(ChatMessage message) {
    messages_.push_back(std::move(message));
    if (messages_.size() > kMaxMessages) {
        const auto excess = static_cast<std::ptrdiff_t>(messages_.size() - kMaxMessages);
        messages_.erase(messages_.begin(), messages_.begin() + excess);
    }
    ++revision_;
}

} // namespace portal
