#!/usr/bin/env bash
# Checks of infra/tests/secret-scan.sh on throwaway git repositories: keys generated here,
# at test time (none is ever committed to this repository), must be found and named; files
# that only mention a key header must pass. Run by `bin/platform test`; takes about a second.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCAN="${ROOT}/infra/tests/secret-scan.sh"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT
CHECKS_NAME=secret-scan-test
# shellcheck source=checks.sh
source "${ROOT}/infra/tests/checks.sh"

git_in() { # repository, git arguments
  local repo="$1"; shift
  git -C "${repo}" -c user.name=scan-test -c user.email=scan-test@localhost -c commit.gpgsign=false "$@"
}

new_repo() { # name; prints the path of an empty repository
  local repo="${WORK}/$1"
  mkdir -p "${repo}" && git init -q "${repo}" && printf '%s\n' "${repo}"
}

commit_all() { # repository
  git_in "$1" add -A && git_in "$1" commit -q -m "test content"
}

# Generated material, one of each flavour.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "${WORK}/pkcs8.pem" 2>/dev/null
openssl pkey -in "${WORK}/pkcs8.pem" -traditional -out "${WORK}/traditional.pem" 2>/dev/null
openssl pkey -in "${WORK}/pkcs8.pem" -aes256 -passout pass:scan-test -out "${WORK}/encrypted.pem" 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -C scan-test -f "${WORK}/id_ed25519"
openssl req -x509 -key "${WORK}/pkcs8.pem" -subj /CN=scan-test -days 1 -out "${WORK}/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "${WORK}/pkcs8.pem" -in "${WORK}/cert.pem" -passout pass:scan-test \
  -out "${WORK}/store.p12" 2>/dev/null

# scan_fails_naming REPOSITORY PATH: the scan exits non-zero and its report names PATH.
scan_fails_naming() {
  local output status
  output="$("${SCAN}" "$1" 2>&1)"
  status=$?
  [[ ${status} -eq 1 ]] && grep -qF -- "  $2  (" <<<"${output}" \
    || { printf '%s\n' "${output}" | sed 's/^/    /'; return 1; }
}

scan_passes() { # repository
  local output
  output="$("${SCAN}" "$1" 2>&1)" || { printf '%s\n' "${output}" | sed 's/^/    /'; return 1; }
}

finds_a_committed_key_file() {
  local repo; repo="$(new_repo key-file)"
  mkdir -p "${repo}/config/keys" && cp "${WORK}/pkcs8.pem" "${repo}/config/keys/dev-signing.pem"
  commit_all "${repo}" && scan_fails_naming "${repo}" config/keys/dev-signing.pem
}

finds_a_key_under_a_neutral_name() {
  local repo; repo="$(new_repo neutral-name)"
  cp "${WORK}/traditional.pem" "${repo}/notes.txt"
  cp "${WORK}/id_ed25519" "${repo}/deploy_id"
  commit_all "${repo}" && scan_fails_naming "${repo}" notes.txt && scan_fails_naming "${repo}" deploy_id
}

finds_an_encrypted_key_in_a_yaml_block() {
  local repo; repo="$(new_repo yaml)"
  { printf 'platform:\n  auth:\n    private-key: |\n'; sed 's/^/      /' "${WORK}/encrypted.pem"; } \
    >"${repo}/application.yml"
  commit_all "${repo}" && scan_fails_naming "${repo}" application.yml
}

finds_a_key_joined_on_one_line() {
  local repo; repo="$(new_repo one-line)"
  printf 'AUTH_JWT_PRIVATE_KEY=%s\n' "$(awk '{printf "%s\\n", $0}' "${WORK}/pkcs8.pem")" >"${repo}/.env.example"
  commit_all "${repo}" && scan_fails_naming "${repo}" .env.example
}

finds_a_staged_key_before_it_is_committed() {
  local repo; repo="$(new_repo staged)"
  printf 'readme\n' >"${repo}/README.md" && commit_all "${repo}"
  cp "${WORK}/pkcs8.pem" "${repo}/staged.txt" && git_in "${repo}" add staged.txt
  scan_fails_naming "${repo}" staged.txt
}

finds_a_pkcs12_store() {
  local repo; repo="$(new_repo pkcs12)"
  cp "${WORK}/store.p12" "${repo}/server.p12"
  commit_all "${repo}" && scan_fails_naming "${repo}" server.p12
}

passes_a_repository_that_only_mentions_keys() {
  local repo; repo="$(new_repo clean)"
  mkdir -p "${repo}/infra/tests" "${repo}/src"
  cp "${SCAN}" "${BASH_SOURCE[0]}" "${repo}/infra/tests/"
  # Code that writes a key, an example value, and a document naming the header.
  local header; header="$(head -n 1 "${WORK}/pkcs8.pem")"
  printf '        String pem = "%s\\n"\n                + encoded + "\\n";\n' "${header}" >"${repo}/src/Keys.java"
  printf 'AUTH_JWT_PRIVATE_KEY=%s\\nchange-me\\n\n' "${header}" >"${repo}/.env.example"
  printf 'Set the key as PEM; it starts with\n\n    %s\n    ...\n' "${header}" >"${repo}/README.md"
  # A public certificate under a neutral name is not a private key.
  cp "${WORK}/cert.pem" "${repo}/trust.crt"
  commit_all "${repo}" && scan_passes "${repo}"
}

check "a committed key file is found and named" finds_a_committed_key_file
check "keys under names that do not look like keys (EC, OpenSSH) are found" finds_a_key_under_a_neutral_name
check "an encrypted key in a YAML block is found" finds_an_encrypted_key_in_a_yaml_block
check "a key joined on one line with \\n is found" finds_a_key_joined_on_one_line
check "a key that is only staged is found" finds_a_staged_key_before_it_is_committed
check "a PKCS#12 store is found" finds_a_pkcs12_store
check "a repository that only mentions key headers passes (the scan itself included)" \
  passes_a_repository_that_only_mentions_keys

checks_summary
