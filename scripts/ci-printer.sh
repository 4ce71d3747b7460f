#!/usr/bin/env bash
# CUPS with the cups-pdf virtual printer, for tests/test_print_cups.py (marker `printer`).
# Debian, as root, non-interactive, no systemd: cupsd is started directly. Idempotent.
# For .ci/run, before ./dev test.
export DEBIAN_FRONTEND=noninteractive
if ! command -v cupsd >/dev/null || [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
  apt-get update -qq
  apt-get install -y -qq cups cups-client printer-driver-cups-pdf >/dev/null
fi
lpstat -r 2>/dev/null | grep -q "is running" || cupsd   # cupsd forks into the background
for _ in $(seq 1 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.2; done
lpstat -v PDF >/dev/null 2>&1 \
  || lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
lpstat -v PDF
