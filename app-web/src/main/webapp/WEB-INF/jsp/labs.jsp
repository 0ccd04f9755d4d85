<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Labs"/>
<%@ include file="layout/header.jspf" %>
<h1>Labs: break a session on purpose</h1>
<p>Each lab runs a real experiment with the <strong id="labs-strategy"><c:out value="${strategy}"/></strong>
    strategy. Labs 1–3 work in a fresh session of their own: the instance that serves you sends real requests
    straight to each instance (A is itself, B and C the others) and shows every step. Your own cart is not
    touched. The tutorial page <code>docs/05-labs.md</code> explains the results.</p>
<c:if test="${not labsEnabled}">
    <p class="lab-off" id="labs-off"><c:out value="${labsOff}"/></p>
</c:if>

<section class="lab" id="lab-in-place">
    <h2>1 · In-place mutation</h2>
    <p>A session attribute is an object. Change that object without calling <code>setAttribute</code> again, and
        the session does not know it changed. Payara's data grid (scope <code>modified-session</code>) promises to
        write a session back only when an attribute was set; our session store (Redis or memcached) writes back only the attributes that
        were set. What do they really do?
        The lab keeps a deliberately mutable basket in the session, adds to it in place, then in place while
        setting another attribute, then properly, and asks another instance each time.</p>
    <button type="button" data-lab="in-place" <c:if test="${not labsEnabled}">disabled</c:if>>Run lab 1</button>
    <div class="lab-result" aria-live="polite"></div>
</section>

<section class="lab" id="lab-concurrent">
    <h2>2 · Concurrent requests</h2>
    <p>Several requests of one session at the same moment, each adding one pack of paper filters, sent where this
        strategy's load balancer would send them: all to one instance (sticky), or spread over all of them (round
        robin). Each request reads the cart when it starts and writes it when it ends. How many additions survive?</p>
    <label>requests <input type="number" id="lab-concurrent-requests" min="2" max="50" value="12"></label>
    <button type="button" data-lab="concurrent" <c:if test="${not labsEnabled}">disabled</c:if>>Run lab 2</button>
    <div class="lab-result" aria-live="polite"></div>
</section>

<section class="lab" id="lab-version-cookie">
    <h2>3 · The version cookie</h2>
    <p>Payara sends a second cookie, <code>JSESSIONIDVERSION</code>. An instance that already holds a copy of a
        session reloads it from the data grid only when that cookie names a newer version than its copy's. The lab
        lets B keep a copy, changes the cart on A, then asks B with the version cookie B handed out before the
        change (a replayed request), without the version cookie, and with the current one; last, A reads the cart.</p>
    <button type="button" data-lab="version-cookie" <c:if test="${not labsEnabled}">disabled</c:if>>Run lab 3</button>
    <div class="lab-result" aria-live="polite"></div>
</section>

<section class="lab" id="lab-ip-hash">
    <h2>4 · ip_hash and one network</h2>
    <p>nginx's <code>ip_hash</code> hashes only the first three octets of an IPv4 address: every client of one /24
        network (an office behind one NAT, a mobile carrier's gateway) lands on the same instance. Your browser sends
        eight requests claiming addresses of one /24, then eight from eight different /24s, in
        <code>X-Forwarded-For</code>, which the local topology's nginx trusts from 127.0.0.1 only (docker compose
        trusts it from nobody: there all eight are you, one address).</p>
    <button type="button" data-lab="ip-hash" <c:if test="${not labsEnabled}">disabled</c:if>>Run lab 4</button>
    <div class="lab-result" aria-live="polite"></div>
</section>

<section class="lab" id="lab-failover">
    <h2>5 · Failover</h2>
    <p>Put something in <a href="${pageContext.request.contextPath}/cart">your cart</a>, press "Remember", crash the
        instance that serves you with the command shown, then press "Check".</p>
    <button type="button" data-lab="failover-remember" <c:if test="${not labsEnabled}">disabled</c:if>>Remember my session</button>
    <button type="button" data-lab="failover-check" <c:if test="${not labsEnabled}">disabled</c:if>>Check after the kill</button>
    <div class="lab-result" aria-live="polite"></div>
</section>
<script src="${pageContext.request.contextPath}/js/labs.js"></script>
<%@ include file="layout/footer.jspf" %>
