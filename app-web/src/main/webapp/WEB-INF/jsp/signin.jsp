<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Sign in"/>
<%@ include file="layout/header.jspf" %>
<h1>Sign in</h1>
<c:choose>
    <c:when test="${not empty displayName}">
        <p id="signin-status">You are signed in as <strong><c:out value="${displayName}"/></strong>.</p>
        <form method="post" action="${pageContext.request.contextPath}/signout" class="inline">
            <input type="hidden" name="csrf" value="${csrfToken}">
            <button type="submit" id="signout">Sign out</button>
        </form>
        <p>Signing out ends your session, cart included.</p>
    </c:when>
    <c:otherwise>
        <p>No password here: a display name is enough to show what signing in does to your session. Watch the
            session id in the panel: it changes when you sign in, and your cart stays.</p>
        <form method="post" action="${pageContext.request.contextPath}/signin" class="add">
            <input type="hidden" name="csrf" value="${csrfToken}">
            <label>Display name <input type="text" name="displayName" maxlength="${maxLength}" required autocomplete="nickname"></label>
            <button type="submit" id="signin">Sign in</button>
        </form>
    </c:otherwise>
</c:choose>
<%@ include file="layout/footer.jspf" %>
