#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, if any is missing:
# WeasyPrint's Pango, serif fonts for the chair's summary, poppler-utils (pdftotext,
# pdftoppm) and Chromium for the browser tests. Does nothing when all are present.
set -euo pipefail

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b shared-mime-info fonts-dejavu-core
          fonts-liberation fonts-noto-core poppler-utils chromium)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
