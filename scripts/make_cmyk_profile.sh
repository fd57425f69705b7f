#!/usr/bin/env bash
# Rebuild presses/FOGRA39L-l300.icc, the CMYK profile the built-in `offset` press converts to.
#
# Source: FOGRA39L.ti3, Fogra's characterisation data for offset on coated paper
# (ISO 12647-2:2004/Amd 1), as packaged by Debian's icc-profiles-free (zlib licence,
# see presses/FOGRA39L-l300.LICENSE.txt). ArgyllCMS's colprof builds a profile from the
# measurements with a 300 % total ink limit and a 95 % black limit, so converted images
# never ask the press for more ink than coated stock takes.
#
# Needs: apt-get install argyll icc-profiles-free   (about 25 s on one core)
# The header's creation date changes with each run; the colour tables do not.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
colprof -qm -kr -l300 -L95 \
  -D "FOGRA39L l300 (catalog, built with ArgyllCMS from icc-profiles-free data)" \
  -C "No copyright. Built from FOGRA39L.ti3 (zlib licence)" \
  -O "$work/FOGRA39L-l300.icc" "$work/FOGRA39L" >/dev/null
cp "$work/FOGRA39L-l300.icc" presses/FOGRA39L-l300.icc
echo "wrote presses/FOGRA39L-l300.icc ($(wc -c < presses/FOGRA39L-l300.icc) bytes)"
