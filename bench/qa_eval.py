"""Question-answering evaluation over the bundled Seoul knowledge.

    python bench/qa_eval.py            # the figures for the shipped configuration
    python bench/qa_eval.py --modes    # also dense-only and lexical-only retrieval, for comparison
    python bench/qa_eval.py --failures # list every question with the wrong outcome
    python bench/qa_eval.py --fit      # refit the evidence weights, with a cross-validated estimate

Retrieval figures (Recall@1, Recall@3, MRR) are over in-scope questions, by document. An outcome is
right when an in-scope question is answered from an expected document, or an out-of-scope one is
refused (no document quoted).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from _common import ROOT, bench_settings

from civicbot import dialogue as dialogue_module
from civicbot.db import Database
from civicbot.engine import build_engine

DATA = ROOT / "bench" / "data" / "qa_eval.yaml"


def slug(doc_id: str) -> str:
    return Path(doc_id).stem


@dataclass
class Row:
    question: str
    language: str
    expect: list[str]
    ranked: list[str]  # document slugs, best first
    answered: str | None  # slug of the quoted document, None when refused
    intent: str
    features: tuple[float, float, float]  # dense_z, coverage, dense

    @property
    def in_scope(self) -> bool:
        return bool(self.expect)

    @property
    def right(self) -> bool:
        if self.in_scope:
            return self.answered in self.expect
        return self.answered is None and self.intent in ("out_of_scope", "ask_question")


def ranked_slugs(result) -> list[str]:
    out: list[str] = []
    for hit in result.hits:
        name = slug(hit.chunk.doc_id)
        if name not in out:
            out.append(name)
    return out


async def evaluate(engine, items: list[dict], mode: str) -> list[Row]:
    engine.knowledge.mode = mode
    rows = []
    for item in items:
        question, language = item["q"], item.get("lang", "ko")
        vector = await engine.dialogue.encoder.encode(question)
        result = engine.knowledge.search(question, k=30, language=language, query_vector=vector, mode=mode)
        reply = await engine.dialogue.understand(question, language)
        top = result.hits[0]
        rows.append(
            Row(
                question,
                language,
                list(item["expect"]),
                ranked_slugs(result),
                slug(reply.sources[0].doc_id) if reply.sources else None,
                reply.intent,
                (result.dense_z, top.lexical, top.dense),
            )
        )
    return rows


def retrieval(rows: list[Row]) -> dict[str, float]:
    scoped = [r for r in rows if r.in_scope]
    ranks = []
    for r in scoped:
        positions = [i for i, s in enumerate(r.ranked) if s in r.expect]
        ranks.append(positions[0] + 1 if positions else None)
    return {
        "recall@1": sum(1 for k in ranks if k == 1) / len(ranks),
        "recall@3": sum(1 for k in ranks if k and k <= 3) / len(ranks),
        "mrr": sum(1 / k for k in ranks if k) / len(ranks),
    }


def outcomes(rows: list[Row]) -> dict[str, float]:
    refused = [r for r in rows if r.answered is None]
    oos = [r for r in rows if not r.in_scope]
    true_refusals = [r for r in refused if not r.in_scope]
    return {
        "abstention_precision": len(true_refusals) / len(refused) if refused else 1.0,
        "abstention_recall": len(true_refusals) / len(oos) if oos else 1.0,
        "right_outcome": sum(r.right for r in rows) / len(rows),
    }


def print_figures(label: str, rows: list[Row]) -> None:
    figures = {**retrieval(rows), **outcomes(rows)}
    print(f"{label:<8} " + "  ".join(f"{k}={v:.3f}" for k, v in figures.items()))


def fit(rows: list[Row], folds: int = 5) -> None:
    """Logistic regression of 'answerable' on the evidence features, with k-fold estimate."""
    x = np.array([[r.features[0], r.features[1], r.features[2] - 0.8] for r in rows])
    y = np.array([1.0 if r.in_scope and r.ranked[:1] and r.ranked[0] in r.expect else 0.0 for r in rows])

    def train(xs, ys):
        w, b = np.zeros(xs.shape[1]), 0.0
        for _ in range(20000):
            p = 1 / (1 + np.exp(-(xs @ w + b)))
            w -= 0.05 * (xs.T @ (p - ys) / len(ys) + 1e-3 * w)
            b -= 0.05 * float(np.mean(p - ys))
        return w, b

    rng = np.random.default_rng(7)
    order = rng.permutation(len(rows))
    correct = 0
    for k in range(folds):
        test = order[k::folds]
        trainset = np.setdiff1d(order, test)
        w, b = train(x[trainset], y[trainset])
        predicted = (x[test] @ w + b) > 0
        correct += int(np.sum(predicted == (y[test] > 0.5)))
    w, b = train(x, y)
    print(f"fitted: bias={b:.2f} z={w[0]:.2f} coverage={w[1]:.2f} dense={w[2]:.2f}")
    print(f"{folds}-fold cross-validated accuracy of the answer/refuse decision: {correct / len(rows):.3f}")


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modes", action="store_true", help="also evaluate dense-only and lexical-only")
    parser.add_argument("--failures", action="store_true", help="print the questions with wrong outcomes")
    parser.add_argument("--fit", action="store_true", help="refit the evidence weights")
    args = parser.parse_args()
    items = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(Path(tmp), CIVICBOT_QUERY_CACHE_SIZE="0")
        db = Database(settings.db_path)
        db.open()
        executor = ThreadPoolExecutor(2)
        try:
            engine = build_engine(settings, db, executor)
            scoped = sum(1 for i in items if i["expect"])
            print(
                f"{len(items)} questions: {scoped} in scope, {len(items) - scoped} out of scope; "
                f"embedder {engine.embedder.id}; answer threshold {settings.answer_threshold}"
            )
            rows = await evaluate(engine, items, "hybrid")
            print_figures("hybrid", rows)
            if args.modes:
                for mode in ("dense", "lexical"):
                    print_figures(mode, await evaluate(engine, items, mode))
            if args.failures:
                for r in rows:
                    if not r.right:
                        z, cov, dense = r.features
                        print(
                            f"  ✗ [{r.intent}] {r.question!r} expect={r.expect} answered={r.answered} "
                            f"ranked={r.ranked[:3]} z={z:.2f} cov={cov:.2f} dense={dense:.3f} "
                            f"evidence={dialogue_module.evidence_of_features(z, cov, dense):.2f}"
                        )
            if args.fit:
                fit(rows)
        finally:
            executor.shutdown()
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
