/* The ballot: the money left (or the proposals chosen) in each section as the voter picks, and a
   pick that does not fit refused in words: the box is unticked again and the section says why,
   through a live region. Nothing is disabled, so every proposal stays reachable and readable.
   The server checks the same rules when the ballot is sent (the page works without this script). */
(function () {
  "use strict";
  var labels = JSON.parse(document.getElementById("ballot-labels").textContent);
  // Whole euros written as the server writes them (planning.services.ballots.euros): "12 000 €".
  var number = new Intl.NumberFormat(labels.language, { maximumFractionDigits: 0 });
  var money = { format: function (value) { return number.format(value) + "\u00a0€"; } };

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function boxes(section) {
    return Array.prototype.slice.call(section.querySelectorAll("input[name=choices]"));
  }

  function spent(section) {
    return boxes(section).reduce(function (sum, box) {
      return box.checked ? sum + Number(box.getAttribute("data-cost")) : sum;
    }, 0);
  }

  function chosenCount(section) {
    return boxes(section).filter(function (box) { return box.checked; }).length;
  }

  function showStatus(section) {
    var status = section.querySelector(".ballot-status");
    var amount = Number(section.getAttribute("data-amount"));
    if (labels.rule === "knapsack") {
      status.textContent = fill(labels.left, { left: money.format(amount - spent(section)),
                                               amount: money.format(amount) });
    } else {
      status.textContent = fill(labels.chosenCount, { count: chosenCount(section), limit: labels.limit });
    }
  }

  function onChange(section, box) {
    var refusal = section.querySelector(".ballot-refusal");
    var status = section.querySelector(".ballot-status");
    var name = section.getAttribute("data-name");
    var title = box.getAttribute("data-title");
    var amount = Number(section.getAttribute("data-amount"));
    var cost = Number(box.getAttribute("data-cost"));
    refusal.textContent = "";
    if (box.checked && labels.rule === "knapsack" && spent(section) > amount) {
      var leftBefore = amount - (spent(section) - cost);
      box.checked = false;
      refusal.textContent = fill(labels.tooExpensive, { title: title, cost: money.format(cost),
                                                        left: money.format(leftBefore), section: name });
      showStatus(section);
      return;
    }
    if (box.checked && labels.rule === "approval" && chosenCount(section) > labels.limit) {
      box.checked = false;
      refusal.textContent = fill(labels.tooMany, { title: title, limit: labels.limit, section: name });
      showStatus(section);
      return;
    }
    showStatus(section);
    // The live status says the new total; the picked or removed proposal is said with it.
    var left = money.format(amount - spent(section));
    if (labels.rule === "knapsack") {
      status.textContent = fill(box.checked ? labels.picked : labels.removed,
                                { title: title, section: name, left: left });
    } else {
      status.textContent = fill(box.checked ? labels.pickedApproval : labels.removedApproval,
                                { title: title, section: name }) + " " + status.textContent;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".ballot-section"), function (section) {
    boxes(section).forEach(function (box) {
      box.addEventListener("change", function () { onChange(section, box); });
    });
  });
  document.getElementById("ballot-form").setAttribute("data-ready", "true");  // for tests: picks are watched
})();
