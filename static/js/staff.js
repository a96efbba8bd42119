/* Maps and helpers of the staff pages. Everything here also works without JavaScript: the
   queue's table, the merge candidates' list, the coordinate inputs and the template button. */
(function () {
  "use strict";
  var config = CityMap.config;
  var labels = CityMap.labels;
  var calm = CityMap.calm;
  var escapeHtml = CityMap.escapeHtml;
  var CENTRE = [62.79, 22.84];

  // The ticket's actions are disclosures: a link to one (above them, or in the address) opens it
  // and takes the focus to its summary.
  function openSection(hash) {
    var section = hash && document.getElementById(hash.slice(1));
    if (!section || section.tagName !== "DETAILS") { return false; }
    section.open = true;
    section.querySelector("summary").focus();
    return true;
  }
  document.querySelectorAll(".action-links a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (openSection(link.getAttribute("href"))) { event.preventDefault(); history.replaceState(null, "", link.hash); }
    });
  });
  openSection(window.location.hash);

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function icon(kind, text) {
    return L.divIcon({
      className: "fb-icon", iconSize: [30, 30], iconAnchor: [15, 15],
      html: '<span class="fb-marker staff-marker ' + kind + '" aria-hidden="true">' + escapeHtml(text) + "</span>",
    });
  }

  /* The triage queue: the page's tickets as pins; "Show on map" in the table opens one. */
  var queue = document.getElementById("queue-map");
  if (queue) {
    var queueMap = CityMap.create(queue, CENTRE, 11);
    var markers = {};
    var bounds = [];
    (config.points || []).forEach(function (p) {
      var marker = L.marker([p.lat, p.lon], { icon: icon(p.overdue ? "is-overdue" : "is-new", p.overdue ? "!" : ""),
        title: p.number, keyboard: false })
        .bindPopup('<div class="area-popup"><h3><a href="' + escapeHtml(p.url) + '">' + escapeHtml(p.number) +
          "</a></h3><p>" + escapeHtml(p.label) + '</p><p><a href="' + escapeHtml(p.url) + '">' +
          escapeHtml(labels.open) + "</a></p></div>")
        .addTo(queueMap);
      markers[p.number] = marker;
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length) { queueMap.fitBounds(bounds, { maxZoom: 15, padding: [20, 20], animate: false }); }
    queue.setAttribute("data-loaded", String(bounds.length));
    document.querySelectorAll("button.show-on-map").forEach(function (button) {
      button.addEventListener("click", function () {
        var number = button.getAttribute("data-number");
        document.querySelectorAll("tr[data-number]").forEach(function (row) {
          row.classList.toggle("is-selected", row.getAttribute("data-number") === number);
        });
        queueMap.setView([parseFloat(button.getAttribute("data-lat")), parseFloat(button.getAttribute("data-lon"))],
          16, { animate: !calm });
        if (markers[number]) { markers[number].openPopup(); }
        queue.scrollIntoView({ block: "nearest" });
      });
    });
  }

  /* A ticket: its pin (draggable when the user may move it; a click on the map moves it too)
     and the nearby open tickets it could be merged into. */
  var ticket = document.getElementById("ticket-map");
  if (ticket) {
    var status = document.getElementById("ticket-map-status");
    var ticketMap = CityMap.create(ticket, [config.lat, config.lon], 15);
    var lat = document.getElementById("id_move-lat");
    var lon = document.getElementById("id_move-lon");
    var pin = L.marker([config.lat, config.lon], {
      alt: labels.pin, title: labels.pin, keyboard: false, draggable: Boolean(config.movable && lat),
      zIndexOffset: 1000,
    }).addTo(ticketMap);

    var place = function (latlng) {
      pin.setLatLng(latlng);
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      ticket.setAttribute("data-pin", lon.value + "," + lat.value);
      status.textContent = format(labels.moved, { lat: lat.value, lon: lon.value });
    };
    if (config.movable && lat) {
      pin.on("dragend", function () { place(pin.getLatLng()); });
      ticketMap.on("click", function (event) { place(event.latlng); });
      var typed = function () {
        var y = parseFloat(lat.value), x = parseFloat(lon.value);
        if (!isNaN(x) && !isNaN(y)) { pin.setLatLng([y, x]); }
      };
      lat.addEventListener("change", typed);
      lon.addEventListener("change", typed);
    }
    var area = [[config.lat, config.lon]];
    (config.candidates || []).forEach(function (c) {
      var marker = L.marker([c.lat, c.lon], { icon: icon("is-candidate", ""), title: c.number, keyboard: false })
        .addTo(ticketMap);
      marker.on("click", function () {
        var radio = document.getElementById("merge-into-" + c.number);
        if (radio) {
          var section = document.getElementById("merge");
          if (section && section.tagName === "DETAILS") { section.open = true; }  // the choice shows in its form
          radio.checked = true;
          radio.focus();
        }
        status.textContent = format(labels.chosen, { number: c.number });
      });
      marker.getElement().setAttribute("data-number", c.number);
      area.push([c.lat, c.lon]);
    });
    if (area.length > 1) { ticketMap.fitBounds(area, { maxZoom: 16, padding: [30, 30], animate: false }); }
    ticket.setAttribute("data-ready", "true");
  }

  /* Desk entry: a click on the map fills the coordinates. */
  var desk = document.getElementById("desk-map");
  if (desk) {
    var deskMap = CityMap.create(desk, CENTRE, 11);
    var deskLat = document.getElementById("id_lat");
    var deskLon = document.getElementById("id_lon");
    var deskStatus = document.getElementById("desk-map-status");
    var deskPin = null;
    var deskPlace = function (latlng) {
      if (deskPin) { deskPin.setLatLng(latlng); } else {
        deskPin = L.marker(latlng, { alt: labels.pin, title: labels.pin, keyboard: false }).addTo(deskMap);
      }
      deskLat.value = latlng.lat.toFixed(6);
      deskLon.value = latlng.lng.toFixed(6);
      deskStatus.textContent = format(labels.moved, { lat: deskLat.value, lon: deskLon.value });
    };
    if (deskLat.value && deskLon.value) {
      deskPlace(L.latLng(parseFloat(deskLat.value), parseFloat(deskLon.value)));
      deskMap.setView(deskPin.getLatLng(), 15, { animate: false });
    }
    deskMap.on("click", function (event) { deskPlace(event.latlng); });

    /* The place search, as on the residents' form: results are buttons; choosing one places the
       pin, fills the address if it is empty, and says so in the map's status. */
    var search = document.getElementById("desk-search");
    var query = document.getElementById("desk-place-query");
    var found = document.getElementById("desk-place-results");
    var address = document.getElementById("id_address");
    var deskSearch = function () {
      CityMap.searchPlaces(query, found, function (result) {
        deskPlace(L.latLng(result.lat, result.lon));
        deskMap.setView(deskPin.getLatLng(), 15, { animate: !calm });
        if (address && !address.value.trim()) { address.value = result.label; }
        query.focus();
      });
    };
    search.hidden = false;
    document.getElementById("desk-place-button").addEventListener("click", deskSearch);
    query.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); deskSearch(); }  // not the form's send
    });
    desk.setAttribute("data-ready", "true");
  }

  /* Reply templates: choosing one fills the editable reply at once (without JavaScript the
     "Use the template" button asks the server to fill it in). */
  var picker = document.getElementById("reply-template");
  var reply = document.getElementById("id_reply-text");
  var templatesElement = document.getElementById("reply-templates");
  if (picker && reply && templatesElement) {
    var templates = JSON.parse(templatesElement.textContent) || {};
    picker.addEventListener("change", function () {
      if (templates[picker.value]) {
        reply.value = templates[picker.value];
      }
    });
  }

  /* After a refused change the explanation takes focus, so a screen reader reads it first. */
  var alertBox = document.getElementById("changed-meanwhile") || document.getElementById("error-summary");
  if (alertBox) { alertBox.focus(); }
})();
