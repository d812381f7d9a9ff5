/* A form marked data-bezig shows that work is under way as soon as it is sent: without a
   broker the quarterly report is built during the request and takes a while, and a click that
   seems to do nothing invites a second one. The button is disabled (its name and value
   still sent), aria-busy is set and the form's message (its data-bezig value)
   is written into its live region (.bezig, role=status, present and empty from the start so
   screen readers announce the change). A second submit while busy is ignored. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("form[data-bezig]")) return;
  if (form.getAttribute("aria-busy") === "true") {
    event.preventDefault();
    return;
  }
  form.setAttribute("aria-busy", "true");
  var melding = form.querySelector(".bezig");
  if (melding) {
    var draaier = document.createElement("span");
    draaier.className = "bezig__draaier";
    draaier.setAttribute("aria-hidden", "true");
    melding.replaceChildren(draaier, document.createTextNode(form.getAttribute("data-bezig") || "Bezig…"));
  }
  var knop = event.submitter || form.querySelector("button[type=submit]");
  if (knop) {
    if (knop.name) {
      // A disabled button is left out of the sent values: carry its name and value along.
      var mee = document.createElement("input");
      mee.type = "hidden";
      mee.name = knop.name;
      mee.value = knop.value;
      form.appendChild(mee);
    }
    knop.disabled = true;
  }
});
/* Coming back with the browser's back button shows the form ready again. */
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-bezig][aria-busy=true]").forEach(function (form) {
    form.removeAttribute("aria-busy");
    var melding = form.querySelector(".bezig");
    if (melding) melding.replaceChildren();
    form.querySelectorAll("button[type=submit]").forEach(function (knop) {
      knop.disabled = false;
    });
  });
});
