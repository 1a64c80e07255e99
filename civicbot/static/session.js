/* The anonymous web session that the map and a report's page share with the widget (same origin,
 * same localStorage key), so one browser is one supporter or flagger wherever it acts; the server
 * also counts one per network. Loaded before map.js and complaint.js.
 */
window.CivicbotSession = (function () {
  "use strict";

  var KEY = "civicbot:" + window.location.origin + ":token";

  function stored() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || "null");
    } catch (e) {
      return null;
    }
  }

  function fresh(lang) {
    return fetch("/api/sessions?language=" + lang, { method: "POST", credentials: "omit" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (body) {
        try { window.localStorage.setItem(KEY, JSON.stringify(body.token)); } catch (e) { /* private mode */ }
        return body.token;
      });
  }

  /* POST `path` as this browser's session (made on first use, in `lang`): resolves to the fetch
   * Response. A stale session (401: expired, or the server's key changed) is replaced once. */
  function post(path, lang, extra, retried) {
    var token = stored();
    return (token ? Promise.resolve(token) : fresh(lang)).then(function (current) {
      var headers = Object.assign({ Authorization: "Bearer " + current }, extra.headers || {});
      return fetch(path, { method: "POST", credentials: "omit", headers: headers, body: extra.body })
        .then(function (r) {
          if (r.status === 401 && !retried) {
            try { window.localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
            return post(path, lang, extra, true);
          }
          return r;
        });
    });
  }

  return { post: post };
})();
