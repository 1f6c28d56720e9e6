"""How fast is the shared-language engine? Prints medians and ratios.

    .venv/bin/python benchmarks/language_speed.py [--mb 20] [--repeat 3] [--baseline-mb 2]

1. Builds a corpus of fictional practice writing (case notes, school reports, health
   visits, plans) in many short documents, at least --mb megabytes (UTF-8): mostly
   everyday sentences, with 3% of sentences using risky language and 5% harmless
   look-alikes (a work placement, DNA testing, "please contact me", quoted speech).
2. Times `check()` over every document, one process, one core, --repeat times
   (CPU time of the process, which is steadier than wall time on a shared machine).
3. Times two baselines in the same process, over the same documents:
   a. the issue's baseline: one compiled regular expression made of every rule phrase
      (case-insensitive alternation), run with finditer (over the first --baseline-mb
      megabytes, as it is slow; its rate is in MB/s either way);
   b. a prefix-tree regular expression of every phrase the rules can match, run over
      lower-cased text: standard library only, and no context checks at all.
4. Times a 1,000-word note, checked 300 times, and reports the median.
5. Reports peak memory (maximum resident set size of the process).

Times are medians over --repeat runs, in CPU time of this process (steadier than wall
time on a shared machine); wall time is printed beside it.

Everything in the corpus is invented; any likeness to real people is chance.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

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
    rng = random.Random(seed)
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of check() over the corpus")
    parser.add_argument("--baseline-mb", type=float, default=2.0, help="run the baseline over this much of the corpus (default 2; 0 = all)")
    args = parser.parse_args(argv)

    default_engine()  # load and compile the rules before timing
    started = time.perf_counter()
    docs = build_corpus(args.mb)
    total_bytes = sum(len(d.encode("utf-8")) for d in docs)
    total_mb = total_bytes / 1e6
    print(
        f"corpus: {len(docs):,} documents, {total_mb:.1f} MB, "
        f"median {statistics.median(len(d.split()) for d in docs):.0f} words (built in {time.perf_counter() - started:.1f} s)"
    )
    print(f"rules: {len(default_engine().rules)}")

    findings = sum(len(check(d)) for d in docs[:2000])
    print(f"findings in the first 2,000 documents: {findings}")

    matcher = "Aho-Corasick (pyahocorasick)" if engine_module._ahocorasick is not None else "prefix-tree regex (standard library)"
    print(f"phrase matcher: {matcher}")
    engine_cpu, engine_wall, engine_runs = timed_runs(docs, check, args.repeat)
    engine_rate = total_mb / engine_cpu
    print(
        f"check():        median CPU {engine_cpu:.2f} s -> {engine_rate:.1f} MB/s; wall {engine_wall:.2f} s -> "
        f"{total_mb / engine_wall:.1f} MB/s (CPU per run: {', '.join(f'{t:.2f}' for t in engine_runs)})"
    )

    pattern = baseline_regex()
    if args.baseline_mb and args.baseline_mb < total_mb:
        sample, size = [], 0
        for doc in docs:
            if size >= args.baseline_mb * 1e6:
                break
            sample.append(doc)
            size += len(doc.encode("utf-8"))
    else:
        sample, size = docs, total_bytes
    base_cpu, base_wall, _ = timed_runs(sample, lambda d: list(pattern.finditer(d)), 1)
    baseline_rate = (size / 1e6) / base_cpu
    print(f"baseline 1:     one regex of all rule phrases, {size / 1e6:.1f} MB, CPU {base_cpu:.2f} s -> {baseline_rate:.2f} MB/s (wall {base_wall:.2f} s)")

    trie = trie_baseline_regex()
    trie_cpu, trie_wall, _ = timed_runs(docs, lambda d: list(trie.finditer(d.lower())), args.repeat)
    trie_rate = total_mb / trie_cpu
    print(
        f"baseline 2:     prefix-tree regex over lower-cased text (stdlib, no context), median CPU {trie_cpu:.2f} s -> "
        f"{trie_rate:.1f} MB/s (wall {trie_wall:.2f} s)"
    )
    print(f"ratios:         check() is {engine_rate / baseline_rate:.0f}x baseline 1 and {engine_rate / trie_rate:.2f}x baseline 2 (context checks included)")

    rng = random.Random(11)
    note = one_thousand_word_note(rng)
    check(note)
    note_times = []
    for _ in range(300):
        t = time.perf_counter()
        check(note)
        note_times.append(time.perf_counter() - t)
    print(
        f"1,000-word note ({len(note.split())} words, wall time): median {1000 * statistics.median(note_times):.3f} ms, "
        f"p95 {1000 * sorted(note_times)[int(len(note_times) * 0.95)]:.3f} ms over 300 runs"
    )

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS, corpus included): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
