<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Products"/>
<%@ include file="layout/header.jspf" %>
<h1>Coffee, tea and the things to make them</h1>
<ul class="products">
    <c:forEach var="product" items="${products}">
        <li class="card">
            <a href="${pageContext.request.contextPath}/products/${product.id()}">
                <img src="${pageContext.request.contextPath}/images/products/${product.id()}.svg" alt="" width="160" height="160">
                <span class="name"><c:out value="${product.name()}"/></span>
            </a>
            <span class="price"><c:out value="${product.price()}"/></span>
            <form method="post" action="${pageContext.request.contextPath}/cart/add">
                <input type="hidden" name="csrf" value="${csrfToken}">
                <input type="hidden" name="productId" value="${product.id()}">
                <input type="hidden" name="quantity" value="1">
                <button type="submit">Add to cart</button>
            </form>
        </li>
    </c:forEach>
</ul>
<%@ include file="layout/footer.jspf" %>
