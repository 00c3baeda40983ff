#!/usr/bin/env python3
"""Generate crates/lexicon/data/cameo_event_codes.tsv, dyad's CAMEO event-code table.

Inputs (read-only reference data, never copied into the repository):

  <shared>/cameo/CAMEO.eventcodes.txt      GDELT lookup: code -> CAMEO description
  <shared>/cameo/CAMEO.goldsteinscale.txt  GDELT lookup: code -> Goldstein value
  <shared>/cameo/CAMEO.quadclass.txt       root code -> GDELT QuadClass
  <shared>/plover/CAMEO2PLOVER-2021.txt    Schrodt's CAMEO -> PLOVER crosswalk (draft 0.8)

Usage:  python3 crates/lexicon/scripts/make_cameo_table.py [--shared DIR] [--out FILE] [--check]

With --check the script regenerates the table in memory and exits non-zero if the
committed file differs (useful in CI).  The output is deterministic.

Every decision taken where the sources disagree or are silent is listed in
DECISIONS below and copied verbatim into the header comment of the output.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "data" / "cameo_event_codes.tsv"
DEFAULT_SHARED = Path("/work/shared/data")

# --------------------------------------------------------------------------------------
# Name corrections.  Keys are codes, values the name we publish.  Everything else is the
# GDELT description with whitespace collapsed and root names put into sentence case.
# --------------------------------------------------------------------------------------

# GDELT's lookup labels 101-108 follow an older CAMEO draft and are shifted against the
# CAMEO 1.1b3 codebook; the codes themselves (and every CAMEO coder: PETRARCH verb
# dictionaries put "demand talks/meeting" in 106, "demand withdrawal" in 1056) follow the
# codebook, as does the PLOVER crosswalk.  We publish the codebook descriptions.
CODEBOOK_DEMAND_NAMES = {
    "101": "Demand material cooperation, not specified below",
    "102": "Demand diplomatic cooperation, such as policy support",
    "103": "Demand material aid, not specified below",
    "105": "Demand that target yields, not specified below",
    "106": "Demand meeting, negotiation",
    "107": "Demand settling of dispute",
    "108": "Demand mediation",
}

# Typos / encoding damage / truncations in the GDELT lookup.
TYPO_FIXES = {
    "031": "Express intent to engage in material cooperation, not specified below",
    "033": "Express intent to provide material aid, not specified below",  # "matyerial"
    "0355": "Express intent to allow international involvement (non-mediation)",  # "intent allow"
    "044": "Meet at a 'third' location",  # mojibake "Meet at a ÒhirdÓlocation"
    "083": "Accede to requests or demands for political reform, not specified below",
    "086": "Allow international involvement, not specified below",
    "183": "Conduct suicide, car, or other non-military bombing, not specified below",  # "not spec below"
    "2041": "Use chemical, biological, or radiological weapons",  # "radiologicalweapons"
}

# Crosswalk modes that are not PLOVER modes of the given event (checked against the PLOVER
# 0.8 manual's event/mode list); we leave plover_mode empty for these.
DROPPED_MODES = {
    "085": "ease",  # the crosswalk itself notes (at 0813) that "ease" is no longer a mode
    "1321": "political",  # not a THREATEN mode
    "1712": "seize",  # "seize" is a COERCE mode, the row's event is ASSAULT
    "175": "pro_autocracy",  # a context value shifted into the mode slot
}

# CAMEO 02 APPEAL has the same sub-structure as 10 DEMAND (021x <-> 101x, ..., 028 <-> 108).
# PLOVER REQUEST covers both appeals and demands, so 02x rows take the crosswalk's 10x row.
APPEAL_TO_DEMAND = {"02": "10"}

# CAMEO 01 MAKE PUBLIC STATEMENT has no PLOVER counterpart.  dyad assigns a best-fit type so
# that every code has one (no mode).  Consumers wanting strict PLOVER drop root 01.
STATEMENT_PLOVER = {
    "01": "SUPPORT",
    "010": "SUPPORT",
    "011": "REJECT",  # Decline comment
    "012": "ACCUSE",  # Make pessimistic comment
    "013": "SUPPORT",  # Make optimistic comment
    "014": "AGREE",  # Consider policy option
    "015": "CONCEDE",  # Acknowledge or claim responsibility
    "016": "REJECT",  # Deny responsibility
    "017": "SUPPORT",  # Engage in symbolic act
    "018": "SUPPORT",  # Make empathetic comment
    "019": "AGREE",  # Express accord
}

DECISIONS = """\
Decisions where the sources disagree or are silent (see scripts/make_cameo_table.py):
 1. Code set = GDELT CAMEO.goldsteinscale.txt (311 codes) = CAMEO.eventcodes.txt (310)
    plus 106.  In CAMEO.eventcodes.txt the 106 row is fused into the 1056 row
    ("...military engagement106:[-5.0] Demand withdrawal"); we split it.
 2. Names 101, 102, 103, 105, 106, 107, 108: GDELT's labels ("Demand information,
    investigation", "Demand policy support", "Demand aid, protection, or peacekeeping",
    "Demand mediation", "Demand withdrawal", "Demand ceasefire", "Demand meeting,
    negotiation") come from an older CAMEO draft and are shifted against the CAMEO 1.1b3
    codebook, which coders (PETRARCH dictionaries) and the PLOVER crosswalk follow.  We use
    the codebook descriptions.  All seven have Goldstein -5.0 in GDELT, so no value changes.
 3. Names: whitespace collapsed, root names in sentence case, and GDELT typos fixed in
    031, 033, 0355, 044, 083, 086, 183, 2041 (spelling, encoding damage, "not spec below").
 4. Crosswalk codes 1213 and 1214 are not CAMEO 1.1b3 / GDELT codes and are left out.
 5. Root PLOVER type = the crosswalk type of the root's "not specified" child (xx0).  This
    only matters for root 08, which the crosswalk lists twice (CONCEDE and RETREAT): 08 and
    080 are CONCEDE; 084-087 and their children are RETREAT as the crosswalk says.
 6. Codes 02, 020-028 (APPEAL) are absent from the crosswalk: PLOVER REQUEST covers appeals
    and demands, so each takes REQUEST and the mode of its DEMAND twin (021x -> 101x, ...,
    028 -> 108).
 7. Codes 01, 010-019 (MAKE PUBLIC STATEMENT) have no PLOVER counterpart; dyad assigns a
    best-fit type without mode: 01, 010, 013, 017, 018 SUPPORT; 011, 016 REJECT; 012 ACCUSE;
    014, 019 AGREE; 015 CONCEDE.  For strict PLOVER output drop root 01.
 8. Crosswalk modes that are not PLOVER 0.8 modes of the row's event are dropped (mode left
    empty): 085 "ease", 1321 "political", 1712 "seize", 175 "pro_autocracy".
    Crosswalk context values (third field) are not carried."""


def read_lines(path: Path) -> list[str]:
    """Read a reference file as UTF-8, strip CR, drop the header line."""
    if not path.is_file():
        sys.exit(f"error: reference file not found: {path}")
    lines = path.read_text(encoding="utf-8").replace("\r", "").split("\n")
    return [line for line in lines[1:] if line.strip()]


def read_event_names(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    fused = re.compile(r"^(?P<name>.*?\D)(?P<code>\d{2,4}):\[(?P<gs>-?\d+(?:\.\d+)?)\]\s*(?P<rest>.+)$")
    for line in read_lines(path):
        code, name = line.split("\t")
        m = fused.match(name)
        if m:  # "1056<TAB>Demand de-escalation ...engagement106:[-5.0] Demand withdrawal"
            add(names, code, m.group("name"))
            add(names, m.group("code"), m.group("rest"))
        else:
            add(names, code, name)
    return names


def add(d: dict[str, str], key: str, value: str) -> None:
    if key in d:
        sys.exit(f"error: duplicate code {key}")
    d[key] = value


def read_goldstein(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in read_lines(path):
        code, value = line.split("\t")
        v = float(value)
        if not -10.0 <= v <= 10.0:
            sys.exit(f"error: Goldstein {value} for {code} out of range")
        add(values, code, f"{v:.1f}")
    return values


def read_quadclass(path: Path) -> dict[str, str]:
    quad: dict[str, str] = {}
    for line in read_lines(path):
        root, qc, _label = line.split("\t")
        add(quad, root, qc)
    return quad


def read_crosswalk(path: Path) -> dict[str, list[tuple[str, str]]]:
    """code -> list of (event, mode); roots may appear more than once (08)."""
    if not path.is_file():
        sys.exit(f"error: reference file not found: {path}")
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").replace("\r", "").split("\n"):
        body = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", body)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        event = fields[0]
        mode = fields[1] if len(fields) > 1 else ""
        entry = (event, mode)
        if entry not in rows.setdefault(m.group(1), []):
            rows[m.group(1)].append(entry)
    return rows


def clean_name(code: str, raw: str) -> str:
    if code in CODEBOOK_DEMAND_NAMES:
        return CODEBOOK_DEMAND_NAMES[code]
    if code in TYPO_FIXES:
        return TYPO_FIXES[code]
    name = " ".join(raw.split())
    if name.isupper():
        name = name[0] + name[1:].lower()
    if not name.isascii():
        sys.exit(f"error: non-ASCII name for {code}: {name!r}")
    return name


def plover_for(code: str, crosswalk: dict[str, list[tuple[str, str]]]) -> tuple[str, str]:
    root = code[:2]
    if root == "01":
        return STATEMENT_PLOVER[code], ""
    if root in APPEAL_TO_DEMAND:
        twin = APPEAL_TO_DEMAND[root] + code[2:]
        _event, mode = plover_for(twin, crosswalk)
        return "REQUEST", mode
    if len(code) == 2:  # root: type of the xx0 row
        return crosswalk[code + "0"][0][0], ""
    entries = crosswalk[code]
    if len(entries) != 1:
        sys.exit(f"error: crosswalk has conflicting rows for {code}: {entries}")
    event, mode = entries[0]
    if code in DROPPED_MODES:
        if mode != DROPPED_MODES[code]:
            sys.exit(f"error: expected crosswalk mode {DROPPED_MODES[code]!r} for {code}, got {mode!r}")
        mode = ""
    return event, mode


def sort_key(code: str) -> tuple[str, int, str]:
    # root, then its 3-digit codes each followed by their 4-digit children
    return (code[:3] if len(code) > 2 else code + "/", len(code), code)


def build(shared: Path) -> str:
    names = read_event_names(shared / "cameo" / "CAMEO.eventcodes.txt")
    goldstein = read_goldstein(shared / "cameo" / "CAMEO.goldsteinscale.txt")
    quad = read_quadclass(shared / "cameo" / "CAMEO.quadclass.txt")
    crosswalk = read_crosswalk(shared / "plover" / "CAMEO2PLOVER-2021.txt")

    if set(names) != set(goldstein):
        sys.exit(f"error: code sets differ: {sorted(set(names) ^ set(goldstein))}")
    for code in names:
        if not re.fullmatch(r"\d{2,4}", code) or code[:2] not in names or code[:2] not in quad:
            sys.exit(f"error: bad code or missing root: {code}")
    unknown = sorted(set(crosswalk) - set(names))
    if unknown != ["1213", "1214"]:
        sys.exit(f"error: unexpected crosswalk-only codes: {unknown}")

    codes = sorted(names, key=sort_key)
    rows = []
    for code in codes:
        event, mode = plover_for(code, crosswalk)
        if not re.fullmatch(r"[A-Z]+", event):
            sys.exit(f"error: bad PLOVER type {event!r} for {code}")
        rows.append("\t".join([code, clean_name(code, names[code]), goldstein[code], quad[code[:2]], event, mode]))

    header = f"""\
