#!/usr/bin/env python3
"""Python baseline models of the same departments gongkai renders in scripts/bench.sh.

    bench-models.py BASELINE_DIR VARIANTS_TSV OUT_DIR

`gongkai-synth example-variants N DIR` writes N variants of the example (a region and a
kind of department give the name, every amount is scaled by one factor) and lists them in
DIR/variants.tsv. The baseline's own model maker (BASELINE_DIR/make_model.py) makes its
synthetic departments the same way from the published example, drawing the region, the
kind and the factor from a random generator. Here its `synth` is handed a generator that
returns the variant's region, kind and factor instead, so each baseline model is the
example under the same name with the same factor as gongkai's input of the same number.
"""
import importlib.util
import json
import math
import sys
from pathlib import Path


class Fixed:
    """The calls make_model.synth makes of its generator, answered from one variant."""

    def __init__(self, region, kind, factor):
        self.picks = [region, kind]
        self.factor = factor

    def randrange(self, n):
        pick = self.picks.pop(0)
        assert 0 <= pick < n
        return pick

    def uniform(self, lo, hi):
        value = math.log(self.factor)
        assert lo - 1e-9 <= value <= hi + 1e-9
        return value


def main():
    baseline, tsv, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    spec = importlib.util.spec_from_file_location("make_model", baseline / "make_model.py")
    mm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mm)
    base, ok, total = mm.build_example()
    if ok != total:
        sys.exit(f"baseline model misses {total - ok} of {total} seed rows")
    regions = [r for r, _ in mm.REGIONS]
    out.mkdir(parents=True, exist_ok=True)
    rows = tsv.read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        file, region, kind, name, factor = row.split("\t")
        m = mm.synth(base, Fixed(regions.index(region), mm.KINDS.index(kind), float(factor)))
        assert m["department"] == name, (m["department"], name)
        (out / (Path(file).stem + ".json")).write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    print(f"{out}: {len(rows)} baseline models of the same departments")


if __name__ == "__main__":
    main()
