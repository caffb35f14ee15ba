/*! Frontdesk booking widget embed. Usage:
 *  <script src="https://frontdesk.example/embed.js" data-agenda="1" data-type="7" async></script>
 *  Optional: data-resource="any" or a coach's id (skips "with whom?"),
 *  data-lang="nl|fr|en" (default: the host page's <html lang>).
 *  Inserts the widget in an iframe where the script tag stands, keeps the
 *  iframe as tall as its content, and re-emits what the visitor does as
 *  DOM events on the iframe (they bubble to the document):
 *  frontdesk:slot-selected, frontdesk:booked, frontdesk:cancelled.
 *  On a site that may not frame the widget (not in the club's
 *  embed.allowed_origins) it shows a plain link to book on Frontdesk
 *  instead, and emits frontdesk:embed-refused on that link.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src, location.href).origin;
  var agenda = script.getAttribute("data-agenda") || "1";
  var params = new URLSearchParams();
  var type = script.getAttribute("data-type");
  if (type) params.set("type", type);
  var resource = script.getAttribute("data-resource");
  if (resource) params.set("resource", resource);
  var lang = script.getAttribute("data-lang") || document.documentElement.lang || navigator.language || "";
  if (lang) params.set("lang", lang.slice(0, 2));
  // The widget posts messages to this origin only.
  params.set("host", location.origin);

  var page = origin + "/book/" + encodeURIComponent(agenda);
  var frame = document.createElement("iframe");
  frame.src = page + "?" + params.toString();
  frame.title = script.getAttribute("data-title") || "Book an appointment";
  frame.setAttribute("loading", "lazy");
  frame.style.width = "100%";
  frame.style.minHeight = "480px";
  frame.style.border = "0";
  frame.style.display = "block";
  script.parentNode.insertBefore(frame, script.nextSibling);

  // The widget's page says hello as soon as it is parsed. A frame the
  // browser refused (frame-ancestors) still fires load, but never says it.
  var hello = false;
  frame.addEventListener("load", function () {
    setTimeout(function () {
      if (!hello && frame.parentNode) refused();
    }, 1500);
  });

  function refused() {
    params.delete("host");
    var words = { nl: "Maak online een afspraak", fr: "Prendre rendez-vous en ligne" };
    var link = document.createElement("a");
    link.href = page + "?" + params.toString();
    link.textContent = script.getAttribute("data-link-text") || words[lang.slice(0, 2)] || "Book an appointment online";
    link.target = "_blank";
    link.rel = "noopener";
    link.className = "frontdesk-book-link";
    var box = document.createElement("p");
    box.appendChild(link);
    frame.parentNode.replaceChild(box, frame);
    if (window.console) {
      console.warn("Frontdesk: " + location.origin + " may not embed the booking widget; showing a link instead. " +
        "The club can add this site to embed.allowed_origins in frontdesk.toml.");
    }
    link.dispatchEvent(new CustomEvent("frontdesk:embed-refused", { detail: { origin: location.origin }, bubbles: true }));
  }

  var events = { "slot-selected": 1, booked: 1, cancelled: 1 };
  window.addEventListener("message", function (event) {
    // Only our own iframe, from our own origin, is listened to.
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.source !== "frontdesk" || typeof data.type !== "string") return;
    if (data.type === "hello") {
      hello = true;
      return;
    }
    if (data.type === "resize") {
      var h = Number(data.detail && data.detail.height);
      if (h > 0 && h < 20000) {
        // The widget now sets the height, smaller than the first guess too.
        frame.style.minHeight = "0";
        frame.style.height = Math.ceil(h) + "px";
      }
      return;
    }
    if (events[data.type]) {
      frame.dispatchEvent(new CustomEvent("frontdesk:" + data.type, { detail: data.detail, bubbles: true }));
    }
  });
})();
