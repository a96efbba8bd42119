/* The panel pages: errors from the server move focus to the summary so that it is read out first
   (WCAG 3.3.1). Everything else works without this script. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
