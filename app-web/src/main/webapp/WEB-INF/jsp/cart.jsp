<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Cart"/>
<%@ include file="layout/header.jspf" %>
<h1>Your cart</h1>
<c:choose>
    <c:when test="${cart.isEmpty()}">
        <p class="empty" id="cart-empty">Your cart is empty. <a href="${pageContext.request.contextPath}/">Browse the products.</a></p>
    </c:when>
    <c:otherwise>
        <table class="cart" id="cart-lines">
            <thead><tr><th>Product</th><th>Quantity</th><th class="num">Price</th><th class="num">Total</th><th></th></tr></thead>
            <tbody>
            <c:forEach var="line" items="${cart.lines()}">
                <tr data-product="${line.product().id()}">
                    <td><a href="${pageContext.request.contextPath}/products/${line.product().id()}"><c:out value="${line.product().name()}"/></a></td>
                    <td>
                        <form method="post" action="${pageContext.request.contextPath}/cart/update" class="inline">
                            <input type="hidden" name="csrf" value="${csrfToken}">
                            <input type="hidden" name="productId" value="${line.product().id()}">
                            <input type="number" name="quantity" value="${line.quantity()}" min="1" max="99" aria-label="Quantity" required>
                            <button type="submit">Update</button>
                        </form>
                    </td>
                    <td class="num"><c:out value="${line.product().price().amount()}"/></td>
                    <td class="num line-total"><c:out value="${line.lineTotal().amount()}"/></td>
                    <td>
                        <form method="post" action="${pageContext.request.contextPath}/cart/remove" class="inline">
                            <input type="hidden" name="csrf" value="${csrfToken}">
                            <input type="hidden" name="productId" value="${line.product().id()}">
                            <button type="submit" class="link">Remove</button>
                        </form>
                    </td>
                </tr>
            </c:forEach>
            </tbody>
            <tfoot>
            <tr><td>Items</td><td id="cart-item-count"><c:out value="${cart.itemCount()}"/></td><td class="num">Subtotal</td>
                <td class="num" id="cart-subtotal"><c:out value="${cart.subtotal()}"/></td><td></td></tr>
            </tfoot>
        </table>
        <form method="post" action="${pageContext.request.contextPath}/cart/empty">
            <input type="hidden" name="csrf" value="${csrfToken}">
            <button type="submit" class="secondary">Empty the cart</button>
        </form>
    </c:otherwise>
</c:choose>
<%@ include file="layout/footer.jspf" %>
