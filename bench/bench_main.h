// The command line of the project's Google Benchmark programs: their own `--name VALUE`
// options, then Google Benchmark's flags.
#pragma once

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

namespace portal::bench {

// Removes `name VALUE` from the arguments and stores VALUE in `value`, leaving the rest to
// Google Benchmark.
inline void takeOption(int& argc, char** argv, const char* name, std::string& value) {
    int out = 1;
    for (int in = 1; in < argc; ++in) {
        if (std::strcmp(argv[in], name) == 0 && in + 1 < argc) {
            value = argv[++in];
        } else {
            argv[out++] = argv[in];
        }
    }
    argc = out;
}

// Runs the registered benchmarks with Google Benchmark's flags. Returns the exit status.
inline int runBenchmarks(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 2;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

} // namespace portal::bench
