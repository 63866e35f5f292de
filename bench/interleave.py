#!/usr/bin/env python3
"""bench/interleave.py RUNS 'COMMAND A' 'COMMAND B' ...: runs the commands in turn (A, B, ..., A, B,
...), RUNS times after 3 warm-up rounds, and prints each one's median wall time and its ratio to
the first. Taking turns spreads the machine's swings in speed over all the commands alike, which
hyperfine (all runs of A, then all of B) does not. Example, from the repository root:

  bench/interleave.py 40 "node bench/out/node/scale-up.js bench/out/small.json" \\
      "$(CCCF_PRINT_COMMAND=1 JAVA=java bin/cccf scale up bench/out/small.json)" \\
      "$(CCCF_PRINT_COMMAND=1 JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bin/cccf scale up bench/out/small.json)"

(Run each bin/cccf command once first, so that its jar and class-data archive exist.)
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = [shlex.split(c) for c in sys.argv[2:]]
    env = dict(os.environ, CCCF_STDOUT_TTY="0")
    times = [[] for _ in commands]
    for i in range(runs + 3):
        for k, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
            if i >= 3:
                times[k].append((time.perf_counter() - start) * 1000)
    medians = [statistics.median(t) for t in times]
    for command, median in zip(sys.argv[2:], medians):
        print(f"{median:9.1f} ms  {median / medians[0]:6.3f}  {command}")


if __name__ == "__main__":
    main()
