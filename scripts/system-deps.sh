#!/usr/bin/env bash
# System libraries the document renderers need: WeasyPrint's pango/harfbuzz stack, a font with Swedish
# glyphs, and poppler-utils (pdftoppm, pdftotext) for looking at and testing the PDFs. Installs only what is missing.
set -euo pipefail

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps.sh: no apt-get here; install pango, harfbuzz, a font with å/ä/ö (DejaVu or Liberation)" \
         "and poppler (pdftoppm, pdftotext) with your package manager." >&2
    exit 0
fi

packages=(
    libpango-1.0-0
    libpangoft2-1.0-0
    libharfbuzz0b
    libharfbuzz-subset0
    libfontconfig1
    fonts-dejavu-core
    fonts-liberation
    poppler-utils
)

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
