"""The style sheet and the script of the training replay page (`replay.py`).

Plain strings inlined into every page, so a saved page works offline. The
script reads the frames from the page's own JSON block (numbers, data URIs
made by replay.py, and texts it sets with textContent, never as HTML); it
shows a frame by setting the boundary image, moving the curves' markers and
restyling the network's lines and bias labels, found by their prefixed ids.
Its page API, window.chainrule (goto's check, and the list of pages shown), is
the step page's too: api.js of autograd.draw, put in place of "/* {api} */".
"""

import html

from autograd.draw.assets import with_page_api

CSS = """
.chainrule-replay { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, sans-serif;
  color: #111827; max-width: 100%; padding: 6px; box-sizing: border-box; }
.chainrule-replay h2 { font-size: 1.15em; margin: 0.3em 0; }
.chainrule-replay .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em;
  margin: 0.4em 0; }
.chainrule-replay button { font: inherit; padding: 0.2em 0.8em; border: 1px solid #9ca3af;
  border-radius: 4px; background: #f9fafb; cursor: pointer; }
.chainrule-replay button:disabled { opacity: 0.4; cursor: default; }
.chainrule-replay input[type=range] { flex: 1 1 12em; min-width: 8em; }
.chainrule-replay .counter { font-variant-numeric: tabular-nums; min-width: 22em; }
.chainrule-replay .panels { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
.chainrule-replay .boundary { flex: 0 1 440px; }
.chainrule-replay .boundary img { width: 100%; height: auto; display: block; }
.chainrule-replay .right { flex: 1 1 420px; min-width: 0; }
.chainrule-replay .curves { position: relative; max-width: 700px; }
.chainrule-replay .curves img { width: 100%; height: auto; display: block; }
.chainrule-replay .marker { position: absolute; width: 0; border-left: 2px solid #dc2626;
  pointer-events: none; }
.chainrule-replay .network svg { max-width: 100%; max-height: 460px; width: auto;
  height: auto; display: block; }
"""

# {page_id} is replaced by replay.py with the page's id (letters, digits, - and _);
# {controls} is the player (CONTROLS below: Previous, Next, Play, slider, arrow keys).
SCRIPT = """
(function () {
  var root = document.getElementById("{page_id}");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "yes";
  var data = JSON.parse(root.querySelector("script.chainrule-data").textContent);
  var frames = data.frames, last = frames.length - 1, current = last;
  var boundary = root.querySelector(".boundary img");
  var markers = root.querySelectorAll(".marker");
  var lines = [];
  for (var k = 0; k < frames[0].lines.length / 2; k++) {
    var edge = document.getElementById(root.id + "-w" + k);
    lines.push(edge ? edge.querySelector("path") : null);
  }
  var biases = data.neurons.map(function (id) {
    var node = document.getElementById(root.id + "-" + id);
    return node ? node.querySelector("text") : null;
  });

  function number(x) { return x === null || x === undefined ? "-" : Number(x).toPrecision(4); }

  function show(k) {
    current = Math.max(0, Math.min(last, k));
    var frame = frames[current];
    boundary.src = frame.boundary;
    for (var m = 0; m < markers.length; m++) {
      var box = data.markers[m];
      var share = (frame.epoch - box.low) / (box.high - box.low);
      markers[m].style.left = 100 * (box.left + share * box.width) + "%";
      markers[m].style.top = 100 * box.top + "%";
      markers[m].style.height = 100 * box.height + "%";
    }
    for (var i = 0; i < lines.length; i++) {
      if (!lines[i]) { continue; }
      var width = frame.lines[2 * i];  // negative: a red line (w < 0)
      lines[i].setAttribute("stroke", width < 0 ? data.colors.negative : data.colors.positive);
      lines[i].setAttribute("stroke-width", String(Math.abs(width)));
      lines[i].setAttribute("stroke-opacity", String(frame.lines[2 * i + 1]));
    }
    for (var j = 0; j < biases.length; j++) {
      if (biases[j]) { biases[j].textContent = frame.biases[j]; }
    }
    var text = "Epoch " + frame.epoch + " (frame " + (current + 1) + " of " + frames.length +
      "): loss " + number(frame.loss);
    if ("accuracy" in frame) { text += ", accuracy " + number(frame.accuracy); }
    if ("val_loss" in frame) { text += ", validation loss " + number(frame.val_loss); }
    counter.textContent = text;
    slider.value = String(current);
    previous.disabled = current === 0;
    next.disabled = current === last;
  }

{controls}
/* {api} */
  var api = {
    kind: "replay",
    element: root,
    goto: function (k) { checkedIndex("frame", k, last); stop(); show(k); return api.state(); },
    state: function () {
      var frame = frames[current];
      return {frame: current, frames: frames.length, epoch: frame.epoch, loss: frame.loss};
    }
  };
  show(last);
  register(root.id, api);
})();
"""

# The player: Previous, Next, Play/Pause, the slider and the arrow keys. It runs inside
# the page's function above, after show(k): that function defines root, last, current
# and show (which uses slider, counter, previous, next and play, defined here); the
# Play/Pause timer is api.js's player, shared with the step page.
CONTROLS = """
  var slider = root.querySelector("input[type=range]");
  var counter = root.querySelector(".counter");
  var previous = root.querySelector("button.previous");
  var next = root.querySelector("button.next");
  var play = root.querySelector("button.play");
  var playing = player(play, parseInt(root.dataset.interval, 10), last,
                       function () { return current; }, show);
  var stop = playing.stop;

  previous.addEventListener("click", function () { stop(); show(current - 1); });
  next.addEventListener("click", function () { stop(); show(current + 1); });
  play.addEventListener("click", playing.toggle);
  slider.addEventListener("input", function () { stop(); show(parseInt(slider.value, 10)); });
  root.addEventListener("keydown", function (event) {
    if (event.target === slider) { return; }
    if (event.key === "ArrowRight") { stop(); show(current + 1); }
    if (event.key === "ArrowLeft") { stop(); show(current - 1); }
  });
"""
SCRIPT = with_page_api(SCRIPT.replace("{controls}\n", CONTROLS[1:] + "\n"))


def player_html(last: int, value: int, label: str) -> str:
    """The player's buttons and its slider (0 to `last`, at `value`, named `label`), and
    an empty counter the script fills in, as HTML."""
    return ('<div class="controls">'
            '<button type="button" class="previous">Previous</button>'
            '<button type="button" class="next">Next</button>'
            '<button type="button" class="play">Play</button>'
            f'<input type="range" min="0" max="{last}" value="{value}" step="1" '
            f'aria-label="{html.escape(label)}">'
            '<span class="counter"></span></div>')
