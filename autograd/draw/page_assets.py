"""The style sheet and the script of the step-by-step page (`page.py`).

Kept as plain strings inlined into every page, so a saved page works
offline and needs no file next to it. The script finds its own page by id
and only shows and hides elements that `page.py` wrote: every step's
diagram, tape line and table row is in the page already, marked with
`data-step="k"`; nothing user-provided passes through the script.
"""

CSS = """
.chainrule-steps { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, sans-serif;
  color: #111827; max-width: 100%; padding: 6px; box-sizing: border-box; }
.chainrule-steps h2 { font-size: 1.15em; margin: 0.3em 0; }
.chainrule-steps .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em;
  margin: 0.4em 0; }
.chainrule-steps button { font: inherit; padding: 0.2em 0.8em; border: 1px solid #9ca3af;
  border-radius: 4px; background: #f9fafb; cursor: pointer; }
.chainrule-steps button:disabled { opacity: 0.4; cursor: default; }
.chainrule-steps input[type=range] { flex: 1 1 12em; min-width: 8em; }
.chainrule-steps .counter { font-variant-numeric: tabular-nums; min-width: 7em; }
.chainrule-steps pre.line { background: #fef2f2; border-left: 4px solid #dc2626;
  padding: 0.4em 0.6em; margin: 0.4em 0; white-space: pre-wrap; font-size: 0.95em; }
.chainrule-steps .focus { margin: 0.2em 0; color: #374151; }
.chainrule-steps .frame svg { max-width: 100%; height: auto; }
.chainrule-steps table { border-collapse: collapse; margin: 0.4em 0; font-size: 0.9em; }
.chainrule-steps th, .chainrule-steps td { border: 1px solid #d1d5db; padding: 0.2em 0.5em;
  text-align: left; }
.chainrule-steps th { background: #f3f4f6; }
.chainrule-steps tr.row td { background: #fff7ed; }
.chainrule-steps details pre { font-size: 0.85em; }
"""

# {page_id} is replaced by page.py with the page's id (letters, digits, - and _).
SCRIPT = """
(function () {
  var root = document.getElementById("{page_id}");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "yes";
  var last = parseInt(root.dataset.steps, 10);
  var slider = root.querySelector("input[type=range]");
  var counter = root.querySelector(".counter");
  var previous = root.querySelector("button.previous");
  var next = root.querySelector("button.next");
  var play = root.querySelector("button.play");
  var parts = root.querySelectorAll("[data-step]");
  var current = 0;
  var timer = null;

  function show(step) {
    current = Math.max(0, Math.min(last, step));
    for (var i = 0; i < parts.length; i++) {
      parts[i].hidden = parseInt(parts[i].dataset.step, 10) !== current;
    }
    slider.value = String(current);
    counter.textContent = "Step " + current + " of " + last;
    previous.disabled = current === 0;
    next.disabled = current === last;
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "Play";
  }

  function start() {
    if (current === last) { show(0); }
    play.textContent = "Pause";
    timer = setInterval(function () {
      if (current >= last) { stop(); return; }
      show(current + 1);
      if (current >= last) { stop(); }
    }, parseInt(root.dataset.interval, 10));
  }

  previous.addEventListener("click", function () { stop(); show(current - 1); });
  next.addEventListener("click", function () { stop(); show(current + 1); });
  play.addEventListener("click", function () { if (timer === null) { start(); } else { stop(); } });
  slider.addEventListener("input", function () { stop(); show(parseInt(slider.value, 10)); });
  root.addEventListener("keydown", function (event) {
    if (event.target === slider) { return; }
    if (event.key === "ArrowRight") { stop(); show(current + 1); }
    if (event.key === "ArrowLeft") { stop(); show(current - 1); }
  });
  show(0);
})();
"""
