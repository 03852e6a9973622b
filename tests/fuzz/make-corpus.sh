#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the seed corpus of the run-file fuzzer: small, real run files made by
# grapevine-cli, one for each part of the format (detail and none, faults, several
# rumours, anti-entropy, stop rules, topologies, seeds past 2^53).  Small on purpose:
# libFuzzer mutates small inputs far faster.
#
# Two files in corpus/ are not made here: interventions-6.json came from the window's
# path (GvSimulator with a crash, new faults, a rumour and a revival between rounds,
# which grapevine-cli cannot make), and regress-*.json are inputs on which the fuzzer
# once found a bug.
#
#   tests/fuzz/make-corpus.sh [path/to/grapevine-cli]

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLI="${1:-$HERE/../../_build/src/cli/grapevine-cli}"
OUT="$HERE/corpus"

mkdir -p "$OUT"

make() {
  local name="$1"
  shift
  "$CLI" simulate "$@" --output "$OUT/$name.json" > /dev/null
}

make rumor-4         --nodes 4 --seed 1
make push-6-loss     --nodes 6 --protocol push --loss 0.2 --seed 2
make pull-5-crash    --nodes 5 --protocol pull --crash 0.1 --recover 0.5 --max-rounds 12 --seed 3
make forget-6        --nodes 6 --crash 0.2 --recover 0.5 --lose-state --max-rounds 8 --seed 4
make two-rumors-6    --nodes 6 --rumor 0@0 --rumor 3@2 --seed 5
make feedback-8      --nodes 8 --protocol push --stop feedback-counter:1 --seed 6
make ttl-ring-8      --nodes 8 --topology ring:2 --stop ttl:3 --seed 7
make coin-grid-9     --nodes 9 --topology grid --stop blind-coin:2 --max-rounds 10 --seed 8
make ae-5-keys       --nodes 5 --mode anti-entropy --keys 2 --update 0@0:0 --update 2@1:1 --seed 9
make ae-6-faults     --nodes 6 --mode anti-entropy --crash 0.1 --recover 0.3 --max-rounds 6 --seed 10
make no-detail-5     --nodes 5 --detail-cap 2 --crash 0.2 --recover 0.5 --max-rounds 10 --seed 11
make big-seed-4      --nodes 4 --seed 18446744073709551615
make fanout-2-ba-7   --nodes 7 --topology ba:2 --fanout 2 --seed 12
make max-rounds-3    --nodes 30 --max-rounds 3 --detail-cap 0 --seed 13
