#include "app/assistant.h"

#include "../core/vector_file.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace portal {
namespace {

std::string read_text_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

KnowledgeBase load_shipped_knowledge_base() {
    Result<KnowledgeBase> parsed =
        parse_knowledge_base(read_text_file(std::string(PORTAL_ASSETS_DIR) + "/faq.json"));
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? std::move(parsed).value() : KnowledgeBase();
}

// A two-entry knowledge base for the tests that need no real content.
constexpr const char* kSmallKnowledgeBase = R"({
  "featured": ["account-locked"],
  "entries": [
    {"id": "account-locked", "question": "账号被锁定了怎么办？",
     "answer": "连续输错5次密码会锁定30分钟。", "keywords": ["锁定", "输错密码"],
     "related": ["sms-code-validity"]},
    {"id": "sms-code-validity", "question": "短信验证码的有效期是多久？",
     "answer": "验证码10分钟内有效。"}
  ]
})";

std::string parse_error_code(std::string_view json_text) {
    Result<KnowledgeBase> parsed = parse_knowledge_base(json_text);
    return parsed.ok() ? "ok" : parsed.error().code;
}

std::string parse_error_message(std::string_view json_text) {
    Result<KnowledgeBase> parsed = parse_knowledge_base(json_text);
    return parsed.ok() ? "" : parsed.error().message;
}

// Loading

TEST(AssistantLoading, ShippedKnowledgeBaseLoads) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();

    EXPECT_GE(knowledge_base.entries().size(), 40u);
    EXPECT_LE(knowledge_base.entries().size(), 60u);
    EXPECT_FALSE(knowledge_base.featured().empty());
}

TEST(AssistantLoading, ShippedEntriesAreComplete) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();

    for (const FaqEntry& entry : knowledge_base.entries()) {
        EXPECT_EQ(entry.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"),
                  std::string::npos)
            << entry.id;
        EXPECT_FALSE(entry.question.empty()) << entry.id;
        EXPECT_FALSE(entry.answer.empty()) << entry.id;
        EXPECT_GE(entry.related.size(), 2u) << entry.id;
    }
}

TEST(AssistantLoading, ShippedQuestionsFindTheirOwnEntry) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();

    for (const FaqEntry& entry : knowledge_base.entries()) {
        EXPECT_EQ(knowledge_base.answer(entry.question).entryId, entry.id) << entry.question;
    }
}

TEST(AssistantLoading, SmallFileKeepsAllFields) {
    Result<KnowledgeBase> parsed = parse_knowledge_base(kSmallKnowledgeBase);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    const KnowledgeBase& knowledge_base = parsed.value();

    ASSERT_EQ(knowledge_base.entries().size(), 2u);
    const FaqEntry* locked = knowledge_base.find("account-locked");
    ASSERT_NE(locked, nullptr);
    EXPECT_EQ(locked->question, "账号被锁定了怎么办？");
    EXPECT_EQ(locked->answer, "连续输错5次密码会锁定30分钟。");
    EXPECT_EQ(locked->keywords, (std::vector<std::string>{"锁定", "输错密码"}));
    EXPECT_EQ(locked->related, (std::vector<std::string>{"sms-code-validity"}));
    EXPECT_TRUE(knowledge_base.find("sms-code-validity")->keywords.empty());
    EXPECT_EQ(knowledge_base.featured(), (std::vector<std::string>{"account-locked"}));
    EXPECT_EQ(knowledge_base.find("no-such-entry"), nullptr);
}

TEST(AssistantLoading, MalformedJsonIsError) {
    EXPECT_EQ(parse_error_code(""), "invalid_faq");
    EXPECT_EQ(parse_error_code("{\"entries\": ["), "invalid_faq");
    EXPECT_EQ(parse_error_code("{entries: []}"), "invalid_faq");
    EXPECT_EQ(parse_error_code("\xFF\xFE"), "invalid_faq");
}

