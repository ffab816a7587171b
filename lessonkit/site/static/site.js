// Filters and search for the lesson catalogue.  Plain JavaScript that works
// from a folder opened by double click: the data is in the page (no fetch),
// no modules.  Without it
// the page lists every lesson; with it the finder shows and hides cards.
(function () {
  "use strict";
  var data = document.getElementById("lesson-data");
  var form = document.getElementById("filters");
  if (!data || !form) return;
  var lessons = JSON.parse(data.textContent);
  var words = JSON.parse(document.getElementById("site-words").textContent);
  var grade = document.getElementById("f-grade");
  var concept = document.getElementById("f-concept");
  var family = document.getElementById("f-family");
  var search = document.getElementById("f-search");
  var count = document.getElementById("count");
  var none = document.getElementById("none");

  // Fold what a teacher types and what the lessons say alike: full-width to
  // half-width (NFKC), lower case, katakana to hiragana, spaces dropped.
  function fold(text) {
    var s = (text.normalize ? text.normalize("NFKC") : text).toLowerCase();
    s = s.replace(/[\u30a1-\u30f6]/g, function (ch) {
      return String.fromCharCode(ch.charCodeAt(0) - 0x60);
    });
    return s.replace(/\s+/g, "");
  }
  lessons.forEach(function (x) { x.folded = fold(x.text); });

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }

  function apply() {
    var g = grade.value ? Number(grade.value) : null;
    var c = concept.value;
    var f = family.value;
    var terms = search.value.split(/[\s\u3000]+/).map(fold).filter(Boolean);
    var shown = 0;
    lessons.forEach(function (x) {
      var ok = (g === null || x.grades.indexOf(g) >= 0) &&
        (!c || x.concepts.indexOf(c) >= 0) &&
        (!f || x.family === f) &&
        terms.every(function (t) { return x.folded.indexOf(t) >= 0; });
      var card = document.getElementById("card-" + x.id);
      if (card) card.hidden = !ok;
      if (ok) shown += 1;
    });
    var filtered = g !== null || c || f || terms.length;
    count.textContent = filtered
      ? say(words.count, { shown: shown, total: lessons.length })
      : say(words.count_all, { total: lessons.length });
    none.hidden = shown > 0;
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  // Back from a lesson page: the browser may restore the choices; show them.
  window.addEventListener("pageshow", apply);
  form.closest("section").hidden = false;
  apply();
})();
