"""How fast does `goldenthread scan` read a whole archive, on one machine and on a cluster? Prints medians and ratios.

    .venv/bin/python benchmarks/scan_speed.py [--size 1GB] [--archive DIR] [--repeats 3] [--baseline-mb 20]
                                              [--configs local1,local2,separate] [--scan-option=--partition-mb=64 ...]
                                              [--json FILE] [--keep-output] [--quick] [--generate-only]

1. The archive: generates (once; it is cached under --archive, by default
   /tmp/goldenthread-scan-archive-<size>) a fictional archive of the Riverbend partnership
   of --size bytes (decimal: 1GB = 10^9 bytes). By bytes on disk it is about: notes.csv
   (case notes: note_id, organisation, team, record_type, written_on, author, child_ref,
   text) 75%; notes-2024.jsonl (the same fields, less child_ref) 10%; letters as .txt 5%,
   .md 3% and .html 4%, in folders by organisation and year; letters-2021-export.zip
   (.txt, .md and .html letters, deflated) 2.5%; and .docx, .odt and .pdf letters, one of
   each per 5 MB of archive (under 1% of the bytes together, as their readers are slow).
   A note is 0.9 kB on average, a letter 2 kB.
   Every sentence comes from templates with invented names; about 4% of sentences use
   language the engine flags ("failed to engage", "refused to", "manipulative",
   "non-compliant", "absconded", a placement breaking down...), 5% are harmless look-alikes
   (a work placement, "the court refused the application") and the rest everyday writing.
   The same seed gives the same archive. Before timing, every file is read once, so runs
   find the archive in the page cache.
2. The baseline: one process of `goldenthread check --jobs 1 --format json` over a sample of
   the archive: the first --baseline-mb megabytes of the notes' text, written as .txt files
   of 100 notes each. It runs once untimed, so the compiled rules are cached on disk
   ("warm", as every run after the first), then --repeats times.
3. The scans, each into a fresh output folder, --repeats times each, with the options this
   archive needs (--text-column text --id-column note_id --by organisation --by team
   --date-column written_on --quiet) and any --scan-option:
   a. local1: `goldenthread scan DATA --out DIR --workers 1`;
   b. local2: `goldenthread scan DATA --out DIR --workers 2` (a local cluster);
   c. separate: against `dask scheduler` and two `dask worker --nworkers 1 --nthreads 1`
      started as separate processes on this machine (`--scheduler tcp://127.0.0.1:PORT`);
      they are started once for all repeats (not timed) and stopped afterwards, on error
      and on Ctrl+C too.
   For each: the median wall time from start to exit, MB/s (archive bytes on disk / median
   seconds), the ratio to the baseline's MB/s, the time 1 GB would take at that rate
   (the issue asks for under 60 s), the CPU seconds of all the run's processes and MB per
   CPU second (steadier than wall time on a shared machine), and the load average before
   the runs (a busy machine makes every figure slower and noisier).
4. Memory: the resident set size (RSS) of the scan's process (the driver) and of every
   worker process (the goldenthread process's children for a local cluster; the `dask
   worker` processes and the worker each of them starts for the separate cluster),
   sampled every 0.2 s with psutil; the peak per process is reported (the largest over
   the repeats), and the peak of all of them together. The baseline's peak is printed too.

Everything in the archive is invented; any likeness to real people is chance.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR_VERSION = 1
SEED = 20261203
MB = 1_000_000
SAMPLE_INTERVAL = 0.2  # seconds between memory samples

# ------------------------------------------------------------------ the fictional partnership

ORGANISATIONS = {
    "Riverbend Children's Services": ["Front Door", "Assessment North", "Assessment South", "Children in Care", "Leaving Care", "Disabled Children"],
    "Riverbend Family Hub": ["Early Help East", "Early Help West", "Parenting Team", "Young Carers"],
    "Riverbend Community Health": ["Health Visiting", "School Nursing", "Family Nurse Partnership"],
    "Millbrook Primary School": ["Pastoral Team", "Inclusion"],
    "Alder Lane Academy": ["Pastoral Team", "Attendance", "Sixth Form Support"],
    "Kestrel Housing Trust": ["Tenancy Support", "Family Accommodation"],
    "Riverbend Youth Service": ["Detached Youth Work", "Youth Justice"],
}
RECORD_TYPES = ["case note", "home visit", "supervision note", "referral", "plan review", "school report", "health visit", "phone call", "team meeting"]
CHILDREN = [
    "Tamsin", "Eli", "Marnie", "Kofi", "Ottilie", "Rafferty", "Anouk", "Jago", "Lyra", "Ezra", "Isolde", "Caspian",
    "Wren", "Bodhi", "Saoirse", "Ilya", "Juno", "Tobiah", "Perpetua", "Lorcan", "Amara", "Fenn", "Zuri", "Hollis",
]  # fmt: skip
SURNAMES = [
    "Wrenfold", "Pellowby", "Thistlewood", "Okorafor-Lyle", "Ambersley", "Greythorn", "Osterby", "Kilbride-Moss",
    "Larkhollow", "Fennimore", "Quillon", "Marchbank-Rees", "Coldwater", "Haverstock", "Brindle", "Ashcombe-Nyland",
]  # fmt: skip
CARERS = ["Mum", "Dad", "Nan", "Grandad", "the foster carer", "the stepdad", "Aunt Bea", "the kinship carer", "Mum's partner", "the residential keyworker"]
WORKERS = [
    "Priya Thistlewood", "Declan Osterby", "Ngozi Ambersley", "Hal Greythorn", "Mirela Coldwater", "Femi Larkhollow",
    "Rosalind Quillon", "Tomasz Brindle", "Aoife Haverstock", "Jem Fennimore", "Yusra Pellowby", "Bram Wrenfold",
]  # fmt: skip
PLACES = [
    "at home",
    "at school",
    "at the family hub",
    "at Nan's flat",
    "in the park",
    "at the GP surgery",
    "in the car",
    "at the library",
    "at contact",
    "at college",
]
WHEN = [
    "on Monday",
    "this morning",
    "after school",
    "last week",
    "on Thursday evening",
    "during the visit",
    "over the weekend",
    "before half term",
    "at bedtime",
    "yesterday",
]

# Everyday writing: most of any archive.
NEUTRAL = [
    "{child} told me {they} had a good week {place} and liked the trip to the farm.",
    "We talked about what helps {child} feel safe {when}; {they} said a night light and a story.",
    "{carer} said money has been tight since the washing machine broke and asked about the hardship fund.",
    "{child} has been going to breakfast club and arrives on time most days.",
    "The kitchen was clean and there was food in the cupboards when I visited {when}.",
    "We agreed that {carer} will phone the school if {child} finds the morning hard.",
    "{child} wants to keep seeing {carer} every Saturday and asked about staying overnight.",
    "The baby was weighed and has put on 180 grams since the last visit.",
    "{child} drew a picture of the family and told me who everyone was.",
    "Next steps: a referral to the young carers group and a call with the housing officer.",
    "{carer} is worried about {child}'s sleep and would like advice on a bedtime routine.",
    "{child} did well in the spelling test and was proud to show {carer}.",
    "I will visit again in two weeks and bring the leaflet about the parenting course.",
    "{child} read a chapter of {their} book to me and talked about the characters.",
    "{carer} has been going to the drop-in and says it helps to talk to other parents.",
    "The flat was warm and {child} has {their} own room with posters on the wall.",
    "{child} would like to join the swimming club and {carer} will ask about the cost.",
    "We looked at the calendar together and marked the dates of the next three meetings.",
    "{carer} has started a new job and is working mornings, so visits will be in the afternoon.",
    "{child} has made a new friend in class and they play together at break.",
    "The school has offered a quiet room at lunchtime, which {child} uses on busy days.",
    "{child} asked lots of questions about the move and we wrote them down to answer next time.",
    "The dentist said {child}'s teeth are healthy and the next check is in six months.",
    "{child} helped cook tea and was pleased to lay the table for everyone.",
    "We checked that the smoke alarm works and that the stair gate is fitted.",
    "{child} described {their} week as 'mostly good' and gave it seven out of ten.",
    "Reading at home is going well; {child} is on the turquoise book band now.",
    "{carer} said the new medication is helping and everyone is sleeping better.",
    "{child} loves drawing animals and wants to be a vet when {they} grow up.",
    "The core group met {when} and agreed the actions in the plan are on track.",
    "{worker} joined the visit and explained the role of the family hub.",
    "{child}'s attendance this term is 96%, up from 88% last term.",
    "{carer} and I filled in the form for free school meals together.",
    "{child} showed me {their} new trainers and talked about the football match {when}.",
    "There were no concerns about the home conditions at today's visit.",
    "{carer} asked for help finding a nursery place for the youngest.",
    "{child} said the best thing this month was the school disco.",
    "We practised the breathing exercise together and {child} said it helped.",
    "The review will be held at the family hub with everyone who was invited.",
    "{carer} will bring the letters from the housing office to our next meeting.",
]
# Language the engine flags: a realistic few percent.
FLAGGED = [
    "{carer} failed to engage with the parenting programme again.",
    "{carer} refused to let the social worker into the house {when}.",
    "{child} is manipulative with staff and plays adults off against each other.",
    "{carer} has been non-compliant with the safety plan.",
    "{child}'s placement broke down after a difficult weekend.",
    "{child} absconded from the children's home {when} and was found at the station.",
    "{child} is very attention seeking {place}.",
    "{carer} was hostile and uncooperative during the visit.",
    "{child} kicked off when told about the change of school.",
    "{carer} claims that {they} stopped drinking in the spring.",
    "{child} has challenging behaviour {place}.",
    "The family are hard to reach and do not answer the door.",
    "{child} refused to come to the review meeting.",
    "{carer} was aggressive on the phone to the duty worker.",
    "{child} presents as withdrawn and unhappy.",
    "A CIN meeting will be held {when}.",
    "{child} is a looked after child and lives with foster carers.",
    "{carer} was non-compliant with the drug testing.",
    "{child} is putting {them}self at risk by staying out late.",
    "{carer} failed to engage with the health visitor after the birth.",
]
# Harmless look-alikes: words that are fine in their sense here.
LOOKALIKES = [
    "{child} has a work placement at the garage and enjoys learning about engines.",
    "The court refused the application for an adjournment.",
    "The placement of the new ramp means {carer} can get the buggy into the flat.",
    'In {their} own words, {child} said: "I like it here because people are kind to me."',
    "Please contact me if anything changes before the review.",
    "{carer} missed the bus and rang to say {they} would be late.",
    "DNA testing was arranged by the court to confirm paternity.",
    "The meeting kicked off at ten and everyone who was invited came.",
]
SHARES = (("flagged", FLAGGED, 0.04), ("look-alike", LOOKALIKES, 0.05), ("neutral", NEUTRAL, 0.91))


def sentence_pool(rng: random.Random, size: int = 60_000) -> list[str]:
    """Sentences filled in from the templates once; documents are built by sampling this pool."""
    pool = []
    for _ in range(size):
        roll, templates = rng.random(), NEUTRAL
        for _kind, kind_templates, share in SHARES:
            if roll < share:
                templates = kind_templates
                break
            roll -= share
        they = rng.random() < 0.5
        pool.append(
            rng.choice(templates).format(
                child=rng.choice(CHILDREN),
                carer=rng.choice(CARERS),
                worker=rng.choice(WORKERS),
                place=rng.choice(PLACES),
                when=rng.choice(WHEN),
                they="she" if they else "he",
                them="her" if they else "him",
                their="her" if they else "his",
            )
        )
    return pool


class Writer:
    """Builds documents from a sentence pool; every choice comes from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)  # noqa: S311 (made-up archive text for timing, not a secret)
        self.pool = sentence_pool(self.rng)
        self.organisations = list(ORGANISATIONS)
        self.start = date(2019, 1, 1)

    def paragraphs(self, sentences: int) -> list[str]:
        chosen = self.rng.choices(self.pool, k=sentences)
        return [" ".join(chosen[i : i + 4]) for i in range(0, sentences, 4)]

    def note(self) -> str:
        """A case note: mostly short, now and then long."""
        return "\n\n".join(self.paragraphs(2 + min(60, int(self.rng.expovariate(1 / 9)))))

    def meta(self) -> tuple[str, str, str, str, str]:
        rng = self.rng
        organisation = rng.choice(self.organisations)
        written_on = self.start + timedelta(days=rng.randrange(2740))
        return organisation, rng.choice(ORGANISATIONS[organisation]), rng.choice(RECORD_TYPES), written_on.isoformat(), rng.choice(WORKERS)

    def letter(self) -> tuple[str, str, list[str], str, str, str]:
        """(organisation, date, paragraphs, greeting, sign-off, title) of a letter to a family."""
        rng = self.rng
        organisation, team, _record, written_on, author = self.meta()
        child = f"{rng.choice(CHILDREN)} {rng.choice(SURNAMES)}"
        paragraphs = self.paragraphs(6 + int(rng.expovariate(1 / 20)))
        return organisation, written_on, paragraphs, f"Dear {rng.choice(CARERS).removeprefix('the ')},", f"{author}\n{team}, {organisation}", f"About {child}"