TEST(AssistantLoading, WrongRootTypeIsError) {
    EXPECT_EQ(parse_error_code("[]"), "invalid_faq");
    EXPECT_EQ(parse_error_code("\"entries\""), "invalid_faq");
    EXPECT_EQ(parse_error_code("{}"), "invalid_faq");
    EXPECT_EQ(parse_error_code(R"({"entries": {}})"), "invalid_faq");
}

TEST(AssistantLoading, WrongEntryTypesAreErrors) {
    EXPECT_EQ(parse_error_code(R"({"entries": [42]})"), "invalid_faq");
    EXPECT_EQ(parse_error_code(R"({"entries": [{"id": 1, "question": "问", "answer": "答"}]})"),
              "invalid_faq");
    EXPECT_EQ(parse_error_code(R"({"entries": [{"id": "a", "question": "问"}]})"), "invalid_faq");
    EXPECT_EQ(parse_error_code(R"({"entries": [{"id": "a", "question": "问", "answer": null}]})"),
              "invalid_faq");
    EXPECT_EQ(
        parse_error_code(
            R"({"entries": [{"id": "a", "question": "问", "answer": "答", "keywords": "锁"}]})"),
        "invalid_faq");
    EXPECT_EQ(
        parse_error_code(
            R"({"entries": [{"id": "a", "question": "问", "answer": "答", "keywords": [1]}]})"),
        "invalid_faq");
    EXPECT_EQ(parse_error_code(
                  R"({"entries": [{"id": "a", "question": "问", "answer": "答", "related": {}}]})"),
              "invalid_faq");
    EXPECT_EQ(parse_error_code(R"({"featured": "a", "entries": []})"), "invalid_faq");
}

TEST(AssistantLoading, BlankIdIsError) {
    EXPECT_EQ(parse_error_code(R"({"entries": [{"id": "  ", "question": "问", "answer": "答"}]})"),
              "invalid_faq");
}

TEST(AssistantLoading, DuplicateIdIsError) {
    const char* text = R"({"entries": [
        {"id": "a", "question": "问一", "answer": "答一"},
        {"id": "a", "question": "问二", "answer": "答二"}]})";

    EXPECT_EQ(parse_error_code(text), "invalid_faq");
    EXPECT_NE(parse_error_message(text).find("a"), std::string::npos);
}

TEST(AssistantLoading, UnknownRelatedIdIsError) {
    const char* text =
        R"({"entries": [{"id": "a", "question": "问", "answer": "答", "related": ["b"]}]})";

    EXPECT_EQ(parse_error_code(text), "invalid_faq");
    EXPECT_NE(parse_error_message(text).find("b"), std::string::npos);
}

TEST(AssistantLoading, UnknownFeaturedIdIsError) {
    EXPECT_EQ(
        parse_error_code(
            R"({"featured": ["b"], "entries": [{"id": "a", "question": "问", "answer": "答"}]})"),
        "invalid_faq");
}

TEST(AssistantLoading, ErrorMessageNamesEntry) {
    const std::string message = parse_error_message(
        R"({"entries": [{"id": "a", "question": "问", "answer": "答"}, {"id": "b", "question": 2}]})");

    EXPECT_NE(message.find("第2条"), std::string::npos) << message;
    EXPECT_NE(message.find("question"), std::string::npos) << message;
}

// Normalization

TEST(AssistantNormalization, FoldsFullWidthAndCase) {
    EXPECT_EQ(normalize_question("ＩＥ浏览器"), "ie浏览器");
    EXPECT_EQ(normalize_question("１２３３３"), "12333");
    EXPECT_EQ(normalize_question("QQ"), "qq");
}

TEST(AssistantNormalization, PunctuationSeparatesWords) {
    EXPECT_EQ(normalize_question("增员，减员！"), "增员 减员");
    EXPECT_EQ(normalize_question("  增员?? 减员... "), "增员 减员");
    EXPECT_EQ(normalize_question("“单位信息错误”"), "单位信息错误");
}

