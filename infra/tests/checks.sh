# The shell checks' one-line reporting, sourced by infra/tests/*-test.sh after they set
# CHECKS_NAME: `check DESCRIPTION COMMAND...` runs one check, `checks_summary` ends the script's
# output and is its exit status.
passed=0 failed=0

check() { # description, then a command that must succeed
  local description="$1"; shift
  if "$@"; then
    passed=$((passed + 1)); printf '%s: ok   %s\n' "${CHECKS_NAME}" "${description}"
  else
    failed=$((failed + 1)); printf '%s: FAIL %s\n' "${CHECKS_NAME}" "${description}"
  fi
}

checks_summary() {
  printf '\n%s: %d passed, %d failed\n' "${CHECKS_NAME}" "${passed}" "${failed}"
  (( failed == 0 ))
}
