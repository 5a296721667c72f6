/* global document, location, history */
// Sorts a leaderboard in place when a column header is clicked; without this script the header links
// ask the server for the sorted page, so sorting works either way.
(function () {
  "use strict";
  var numeric = { rank: true, value: true, params: true };
  function sortBy(table, th) {
    var key = th.getAttribute("data-sort-key");
    var link = th.querySelector("a");
    if (!key || !link) return false;
    var descending = new URL(link.href, location.href).searchParams.get("dir") === "desc";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.getAttribute("data-" + key);
      var y = b.getAttribute("data-" + key);
      var order = numeric[key] ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
      return (descending ? -order : order) || Number(a.getAttribute("data-rank")) - Number(b.getAttribute("data-rank"));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      var a = cell.querySelector("a");
      if (a) a.textContent = a.textContent.replace(/ [↑↓]$/, "");
      if (cell !== th) cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    link.textContent += descending ? " ↓" : " ↑";
    var next = new URL(link.href, location.href);
    history.replaceState(null, "", next.pathname + next.search);
    if (descending) next.searchParams.delete("dir");
    else next.searchParams.set("dir", "desc");
    link.href = next.pathname + next.search;
    return true;
  }
  document.addEventListener("click", function (event) {
    var th = event.target.closest && event.target.closest("table[data-sortable] th[data-sort-key]");
    if (!th || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (sortBy(th.closest("table"), th)) event.preventDefault();
  });
})();
