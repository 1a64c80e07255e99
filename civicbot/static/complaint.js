/* A report's public page: the 공감 (support) button, as POST /api/complaints/{id}/supports takes it.
 * The page shares the widget's and the map's anonymous session (same origin, same localStorage key),
 * so one browser supports a report once wherever it does it; the server also counts one support
 * per network (409 address_supported). Every text comes from the page (the string catalogue).
 */
(function () {
  "use strict";

  var box = document.getElementById("support");
  if (!box || !window.fetch) return;
  var button = box.querySelector(".support-button");
  var message = box.querySelector(".support-message");
  var count = document.getElementById("support-count");
  var id = box.getAttribute("data-id");
  var lang = box.getAttribute("data-lang") === "en" ? "en" : "ko";
  var TOKEN_KEY = "civicbot:" + window.location.origin + ":token";

  function storedToken() {
    try {
      return JSON.parse(window.localStorage.getItem(TOKEN_KEY) || "null");
    } catch (e) {
      return null;
    }
  }

  function newToken() {
    return fetch("/api/sessions?language=" + lang, { method: "POST", credentials: "omit" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (body) {
        try { window.localStorage.setItem(TOKEN_KEY, JSON.stringify(body.token)); } catch (e) { /* private mode */ }
        return body.token;
      });
  }

  function send(retried) {
    var token = storedToken();
    return (token ? Promise.resolve(token) : newToken()).then(function (current) {
      return fetch("/api/complaints/" + encodeURIComponent(id) + "/supports", {
        method: "POST",
        credentials: "omit",
        headers: { Authorization: "Bearer " + current },
      }).then(function (r) {
        if (r.status === 401 && !retried) { // a stale session: start a new one, once
          try { window.localStorage.removeItem(TOKEN_KEY); } catch (e) { /* ignore */ }
          return send(true);
        }
        return r.json().then(function (body) { return { status: r.status, body: body }; }, function () {
          return { status: r.status, body: {} };
        });
      });
    });
  }

  function outcome(answer) {
    var code = answer.body && answer.body.error ? answer.body.error.code : "";
    if (answer.status === 201) return "done";
    if (answer.status === 200) return "already";
    if (code === "address_supported") return "network";
    if (answer.status === 409) return "closed";
    if (answer.status === 404) return "gone";
    if (answer.status === 429) return "busy";
    return "failed";
  }

  // The answer's number updates the count shown above (how many, never who).
  function showCount(answer) {
    if (answer.body && typeof answer.body.supports === "number" && count) {
      count.textContent = count.getAttribute("data-people").split("{n}").join(String(answer.body.supports));
    }
    return answer;
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    send(false).then(showCount).then(outcome, function () { return "failed"; }).then(function (word) {
      message.textContent = box.getAttribute("data-" + word);
      if (word === "failed" || word === "busy") button.disabled = false;
    });
  });
  box.hidden = false;
})();
