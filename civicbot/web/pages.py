"""Human-facing pages. For now a plain start page that says what runs here."""

from __future__ import annotations

from aiohttp import web

from civicbot.web.templating import STATIC

_INDEX = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>CivicBot</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5">
<h1>CivicBot</h1>
<p>서울 시민 챗봇 서버가 실행 중입니다. The city's civic chatbot is running.</p>
<ul>
<li><code>POST /api/chat</code> &mdash; {"conversation_id": "...", "text": "S-Net이 뭐예요?"}</li>
<li><a href="/api/knowledge/search?q=%EC%99%80%EC%9D%B4%ED%8C%8C%EC%9D%B4">/api/knowledge/search?q=와이파이</a></li>
<li><a href="/api/openapi.json">/api/openapi.json</a> &mdash; OpenAPI</li>
<li><a href="/healthz">/healthz</a></li>
</ul></body></html>"""


async def index(request: web.Request) -> web.Response:
    return web.Response(text=_INDEX, content_type="text/html")


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_static("/static", STATIC, append_version=False)
