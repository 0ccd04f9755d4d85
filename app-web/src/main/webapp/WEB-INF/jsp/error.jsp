<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="${errorTitle}"/>
<%@ include file="layout/header.jspf" %>
<section class="error">
    <h1><c:out value="${errorTitle}"/> <small>(<c:out value="${errorStatus}"/>)</small></h1>
    <p id="error-message"><c:out value="${errorMessage}"/></p>
    <p><a href="${pageContext.request.contextPath}/cart">Your cart</a> · <a href="${pageContext.request.contextPath}/">All products</a></p>
</section>
<%@ include file="layout/footer.jspf" %>