TEST(AssistantNormalization, DropsPoliteFiller) {
    EXPECT_EQ(normalize_question("你好，请问怎么增员呢？谢谢"), "增员");
    EXPECT_EQ(normalize_question("麻烦问一下小易"), "");
}

TEST(AssistantNormalization, IllFormedBytesSeparateWords) {
    EXPECT_EQ(normalize_question("增员\xE4\xB8减员"), "增员 减员");
    EXPECT_EQ(normalize_question(std::string("增员\0减员", sizeof("增员\0减员") - 1)), "增员 减员");
}

// Ranking

TEST(AssistantRanking, ParaphrasesFindExpectedEntry) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();
    const std::vector<test::VectorRow> rows = test::readVectorFile("assistant_paraphrases.tsv");
    ASSERT_GE(rows.size(), 24u);

    std::size_t correct = 0;
    for (const test::VectorRow& row : rows) {
        const std::string query = row.get("query");
        const std::string expected = row.get("expected_id");
        ASSERT_NE(knowledge_base.find(expected), nullptr)
            << "line " << row.line << " names an unknown entry " << expected;

        const AssistantReply reply = knowledge_base.answer(query);
        if (reply.entryId == expected) {
            ++correct;
        } else {
            // A miss is printed and does not fail the test by itself, because the check below
            // is on the rate.
            std::cout << "[ miss     ] line " << row.line << ": " << query << " -> "
                      << (reply.answered() ? reply.entryId : "(no answer)") << " (score "
                      << reply.score << "), expected " << expected << "\n";
        }
    }

    // At least 90 % of the paraphrases must find their entry.
    EXPECT_GE(correct * 10, rows.size() * 9) << correct << " of " << rows.size() << " correct";
}

TEST(AssistantRanking, UnrelatedQuestionsGetNoAnswer) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();

    for (const char* question : {"今天天气怎么样", "推荐一部电影", "明天会下雨吗",
                                 "附近有什么好吃的", "股票怎么买", "帮我写一首诗"}) {
        const AssistantReply reply = knowledge_base.answer(question);
        EXPECT_FALSE(reply.answered()) << question << " -> " << reply.entryId;
        EXPECT_EQ(reply.text, kAssistantNoAnswer) << question;
    }
}

TEST(AssistantRanking, FillerOnlyQuestionGetsNoAnswer) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();

    EXPECT_FALSE(knowledge_base.answer("你好").answered());
    EXPECT_FALSE(knowledge_base.answer("怎么办？").answered());
    EXPECT_FALSE(knowledge_base.answer("").answered());
    EXPECT_FALSE(knowledge_base.answer("？！。").answered());
}

TEST(AssistantRanking, NoAnswerNamesReportDetails) {
    const std::string text = kAssistantNoAnswer;

    EXPECT_NE(text.find("统一社会信用代码"), std::string::npos);
    EXPECT_NE(text.find("手机号码"), std::string::npos);
    EXPECT_NE(text.find("操作步骤"), std::string::npos);
    EXPECT_NE(text.find("截图"), std::string::npos);
    EXPECT_NE(text.find("12333"), std::string::npos);
}

TEST(AssistantRanking, FullWidthQueryMatchesHalfWidth) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();

    EXPECT_EQ(knowledge_base.answer("ＩＥ浏览器能用吗？").entryId,
              knowledge_base.answer("IE浏览器能用吗?").entryId);
    EXPECT_EQ(knowledge_base.answer("ＩＥ浏览器能用吗？").entryId, "browser-requirements");
}

TEST(AssistantRanking, KeywordSynonymFindsEntry) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();

    // "停保" appears only among the keywords of the staff-removal entry.
    EXPECT_EQ(knowledge_base.answer("停保").entryId, "staff-removal");
}

