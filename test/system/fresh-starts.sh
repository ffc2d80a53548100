#!/usr/bin/env bash
# Starts the whole system (npm start's launcher, compiled) on a fresh data directory N times in
# a row (default 20), each stopped with Ctrl-C once it is up, and fails if any start wrote an
# error: a line on stderr, an "error"/"fatal" JSON log line, or a non-zero exit. By hand:
#   npm run build && test/system/fresh-starts.sh 20
set -uo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
failed=0
for i in $(seq 1 "$rounds"); do
  dir=$(mktemp -d)
  base=$((20000 + RANDOM % 20000))
  DATA_DIR=$dir EVENT_STORE=sqlite:$dir/events.db READ_DB=sqlite:$dir/read.db \
    SIGNING_KEYS_DIR=$dir/keys COMMAND_API_PORT=$base QUERY_API_PORT=$((base + 1)) \
    PROJECTOR_PORT=$((base + 2)) node dist/apps/launcher/src/main.js >"$dir/out" 2>"$dir/err" &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q 'Ctrl-C stops all three' "$dir/out" 2>/dev/null && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  up=$(grep -c 'Ctrl-C stops all three' "$dir/out")
  kill -INT $pid 2>/dev/null
  wait $pid
  code=$?
  errors=$(cat "$dir/err" | wc -l)
  logged=$(cat "$dir"/logs/*.log 2>/dev/null | grep -cE '"level":(50|60)')
  if [ "$up" != 1 ] || [ "$code" != 0 ] || [ "$errors" != 0 ] || [ "$logged" != 0 ]; then
    echo "start $i: up=$up exit=$code stderr-lines=$errors error-logs=$logged ($dir kept)"
    cat "$dir/err"
    failed=$((failed + 1))
  else
    echo "start $i: up, stopped cleanly, no error"
    rm -rf "$dir"
  fi
done
echo "$((rounds - failed)) of $rounds fresh starts came up with no error"
[ "$failed" = 0 ]
