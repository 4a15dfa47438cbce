#!/usr/bin/env bash
# Debian packages the tests need; skipped when already there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
fc-list 2>/dev/null | grep -qi "dejavu" || need+=(fonts-dejavu-core)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || need+=(tesseract-ocr-vie)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# Calc: the workbook tests open `cancu export --xlsx` in LibreOffice; Writer alone cannot read a spreadsheet
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need+=(libreoffice-calc-nogui)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-system: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "install-system: $(tesseract --version 2>&1 | head -1), $(soffice --version 2>/dev/null | head -1)"
echo "install-system: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), $(java -version 2>&1 | head -1)"
