// The chair's summary export status page: htmx polls the status endpoint every second
// (hx-get on #export-panel); show the new status, and reload the page when what it offers
// changes (finished, waiting for the background service, may be started again).
document.addEventListener("htmx:afterRequest", function (event) {
  const panel = document.getElementById("export-panel");
  if (!panel || event.target !== panel || !event.detail.successful) return;
  const status = JSON.parse(event.detail.xhr.responseText);
  const label = document.getElementById("export-status");
  label.textContent = status.status_display;
  label.dataset.status = status.status;
  if (
    status.finished ||
    String(status.waits_for_broker) !== panel.dataset.waitsForBroker ||
    String(status.may_start_again) !== panel.dataset.mayStartAgain
  ) {
    window.location.reload();
  }
});
