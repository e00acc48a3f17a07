/* Search for a site opened from disk (file://), where the browser refuses Pagefind's
   requests. The search page loads search-index.js (this language's searchable text)
   and this script; a page matches when it contains every word typed, and pages with
   more matches come first. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (word) { return word.length > 0; });
  }

  function count(haystack, word) {
    var found = 0, at = haystack.indexOf(word);
    while (at >= 0) { found += 1; at = haystack.indexOf(word, at + word.length); }
    return found;
  }

  function excerpt(page, folded, first) {
    var at = folded.indexOf(first), start = Math.max(0, at - 80);
    var before = page.text.slice(start, at), hit = page.text.slice(at, at + first.length);
    var after = page.text.slice(at + first.length, at + first.length + 160);
    var paragraph = document.createElement("p");
    paragraph.append((start > 0 ? "… " : "") + before);
    var mark = document.createElement("mark");
    mark.textContent = hit;
    paragraph.append(mark, after + " …");
    return paragraph;
  }

  function search(index, query) {
    var wanted = words(query);
    if (!wanted.length) return [];
    return index.map(function (page) {
      var folded = page.folded || (page.folded = fold(page.text + " " + page.title));
      var score = 0;
      for (var i = 0; i < wanted.length; i += 1) {
        var found = count(folded, wanted[i]);
        if (!found) return null;
        score += found;
      }
      return { page: page, score: score, folded: folded, first: wanted[0] };
    }).filter(Boolean).sort(function (a, b) { return b.score - a.score || a.page.url.localeCompare(b.page.url); });
  }

  function show(form, index) {
    var input = form.querySelector("input"), list = form.parentNode.querySelector(".offline-results");
    var status = form.parentNode.querySelector(".offline-status");
    var found = search(index, input.value);
    list.replaceChildren();
    found.slice(0, 30).forEach(function (result) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = result.page.url;
      link.textContent = result.page.title || result.page.url;
      link.className = "offline-result-link";
      item.append(link, excerpt(result.page, fold(result.page.text), result.first));
      list.append(item);
    });
    status.textContent = input.value.trim() ? status.dataset.found.replace("{count}", found.length) : "";
  }

  window.coursesmithOfflineSearch = function (box) {
    var form = box.querySelector("form"), index = window.coursesmithSearchIndex || [];
    box.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); show(form, index); });
    form.querySelector("input").addEventListener("input", function () { show(form, index); });
    form.querySelector("input").focus();
  };
})();
