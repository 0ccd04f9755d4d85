// The labs page: each button calls its /api/labs endpoint and draws what came back. Text only (textContent),
// never markup from a response.
(function () {
    "use strict";

    function el(tag, text, className) {
        var node = document.createElement(tag);
        if (text !== undefined && text !== null) { node.textContent = String(text); }
        if (className) { node.className = className; }
        return node;
    }

    function table(headers, rows) {
        var t = el("table", null, "lab-steps");
        var head = t.createTHead().insertRow();
        headers.forEach(function (h) { head.appendChild(el("th", h)); });
        var body = t.createTBody();
        rows.forEach(function (cells) {
            var row = body.insertRow();
            cells.forEach(function (c) { row.appendChild(el("td", c)); });
        });
        return t;
    }

    function show(section, nodes) {
        var out = section.querySelector(".lab-result");
        out.replaceChildren.apply(out, nodes);
    }

    function call(method, path, body, headers) {
        var options = { method: method, headers: Object.assign({ "Accept": "application/json" }, headers || {}) };
        if (body !== undefined) {
            options.headers["Content-Type"] = "application/json";
            options.body = JSON.stringify(body);
        }
        return fetch(path, options).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (json) {
                if (!response.ok) { throw new Error(json.detail || ("The shop answered " + response.status + ".")); }
                return json;
            });
        });
    }

    function report(section, json) {
        var findings = el("ul", null, "lab-findings");
        Object.keys(json.findings).forEach(function (name) {
            var value = json.findings[name];
            findings.appendChild(el("li", name + ": " + (typeof value === "object" ? JSON.stringify(value) : value)));
        });
        show(section, [
            el("p", "Run by " + json.servedBy + " (" + json.strategy + ")", "note"),
            table(["#", "instance", "request", "what it saw"], json.steps.map(function (s) {
                return [s.number, s.instance, s.action, s.outcome];
            })),
            findings,
            el("p", json.conclusion, "lab-conclusion")
        ]);
    }

    function fail(section, error) {
        show(section, [el("p", error.message, "lab-error")]);
    }

    function ipHash(section) {
        var sameNetwork = [], differentNetworks = [], i;
        for (i = 1; i <= 8; i++) { sameNetwork.push("203.0.113." + (10 * i)); }
        for (i = 1; i <= 8; i++) { differentNetworks.push("198.51." + (10 * i) + ".7"); }
        var rows = [], chain = Promise.resolve();
        sameNetwork.concat(differentNetworks).forEach(function (address, index) {
            chain = chain.then(function () {
                return call("GET", "api/labs/ip-hash", undefined, { "X-Forwarded-For": address }).then(function (json) {
                    rows.push([index < 8 ? "one /24" : "eight /24s", address, json.clientAddress, json.instance]);
                });
            });
        });
        return chain.then(function () {
            function instances(group) {
                var seen = {};
                rows.filter(function (r) { return r[0] === group; }).forEach(function (r) { seen[r[3]] = true; });
                return Object.keys(seen).sort();
            }
            show(section, [
                table(["clients", "claimed address", "address nginx passed on", "served by"], rows),
                el("p", "One /24 reached " + instances("one /24").join(", ") + "; eight /24s reached "
                    + instances("eight /24s").join(", ") + ".", "lab-conclusion")
            ]);
        });
    }

    var REMEMBERED = "session-shop.failover";

    function failoverRemember(section) {
        return call("GET", "api/labs/failover").then(function (json) {
            sessionStorage.setItem(REMEMBERED, JSON.stringify(json));
            var nodes = [el("p", "Served by " + json.instance + ", session " + (json.sessionId || "none yet")
                + ", " + json.cart.itemCount + " item(s) in the cart. Now crash " + json.instance + ":")];
            if (json.commands) {
                nodes.push(el("pre", json.commands.launcher + "\n# or, with docker compose:\n" + json.commands.compose));
            }
            nodes.push(el("p", "Then press \u201cCheck after the kill\u201d.", "note"));
            show(section, nodes);
        });
    }

    function failoverCheck(section) {
        var before = JSON.parse(sessionStorage.getItem(REMEMBERED) || "null");
        if (!before) { return Promise.reject(new Error("Press \u201cRemember my session\u201d first.")); }
        return call("GET", "api/labs/failover").then(function (after) {
            var sameSession = before.sessionId !== null && before.sessionId === after.sessionId;
            var sameCart = JSON.stringify(before.cart.lines) === JSON.stringify(after.cart.lines);
            show(section, [
                table(["", "instance", "session", "items in the cart"], [
                    ["before", before.instance, before.sessionId || "none", before.cart.itemCount],
                    ["after", after.instance, after.sessionId || "none", after.cart.itemCount]
                ]),
                el("p", (after.instance === before.instance ? "The same instance answered: was it killed? "
                    : "Another instance answered. ") + (sameSession ? "Same session, " : "A different session, ")
                    + (sameCart ? "same cart." : "and the cart is not the one you had."), "lab-conclusion")
            ]);
        });
    }

    var actions = {
        "in-place": function (section) { return call("POST", "api/labs/in-place", {}).then(function (j) { report(section, j); }); },
        "concurrent": function (section) {
            var requests = parseInt(document.getElementById("lab-concurrent-requests").value, 10);
            return call("POST", "api/labs/concurrent", { requests: requests }).then(function (j) { report(section, j); });
        },
        "version-cookie": function (section) { return call("POST", "api/labs/version-cookie", {}).then(function (j) { report(section, j); }); },
        "ip-hash": ipHash,
        "failover-remember": failoverRemember,
        "failover-check": failoverCheck
    };

    document.querySelectorAll("button[data-lab]").forEach(function (button) {
        button.addEventListener("click", function () {
            var section = button.closest("section");
            button.disabled = true;
            show(section, [el("p", "running\u2026", "note")]);
            actions[button.getAttribute("data-lab")](section)
                .catch(function (error) { fail(section, error); })
                .then(function () { button.disabled = false; });
        });
    });
}());
