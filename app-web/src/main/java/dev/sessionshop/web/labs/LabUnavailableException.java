package dev.sessionshop.web.labs;

import java.io.Serial;

/**
 * A lab cannot run here: the labs are off in this deployment (403), or too few instances are up and listed
 * (409). The message says which, and what to do.
 */
public class LabUnavailableException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What an instance answers when the deployment did not switch the labs on. */
    public static final String LABS_OFF = "The labs are switched off in this deployment: they fire requests at the "
            + "other instances and plant deliberately broken session values. Start the shop with "
            + "SHOP_LABS_ENABLED=true (deployment/shop and docker-compose.yml do).";

    private final int status;

    public LabUnavailableException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static LabUnavailableException labsOff() {
        return new LabUnavailableException(403, LABS_OFF);
    }

    public int status() {
        return status;
    }
}
