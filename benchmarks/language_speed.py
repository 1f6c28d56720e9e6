"""How fast is the shared-language engine, as a whole process and per core? Prints medians and ratios.

    .venv/bin/python benchmarks/language_speed.py [--mb 20] [--repeat 3] [--jobs 2] [--large-mb 5]
                                                  [--baseline-mb 1] [--alex-mb 0.2] [--alex-dir DIR]

1. Builds a corpus of fictional practice writing (case notes, school reports, health
   visits, plans) in many short documents, at least --mb megabytes (UTF-8): mostly
   everyday sentences, with 3% of sentences using risky language and 5% harmless
   look-alikes (a work placement, DNA testing, "please contact me", quoted speech),
   and writes it to a temporary folder, one file per document.
2. Whole process: runs `goldenthread check --format json --jobs N FOLDER -o FILE` as a
   subprocess, --repeat times, and reports the median wall time from start to exit
   (Python start-up, loading the rules, reading, checking and writing the report):
   a. "cold": with an empty rules cache, so the compiled rulebook is built first;
   b. "warm": with the compiled rulebook cached on disk, as every run after the first.
3. alex (https://github.com/get-alex/alex) on a sample of the same corpus, in the same
   run, when it is installed (see benchmarks/language_vs_alex.py --install); otherwise
   the script says so and goes on.
4. Per core, in this process: check() over one large text (--large-mb megabytes of the
   corpus joined into one document), and check() over every document; CPU time of this
   process (steadier than wall time on a shared machine).
5. Baselines in this process, over the same documents:
   a. the issue's baseline: one compiled regular expression made of every rule phrase
      (case-insensitive alternation), run with finditer (over the first --baseline-mb
      megabytes, as it is slow; its rate is in MB/s either way);
   b. the trie baseline: a prefix-tree regular expression of every phrase the rules can
      match, run over lower-cased text: standard library only, and no context checks.
6. A 1,000-word note, checked 300 times: the median.
7. Peak memory (maximum resident set size of this process).

Every figure is a median over --repeat runs, and every comparison a ratio of medians.
Everything in the corpus is invented; any likeness to real people is chance.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from goldenthread.language import check, default_engine  # noqa: E402
from goldenthread.language import engine as engine_module  # noqa: E402
from goldenthread.language.rulebook import parse_pattern, pattern_regex  # noqa: E402

NAMES = [
    "Amira",
    "Jordan",
    "Kacper",
    "Leah",
    "Tyler",
    "Maya",
    "Oskar",
    "Ruby",
    "Dylan",
    "Sana",
    "Ellis",
    "Zofia",
    "Callum",
    "Nia",
    "Reece",
    "Imani",
    "Harvey",
    "Freya",
    "Bilal",
    "Poppy",
]
ADULTS = [
    "Mum",
    "Dad",
    "Nan",
    "her foster carer",
    "his stepdad",
    "the class teacher",
    "the health visitor",
    "the school nurse",
    "Grandad",
    "Aunt Jo",
    "the youth worker",
    "the family support worker",
]
PLACES = [
    "at home",
    "at school",
    "in the park",
    "at the family centre",
    "at Nan's flat",
    "in the car",
    "at the GP surgery",
    "at the library",
    "at the leisure centre",
    "at college",
]
TIMES = [
    "on Monday",
    "after lunch",
    "this morning",
    "last week",
    "on Friday evening",
    "during the visit",
    "at bedtime",
    "before school",
    "over half term",
    "on Tuesday afternoon",
]

# Everyday sentences: most practice writing is like this.
PLAIN = [
    "{name} told me {pron} had a good week {place} and enjoyed the trip to the seaside.",
    "We talked about what helps {name} feel safe {time}; {pron} said a night light and a story.",
    "{adult} said money has been tight since the boiler broke and asked about help with heating costs.",
    "{name} has been going to the breakfast club and is arriving on time most days.",
    "The kitchen was tidy and there was food in the fridge when I visited {time}.",
    "{name} was very upset {time} and cried for ten minutes; sitting with an adult helped {obj} calm down.",
    "We agreed that {adult} will ring the school if {name} finds the morning hard.",
    "{name} wants to keep seeing {adult} every Saturday and asked if {pron} can stay overnight.",
    "The health visitor weighed the baby, who has gained 200 grams since the last visit.",
    "{name} showed me a drawing of the family and named everyone in it.",
    "Next steps: a referral to the young carers group and a call with the housing officer.",
    "{adult} is worried about {name}'s sleep and would like advice on bedtime routines.",
    "{name} scored well in the spelling test and was proud to show {adult}.",
    "{name} said {pron} gets a funny feeling in {poss} tummy before maths, so we practised breathing together.",
    "I will visit again in two weeks and bring the leaflet about the parenting group.",
    "{name} read a chapter of {poss} book to me and talked about the characters.",
    "{name} is looking forward to the football tournament {time}.",
    "{adult} has been going to the drop-in and says it helps to talk to other parents.",
    "The flat was warm and {name} had {poss} own bedroom with posters on the wall.",
    "{name} would like to join the swimming club and {adult} will ask about the cost.",
    "We looked at the calendar together and marked the dates of the next three meetings.",
    "{adult} has started a new job at the supermarket and is working mornings.",
    "{name} has made a new friend in class and they play together at break.",
    "The school has offered a quiet space at lunchtime, which {name} uses on busy days.",
    "{name} asked lots of questions about the move and we wrote them down to answer next time.",
    "{adult} brought photos from the holiday and {name} explained who everyone was.",
    "The dentist said {name}'s teeth are healthy and the next check is in six months.",
    "{name} helped cook tea and was pleased to set the table for everyone.",
    "We checked that the smoke alarm works and that the stair gate is fitted.",
    "{adult} would like more information about the holiday activity programme.",
    "{name} described {poss} week as 'mostly good' and gave it seven out of ten.",
    "Reading at home is going well; {name} is on the orange book band now.",
    "{adult} said the new medication is helping and {pron} is sleeping better.",
    "{name} enjoys drawing animals and wants to be a vet when {pron} grows up.",
]
# Harmless look-alikes: words that are fine in their sense here.
TRAPS = [
    "{adult} asked us to contact them by text rather than phone calls during work hours.",
    "{name} has a work placement at the garage and is enjoying learning about engines.",
    "DNA testing was arranged by the court to confirm paternity.",
    "The court refused the application for an adjournment.",
    '{name} said: "I like it here because everyone is kind to me."',
    "The placement of the new ramp means {adult} can now get the buggy into the flat.",
    "There were new challenges at school this term, including a change of teacher.",
    "The meeting kicked off at ten and everyone who was invited came.",
    "Please contact me if anything changes before the review.",
    "{adult} missed the bus and rang to say {pron} would be late.",
]
RISKY = [
    "{name} is very attention seeking {place}.",
    "{adult} was hostile and uncooperative during the visit.",
    "{name} absconded from the children's home {time}.",
    "{name} did not attend the dental appointment.",
    "The children missed three health appointments this term.",
    "{adult} claims that {pron} stopped drinking in May.",
    "The supervised contact session was cancelled {time}.",
    "{name}'s placement broke down after a difficult week.",
    "{adult} failed to engage with services again.",
    "{name} is putting herself at risk by going out late.",
    "{name} has challenging behaviour {place}.",
    "The LAC review has been moved to Thursday.",
    "{adult} spoke about years of drug abuse in the past.",
    "{name} is a known self-harmer.",
    "{adult} refused to let the social worker in.",
    '{name} said: "Mum is an alcoholic and I hate it."',
    "A CIN meeting will be held {time}.",
    "{adult} has been clean for six months.",
    "{name} is manipulative with staff.",
    "Apparently {name} was at a friend's house all night.",
]


def build_corpus(megabytes: float, seed: int = 7) -> list[str]:
    """Short documents of 60 to 600 words until the corpus reaches `megabytes` (UTF-8)."""
    rng = random.Random(seed)  # noqa: S311 (made-up sample text for timing, not a secret)
    docs: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        sentences = []
        for _ in range(rng.randint(5, 45)):
            name = rng.choice(NAMES)
            her = rng.random() < 0.5
            roll = rng.random()
            pool = RISKY if roll < 0.03 else TRAPS if roll < 0.08 else PLAIN
            template = rng.choice(pool)
            sentences.append(
                template.format(
                    name=name,
                    adult=rng.choice(ADULTS),
                    place=rng.choice(PLACES),
                    time=rng.choice(TIMES),
                    pron="she" if her else "he",
                    obj="her" if her else "him",
                    poss="her" if her else "his",
                )
            )
        paragraphs, para = [], []
        for sentence in sentences:
            para.append(sentence)
            if rng.random() < 0.25:
                paragraphs.append(" ".join(para))
                para = []
        if para:
            paragraphs.append(" ".join(para))
        doc = f"Visit note {len(docs) + 1}: {rng.choice(NAMES)}\n\n" + "\n\n".join(paragraphs) + "\n"
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def baseline_regex() -> re.Pattern:
    """The baseline: one compiled regular expression of every rule phrase."""
    alternatives = []
    for rule in default_engine().rules:
        for pattern in rule.patterns:
            alternatives.append(pattern_regex(parse_pattern(pattern)))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def trie_baseline_regex() -> re.Pattern:
    """The prefix-tree baseline: every phrase the rules can match, as one trie-shaped
    regular expression over lower-cased text (standard library only, no context checks)."""
    phrases: set[str] = set()
    for rule in default_engine().rules:
        phrases |= rule.phrases
        phrases |= rule.anchors
    trie = engine_module._trie_regex(sorted(phrases)).replace("\\ ", "[^a-z0-9]+")
    return re.compile(rf"(?<![a-z0-9])(?:{trie})(?![a-z0-9])")


def time_over(docs: list[str], work) -> tuple[float, float]:
    """CPU seconds of this process (steadier than wall time on a shared machine) and wall seconds."""
    started, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        work(doc)
    return time.process_time() - started, time.perf_counter() - wall


def timed_runs(docs: list[str], work, repeat: int) -> tuple[float, float, list[float]]:
    """Median CPU and wall seconds over `repeat` runs, and every run's CPU seconds."""
    runs = [time_over(docs, work) for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), [r[0] for r in runs])