TEST(AssistantRanking, SingleCharacterOverlapCounts) {
    Result<KnowledgeBase> parsed = parse_knowledge_base(kSmallKnowledgeBase);
    ASSERT_TRUE(parsed.ok());

    // "锁住" shares no character pair with the entry, only the character 锁.
    const std::vector<FaqMatch> matches = parsed.value().rank("锁住");
    ASSERT_FALSE(matches.empty());
    EXPECT_EQ(parsed.value().entries()[matches.front().entry].id, "account-locked");
}

TEST(AssistantRanking, RankIsSortedBestFirst) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();
    const std::vector<FaqMatch> matches = knowledge_base.rank("经办人怎么登录");

    ASSERT_GE(matches.size(), 2u);
    for (std::size_t i = 1; i < matches.size(); ++i) {
        EXPECT_GE(matches[i - 1].score, matches[i].score);
        EXPECT_GT(matches[i].score, 0.0);
        EXPECT_LE(matches[i - 1].score, 1.0);
    }
}

TEST(AssistantRanking, SuggestionsComeFromRelated) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();
    const FaqEntry* rollback = knowledge_base.find("rollback");
    ASSERT_NE(rollback, nullptr);
    ASSERT_GE(rollback->related.size(), 2u);

    const AssistantReply reply = knowledge_base.answer(rollback->question);

    ASSERT_EQ(reply.suggestions.size(), 2u);
    EXPECT_EQ(reply.suggestions[0], knowledge_base.find(rollback->related[0])->question);
    EXPECT_EQ(reply.suggestions[1], knowledge_base.find(rollback->related[1])->question);
}

TEST(AssistantRanking, SuggestionsFallBackToNextBest) {
    const char* text = R"({"entries": [
        {"id": "staff-addition", "question": "怎么办理增员？", "answer": "点击增员。"},
        {"id": "staff-removal", "question": "怎么办理减员？", "answer": "点击减员。"},
        {"id": "staff-change", "question": "怎么办理人员信息变更？", "answer": "点击变更。"}]})";
    Result<KnowledgeBase> parsed = parse_knowledge_base(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;

    const AssistantReply reply = parsed.value().answer("增员怎么办理");

    EXPECT_EQ(reply.entryId, "staff-addition");
    ASSERT_EQ(reply.suggestions.size(), 2u);
    EXPECT_NE(reply.suggestions[0], "怎么办理增员？");
    EXPECT_NE(reply.suggestions[1], "怎么办理增员？");
}

TEST(AssistantRanking, EmptyKnowledgeBaseGetsNoAnswer) {
    const KnowledgeBase knowledge_base;

    EXPECT_TRUE(knowledge_base.rank("增员").empty());
    EXPECT_FALSE(knowledge_base.answer("增员").answered());
}

TEST(AssistantRanking, LongPasteStaysFast) {
    const KnowledgeBase knowledge_base = load_shipped_knowledge_base();
    std::string paste;
    for (int i = 0; i < 2000; ++i) {
        paste += "增员减员，";
    }

    const auto start = std::chrono::steady_clock::now();
    const AssistantReply reply = knowledge_base.answer(paste);
    const auto elapsed = std::chrono::steady_clock::now() - start;

    EXPECT_TRUE(reply.answered());
    // The bound is generous for slow CI machines and debug builds. A typical question takes
    // well under a millisecond natively.
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 50);
}

// Chat history

TEST(AssistantChatHistory, StartsWithGreeting) {
    AssistantChat chat;

    ASSERT_EQ(chat.messages().size(), 1u);
    EXPECT_EQ(chat.messages().front().role, ChatRole::Assistant);
    EXPECT_FALSE(chat.ready());
}

TEST(AssistantChatHistory, GreetingOffersFeaturedQuestions) {
    AssistantChat chat;
    chat.set_knowledge_base(parse_knowledge_base(kSmallKnowledgeBase).value());

    ASSERT_EQ(chat.messages().size(), 1u);
    EXPECT_EQ(chat.messages().front().suggestions,
              (std::vector<std::string>{"账号被锁定了怎么办？"}));
    EXPECT_TRUE(chat.ready());
}

