// Alias-aware autocomplete for the header search; picking a name opens its actor page.
"use strict";
(function () {
  const input = document.getElementById("actor-search");
  const list = document.getElementById("actor-suggestions");
  if (!input || !list) return;
  let timer = null;
  let names = new Set();
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (names.has(q)) { window.location.href = "/actor/" + encodeURIComponent(q); return; }
    if (!q) return;
    timer = setTimeout(async () => {
      const res = await fetch("/api/actors/search?limit=10&q=" + encodeURIComponent(q));
      if (!res.ok) return;
      const found = await res.json();
      list.replaceChildren();
      names = new Set();
      for (const m of found) {
        const opt = document.createElement("option");
        opt.value = m.name;
        opt.label = m.matched === m.name ? m.type : m.matched + " · " + m.type;
        list.appendChild(opt);
        names.add(m.name);
      }
    }, 150);
  });
  input.form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    const res = await fetch("/api/actors/search?limit=1&q=" + encodeURIComponent(q));
    const found = res.ok ? await res.json() : [];
    window.location.href = found.length ? "/actor/" + encodeURIComponent(found[0].name)
                                        : "/actors?q=" + encodeURIComponent(q);
  });
})();
