// Sends the add-article form to the API and lists the actors found, as text.
"use strict";
(function () {
  const form = document.getElementById("add-form");
  const out = document.getElementById("add-result");
  function line(text, cls) {
    const p = document.createElement("p");
    p.textContent = text;
    if (cls) p.className = cls;
    out.appendChild(p);
    return p;
  }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    line("Reading and extracting…", "status");
    const button = document.getElementById("submit");
    button.disabled = true;
    try {
      const res = await fetch("/api/documents", { method: "POST", body: new FormData(form) });
      const body = await res.json();
      out.replaceChildren();
      if (!res.ok) {
        line("Not added: " + (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)), "error");
        return;
      }
      const head = line("Added " + (body.title || body.id) + ": " + body.claims + " claims. ");
      const link = document.createElement("a");
      link.href = "/document/" + encodeURIComponent(body.id);
      link.textContent = "Open the document";
      head.appendChild(link);
      line("Actors found:");
      const ul = document.createElement("ul");
      ul.id = "added-actors";
      for (const name of body.actors) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = "/actor/" + encodeURIComponent(name);
        a.textContent = name;
        li.appendChild(a);
        ul.appendChild(li);
      }
      out.appendChild(ul);
    } catch (err) {
      out.replaceChildren();
      line("Not added: " + err, "error");
    } finally {
      button.disabled = false;
    }
  });
})();
