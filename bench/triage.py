"""Scores the triage assistant and times it: the synthetic sets kept in the repository, then
the public labelled datasets of ../shared/data (never copied into the repository).

    make bench-triage
    .venv/bin/python bench/triage.py --data ../shared/data --split test
    .venv/bin/python bench/triage.py --examples corrections.jsonl   # analysts' corrections (export_triage_examples)

Nothing is trained here: the assistant is hand-written rules and lexicons (sanad/triage/),
so every public text is held out. Each public set is still split in two, by a hash of the
text (or of the conversation, or of the user), and only the `test` part is reported by
default: the `dev` part is where a developer may look at errors while writing rules.
Duplicates are dropped (a text seen twice counts once; one seen with both labels is left
out; an OMCD test text also in its train file is left out).

What is printed, per dataset and language or script:
- recall of danger signals, where the labels say there is danger (C-SSRS: ideation,
  behaviour, attempt; CyberAgressionAdo: threats), and the share raised to P0;
- false alarms: the share of harmless texts raised to P0, on all of them and on those that
  talk of dying or killing (figurative, negated or joking, as found by the lexicon);
- macro-F1 of offensive (and, for MLMA, hateful) content against the dataset's published
  baseline: offensive = the assistant suggests harassment, hate speech or threats.
Then the time suggest() takes per text (p50, p99, max), on every text read and on texts of
the portal's longest description (10,000 characters).
"""

