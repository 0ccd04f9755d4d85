package dev.sessionshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.catalog.Money;
import dev.sessionshop.catalog.ProductCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class CartServiceTest {

    private final CartService service = new CartService(ProductCatalog.loadedFromResource());

    /** Two espresso beans (14.50) and one mug (18.00). */
    private Cart beansAndMug() {
        return service.add(service.add(Cart.empty(), "espresso-beans", 2), "stoneware-mug", 1);
    }

    @Test
    void computesLineTotalsItemCountAndSubtotal() {
        CartView view = service.view(beansAndMug());

        assertEquals(List.of("espresso-beans", "stoneware-mug"),
                view.lines().stream().map(line -> line.product().id()).toList());
        assertEquals(Money.of("29.00", "EUR"), view.lines().get(0).lineTotal());
        assertEquals(3, view.itemCount());
        assertEquals(Money.of("47.00", "EUR"), view.subtotal());
    }

    @Test
    void emptyCartCostsNothing() {
        CartView view = service.view(Cart.empty());

        assertTrue(view.isEmpty());
        assertEquals(0, view.itemCount());
        assertEquals(Money.of("0.00", "EUR"), view.subtotal());
    }

    @Test
    void addingAProductTwiceIncreasesItsLine() {
        Cart cart = service.add(beansAndMug(), "espresso-beans", 3);

        assertEquals(5, cart.quantityOf("espresso-beans"));
        assertEquals(2, cart.quantities().size());
    }

    @Test
    void changesTheQuantityOfALine() {
        Cart cart = service.changeQuantity(beansAndMug(), "stoneware-mug", 4);

        assertEquals(4, cart.quantityOf("stoneware-mug"));
        assertEquals(Money.of("101.00", "EUR"), service.view(cart).subtotal());
    }

    @Test
    void removesALineAndEmptiesTheCart() {
        Cart cart = service.remove(beansAndMug(), "espresso-beans");

        assertEquals(List.of("stoneware-mug"), List.copyOf(cart.quantities().keySet()));
        assertTrue(service.empty().isEmpty());
    }

    @Test
    void changesLeaveTheOriginalCartUntouched() {
        Cart before = beansAndMug();

        service.add(before, "kettle", 1);
        service.remove(before, "espresso-beans");

        assertEquals(beansAndMug(), before);
    }

    @Test
    void refusesAnUnknownProduct() {
        Cart before = beansAndMug();

        UnknownProductException e = assertThrows(UnknownProductException.class,
                () -> service.add(before, "no-such-thing", 1));

        assertEquals("There is no product with id 'no-such-thing'.", e.getMessage());
    }

    @Test
    void refusesQuantitiesOutsideOneToNinetyNine() {
        assertThrows(InvalidQuantityException.class, () -> service.add(Cart.empty(), "kettle", 0));
        assertThrows(InvalidQuantityException.class, () -> service.add(Cart.empty(), "kettle", 100));
        assertThrows(InvalidQuantityException.class, () -> service.changeQuantity(beansAndMug(), "stoneware-mug", -2));
    }

    @Test
    void refusesToGrowALinePastNinetyNine() {
        Cart cart = service.add(Cart.empty(), "kettle", 60);

        InvalidQuantityException e = assertThrows(InvalidQuantityException.class,
                () -> service.add(cart, "kettle", 40));

        assertTrue(e.getMessage().contains("at most 99"), e.getMessage());
    }

    @Test
    void refusesToChangeOrRemoveALineThatIsNotInTheCart() {
        LineNotInCartException e = assertThrows(LineNotInCartException.class,
                () -> service.changeQuantity(beansAndMug(), "kettle", 2));
        assertThrows(LineNotInCartException.class, () -> service.remove(Cart.empty(), "kettle"));

        assertEquals("Gooseneck Kettle is not in your cart.", e.getMessage());
    }

    @Test
    void cartSurvivesJavaSerializationAsReplicationDoes() throws IOException, ClassNotFoundException {
        Cart cart = beansAndMug();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cart);
        }

        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Cart copy = (Cart) in.readObject();
            assertEquals(cart, copy);
            assertEquals(List.of("espresso-beans", "stoneware-mug"), List.copyOf(copy.quantities().keySet()));
        }
    }
}
