// Review controls: confirm, reject or correct a claim (relation, either actor, negation,
// certainty, time) with an optional note; undo a judgement. Used by the graph's edge panel
// (graph.js calls proxygraphReview.controls) and by the document and reviews pages (every
// .review-slot with a data-claim). Posts JSON to /api/claims/{id}/review. Everything is
// written with textContent; nothing from the server is parsed as HTML.
"use strict";
(function () {
  let ontology = null;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function button(text, cls) {
    const b = el("button", text, cls);
    b.type = "button";
    return b;
  }

  function options() {
    if (!ontology) ontology = fetch("/api/ontology").then((r) => r.json());
    return ontology;
  }

  async function send(id, body) {
    const res = await fetch("/api/claims/" + encodeURIComponent(id) + "/review", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const out = await res.json().catch(() => ({}));
    if (!res.ok) {
      const detail = typeof out.detail === "string" ? out.detail
        : Array.isArray(out.detail) ? out.detail.map((d) => d.loc.slice(-1)[0] + ": " + d.msg).join("; ")
        : "the review was not saved (" + res.status + ")";
      throw new Error(detail);
    }
    return out.claim;
  }

  function labelled(text, input) {
    const label = el("label", text + " ");
    label.appendChild(input);
    return label;
  }

  function select(values, current) {
    const s = document.createElement("select");
    for (const v of values) {
      const o = el("option", v);
      o.value = v;
      if (v === current) o.selected = true;
      s.appendChild(o);
    }
    return s;
  }

  function textInput(value, max) {
    const i = document.createElement("input");
    i.type = "text";
    i.maxLength = max;
    i.value = value || "";
    return i;
  }

  // The correction form, built when first opened; resolves to the fields that changed.
  async function correctionForm(claim, form, onSave) {
    const o = await options();
    const f = {
      subject: textInput(claim.subject, 200),
      relation: select(o.relations.map((r) => r.name), claim.relation),
      object: textInput(claim.object, 200),
      certainty: select(o.certainties, claim.certainty),
      time: textInput(claim.time, 21),
      negated: document.createElement("input"),
    };
    f.negated.type = "checkbox";
    f.negated.checked = !!claim.negated;
    f.time.placeholder = "2015, 2016-03 or 2007/2021";
    f.subject.setAttribute("list", "actor-suggestions");
    f.object.setAttribute("list", "actor-suggestions");
    form.append(labelled("subject", f.subject), labelled("relation", f.relation),
      labelled("object", f.object), labelled("certainty", f.certainty),
      labelled("time", f.time), labelled("negated", f.negated));
    const save = button("Save correction", "review-save");
    save.addEventListener("click", () => {
      const set = {};
      for (const name of ["subject", "relation", "object", "certainty", "time"]) {
        const value = f[name].value.trim();
        if (value !== (claim[name] || "")) set[name] = value;
      }
      if (f.negated.checked !== !!claim.negated) set.negated = f.negated.checked;
      onSave(set);
    });
    form.appendChild(save);
  }

  // The controls for one claim; `done(claim, action)` after a judgement is saved.
  function controls(claim, done) {
    const status = claim.review ? claim.review.status : null;
    const box = el("div", null, "review" + (status ? " " + status : ""));
    box.dataset.claimId = claim.id;
    box.appendChild(el("span", status || "not reviewed", "review-status " + (status || "none")));
    if (claim.review && claim.review.note) box.appendChild(el("span", claim.review.note, "review-note"));
    const note = textInput("", 2000);
    note.placeholder = "note (optional)";
    note.className = "review-note-input";
    note.setAttribute("aria-label", "note");
    const msg = el("span", "", "review-msg");
    msg.setAttribute("role", "status");
    const form = el("div", null, "review-form");
    form.hidden = true;

    function act(action, set) {
      msg.textContent = "saving…";
      const body = { action: action, note: note.value.trim() || null };
      if (set) body.set = set;
      send(claim.id, body).then((judged) => {
        box.replaceWith(controls(judged, done));
        if (done) done(judged, action);
      }, (error) => { msg.textContent = error.message; });
    }

    const bar = el("span", null, "review-buttons");
    const confirm = button("Confirm", "review-confirm");
    confirm.addEventListener("click", () => act("confirm"));
    const reject = button("Reject", "review-reject");
    reject.addEventListener("click", () => act("reject"));
    const correct = button("Correct…", "review-correct");
    correct.addEventListener("click", () => {
      form.hidden = !form.hidden;
      if (!form.hidden && !form.childElementCount) {
        correctionForm(claim, form, (set) => {
          if (Object.keys(set).length) act("correct", set);
          else msg.textContent = "nothing changed";
        });
      }
    });
    if (status !== "confirmed") bar.appendChild(confirm);
    if (status !== "rejected") bar.appendChild(reject);
    bar.appendChild(correct);
    if (status) {
      const undo = button("Undo", "review-undo");
      undo.addEventListener("click", () => act("undo"));
      bar.appendChild(undo);
    }
    box.append(bar, note, msg, form);
    return box;
  }

  window.proxygraphReview = { controls: controls };

  // The document and reviews pages: controls in every slot; a judgement reloads the page,
  // which the server answers from a snapshot that already includes it.
  document.querySelectorAll(".review-slot[data-claim]").forEach((slot) => {
    slot.appendChild(controls(JSON.parse(slot.dataset.claim), () => window.location.reload()));
  });
  const toggle = document.getElementById("show-rejected");
  if (toggle) {
    toggle.addEventListener("change", () => {
      document.getElementById("doc-claims").classList.toggle("show-rejected", toggle.checked);
    });
  }
})();
