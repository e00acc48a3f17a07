/* The SCORM 1.2 side of a coursesmith lesson: find the LMS's API, start the attempt,
   check the self-check quiz against its sealed answers, report the score and status,
   and finish the attempt when the page goes away. Works without an LMS too (the quiz
   still checks itself; nothing is reported). */
(function () {
  "use strict";

  function findApi(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      if (win.API) return win.API;
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  var started = false, finished = false;

  function call(name) {
    if (!api || !started) return "";
    return api[name].apply(api, Array.prototype.slice.call(arguments, 1));
  }

  /* SHA-256 (FIPS 180-4) of a UTF-8 string, as hex: the seal the build computes
     (coursesmith/model/answers.py). Written out because crypto.subtle exists only on
     https pages, and many LMS servers are plain http. */
  var K = [];
  (function () {
    var n = 2, found = 0;
    while (found < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
      if (prime) { K.push((Math.pow(n, 1 / 3) % 1) * 4294967296 | 0); found++; }
      n++;
    }
  })();
  function sha256(text) {
    var bytes = unescape(encodeURIComponent(text)), words = [], i;
    var bits = bytes.length * 8;
    bytes += "\x80";
    while (bytes.length % 64 !== 56) bytes += "\x00";
    for (i = 0; i < bytes.length; i++) words[i >> 2] |= bytes.charCodeAt(i) << (24 - (i % 4) * 8);
    words.push(Math.floor(bits / 4294967296), bits | 0);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var block = 0; block < words.length; block += 16) {
      var w = words.slice(block, block + 16), a = h.slice();
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      for (i = 0; i < 64; i++) {
        var e = a[4];
        var t1 = (a[7] + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & a[5]) ^ (~e & a[6])) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a[0], 2) ^ rotr(a[0], 13) ^ rotr(a[0], 22)) + ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]))) | 0;
        a = [(t1 + t2) | 0, a[0], a[1], a[2], (a[3] + t1) | 0, a[4], a[5], a[6]];
      }
      for (i = 0; i < 8; i++) h[i] = (h[i] + a[i]) | 0;
    }
    return h.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  function start() {
    if (!api || started) return;
    started = String(api.LMSInitialize("")) === "true";
    if (!quiz && started) {
      call("LMSSetValue", "cmi.core.lesson_status", "completed");  // a reading without a quiz: seen is done
    } else if (call("LMSGetValue", "cmi.core.lesson_status") === "not attempted") {
      call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    }
    call("LMSCommit", "");
  }

  function finish() {
    if (!started || finished) return;
    finished = true;
    call("LMSFinish", "");
  }

  function check(event) {
    event.preventDefault();
    var items = quiz.querySelectorAll(".quiz-item"), right = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i], chosen = item.querySelector("input:checked");
      var seal = chosen ? sha256([quiz.dataset.course, quiz.dataset.lesson, item.dataset.item, chosen.value].join("/")) : "";
      var verdict = item.querySelector(".quiz-verdict");
      var state = !chosen ? "unanswered" : seal === item.dataset.sealed ? "right" : "wrong";
      if (state === "right") right++;
      item.className = "quiz-item " + state;
      verdict.textContent = verdict.dataset[state];
    }
    var score = Math.round(100 * right / items.length);
    var result = quiz.querySelector(".quiz-result");
    result.textContent = result.dataset.template.replace("{score}", score).replace("{right}", right).replace("{total}", items.length);
    call("LMSSetValue", "cmi.core.score.min", "0");
    call("LMSSetValue", "cmi.core.score.max", "100");
    call("LMSSetValue", "cmi.core.score.raw", String(score));
    call("LMSSetValue", "cmi.core.lesson_status", score >= Number(quiz.dataset.mastery) ? "passed" : "failed");
    call("LMSCommit", "");
  }

  var quiz = document.querySelector("form.quiz");
  if (quiz) quiz.addEventListener("submit", check);
  start();
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
