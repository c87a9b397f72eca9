#!/usr/bin/env bash
# Install the system packages the tests use (Debian): Chromium for browser tests, PostgreSQL server
# binaries for data-layer tests, nginx for the replicas test, Node.js for the test OIDC provider (then its locked npm packages).
# Does nothing when they are already there.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v npm >/dev/null || need+=(nodejs npm)
# tests/test_deck.py renders the brief's deck as a recipient would: LibreOffice, the fonts it substitutes for
# Calibri (Carlito) and for symbols (DejaVu), and pdftoppm for the page images.
command -v soffice >/dev/null || need+=(libreoffice-impress)
[ -f /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || need+=(fonts-crosextra-carlito)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing system packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The OIDC provider for tests/test_oidc.py (oidc-provider needs Node.js >= 20.19), at the versions in its lock file.
oidc="$(dirname "$0")/../tests/support/oidc_provider"
if ! cmp -s "$oidc/package-lock.json" "$oidc/node_modules/.installed-lock.json"; then
  npm ci --prefix "$oidc" --no-audit --no-fund --loglevel=error
  cp "$oidc/package-lock.json" "$oidc/node_modules/.installed-lock.json"
fi
