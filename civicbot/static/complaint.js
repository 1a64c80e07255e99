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

  function send() {
    var url = "/api/complaints/" + encodeURIComponent(id) + "/supports";
    return window.CivicbotSession.post(url, lang, {}).then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; }, function () {
        return { status: r.status, body: {} };
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
    send().then(showCount).then(outcome, function () { return "failed"; }).then(function (word) {
      message.textContent = box.getAttribute("data-" + word);
      if (word === "failed" || word === "busy") button.disabled = false;
    });
  });
  box.hidden = false;
})();
