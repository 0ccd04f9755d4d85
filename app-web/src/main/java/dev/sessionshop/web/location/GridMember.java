package dev.sessionshop.web.location;

/**
 * One member of the data grid: the Payara instance name it registered (its {@code --name}) when that is
 * known, else its data-grid address, and whether it is the instance answering this request.
 */
public record GridMember(String name, String address, boolean local) {
}