CAMEO event codes for dyad: one row per CAMEO 1.1b3 event code ({len(rows)} codes:
root, 3- and 4-digit) with Goldstein value, GDELT quad class and PLOVER event type/mode.
Generated by crates/lexicon/scripts/make_cameo_table.py -- do not edit by hand.

Columns (tab-separated; a header row follows this comment block):
  code         CAMEO event code; 2 digits for roots ("19"), 3 or 4 digits otherwise
               ("195", "0871"); leading zeros are significant.
  name         CAMEO short description, sentence case.
  goldstein    Goldstein conflict-cooperation value, -10.0 .. 10.0.
  quad_class   GDELT QuadClass by root code: 1 verbal cooperation, 2 material
               cooperation, 3 verbal conflict, 4 material conflict.
  plover_type  PLOVER event type (AGREE, CONSULT, ..., ASSAULT).
  plover_mode  PLOVER mode where the crosswalk gives one; empty otherwise.

Sources (facts tabulated in dyad's own format):
  - CAMEO codebook: P. A. Schrodt, D. J. Gerner, O. Yilmaz, "Conflict and Mediation
    Event Observations (CAMEO) Codebook", Penn State Event Data Project, version 1.1b3,
    as listed in the GDELT Project lookup tables (CAMEO.eventcodes.txt).
  - Goldstein values as assigned by the GDELT Project (CAMEO.goldsteinscale.txt);
    QuadClass mapping as used in GDELT 1.0 event data (01-05 -> 1, 06-09 -> 2,
    10-14 -> 3, 15-20 -> 4).  Cite: The GDELT Project, https://www.gdeltproject.org/.
  - PLOVER crosswalk: P. A. Schrodt (ed.), CAMEO2PLOVER, PLOVER manual draft 0.8,
    17 September 2021 (openeventdata/PLOVER, CC BY-SA 4.0).

{DECISIONS}"""

    out = [f"# {line}".rstrip() for line in header.split("\n")]
    out.append("\t".join(["code", "name", "goldstein", "quad_class", "plover_type", "plover_mode"]))
    out.extend(rows)
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="reference data directory")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output TSV")
    ap.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    args = ap.parse_args()

    text = build(args.shared)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{args.out} is out of date; rerun {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    rows = [ln for ln in text.splitlines() if not ln.startswith("#")][1:]
    print(f"wrote {args.out} ({len(rows)} codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