def one_thousand_word_note(rng: random.Random) -> str:
    docs = build_corpus(0.02, seed=rng.randint(0, 10_000))
    words = " ".join(docs).split()
    return " ".join(words[:1000])


def sample_of(docs: list[str], megabytes: float) -> tuple[list[str], int]:
    """The first documents, up to `megabytes` (all of them for 0), and their size in bytes."""
    sample, size = [], 0
    for doc in docs:
        if megabytes and size >= megabytes * 1e6:
            break
        sample.append(doc)
        size += len(doc.encode("utf-8"))
    return sample, size


def write_corpus(docs: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number, doc in enumerate(docs, 1):
        (folder / f"note{number:06d}.txt").write_text(doc, encoding="utf-8")


def run_cli(folder: Path, report: Path, jobs: int, cache: Path | None) -> tuple[float, float, int]:
    """Wall seconds of one whole `goldenthread check` process, its CPU seconds (all processes), and its exit status."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["GOLDENTHREAD_CACHE_DIR"] = "" if cache is None else str(cache)
    command = [
        sys.executable,
        "-m",
        "goldenthread.language.cli",
        "check",
        "--format",
        "json",
        "--progress",
        "never",
        "--jobs",
        str(jobs),
        "-o",
        str(report),
        str(folder),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # noqa: S603 (our own CLI with fixed arguments)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"goldenthread check failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def whole_process(folder: Path, work: Path, jobs: int, repeat: int, megabytes: float) -> dict:
    """Median wall seconds and MB/s of the CLI, with the compiled rulebook built (cold) and cached (warm)."""
    report = work / "report.json"
    figures = {}
    cold = []
    for _ in range(repeat):
        cache = work / "cold-cache"
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run_cli(folder, report, jobs, cache))
    cache = work / "warm-cache"
    run_cli(folder, report, jobs, cache)  # fills the cache
    warm = [run_cli(folder, report, jobs, cache) for _ in range(repeat)]
    for name, runs in (("cold", cold), ("warm", warm)):
        wall = statistics.median(r[0] for r in runs)
        figures[name] = {"wall": wall, "cpu": statistics.median(r[1] for r in runs), "rate": megabytes / wall, "walls": [r[0] for r in runs]}
    figures["report_mb"] = report.stat().st_size / 1e6
    return figures


def time_alex(docs: list[str], megabytes: float, repeat: int, alex_dir: Path | None) -> tuple[dict | None, str]:
    """alex's median MB/s on a sample of the corpus (inside Node.js, and wall with start-up), or None and why not."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from language_vs_alex import DEFAULT_DIR, find_alex, run_alex

    folder, why = find_alex(alex_dir or Path(os.environ.get("ALEX_DIR", DEFAULT_DIR)), install=False)
    if folder is None:
        return None, why
    sample, size = sample_of(docs, megabytes)
    runs = [run_alex(folder, sample)[1:] for _ in range(repeat)]
    inside = statistics.median(r[0] for r in runs)
    wall = statistics.median(r[1] for r in runs)
    return {"mb": size / 1e6, "documents": len(sample), "inside": inside, "wall": wall, "rate": size / 1e6 / inside, "rate_wall": size / 1e6 / wall}, ""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each measurement (default 3; medians are reported)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the whole-process runs (default 2)")
    parser.add_argument("--large-mb", type=float, default=5.0, help="size of the one large text checked per core (default 5)")
    parser.add_argument("--baseline-mb", type=float, default=1.0, help="run the one-regex baseline over this much of the corpus (default 1; 0 = all)")
    parser.add_argument("--alex-mb", type=float, default=0.2, help="sample of the corpus that alex checks (default 0.2)")
    parser.add_argument("--alex-dir", type=Path, help="folder where alex is installed (default as benchmarks/language_vs_alex.py)")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)

    default_engine()  # load and compile the rules before timing
    started = time.perf_counter()
    docs = build_corpus(args.mb)
    total_bytes = sum(len(d.encode("utf-8")) for d in docs)
    total_mb = total_bytes / 1e6
    print(
        f"corpus: {len(docs):,} documents, {total_mb:.1f} MB, "
        f"median {statistics.median(len(d.split()) for d in docs):.0f} words (built in {time.perf_counter() - started:.1f} s)"
    )
    matcher = "Aho-Corasick (pyahocorasick)" if engine_module._ahocorasick is not None else "prefix-tree regex (standard library)"
    print(
        f"rules: {len(default_engine().rules)}; phrase matcher: {matcher}; cores here: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}"
    )
    findings = sum(len(check(d)) for d in docs[:2000])
    print(f"findings in the first 2,000 documents: {findings}")

    # ------------------------------------------------------------ whole process
    work = Path(tempfile.mkdtemp(prefix="goldenthread-speed-"))
    try:
        write_corpus(docs, work / "corpus")
        whole = whole_process(work / "corpus", work, args.jobs, repeat, total_mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cold, warm = whole["cold"], whole["warm"]
    print(f"\nwhole process: goldenthread check --format json --jobs {args.jobs} over {len(docs):,} files ({total_mb:.1f} MB), median of {repeat}:")
    for name, label in (
        ("warm", "rules cached"),
        ("cold", "rules built"),
    ):
        figure = whole[name]
        print(
            f"  {label:13s} {figure['wall']:6.2f} s wall -> {figure['rate']:6.1f} MB/s   "
            f"(CPU {figure['cpu']:.2f} s in all processes; runs {', '.join(f'{t:.2f}' for t in figure['walls'])})"
        )
    print(f"  report: {whole['report_mb']:.1f} MB of JSON")

    # ------------------------------------------------------------ alex
    alex, why = time_alex(docs, args.alex_mb, repeat, args.alex_dir)
    if alex is None:
        print(f"\nalex: not measured: {why}")
    else:
        print(
            f"\nalex: {alex['mb']:.2f} MB ({alex['documents']} documents), median of {repeat}: {alex['inside']:.2f} s inside Node.js -> "
            f"{alex['rate']:.3f} MB/s ({alex['wall']:.2f} s wall with start-up -> {alex['rate_wall']:.3f} MB/s)"
        )

    # ------------------------------------------------------------ per core
    large, large_bytes = sample_of(docs, args.large_mb)
    large_text = "\n".join(large)
    large_cpu, large_wall, large_runs = timed_runs([large_text], check, repeat)
    large_rate = (large_bytes / 1e6) / large_cpu
    print(
        f"\nper core, one large text ({large_bytes / 1e6:.1f} MB): median CPU {large_cpu:.2f} s -> {large_rate:.1f} MB/s "
        f"(wall {large_wall:.2f} s; CPU per run: {', '.join(f'{t:.2f}' for t in large_runs)})"
    )
    engine_cpu, engine_wall, engine_runs = timed_runs(docs, check, repeat)
    engine_rate = total_mb / engine_cpu
    print(
        f"per core, every document:      median CPU {engine_cpu:.2f} s -> {engine_rate:.1f} MB/s "
        f"(wall {engine_wall:.2f} s; CPU per run: {', '.join(f'{t:.2f}' for t in engine_runs)})"
    )

    # ------------------------------------------------------------ baselines
    pattern = baseline_regex()
    sample, size = sample_of(docs, args.baseline_mb)
    base_cpu, base_wall, _ = timed_runs(sample, lambda d: list(pattern.finditer(d)), repeat)
    baseline_rate = (size / 1e6) / base_cpu
    print(f"\nbaseline 1: one regex of all rule phrases, {size / 1e6:.1f} MB, median CPU {base_cpu:.2f} s -> {baseline_rate:.2f} MB/s")
    trie = trie_baseline_regex()
    trie_cpu, trie_wall, _ = timed_runs(docs, lambda d: list(trie.finditer(d.lower())), repeat)
    trie_rate = total_mb / trie_cpu
    print(f"baseline 2 (trie): prefix-tree regex over lower-cased text (stdlib, no context checks), median CPU {trie_cpu:.2f} s -> {trie_rate:.1f} MB/s")

    # ------------------------------------------------------------ a short note
    rng = random.Random(11)  # noqa: S311 (made-up sample text for timing, not a secret)
    note = one_thousand_word_note(rng)
    check(note)
    note_times = []
    for _ in range(300):
        t = time.perf_counter()
        check(note)
        note_times.append(time.perf_counter() - t)
    print(
        f"\n1,000-word note ({len(note.split())} words, wall time): median {1000 * statistics.median(note_times):.3f} ms, "
        f"p95 {1000 * sorted(note_times)[int(len(note_times) * 0.95)]:.3f} ms over 300 runs"
    )

    # ------------------------------------------------------------ ratios
    print("\nratios (of medians):")
    rate = warm["rate"]
    if alex is not None:
        print(f"  whole process, rules cached, {args.jobs} jobs, vs alex inside Node.js (one process): {rate / alex['rate']:.0f}x")
        print(f"  whole process vs alex with its start-up:                           {rate / alex['rate_wall']:.0f}x")
    else:
        print("  vs alex: not measured (alex is not installed)")
    print(f"  whole process, rules cached, vs the trie baseline (one core, no context checks): {rate / trie_rate:.2f}x")
    print(f"  whole process, rules cached, vs rules built: {cold['wall'] / warm['wall']:.2f}x faster")
    print(f"  per core, one large text, vs the trie baseline: {large_rate / trie_rate:.2f}x; vs baseline 1: {large_rate / baseline_rate:.0f}x")
    print(f"  per core, every document, vs the trie baseline: {engine_rate / trie_rate:.2f}x; vs baseline 1: {engine_rate / baseline_rate:.0f}x")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process (max RSS, corpus included): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
