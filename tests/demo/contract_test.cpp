// Replays every REST contract scenario of tests/contract/*.json (format in its README) against
// the offline demo's backend, natively and with in-memory storage, so that the demo and
// serve.py return the same responses to the same requests.
#include "demo/demo_backend.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using portal::HttpRequest;
using portal::HttpResponse;
namespace demo = portal::demo;

// Endpoints the demo does not implement yet. A scenario stops at its first step that calls
// one, because the later steps depend on the state that step would have created.
struct UnsupportedEndpoint {
    const char* method;
    const char* pathPattern; // ECMAScript regular expression over the path without query
    const char* reason;
};

// Empty while the demo implements every endpoint that a scenario calls.
const std::vector<UnsupportedEndpoint> kUnsupported = {};

std::string readFile(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

demo::DemoContent loadContent() {
    demo::DemoContent content;
    content.faqJson = readFile(PORTAL_SERVER_FAQ);
    content.phoneTable = readFile(PORTAL_PHONE_TABLE);
    return content;
}

const std::regex kVariable(R"(\{\{(\w+)\}\})");

// Replaces {{name}} in every string; a string that is only {{name}} becomes the variable.
json substitute(const json& value, const json& variables) {
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        std::smatch whole;
        if (std::regex_match(text, whole, kVariable)) {
            return variables.at(whole[1].str());
        }
        std::string out;
        auto begin = text.cbegin();
        std::smatch part;
        while (std::regex_search(begin, text.cend(), part, kVariable)) {
            out += part.prefix().str();
            const json& variable = variables.at(part[1].str());
            out += variable.is_string() ? variable.get<std::string>() : variable.dump();
            begin = part.suffix().first;
        }
        return out + std::string(begin, text.cend());
    }
    if (value.is_array() || value.is_object()) {
        json out = value;
        for (auto it = out.begin(); it != out.end(); ++it) {
            *it = substitute(*it, variables);
        }
        return out;
    }
    return value;
}

std::optional<json> lookup(const json& body, const std::string& dotted) {
    const json* value = &body;
    std::stringstream parts(dotted);
    std::string part;
    while (std::getline(parts, part, '.')) {
        if (value->is_object() && value->contains(part)) {
            value = &(*value)[part];
        } else if (value->is_array() && !part.empty() &&
                   std::all_of(part.begin(), part.end(), ::isdigit) &&
                   std::stoul(part) < value->size()) {
            value = &(*value)[std::stoul(part)];
        } else {
            return std::nullopt;
        }
    }
    return *value;
}

// Returns the first difference, or "" when `expected` is a subset of `actual`.
std::string subsetMismatch(const json& expected, const json& actual, const std::string& path) {
    if (expected.is_object()) {
        if (!actual.is_object()) {
            return path + ": expected an object, got " + actual.dump();
        }
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            if (!actual.contains(it.key())) {
                return path + "." + it.key() + ": missing";
            }
            std::string mismatch = subsetMismatch(*it, actual[it.key()], path + "." + it.key());
            if (!mismatch.empty()) {
                return mismatch;
            }
        }
        return "";
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) {
            return path + ": expected a list of " + std::to_string(expected.size()) +
                   " items, got " + actual.dump();
        }
        for (std::size_t i = 0; i < expected.size(); ++i) {
            std::string mismatch =
                subsetMismatch(expected[i], actual[i], path + "." + std::to_string(i));
            if (!mismatch.empty()) {
                return mismatch;
            }
        }
        return "";
    }
    const bool sameType = expected.type() == actual.type() ||
                          (expected.is_number_integer() && actual.is_number_integer());
    if (!sameType || expected != actual) {
        return path + ": expected " + expected.dump() + ", got " + actual.dump();
    }
    return "";
}

bool hasType(const json& value, const std::string& type) {
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "null") return value.is_null();
    return false;
}

const UnsupportedEndpoint* findUnsupported(const std::string& method, const std::string& url) {
    const std::string path = url.substr(0, url.find('?'));
    for (const UnsupportedEndpoint& endpoint : kUnsupported) {
        if (method == endpoint.method && std::regex_match(path, std::regex(endpoint.pathPattern))) {
            return &endpoint;
        }
    }
    return nullptr;
}

