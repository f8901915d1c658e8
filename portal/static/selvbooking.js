/* Start Det Fælles Designsystem's components (error summary focus, menus, tables …) once the page is parsed.
   A file, not an inline script: the Content-Security-Policy allows scripts from the portal only (portal/security.py). */
"use strict";
// Before DKFDS starts: the menu button that opens the drawer replaces the link to the menu page (selvbooking.css).
document.documentElement.classList.add("js");
if (window.DKFDS) {
  window.DKFDS.init();
}
// The confirmation of an action (#kvittering, at the top of main; portal.urls.confirmed redirects there): focused,
// so a screen reader reads it at once, and in view (the browser scrolls to the fragment without JavaScript too).
var confirmation = document.getElementById("kvittering");
if (confirmation && document.activeElement !== confirmation) {
  confirmation.focus();
}
