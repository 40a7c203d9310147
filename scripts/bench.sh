#!/usr/bin/env bash
# Runs phoneaudit's performance suite at province scale and prints every figure beside its
# baseline and goal, and how each grows from 10 to 500 rounds (README: "Performance").
#
# The province databases (2,000 offices × 10, 100 and 500 rounds) are built once and cached in
# ~/.cache/phoneaudit-bench (PHONEAUDIT_BENCH_DIR changes it); the 500-round one takes minutes.
# Options go to scripts/bench: -rounds 10,100,500  -runs 7  -benchtime 1s  -reps 20.
# Needs Go, sqlite3 (the baseline) and tmux (the peak memory of the screens).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in sqlite3 tmux; do
	command -v "$tool" >/dev/null || echo "bench.sh: $tool is not installed; its figures will be missing (apt-get install $tool)" >&2
done
exec go run ./scripts/bench "$@"