std::vector<std::string> scenarioNames() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(PORTAL_CONTRACT_DIR)) {
        if (entry.path().extension() == ".json") {
            names.push_back(entry.path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

class DemoContract : public testing::TestWithParam<std::string> {};

TEST_P(DemoContract, ScenarioPasses) {
    const json scenario = json::parse(
        readFile(std::filesystem::path(PORTAL_CONTRACT_DIR) / (GetParam() + ".json")));
    demo::MemoryDemoStorage storage;
    demo::DemoBackend backend(storage, loadContent(), nullptr);
    json variables = json::object();

    for (std::size_t index = 0; index < scenario["steps"].size(); ++index) {
        const json& step = scenario["steps"][index];
        const std::string label =
            "step " + std::to_string(index) + " (" + step["name"].get<std::string>() + ")";

        if (step.contains("sms")) {
            const json& sms = step["sms"];
            const std::string message = backend.latestSms(sms["mobile"].get<std::string>());
            ASSERT_FALSE(message.empty()) << label << ": no SMS to " << sms["mobile"];
            std::smatch match;
            ASSERT_TRUE(std::regex_search(message, match,
                                          std::regex(sms["pattern"].get<std::string>())))
                << label << ": pattern not in " << message;
            variables[sms["save"].get<std::string>()] = match[1].str();
        }
        if (!step.contains("request")) {
            continue;
        }

        const json request = substitute(step["request"], variables);
        HttpRequest http;
        http.method = request["method"].get<std::string>();
        http.url = request["path"].get<std::string>();
        if (const UnsupportedEndpoint* endpoint = findUnsupported(http.method, http.url)) {
            GTEST_SKIP() << label << " and later steps: " << endpoint->reason;
        }
        if (request.contains("headers")) {
            for (auto it = request["headers"].begin(); it != request["headers"].end(); ++it) {
                http.headers.emplace_back(it.key(), it.value().get<std::string>());
            }
        }
        if (request.contains("body")) {
            http.body = request["body"].dump();
        } else if (request.contains("rawBody")) {
            http.body = request["rawBody"].get<std::string>();
        }

        HttpResponse response;
        for (int i = 0; i < step.value("repeat", 1); ++i) {
            response = backend.handleApi(http);
        }

        const json expect = substitute(step["expect"], variables);
        ASSERT_EQ(response.status, expect["status"].get<int>()) << label << ": " << response.body;
        const json body = json::parse(response.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << label << ": body is not JSON: " << response.body;
        if (expect.contains("body")) {
            EXPECT_EQ(subsetMismatch(expect["body"], body, "body"), "") << label;
        }
        const json types = expect.value("types", json::object());
        for (auto& [path, type] : types.items()) {
            const std::optional<json> value = lookup(body, path);
            ASSERT_TRUE(value.has_value()) << label << ": " << path << " missing";
            EXPECT_TRUE(hasType(*value, type.get<std::string>()))
                << label << ": " << path << " should be " << type;
        }
        const json matches = expect.value("matches", json::object());
        for (auto& [path, pattern] : matches.items()) {
            const std::optional<json> value = lookup(body, path);
            ASSERT_TRUE(value.has_value()) << label << ": " << path << " missing";
            ASSERT_TRUE(value->is_string()) << label << ": " << path << " is not a string";
            EXPECT_TRUE(std::regex_search(value->get<std::string>(),
                                          std::regex(pattern.get<std::string>())))
                << label << ": " << path << " = " << *value << " does not match " << pattern;
        }
        const json absent = expect.value("absent", json::array());
        for (const json& path : absent) {
            EXPECT_FALSE(lookup(body, path.get<std::string>()).has_value())
                << label << ": " << path << " should be absent";
        }
        const json saves = step.value("save", json::object());
        for (auto& [name, path] : saves.items()) {
            const std::optional<json> value = lookup(body, path.get<std::string>());
            ASSERT_TRUE(value.has_value()) << label << ": nothing at " << path;
            variables[name] = *value;
        }
    }
}

std::string scenarioTestName(const testing::TestParamInfo<std::string>& scenario) {
    return scenario.param;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, DemoContract, testing::ValuesIn(scenarioNames()),
                         scenarioTestName);

TEST(DemoContractRunner, ScenariosExist) {
    EXPECT_GE(scenarioNames().size(), 3u);
}

TEST(DemoContractRunner, SubsetMismatchFindsDifferences) {
    EXPECT_EQ(subsetMismatch(json{{"a", {{"b", 1}}}}, json{{"a", {{"b", 1}, {"c", 2}}}}, "body"),
              "");
    EXPECT_NE(subsetMismatch(json{{"a", {{"b", 1}}}}, json{{"a", {{"b", 2}}}}, "body"), "");
    EXPECT_NE(subsetMismatch(json{{"a", true}}, json{{"a", 1}}, "body"), "");
    EXPECT_NE(subsetMismatch(json{{"a", json::array({1})}}, json{{"a", json::array({1, 2})}},
                             "body"),
              "");
}

} // namespace