TEST(AssistantChatHistory, AskAppendsQuestionAndAnswer) {
    AssistantChat chat;
    chat.set_knowledge_base(parse_knowledge_base(kSmallKnowledgeBase).value());

    EXPECT_TRUE(chat.ask("  我的账号被锁定了 "));

    ASSERT_EQ(chat.messages().size(), 3u);
    EXPECT_EQ(chat.messages()[1].role, ChatRole::User);
    EXPECT_EQ(chat.messages()[1].text, "我的账号被锁定了");
    EXPECT_EQ(chat.messages()[2].role, ChatRole::Assistant);
    EXPECT_EQ(chat.messages()[2].entryId, "account-locked");
    EXPECT_EQ(chat.messages()[2].text, "连续输错5次密码会锁定30分钟。");
    EXPECT_EQ(chat.messages()[2].suggestions,
              (std::vector<std::string>{"短信验证码的有效期是多久？"}));
}

TEST(AssistantChatHistory, BlankQuestionIsIgnored) {
    AssistantChat chat;
    const std::uint64_t revision = chat.revision();

    EXPECT_FALSE(chat.ask(" \u3000 "));
    EXPECT_EQ(chat.messages().size(), 1u);
    EXPECT_EQ(chat.revision(), revision);
}

TEST(AssistantChatHistory, SubmitDraftClearsDraft) {
    AssistantChat chat;
    chat.set_knowledge_base(parse_knowledge_base(kSmallKnowledgeBase).value());
    chat.draft() = "验证码有效期";

    EXPECT_TRUE(chat.submit_draft());
    EXPECT_TRUE(chat.draft().empty());
    EXPECT_EQ(chat.messages().back().entryId, "sms-code-validity");
}

TEST(AssistantChatHistory, QuestionBeforeLoadingSaysWait) {
    AssistantChat chat;

    chat.ask("账号被锁定了");

    ASSERT_EQ(chat.messages().size(), 3u);
    EXPECT_NE(chat.messages().back().text.find("稍后"), std::string::npos);
    EXPECT_TRUE(chat.messages().back().entryId.empty());
}

TEST(AssistantChatHistory, LoadErrorIsShownWithHotline) {
    AssistantChat chat;
    chat.set_load_error({"http_error", "网络连接失败"});

    chat.ask("账号被锁定了");

    const std::string& reply = chat.messages().back().text;
    EXPECT_NE(reply.find("网络连接失败"), std::string::npos) << reply;
    EXPECT_NE(reply.find("12333"), std::string::npos) << reply;
}

TEST(AssistantChatHistory, HistoryIsBounded) {
    AssistantChat chat;
    chat.set_knowledge_base(parse_knowledge_base(kSmallKnowledgeBase).value());

    for (std::size_t i = 0; i < AssistantChat::kMaxMessages; ++i) {
        chat.ask("问题" + std::to_string(i));
    }

    EXPECT_EQ(chat.messages().size(), AssistantChat::kMaxMessages);
    EXPECT_EQ(chat.messages().back().role, ChatRole::Assistant);
    EXPECT_EQ(chat.messages()[chat.messages().size() - 2].text,
              "问题" + std::to_string(AssistantChat::kMaxMessages - 1));
}

TEST(AssistantChatHistory, ClearRestoresGreeting) {
    AssistantChat chat;
    chat.set_knowledge_base(parse_knowledge_base(kSmallKnowledgeBase).value());
    chat.ask("账号被锁定了");
    const std::uint64_t revision = chat.revision();

    chat.clear();

    ASSERT_EQ(chat.messages().size(), 1u);
    EXPECT_EQ(chat.messages().front().role, ChatRole::Assistant);
    EXPECT_GT(chat.revision(), revision);
}

} // namespace
} // namespace portal
