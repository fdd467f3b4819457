"""Event coding on the PETRARCH-2 unit-test records: CAMEO root/full-code and PLOVER accuracy.

Run from the repository root::

    .venv/bin/python benchmarks/petrarch_events.py [--records PATH] [--show N]

Reads ``../shared/eval-dev/petrarch/PETR.UnitTest.records.xml`` (284 records; each has
expected ``<EventCoding sourcecode= targetcode= eventcode=>`` elements or
``noevents="True"``) and loads the records' actor and agent dictionaries
(``dictionaries/PETR.Validate.{actors,agents}.txt``) into the `ActorRegistry`. The records'
verb dictionary (``PETR.Validate.verbs.txt``) is *not* loaded: the coder uses our own
lexicon only. The figures printed:

- per expected coding (records with events): a hit when some coded event of the record
  has the expected source and target actor codes; then whether its root, full code and
  PLOVER type agree. Root accuracy is also given ignoring actors (some event of the
  record has the expected root), since most of these records test actor coding.
- false events: the share of ``noevents`` records where we code any event.
- the same root accuracy with the expected code read as WEIS (``WEIS_TO_CAMEO``), and
  read as either.
- a confusion table of expected root × coded root (events with matching actors).
- the relations of missed records: what our lexicon would need.

The records' expected codes mix CAMEO with the test suite's own codes (its verb file is
mostly WEIS-coded, its README says; e.g. ``90``, ``223``, ``224``): codes outside CAMEO are
reported separately and count as misses in the full-code figure.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

#: WEIS root (McClelland 1976, the codes the test suite's verb file mostly uses) → the
#: CAMEO roots of the same kind of act; our own reading of the two codebooks' categories.
WEIS_TO_CAMEO: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "01": "08",  # yield
        "02": "01",  # comment
        "03": "04",  # consult
        "04": "05",  # approve (praise, endorse)
        "05": "03",  # promise
        "06": "05 07 08",  # grant (apologise, invite, asylum, recognise, release)
        "07": "07",  # reward (economic, military aid)
        "08": "03 05",  # agree (substantive agreement, agree to future action)
        "09": "02",  # request
        "10": "02 03",  # propose (offer proposal, urge action)
        "11": "12",  # reject
        "12": "11",  # accuse (charge, criticise, denounce)
        "13": "11 14",  # protest
        "14": "01",  # deny
        "15": "10",  # demand
        "16": "13",  # warn
        "17": "13",  # threaten
        "18": "14 15",  # demonstrate (non-military, armed force mobilisation)
        "19": "16",  # reduce relationship
        "20": "16 17",  # expel
        "21": "17",  # seize (positions, possessions; detain, arrest)
        "22": "18 19 20",  # force
    }.items()
}

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval-dev" / "petrarch"

log = logging.getLogger("petrarch_events")


@dataclass(frozen=True)
class Record:
    id: str
    date: dt.date | None
    codings: tuple[tuple[str, str, str], ...]
    noevents: bool
    text: str


_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_CODING = re.compile(r'<EventCoding\s+sourcecode="([^"]*)"\s+targetcode="([^"]*)"\s+eventcode="([^"]*)"')


def read_records(path: Path) -> list[Record]:
    """The records of the unit-test file (regular expressions: some attributes are malformed)."""
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    records = []
    for attrs, body in _SENTENCE.findall(text):
        rid = re.search(r'id="([^"]*)"', attrs)
        date = re.search(r'date="(\d{8})"', attrs)
        sentence = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if sentence is None:
            continue
        records.append(
            Record(
                id=rid.group(1) if rid else "?",
                date=dt.datetime.strptime(date.group(1), "%Y%m%d").date() if date else None,
                codings=tuple(_CODING.findall(body)),
                noevents=bool(re.search(r'noevents\s*=\s*"True"', body)),
                text=" ".join(sentence.group(1).split()),
            )
        )
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, default=SHARED / "PETR.UnitTest.records.xml")
    parser.add_argument("--show", type=int, default=0, help="print N missed records")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not args.records.exists():
        print(f"records not found: {args.records} (../shared is absent)")
        return 2

    from kg.actors import ActorRegistry, resolve_actors
    from kg.events import code_events, is_cameo_code, plover_of
    from kg.nlp import load_pipeline
    from kg.types import Document

    dictionaries = args.records.parent / "dictionaries"
    registry = ActorRegistry(
        dictionaries=[dictionaries / "PETR.Validate.actors.txt", dictionaries / "PETR.Validate.agents.txt"]
    )
    nlp = load_pipeline()
    records = read_records(args.records)

    n_codings = hits = root_ok = code_ok = plover_n = plover_ok = root_any = weis_ok = either_ok = 0
    noevent_records = false_event_records = 0
    non_cameo = collections.Counter()
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    missed_relations: collections.Counter[str] = collections.Counter()
    missed: list[tuple[Record, list]] = []
    for record in records:
        document = Document(id=record.id, text=record.text, date=record.date)
        doc = nlp(record.text)
        res = resolve_actors(doc, document, registry)
        coded = []
        for triple in doc._.triples:
            for event in code_events(triple, res, date=record.date):
                src, tgt = registry.get(event.source), registry.get(event.target)
                coded.append((src.code if src else "", tgt.code if tgt else "", event.cameo, event.plover))
        if record.noevents and not record.codings:
            noevent_records += 1
            false_event_records += bool(coded)
            continue
        if not record.codings:
            continue
        if not coded:
            missed_relations.update(t.relation for t in doc._.triples)
        for source, target, code in record.codings:
            n_codings += 1
            if not is_cameo_code(code):
                non_cameo[code] += 1
            root_any += any(c[2][:2] == code[:2] for c in coded)
            same_actors = [c for c in coded if c[0] == source and c[1] == target]
            if not same_actors:
                missed.append((record, coded))
                continue
            hits += 1
            best = next((c for c in same_actors if c[2] == code), None) or next(
                (c for c in same_actors if c[2][:2] == code[:2]), same_actors[0]
            )
            best_weis = next((c for c in same_actors if c[2][:2] in WEIS_TO_CAMEO.get(code[:2], ())), best)
            root_ok += best[2][:2] == code[:2]
            weis_ok += best_weis[2][:2] in WEIS_TO_CAMEO.get(code[:2], ())
            either_ok += best[2][:2] == code[:2] or best_weis[2][:2] in WEIS_TO_CAMEO.get(code[:2], ())
            code_ok += best[2] == code
            confusion[(code[:2], best[2][:2])] += 1
            if is_cameo_code(code) and plover_of(code)[0]:
                plover_n += 1
                plover_ok += best[3] == plover_of(code)[0]

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f} ({a}/{b})" if b else "n/a"

    print(f"records: {len(records)}; with expected events: {sum(bool(r.codings) for r in records)}; "
          f"expected codings: {n_codings}; noevents records: {noevent_records}")
    print(f"expected codes outside CAMEO: {sum(non_cameo.values())} codings "
          f"({', '.join(f'{c}×{n}' for c, n in non_cameo.most_common(8))}, ...)")
    print(f"actor pair found (source and target codes both right):  {ratio(hits, n_codings)}")
    print(f"CAMEO root accuracy, actors ignored:                    {ratio(root_any, n_codings)}")
    print(f"CAMEO root accuracy, pair found:                        {ratio(root_ok, hits)}")
    print(f"CAMEO root accuracy, all expected codings:              {ratio(root_ok, n_codings)}")
    print(f"root accuracy, expected read as WEIS → CAMEO, pair found: {ratio(weis_ok, hits)}")
    print(f"root accuracy, expected as CAMEO or WEIS, pair found:    {ratio(either_ok, hits)}")
    print(f"CAMEO full-code accuracy, pair found:                   {ratio(code_ok, hits)}")
    print(f"PLOVER type accuracy, pair found, CAMEO-coded expected: {ratio(plover_ok, plover_n)}")
    print(f"false events on noevents records:                       {ratio(false_event_records, noevent_records)}")
    print("\nconfusion (expected root → coded root, pair found; top 15):")
    for (gold, got), n in confusion.most_common(15):
        print(f"  {gold} → {got}: {n}")
    print("\nrelations in records where we coded nothing (what the lexicon would need; top 20):")
    print("  " + ", ".join(f"{rel}×{n}" for rel, n in missed_relations.most_common(20)))
    for record, coded in missed[: args.show]:
        print(f"\n{record.id}: {record.text}\n  expected {record.codings}\n  coded    {coded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