def letter_txt(organisation: str, written_on: str, paragraphs: list[str], greeting: str, sign: str, title: str) -> str:
    return f"{organisation}\nRiverbend\n\n{written_on}\n\n{title}\n\n{greeting}\n\n" + "\n\n".join(paragraphs) + f"\n\nYours sincerely,\n\n{sign}\n"


def letter_md(organisation: str, written_on: str, paragraphs: list[str], greeting: str, sign: str, title: str) -> str:
    body = "\n\n".join(paragraphs[:-1])
    steps = "\n".join(f"- {s}" for s in paragraphs[-1].split(". ") if s)
    return f"# {title}\n\n**{organisation}**, {written_on}\n\n{greeting}\n\n{body}\n\n## Next steps\n\n{steps}\n\nYours sincerely,  \n{sign.replace(chr(10), '  ' + chr(10))}\n"


def letter_html(organisation: str, written_on: str, paragraphs: list[str], greeting: str, sign: str, title: str) -> str:
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        "<style>body{font-family:sans-serif;max-width:40em}</style></head>\n"
        f'<body><header><p class="org">{e(organisation)}</p><p class="date">{e(written_on)}</p></header>\n'
        f"<h1>{e(title)}</h1>\n<p>{e(greeting)}</p>\n{body}\n<p>Yours sincerely,<br>{e(sign).replace(chr(10), '<br>')}</p>\n</body></html>\n"
    )


