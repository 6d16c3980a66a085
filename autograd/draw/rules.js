/* The rule table of autograd (ops.py, activations.py) in JavaScript, for the
   step-by-step page: forward(args, params) -> [value, [local derivative per arg]].

   Same formulas, same kink conventions (relu'(0) = 0, leaky_relu'(0) = alpha,
   elu'(0) = alpha, abs'(0) = 0, a tie of maximum/minimum gives 1/2 each,
   step(0) = sign(0) = 1 with derivative 0, prelu'(0) = a) and
   the same one-line messages as Python when an input is outside a rule's
   domain: a rule throws Error(message) and never returns NaN or infinity.
   tests/draw/test_explorer_rules.py runs every rule here against Python's
   RULES in Chromium and fails when a rule of RULES is missing here.
   Also here: formatNumber (notation.format_number) and repr (Python's repr of
   a float), which the messages and the page's numbers need. */
window.chainruleRules = window.chainruleRules || (function () {
  "use strict";
  var EXP_LIMIT = 709.782712893384;  // math.log of the largest float, as in ops.py
  var SQRT_2 = Math.sqrt(2.0);
  var INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
  var NOISE = 1e-12;  // notation._NOISE

  function pad2(n) { return n < 10 ? "0" + n : String(n); }

  /* Python's repr of a float: the shortest digits that read back as x. */
  function repr(x) {
    if (x !== x) { return "nan"; }
    if (x === Infinity || x === -Infinity) { return x > 0 ? "inf" : "-inf"; }
    if (x === 0) { return 1 / x < 0 ? "-0.0" : "0.0"; }
    var parts = Math.abs(x).toExponential().split("e");
    return (x < 0 ? "-" : "") + place(parts[0].replace(".", ""), parseInt(parts[1], 10),
                                       exponent => exponent < -4 || exponent >= 16, true);
  }

  /* Digits d0 d1 ... times 10^exponent as %g or repr writes them. */
  function place(digits, exponent, useExponent, keepPoint) {
    if (useExponent(exponent)) {
      var mantissa = digits.replace(/0+$/, "") || "0";
      if (mantissa.length > 1) { mantissa = mantissa[0] + "." + mantissa.slice(1); }
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + pad2(Math.abs(exponent));
    }
    var text;
    if (exponent >= 0) {
      while (digits.length < exponent + 1) { digits += "0"; }
      text = digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
    } else {
      text = "0." + "0".repeat(-exponent - 1) + digits;
    }
    text = text.replace(/0+$/, "");
    if (text.endsWith(".")) { text = keepPoint ? text + "0" : text.slice(0, -1); }
    return text;
  }

  /* Python's "%.{p}g" % x: p significant digits, rounded half to even on the
     exact binary value (JavaScript's toPrecision rounds ties away from zero). */
  function g(x, p) {
    if (x === 0) { return 1 / x < 0 ? "-0" : "0"; }
    var parts = Math.abs(x).toExponential(60).split("e");
    var all = parts[0].replace(".", ""), exponent = parseInt(parts[1], 10);
    var kept = all.slice(0, p), rest = all.slice(p);
    var up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1))
                                                  || "13579".indexOf(kept[p - 1]) >= 0));
    if (up) {
      var digits = kept.split(""), i = p - 1;
      while (i >= 0 && digits[i] === "9") { digits[i] = "0"; i -= 1; }
      if (i < 0) { digits.unshift("1"); digits.pop(); exponent += 1; } else {
        digits[i] = String(parseInt(digits[i], 10) + 1);
      }
      kept = digits.join("");
    }
    return (x < 0 ? "-" : "") + place(kept, exponent, e => e < -4 || e >= p, false);
  }

  function significant(text) {
    var mantissa = text.replace("-", "").split("e")[0].replace(".", "");
    return mantissa.replace(/^0+|0+$/g, "").length || 1;
  }

  function readsWhole(text) { return /^-?\d+$/.test(text); }  // no point, no exponent

  function withPoint(text) { return readsWhole(text) ? text + ".0" : text; }

  /* notation._rounder: the text does not read back as x, and shows fewer than
     `digits` significant digits or reads as a whole number (no point, no exponent). */
  function rounder(text, x, digits) {
    if (Number(text) === x) { return false; }
    return significant(text) < digits || readsWhole(text);
  }

  /* notation._first_honest: g(x, p) for the first p from `first` to `last` that
     is not rounder than x at `digits`; g(x, last) if none is. */
  function firstHonest(x, digits, first, last) {
    var text;
    for (var width = first; width <= last; width++) {
      text = g(x, width);
      if (!rounder(text, x, digits)) { break; }
    }
    return text;
  }

  /* notation.format_operand: a "round value + difference" text in brackets. */
  function formatOperand(x, digits) {
    var text = formatNumber(x, digits);
    return text.indexOf(" ") >= 0 ? "(" + text + ")" : text;
  }

  /* notation.format_number: never a rounder number than it is (see its docstring). */
  function formatNumber(x, digits) {
    if (!isFinite(x)) { return repr(x); }
    var text = firstHonest(x, digits, digits, Math.min(digits + 3, 17));
    if (rounder(text, x, digits)) {
      var rounded = g(x, digits), difference = x - Number(rounded);
      if (Math.abs(difference) <= NOISE * Math.abs(x)) { return "\u2248" + withPoint(rounded); }
      return withPoint(rounded) + (difference > 0 ? " + " : " - ") +
             firstHonest(Math.abs(difference), 1, 3, 17);  // 17 digits read back
    }
    return withPoint(text);
  }

  function fail(message) { throw new Error(message); }

  /* rules.finite: the number, or the one-line overflow message. */
  function finite(name, number, inputs, what) {
    if (isFinite(number)) { return number; }
    fail(name + "(" + inputs.map(repr).join(", ") + "): " + (what || "the result") + " is " +
         repr(number) + ", not a finite float; rescale the inputs so the values stay below " +
         "about 1e308");
  }

  function power(name, base, exponent) {
    var call = name + "(base=" + repr(base) + ", exponent=" + repr(exponent) + "): ";
    if (base === 0 && exponent < 0) {
      fail(call + "0 cannot be raised to a negative power; keep the base away from 0");
    }
    var out = Math.pow(base, exponent);
    if (!isFinite(out)) {
      fail(call + "the result overflows a float; use a smaller base or exponent");
    }
    return out;
  }

  function logistic(x) {
    if (x >= 0) { return 1.0 / (1.0 + Math.exp(-x)); }
    var e = Math.exp(x);
    return e / (1.0 + e);
  }

  /* erfc to about 1e-14 relative: for |x| < 2 through erf's series of positive
     terms (Abramowitz & Stegun 7.1.6), beyond by erfc's continued fraction
     (A&S 7.1.14) evaluated with Lentz's method; erfc(-x) = 2 - erfc(x). */
  function erfc(x) {
    if (x < 0) { return 2.0 - erfc(-x); }
    if (x < 2) {
      var term = x, sum = x, n = 0;
      while (term > 1e-17 * sum) { n += 1; term *= 2 * x * x / (2 * n + 1); sum += term; }
      return 1.0 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }
    if (x > 27.3) { return 0.0; }  // below the smallest float
    var tiny = 1e-300, f = x, c = x, d = 0.0;
    for (var k = 1; k < 500; k++) {
      var a = k / 2;
      d = x + a * d; d = d === 0 ? tiny : 1 / d;
      c = x + a / c; if (c === 0) { c = tiny; }
      var delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) { break; }
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }

  var ONE = [1.0], ZERO = [0.0];
  var RULES = {
    add: (a, b) => [a + b, [1.0, 1.0]],
    sub: (a, b) => [a - b, [1.0, -1.0]],
    mul: (a, b) => [a * b, [b, a]],
    div: function (a, b) {
      if (b === 0) {
        fail("div(" + repr(a) + ", " + repr(b) + "): division by zero; make sure the " +
             "denominator is never 0");
      }
      var out = finite("div", a / b, [a, b]);
      return [out, [finite("div", 1.0 / b, [a, b], "the derivative 1/b"),
                    finite("div", -out / b, [a, b], "the derivative -a/b^2")]];
    },
    neg: x => [-x, [-1.0]],
    pow: function (x, p) {
      var n = p.n, call = "pow(base=" + repr(x) + ", exponent=" + repr(n) + "): ";
      if (x < 0 && !Number.isInteger(n)) {
        fail(call + "a negative base to a fractional power is not a real number; use a " +
             "positive base or an integer power");
      }
      var out = power("pow", x, n);
      if (x === 0 && 0 < n && n < 1) {
        fail(call + "the derivative n x^(n-1) is infinite at x = 0; keep the base above 0");
      }
      var local;  // n x^(n-1) as n (x^n / x), without a second power that could overflow alone
      if (n === 0 || x === 0) { local = n === 1 ? 1.0 : 0.0; } else { local = n * (out / x); }
      return [out, [finite("pow", local, [x, n], "the derivative n x^(n-1)")]];
    },
    vpow: function (a, b) {
      if (a < 0 || (a === 0 && b >= 0)) {
        fail("vpow(base=" + repr(a) + ", exponent=" + repr(b) + "): a Value exponent needs " +
             "a base > 0 (d/db = a^b ln a); use a positive base or a number exponent");
      }
      var out = power("vpow", a, b);
      var localA = b * power("vpow", a, b - 1.0);
      return [out, [finite("vpow", localA, [a, b], "the derivative b a^(b-1)"),
                    finite("vpow", out * Math.log(a), [a, b], "the derivative a^b ln a")]];
    },
    rpow: function (x, p) {
      var c = p.c;
      if (c < 0 || (c === 0 && x >= 0)) {
        fail("rpow(base=" + repr(c) + ", exponent=" + repr(x) + "): a number base must be " +
             "> 0 to raise it to a Value power (d/dx = c^x ln c); use a positive base");
      }
      var out = power("rpow", c, x);
      return [out, [finite("rpow", out * Math.log(c), [x, c], "the derivative c^x ln c")]];
    },
    abs: x => x > 0 ? [x, ONE] : x < 0 ? [-x, [-1.0]] : [0.0, ZERO],
    exp: function (x) {
      if (x > EXP_LIMIT) {
        fail("exp(" + repr(x) + "): the result overflows a float (x must be at most " +
             EXP_LIMIT.toFixed(2) + "); rescale the input");
      }
      var out = Math.exp(x);
      return [out, [out]];
    },
    log: function (x) {
      if (x <= 0) {
        fail("log(" + repr(x) + "): the logarithm is defined only for x > 0; keep the input " +
             "positive (for example log(x + 1e-12) when x >= 0)");
      }
      return [Math.log(x), [finite("log", 1.0 / x, [x], "the derivative 1/x")]];
    },
    sqrt: function (x) {
      if (x < 0) {
        fail("sqrt(" + repr(x) + "): the square root of a negative number is not real; " +
             "keep the input >= 0");
      }
      if (x === 0) {
        fail("sqrt(" + repr(x) + "): the derivative 1/(2 sqrt x) is infinite at 0; keep the " +
             "input above 0 (for example sqrt(x + 1e-12))");
      }
      var out = Math.sqrt(x);
      return [out, [finite("sqrt", 0.5 / out, [x], "the derivative 1/(2 sqrt x)")]];
    },
    sin: x => [Math.sin(x), [Math.cos(x)]],
    cos: x => [Math.cos(x), [-Math.sin(x)]],
    arctan: x => [Math.atan(x), [Math.abs(x) > 1e150 ? 0.0 : 1.0 / (1.0 + x * x)]],
    /* tanh' = 4 e / (1 + e)^2 and sigmoid' = e / (1 + e)^2 (e = e^(-2|x|), e^-|x|):
       1 - t*t and s (1 - s) cancel to 0 where t or s rounds to 1, as in activations.py. */
    tanh: function (x) {
      var e = Math.exp(-2.0 * Math.abs(x));
      return [Math.tanh(x), [4.0 * e / ((1.0 + e) * (1.0 + e))]];
    },
    sigmoid: function (x) {
      var e = Math.exp(-Math.abs(x));
      return [logistic(x), [e / ((1.0 + e) * (1.0 + e))]];
    },
    relu: x => x > 0 ? [x, ONE] : [0.0, ZERO],
    leaky_relu: (x, p) => x > 0 ? [x, ONE] : [p.alpha * x, [p.alpha]],
    elu: (x, p) => x > 0 ? [x, ONE] : [p.alpha * Math.expm1(x), [p.alpha * Math.exp(x)]],
    softplus: x => [Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))), [logistic(x)]],
    gelu: function (x) {
      var cdf = 0.5 * erfc(-x / SQRT_2);
      var density = Math.abs(x) < 40.0 ? INV_SQRT_2PI * Math.exp(-0.5 * x * x) : 0.0;
      return [x * cdf, [cdf + x * density]];
    },
    /* The perceptron's step and sign (1 at 0, derivative 0) and PReLU (d/dx = a at 0). */
    step: x => [x >= 0 ? 1.0 : 0.0, ZERO],
    sign: x => [x >= 0 ? 1.0 : -1.0, ZERO],
    prelu: (x, a) => x > 0 ? [x, [1.0, 0.0]] : [a * x, [a, x]],
    maximum: (a, b) => a > b ? [a, [1.0, 0.0]] : b > a ? [b, [0.0, 1.0]] : [a, [0.5, 0.5]],
    minimum: (a, b) => a < b ? [a, [1.0, 0.0]] : b < a ? [b, [0.0, 1.0]] : [a, [0.5, 0.5]],
  };
  /* "sum": the lecture's sigma over any number of inputs, local 1 for each. */
  var SUM = function (args) {
    var total = 0.0;
    for (var i = 0; i < args.length; i++) { total += args[i]; }
    return [total, args.map(() => 1.0)];
  };

  /* forward(name, args, params) -> [value, locals]; params a {name: number} object. */
  function forward(name, args, params) {
    if (name === "sum") { return SUM(args); }
    var rule = RULES[name];
    if (!rule) { fail("the page has no rule " + JSON.stringify(name)); }
    var hasParams = params && Object.keys(params).length > 0;
    return hasParams ? rule(args[0], params) : rule.apply(null, args);
  }

  /* The node's check after any rule (value.py): a result that overflowed to
     inf or NaN is refused with rules.finite's one-line message. */
  function checked(name, args, params) {
    var out = forward(name, args, params);
    var numbers = args.concat(Object.keys(params || {}).map(k => params[k]));
    return [finite(name, out[0], numbers), out[1]];
  }

  return {forward: forward, checked: checked, names: Object.keys(RULES).concat(["sum"]),
          formatNumber: formatNumber, formatOperand: formatOperand, repr: repr, erfc: erfc};
})();
