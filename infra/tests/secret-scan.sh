#!/usr/bin/env bash
# Fails when a file git tracks or has staged holds a private key, listing each such path.
# Run by `bin/platform test` before anything else; works on a fresh clone (it reads git's
# index, not a build's output).
#
#   infra/tests/secret-scan.sh [REPOSITORY]   default: the repository this script is in
#
# What counts as a private key:
#   - a path ending in .pem, .key, .p12 or .pfx (PEM files, PKCS#12 key stores), whatever
#     it holds;
#   - a PEM private key in any file: the BEGIN line of an RSA, EC, DSA, OPENSSH, ENCRYPTED,
#     PGP or plain (PKCS#8) private key followed by its base64 body or by the Proc-Type
#     header of an old encrypted key, on the same line (an env file's "\n"-joined value)
#     or on the next lines (a key file, a YAML block, a Java text block).
# A file that only names the header (code that writes a key, an example value such as
# "change-me") has no body after it and passes.
set -euo pipefail

REPO="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

if ! git -C "${REPO}" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  printf 'secret-scan: %s is not a git work tree\n' "${REPO}" >&2
  exit 2
fi

# The BEGIN line, as a regex that does not match this file's own text. No interval
# expressions ({5}), so any POSIX awk and git grep read it the same way.
DASHES='[-][-][-][-][-]'
MARKER="${DASHES}BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?${DASHES}"

# Reads one file's text on stdin; exits 0 when it holds a PEM private key with its body.
has_key_body() {
  awk -v marker="${MARKER}" '
    function base64_run(text) {
      sub(/^[[:space:]"\047+]*/, "", text)
      return match(text, /^[A-Za-z0-9+\/=]+/) ? RLENGTH : 0
    }
    pending > 0 {
      line = $0
      sub(/^[[:space:]"\047+]*/, "", line)
      if (line ~ /^(Proc-Type|DEK-Info|Comment|Version): /) { found = 1; exit }
      if (base64_run(line) >= 40) { found = 1; exit }
      if (line != "") { pending-- }
    }
    match($0, marker) {
      rest = substr($0, RSTART + RLENGTH)
      # A key kept on one line, its line breaks written as "\n".
      gsub(/^([[:space:]]|\\n)+/, "", rest)
      if (base64_run(rest) >= 40) { found = 1; exit }
      pending = 3
    }
    END { exit found ? 0 : 1 }
  '
}

declare -A offending=()

flag() { # path reason
  local known="${offending["$1"]:-}"
  [[ "; ${known}; " == *"; $2; "* ]] && return
  offending["$1"]="${known:+${known}; }$2"
}

# Key files by name: everything in the index (committed or staged).
while IFS= read -r -d '' path; do
  shopt -s nocasematch
  case "${path}" in
    *.pem | *.key | *.p12 | *.pfx) flag "${path}" "key file name" ;;
  esac
  shopt -u nocasematch
done < <(git -C "${REPO}" ls-files -z)

# Key bodies by content: the staged text (what a commit takes) and the working tree's
# text of tracked files (what the next `git add` takes). git grep narrows the files down
# to those naming the header; awk then looks for the body.
candidates() { # git grep options
  git -C "${REPO}" grep -z -l -I -E "$@" -e "${MARKER}" || [[ $? -eq 1 ]]
}

while IFS= read -r -d '' path; do
  if git -C "${REPO}" cat-file blob ":${path}" | has_key_body; then
    flag "${path}" "PEM private key"
  fi
done < <(candidates --cached)

while IFS= read -r -d '' path; do
  if [[ -f "${REPO}/${path}" ]] && has_key_body <"${REPO}/${path}"; then
    flag "${path}" "PEM private key"
  fi
done < <(candidates)

if (( ${#offending[@]} > 0 )); then
  printf 'secret-scan: private key material in %d tracked file(s):\n' "${#offending[@]}" >&2
  while IFS= read -r path; do
    printf '  %s  (%s)\n' "${path}" "${offending["${path}"]}" >&2
  done < <(printf '%s\n' "${!offending[@]}" | sort)
  printf 'secret-scan: remove them from git (git rm --cached PATH), keep keys outside the repository, and rotate any that were pushed\n' >&2
  exit 1
fi
printf 'secret-scan: no private key material in the files git tracks\n'