LETTERS = {".txt": letter_txt, ".md": letter_md, ".html": letter_html}


def write_docx(path: Path, letter: tuple) -> None:
    import docx

    organisation, written_on, paragraphs, greeting, sign, title = letter
    document = docx.Document()
    document.add_paragraph(organisation)
    document.add_paragraph(written_on)
    document.add_heading(title, level=1)
    document.add_paragraph(greeting)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph(sign)
    document.save(str(path))


def write_odt(path: Path, letter: tuple) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    organisation, written_on, paragraphs, greeting, sign, title = letter
    document = OpenDocumentText()
    for line in (organisation, written_on):
        document.text.addElement(P(text=line))
    document.text.addElement(H(outlinelevel=1, text=title))
    for line in (greeting, *paragraphs, "Yours sincerely,", sign):
        document.text.addElement(P(text=line))
    document.save(str(path))


def write_pdf(path: Path, letter: tuple) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    organisation, written_on, paragraphs, greeting, sign, title = letter
    styles = getSampleStyleSheet()
    e = html.escape
    story = [Paragraph(e(organisation), styles["Normal"]), Paragraph(e(written_on), styles["Normal"]), Paragraph(e(title), styles["Heading1"])]
    story += [Paragraph(e(p), styles["Normal"]) for p in (greeting, *paragraphs, "Yours sincerely,", sign)]
    SimpleDocTemplate(str(path), pagesize=A4, title=title, author="Riverbend partnership (fictional)").build(story)


