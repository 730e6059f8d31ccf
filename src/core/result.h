// Result values for src/core and src/app: errors are data with a code and a Chinese message,
// never exceptions crossing a module boundary.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace portal {

// An error that the UI can show as it is: a stable machine code and a message in Chinese.
struct Error {
    std::string code;
    std::string message;
};

// Either a value of type T or an Error.
template <typename T> class Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(Error error) : data_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(data_); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(data_); }
    T& value() & { return std::get<T>(data_); }
    T&& value() && { return std::get<T>(std::move(data_)); }
    const Error& error() const { return std::get<Error>(data_); }

private:
    std::variant<T, Error> data_;
};

} // namespace portal
