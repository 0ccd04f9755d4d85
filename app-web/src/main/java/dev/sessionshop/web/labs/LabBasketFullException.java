package dev.sessionshop.web.labs;

import java.io.Serial;

/** Lab 1's basket already holds {@link LabBasket#MAX_ITEMS} items; answered with 409, the basket unchanged. */
public class LabBasketFullException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public LabBasketFullException() {
        super("The lab basket holds at most " + LabBasket.MAX_ITEMS + " items; send {\"change\": \"reset\"} to start "
                + "again with an empty one.", null, false, false);
    }
}
