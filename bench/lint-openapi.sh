#!/usr/bin/env bash
# Lints the open data API's OpenAPI document with Redocly's recommended rules, as a consumer would.
#   bench/lint-openapi.sh                 the document OpenApiContractTest wrote (runs it if absent)
#   bench/lint-openapi.sh FILE-OR-URL     any other copy, e.g. https://tejido.example.org/api/v1/openapi.json
# Needs Node.js and the npm registry (npx fetches @redocly/cli); the test suite itself does not.
set -euo pipefail
cd "$(dirname "$0")/.."
document="${1:-target/openapi/openapi.json}"
if [[ $# -eq 0 && ! -f "$document" ]]; then
  ./mvnw -B -q test -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false
fi
exec npx --yes @redocly/cli@latest lint --format=stylish "$document"
