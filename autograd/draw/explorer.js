/* The step-by-step page's script (page.py writes the page; "{page_id}" is its id).

   Steps: 0 shows the given leaves; 1..F compute one node each (forward);
   F + 1 is the seed; then one step per parent.grad += local * node.grad
   (backward). Editing a leaf recomputes every value, local derivative and
   gradient with window.chainruleRules (rules.js) in the recorded order; the
   diagram keeps its layout and the page keeps its step. A rule that refuses
   the new value shows Python's one-line message and changes nothing.
   API: window.chainrule.goto(step), .set(label, number), .state(), .page(id), .pages:
   api.js, which assets.py puts in place of the {api} comment below. */
(function () {
  "use strict";
  var root = document.getElementById("{page_id}");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "yes";
  var R = window.chainruleRules;
  var program = JSON.parse(root.querySelector("script.program").textContent);
  var nodes = program.nodes, prefix = root.id + "-";
  var fmt = function (x) { return R.formatNumber(x, program.digits); };
  var operand = function (x) { return R.formatOperand(x, program.digits); };
  var computed = [];
  nodes.forEach(function (n, i) { if (n.op) { computed.push(i); } });
  var F = computed.length, B = program.steps.length, last = F + 1 + B;
  var live = nodes.every(function (n) { return !n.op || R.names.indexOf(n.op) >= 0; });
  // slots[i]: the input positions of node i that are nodes (its parents, in order)
  var slots = nodes.map(function (n) {
    var out = [];
    n.inputs.forEach(function (input, k) { if ("node" in input) { out.push(k); } });
    return out;
  });
  var leaves = nodes.map(function (n) { return n.data; });
  var result = compute(leaves);
  var current = 0;

  function $(selector) { return root.querySelector(selector); }
  function byId(id) { return document.getElementById(prefix + id); }
  function textStarting(group, start) {  // the last: a node's name comes before its cells
    if (!group) { return null; }
    var texts = group.querySelectorAll("text");
    for (var i = texts.length - 1; i >= 0; i--) {
      if (texts[i].textContent.indexOf(start) === 0) { return texts[i]; }
    }
    return null;
  }
  var nodeEls = nodes.map(function (n) { return byId(n.id); });
  var opEls = nodes.map(function (n) { return n.op ? byId(n.id + "op") : null; });
  var resultEdges = nodes.map(function (n) { return n.op ? byId(n.id + "opout") : null; });
  var inputEdges = nodes.map(function (n, i) {
    return slots[i].map(function (_, s) { return byId(n.id + "in" + s); });
  });
  var dataTexts = nodeEls.map(function (g) { return textStarting(g, "data "); });
  var gradTexts = nodeEls.map(function (g) { return textStarting(g, "grad "); });
  var edgeTexts = inputEdges.map(function (edges) {
    return edges.map(function (g) { return [textStarting(g, "local "), textStarting(g, "adds ")]; });
  });

  /* Every value, local derivative and backward step for these leaf values. */
  function compute(leafData) {
    var data = [], locals = [];
    nodes.forEach(function (n, i) {
      if (!n.op) { data.push(leafData[i]); locals.push([]); return; }
      var args = n.inputs.map(function (input) { return "node" in input ? data[input.node] : input.const; });
      var out = R.checked(n.op, args, n.params);
      data.push(out[0]);
      locals.push(slots[i].map(function (k) { return out[1][k]; }));
    });
    var grads = nodes.map(function () { return 0.0; });
    grads[program.root] = program.seed;
    var back = program.steps.map(function (step) {
      var node = step[0], slot = step[1], parent = nodes[node].inputs[slots[node][slot]].node;
      var upstream = grads[node], local = locals[node][slot], contribution = local * upstream;
      var before = grads[parent];
      grads[parent] = before + contribution;  // parent.grad += local * node.grad
      return {node: node, parent: parent, slot: slot, upstream: upstream, local: local,
              contribution: contribution, before: before, after: grads[parent]};
    });
    return {data: data, locals: locals, back: back};
  }

  /* What step k shows: which values are computed, which grads known, what is current. */
  function view(k) {
    var shown = nodes.map(function (n) { return !n.op; });
    var grads = nodes.map(function () { return null; });
    var flowed = {}, v = {phase: k <= F ? "forward" : "backward", node: -1, others: [],
                          edges: [], shown: shown, grads: grads, flowed: flowed};
    computed.forEach(function (i, j) { if (j < k) { shown[i] = true; } });
    if (k >= 1 && k <= F) {
      v.node = computed[k - 1];
      v.others = slots[v.node].map(function (pos) { return nodes[v.node].inputs[pos].node; });
      v.edges = slots[v.node].map(function (_, s) { return [v.node, s]; });
    } else if (k > F) {
      grads[program.root] = program.seed;
      var done = k - F - 1;
      result.back.slice(0, done).forEach(function (s) {
        grads[s.parent] = s.after; flowed[s.node + ":" + s.slot] = true;
      });
      if (done === 0) { v.node = program.root; } else {
        var s = result.back[done - 1];
        v.node = s.node; v.others = [s.parent]; v.edges = [[s.node, s.slot]];
      }
    }
    return v;
  }

  function setText(el, text) { if (el && el.textContent !== text) { el.textContent = text; } }
  function mark(el, name, on) { if (el) { el.classList.toggle(name, on); } }

  function paint() {
    var v = view(current);
    nodes.forEach(function (n, i) {
      setText(dataTexts[i], "data " + (v.shown[i] ? fmt(result.data[i]) : "\u2014"));
      setText(gradTexts[i], "grad " + (v.grads[i] === null ? "\u2014" : fmt(v.grads[i])));
      mark(nodeEls[i], "pending", !v.shown[i]);
      mark(nodeEls[i], "current", i === v.node);
      mark(nodeEls[i], "receiving", v.others.indexOf(i) >= 0);
      mark(opEls[i], "current", i === v.node && n.op !== "");
      mark(resultEdges[i], "forward", v.phase === "forward" && i === v.node);
      mark(resultEdges[i], "backward", v.phase === "backward" && i === v.node && v.edges.length > 0);
      inputEdges[i].forEach(function (edge, s) {
        var on = v.edges.some(function (e) { return e[0] === i && e[1] === s; });
        mark(edge, "forward", on && v.phase === "forward");
        mark(edge, "backward", on && v.phase === "backward");
        var texts = edgeTexts[i][s];
        setText(texts[0], v.shown[i] ? "local " + fmt(result.locals[i][s]) : "");
        var step = result.back.filter(function (b) { return b.node === i && b.slot === s; })[0];
        setText(texts[1], step && v.flowed[i + ":" + s] ? "adds " + fmt(step.contribution) : "");
      });
    });
    [].forEach.call(root.querySelectorAll("g.edge"), function (edge) {
      var path = edge.querySelector("path");
      if (!path) { return; }
      if (edge.classList.contains("backward")) {
        path.setAttribute("marker-start", "url(#" + root.id + "-back)");
      } else { path.removeAttribute("marker-start"); }
    });
    paintTape(v);
    slider.value = String(current);
    $(".counter").textContent = "Step " + current + " of " + last;
    var phase = $(".phase");  // its own pass's count: the frames' and GIF's titles say the same
    phase.textContent = v.phase === "forward" ? "forward step " + current + " of " + F :
      "backward step " + (current - F - 1) + " of " + B;
    phase.className = "phase " + v.phase;
    $("button.previous").disabled = $("button.first").disabled = current === 0;
    $("button.next").disabled = $("button.last").disabled = current === last;
    focusLine(v);
    if (follow.checked) { center(v); }
  }

  /* --- the tape: one line per step, the current one highlighted ----------- */
  var tape = $(".lines"), lineEls = [];
  function addLine(text, step) {
    var div = document.createElement("div");
    div.textContent = text;
    if (step === null) { div.className = "heading"; } else {
      div.dataset.step = String(step);
      div.addEventListener("click", function () { stop(); goto(step); });
    }
    tape.appendChild(div);
    return div;
  }
  function buildTape() {
    tape.textContent = "";
    lineEls = [];
    addLine("forward", null);
    nodes.forEach(function (n, i) {
      var step = n.op ? computed.indexOf(i) + 1 : 0;
      var text = n.prefix + " = " + fmt(result.data[i]);
      lineEls.push(addLine(text, step));
    });
    addLine("backward", null);
    lineEls.push(addLine(program.seedPrefix + fmt(program.seed) + "   (seed)", F + 1));
    result.back.forEach(function (b, j) {
      var text = program.lefts[j] + " = " + operand(b.upstream) + " * " + operand(b.local) +
                 " -> " + fmt(b.after);
      if (b.before !== 0) {
        text += "   (accumulates: " + operand(b.before) + " + " + operand(b.contribution) + ")";
      }
      lineEls.push(addLine(text, F + 2 + j));
    });
  }
  function paintTape() {
    var first = null;
    lineEls.forEach(function (div) {
      var step = parseInt(div.dataset.step, 10);
      div.classList.toggle("current", step === current);
      div.classList.toggle("done", step < current);
      div.classList.toggle("future", step > current);
      if (step === current && first === null) { first = div; }
    });
    if (first) {
      var top = first.offsetTop - tape.offsetTop, height = tape.clientHeight;
      if (top < tape.scrollTop || top + first.offsetHeight > tape.scrollTop + height) {
        tape.scrollTop = Math.max(0, top - height / 3);
      }
    }
  }

  /* --- one sentence about the current step, built as text (names are user text) --- */
  function focusLine(v) {
    var p = $(".focus");
    p.textContent = "";
    function add(text, bold) {
      var el = document.createElement(bold ? "b" : "span");
      el.textContent = text;
      p.appendChild(el);
    }
    if (current === 0) {
      add("Forward pass: the inputs and parameters are given." +
          (live ? " Change them on the right: everything is recomputed." : ""));
    } else if (v.phase === "forward") {
      add(nodes[v.node].name, true);
      add(" = " + nodes[v.node].prefix.split(" = ").slice(1).join(" = ") + " = " +
          fmt(result.data[v.node]) + ": computed from its inputs (its local derivatives are kept for the backward pass)");
    } else if (current === F + 1) {
      add("Backward pass: the seed d" + program.loss + "/d" + program.loss + " = 1 at ");
      add(nodes[program.root].name, true);
    } else {
      var b = result.back[current - F - 2];
      add(nodes[b.node].name, true);
      add(" passes its gradient to ");
      add(nodes[b.parent].name, true);
      add(": " + nodes[b.parent].name + ".grad += local \u00d7 " + nodes[b.node].name + ".grad = " +
          operand(b.local) + " \u00d7 " + operand(b.upstream));
    }
  }

  /* --- stepping --------------------------------------------------------------- */
  var slider = $("input[type=range]"), play = $("button.play");
  function goto(step) {
    current = checkedIndex("step", step, last);
    paint();
    return state();
  }
  var playing = player(play, parseInt(root.dataset.interval, 10), last,
                       function () { return current; }, goto);
  var stop = playing.stop, toggle = playing.toggle;
  function move(step) { stop(); goto(Math.max(0, Math.min(last, step))); }
  $("button.first").addEventListener("click", function () { move(0); });
  $("button.previous").addEventListener("click", function () { move(current - 1); });
  $("button.next").addEventListener("click", function () { move(current + 1); });
  $("button.last").addEventListener("click", function () { move(last); });
  play.addEventListener("click", toggle);
  slider.addEventListener("input", function () { stop(); goto(parseInt(slider.value, 10)); });
  root.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.tagName === "INPUT" && target.type === "number") { return; }
    if (event.key === " ") { event.preventDefault(); toggle(); return; }
    if (target === slider) { return; }  // the slider moves itself with the arrows, Home, End
    var keys = {ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: last};
    if (event.key in keys) { event.preventDefault(); move(keys[event.key]); }
  });

  /* --- editing the leaves ------------------------------------------------------- */
  var error = $(".error");
  function set(label, number) {
    var i = nodes.findIndex(function (n) { return n.name === label && n.editable; });
    if (i < 0) {
      var names = nodes.filter(function (n) { return n.editable; }).map(function (n) { return n.name; });
      throw new Error("set: " + JSON.stringify(String(label)).slice(0, 42) + " is not an input or " +
                      "parameter of this graph; use one of " + names.join(", "));
    }
    if (!live) { throw new Error("set: this graph uses a rule the page does not know"); }
    if (typeof number !== "number" || !isFinite(number)) {
      throw new Error("set: " + label + " must be a finite number, got " + String(number).slice(0, 40));
    }
    var trial = leaves.slice();
    trial[i] = number;
    var next = compute(trial);  // throws the rule's message; nothing has changed yet
    leaves = trial;
    result = next;
    var field = root.querySelector('.leaves input[data-node="' + i + '"]');
    if (field && parseFloat(field.value) !== number) { field.value = String(number); }
    buildTape();
    paint();
    return state();
  }
  [].forEach.call(root.querySelectorAll(".leaves input"), function (field) {
    field.disabled = !live;
    field.addEventListener("input", function () {
      var node = nodes[parseInt(field.dataset.node, 10)], number = Number(field.value);
      if (field.value.trim() === "" || !isFinite(number)) { field.classList.add("invalid"); return; }
      try {
        set(node.name, number);
        field.classList.remove("invalid");
        error.hidden = true;
      } catch (problem) {
        field.classList.add("invalid");
        error.textContent = problem.message;
        error.hidden = false;
      }
    });
  });
  if (!live && $(".leaves .note")) { $(".leaves .note").hidden = false; }

  function state() {
    var v = view(current), shown = {};
    nodes.forEach(function (n, i) {
      shown[n.name] = {data: v.shown[i] ? result.data[i] : null, grad: v.grads[i]};
    });
    return {step: current, steps: last, phase: v.phase, nodes: shown};
  }

  /* --- zoom and pan --------------------------------------------------------------- */
  var viewport = $(".viewport"), stage = $(".stage"), svg = stage.querySelector("svg");
  var follow = $("input.follow");
  var box = svg.viewBox.baseVal, scale = 1, tx = 0, ty = 0;
  var READABLE = 12 / 11;  // the scale at which the diagram's 11-unit text is 12 px
  var FOLLOW = 13 / 11;  // the scale the view takes when it follows the steps
  svg.setAttribute("width", box.width);
  svg.setAttribute("height", box.height);
  function apply() { stage.style.transform = "translate(" + tx + "px," + ty + "px) scale(" + scale + ")"; }
  function fitScale() {
    return Math.min(viewport.clientWidth / box.width, viewport.clientHeight / box.height) * 0.98;
  }
  function fit() {
    scale = fitScale();
    tx = (viewport.clientWidth - box.width * scale) / 2;
    ty = (viewport.clientHeight - box.height * scale) / 2;
    apply();
  }
  function zoomAt(factor, x, y) {
    var next = Math.max(0.05, Math.min(8, scale * factor));
    tx = x - (x - tx) * next / scale;
    ty = y - (y - ty) * next / scale;
    scale = next;
    apply();
  }
  /* Bring the current step into view at a readable scale: the node, its operation
     and the nodes it reads or feeds when they fit, else the node and its operation. */
  function bounds(elements) {
    var svgBox = svg.getBoundingClientRect(), b = [Infinity, Infinity, -Infinity, -Infinity];
    elements.forEach(function (el) {
      var r = el.getBoundingClientRect();
      b = [Math.min(b[0], (r.left - svgBox.left) / scale), Math.min(b[1], (r.top - svgBox.top) / scale),
           Math.max(b[2], (r.right - svgBox.left) / scale), Math.max(b[3], (r.bottom - svgBox.top) / scale)];
    });
    return b;
  }
  function center(v) {
    var main = [nodeEls[v.node], v.node >= 0 ? opEls[v.node] : null].filter(Boolean);
    if (!main.length || !viewport.clientWidth) { return; }
    var width = viewport.clientWidth, height = viewport.clientHeight;
    var all = bounds(main.concat(v.others.map(function (i) { return nodeEls[i]; }).filter(Boolean)));
    var fits = Math.min(width / (all[2] - all[0] + 40), height / (all[3] - all[1] + 40));
    scale = Math.max(READABLE, Math.min(FOLLOW, fits));
    var target = fits >= READABLE ? all : bounds(main);
    tx = width / 2 - (target[0] + target[2]) / 2 * scale;
    ty = height / 2 - (target[1] + target[3]) / 2 * scale;
    apply();
  }
  $("button.zoom-in").addEventListener("click", function () {
    follow.checked = false; zoomAt(1.25, viewport.clientWidth / 2, viewport.clientHeight / 2);
  });
  $("button.zoom-out").addEventListener("click", function () {
    follow.checked = false; zoomAt(0.8, viewport.clientWidth / 2, viewport.clientHeight / 2);
  });
  $("button.fit").addEventListener("click", function () { follow.checked = false; fit(); });
  follow.addEventListener("change", function () { if (follow.checked) { center(view(current)); } });
  viewport.addEventListener("wheel", function (event) {
    event.preventDefault();
    follow.checked = false;
    var r = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015)), event.clientX - r.left, event.clientY - r.top);
  }, {passive: false});
  var pointers = {}, pinch = null;
  viewport.addEventListener("pointerdown", function (event) {
    pointers[event.pointerId] = [event.clientX, event.clientY];
    try { viewport.setPointerCapture(event.pointerId); } catch (ignored) { /* not a live pointer */ }
    viewport.classList.add("dragging");
  });
  viewport.addEventListener("pointermove", function (event) {
    var before = pointers[event.pointerId];
    if (!before) { return; }
    var ids = Object.keys(pointers);
    pointers[event.pointerId] = [event.clientX, event.clientY];
    follow.checked = false;
    if (ids.length === 2) {
      var a = pointers[ids[0]], b = pointers[ids[1]], distance = Math.hypot(a[0] - b[0], a[1] - b[1]);
      var r = viewport.getBoundingClientRect();
      if (pinch) { zoomAt(distance / pinch, (a[0] + b[0]) / 2 - r.left, (a[1] + b[1]) / 2 - r.top); }
      pinch = distance;
    } else {
      tx += event.clientX - before[0]; ty += event.clientY - before[1];
      apply();
    }
  });
  function release(event) {
    delete pointers[event.pointerId];
    pinch = null;
    if (!Object.keys(pointers).length) { viewport.classList.remove("dragging"); }
  }
  viewport.addEventListener("pointerup", release);
  viewport.addEventListener("pointercancel", release);

/* {api} */
  /* --- start, and the API --------------------------------------------------------- */
  buildTape();
  fit();
  if (fitScale() < READABLE) { follow.checked = true; }  // too small to read whole: follow
  goto(0);
  if (!root.classList.contains("inline")) { root.focus({preventScroll: true}); }  // keys work at once
  register(root.id, {kind: "steps", goto: goto, set: set, state: state,
                     zoom: function () { return scale; }, fit: fit, element: root});
})();
