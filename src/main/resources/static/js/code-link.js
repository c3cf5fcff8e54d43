// A card's link carries its one-time code after "#": the browser never sends that part, so the
// code stays out of server and proxy logs. Put it in the field, then take it off the address bar.
(function () {
  var hash = window.location.hash;
  var field = document.getElementById('code');
  if (!field || !hash || hash.length < 2) {
    return;
  }
  field.value = decodeURIComponent(hash.substring(1)).slice(0, 40);
  history.replaceState(null, '', window.location.pathname + window.location.search);
})();
