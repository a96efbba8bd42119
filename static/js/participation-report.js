/* The participation report's progress while its job runs: asks the report's API every few seconds, moves
   the progress bar, says the step in the live region (only when it changes) and loads the report when it
   is ready. Without this script the page's "Update now" link does the same by hand. */
(function () {
  "use strict";
  var section = document.getElementById("pr-progress");
  if (!section || !section.dataset.apiUrl) { return; }
  var bar = document.getElementById("pr-progress-bar");
  var text = document.getElementById("pr-progress-text");
  var steps = JSON.parse(section.dataset.steps || "{}");
  var said = text ? text.textContent : "";
  var seconds = parseInt(section.dataset.seconds || "3", 10);

  function say(message) {
    if (text && message !== said) { text.textContent = message; said = message; }
  }

  function ask() {
    fetch(section.dataset.apiUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 200) {
          say(section.dataset.readyText);
          window.location.reload();
          return null;
        }
        return response.json().then(function (body) {
          if (bar && typeof body.progress === "number") { bar.value = body.progress; bar.textContent = body.progress + " %"; }
          if (body.status === "failed") { window.location.reload(); return; }
          if (body.status === "running") {
            say(section.dataset.runningText.replace("%(progress)s", body.progress)
              .replace("%(step)s", steps[body.step] || ""));
          }
          window.setTimeout(ask, seconds * 1000);
        });
      })
      .catch(function () { window.setTimeout(ask, seconds * 3000); });
  }

  window.setTimeout(ask, seconds * 1000);
}());