BINARY = {".docx": write_docx, ".odt": write_odt, ".pdf": write_pdf}

# Shares of the archive's bytes on disk; notes.csv takes whatever is left.
TEXT_SHARES = {".txt": 0.05, ".md": 0.03, ".html": 0.04}
JSONL_SHARE = 0.10
ZIP_TEXT_SHARE = 0.05  # of letters before compression (about 2.5% of the archive once deflated)
BINARY_EVERY = 5 * MB  # one .docx, one .odt and one .pdf letter per this many bytes of archive


def parse_size(text: str) -> int:
    """'1GB', '200MB', '1.5gb', '750000' -> bytes (decimal units)."""
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([kmgt]?)i?b?\s*", text.lower())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 1GB or 200MB)")
    number, unit = match.groups()
    return int(float(number) * {"": 1, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}[unit])


def size_label(size: int) -> str:
    if size >= 1e9 and size % 100_000_000 == 0:
        return f"{size / 1e9:g}GB"
    return f"{size / 1e6:g}MB"


def letter_path(folder: Path, number: int, suffix: str, organisation: str, written_on: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", organisation.lower()).strip("-")
    target = folder / "letters" / slug / written_on[:4]
    target.mkdir(parents=True, exist_ok=True)
    return target / f"letter-{number:07d}{suffix}"


def generate(archive: Path, size: int, seed: int = SEED) -> dict:
    """Writes the archive under archive/data and describes it in archive/archive.json; returns that description."""
    started = time.perf_counter()
    data = archive / "data"
    writer = Writer(seed)
    counts: dict[str, int] = {}
    number = 0

    # Letters as .txt, .md and .html, in folders by organisation and year.
    for suffix, share in TEXT_SHARES.items():
        written, target = 0, share * size
        while written < target:
            number += 1
            letter = writer.letter()
            body = LETTERS[suffix](*letter).encode("utf-8")
            letter_path(data, number, suffix, letter[0], letter[1]).write_bytes(body)
            written += len(body)
            counts[suffix] = counts.get(suffix, 0) + 1

    # A .zip of letters.
    with zipfile.ZipFile(data / "letters-2021-export.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
        written, target = 0, ZIP_TEXT_SHARE * size
        while written < target:
            number += 1
            suffix = (".txt", ".md", ".html")[number % 3]
            letter = writer.letter()
            body = LETTERS[suffix](*letter).encode("utf-8")
            member = zipfile.ZipInfo(f"export/{letter[1][:7]}/letter-{number:07d}{suffix}", date_time=(2021, 6, 1, 9, 0, 0))
            bundle.writestr(member, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
            written += len(body)
            counts["letters in .zip"] = counts.get("letters in .zip", 0) + 1

    # A few .docx, .odt and .pdf letters.
    for suffix, write in BINARY.items():
        for _ in range(max(2, size // BINARY_EVERY)):
            number += 1
            letter = writer.letter()
            write(letter_path(data, number, suffix, letter[0], letter[1]), letter)
            counts[suffix] = counts.get(suffix, 0) + 1

    # Notes as JSON lines, then notes.csv up to the size asked for.
    note_number = 0
    with open(data / "notes-2024.jsonl", "w", encoding="utf-8", buffering=1 << 20) as out:
        written, target = 0, JSONL_SHARE * size
        while written < target:
            note_number += 1
            organisation, team, record_type, written_on, author = writer.meta()
            line = json.dumps(
                {
                    "note_id": f"RB-J-{note_number:08d}",
                    "organisation": organisation,
                    "team": team,
                    "record_type": record_type,
                    "written_on": written_on,
                    "author": author,
                    "text": writer.note(),
                },
                ensure_ascii=False,
            )
            written += out.write(line + "\n")  # characters: the text is ASCII, so bytes too
        counts["notes in .jsonl"] = note_number
    so_far = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    with open(data / "notes.csv", "w", encoding="utf-8", newline="", buffering=1 << 20) as out:
        table = csv.writer(out)
        table.writerow(["note_id", "organisation", "team", "record_type", "written_on", "author", "child_ref", "text"])
        rows, written = 0, 0
        rng = writer.rng
        while so_far + written < size:
            rows += 1
            organisation, team, record_type, written_on, author = writer.meta()
            table.writerow([f"RB-N-{rows:08d}", organisation, team, record_type, written_on, author, f"RB-C-{rng.randrange(100000):05d}", writer.note()])
            if rows % 200 == 0:
                out.flush()
                written = os.fstat(out.fileno()).st_size
        counts["notes in .csv"] = rows

    mix = archive_mix(data)
    description = {
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "size": size,
        "bytes": sum(mix.values()),
        "mix": mix,
        "records": counts,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (archive / "archive.json").write_text(json.dumps(description, indent=1), encoding="utf-8")
    return description


def archive_mix(data: Path) -> dict[str, int]:
    """Bytes on disk by kind of file."""
    mix: dict[str, int] = {}
    for path in data.rglob("*"):
        if path.is_file():
            kind = path.suffix.lower()
            mix[kind] = mix.get(kind, 0) + path.stat().st_size
    return dict(sorted(mix.items(), key=lambda kv: -kv[1]))


def prepare_archive(archive: Path, size: int) -> tuple[dict, bool]:
    """The cached archive if it matches, else a new one; and whether it was generated now."""
    marker = archive / "archive.json"
    if marker.exists():
        try:
            description = json.loads(marker.read_text(encoding="utf-8"))
        except ValueError:
            description = {}
        if description.get("generator") == GENERATOR_VERSION and description.get("size") == size and description.get("seed") == SEED:
            return description, False
    if archive.exists():
        ours = marker.exists() or (archive / ".generating").exists() or not any(archive.iterdir())
        if not ours:
            raise SystemExit(f"{archive} exists and is not an archive this script made; choose another --archive")
        shutil.rmtree(archive)
    (archive / "data").mkdir(parents=True)
    (archive / ".generating").touch()
    description = generate(archive, size)
    (archive / ".generating").unlink()
    return description, True


def check_sample(archive: Path, megabytes: float) -> tuple[Path, int, int]:
    """The first `megabytes` of the notes' text as .txt files of 100 notes each (made once); its folder, bytes and files."""
    folder = archive / f"check-sample-{megabytes:g}MB"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        written, files, batch = 0, 0, []
        with open(archive / "data" / "notes.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                batch.append(f"{row['note_id']} ({row['record_type']}, {row['written_on']})\n\n{row['text']}\n")
                if len(batch) == 100:
                    files += 1
                    written += (folder / f"notes-{files:05d}.txt").write_bytes("\n\n".join(batch).encode("utf-8"))
                    batch = []
                    if written >= megabytes * MB:
                        break
        (folder / ".complete").touch()
    files = sorted(folder.glob("*.txt"))
    return folder, sum(p.stat().st_size for p in files), len(files)


def read_everything(folder: Path) -> float:
    """Reads every file once (so that timed runs find them in the page cache); seconds taken."""
    started = time.perf_counter()
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                while handle.read(1 << 24):
                    pass
    return time.perf_counter() - started


# ------------------------------------------------------------------ the machine and the commands


def machine() -> dict:
    import psutil

    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), model)
    except OSError:
        pass
    try:
        import distributed

        dask_version = distributed.__version__
    except ImportError:
        dask_version = "not installed"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": cores,
        "cpu": model,
        "memory_gb": round(psutil.virtual_memory().total / 1e9, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "distributed": dask_version,
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else [],
    }


def environment() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("GOLDENTHREAD_CACHE_DIR", None)  # the usual rules cache, shared by every run: warm after the first
    return env


def goldenthread() -> list[str]:
    script = Path(sys.executable).with_name("goldenthread")
    return [str(script)] if script.exists() else [sys.executable, "-m", "goldenthread.language.cli"]


def dask() -> list[str]:
    script = Path(sys.executable).with_name("dask")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dask"]


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Ends a process this script started, and its own children (it leads its own process group)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


class MemorySampler:
    """Peak resident set size of some processes and of their descendants, sampled every 0.2 s in a thread.

    roots: {pid: label}. A descendant is labelled after its root: the processes a
    multiprocessing resource tracker or fork server runs are "helpers", any other a worker.
    """

    def __init__(self, roots: dict[int, str]):
        import psutil

        self.psutil = psutil
        self.roots = roots
        self.peaks: dict[int, dict] = {}  # pid -> {"label", "root", "peak"}
        self.peak_total = 0
        self.started = time.time()
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(SAMPLE_INTERVAL):
                self.sample()
                return

    def sample(self) -> None:
        psutil = self.psutil
        total = 0
        for root_pid, label in self.roots.items():
            try:
                root = psutil.Process(root_pid)
                family = [(root, label, "")] + [(child, None, label) for child in root.children(recursive=True)]
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            for process, own, parent_label in family:
                try:
                    rss = process.memory_info().rss
                    times = process.cpu_times()
                    entry = self.peaks.get(process.pid)
                    if entry is None:
                        entry = {"label": own or self._kind(process, root_pid), "root": own or parent_label, "peak": 0}
                        # CPU spent before this run (by a cluster started earlier) is not counted
                        entry["cpu0"] = times.user + times.system if process.create_time() < self.started - 1 else 0.0
                        self.peaks[process.pid] = entry
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                entry["peak"] = max(entry["peak"], rss)
                entry["cpu"] = times.user + times.system
                total += rss
        self.peak_total = max(self.peak_total, total)
        self.samples += 1

    def _kind(self, process, root_pid: int) -> str:
        try:
            command = " ".join(process.cmdline())
            parent = process.ppid()
        except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
            return "helper"
        if "resource_tracker" in command or "semaphore_tracker" in command:
            return "helper"
        if "forkserver" in command and parent == root_pid:
            return "helper"
        return "worker"

    def cpu(self, outside: str = "") -> float:
        """CPU seconds (user and system) during the run (to the last sample) of the processes seen, but those of `outside` and its descendants."""
        return sum(entry["cpu"] - entry["cpu0"] for entry in self.peaks.values() if outside not in (entry["label"], entry["root"]))

    def named(self) -> dict[str, int]:
        """Peak bytes by name: the roots by their label; workers numbered in the order of their process ids."""
        named: dict[str, int] = {}
        workers = [entry for pid, entry in sorted(self.peaks.items()) if entry["label"] == "worker"]
        for number, entry in enumerate(workers, 1):
            root = entry["root"]
            name = f"worker {number}" if root == "driver" else f"{root.removesuffix(' (nanny)')}: worker process"
            named[name] = max(named.get(name, 0), entry["peak"])
        helpers = [entry["peak"] for entry in self.peaks.values() if entry["label"] == "helper"]
        for entry in self.peaks.values():
            if entry["label"] not in ("worker", "helper"):
                named[entry["label"]] = max(named.get(entry["label"], 0), entry["peak"])
        if helpers:
            named["helpers"] = max(helpers)
        order = {"driver": 0, "scheduler": 2, "helpers": 3}
        return dict(sorted(named.items(), key=lambda item: (order.get(item[0], 1), item[0])))


def timed(command: list[str], log: Path, roots: dict[int, str] | None = None) -> dict:
    """Runs a command to the end: wall seconds, exit status, the peaks of its memory (and of `roots`)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=environment(), start_new_session=True)  # noqa: S603 (our own CLI with fixed arguments)
        try:
            with MemorySampler({process.pid: "driver", **(roots or {})}) as sampler:
                status = process.wait()
        finally:
            stop(process)
        wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU: the command and the processes it waited for, exactly; a separate cluster's, sampled
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime) + sampler.cpu(outside="driver")
    return {
        "wall": wall,
        "status": status,
        "load": load,
        "cpu": cpu,
        "memory": sampler.named(),
        "memory_total": sampler.peak_total,
        "samples": sampler.samples,
    }


def tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class SeparateCluster:
    """`dask scheduler` and `dask worker --nworkers 1 --nthreads 1` processes on this machine, stopped on the way out."""

    def __init__(self, work: Path, workers: int = 2, threads: int = 1):
        self.work = work
        self.workers = workers
        self.threads = threads
        self.processes: list[subprocess.Popen] = []
        self.roots: dict[int, str] = {}
        self.address = ""

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.work / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment(), cwd=self.work, start_new_session=True)  # noqa: S603 (our own CLI with fixed arguments)
        log.close()
        self.processes.append(process)
        return process

    def __enter__(self) -> SeparateCluster:
        try:
            self._open()
        except BaseException:
            self.close()
            raise
        return self

    def _open(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        info = self.work / "scheduler.json"
        scheduler = self._start("scheduler", [*dask(), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info)])
        self.roots[scheduler.pid] = "scheduler"
        deadline = time.monotonic() + 60
        while not self.address:
            if scheduler.poll() is not None:
                raise RuntimeError(f"dask scheduler stopped ({scheduler.returncode}):\n{tail(self.work / 'scheduler.log')}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"dask scheduler did not start within 60 s:\n{tail(self.work / 'scheduler.log')}")
            try:
                self.address = json.loads(info.read_text(encoding="utf-8"))["address"]
            except (OSError, ValueError, KeyError):
                time.sleep(0.2)
        for number in range(1, self.workers + 1):
            folder = self.work / f"worker-{number}"
            folder.mkdir(exist_ok=True)
            command = [*dask(), "worker", self.address, "--nworkers", "1", "--nthreads", str(self.threads), "--no-dashboard"]
            worker = self._start(f"worker-{number}", [*command, "--name", f"bench-{number}", "--local-directory", str(folder)])
            self.roots[worker.pid] = f"dask worker {number} (nanny)"
        self._wait_for_workers()

    def _wait_for_workers(self) -> None:
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            deadline = time.monotonic() + 90
            while len(client.scheduler_info().get("workers", {})) < self.workers:
                dead = [p for p in self.processes if p.poll() is not None]
                if dead:
                    raise RuntimeError(f"a dask process stopped ({dead[0].args[:2]}, status {dead[0].returncode})")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the dask workers did not join within 90 s:\n{tail(self.work / 'worker-1.log')}")
                time.sleep(0.2)

    def close(self) -> None:
        for process in reversed(self.processes):  # the workers, then the scheduler
            stop(process)
        self.processes.clear()

    def __exit__(self, *exc) -> None:
        self.close()


# ------------------------------------------------------------------ the measurements


def baseline(folder: Path, work: Path, repeats: int) -> list[dict]:
    """One process of `goldenthread check`, warm: one untimed run fills the rules cache, then `repeats` timed runs."""
    command = [*goldenthread(), "check", "--format", "json", "--jobs", "1", "--progress", "never", "-o", str(work / "check.json"), str(folder)]
    runs = []
    for number in range(repeats + 1):
        run = timed(command, work / "check.log")
        if run["status"] not in (0, 1):
            raise RuntimeError(f"goldenthread check failed ({run['status']}):\n{tail(work / 'check.log')}")
        if number:
            runs.append(run)
    return runs


def scan(config: str, data: Path, work: Path, repeat: int, args, cluster: SeparateCluster | None) -> dict:
    out = work / f"out-{config}-{repeat}"
    command = [*goldenthread(), "scan", str(data), "--out", str(out), *SCAN_OPTIONS, *args.scan_option]
    if cluster is not None:
        command += ["--scheduler", cluster.address]
    else:
        command += ["--workers", str(CONFIGS[config]["workers"])]
    log = work / f"{config}-{repeat}.log"
    run = timed(command, log, cluster.roots if cluster else None)
    run["log"] = tail(log, 12)
    if run["status"] not in (0, 1):
        raise RuntimeError(f"{' '.join(command)}\nfailed with status {run['status']}:\n{tail(log, 30)}")
    run["output_mb"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / MB if out.exists() else 0.0
    run["manifest"] = read_manifest(out / "manifest.json")
    if not args.keep_output:
        shutil.rmtree(out, ignore_errors=True)
    return run


def read_manifest(path: Path) -> dict:
    """How many partitions the scan made, and how many failed (from its manifest.json)."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    counts = {}
    for key in ("partitions", "done", "failed", "input_errors"):
        if isinstance(manifest.get(key), (list, dict)):
            counts[key] = len(manifest[key])
    return counts


def scanned(log: str) -> dict:
    """Records and input megabytes from the scan's summary ("Scanned 49,802 records (51.4 MB of input) in ...")."""
    match = re.search(r"Scanned ([\d,]+) records \(([\d.,]+) MB of input\)", log)
    if not match:
        return {}
    return {"records": int(match[1].replace(",", "")), "input_mb": float(match[2].replace(",", ""))}


# The scan's options for this archive: the notes' text column, and the columns the report groups by.
SCAN_OPTIONS = ["--text-column", "text", "--id-column", "note_id", "--by", "organisation", "--by", "team", "--date-column", "written_on", "--quiet"]
CONFIGS = {
    "local1": {"workers": 1, "label": "scan --workers 1"},
    "local2": {"workers": 2, "label": "scan --workers 2 (local cluster)"},
    "separate": {"workers": 2, "label": "scan --scheduler: dask scheduler + 2 dask workers"},
}


def summarise(runs: list[dict], megabytes: float) -> dict:
    walls = [run["wall"] for run in runs]
    wall = statistics.median(walls)
    memory: dict[str, int] = {}
    for run in runs:
        for name, peak in run["memory"].items():
            memory[name] = max(memory.get(name, 0), peak)
    return {
        "wall": wall,
        "walls": walls,
        "cpu": statistics.median(run["cpu"] for run in runs),
        "load": [run["load"] for run in runs],
        "rate": megabytes / wall,
        "mb": megabytes,
        "memory_mb": {name: round(peak / MB) for name, peak in memory.items()},
        "memory_total_mb": round(max(run["memory_total"] for run in runs) / MB),
    }


def print_machine(info: dict) -> None:
    print(
        f"machine: {info['cores']} cores ({info['cpu']}), {info['memory_gb']} GB memory, {info['system']}; "
        f"Python {info['python']}; distributed {info['distributed']}"
    )
    load = info["load_average"]
    if load:
        busy = " (busy: others are using the machine, so the figures will vary)" if load[0] > 0.5 * info["cores"] else ""
        print(f"load average: {', '.join(f'{x:.2f}' for x in load)}{busy}")


def print_archive(description: dict, path: Path, generated: bool) -> None:
    total = description["bytes"]
    how = f"generated in {description['seconds']:.0f} s" if generated else "cached"
    print(f"archive: {path / 'data'}: {total / MB:,.1f} MB on disk ({how}; seed {description['seed']})")
    print("  by format (bytes on disk): " + ", ".join(f"{kind} {size / MB:,.1f} MB ({100 * size / total:.1f}%)" for kind, size in description["mix"].items()))
    print("  records: " + ", ".join(f"{kind} {count:,}" for kind, count in description["records"].items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=None, help="archive size, decimal units (default 1GB; --quick: 50MB)")
    parser.add_argument("--archive", type=Path, help="where the archive is generated and cached (default /tmp/goldenthread-scan-archive-SIZE)")
    parser.add_argument("--repeats", type=int, default=None, help="timed runs of each measurement (default 3; --quick: 1); medians are reported")
    parser.add_argument("--baseline-mb", type=float, default=None, help="notes that `goldenthread check` reads for the baseline (default 20; --quick: 10)")
    parser.add_argument("--configs", default="local1,local2,separate", help=f"which scans, comma-separated, from {', '.join(CONFIGS)} (default all)")
    parser.add_argument(
        "--scan-option",
        action="append",
        default=[],
        metavar="OPTION",
        help="pass this option on to every scan (may be repeated), e.g. --scan-option=--partition-mb=64",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here as JSON")
    parser.add_argument("--keep-output", action="store_true", help="keep each scan's output folder (they are in a temporary folder, printed)")
    parser.add_argument("--quick", action="store_true", help="a quick try: 50MB, 1 repeat, a 10 MB baseline (about a minute)")
    parser.add_argument("--generate-only", action="store_true", help="generate (or find) the archive, describe it, and stop")
    args = parser.parse_args(argv)
    size = args.size or parse_size("50MB" if args.quick else "1GB")
    repeats = max(1, args.repeats or (1 if args.quick else 3))
    baseline_mb = args.baseline_mb or (10.0 if args.quick else 20.0)
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration(s) {', '.join(unknown)}; choose from {', '.join(CONFIGS)}")
    archive = args.archive or Path(tempfile.gettempdir()) / f"goldenthread-scan-archive-{size_label(size)}"

    def interrupted(signum, frame):  # a polite kill: stop the clusters and scans this script started
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)

    info = machine()
    print_machine(info)
    description, generated = prepare_archive(archive, size)
    data = archive / "data"
    print_archive(description, archive, generated)
    if args.generate_only:
        return 0
    megabytes = description["bytes"] / MB
    sample, sample_bytes, sample_files = check_sample(archive, baseline_mb)
    print(f"  read every file once in {read_everything(data) + read_everything(sample):.1f} s, so that runs find the archive in the page cache")

    work = Path(tempfile.mkdtemp(prefix="goldenthread-scan-bench-"))
    print(f"work folder: {work}")
    figures: dict = {"machine": info, "archive": {"path": str(data), **description}, "repeats": repeats, "scans": {}}
    try:
        # ------------------------------------------------------------ baseline
        runs = baseline(sample, work, repeats)
        check = summarise(runs, sample_bytes / MB)
        figures["baseline"] = {"command": "goldenthread check --jobs 1 --format json", "sample_mb": sample_bytes / MB, "files": sample_files, **check}
        print(
            f"\nbaseline: one process of `goldenthread check --jobs 1 --format json` (rules cached) over {sample_bytes / MB:.1f} MB of the notes "
            f"({sample_files} .txt files), median of {repeats}: {check['wall']:.2f} s -> {check['rate']:.2f} MB/s "
            f"(runs {', '.join(f'{w:.2f}' for w in check['walls'])}; peak {check['memory_mb'].get('driver', 0)} MB)"
        )

        # ------------------------------------------------------------ scans
        for config in configs:
            label = CONFIGS[config]["label"]
            print(f"\n{label}: {repeats} run(s) over {megabytes:,.1f} MB ...", flush=True)
            if config == "separate":
                with SeparateCluster(work / "cluster") as cluster:
                    print(f"  cluster at {cluster.address} ({len(cluster.processes)} processes: pids {', '.join(str(p.pid) for p in cluster.processes)})")
                    runs = [scan(config, data, work, r, args, cluster) for r in range(1, repeats + 1)]
                print("  cluster stopped")
            else:
                runs = [scan(config, data, work, r, args, None) for r in range(1, repeats + 1)]
            result = summarise(runs, megabytes)
            result["ratio"] = result["rate"] / check["rate"]
            result["seconds_per_gb"] = 1000 / result["rate"]
            result["output_mb"] = runs[-1]["output_mb"]
            result["manifest"] = runs[-1]["manifest"]
            result["summary"] = runs[-1]["log"]
            result["statuses"] = [run["status"] for run in runs]
            result.update(scanned(runs[-1]["log"]))
            figures["scans"][config] = {"label": label, **result}
            parts = ", ".join(f"{key} {value}" for key, value in result["manifest"].items())
            print(f"  runs {', '.join(f'{w:.2f}' for w in result['walls'])} s; output {result['output_mb']:.1f} MB ({parts}); last lines of its output:")
            if any(result["statuses"]):
                print(f"  warning: exit status {result['statuses']}: some items could not be read (see the summary)")
            print("    " + "\n    ".join(runs[-1]["log"].splitlines()[-6:]))
    except KeyboardInterrupt:
        print("\ninterrupted: the processes this script started have been stopped", file=sys.stderr)
        return 130
    except RuntimeError as exc:  # a run that failed, or a cluster that did not start: already stopped
        print(f"\nerror: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep_output:
            shutil.rmtree(work, ignore_errors=True)

    print_results(figures, megabytes)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


def print_results(figures: dict, megabytes: float) -> None:
    check = figures["baseline"]
    scans = figures["scans"]
    repeats = figures["repeats"]
    print(f"\nresults (median of {repeats} run(s); MB/s = archive bytes on disk / median wall time, start to exit):")
    print(f"  {'configuration':56s} {'median s':>9s} {'MB/s':>7s} {'x check':>8s} {'CPU s':>7s} {'MB/CPU s':>9s} {'load':>5s} {'1 GB at this rate':>18s}")
    rows = [(f"goldenthread check --jobs 1 (baseline, {check['sample_mb']:.0f} MB of notes)", check, 1.0, "")]
    for result in scans.values():
        rows.append((result["label"], result, result["ratio"], "under 60 s" if result["seconds_per_gb"] < 60 else "over 60 s"))
    for label, r, ratio, verdict in rows:
        print(
            f"  {label:56s} {r['wall']:9.2f} {r['rate']:7.2f} {ratio:8.2f} {r['cpu']:7.1f} {r['mb'] / max(r['cpu'], 1e-9):9.2f} {max(r['load']):5.1f} {1000 / r['rate']:16.0f} s  {verdict}".rstrip()
        )
    print("  (CPU s: user and system time of every process of the run, median; MB/CPU s: megabytes per CPU second,")
    print("   steadier than wall time on a shared machine; load: the 1-minute load average")
    print("   before a run, the highest; on a machine that others are using, the figures vary from run to run)")
    measured = "measured" if megabytes >= 1000 else f"projected from {megabytes:,.0f} MB"
    print(f"  (1 GB in under 60 s needs at least 16.7 MB/s; the times for 1 GB are {measured})")

    print("\npeak memory (RSS, MB; the largest over the runs):")
    for result in [{"label": "goldenthread check --jobs 1 (baseline)", **check}, *scans.values()]:
        parts = ", ".join(f"{name} {peak:,}" for name, peak in result["memory_mb"].items())
        print(f"  {result['label']}: {parts}; all together {result['memory_total_mb']:,}")


if __name__ == "__main__":
    sys.exit(main())
