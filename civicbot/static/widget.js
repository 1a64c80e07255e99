/*
 * CivicBot chat widget. A city puts one line on any page:
 *   <script src="https://BOT-HOST/widget.js" data-lang="ko" async></script>
 * It draws a launcher and a chat panel inside a shadow root (the page's CSS cannot reach in, ours
 * cannot leak out), talks to BOT-HOST over a WebSocket (HTTP when that cannot connect), and keeps
 * the conversation in localStorage so it survives page loads. Authentication is the anonymous
 * session token in a header (or the socket's first message): no cookies, nothing in URLs.
 * Every piece of text from the user or the bot is rendered with textContent.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__civicbotWidgetLoaded) return;
  window.__civicbotWidgetLoaded = true;

  var BASE = new URL(script.src, window.location.href).origin;
  var LANGUAGES = /*LANGUAGES*/ ["ko", "en"]; // one per catalogue file, filled in like STRINGS
  var LANG = LANGUAGES.indexOf(script.getAttribute("data-lang")) >= 0 ? script.getAttribute("data-lang") : "ko";
  var FORCE_HTTP = script.getAttribute("data-transport") === "http";
  var STORE_KEY = "civicbot:" + BASE;
  var HISTORY_LIMIT = 60;
  var SEOUL_CITY_HALL = [37.5665, 126.978];
  var PHOTO_MAX_BYTES = 5 * 1024 * 1024;
  // CIVICBOT_MAX_TEXT_CHARS, filled in by GET /widget.js: the composer's limit and its counter's.
  var MAX_TEXT = /*MAX_TEXT*/ 2000;
  var COUNTER_FROM = Math.floor(MAX_TEXT * 0.9); // the counter shows from 90% of the limit

  // The widget.* strings of strings/<lang>.yaml, {key: {lang: text}}: GET /widget.js fills them in.
  var STRINGS = /*CATALOGUE*/ {};
  // A vote receipt in a bot message: 26 characters of base32 (polls.normalise_receipt).
  var RECEIPT_PATTERN = /(?:영수증 코드|Receipt code): ([A-Z2-7]{26})/;

  // ``lang``: the language of one message (an English answer on a Korean page is labelled in English).
  function t(key, values, lang) {
    var text = STRINGS[key][lang] || STRINGS[key][LANG];
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  // -- storage: localStorage when the browser allows it, memory otherwise -------------------
  var memory = {};
  function load(name, fallback) {
    try {
      var raw = window.localStorage.getItem(STORE_KEY + ":" + name);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return name in memory ? memory[name] : fallback;
    }
  }
  function save(name, value) {
    memory[name] = value;
    try {
      window.localStorage.setItem(STORE_KEY + ":" + name, JSON.stringify(value));
    } catch (e) {
      /* private mode or full: memory keeps this page's conversation */
    }
  }

  // -- DOM helpers: text only ever goes in with textContent --------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeUrl(value) {
    try {
      var url = new URL(value, BASE);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // Web addresses, and this server's public pages written as paths ("/map#SEL-…", "/polls/3").
  var URL_PATTERN = /https?:\/\/[^\s<>"']+|(?:^|(?<=\s))\/(?:map|polls|complaints)(?:[\/#?][^\s<>"']*)?(?=\s|$)/g;

  /* Text with its web addresses as links: the text nodes and the link text are textContent. */
  function appendLinkified(parent, text) {
    var last = 0;
    String(text).replace(URL_PATTERN, function (match, offset) {
      var url = match.replace(/[.,;:!?)\]]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var href = safeUrl(url);
      if (href) {
        var link = el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, url);
        parent.appendChild(link);
      } else {
        parent.appendChild(document.createTextNode(url));
      }
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* A speech bubble drawn as SVG: an emoji would depend on the visitor's fonts. */
  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "launcher-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16v12H9l-5 4v-4H4z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  // -- the shadow root -------------------------------------------------------------------
  var host = el("div", { id: "civicbot-widget", "data-civicbot": "" });
  host.hidden = true; // shown once our stylesheet has loaded, so nothing flashes unstyled
  var root = host.attachShadow({ mode: "open" });
  var sheet = el("link", { rel: "stylesheet", href: BASE + "/static/widget.css" });
  sheet.addEventListener("load", function () {
    host.hidden = false;
  });
  sheet.addEventListener("error", function () {
    host.hidden = false;
  });
  root.appendChild(sheet);
  // Leaflet's stylesheet must live inside the shadow root to style the map there.
  root.appendChild(el("link", { rel: "stylesheet", href: BASE + "/static/vendor/leaflet/leaflet.css" }));

  var wrapper = el("div", { class: "cb", lang: LANG });
  var launcher = el("button", {
    type: "button",
    class: "launcher",
    "aria-expanded": "false",
    "aria-controls": "cb-panel",
  });
  launcher.appendChild(chatIcon());
  launcher.appendChild(el("span", { class: "launcher-text" }, t("launcher")));

  var panel = el("section", { id: "cb-panel", class: "panel", "aria-labelledby": "cb-title" });
  panel.hidden = true;
  var head = el("div", { class: "head" });
  head.appendChild(el("h2", { id: "cb-title" }, t("title")));
  var headButtons = el("div", { class: "head-buttons" });
  // On a shared computer the next person must not see this one's questions or vote receipts.
  var clearButton = el("button", { type: "button", class: "clear" }, t("clear"));
  var closeButton = el("button", { type: "button", class: "close", "aria-label": t("close") }, "×");
  headButtons.appendChild(clearButton);
  headButtons.appendChild(closeButton);
  head.appendChild(headButtons);

  var log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": t("log"),
    tabindex: "0",
  });
  var extras = el("div", { class: "extras" });
  var status = el("p", { class: "status", role: "status" });

  var form = el("form", { class: "composer" });
  var inputLabel = el("label", { for: "cb-input", class: "sr-only" }, t("input"));
  var input = el("input", {
    id: "cb-input",
    type: "text",
    autocomplete: "off",
    maxlength: String(MAX_TEXT),
    placeholder: t("placeholder"),
    "aria-describedby": "cb-count",
  });
  var sendButton = el("button", { type: "submit", class: "send" }, t("send"));
  // How much of the limit a long message uses, and a notice when a paste or typing reached it
  // (newcomer probe #31: the browser's maxlength cut a paste at the limit without a word). A live
  // region, so a screen reader hears it too; empty (and hidden) until it matters.
  var counter = el("p", { id: "cb-count", class: "counter", "aria-live": "polite" });
  counter.hidden = true;
  form.appendChild(inputLabel);
  form.appendChild(input);
  form.appendChild(sendButton);

  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(extras);
  panel.appendChild(status);
  panel.appendChild(form);
  panel.appendChild(counter);
  wrapper.appendChild(panel);
  wrapper.appendChild(launcher);
  root.appendChild(wrapper);

  // -- the transcript ---------------------------------------------------------------------
  var history = load("history", []);

  function remember(entry) {
    history.push(entry);
    if (history.length > HISTORY_LIMIT) history = history.slice(-HISTORY_LIMIT);
    save("history", history);
  }

  function disableOldChoices() {
    var groups = log.querySelectorAll(".choices button");
    for (var i = 0; i < groups.length; i++) groups[i].disabled = true;
  }

  function renderEntry(entry, live, replacing) {
    // A bot message is labelled in its own language, and says so to screen readers.
    var lang = entry.who === "bot" && LANGUAGES.indexOf(entry.language) >= 0 ? entry.language : LANG;
    var item = el("div", lang === LANG ? { class: "msg " + entry.who } : { class: "msg " + entry.who, lang: lang });
    item.appendChild(el("span", { class: "sr-only" }, t(entry.who === "user" ? "you" : entry.who, null, lang) + ": "));
    var body = el("p", { class: "text" });
    appendLinkified(body, entry.text || "");
    item.appendChild(body);
    if (entry.sources && entry.sources.length) item.appendChild(renderSources(entry.sources, "sources", lang));
    if (entry.related && entry.related.length) item.appendChild(renderSources(entry.related, "related", lang));
    if (entry.buttons && entry.buttons.length) item.appendChild(renderChoices(entry.buttons, live));
    var receipt = entry.who === "bot" && RECEIPT_PATTERN.exec(entry.text || "");
    if (receipt) item.appendChild(copyButton(receipt[1]));
    if (replacing) {
      log.replaceChild(item, replacing);
      return item;
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function copyButton(code) {
    var button = el("button", { type: "button", class: "copy" }, t("copyReceipt"));
    button.addEventListener("click", function () {
      var done = function () {
        status.textContent = t("copied");
      };
      var failed = function () {
        status.textContent = t("copyFailed");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(code).then(done, failed);
      else failed();
    });
    return button;
  }

  function renderSources(sources, label, lang) {
    var box = el("div", { class: "sources" });
    box.appendChild(el("span", { class: "sources-label" }, t(label, null, lang) + ": "));
    var list = el("ul");
    sources.forEach(function (source) {
      var li = el("li");
      var href = source.url ? safeUrl(source.url) : null;
      if (href) {
        li.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, source.title));
      } else {
        li.appendChild(document.createTextNode(source.title));
      }
      if (source.dated) li.appendChild(document.createTextNode(" (" + source.dated + ")"));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function renderChoices(buttons, live) {
    var group = el("div", { class: "choices", role: "group", "aria-label": t("choices") });
    buttons.forEach(function (button, index) {
      var isToggle = button.pressed === true || button.pressed === false;
      var node = el("button", { type: "button", class: "choice" + (button.pressed ? " pressed" : "") }, button.label);
      // A toggle (a poll option in a multi-choice poll) says its state to screen readers and by look.
      if (isToggle) node.setAttribute("aria-pressed", button.pressed ? "true" : "false");
      node.disabled = !live;
      node.addEventListener("click", function () {
        if (isToggle) {
          sendMessage({ payload: button.payload }, button.label, { toggleIndex: index });
          return;
        }
        // The pressed button is disabled once the reply comes: keep the keyboard in the message box.
        input.focus();
        sendMessage({ payload: button.payload }, button.label);
      });
      group.appendChild(node);
    });
    return group;
  }

  function payloadsOf(entry) {
    return (entry.buttons || [])
      .map(function (b) {
        return b.payload;
      })
      .join("\n");
  }

  /* A toggle's reply is the same screen (same buttons): edit the last message in place instead of
     posting the whole poll again, and keep the keyboard on the button that was pressed. */
  function replaceLastReply(reply, toggleIndex) {
    var last = history[history.length - 1];
    var nodes = log.querySelectorAll(".msg.bot");
    var node = nodes[nodes.length - 1];
    if (!last || last.who !== "bot" || !node || payloadsOf(last) !== payloadsOf(reply)) return false;
    var entry = { who: "bot", text: reply.text, sources: reply.sources || [], related: reply.related || [], buttons: reply.buttons || [], expects: reply.expects || null, language: reply.language || null };
    history[history.length - 1] = entry;
    save("history", history);
    var fresh = renderEntry(entry, true, node);
    var again = fresh.querySelectorAll(".choices button")[toggleIndex];
    if (again) again.focus();
    return true;
  }

  function showReply(reply) {
    disableOldChoices();
    var sources = reply.sources || [];
    var related = reply.related || [];
    var text = reply.text || "";
    // The text ends with its source line for plain-text channels; here the list below shows it.
    if ((sources.length || related.length) && text.lastIndexOf("\n\n") > 0) {
      text = text.slice(0, text.lastIndexOf("\n\n"));
    }
    var entry = {
      who: "bot",
      text: text,
      sources: sources,
      related: related,
      buttons: reply.buttons || [],
      expects: reply.expects || null,
      language: reply.language || null,
    };
    remember(entry);
    renderEntry(entry, true);
    showExtras(entry.expects);
  }

  function showNotice(text, keep) {
    var entry = { who: "notice", text: text };
    if (keep) remember(entry);
    renderEntry(entry, false);
  }

  function showUser(text) {
    disableOldChoices();
    clearExtras();
    var entry = { who: "user", text: text };
    remember(entry);
    renderEntry(entry, false);
  }

  function restoreHistory() {
    if (!history.length) {
      renderEntry(
        {
          who: "bot",
          text: t("welcome"),
          buttons: [
            { label: t("polls"), payload: "/polls" },
            { label: t("report"), payload: "/report" },
          ],
        },
        true
      );
      return;
    }
    history.forEach(function (entry, index) {
      renderEntry(entry, index === history.length - 1 && entry.who === "bot");
    });
    var last = history[history.length - 1];
    if (last.who === "bot") showExtras(last.expects);
  }

  // -- sessions and transport ---------------------------------------------------------------
  var token = load("token", null);
  var sessionPromise = null;

  function newSession() {
    if (!sessionPromise) {
      sessionPromise = fetch(BASE + "/api/sessions?language=" + LANG, { method: "POST", credentials: "omit" })
        .then(function (response) {
          if (!response.ok) throw new Error("session " + response.status);
          return response.json();
        })
        .then(function (body) {
          token = body.token;
          save("token", token);
          return token;
        })
        .finally(function () {
          sessionPromise = null;
        });
    }
    return sessionPromise;
  }

  function ensureSession() {
    return token ? Promise.resolve(token) : newSession();
  }

  function forgetSession() {
    token = null;
    save("token", null);
  }

  /* fetch with the session token; a stale token is replaced once and the call retried. */
  function authorised(path, options, retried) {
    return ensureSession().then(function (current) {
      var opts = Object.assign({ credentials: "omit" }, options);
      opts.headers = Object.assign({}, options.headers || {}, { Authorization: "Bearer " + current });
      return fetch(BASE + path, opts).then(function (response) {
        if (response.status === 401 && !retried) {
          forgetSession();
          return authorised(path, options, true);
        }
        return response;
      });
    });
  }

  function replyFrom(response) {
    return response.json().then(function (body) {
      if (!response.ok) {
        var error = new Error((body.error && body.error.message) || "HTTP " + response.status);
        error.code = body.error && body.error.code;
        throw error;
      }
      return body;
    });
  }

  var socket = null;
  var socketReady = false;
  var socketFailures = 0;
  var waiting = {}; // message id -> {resolve, reject, timer}
  var nextId = 1;
  var connecting = false; // from asking for a session until the socket is ready or has failed
  var readyListeners = []; // called with true (socket ready) or false (it failed)

  function socketSettled(ok) {
    var listeners = readyListeners;
    readyListeners = [];
    listeners.forEach(function (listener) {
      listener(ok);
    });
  }

  /* The socket when it is ready or about to be (a message typed right after opening should not
     miss it), otherwise null: the caller then uses HTTP. */
  function readySocket() {
    if (socket && socketReady) return Promise.resolve(socket);
    if (!socket && !connecting) return Promise.resolve(null);
    return new Promise(function (resolve) {
      var timer = window.setTimeout(function () {
        resolve(null);
      }, 3000);
      readyListeners.push(function (ok) {
        window.clearTimeout(timer);
        resolve(ok ? socket : null);
      });
    });
  }

  function connect() {
    if (FORCE_HTTP || !("WebSocket" in window) || socket || connecting || socketFailures >= 3) return;
    connecting = true;
    ensureSession()
      .then(function (current) {
        var url = BASE.replace(/^http/, "ws") + "/api/widget/ws";
        var ws = new WebSocket(url);
        socket = ws;
        var opened = window.setTimeout(function () {
          if (!socketReady) ws.close();
        }, 5000);
        ws.addEventListener("open", function () {
          ws.send(JSON.stringify({ type: "auth", token: current }));
        });
        ws.addEventListener("message", function (event) {
          var frame;
          try {
            frame = JSON.parse(event.data);
          } catch (e) {
            return;
          }
          if (frame.type === "ready") {
            window.clearTimeout(opened);
            socketReady = true;
            connecting = false;
            socketFailures = 0;
            socketSettled(true);
          } else if (frame.type === "notification") {
            showNotice(frame.text, true);
          } else if (frame.type === "error" && frame.error && frame.error.code === "invalid_session") {
            forgetSession();
          } else if (frame.id !== null && frame.id !== undefined && waiting[frame.id]) {
            var pending = waiting[frame.id];
            delete waiting[frame.id];
            window.clearTimeout(pending.timer);
            if (frame.type === "reply") pending.resolve(frame.reply);
            else {
              var error = new Error(frame.error ? frame.error.message : "error");
              error.code = frame.error && frame.error.code;
              pending.reject(error);
            }
          }
        });
        ws.addEventListener("close", function () {
          window.clearTimeout(opened);
          if (!socketReady) socketFailures += 1;
          socket = null;
          socketReady = false;
          connecting = false;
          socketSettled(false);
          Object.keys(waiting).forEach(function (id) {
            var pending = waiting[id];
            delete waiting[id];
            window.clearTimeout(pending.timer);
            pending.reject(new Error("socket closed"));
          });
          if (!panel.hidden) window.setTimeout(connect, 2000 * (socketFailures + 1));
        });
      })
      .catch(function () {
        socketFailures += 1;
        connecting = false;
        socketSettled(false);
      });
  }

  function viaSocket(ws, message) {
    return new Promise(function (resolve, reject) {
      var id = "m" + nextId++;
      var timer = window.setTimeout(function () {
        delete waiting[id];
        reject(new Error("timeout"));
      }, 60000);
      waiting[id] = { resolve: resolve, reject: reject, timer: timer };
      ws.send(JSON.stringify(Object.assign({ type: "message", id: id }, message)));
    });
  }

  function viaHttp(message) {
    return authorised("/api/widget/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(message),
    }).then(replyFrom);
  }

  var busy = false;

  /* The server's error codes in the citizen's language; anything else reads as a connection problem. */
  function errorText(error) {
    switch (error.code) {
      case "rate_limited":
        return t("tooMany");
      case "text_too_long":
        return t("tooLong");
      case "photo_too_large":
        return t("photoTooBig", { mb: Math.round(PHOTO_MAX_BYTES / 1048576) });
      case "not_an_image":
        return t("notImage");
      default:
        return t("offline");
    }
  }

  function sendMessage(message, shown, options) {
    if (busy) return;
    busy = true;
    var toggle = options && options.toggleIndex !== undefined;
    if (!toggle) showUser(shown);
    status.textContent = t("thinking");
    message.language = LANG;
    readySocket()
      .then(function (ready) {
        return ready ? viaSocket(ready, message) : viaHttp(message);
      })
      .then(function (reply) {
        if (toggle && replaceLastReply(reply, options.toggleIndex)) return;
        if (toggle) showUser(shown);
        showReply(reply);
      }, function (error) {
        showNotice(errorText(error), false);
      })
      .finally(function () {
        busy = false;
        status.textContent = "";
      });
  }

  function sendPhoto(file) {
    if (busy) return;
    widgetConfig().then(function (config) {
      var limit = config.photo_max_bytes || PHOTO_MAX_BYTES;
      if (file.size > limit) showNotice(t("photoTooBig", { mb: Math.round(limit / 1048576) }), false);
      else uploadPhoto(file);
    });
  }

  function uploadPhoto(file) {
    busy = true;
    showUser(t("photoSent", { name: file.name }));
    status.textContent = t("thinking");
    authorised("/api/widget/photo?language=" + LANG, {
      method: "POST",
      headers: { "Content-Type": file.type || "application/octet-stream" },
      body: file,
    })
      .then(replyFrom)
      .then(showReply, function (error) {
        showNotice(errorText(error), false);
      })
      .finally(function () {
        busy = false;
        status.textContent = "";
      });
  }

  function pollNotifications() {
    if (!token || (socket && socketReady)) return;
    authorised("/api/widget/notifications", { method: "GET" })
      .then(replyFrom)
      .then(function (body) {
        body.notifications.forEach(function (n) {
          showNotice(n.text, true);
        });
      })
      .catch(function () {
        /* offline for now: the notifications stay queued on the server */
      });
  }

  // -- location picker and photo upload --------------------------------------------------
  var leafletPromise = null;

  /* Leaflet from our server, loaded only when a map is needed. noConflict() gives the page back
     its own window.L if it had one. */
  function loadLeaflet() {
    if (!leafletPromise) {
      leafletPromise = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = BASE + "/static/vendor/leaflet/leaflet.js";
        tag.async = true;
        tag.onload = function () {
          resolve(window.L.noConflict());
        };
        tag.onerror = function () {
          leafletPromise = null;
          reject(new Error("leaflet"));
        };
        document.head.appendChild(tag);
      });
    }
    return leafletPromise;
  }

  var activeMap = null;

  function clearExtras() {
    if (activeMap) {
      activeMap.remove();
      activeMap = null;
    }
    while (extras.firstChild) extras.removeChild(extras.firstChild);
  }

  function showExtras(expects) {
    clearExtras();
    if (expects === "location") showLocationPicker();
    else if (expects === "photo") showPhotoPicker();
    log.scrollTop = log.scrollHeight; // the picker took room from the log: keep the question in view
  }

  function formatCoordinate(value) {
    return value.toFixed(5);
  }

  function showLocationPicker() {
    var box = el("div", { class: "picker" });
    box.appendChild(el("p", { class: "hint" }, t("mapHelp")));
    var mapNode = el("div", { class: "map", role: "application", "aria-label": t("mapLabel") });
    var picked = el("p", { class: "picked", "aria-live": "polite" });
    var actions = el("div", { class: "actions" });
    var geoButton = el("button", { type: "button" }, t("myLocation"));
    var sendPlace = el("button", { type: "button", class: "primary" }, t("sendPlace"));
    var fullButton = el("button", { type: "button", class: "full", "aria-pressed": "false" }, t("fullMap"));
    actions.appendChild(sendPlace);
    actions.appendChild(fullButton);
    if (navigator.geolocation) actions.appendChild(geoButton);
    box.appendChild(mapNode);
    box.appendChild(picked);
    box.appendChild(actions);
    extras.appendChild(box);

    // The map opens on City Hall, but nothing is picked until the citizen picks: a report sent
    // with the untouched starting point would sit at City Hall on the public map.
    var point = SEOUL_CITY_HALL.slice();
    var chosen = false;
    var userMoved = false; // the map's own moves (its first layout) are no pick
    picked.textContent = t("pickFirst");
    sendPlace.setAttribute("aria-disabled", "true");
    function setPoint(lat, lon) {
      point = [lat, lon];
      chosen = true;
      sendPlace.removeAttribute("aria-disabled");
      picked.textContent = t("picked", { lat: formatCoordinate(lat), lon: formatCoordinate(lon) });
    }

    sendPlace.addEventListener("click", function () {
      if (!chosen) {
        // aria-disabled rather than disabled: the button stays reachable, and says why it waits.
        picked.textContent = "";
        picked.textContent = t("pickFirst");
        return;
      }
      setFullMap(false);
      sendMessage(
        { location: { lat: point[0], lon: point[1] } },
        t("placeSent", { lat: formatCoordinate(point[0]), lon: formatCoordinate(point[1]) })
      );
      // The picker (and this button) is gone now: give the keyboard back to the message box, so
      // typing and Escape keep working.
      input.focus();
    });
    fullButton.addEventListener("click", function () {
      setFullMap(!panel.classList.contains("fullmap"));
      fullButton.focus();
    });
    geoButton.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          userMoved = true;
          setPoint(position.coords.latitude, position.coords.longitude);
          if (activeMap) activeMap.setView(point, 16);
        },
        function () {
          showNotice(t("noGeo"), false);
        },
        { timeout: 10000 }
      );
    });

    Promise.all([loadLeaflet(), widgetConfig()])
      .then(function (loaded) {
        var L = loaded[0];
        if (!mapNode.isConnected) return;
        var map = L.map(mapNode, { center: point, zoom: 12, maxZoom: 18, keyboard: true });
        activeMap = map;
        baseMap(L, map, loaded[1]);
        var marker = L.circleMarker(point, { radius: 9, color: "#b3261e", weight: 3, fillOpacity: 0.5 });
        marker.addTo(map);
        var followCentre = true; // arrow keys move the map, and the pick stays in its centre
        map.on("click", function (event) {
          followCentre = false;
          marker.setLatLng(event.latlng);
          setPoint(event.latlng.lat, event.latlng.lng);
        });
        mapNode.addEventListener("keydown", function () {
          followCentre = true;
          userMoved = true;
        });
        map.on("dragstart", function () {
          userMoved = true;
        });
        map.on("moveend", function () {
          if (!followCentre || !userMoved) return;
          var centre = map.getCenter();
          marker.setLatLng(centre);
          setPoint(centre.lat, centre.lng);
        });
        var resize = function () {
          if (activeMap === map) map.invalidateSize();
        };
        window.setTimeout(resize, 50);
      })
      .catch(function () {
        mapNode.textContent = t("mapFailed");
      });
  }

  /* Public settings the widget needs (the photo size limit). */
  var configPromise = null;
  function widgetConfig() {
    if (!configPromise) {
      configPromise = fetch(BASE + "/api/widget/config", { credentials: "omit" })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .catch(function () {
          return {};
        });
    }
    return configPromise;
  }

  function setFullMap(on) {
    panel.classList.toggle("fullmap", on);
    var button = extras.querySelector("button.full");
    if (button) {
      button.textContent = t(on ? "smallMap" : "fullMap");
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    if (activeMap) {
      var map = activeMap;
      window.setTimeout(function () {
        if (activeMap === map) map.invalidateSize();
      }, 50);
    }
  }

  function getJson(path) {
    return fetch(BASE + path, { credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error(path + " " + response.status);
      return response.json();
    });
  }

  /* The base map: the city's tile server when CIVICBOT_MAP_TILES_URL names one; otherwise the
     구 and 동 boundaries with their names (no third-party server), the 동 under the pointer lit up. */
  function baseMap(L, map, config) {
    if (config.map_tiles_url) {
      L.tileLayer(config.map_tiles_url, { maxZoom: 19, attribution: config.map_tiles_attribution || "" }).addTo(map);
      return;
    }
    var nameKey = LANG === "en" ? "name_en" : "name_ko";
    getJson("/api/places/dongs.geojson")
      .then(function (geojson) {
        if (activeMap !== map) return;
        var base = { color: "#8a8a8a", weight: 0.6, fillColor: "#dbe7f6", fillOpacity: 0.5 };
        var lit = { color: "#0842a0", weight: 2, fillColor: "#aac4ee", fillOpacity: 0.7 };
        // One tooltip follows the pointer over the 동. Not bindTooltip: it puts focus listeners on
        // each shape's SVG path, and Chromium then makes every such path a Tab stop — 467 of them
        // between the map (where arrows move and Enter picks) and the send button.
        var tip = L.tooltip({ direction: "top", offset: [0, -10], className: "dong-hover" });
        var layer = L.geoJSON(geojson, {
          style: base,
          onEachFeature: function (feature, shape) {
            var p = feature.properties;
            var name = p[nameKey] + " · " + p[LANG === "en" ? "district_en" : "district_ko"];
            shape.on("mouseover", function (event) {
              shape.setStyle(lit);
              tip.setContent(name).setLatLng(event.latlng).addTo(map);
            });
            shape.on("mousemove", function (event) {
              tip.setLatLng(event.latlng);
            });
            shape.on("mouseout", function () {
              shape.setStyle(base);
              tip.remove();
            });
            // A click on a 동 is a pick, as on the bare map.
            shape.on("click", function (event) {
              map.fire("click", event);
            });
          },
        }).addTo(map);
        layer.bringToBack();
        var labels = L.layerGroup(
          geojson.features.map(function (feature) {
            return L.marker(feature.properties.label_at, {
              icon: L.divIcon({ className: "dong-label", html: "", iconSize: null }),
              interactive: false,
              keyboard: false,
            }).bindTooltip(feature.properties[nameKey], { permanent: true, direction: "center", className: "dong-name" });
          })
        );
        var toggleLabels = function () {
          if (map.getZoom() >= 14) labels.addTo(map);
          else labels.remove();
        };
        map.on("zoomend", toggleLabels);
        toggleLabels();
      })
      .catch(function () {
        /* the picker still works without 동 outlines */
      });
    getJson("/api/complaints/districts.geojson")
      .then(function (geojson) {
        if (activeMap !== map) return;
        var outline = { color: "#4a4a4a", weight: 2, fill: false, interactive: false };
        L.geoJSON(geojson, { style: outline, interactive: false }).addTo(map);
        geojson.features.forEach(function (feature) {
          if (!feature.properties.label_at) return;
          L.tooltip({ permanent: true, direction: "center", className: "district-name", interactive: false })
            .setLatLng(feature.properties.label_at)
            .setContent(feature.properties[nameKey])
            .addTo(map);
        });
      })
      .catch(function () {
        /* the picker still works without outlines */
      });
  }

  // The browser draws a file input's own button in its UI language ("Choose File" on a Korean
  // page): the input is kept for keyboards and screen readers but drawn as its label, a button in
  // the widget's language, with the chosen file's name beside it.
  function showPhotoPicker() {
    var box = el("div", { class: "picker" });
    var file = el("input", {
      id: "cb-photo",
      type: "file",
      accept: "image/jpeg,image/png",
      class: "file-input",
      "aria-describedby": "cb-photo-name",
    });
    var label = el("label", { for: "cb-photo", class: "file-button" }, t("photoLabel"));
    var chosen = el("span", { id: "cb-photo-name", class: "file-name" }, t("photoNone"));
    file.addEventListener("change", function () {
      chosen.textContent = file.files && file.files.length ? file.files[0].name : t("photoNone");
    });
    var row = el("div", { class: "file-row" });
    row.appendChild(file);
    row.appendChild(label);
    row.appendChild(chosen);
    var upload = el("button", { type: "button", class: "primary" }, t("sendPhoto"));
    upload.addEventListener("click", function () {
      if (!file.files || !file.files.length) {
        showNotice(t("noPhoto"), false);
        return;
      }
      sendPhoto(file.files[0]);
    });
    box.appendChild(row);
    box.appendChild(upload);
    extras.appendChild(box);
  }

  // -- opening, closing and the keyboard ----------------------------------------------------
  function setOpen(open, focus) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    launcher.hidden = open;
    try {
      window.sessionStorage.setItem(STORE_KEY + ":open", open ? "1" : "");
    } catch (e) {
      /* not remembered: it opens closed next time */
    }
    if (open) {
      connect();
      pollNotifications();
      if (activeMap) activeMap.invalidateSize();
      if (focus) input.focus();
      log.scrollTop = log.scrollHeight;
    } else if (focus) {
      launcher.focus();
    }
  }

  launcher.addEventListener("click", function () {
    setOpen(true, true);
  });
  closeButton.addEventListener("click", function () {
    setOpen(false, true);
  });
  clearButton.addEventListener("click", function () {
    history = [];
    save("history", history);
    forgetSession();
    if (socket) socket.close();
    clearExtras();
    log.textContent = "";
    restoreHistory();
    status.textContent = t("cleared");
    input.focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      if (panel.classList.contains("fullmap")) setFullMap(false);
      else setOpen(false, true);
    }
  });
  /* Any element of the page with data-civicbot-send="/vote 3" opens the chat on that command (the
     "vote" buttons of /polls and /polls/{id}). */
  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("[data-civicbot-send]") : null;
    if (!target) return;
    event.preventDefault();
    setOpen(true, true);
    sendMessage({ payload: target.getAttribute("data-civicbot-send") }, target.textContent.trim());
  });
  // The counter from 90% of the limit; at the limit, the notice that the rest was left out. A paste
  // the browser cut is told at once (beforeinput/paste see the whole text, maxlength keeps part).
  var cutByPaste = false;
  function showCount() {
    var n = input.value.length;
    var text = "";
    if (n >= MAX_TEXT) {
      text = t(cutByPaste ? "limitPasted" : "limitReached", { max: MAX_TEXT });
    } else if (n >= COUNTER_FROM) {
      text = t("counter", { n: n, max: MAX_TEXT });
    }
    counter.hidden = !text;
    counter.classList.toggle("at-limit", n >= MAX_TEXT);
    if (counter.textContent !== text) counter.textContent = text;
    if (n < MAX_TEXT) cutByPaste = false;
  }
  input.addEventListener("paste", function (event) {
    var data = event.clipboardData ? event.clipboardData.getData("text") : "";
    var kept = input.value.length - (input.selectionEnd - input.selectionStart);
    cutByPaste = kept + data.length > MAX_TEXT;
  });
  input.addEventListener("input", showCount);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    showCount();
    sendMessage({ text: text }, text);
  });

  restoreHistory();
  var wasOpen = false;
  try {
    wasOpen = window.sessionStorage.getItem(STORE_KEY + ":open") === "1";
  } catch (e) {
    wasOpen = false;
  }
  function mount() {
    document.body.appendChild(host);
    setOpen(wasOpen, false);
    window.setInterval(function () {
      if (!panel.hidden) pollNotifications();
    }, 30000);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
