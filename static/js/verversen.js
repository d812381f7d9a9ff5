// Pages that refresh themselves (an element with data-ververs and hx-trigger="every 30s", such as
// the CCP's day overview and the bed board) pause while the user works in a form on the page: a
// form that has focus or has been typed in is never replaced under the user's hands. Without
// JavaScript the page has a "Vernieuwen" link. (A script file, not an hx-trigger filter: the
// Content-Security-Policy allows no eval.)
document.addEventListener("input", function (e) {
  var form = e.target.closest && e.target.closest("main form");
  if (form) form.classList.add("wordt-ingevuld");
});
document.addEventListener("htmx:confirm", function (e) {
  if (!e.target.hasAttribute || !e.target.hasAttribute("data-ververs")) return;
  if (document.querySelector("main form.wordt-ingevuld, main form:focus-within")) e.preventDefault();
});
