"""GET /knowledge/<doc_id>: the document an answer cites, so a citizen can check the quote.

Markdown, text and web pages are shown as a plain page of the text the bot quotes from (so a
``#:~:text=`` fragment finds the quoted sentence); PDF, Word and HWPX files are served as the
original file (a PDF's link names the page of the quote, ``#page=N``: civicbot.citations): a PDF
shown in the browser, Word and HWPX downloaded under their own names. Only documents in the index
are served, and only while their file still lies inside the knowledge folder once every link is
followed: the path never reaches the disk unchecked.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath

from aiohttp import web

from civicbot import keys
from civicbot.citations import as_of
from civicbot.i18n import catalogue
from civicbot.ingest import ORIGINAL_TYPES, followed
from civicbot.web.errors import ApiError
from civicbot.web.handlers import content_disposition
from civicbot.web.templating import page_language, render

# Originals a browser shows itself (its PDF viewer). Word and HWPX files (and any other original)
# are downloaded: shown "inline", a browser saves them under the last part of the address or a
# name of its own ("download"), which says nothing of the document.
_SHOWN_IN_BROWSER = {".pdf"}


async def document(request: web.Request) -> web.StreamResponse:
    """The document itself: a plain page of its text, or its original file (PDF, DOCX, HWPX).

    404 (``not_found``) for a doc_id the index lacks, and for one whose file now leads outside
    the knowledge folder (a link put in its place after the index was built: ingest.followed).
    """
    slot = request.app[keys.ENGINE]
    if slot.engine is None:
        raise ApiError(503, "engine_loading", "The documents are still loading; try again in a moment.")
    knowledge = slot.engine.knowledge
    # Links use the composed form (NFC); a browser or a hand-typed address may decompose it.
    doc_id = unicodedata.normalize("NFC", request.match_info["doc_id"])
    doc = knowledge.documents.get(doc_id)
    if doc is None:
        raise ApiError(404, "not_found", f"No document {doc_id!r}.")
    root = request.app[keys.SETTINGS].knowledge_dir
    # The name as the disk spells it, every link followed: read_document refused links that lead
    # outside the folder; this refuses one made since (defence in depth).
    path = followed(root / (doc.file or doc_id), root)
    if path is None:
        raise ApiError(404, "not_found", f"No document {doc_id!r}.")
    suffix = "." + doc.fmt
    if suffix in ORIGINAL_TYPES:
        if not path.is_file():
            raise ApiError(404, "not_found", f"No document {doc_id!r}.")
        name = PurePosixPath(doc_id).name  # composed (NFC), as the browser shows the link
        return web.FileResponse(
            path,
            headers={
                "Content-Type": ORIGINAL_TYPES[suffix],
                "Content-Disposition": content_disposition(name, inline=suffix in _SHOWN_IN_BROWSER),
                "X-Content-Type-Options": "nosniff",
            },
        )
    lang = page_language(request)
    text = catalogue().texts("knowledge_page", lang, when=as_of(doc.updated, lang))
    return render(
        request,
        "knowledge.html",
        lang=lang,
        doc=doc,
        sections=knowledge.sections(doc_id),
        stale=bool(as_of(doc.updated, lang)),
        text=text,
    )


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/knowledge/{doc_id:.+}", document)
