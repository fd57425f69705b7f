#!/usr/bin/env bash
# Rebuild the CMYK output profiles the built-in presses convert to:
#   presses/FOGRA39L-l300.icc  offset and the presses based on it: offset on coated paper, 300 % total ink
#   presses/FOGRA29L-l240.icc  x1a: offset on uncoated white paper, 240 % total ink
#
# Source: Fogra's characterisation data as packaged by Debian's icc-profiles-free (zlib licence, see
# presses/<name>.LICENSE.txt): FOGRA39L.ti3, offset on coated paper (ISO 12647-2:2004/Amd 1, paper type 1
# or 2), and FOGRA29L.ti3, offset on white uncoated paper (ISO 12647-2:2004, paper type 4). ArgyllCMS's
# colprof builds a profile from each with a total ink limit (-l) and a black ink limit (-L), so converted
# images never ask the press for more ink than the stock takes. Both use the same quality (-qm) and black
# generation (-kr, K ramps) and the same 95 % black limit; only the data and the total ink differ.
#
# Usage: scripts/make_cmyk_profile.sh [NAME...]   (default: every profile below)
# Needs: apt-get install argyll icc-profiles-free   (about 25 s per profile on one core)
# The header's creation date changes with each run; the colour tables do not.
set -euo pipefail
cd "$(dirname "$0")/.."

# name: source data (a .ti3 in /usr/share/color/icc), total ink %, black ink %, what it is for
declare -A DATA=([FOGRA39L-l300]=FOGRA39L [FOGRA29L-l240]=FOGRA29L)
declare -A TOTAL=([FOGRA39L-l300]=300 [FOGRA29L-l240]=240)
declare -A BLACK=([FOGRA39L-l300]=95 [FOGRA29L-l240]=95)

build() {
  local name=$1 data=${DATA[$1]} work
  work=$(mktemp -d)
  # shellcheck disable=SC2064  # expand now: the folder of this call
  trap "rm -rf '$work'" RETURN
  cp "/usr/share/color/icc/$data.ti3" "$work/"
  colprof -qm -kr "-l${TOTAL[$name]}" "-L${BLACK[$name]}" \
    -D "$data l${TOTAL[$name]} (catalog, built with ArgyllCMS from icc-profiles-free data)" \
    -C "No copyright. Built from $data.ti3 (zlib licence)" \
    -O "$work/$name.icc" "$work/$data" >/dev/null
  cp "$work/$name.icc" "presses/$name.icc"
  echo "wrote presses/$name.icc ($(wc -c < "presses/$name.icc") bytes)"
}

names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(FOGRA39L-l300 FOGRA29L-l240)
for name in "${names[@]}"; do
  [[ -n ${DATA[$name]:-} ]] || { echo "unknown profile: $name (known: ${!DATA[*]})" >&2; exit 2; }
  build "$name"
done
