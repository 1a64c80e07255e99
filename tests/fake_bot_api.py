"""A local fake of the Telegram Bot API: the network boundary of the Telegram channel, and nothing more.

An aiohttp app that answers the methods the bot calls the way api.telegram.org does (the same URL
shapes, form-encoded parameters with JSON-encoded objects, ``{"ok": ..., "result": ...}`` replies,
429 with ``parameters.retry_after``), records every call, and serves files under
``/file/bot<token>/``. Used by tests/test_telegram*.py and bench/telegram_load.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field

import pytest
from aiohttp import web

JSON_FIELDS = {"reply_markup", "commands", "scope", "allowed_updates", "link_preview_options", "entities"}
BOT_USER = {
    "id": 777000111,
    "is_bot": True,
    "first_name": "CivicBot",
    "username": "civicbot_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict
    at: float = field(default_factory=time.monotonic)
    result: object = None  # what the fake answered (a sent message has its message_id here)


class FakeBotAPI:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.files: dict[str, bytes] = {}
        self.failures: dict[str, list[tuple[int, str, int | None]]] = {}
        self.pending_updates: list[dict] = []
        self._news = asyncio.Event()
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self.runner: web.AppRunner | None = None
        self.url = ""

    # -- running -----------------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._method)
        app.router.add_get("/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        return app

    async def start(self) -> str:
        self.runner = web.AppRunner(self.app(), access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    # -- what a test sets up -----------------------------------------------------------------
    def fail_next(self, method: str, status: int, description: str, retry_after: int | None = None) -> None:
        self.failures.setdefault(method, []).append((status, description, retry_after))

    def add_file(self, file_id: str, content: bytes) -> None:
        self.files[file_id] = content

    def queue_update(self, update: dict) -> None:
        """An update for getUpdates (polling mode)."""
        self.pending_updates.append(update)
        self._news.set()

    # -- what a test asserts -----------------------------------------------------------------
    def calls_to(self, method: str) -> list[dict]:
        return [call.params for call in self.calls if call.method == method]

    async def wait_for(self, method: str, predicate=lambda params: True, timeout: float = 15.0) -> dict:
        """The first call to method matching predicate, waiting for it to happen."""

        def found() -> dict | None:
            return next((p for p in self.calls_to(method) if predicate(p)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
        result = found()
        assert result is not None
        return result

    # -- the API -----------------------------------------------------------------------------
    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await self._params(request)
        call = await self._record(method, params)
        queued = self.failures.get(method)
        if queued:
            status, description, retry_after = queued.pop(0)
            body: dict = {"ok": False, "error_code": status, "description": description}
            if retry_after is not None:
                body["parameters"] = {"retry_after": retry_after}
            return web.json_response(body, status=status)
        handler = getattr(self, "_" + method, None)
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"}, status=404
            )
        result = await handler(params)
        if isinstance(result, web.Response):
            return result
        call.result = result
        return web.json_response({"ok": True, "result": result})

    async def _record(self, method: str, params: dict) -> Call:
        call = Call(method, params)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return call

    def sent_to(self, chat_id: int) -> list[tuple[dict, int]]:
        """(params, message_id) of every message sent to a chat, oldest first."""
        return [
            (call.params, call.result["message_id"])
            for call in self.calls
            if call.method == "sendMessage"
            and isinstance(call.result, dict)
            and int(call.params["chat_id"]) == chat_id
        ]

    @staticmethod
    async def _params(request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params: dict = {}
        for key, value in form.items():
            if isinstance(value, str) and key in JSON_FIELDS:
                params[key] = json.loads(value)
            elif isinstance(value, str):
                params[key] = value
        return params

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1].split(".")[0]
        if file_id not in self.files:
            return web.Response(status=404)
        await self._record("download", {"path": request.match_info["path"]})
        return web.Response(body=self.files[file_id], content_type="image/jpeg")

    def _message(self, params: dict, **extra: object) -> dict:
        chat_id = int(params["chat_id"])
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
            **extra,
        }

    async def _getMe(self, params: dict) -> dict:
        return BOT_USER

    async def _setWebhook(self, params: dict) -> bool:
        return True

    async def _deleteWebhook(self, params: dict) -> bool:
        return True

    async def _setMyCommands(self, params: dict) -> bool:
        return True

    async def _answerCallbackQuery(self, params: dict) -> bool:
        return True

    async def _sendMessage(self, params: dict) -> dict:
        return self._message(params, text=params.get("text", ""))

    async def _sendPhoto(self, params: dict) -> dict:
        return self._message(params, photo=[])

    async def _editMessageText(self, params: dict) -> dict:
        message = self._message(params, text=params.get("text", ""))
        message["message_id"] = int(params["message_id"])
        return message

    async def _editMessageReplyMarkup(self, params: dict) -> dict:
        message = self._message(params, text="")
        message["message_id"] = int(params["message_id"])
        return message

    async def _getFile(self, params: dict) -> dict | web.Response:
        file_id = params["file_id"]
        if file_id not in self.files:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}, status=400
            )
        return {
            "file_id": file_id,
            "file_unique_id": "u" + file_id,
            "file_size": len(self.files[file_id]),
            "file_path": f"photos/{file_id}.jpg",
        }

    async def _getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 1.0)  # short, so a test never waits long
        if offset:
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        if not self.pending_updates and timeout:
            self._news.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._news.wait(), timeout)
        return list(self.pending_updates)


# -- updates as Telegram sends them ------------------------------------------------------------
_ids = itertools.count(1)


def _user(user_id: int, language: str | None) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "시민"}
    if language:
        user["language_code"] = language
    return user


def _chat(chat_id: int) -> dict:
    return {"id": chat_id, "type": "private", "first_name": "시민"}


def message_update(update_id: int, chat_id: int, language: str | None = "ko", **content: object) -> dict:
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id),
        "from": _user(chat_id, language),
        **content,
    }
    text = content.get("text")
    if isinstance(text, str) and text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": update_id, "message": message}


def text_update(update_id: int, chat_id: int, text: str, language: str | None = "ko") -> dict:
    return message_update(update_id, chat_id, language, text=text)


def location_update(update_id: int, chat_id: int, lat: float, lon: float, language: str = "ko") -> dict:
    return message_update(update_id, chat_id, language, location={"latitude": lat, "longitude": lon})


def photo_update(update_id: int, chat_id: int, sizes: list[tuple[str, int]], language: str = "ko") -> dict:
    """sizes: (file_id, file_size) from the smallest to the largest, as Telegram lists them."""
    photo = [
        {
            "file_id": fid,
            "file_unique_id": "u" + fid,
            "width": 90 * (i + 1),
            "height": 90 * (i + 1),
            "file_size": n,
        }
        for i, (fid, n) in enumerate(sizes)
    ]
    return message_update(update_id, chat_id, language, photo=photo)


def callback_update(
    update_id: int, chat_id: int, data: str, message_id: int = 1, language: str | None = "ko"
) -> dict:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cq{update_id}",
            "from": _user(chat_id, language),
            "chat_instance": f"ci{chat_id}",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": _chat(chat_id),
                "from": BOT_USER,
                "text": "…",
            },
        },
    }


def button_payload(params: dict, label_part: str) -> str:
    """The callback data of the first button whose label contains label_part."""
    for label, data in inline_buttons(params):
        if label_part in label:
            return data
    raise AssertionError(f"no button with {label_part!r} in {inline_buttons(params)}")


def inline_buttons(params: dict) -> list[tuple[str, str]]:
    """(label, callback_data) of a sent message's inline keyboard, in order."""
    markup = params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


