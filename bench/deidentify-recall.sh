#!/usr/bin/env bash
# Scores `tejido deidentify propose` on MEDDOCAN's dev split (brat standoff) with relaxed span
# overlap, beside a baseline that marks every capitalised word, then times proposing for a 20 KB
# source and loading the model:
#   bench/deidentify-recall.sh [DEV_DIR]      # default ../shared/corpus/deid-es/dev
# Needs python3 for the scoring. The proposals (which hold the corpus's names) stay in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
dev="${1:-../shared/corpus/deid-es/dev}"
if [[ ! -d "$dev" ]]; then
  echo "No MEDDOCAN dev split at $dev: pass its folder as the first argument." >&2
  exit 2
fi
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test

out=target/deidentify-recall
mkdir -p "$out"
start=$(date +%s.%N)
java -jar target/tejido.jar deidentify propose "$dev" > "$out/proposals.jsonl"
end=$(date +%s.%N)
echo "deidentify propose over $(ls "$dev"/*.txt | wc -l) files: $(echo "$end - $start" | bc) s (JVM start and model load included)"

python3 - "$dev" "$out/proposals.jsonl" <<'PY'
import json, os, re, sys
from collections import defaultdict

dev, proposals_file = sys.argv[1], sys.argv[2]
CATEGORIES = {
    "names (NOMBRE_*)": lambda k: k.startswith("NOMBRE_"),
    "contacts and ids": lambda k: k in ("CORREO_ELECTRONICO", "NUMERO_TELEFONO", "NUMERO_FAX")
    or k.startswith("ID_"),
    "streets and territories (CALLE, TERRITORIO)": lambda k: k in ("CALLE", "TERRITORIO"),
}
TARGETS = {"names (NOMBRE_*)": 0.97, "contacts and ids": 0.95,
           "streets and territories (CALLE, TERRITORIO)": 0.90}

gold = defaultdict(list)
texts = {}
for name in sorted(os.listdir(dev)):
    if not name.endswith(".ann"):
        continue
    base = name[:-4]
    texts[base] = open(os.path.join(dev, base + ".txt"), encoding="utf-8").read()
    for line in open(os.path.join(dev, name), encoding="utf-8"):
        if not line.startswith("T"):
            continue
        kind, start, end = line.split("\t")[1].split(" ")
        gold[base].append((kind, int(start), int(end)))

proposed = defaultdict(list)
for line in open(proposals_file, encoding="utf-8"):
    p = json.loads(line)
    base = os.path.basename(p["file"])[:-4]
    proposed[base].append((p["start"], p["end"], p["confidence"], p["rule"]))

# The baseline: every capitalised word (Python's \w and str.isupper follow Unicode, as Java does).
baseline = defaultdict(list)
for base, text in texts.items():
    for m in re.finditer(r"\w+", text):
        if m.group()[0].isupper():
            baseline[base].append((m.start(), m.end(), 1.0, "baseline"))

def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1

def score(spans, min_conf=0.0):
    found = {c: [0, 0] for c in CATEGORIES}
    right = total = 0
    for base in texts:
        ps = [p for p in spans[base] if p[2] >= min_conf]
        for kind, s, e in gold[base]:
            for c, belongs in CATEGORIES.items():
                if belongs(kind):
                    found[c][1] += 1
                    if any(overlaps(s, e, p[0], p[1]) for p in ps):
                        found[c][0] += 1
        for p in ps:
            total += 1
            if any(overlaps(s, e, p[0], p[1]) for _, s, e in gold[base]):
                right += 1
    return {c: f[0] / f[1] for c, f in found.items()}, right / max(total, 1), total

rows = [("deidentify propose, all proposals", score(proposed)),
        ("deidentify propose, confidence >= 0.5", score(proposed, 0.5)),
        ("deidentify propose, confidence >= 0.8", score(proposed, 0.8)),
        ("baseline: every capitalised word", score(baseline))]
cats = list(CATEGORIES)
print()
print("| MEDDOCAN dev, relaxed overlap | " + " | ".join("recall " + c for c in cats)
      + " | precision | proposals |")
print("| --- |" + " --- |" * (len(cats) + 2))
print("| target | " + " | ".join(f"≥ {TARGETS[c]:.2f}" for c in cats) + " | ≥ 0.80 | |")
for label, (recall, precision, total) in rows:
    print(f"| {label} | " + " | ".join(f"{recall[c]:.3f}" for c in cats)
          + f" | {precision:.3f} | {total} |")
by_rule = defaultdict(lambda: [0, 0])
for base in texts:
    for p in proposed[base]:
        by_rule[p[3]][1] += 1
        if any(overlaps(s, e, p[0], p[1]) for _, s, e in gold[base]):
            by_rule[p[3]][0] += 1
print()
print("| rule | proposals | precision |")
print("| --- | --- | --- |")
for rule, (r, t) in sorted(by_rule.items(), key=lambda x: -x[1][1]):
    print(f"| {rule} | {t} | {r / t:.3f} |")
PY

echo
java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.tejido.deidentification.bench.RecogniserTiming "$dev"
