#!/usr/bin/env python3
"""Solve an LP in MPS format with HiGHS (highspy), the benchmark's reference.

Prints one JSON object on standard output: HiGHS's version, the model's size, the
time to read the file and the time of `run()` (the solve alone), the model status,
the objective value and the iteration counts, and this process's peak memory.
HiGHS's own log goes to standard error (or to --log FILE).

Exit codes: 0 solved (whatever the status), 2 highspy is not installed, 1 other errors
(the JSON object then has an "error" field).

Usage:  python3 Benchmarks/highs_reference.py FILE.mps [--time-limit S] [--threads N]
                [--solver simplex|ipm|pdlp|choose] [--memory-limit GIB] [--log FILE]
"""

import argparse
import json
import os
import resource
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mps", help="the LP, in (free) MPS format")
    parser.add_argument("--time-limit", type=float, help="seconds (HiGHS option time_limit)")
    parser.add_argument("--threads", type=int, help="HiGHS option threads (default: HiGHS's choice)")
    parser.add_argument("--solver", help="HiGHS option solver (default: choose = dual simplex for LPs)")
    parser.add_argument("--memory-limit", type=float,
                        help="GiB of address space for this process (HiGHS then fails instead of exhausting memory)")
    parser.add_argument("--log", help="write HiGHS's log to this file instead of standard error")
    parser.add_argument("--quiet", action="store_true", help="no HiGHS log at all")
    args = parser.parse_args()
    if args.memory_limit:
        limit = int(args.memory_limit * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    # Only the JSON object goes to standard output: HiGHS prints its banner and log
    # to file descriptor 1, so point that at standard error while HiGHS runs.
    sys.stdout.flush()
    saved_stdout = os.dup(1)
    os.dup2(2, 1)
    result = {"file": args.mps}
    code = 0
    try:
        try:
            import highspy
        except ImportError:
            result["error"] = "highspy is not installed (pip install highspy)"
            code = 2
        else:
            try:
                code = solve(highspy, args, result)
            except MemoryError:
                result["error"] = "out of memory (--memory-limit %s GiB)" % args.memory_limit
                code = 1
    finally:
        sys.stdout.flush()
        os.dup2(saved_stdout, 1)
        os.close(saved_stdout)
    result["peak_memory_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps(result, sort_keys=True))
    return code


def solve(highspy, args, result):
    h = highspy.Highs()
    if args.quiet:
        h.setOptionValue("output_flag", False)
    elif args.log:
        h.setOptionValue("log_to_console", False)
        h.setOptionValue("log_file", args.log)
    if args.threads is not None:
        h.setOptionValue("threads", int(args.threads))
    if args.solver:
        h.setOptionValue("solver", args.solver)
    try:
        result["version"] = h.version()
    except AttributeError:
        result["version"] = getattr(highspy, "__version__", "unknown")

    start = time.perf_counter()
    status = h.readModel(args.mps)
    result["read_seconds"] = time.perf_counter() - start
    if status == highspy.HighsStatus.kError:
        result["error"] = "HiGHS could not read " + args.mps
        return 1
    if args.time_limit is not None:
        # After reading: HiGHS's limit would otherwise count the reading too.
        h.setOptionValue("time_limit", float(args.time_limit))
    lp = h.getLp()
    result["rows"] = lp.num_row_
    result["columns"] = lp.num_col_
    result["nonzeros"] = h.getNumNz()

    start = time.perf_counter()
    run_status = h.run()
    result["run_seconds"] = time.perf_counter() - start
    if run_status == highspy.HighsStatus.kError:
        result["error"] = "HiGHS run() failed (out of memory?); see its log"
    result["model_status"] = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    result["objective"] = info.objective_function_value
    result["simplex_iterations"] = info.simplex_iteration_count
    result["ipm_iterations"] = info.ipm_iteration_count
    result["crossover_iterations"] = info.crossover_iteration_count
    result["solver"] = option(h, "solver")
    result["threads_option"] = option(h, "threads")
    return 0


def option(h, name):
    """An option's value (older highspy versions return a (status, value) pair)."""
    value = h.getOptionValue(name)
    if isinstance(value, tuple):
        value = value[-1]
    return value if isinstance(value, (str, int, float, bool)) else str(value)


if __name__ == "__main__":
    sys.exit(main())
