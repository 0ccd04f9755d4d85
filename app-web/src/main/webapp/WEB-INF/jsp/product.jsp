<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="${product.name()}"/>
<%@ include file="layout/header.jspf" %>
<article class="product">
    <img src="${pageContext.request.contextPath}/images/products/${product.id()}.svg" alt="" width="280" height="280">
    <div>
        <h1><c:out value="${product.name()}"/></h1>
        <p><c:out value="${product.description()}"/></p>
        <p class="price"><c:out value="${product.price()}"/></p>
        <form method="post" action="${pageContext.request.contextPath}/cart/add" class="add">
            <input type="hidden" name="csrf" value="${csrfToken}">
            <input type="hidden" name="productId" value="${product.id()}">
            <label>Quantity <input type="number" name="quantity" value="1" min="1" max="99" required></label>
            <button type="submit">Add to cart</button>
        </form>
        <p><a href="${pageContext.request.contextPath}/">← All products</a></p>
    </div>
</article>
<%@ include file="layout/footer.jspf" %>
