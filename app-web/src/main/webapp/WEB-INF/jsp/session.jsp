<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Where is my session?"/>
<%@ include file="layout/header.jspf" %>
<h1>Where is my session?</h1>
<p class="where-summary" id="location-summary"><c:out value="${where.summary()}"/></p>
<c:choose>
    <c:when test="${not where.hasSession()}">
        <p id="location-none"><a href="${pageContext.request.contextPath}/">Browse the products</a> or open
            <a href="${pageContext.request.contextPath}/cart">your cart</a> to start a session.</p>
    </c:when>
    <c:when test="${where.memory() != null}">
        <dl class="where">
            <dt>kept in the memory of</dt><dd id="location-memory"><c:out value="${where.memory()}"/></dd>
            <dt>other copies</dt><dd id="location-copies">none: no other instance has this session</dd>
        </dl>
    </c:when>
    <c:when test="${where.grid() != null}">
        <dl class="where">
            <dt>data grid map</dt><dd><code id="location-map">"<c:out value="${where.grid().map()}"/>"</code>
                (partition <c:out value="${where.grid().partition()}"/>)</dd>
            <dt>owner</dt><dd id="location-owner"><c:out value="${where.grid().owner().name()}"/></dd>
            <dt>backup</dt>
            <dd id="location-backups">
                <c:forEach var="backup" items="${where.grid().backups()}" varStatus="loop">
                    <c:out value="${backup.name()}"/><c:if test="${not loop.last}">, </c:if>
                </c:forEach>
                <c:if test="${not where.grid().backupsKnown()}">
                    <c:out value="${where.grid().backupCount()}"/> backup(s) on members other than the owner
                </c:if>
            </dd>
        </dl>
    </c:when>
    <c:when test="${where.redis() != null}">
        <dl class="where">
            <dt>Redis key</dt><dd><code id="location-key"><c:out value="${where.redis().key()}"/></code></dd>
            <dt>expires in</dt><dd id="location-ttl"><c:out value="${where.storeTtl()}"/></dd>
            <dt>size in Redis</dt><dd id="location-size"><c:out value="${where.redis().sizeBytes()}"/> bytes</dd>
            <dt>Redis node</dt><dd id="location-node"><c:out value="${where.redis().node()}"/></dd>
            <dt>replicas</dt><dd id="location-replicas"><c:choose>
                <c:when test="${where.redis().replicas().isEmpty()}">none: this node is the only copy</c:when>
                <c:otherwise><c:forEach var="replica" items="${where.redis().replicas()}" varStatus="loop"><c:out
                        value="${replica.node()}"/> <small>(<c:out value="${replica.lagBytes()}"/> bytes behind)</small><c:if
                        test="${not loop.last}">, </c:if></c:forEach></c:otherwise>
            </c:choose></dd>
        </dl>
    </c:when>
    <c:when test="${where.memcached() != null}">
        <dl class="where">
            <dt>memcached key</dt><dd><code id="location-key"><c:out value="${where.memcached().key()}"/></code></dd>
            <dt>expires in</dt><dd id="location-ttl"><c:out value="${where.storeTtl()}"/> <small>(renewed by every request)</small></dd>
            <dt>item size</dt><dd id="location-size"><c:out value="${where.memcached().sizeBytes()}"/> bytes</dd>
            <dt>owner node</dt><dd id="location-owner"><c:out value="${where.memcached().owner()}"/>
                <small><c:out value="${where.memcached().ownerHasIt() ? '(holds it)' : '(does not hold it now)'}"/></small></dd>
            <dt>backup node</dt><dd id="location-backup"><c:out value="${where.memcached().backup()}"/>
                <small><c:out value="${where.memcached().backupHasIt() ? '(holds the copy)' : '(has no copy now)'}"/></small></dd>
        </dl>
    </c:when>
</c:choose>
<c:if test="${not where.gridMembers().isEmpty()}">
    <h2>Data grid members</h2>
    <ul class="grid-members" id="grid-members">
        <c:forEach var="member" items="${where.gridMembers()}">
            <li><c:out value="${member.name()}"/> <small><c:out value="${member.address()}"/></small>
                <c:if test="${member.local()}"> · this instance</c:if></li>
        </c:forEach>
    </ul>
</c:if>
<h2>The instances</h2>
<ul class="instances" id="cluster">
    <c:forEach var="peer" items="${instances}">
        <li class="${peer.up() ? 'up' : 'down'}${peer.self() ? ' self' : ''}" data-instance="<c:out value='${peer.name()}'/>">
            <strong><c:out value="${peer.name()}"/></strong>
            <c:out value="${peer.up() ? 'up' : 'down'}"/><c:if test="${peer.self()}"> · served this request</c:if>
        </li>
    </c:forEach>
</ul>
<c:if test="${not peersConfigured}">
    <p class="note">This instance does not know its peers (no <code>shop.instances</code> / <code>SHOP_INSTANCES</code>),
        so it shows only itself.</p>
</c:if>
<%@ include file="layout/footer.jspf" %>
