# shellcheck shell=bash
# Helpers sourced by the scripts in test.d. The sourcing script sets $root (the repository) and
# $work (a scratch folder); start_emulator sets $emulator_pid and $api for it.
# shellcheck disable=SC2034,SC2154

# `expect NAME PATTERN -- command...` runs the command and
# passes when its output (stdout and stderr) matches the extended regex PATTERN.
passed=0
failed=0
expect() {
  local name="$1" pattern="$2"; shift 3
  local output
  output="$("$@" 2>&1 || true)"
  if grep -qE "$pattern" <<<"$output"; then
    passed=$((passed + 1)); echo "  ok    $name"
  else
    failed=$((failed + 1)); echo "  FAIL  $name"; echo "$output" | sed 's/^/        /' | tail -15
  fi
}

# Starts `warehouse emulator --port 0 EXTRA...` in the background; sets $emulator_pid and $api.
start_emulator() {
  local log="$work/emulator.log"
  "$root/.build/debug/warehouse" emulator --port 0 --log-level warning "$@" > "$log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
  api="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)"
}