# -- driving our webhook -------------------------------------------------------------------------
TOKEN = "4242424242:AAH-fakeTokenForCivicBotTests_0123456789"
SECRET = "test-webhook-secret_7f3a"
PUBLIC_URL = "https://civicbot.example.org"


def bot_env(fake: FakeBotAPI, **overrides: str) -> dict[str, str]:
    """The settings that point our server's bot at the fake, as a webhook server."""
    return {
        "CIVICBOT_TELEGRAM_TOKEN": TOKEN,
        "CIVICBOT_TELEGRAM_SECRET": SECRET,
        "CIVICBOT_TELEGRAM_API_URL": fake.url,
        "CIVICBOT_PUBLIC_URL": PUBLIC_URL,
        **overrides,
    }


async def connected(client):
    """The test client, once its bot has called getMe, setMyCommands and setWebhook."""
    from civicbot.channels.telegram import TELEGRAM

    await asyncio.wait_for(client.app[TELEGRAM].connected.wait(), 15)
    return client


async def post(client, update: dict, secret: str | None = SECRET):
    """POST an update to our webhook the way Telegram does."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return await client.post("/telegram/webhook", json=update, headers=headers)


def to_chat(chat_id: int):
    return lambda params: int(params["chat_id"]) == chat_id


# -- fixtures shared by the Telegram tests (imported by them) --------------------------------------
@pytest.fixture
async def fake_api():
    """A fake Bot API on a free port, recording every call the bot makes."""
    fake = FakeBotAPI(TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def bot_settings(make_settings, fake_api):
    return lambda **env: make_settings(**bot_env(fake_api, **env))


@pytest.fixture
async def bot(make_client, bot_settings):
    """The real app with Telegram on, connected to the fake Bot API."""
    return await connected(await make_client(bot_settings()))
