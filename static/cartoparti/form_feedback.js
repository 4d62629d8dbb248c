// After a form is sent: fields in error marked aria-invalid and linked to their message,
// the focus on the confirmation or the first field in error (cartoparti.web.form_feedback).
// Served by the app from static/ (the Content-Security-Policy allows scripts from 'self' only);
// its parameters come in the data-spec attribute of its own <script> element.
(function(spec) {
    var tries = 0;
    function box(key) { return document.querySelector(".st-key-" + CSS.escape(key)); }
    function control(container) {
        return container.querySelector("[role=radiogroup]")
            || container.querySelector("input:not([type=hidden]):not([type=file]), textarea, button");
    }
    function focusable(el) {
        if (el.getAttribute("role") === "radiogroup") { return el.querySelector("input:checked") || el.querySelector("input"); }
        return el;
    }
    function run() {
        var pending = false, marked = [], first = null;
        spec.fields.forEach(function(f) {
            var widget = box(f.widget), message = box(f.error);
            var el = widget && control(widget);
            if (!el || !message) { pending = true; return; }
            message.id = "cp-error-" + f.name;
            el.setAttribute("aria-invalid", "true");
            el.setAttribute("data-cp-invalid", "");
            var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
            if (ids.indexOf(message.id) < 0) { ids.push(message.id); }
            el.setAttribute("aria-describedby", ids.join(" "));
            marked.push(el);
            if (!first || (el.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)) { first = el; }
        });
        var success = spec.success && box(spec.success);
        if ((pending || (spec.success && !success)) && tries++ < 100) { setTimeout(run, 100); return; }
        document.querySelectorAll("[data-cp-invalid]").forEach(function(el) {
            if (marked.indexOf(el) < 0) {
                el.removeAttribute("aria-invalid");
                el.removeAttribute("data-cp-invalid");
                var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function(id) {
                    return id && id.indexOf("cp-error-") !== 0;
                });
                if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
            }
        });
        if (!spec.focus) { return; }
        var target = success || (first && focusable(first));
        if (!target) { return; }
        if (success) { success.setAttribute("tabindex", "-1"); }
        target.focus({preventScroll: true});
        target.scrollIntoView({block: "center"});
    }
    run();
})(JSON.parse(document.currentScript.getAttribute("data-spec")));
