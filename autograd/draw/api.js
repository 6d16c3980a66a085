  /* --- the page API: the same on the step page and the training replay page -------
     (api.js, inlined into each page's script, so neither page needs the other's.)
     window.chainrule.pages holds every page shown in the document by its id, each
     page's own API with its kind ("steps" or "replay"); window.chainrule.goto,
     .state and .set act on the page shown last, and .page(id) gives any one. */

  /* A value as a message shows it: on one line, strings quoted, at most 40 characters. */
  function shownValue(value) {
    var text;
    if (typeof value === "string" || (typeof value === "object" && value !== null)) {
      try { text = JSON.stringify(value); } catch (ignored) { text = undefined; }
    }
    if (text === undefined) {
      try { text = String(value); } catch (ignored) { text = "a " + typeof value; }
    }
    text = text.replace(/\s+/g, " ");
    return text.length > 40 ? text.slice(0, 39) + "\u2026" : text;
  }

  /* goto's argument: a whole number from 0 to last, else one line naming goto and it. */
  function checkedIndex(noun, value, last) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > last) {
      throw new Error("goto: " + noun + " must be a whole number from 0 to " + last +
                      ", got " + shownValue(value));
    }
    return value;
  }

  /* Play/Pause for both pages: from the step now() to `last`, show(k) every `interval`
     ms, the button saying what a click does. start() begins again from 0 at the end. */
  function player(button, interval, last, now, show) {
    var timer = null;
    function stop() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      button.textContent = "Play";
    }
    function start() {
      if (now() === last) { show(0); }
      button.textContent = "Pause";
      timer = setInterval(function () {
        if (now() >= last) { stop(); return; }
        show(now() + 1);
        if (now() >= last) { stop(); }
      }, interval);
    }
    return {stop: stop, toggle: function () { if (timer === null) { start(); } else { stop(); } }};
  }

  /* Add this page's API to window.chainrule, which then acts on it (the last shown). */
  function register(id, api) {
    var registry = window.chainrule = window.chainrule || {};
    registry.pages = registry.pages || {};
    registry.pages[id] = api;
    registry.last = id;
    registry.page = function (which) {
      var key = which === undefined || which === null ? registry.last : String(which);
      if (!Object.prototype.hasOwnProperty.call(registry.pages, key)) {
        throw new Error("page: no page has the id " + shownValue(which) + "; the pages are " +
                        Object.keys(registry.pages).join(", "));
      }
      return registry.pages[key];
    };
    registry.goto = function (k) { return registry.page().goto(k); };
    registry.state = function () { return registry.page().state(); };
    registry.set = function (label, number) {
      var page = registry.page();
      if (!page.set) {
        throw new Error("set: the page shown last (" + registry.last + ") is a training " +
                        "replay, with nothing to set; use window.chainrule.page(id) for a step page");
      }
      return page.set(label, number);
    };
  }
