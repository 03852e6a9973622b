#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the format-2 seed corpus of the run-file fuzzer: small, real run files made by
# grapevine-cli, one for each part of the format (detail and none, faults, several
# rumours, anti-entropy's keys, stop rules, topologies, seeds past 2^53, every
# protocol, interventions, views by item).  Small on purpose: libFuzzer mutates small
# inputs far faster.  Each file is named f2-*.json.
#
# The other files in corpus/ are not made here, and are never remade:
#  - the format-1 files (rumor-4.json … max-rounds-3.json, without the f2- prefix) were
#    made by this script under Grapevine 0.1.0: they are format-1 inputs for the fuzzer,
#    as tests/regression/format-1 is for the tests;
#  - interventions-6.json came from the window's path in an early build of 0.1.0 (its
#    residue rule differed; test-regression checks that it verifies with a note);
#  - resaved-*.json are format-1 files of corpus/ loaded and saved again by this version
#    (format 2 with "recorded_format": 1, which gv_run_save() writes and no option of
#    grapevine-cli makes);
#  - regress-*.json are inputs on which the fuzzer once found a bug.
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
  "$CLI" simulate "$@" --output "$OUT/f2-$name.json" > /dev/null
}

make rumor-4          --nodes 4 --seed 1
make push-6-loss      --nodes 6 --exchange push --loss 0.2 --seed 2
make pull-5-crash     --nodes 5 --exchange pull --crash 0.1 --recover 0.5 --max-rounds 12 --seed 3
make forget-6         --nodes 6 --crash 0.2 --recover 0.5 --lose-state --max-rounds 8 --seed 4
make two-rumors-6     --nodes 6 --rumor 0@0 --rumor 3@2 --seed 5
make late-news-6      --nodes 6 --rumor 2@2 --rumor 4@3 --seed 20
make feedback-8       --nodes 8 --exchange push --stop feedback-counter:1 --seed 6
make ttl-ring-8       --nodes 8 --topology ring:2 --stop ttl:3 --seed 7
make coin-grid-9      --nodes 9 --topology grid --stop blind-coin:2 --max-rounds 10 --seed 8
make ae-5-keys        --nodes 5 --protocol anti-entropy --keys 2 --update 0@0:0 --update 2@1:1 --seed 9
make ae-6-faults      --nodes 6 --protocol anti-entropy --crash 0.1 --recover 0.3 --max-rounds 6 --seed 10
make no-detail-5      --nodes 5 --detail-cap 2 --crash 0.2 --recover 0.5 --max-rounds 10 --seed 11
make big-seed-4       --nodes 4 --seed 18446744073709551615
make fanout-2-ba-7    --nodes 7 --topology ba:2 --fanout 2 --seed 12
make max-rounds-3     --nodes 30 --max-rounds 3 --detail-cap 0 --seed 13
# Spellings of 0.1.0, which scripts still use.
make old-spelling-6   --nodes 6 --mode rumor --protocol pull --seed 14
# The baselines.
make flood-ring-6     --nodes 6 --protocol flood --topology ring:2 --crash 0.1 --recover 0.5 --seed 15
make central-5        --nodes 5 --protocol central --fanout 2 --seed 16
make tree-7           --nodes 7 --protocol tree --fanout 2 --crash 0.1 --seed 17
# Interventions, as the window makes them.
make events-6         --nodes 6 --event 0:crash:2 --event 2:faults:loss=0.25,crash=0.1,recover=0.5 \
                      --event 2:inject:4 --event 4:revive:2 --max-rounds 7 --seed 18
make ae-events-5      --nodes 5 --protocol anti-entropy --keys 3 --event 1:inject:3:2 \
                      --event 2:crash:0 --seed 19