import argparse
import csv
import gc
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, bench/ would come first on the path, and bench/queue.py would hide the
# standard library's queue module.
sys.path[:] = [str(ROOT), *(entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench")]

from sanad.triage.danger import DANGERS  # noqa: E402
from sanad.triage.matching import Reading  # noqa: E402
from sanad.triage.suggestion import ENGINE, Suggestion, suggest  # noqa: E402

DEVSET = ROOT / "sanad" / "triage" / "devset"
P0_SIGNALS = {code for code, danger in DANGERS.items() if danger.urgency == "P0"}
OFFENSIVE = {"harassment", "hate_speech", "threats"}
DEATH_TALK = frozenset(
    {"DIE", "DEAD", "DEAD_ME", "KILL", "KILL_ME", "KILL_YOU", "LETHAL", "SUICIDE", "IDIOM", "INCITE"}
)
LONGEST_DESCRIPTION = 10_000  # sanad.intake.forms.MAX_TEXT
TIMINGS: list[tuple[float, int]] = []  # CPU seconds, characters

# Published figures to compare with (the split, preprocessing and metric are the authors').
BASELINES = {
    "omcd": "0.78 macro-F1: TF-IDF + logistic regression / SVM, on test.csv (authors' notebook, "
    "kabilessefar/OMCD-Offensive-Moroccan-Comments-Dataset, machine learning models.ipynb)",
    "darija": "0.85 F1, 0.90 accuracy: a Darija RoBERTa, all scripts together (Abdellaoui, Ibrahimi et al., "
    "BDCC 8(12):170, 2024)",
    "mlma": "none for toxic vs normal (the paper scores hostility type, directness, target, group); "
    "the majority class is printed instead",
    "cyberagression": "0.718 on abuse detection, mBERT + graph fusion (Bakarou, El Messoussi, Ollagnier, "
    "arXiv 2510.17289, 2025)",
    "cssrs": "none comparable (Gaur et al., WWW 2019, grade five levels per user)",
}


def timed(text: str) -> Suggestion:
    started = time.thread_time()
    found = suggest(text)
    TIMINGS.append((time.thread_time() - started, len(text)))
    return found


def cost(text: str) -> tuple[float, float]:
    """CPU time of one suggest() (what it costs, whatever else runs on the machine), and wall time."""
    wall, cpu = time.perf_counter(), time.thread_time()
    suggest(text)
    return time.thread_time() - cpu, time.perf_counter() - wall


def is_p0(found: Suggestion) -> bool:
    return bool(P0_SIGNALS & set(found.signals))


def is_offensive(found: Suggestion) -> bool:
    return bool(OFFENSIVE & set(found.categories))


def talks_of_death(text: str) -> bool:
    reading = Reading(text)
    return any(reading.has(concept) for concept in DEATH_TALK)


def in_split(key: str, split: str) -> bool:
    """A fifth of each set, chosen by a hash of the key, is `test`; the rest is `dev`."""
    test = int(hashlib.sha256(key.encode()).hexdigest(), 16) % 5 == 0
    return split == "all" or (split == "test") == test


def script_of(text: str) -> str:
    arabic = len(re.findall(r"[\u0600-\u06ff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "arabic" if arabic >= latin else "latin"


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(pairs: list[tuple[bool, bool]]) -> float:
    """Mean of the F1 of both classes; pairs are (truth, prediction)."""
    tp = sum(1 for truth, guess in pairs if truth and guess)
    fp = sum(1 for truth, guess in pairs if not truth and guess)
    fn = sum(1 for truth, guess in pairs if truth and not guess)
    tn = len(pairs) - tp - fp - fn
    return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2


def share(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "—"


@dataclass
class Tally:
    """What one dataset slice scored."""

    pairs: list[tuple[bool, bool]] = field(default_factory=list)  # offensive: truth, prediction
    harmless: int = 0
    harmless_p0: int = 0
    death_talk: int = 0
    death_talk_p0: int = 0
    danger: int = 0
    danger_found: int = 0
    danger_p0: int = 0

    def add_harmless(self, text: str, found: Suggestion) -> None:
        self.harmless += 1
        self.harmless_p0 += is_p0(found)
        if talks_of_death(text):
            self.death_talk += 1
            self.death_talk_p0 += is_p0(found)

    def add_danger(self, found: Suggestion, *, signals: set[str]) -> None:
        self.danger += 1
        self.danger_found += bool(signals & set(found.signals))
        self.danger_p0 += is_p0(found)


def dedupe(rows: Iterable[tuple[str, object]]) -> list[tuple[str, object]]:
    """One row per text; a text seen with two labels is left out."""
    labels: dict[str, set[object]] = defaultdict(set)
    order: list[str] = []
    for text, label in rows:
        key = text.strip()
        if key not in labels:
            order.append(key)
        labels[key].add(label)
    return [(text, next(iter(labels[text]))) for text in order if len(labels[text]) == 1]


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def print_offensive(name: str, tally: Tally, baseline: str) -> None:
    positives = sum(1 for truth, _ in tally.pairs if truth)
    tp = sum(1 for truth, guess in tally.pairs if truth and guess)
    fp = sum(1 for truth, guess in tally.pairs if not truth and guess)
    print(
        f"  {name:<22} n={len(tally.pairs):>5}  offensive macro-F1 {macro_f1(tally.pairs):.3f}"
        f"  (offensive recall {share(tp, positives)}, precision {share(tp, tp + fp)})"
    )
    print(
        f"  {'':<22} false P0 on harmless {share(tally.harmless_p0, tally.harmless)},"
        f" on harmless texts talking of dying or killing {share(tally.death_talk_p0, tally.death_talk)}"
    )
    if baseline:
        print(f"  {'':<22} published baseline: {baseline}")


# --- the synthetic sets in the repository -----------------------------------------------------


def synthetic(name: str) -> None:
    rows = [json.loads(line) for line in (DEVSET / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    print(f"\n{name}.jsonl: {len(rows)} synthetic texts, {sum(r['urgency'] == 'P0' for r in rows)} with P0 danger")
    print(f"  {'language':<10} {'P0 recall':>16} {'false P0 rate':>16} {'P0 precision':>16} {'P1 recall':>12}")
    by_language: dict[str, list[tuple[dict, Suggestion]]] = defaultdict(list)
    for row in rows:
        by_language[row["lang"]].append((row, timed(row["text"])))
    everything = [pair for pairs in by_language.values() for pair in pairs]
    for language, pairs in [*sorted(by_language.items()), ("all", everything)]:
        expected = [(row, found) for row, found in pairs if row["urgency"] == "P0"]
        others = [(row, found) for row, found in pairs if row["urgency"] != "P0"]
        p1 = [(row, found) for row, found in pairs if row["urgency"] == "P1"]
        hits = sum(is_p0(found) for _, found in expected)
        false = sum(is_p0(found) for _, found in others)
        p1_hits = sum(bool(set(row["signals"]) & set(found.signals)) for row, found in p1)
        print(
            f"  {language:<10} {share(hits, len(expected)):>16} {share(false, len(others)):>16}"
            f" {share(hits, hits + false):>16} {share(p1_hits, len(p1)):>12}"
        )
    families: dict[str, list[tuple[dict, Suggestion]]] = defaultdict(list)
    for row, found in everything:
        families[row["family"]].append((row, found))
    print("  by family (danger: share found with its signal; harmless: share raised to P0):")
    for family, pairs in sorted(families.items()):
        if pairs[0][0]["urgency"] is None:
            print(f"    {family:<22} false P0 {share(sum(is_p0(found) for _, found in pairs), len(pairs))}")
        else:
            found_right = sum(set(row["signals"]) <= set(found.signals) for row, found in pairs)
            print(f"    {family:<22} found {share(found_right, len(pairs))}")
    misses = [row for row, found in everything if row["urgency"] == "P0" and not is_p0(found)]
    falses = [row for row, found in everything if row["urgency"] != "P0" and is_p0(found)]
    for row in misses:
        print(f"    missed P0: {row['id']} ({row['lang']}, {row['family']})")
    for row in falses:
        print(f"    false P0:  {row['id']} ({row['lang']}, {row['family']})")


def corrections(path: Path) -> None:
    """Analysts' corrections, exported by `manage.py export_triage_examples` (text + labels)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = [row for row in rows if row.get("urgency") == "P0"]
    others = [row for row in rows if row.get("urgency") != "P0"]
    hits = sum(is_p0(timed(row["text"])) for row in expected)
    false = sum(is_p0(timed(row["text"])) for row in others)
    print(f"\n{path.name}: {len(rows)} analyst-labelled examples")
    print(f"  P0 recall {share(hits, len(expected))}, false P0 rate {share(false, len(others))}")


# --- the public datasets -------------------------------------------------------------------------


def omcd(data: Path, split: str) -> None:
    train = dedupe((row["comment"], row["off"]) for row in read_csv(data / "omcd" / "train.csv"))
    test = dedupe((row["comment"], row["off"]) for row in read_csv(data / "omcd" / "test.csv"))
    seen = {text for text, _ in train}
    rows = train if split == "dev" else [(text, label) for text, label in test if text not in seen]
    if split == "all":
        rows = train + [(text, label) for text, label in test if text not in seen]
    tally = Tally()
    for text, label in rows:
        found = timed(text)
        tally.pairs.append((label == "1", is_offensive(found)))
        tally.add_harmless(text, found)
    print(
        f"\nOMCD (Moroccan Darija, Arabic script; {'train.csv' if split == 'dev' else 'test.csv less train texts'}, deduplicated)"
    )
    print_offensive("ary (Arabic script)", tally, BASELINES["omcd"])


def darija_offensive(data: Path, split: str) -> None:
    path = data / "moroccan-darija-offensive" / "Moroccan_Darija_Offensive_Language_Detection_Dataset.csv"
    rows = dedupe((row["text"], row["label"]) for row in read_csv(path, "utf-8-sig"))
    by_script: dict[str, Tally] = defaultdict(Tally)
    for text, label in rows:
        if not in_split(text.strip(), split):
            continue
        found = timed(text)
        tally = by_script[script_of(text)]
        tally.pairs.append((label == "1", is_offensive(found)))
        tally.add_harmless(text, found)
    print(f"\nMoroccan Darija Offensive ({split} fifth by text hash, deduplicated)")
    for script in ("arabic", "latin"):
        print_offensive(f"ary ({script} script)", by_script[script], BASELINES["darija"] if script == "arabic" else "")


def mlma(data: Path, split: str) -> None:
    files = {"fr": "fr_dataset.csv", "ar": "ar_dataset.csv", "en": "en_dataset_with_stop_words.csv"}
    print(f"\nMLMA hate speech ({split} fifth by text hash, deduplicated); toxic = any label but 'normal'")
    for language, name in files.items():
        rows = dedupe((row["tweet"], row["sentiment"]) for row in read_csv(data / "mlma-hate-speech" / name))
        tally, hate = Tally(), []
        for text, sentiment in rows:
            if not in_split(text.strip(), split):
                continue
            labels = set(str(sentiment).split("_"))
            found = timed(text)
            toxic = labels != {"normal"}
            tally.pairs.append((toxic, is_offensive(found)))
            hate.append((bool(labels & {"hateful", "fearful"}), "hate_speech" in found.categories))
            if not toxic:
                tally.add_harmless(text, found)
        majority = max(Counter(truth for truth, _ in tally.pairs).items(), key=lambda item: item[1])[0]
        print_offensive(language, tally, "")
        print(f"  {'':<22} hateful macro-F1 {macro_f1(hate):.3f}")
        print(f"  {'':<22} baseline: {BASELINES['mlma']}: {macro_f1([(t, majority) for t, _ in tally.pairs]):.3f}")


def cyberagression(data: Path, split: str) -> None:
    rows = read_csv(data / "cyberagressionado-large" / "cyberagressionado_large_majority_vote.csv")
    tally, threats, defenders = Tally(), Tally(), Tally()
    for row in rows:
        if not in_split(row["scenario"], split):
            continue
        text = row["TEXT"]
        found = timed(text)
        aggressive = row["HATE"] in {"OAG", "CAG"}
        tally.pairs.append((aggressive, is_offensive(found)))
        if row["VERBAL_ABUSE"] == "THR":
            threats.danger += 1
            threats.danger_found += bool(
                {"threat", "credible_threat"} & set(found.signals) or "threats" in found.categories
            )
            threats.danger_p0 += is_p0(found)
        if not aggressive:
            tally.add_harmless(text, found)
        if row["INTENTION"] in {"DFN", "CNS", "EMP", "CR"}:
            defenders.add_harmless(text, found)
            defenders.pairs.append((aggressive, is_offensive(found)))
    print(f"\nCyberAgressionAdo-Large (French teens' chats; {split} fifth of the conversations by name hash)")
    print_offensive("fr", tally, BASELINES["cyberagression"])
    print(
        f"  {'':<22} threats (THR) found {share(threats.danger_found, threats.danger)}, raised to P0 {share(threats.danger_p0, threats.danger)}"
    )
    flagged = sum(guess for _, guess in defenders.pairs)
    print(
        f"  {'':<22} defenders and counter-speech: flagged offensive {share(flagged, len(defenders.pairs))},"
        f" raised to P0 {share(defenders.harmless_p0, defenders.harmless)}"
    )


def user_posts(raw: str) -> list[str]:
    """The C-SSRS `Post` column: a Python-like list of strings that does not always parse."""
    body = raw.strip().removeprefix("[").removesuffix("]")
    return [part.strip(" '\"") for part in re.split(r"""['"]\s*,\s*['"]""", body) if part.strip(" '\"")]


def cssrs(data: Path, split: str) -> None:
    rows = read_csv(data / "reddit-cssrs-suicide" / "500_Reddit_users_posts_labels.csv")
    by_label: dict[str, Tally] = defaultdict(Tally)
    for row in rows:
        if not in_split(row["User"], split):
            continue
        found = timed(" \n".join(user_posts(row["Post"])))
        tally = by_label[row["Label"]]
        if row["Label"] == "Supportive":
            tally.harmless += 1
            tally.harmless_p0 += is_p0(found)
        else:
            tally.add_danger(found, signals={"self_harm"})
    print(f"\nReddit C-SSRS (English, one text per user: all their posts; {split} fifth of the users by hash)")
    for label in ("Attempt", "Behavior", "Ideation", "Indicator"):
        tally = by_label[label]
        print(f"  en {label:<10} self-harm found {share(tally.danger_found, tally.danger)}")
    supportive = by_label["Supportive"]
    print(
        f"  en {'Supportive':<10} (helpers, no risk) raised to P0 {share(supportive.harmless_p0, supportive.harmless)}"
    )
    print(f"  {'':<13} baseline: {BASELINES['cssrs']}")


# --- time ---------------------------------------------------------------------------------------------


def timing() -> None:
    every = sorted(seconds for seconds, _ in TIMINGS)
    slowest, length = max(TIMINGS)
    portal = sorted(seconds for seconds, size in TIMINGS if size <= LONGEST_DESCRIPTION)
    print(f"\nCPU time per text, suggest() in this process ({len(every):,} texts read above, one core)")
    print(
        f"  p50 {percentile(every, 50):.2f} ms, p99 {percentile(every, 99):.2f} ms, max {slowest * 1000:.1f} ms"
        f" (a text of {length:,} characters); texts the portal accepts ({len(portal):,}, at most"
        f" {LONGEST_DESCRIPTION:,} characters): p99 {percentile(portal, 99):.2f} ms, max {portal[-1] * 1000:.1f} ms"
    )
    texts = longest_texts()
    half = len(texts) // 2
    groups = (
        ("an ordinary story with one danger sentence", texts[:half]),
        ("danger phrases only (worst case)", texts[half:]),
    )
    for _, group in groups:
        for text in group:  # a first reading fills the caches of word forms, as in a running worker
            suggest(text)
    gc.collect()
    gc.freeze()  # the caches just filled, as in a worker that has read such texts
    for label, group in groups:
        cpu, wall = zip(*(cost(text) for text in group), strict=True)
        print(
            f"  {LONGEST_DESCRIPTION:,} characters, {label}, n={len(group)}: CPU p50 {percentile(sorted(cpu), 50):.1f} ms,"
            f" max {max(cpu) * 1000:.1f} ms; wall p50 {percentile(sorted(wall), 50):.1f} ms, max {max(wall) * 1000:.1f} ms"
        )


def percentile(values: list[float], pct: int) -> float:
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))] * 1000


# Ordinary sentences of a long report, in the four languages (synthetic).
NARRATIVE = (
    "Depuis la rentrée, un groupe de ma classe publie des commentaires sur mes photos et m'envoie des messages la nuit.",
    "J'ai bloqué le compte mais ils en créent un nouveau chaque semaine, avec mon prénom et la photo de mon profil.",
    "Since September some students from my school keep posting about me in a group chat and sharing screenshots.",
    "I told my teacher about it last week and she said she would talk to the head of the school on Monday.",
    "had chi bdaw mn l3am li fat, kaydiro groupe f whatsapp w kaykatbo fih 3liya kolchi.",
    "ana ma 3reftch chkoun li dar dak lcompte, walakin s7abi galo liya bli wa7d mn l9ism.",
    "من الشهر الماضي وهوما كيكتبو عليا فالكروب ديال القسم وكيصيفطو التصاور ديالي لناس ما كنعرفهمش.",
    "قلت لماما على هادشي ولكن ما عرفاتش شنو تدير، وبغيت نعرف كيفاش نحيد هاد الحساب.",
)


def longest_texts() -> list[str]:
    """Reports of 10,000 characters (the portal's limit): an ordinary story in four languages
    with one danger sentence in it, and the worst case, development texts strung together
    (hundreds of danger phrases)."""
    rows = [json.loads(line)["text"] for line in (DEVSET / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    stories, strung = [], []
    for offset in range(0, len(rows), 10):
        story, index = [], offset
        while sum(len(part) + 1 for part in story) < LONGEST_DESCRIPTION:
            story.append(NARRATIVE[index % len(NARRATIVE)])
            index += 1
        story.insert(len(story) // 2, rows[offset])
        stories.append("\n".join(story)[:LONGEST_DESCRIPTION])
        chunk, index = [], offset
        while sum(len(part) + 1 for part in chunk) < LONGEST_DESCRIPTION:
            chunk.append(rows[index % len(rows)])
            index += 1
        strung.append("\n".join(chunk)[:LONGEST_DESCRIPTION])
    return stories + strung


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the public datasets")
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
    parser.add_argument("--examples", type=Path, help="analysts' corrections (export_triage_examples) to score too")
    args = parser.parse_args()
    # As gunicorn.conf.py does once a worker has loaded the app: the collector then skips the
    # lexicons instead of pausing a text for them.
    suggest("")
    gc.collect()
    gc.freeze()
    print(f"Triage assistant {ENGINE}: hand-written rules and lexicons, nothing learned from these data")
    for name in ("dev", "heldout"):
        synthetic(name)
    if args.examples:
        corrections(args.examples)
    sets: list[Callable[[Path, str], None]] = [omcd, darija_offensive, mlma, cyberagression, cssrs]
    if args.data.is_dir():
        for scored in sets:
            scored(args.data, args.split)
    else:
        print(f"\nNo public datasets at {args.data}: only the synthetic sets were scored.")
    timing()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
